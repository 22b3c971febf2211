"""Role matrix for every write of issue #2: correcting a district product and recording a
district spelling. Each role × own scope / other scope, through the API (token and session)."""

import pytest
from rest_framework.test import APIClient

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import DistrictAlias
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.registry.tests.factories import DistrictProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    home_state = StateFactory(lgd_code=10, name="Bihar")
    other_state = StateFactory(lgd_code=21, name="Odisha")
    home = DistrictFactory(lgd_code=212, name="Patna", state=home_state)
    neighbour = DistrictFactory(lgd_code=192, name="Bhagalpur", state=home_state)
    far = DistrictFactory(lgd_code=346, name="Baleshwar", state=other_state)
    users = {
        "national": UserFactory(role=Role.NATIONAL_ADMIN),
        "state_officer": UserFactory(role=Role.STATE_OFFICER, state=home_state),
        "district_officer": UserFactory(role=Role.DISTRICT_OFFICER, district=home),
        "producer": UserFactory(role=Role.PRODUCER),
        "buyer": UserFactory(role=Role.BUYER),
        "mission_officer": UserFactory(role=Role.MISSION_OFFICER),
    }
    return {"districts": {"home": home, "neighbour": neighbour, "far": far}, "users": users}


# who → which districts' products they may change (home = their district, neighbour = same
# State, far = another State)
MATRIX = {
    "anonymous": set(),
    "national": {"home", "neighbour", "far"},
    "state_officer": {"home", "neighbour"},
    "district_officer": {"home"},
    "producer": set(),
    "buyer": set(),
    "mission_officer": set(),
}


def client_for(world, who: str) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if who != "anonymous":
        client.force_authenticate(world["users"][who])
    return client


@pytest.mark.parametrize("who", list(MATRIX))
@pytest.mark.parametrize("where", ["home", "neighbour", "far"])
def test_product_correction(world, who: str, where: str) -> None:  # type: ignore[no-untyped-def]
    product = DistrictProductFactory(district=world["districts"][where], description="old")
    response = client_for(world, who).patch(
        f"/api/v1/products/{product.pk}/", {"description": "new"}, format="json"
    )
    product.refresh_from_db()
    if where in MATRIX[who]:
        assert response.status_code == 200
        assert product.description == "new"
        last = product.history.first()
        assert last.history_user == world["users"][who]
    else:
        assert response.status_code == (401 if who == "anonymous" else 403)
        assert product.description == "old"


@pytest.mark.parametrize("who", list(MATRIX))
@pytest.mark.parametrize("where", ["home", "neighbour", "far"])
def test_district_alias(world, who: str, where: str) -> None:  # type: ignore[no-untyped-def]
    district = world["districts"][where]
    response = client_for(world, who).post(
        f"/api/v1/districts/{district.lgd_code}/aliases/", {"spelling": "Old Name"}, format="json"
    )
    exists = DistrictAlias.objects.filter(district=district, key="old name").exists()
    if where in MATRIX[who]:
        assert response.status_code == 201
        assert exists is True
    else:
        assert response.status_code == (401 if who == "anonymous" else 403)
        assert exists is False


def test_alias_naming_another_district_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    response = client_for(world, "national").post(
        "/api/v1/districts/212/aliases/", {"spelling": "Bhagalpur"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"][0] == (
        "“Bhagalpur” already names Bhagalpur in this State."
    )


def test_unknown_objects_answer_404(world) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world, "national")
    assert (
        client.patch("/api/v1/products/999999/", {"description": "x"}, format="json").status_code
        == 404
    )
    assert (
        client.post(
            "/api/v1/districts/999999/aliases/", {"spelling": "x"}, format="json"
        ).status_code
        == 404
    )


def test_invalid_sector_is_a_400_with_code(world) -> None:  # type: ignore[no-untyped-def]
    product = DistrictProductFactory(district=world["districts"]["home"])
    response = client_for(world, "national").patch(
        f"/api/v1/products/{product.pk}/", {"sector": "spaceships"}, format="json"
    )
    assert response.status_code == 400
    assert "sector" in response.json()
