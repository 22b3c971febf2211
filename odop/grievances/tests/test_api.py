"""The grievances API (issue 14): categories, filing (201 with number and due date; bad input
400 with codes and nothing written), the role matrix of reading and answering (404 for those
who may not see), the queue by due date, counts by district and public tracking that shows
nothing personal."""

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory
from odop.grievances.models import Grievance, GrievanceCategory, GrievanceEvent
from odop.grievances.numbers import grievance_number_is_valid
from odop.grievances.services import grievance_file, grievance_reply
from odop.grievances.tests.factories import Place, place_with_officers
from odop.producers.tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/grievances"


@pytest.fixture
def place() -> Place:
    return place_with_officers()


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _body(place: Place, **fields: Any) -> dict[str, Any]:
    return {
        "category": "payment",
        "subject": "Payment not received",
        "description": "Order 17 was delivered on 2 January; no payment yet.",
        "district": place.district.lgd_code,
        **fields,
    }


def _filed(place: Place, actor: User | None = None) -> Grievance:
    return grievance_file(
        actor=actor or place.buyer,
        category=GrievanceCategory.objects.get(code="payment"),
        subject="Payment not received",
        description="Nothing yet.",
        district=place.district,
    )


def test_categories_are_public_with_code_and_names(place: Place) -> None:
    response = _client().get(f"{API}/categories/")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    assert {"bazaar-order", "payment", "scheme-application", "training", "cfc"} <= set(rows)
    assert rows["payment"]["name"] == "Payment"
    assert rows["payment"]["name_hi"] == "भुगतान"
    assert rows["platform"]["level"] == "national"


def test_file_answers_201_with_number_and_due_by(place: Place) -> None:
    response = _client(place.buyer).post(f"{API}/", _body(place), format="json")
    assert response.status_code == 201
    data = response.json()
    assert grievance_number_is_valid(data["number"])
    filed_on = dt.date.fromisoformat(data["filed_on"])
    assert dt.date.fromisoformat(data["due_by"]) == filed_on + dt.timedelta(days=21)
    assert (data["level"], data["status"], data["district"]) == (
        "district",
        "open",
        place.district.lgd_code,
    )


def test_file_needs_sign_in(place: Place) -> None:
    response = _client().post(f"{API}/", _body(place), format="json")
    assert response.status_code in (401, 403)
    assert Grievance.objects.exists() is False


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        pytest.param({"category": "no-such"}, "category", "unknown_category", id="category"),
        pytest.param({"subject": ""}, "subject", "blank", id="empty-subject"),
        pytest.param({"description": "x" * 5001}, "description", "max_length", id="long"),
        pytest.param({"district": 999_999}, "district", "unknown_district", id="district"),
        pytest.param({"district": 10**9}, "district", "max_value", id="district-too-big"),
    ],
)
def test_bad_input_is_400_with_codes_and_writes_nothing(
    place: Place, fields: dict[str, Any], field: str, code: str
) -> None:
    response = _client(place.buyer).post(f"{API}/", _body(place, **fields), format="json")
    assert response.status_code == 400
    assert response.json()["codes"][field] == [code]
    assert Grievance.objects.exists() is False
    assert GrievanceEvent.objects.exists() is False


def test_missing_district_without_a_default_is_400(place: Place) -> None:
    body = _body(place)
    del body["district"]
    response = _client(place.buyer).post(f"{API}/", body, format="json")
    assert response.status_code == 400
    assert response.json()["codes"]["district"] == ["district_required"]


