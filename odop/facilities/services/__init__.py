"""Write-side use cases of the Common Facility Centres: centres, bookings, utilisation."""

from odop.facilities.services.bookings import booking_create as booking_create
from odop.facilities.services.bookings import booking_transition as booking_transition
from odop.facilities.services.centres import centre_create as centre_create
from odop.facilities.services.centres import equipment_add as equipment_add
from odop.facilities.services.utilisation import (
    utilisation_report_correct as utilisation_report_correct,
)
from odop.facilities.services.utilisation import (
    utilisation_report_file as utilisation_report_file,
)
from odop.facilities.services.utilisation import utilisation_upload as utilisation_upload
