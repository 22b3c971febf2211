"""The events API (issue 16): the organiser's flow end to end, the role matrix, 404s, and bad
registration data (unknown HS code, slot outside the event, cap below zero) answered 400 with a
code and nothing written."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.events.models import Event, Meeting, Registration
from odop.events.selectors import district_event_totals
from odop.events.tests.factories import event_with_slots, verified_producer
from odop.geography.tests.factories import StateFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/events"


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _codes(response: Any) -> str:
    return str(response.json())


EVENT = {
    "name": "North-East buyer-seller meet",
    "kind": "buyer_seller_meet",
    "organiser_name": "Government of Assam",
    "venue": "Assam Administrative Staff College",
    "country": "IN",
    "city": "Guwahati",
    "starts_on": "2027-01-15",
    "ends_on": "2027-01-15",
    "time_zone": "Asia/Kolkata",
    "tables": 2,
    "slot_starts": ["2027-01-15T10:00:00+05:30", "2027-01-15T10:30:00+05:30"],
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.NATIONAL_ADMIN, 201),
        (Role.STATE_OFFICER, 201),
        (Role.MISSION_OFFICER, 201),
        (Role.DISTRICT_OFFICER, 403),
        (Role.PRODUCER, 403),
        (Role.BUYER, 403),
        (None, 403),
    ],
)
def test_who_creates_events(role: str | None, expected: int) -> None:
    fields: dict[str, Any] = {"role": role}
    if role == Role.STATE_OFFICER:
        fields["state"] = StateFactory.create()
    if role == Role.DISTRICT_OFFICER:
        _, producer = verified_producer()
        fields["district"] = producer.district
    user = UserFactory.create(**fields) if role else None
    response = _client(user).post(f"{API}/", EVENT, format="json")
    assert response.status_code in ((expected,) if expected != 403 else (401, 403))
    assert Event.objects.count() == (1 if expected == 201 else 0)
    if expected == 201:
        assert response.json()["slots"] == ["s01", "s02"]


def test_the_whole_flow_register_approve_schedule_outcome_totals() -> None:
    admin = UserFactory.create(role=Role.NATIONAL_ADMIN)
    event_id = _client(admin).post(f"{API}/", EVENT, format="json").json()["id"]
    seller_user, producer = verified_producer()
    officer = producer.verified_by
    buyer = UserFactory.create(role=Role.BUYER)
    seller_reg = _client(seller_user).post(
        f"{API}/{event_id}/registrations/",
        {"side": "seller", "hs_codes": ["570110"], "available": ["s01", "s02"], "max_meetings": 2},
        format="json",
    )
    assert seller_reg.status_code == 201, seller_reg.json()
    assert seller_reg.json()["status"] == "pending"
    buyer_reg = _client(buyer).post(
        f"{API}/{event_id}/registrations/",
        {
            "side": "buyer",
            "company": "Kilim Imports GmbH",
            "country": "DE",
            "hs_codes": ["5701"],
            "available": ["s02"],
            "max_meetings": 3,
        },
        format="json",
    )
    assert buyer_reg.status_code == 201
    decide = f"{API}/{event_id}/registrations/{seller_reg.json()['id']}/decide/"
    # The seller cannot approve themselves (and does not see... their own: 403), the buyer
    # cannot see it (404), another district's officer cannot see it (404).
    assert _client(seller_user).post(decide, {"approve": True}).status_code == 403
    assert _client(buyer).post(decide, {"approve": True}).status_code == 404
    _, other = verified_producer()
    assert _client(other.verified_by).post(decide, {"approve": True}).status_code == 404
    assert _client(officer).post(decide, {"approve": True}).status_code == 200
    assert _client(officer).post(decide, {"approve": True}).status_code == 400
    # Only organisers schedule.
    assert _client(buyer).post(f"{API}/{event_id}/schedule/").status_code == 403
    schedule = _client(admin).post(f"{API}/{event_id}/schedule/")
    assert schedule.status_code == 200
    assert [(m["slot"], m["table"]) for m in schedule.json()] == [("s02", 1)]
    # The seller sees their meeting; the other producer sees none.
    assert len(_client(seller_user).get(f"{API}/{event_id}/meetings/").json()) == 1
    meeting_id = schedule.json()[0]["id"]
    outcome = f"{API}/{event_id}/meetings/{meeting_id}/outcome/"
    assert _client(seller_user).post(outcome, {"held": True}).status_code == 403
    assert _client(other.user).post(outcome, {"held": True}).status_code == 404
    bad = _client(admin).post(outcome, {"held": False, "result": "order"}, format="json")
    assert bad.status_code == 400 and "not_held" in _codes(bad)
    done = _client(admin).post(
        outcome,
        {"held": True, "result": "order", "value": "250000.00", "currency": "INR"},
        format="json",
    )
    assert done.status_code == 200, done.json()
    totals = _client().get(f"{API}/{event_id}/totals/").json()
    assert totals["meetings_held"] == 1 and totals["orders"] == 1
    assert totals["value_by_currency"] == {"INR": "250000.00"}
    assert district_event_totals(district=producer.district).orders == 1
    # Re-planning keeps the meeting, its place and its outcome.
    again = _client(admin).post(f"{API}/{event_id}/schedule/").json()
    assert [(m["slot"], m["table"], m["result"]) for m in again] == [("s02", 1, "order")]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"hs_codes": ["123456"]}, "unknown_hs_code"),
        ({"hs_codes": ["57"]}, "invalid_hs_code"),
        ({"available": ["s09"]}, "slot_outside_event"),
        ({"max_meetings": -1}, "max_meetings"),
        ({"max_meetings": 201}, "max_meetings"),
    ],
)
def test_bad_registration_data_is_a_400_and_writes_nothing(
    change: dict[str, Any], code: str
) -> None:
    event = event_with_slots(2)
    buyer = UserFactory.create(role=Role.BUYER)
    body = {
        "side": "buyer",
        "company": "A",
        "hs_codes": ["570110"],
        "available": ["s01"],
        "max_meetings": 2,
    }
    response = _client(buyer).post(
        f"{API}/{event.pk}/registrations/", {**body, **change}, format="json"
    )
    assert response.status_code == 400
    assert code in _codes(response)
    assert Registration.objects.count() == 0


def test_only_verified_producers_register_as_sellers() -> None:
    event = event_with_slots(2)
    user = UserFactory.create(role=Role.PRODUCER)
    response = _client(user).post(
        f"{API}/{event.pk}/registrations/",
        {"side": "seller", "hs_codes": ["570110"], "available": ["s01"], "max_meetings": 2},
        format="json",
    )
    assert response.status_code == 400 and "not_verified_producer" in _codes(response)


def test_unknown_event_is_404_and_totals_are_public() -> None:
    assert _client().get(f"{API}/999999/totals/").status_code == 404
    buyer = UserFactory.create(role=Role.BUYER)
    assert _client(buyer).post(f"{API}/999999/registrations/", {}, format="json").status_code == 404
    event = event_with_slots(1)
    assert _client().get(f"{API}/{event.pk}/totals/").json()["meetings_held"] == 0


def test_state_officer_organises_only_their_states_events() -> None:
    state = StateFactory.create()
    officer = UserFactory.create(role=Role.STATE_OFFICER, state=state)
    theirs = event_with_slots(1, state=state)
    other = event_with_slots(1, state=StateFactory.create())
    assert _client(officer).post(f"{API}/{theirs.pk}/schedule/").status_code == 200
    assert _client(officer).post(f"{API}/{other.pk}/schedule/").status_code == 403
    assert Meeting.objects.count() == 0


def test_event_list_is_public_in_fixed_queries(django_assert_num_queries: Any) -> None:
    for _ in range(3):
        event_with_slots(2)
    with django_assert_num_queries(3):  # the page, its count, the slots
        response = _client().get(f"{API}/")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3
