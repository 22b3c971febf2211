"""The database guards the statistics' invariants, whatever writes them (issue #3)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction

from odop.evidence.tests.factories import DistrictStatisticFactory
from odop.registry.models import Sector

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "values"),
    [
        ("negative production", {"production": Decimal(-1)}),
        ("negative workers", {"workers": -1}),
        ("negative units", {"units": -1}),
        ("no figure at all", {"production": None, "workers": None, "units": None}),
        ("production without its unit", {"production_unit": ""}),
        ("a product type and a sector", {"sector": Sector.HANDLOOM}),
        ("an implausible year", {"year": 1850}),
    ],
)
def test_constraints_refuse(place: SimpleNamespace, _case: str, values: dict) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        DistrictStatisticFactory.create(district=place.patna, **values)


def test_one_row_per_district_year_and_subject(place: SimpleNamespace) -> None:
    DistrictStatisticFactory.create(district=place.patna, product_type=place.litchi)
    DistrictStatisticFactory.create(district=place.patna, product_type=place.litchi, year=2021)

    with pytest.raises(IntegrityError), transaction.atomic():
        DistrictStatisticFactory.create(district=place.patna, product_type=place.litchi)