def test_an_officer_files_for_a_producer_with_consent(place: Place) -> None:
    producer = ProducerFactory.create(user=place.producer, district=place.district)
    body = _body(place, producer=producer.pk, consent_note="Agreed at the block camp.")
    del body["district"]
    response = _client(place.state_officer).post(f"{API}/", body, format="json")
    assert response.status_code == 201
    assert response.json()["producer"] == producer.pk
    # the producer sees it in their own list
    mine = _client(place.producer).get(f"{API}/").json()["results"]
    assert [row["number"] for row in mine] == [response.json()["number"]]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        pytest.param("buyer", 200, id="filer"),
        pytest.param("district_officer", 200, id="district-officer"),
        pytest.param("state_officer", 200, id="state-officer"),
        pytest.param("national_admin", 200, id="national-admin"),
        pytest.param("producer", 404, id="other-producer"),
        pytest.param("other_district_officer", 404, id="other-district-officer"),
        pytest.param("other_state_officer", 404, id="other-state-officer"),
        pytest.param("trainer", 404, id="trainer"),
    ],
)
def test_detail_role_matrix(place: Place, who: str, status: int) -> None:
    grievance = _filed(place)
    others = {
        "other_district_officer": UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=DistrictFactory.create()
        ),
        "other_state_officer": UserFactory.create(
            role=Role.STATE_OFFICER, state=DistrictFactory.create().state
        ),
        "trainer": UserFactory.create(role=Role.TRAINER, district=place.district),
    }
    user = others.get(who) or getattr(place, who)
    response = _client(user).get(f"{API}/{grievance.pk}/")
    assert response.status_code == status
    if status == 200:
        assert response.json()["number"] == grievance.number
        assert [event["kind"] for event in response.json()["events"]] == ["filed", "routed"]


def test_detail_of_no_such_or_huge_id_is_404(place: Place) -> None:
    assert _client(place.buyer).get(f"{API}/99999/").status_code == 404
    assert _client(place.buyer).get(f"{API}/{2**70}/").status_code == 404
    assert _client().get(f"{API}/1/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        pytest.param("district_officer", 200, id="district-officer"),
        pytest.param("state_officer", 403, id="state-officer-not-yet"),
        pytest.param("buyer", 403, id="filer"),
        pytest.param("producer", 404, id="stranger"),
    ],
)
def test_reply_role_matrix(place: Place, who: str, status: int) -> None:
    grievance = _filed(place)
    response = _client(getattr(place, who)).post(
        f"{API}/{grievance.pk}/reply/", {"reply": "Paid today."}, format="json"
    )
    assert response.status_code == status
    grievance.refresh_from_db()
    assert grievance.status == ("answered" if status == 200 else "open")


