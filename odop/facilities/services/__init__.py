"""Write-side use cases of the Common Facility Centres: centres, bookings, utilisation."""

from odop.facilities.services.bookings import booking_create as booking_create
from odop.facilities.services.bookings import booking_transition as booking_transition
from odop.facilities.services.centres import centre_create as centre_create
from odop.facilities.services.centres import centre_operators_set as centre_operators_set
from odop.facilities.services.centres import centre_update as centre_update
from odop.facilities.services.centres import equipment_add as equipment_add
from odop.facilities.services.centres import equipment_update as equipment_update
from odop.facilities.services.centres import operator_find as operator_find
from odop.facilities.services.utilisation import (
    utilisation_report_correct as utilisation_report_correct,
)
from odop.facilities.services.utilisation import (
    utilisation_report_file as utilisation_report_file,
)
from odop.facilities.services.utilisation import utilisation_upload as utilisation_upload
