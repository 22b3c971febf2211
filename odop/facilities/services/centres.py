"""Registering centres and their machines (national admins through the admin, and the demo)."""

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import transaction

from odop.accounts.models import User
from odop.core.models import row_create
from odop.facilities.models import Centre, Equipment, EquipmentStatus, OpeningHours
from odop.geography.models import District
from odop.registry.models import DistrictProduct


@transaction.atomic
def centre_create(
    *,
    name: str,
    district: District,
    category: str,
    sanctioned_cost: Decimal,
    address: str,
    week: Mapping[int, tuple[dt.time, dt.time]],
    operators: Iterable[User] = (),
    products: Iterable[DistrictProduct] = (),
    implementing_agency: str = "",
    cluster: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
) -> Centre:
    """A new centre with its weekly opening hours, operators and products (each row checked
    with `full_clean` before it is written; history rows by simple_history)."""
    centre = row_create(
        Centre,
        name=name,
        district=district,
        category=category,
        sanctioned_cost=sanctioned_cost,
        address=address,
        implementing_agency=implementing_agency,
        cluster=cluster,
        latitude=latitude,
        longitude=longitude,
    )
    for weekday, (opens, closes) in sorted(week.items()):
        row_create(OpeningHours, centre=centre, weekday=weekday, opens=opens, closes=closes)
    centre.operators.set(list(operators))
    centre.products.set(list(products))
    return centre


@transaction.atomic
def equipment_add(
    *,
    centre: Centre,
    name: str,
    capacity: int,
    unit: str,
    hourly_rate: Decimal,
    status: str = EquipmentStatus.WORKING,
) -> Equipment:
    """A machine added to a centre (checked before it is written)."""
    return row_create(
        Equipment,
        centre=centre,
        name=name,
        capacity=capacity,
        unit=unit,
        hourly_rate=hourly_rate,
        status=status,
    )