def test_interim_escalate_and_rate_through_the_api(place: Place) -> None:
    grievance = _filed(place)
    officer = _client(place.district_officer)
    too_late = (grievance.due_by + dt.timedelta(days=30)).isoformat()
    response = officer.post(
        f"{API}/{grievance.pk}/interim/",
        {"note": "Bank reconciliation.", "expected_by": too_late},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["codes"]["expected_by"] == ["invalid_expected_date"]
    expected = (grievance.due_by + dt.timedelta(days=7)).isoformat()
    response = officer.post(
        f"{API}/{grievance.pk}/interim/",
        {"note": "Bank reconciliation.", "expected_by": expected},
        format="json",
    )
    assert (response.status_code, response.json()["expected_by"]) == (200, expected)

    response = officer.post(
        f"{API}/{grievance.pk}/escalate/", {"note": "Needs the State."}, format="json"
    )
    assert (response.status_code, response.json()["level"]) == (200, "state")
    response = _client(place.state_officer).post(
        f"{API}/{grievance.pk}/reply/", {"reply": "Paid."}, format="json"
    )
    assert response.status_code == 200

    response = _client(place.buyer).post(
        f"{API}/{grievance.pk}/rate/", {"rating": "poor"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["level"]) == ("appealed", "national")
    response = _client(place.buyer).post(
        f"{API}/{grievance.pk}/rate/", {"rating": "poor"}, format="json"
    )
    assert response.status_code == 403


def test_track_is_public_and_shows_nothing_personal(place: Place) -> None:
    grievance = _filed(place)
    grievance_reply(actor=place.district_officer, grievance=grievance, reply="Paid: UTR 42.")
    response = _client().get(f"{API}/track/{grievance.number}/")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "number",
        "category",
        "status",
        "level",
        "filed_on",
        "due_by",
        "expected_by",
        "is_appeal",
        "history",
    }
    assert data["status"] == "answered"
    assert [row["kind"] for row in data["history"]] == ["filed", "routed", "answered"]
    text = response.content.decode()
    for personal in (place.buyer.username, "Paid: UTR 42.", "Nothing yet.", "Payment not"):
        assert personal not in text


def test_track_refuses_a_wrong_check_digit_or_an_unknown_number(place: Place) -> None:
    grievance = _filed(place)
    number = grievance.number or ""
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert _client().get(f"{API}/track/{wrong}/").status_code == 404
    assert _client().get(f"{API}/track/nonsense/").status_code == 404
    assert _client().get(f"{API}/track/{number.lower()}/").status_code == 200


def test_queue_is_the_officers_own_sorted_by_due_date(
    place: Place, django_assert_num_queries: Any
) -> None:
    first = _filed(place)
    second = _filed(place)
    Grievance.objects.filter(pk=second.pk).update(due_by=first.due_by - dt.timedelta(days=3))
    _filed(place, actor=UserFactory.create(role=Role.DISTRICT_OFFICER, district=place.district))
    with django_assert_num_queries(2):  # count, page
        response = _client(place.district_officer).get(f"{API}/queue/")
    numbers = [row["number"] for row in response.json()["results"]]
    assert numbers[:2] == [second.number, first.number]
    assert len(numbers) == 3
    assert _client(place.state_officer).get(f"{API}/queue/").json()["results"] == []


def test_my_list_in_fixed_queries(place: Place, django_assert_num_queries: Any) -> None:
    for _ in range(3):
        _filed(place)
    with django_assert_num_queries(2):
        response = _client(place.buyer).get(f"{API}/")
    assert response.json()["count"] == 3


def test_counts_by_district_with_overdue(place: Place) -> None:
    late = _filed(place)
    Grievance.objects.filter(pk=late.pk).update(
        filed_on=dt.date(2020, 1, 1), due_by=dt.date(2020, 1, 22)
    )
    answered = _filed(place)
    grievance_reply(actor=place.district_officer, grievance=answered, reply="Done.")
    rows = _client(place.state_officer).get(f"{API}/counts/").json()
    assert rows == [
        {
            "district": place.district.lgd_code,
            "district_name": place.district.name_lgd,
            "open": 1,
            "answered": 1,
            "appealed": 0,
            "closed": 0,
            "overdue": 1,
        }
    ]
    assert _client(place.buyer).get(f"{API}/counts/").json() == []


def test_due_period_maker_checker_through_the_api(place: Place) -> None:
    # given a national admin proposes 15 days from 1 March 2030
    body = {
        "name": "due_period_days",
        "value": 15,
        "effective_from": "2030-03-01",
        "reference": "A later order (test)",
    }
    response = _client(place.national_admin).post(f"{API}/settings/", body, format="json")
    assert response.status_code == 201
    setting_id = response.json()["id"]
    assert response.json()["status"] == "proposed"

    # then only national admins see or propose; the proposer cannot approve
    assert _client(place.state_officer).get(f"{API}/settings/").status_code == 404
    assert _client(place.state_officer).post(f"{API}/settings/", body).status_code == 404
    bad = _client(place.national_admin).post(
        f"{API}/settings/", {**body, "value": 0}, format="json"
    )
    assert (bad.status_code, bad.json()["codes"]["value"]) == (400, ["min_value"])
    own = _client(place.national_admin).post(f"{API}/settings/{setting_id}/approve/")
    assert (own.status_code, own.json()["codes"]["non_field_errors"]) == (400, ["own_proposal"])
    assert _client(place.national_admin).post(f"{API}/settings/{2**70}/approve/").status_code == 404

    # when another national admin approves it, it is in force from its date
    other = UserFactory.create(role=Role.NATIONAL_ADMIN)
    response = _client(other).post(f"{API}/settings/{setting_id}/approve/")
    assert (response.status_code, response.json()["status"]) == (200, "approved")
    rows = _client(other).get(f"{API}/settings/").json()
    assert [(row["value"], row["status"]) for row in rows] == [(21, "approved"), (15, "approved")]
