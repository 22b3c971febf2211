"""/api/v1/cfcs/: the public list and detail, booking (201 and the 400 codes), the booking
moves, 403/404 by role (issue 15)."""

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.facilities.models import Booking, BookingStatus
from odop.facilities.tests.conftest import Place
from odop.facilities.tests.factories import CentreFactory, EquipmentFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/cfcs"


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _slot(start: dt.datetime, hours: int = 2) -> dict[str, Any]:
    return {"start": start.isoformat(), "end": (start + dt.timedelta(hours=hours)).isoformat()}


def test_list_shows_centres_with_equipment_in_fixed_queries(
    place: Place, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        EquipmentFactory.create(centre=CentreFactory.create())
    # count, page of centres, their equipment, their hours
    with django_assert_num_queries(4):
        response = _client().get(f"{API}/")
    assert response.status_code == 200
    assert response.data["count"] == 4
    first = next(c for c in response.data["results"] if c["id"] == place.centre.pk)
    assert first["equipment"][0]["name"] == place.machine.name
    assert first["equipment"][0]["hourly_rate"] == "250.00"
    assert len(first["opening_hours"]) == 5


def test_list_filters_by_district_and_refuses_a_bad_code(place: Place) -> None:
    CentreFactory.create()
    response = _client().get(f"{API}/", {"district": place.centre.district.lgd_code})
    assert [c["id"] for c in response.data["results"]] == [place.centre.pk]
    response = _client().get(f"{API}/", {"state": place.centre.district.state.lgd_code})
    assert [c["id"] for c in response.data["results"]] == [place.centre.pk]
    response = _client().get(f"{API}/", {"district": "abc"})
    assert response.status_code == 400
    assert "codes" in response.data


def test_detail_and_404(place: Place) -> None:
    assert _client().get(f"{API}/{place.centre.pk}/").data["name"] == place.centre.name
    assert _client().get(f"{API}/999999/").status_code == 404


def test_a_verified_producer_books_201(place: Place, monday: dt.datetime) -> None:
    response = _client(place.producer).post(
        f"{API}/{place.centre.pk}/bookings/",
        {"equipment": place.machine.pk, **_slot(monday)},
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.data["status"] == "requested"
    assert response.data["charge"] == "500.00"


def test_booking_codes(place: Place, monday: dt.datetime) -> None:
    client = _client(place.producer)
    url = f"{API}/{place.centre.pk}/bookings/"
    client.post(url, {"equipment": place.machine.pk, **_slot(monday)}, format="json")
    cases = [
        ({"equipment": place.machine.pk, **_slot(monday + dt.timedelta(hours=1))}, "slot_taken"),
        ({"equipment": place.machine.pk, **_slot(monday.replace(hour=17))}, "outside_hours"),
        (
            {"equipment": place.machine.pk, **_slot(monday - dt.timedelta(days=30))},
            "in_past",
        ),
        (
            {"equipment": place.machine.pk, "start": "2030-01-07T10:00", "end": "2030-01-07T11:00"},
            "naive_datetime",
        ),
    ]
    for body, code in cases:
        response = client.post(url, body, format="json")
        assert response.status_code == 400
        assert response.data["codes"]["start"] == [code], response.data
    assert Booking.objects.count() == 1


def test_adjacent_booking_is_allowed(place: Place, monday: dt.datetime) -> None:
    client = _client(place.producer)
    url = f"{API}/{place.centre.pk}/bookings/"
    assert (
        client.post(
            url, {"equipment": place.machine.pk, **_slot(monday)}, format="json"
        ).status_code
        == 201
    )
    later = monday + dt.timedelta(hours=2)
    assert (
        client.post(url, {"equipment": place.machine.pk, **_slot(later)}, format="json").status_code
        == 201
    )


def test_a_machine_of_another_centre_is_404(place: Place, monday: dt.datetime) -> None:
    other = EquipmentFactory.create(centre=CentreFactory.create())
    response = _client(place.producer).post(
        f"{API}/{place.centre.pk}/bookings/",
        {"equipment": other.pk, **_slot(monday)},
        format="json",
    )
    assert response.status_code == 404
    assert Booking.objects.exists() is False


@pytest.mark.parametrize(
    ("role_case", "status"),
    [("anonymous", 401), ("buyer", 403), ("cfc_operator", 403), ("district_officer", 403)],
)
def test_booking_role_matrix(
    place: Place, monday: dt.datetime, role_case: str, status: int
) -> None:
    user = (
        None
        if role_case == "anonymous"
        else UserFactory.create(role=role_case, district=place.centre.district)
    )
    response = _client(user).post(
        f"{API}/{place.centre.pk}/bookings/",
        {"equipment": place.machine.pk, **_slot(monday)},
        format="json",
    )
    assert response.status_code == status
    assert Booking.objects.exists() is False


def test_operator_confirms_and_others_get_404_or_403(place: Place, monday: dt.datetime) -> None:
    created = _client(place.producer).post(
        f"{API}/{place.centre.pk}/bookings/",
        {"equipment": place.machine.pk, **_slot(monday)},
        format="json",
    )
    booking_id = created.data["id"]
    stranger = UserFactory.create(role=Role.CFC_OPERATOR)
    assert _client(stranger).post(f"{API}/bookings/{booking_id}/confirm/").status_code == 404
    assert _client(stranger).get(f"{API}/bookings/{booking_id}/").status_code == 404
    assert _client(place.producer).post(f"{API}/bookings/{booking_id}/confirm/").status_code == 403
    response = _client(place.operator).post(f"{API}/bookings/{booking_id}/confirm/")
    assert response.status_code == 200
    assert response.data["status"] == "confirmed"
    response = _client(place.operator).post(f"{API}/bookings/{booking_id}/use/")
    assert response.status_code == 400
    assert response.data["codes"]["non_field_errors"] == ["not_started"]
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=place.centre.district)
    assert _client(officer).get(f"{API}/bookings/{booking_id}/").status_code == 200
    response = _client(place.producer).post(f"{API}/bookings/{booking_id}/cancel/")
    assert response.status_code == 200
    assert Booking.objects.get(pk=booking_id).status == BookingStatus.CANCELLED


def test_list_filters_empty_means_all_and_zero_is_refused(place: Place) -> None:
    # Ref: #15 (schemathesis: a schema-valid `district=0` must be described as refused)
    assert _client().get(f"{API}/", {"district": ""}).data["count"] == 1
    response = _client().get(f"{API}/", {"district": "0"})
    assert response.status_code == 400
    assert response.data["codes"]["district"] == ["min_value"]
