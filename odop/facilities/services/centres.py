"""Registering and keeping centres and their machines: officers on the registry pages,
national admins in the admin, and the demo. History rows by simple_history (the request's
user through its middleware)."""

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.core.models import row_create
from odop.facilities.models import Centre, Equipment, EquipmentStatus, OpeningHours
from odop.geography.models import District
from odop.registry.models import DistrictProduct
from odop.schemes.models import Application, Scheme


def _links_check(
    *,
    district: District,
    products: list[DistrictProduct],
    operators: list[User],
    scheme: Scheme | None,
    application: Application | None,
) -> None:
    """The products are the district's, the operators hold the CFC operator role, and a
    linked application is of the centre's district and scheme."""
    errors: dict[str, ValidationError] = {}
    if any(product.district_id != district.pk for product in products):
        errors["products"] = ValidationError(
            _("Choose products of the centre's district."), code="product_not_in_district"
        )
    if any(operator.role != Role.CFC_OPERATOR for operator in operators):
        errors["operators"] = ValidationError(
            _("Operators must be accounts with the CFC operator role."), code="not_operator"
        )
    if application is not None:
        if application.district_id != district.pk:
            errors["application"] = ValidationError(
                _("The application is of another district."), code="application_district"
            )
        elif scheme is None or application.scheme_id != scheme.pk:
            errors["application"] = ValidationError(
                _("The application is under another scheme."), code="application_scheme"
            )
    if errors:
        raise ValidationError(errors)


def _week_set(centre: Centre, week: Mapping[int, tuple[dt.time, dt.time]]) -> None:
    """Replace the centre's weekly opening hours (one history row per change)."""
    kept = {row.weekday: row for row in centre.opening_hours.all()}
    for weekday, gone in kept.items():
        if weekday not in week:
            gone.delete()
    for weekday, (opens, closes) in sorted(week.items()):
        row = kept.get(weekday)
        if row is None:
            row_create(OpeningHours, centre=centre, weekday=weekday, opens=opens, closes=closes)
        elif (row.opens, row.closes) != (opens, closes):
            row.opens, row.closes = opens, closes
            row.full_clean()
            row.save()


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
    scheme: Scheme | None = None,
    application: Application | None = None,
) -> Centre:
    """A new centre with its weekly opening hours, operators and products (each row checked
    with `full_clean` before it is written; history rows by simple_history)."""
    operators = list(operators)
    products = list(products)
    _links_check(
        district=district,
        products=products,
        operators=operators,
        scheme=scheme,
        application=application,
    )
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
        scheme=scheme,
        application=application,
    )
    _week_set(centre, week)
    centre.operators.set(operators)
    centre.products.set(products)
    return centre


CENTRE_FIELDS = (
    "name",
    "category",
    "sanctioned_cost",
    "address",
    "implementing_agency",
    "cluster",
    "latitude",
    "longitude",
    "scheme",
    "application",
)


@transaction.atomic
def centre_update(
    *,
    centre: Centre,
    week: Mapping[int, tuple[dt.time, dt.time]],
    products: Iterable[DistrictProduct],
    **fields: object,
) -> Centre:
    """Change a centre's particulars (the district stays), its opening hours and products.
    Everything is checked before anything is written; a refusal writes nothing."""
    unknown = set(fields) - set(CENTRE_FIELDS)
    if unknown:
        raise TypeError(f"not a centre field: {sorted(unknown)}")
    products = list(products)
    row = Centre.objects.select_for_update().get(pk=centre.pk)
    for name, value in fields.items():
        setattr(row, name, value)
    _links_check(
        district=row.district,
        products=products,
        operators=[],
        scheme=row.scheme,
        application=row.application,
    )
    row.full_clean()
    row.save()
    _week_set(row, week)
    row.products.set(products)
    return row


@transaction.atomic
def centre_operators_set(*, centre: Centre, operators: Iterable[User]) -> Centre:
    """Name the centre's operators (accounts with the CFC operator role)."""
    operators = list(operators)
    _links_check(
        district=centre.district,
        products=[],
        operators=operators,
        scheme=None,
        application=None,
    )
    centre.operators.set(operators)
    centre.save(update_fields=["updated_at"])  # a history row records who changed them
    return centre


def operator_find(identifier: str) -> User:
    """The active CFC operator account with this username or e-mail address, else a
    ValidationError coded `unknown_operator`."""
    identifier = identifier.strip()
    found = User.objects.filter(is_active=True, role=Role.CFC_OPERATOR).filter(
        username__iexact=identifier
    ).first() or (
        User.objects.filter(is_active=True, role=Role.CFC_OPERATOR, email__iexact=identifier)
        .order_by("pk")
        .first()
        if "@" in identifier
        else None
    )
    if found is None:
        raise ValidationError(
            {
                "operator": ValidationError(
                    _("No CFC operator account has this username or e-mail address."),
                    code="unknown_operator",
                )
            }
        )
    return found


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


EQUIPMENT_FIELDS = ("name", "capacity", "unit", "hourly_rate", "status")


@transaction.atomic
def equipment_update(*, equipment: Equipment, **fields: object) -> Equipment:
    """Change a machine's particulars or status (checked before it is written)."""
    unknown = set(fields) - set(EQUIPMENT_FIELDS)
    if unknown:
        raise TypeError(f"not an equipment field: {sorted(unknown)}")
    row = Equipment.objects.select_for_update().get(pk=equipment.pk)
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    return row
