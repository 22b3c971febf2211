"""A small world for the MIS and the district maps: two States, four districts (one created
after 2019, with no shape), products, producers and orders, and a tiny district boundaries file
laid out like the real one (object `india-districts-2019-734`, plain longitude/latitude)."""

import json
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.models import Order, OrderStatus, PaymentStatus
from odop.bazaar.tests.factories import ListingFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.producers.models import ProducerStatus
from odop.producers.tests.factories import ProducerFactory
from odop.registry.models import Sector
from odop.registry.tests.factories import DistrictProductFactory
from odop.reports.districtmap import BOUNDARIES_FILE, DISTRICTS_OBJECT


def _square(west: float, south: float) -> list[list[float]]:
    return [
        [west, south],
        [west + 1, south],
        [west + 1, south + 1],
        [west, south + 1],
        [west, south],
    ]


def tiny_districts_topology() -> dict[str, Any]:
    """Four shapes: Patna by its Census 2011 code; Bhagalpur by name (a later shape whose code
    is 0); a Baleshwar shape carrying Patna's code in Odisha (the code is in another State, so
    the name decides, "Balasore" being its common spelling); Muzaffarabad, a reviewed
    exception joined to no district."""
    shapes = [
        ("Patna", "230", "Bihar", "2011_c", (85.0, 25.0)),
        ("Bhagalpur", "0", "Bihar", "2016_c", (86.5, 25.0)),
        ("Baleshwar", "230", "Odisha", "2011_c", (86.5, 21.0)),
        ("Muzaffarabad", "992", "Jammu and Kashmir", "2011_c", (73.0, 34.0)),
    ]
    return {
        "type": "Topology",
        "arcs": [_square(*origin) for *_rest, origin in shapes],
        "objects": {
            DISTRICTS_OBJECT: {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[index]],
                        "properties": {
                            "district": name,
                            "dt_code": code,
                            "st_nm": state,
                            "st_code": "0",
                            "year": year,
                        },
                    }
                    for index, (name, code, state, year, _origin) in enumerate(shapes)
                ],
            }
        },
    }


@pytest.fixture
def district_boundaries(tmp_path: Path, settings: Settings) -> Path:
    """ODOP_DATA_DIR pointing at a folder holding only the tiny district boundaries file."""
    data = tmp_path / "data"
    (data / BOUNDARIES_FILE).parent.mkdir(parents=True)
    (data / BOUNDARIES_FILE).write_text(json.dumps(tiny_districts_topology()))
    settings.ODOP_DATA_DIR = data
    return data


@pytest.fixture
def world(db: None, district_boundaries: Path) -> SimpleNamespace:
    """The small world of `world_create`."""
    return world_create()


def world_create() -> SimpleNamespace:
    """Bihar (10): Patna (products 2, one GI; 2 verified producers, 1 pending; 2 orders, one
    cancelled), Bhagalpur (1 GI product). Odisha (21): Balasore (1 product), Newpur (created
    after 2019: no shape, no product). Officers of every scope, a buyer, a producer."""
    bihar = StateFactory.create(lgd_code=10, name="Bihar", name_lgd="BIHAR")
    odisha = StateFactory.create(lgd_code=21, name="Odisha", name_lgd="ODISHA")
    patna = DistrictFactory.create(
        lgd_code=212, state=bihar, name="Patna", name_lgd="PATNA", census_2011_code="230"
    )
    bhagalpur = DistrictFactory.create(
        lgd_code=190, state=bihar, name="Bhagalpur", name_lgd="BHAGALPUR", census_2011_code="225"
    )
    balasore = DistrictFactory.create(
        lgd_code=345, state=odisha, name="Balasore", name_lgd="BALESHWAR", census_2011_code="377"
    )
    newpur = DistrictFactory.create(lgd_code=799, state=odisha, name="Newpur", name_lgd="NEWPUR")
    DistrictProductFactory.create(district=patna, name="Makhana", sector=Sector.FOOD_PROCESSING)
    DistrictProductFactory.create(
        district=bhagalpur, name="Bhagalpur Silk", is_gi=True, sector=Sector.HANDLOOM
    )
    DistrictProductFactory.create(district=balasore, name="Pattachitra", sector=Sector.HANDICRAFT)
    listing = ListingFactory.create(
        producer__district=patna, product__is_gi=True, product__name="Madhubani"
    )
    ProducerFactory.create(
        district=patna,
        status=ProducerStatus.VERIFIED,
        verified_by=UserFactory.create(role=Role.NATIONAL_ADMIN),
    )
    ProducerFactory.create(district=patna, status=ProducerStatus.PENDING)
    buyer = UserFactory.create(role=Role.BUYER)
    Order.objects.create(
        listing=listing,
        buyer=buyer,
        quantity=2,
        unit_price=Decimal("1250.50"),
        total=Decimal("2501.00"),
        payment_status=PaymentStatus.PAID,
        paid_at=timezone.now(),
    )
    Order.objects.create(
        listing=listing,
        buyer=buyer,
        quantity=1,
        unit_price=Decimal("999.00"),
        total=Decimal("999.00"),
        status=OrderStatus.CANCELLED,
    )
    users = {
        "national_admin": UserFactory.create(role=Role.NATIONAL_ADMIN),
        "state_officer": UserFactory.create(role=Role.STATE_OFFICER, state=bihar),
        "state_officer_other": UserFactory.create(role=Role.STATE_OFFICER, state=odisha),
        "district_officer": UserFactory.create(role=Role.DISTRICT_OFFICER, district=patna),
        "buyer": buyer,
        "producer": UserFactory.create(role=Role.PRODUCER),
        "mission_officer": UserFactory.create(role=Role.MISSION_OFFICER),
    }
    return SimpleNamespace(
        bihar=bihar,
        odisha=odisha,
        patna=patna,
        bhagalpur=bhagalpur,
        balasore=balasore,
        newpur=newpur,
        listing=listing,
        users=users,
    )
