"""Missions' outreach and consignments (issue 16): who records, the status workflow with its
history rows, bad transitions refused, 404 for consignments out of sight."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.events.models import Consignment, ConsignmentEvent, Outreach
from odop.registry.tests.factories import DistrictProductFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/events"


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.MISSION_OFFICER, 201),
        (Role.NATIONAL_ADMIN, 201),
        (Role.BUYER, 403),
        (Role.PRODUCER, 403),
    ],
)
def test_who_records_outreach(role: str, expected: int) -> None:
    product = DistrictProductFactory.create()
    response = _client(UserFactory.create(role=role)).post(
        f"{API}/outreach/",
        {
            "kind": "odop_wall",
            "country": "JP",
            "held_on": "2026-11-20",
            "products": [product.pk],
            "results": "Two buyers asked for samples.",
        },
        format="json",
    )
    assert response.status_code == expected
    assert Outreach.objects.count() == (1 if expected == 201 else 0)


def _consignment(user: User, product: Any) -> Any:
    return _client(user).post(
        f"{API}/consignments/",
        {
            "product": product.pk,
            "destination_city": "Dubai",
            "destination_country": "AE",
            "quantity": "120",
            "unit": "kg",
            "value": "360000",
            "currency": "INR",
            "partners": "APEDA",
            "documents": "Invoice 17",
        },
        format="json",
    )


def test_consignment_moves_planned_dispatched_delivered_with_history() -> None:
    product = DistrictProductFactory.create()
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=product.district)
    created = _consignment(officer, product)
    assert created.status_code == 201, created.json()
    url = f"{API}/consignments/{created.json()['id']}/status/"
    skip = _client(officer).post(url, {"status": "delivered"})
    assert skip.status_code == 400 and "invalid_transition" in str(skip.json())
    assert _client(officer).post(url, {"status": "dispatched"}).status_code == 200
    done = _client(officer).post(url, {"status": "delivered"})
    assert done.status_code == 200
    assert [(e["from_status"], e["to_status"]) for e in done.json()["events"]] == [
        ("", "planned"),
        ("planned", "dispatched"),
        ("dispatched", "delivered"),
    ]
    assert ConsignmentEvent.objects.count() == 3


def test_consignments_out_of_sight_are_404_and_others_cannot_record() -> None:
    product = DistrictProductFactory.create()
    mission = UserFactory.create(role=Role.MISSION_OFFICER)
    consignment_id = _consignment(mission, product).json()["id"]
    other_officer = UserFactory.create(
        role=Role.DISTRICT_OFFICER, district=DistrictProductFactory.create().district
    )
    assert (
        _client(other_officer)
        .post(f"{API}/consignments/{consignment_id}/status/", {"status": "dispatched"})
        .status_code
        == 404
    )
    assert _client(other_officer).get(f"{API}/consignments/").json()["count"] == 0
    assert _consignment(other_officer, product).status_code == 403
    assert Consignment.objects.count() == 1


def test_bad_consignment_data_writes_nothing() -> None:
    product = DistrictProductFactory.create()
    mission = UserFactory.create(role=Role.MISSION_OFFICER)
    response = _client(mission).post(
        f"{API}/consignments/",
        {
            "product": product.pk,
            "destination_city": "Dubai",
            "destination_country": "AE",
            "quantity": "-1",
            "unit": "kg",
            "value": "1",
            "currency": "INR",
        },
        format="json",
    )
    assert response.status_code == 400
    assert Consignment.objects.count() == 0
