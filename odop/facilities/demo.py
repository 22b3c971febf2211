"""A demo Common Facility Centre for `make run` (demo mode only, issue 15).

One centre in the district of the bazaar's demo producer (Moradabad), open on weekdays from
09:00 to 18:00, run by the demo CFC operator, serving the district's ODOP products, with three
machines. Every write goes through the services. Names say "Demo"; the cost, capacities and
rates are illustrations, not figures of a real centre.
"""

import datetime as dt
from decimal import Decimal
from typing import Final

from django.db import transaction

from odop.accounts.models import User
from odop.facilities import services
from odop.facilities.models import Centre, CentreCategory
from odop.geography.models import District
from odop.registry.models import DistrictProduct

DEMO_CENTRE: Final = "Demo Common Facility Centre"
DEMO_OPERATOR: Final = "demo-cfc-operator"
DEMO_MACHINES: Final = (
    ("Induction melting furnace", 100, "kg per hour", Decimal("400.00")),
    ("Buffing and polishing machine", 40, "pieces per hour", Decimal("150.00")),
    ("Lathe", 20, "pieces per hour", Decimal("200.00")),
)
WEEKDAYS_OPEN: Final = {day: (dt.time(9), dt.time(18)) for day in range(5)}


@transaction.atomic
def facilities_demo_ensure(*, district: District | None) -> Centre | None:
    """The demo centre in `district` (nothing without a district). Idempotent."""
    if district is None:
        return None
    centre = Centre.objects.filter(name=DEMO_CENTRE).first()
    if centre is not None:
        return centre
    operators = list(User.objects.filter(username=DEMO_OPERATOR))
    centre = services.centre_create(
        name=DEMO_CENTRE,
        district=district,
        category=CentreCategory.B,
        sanctioned_cost=Decimal("10000000.00"),
        address="Demo address, not a real centre",
        implementing_agency="Demo SPV",
        week=WEEKDAYS_OPEN,
        operators=operators,
        products=DistrictProduct.objects.filter(district=district),
    )
    for name, capacity, unit, rate in DEMO_MACHINES:
        services.equipment_add(
            centre=centre, name=name, capacity=capacity, unit=unit, hourly_rate=rate
        )
    return centre
