"""The schemes API (issue 14): the public list and evaluation (golden cases through the API,
missing/unknown facts as 400 codes), and the permission matrix of parameter proposals and
their approval (maker-checker)."""

from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import State
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.schemes.models import ParameterValue, ParameterValueStatus
from odop.schemes.shipped import shipped_schemes
from odop.schemes.tests.factories import national_admin, shipped_schemes_loaded, state_officer

pytestmark = pytest.mark.django_db

API = "/api/v1/schemes"


@pytest.fixture
def up() -> State:
    return shipped_schemes_loaded()


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_list_shows_each_scheme_with_code_name_and_versions_in_fixed_queries(
    up: State, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(3):  # the page, its count, the versions
        response = _client().get(f"{API}/")

    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["results"]}
    assert set(rows) == {scheme.code for scheme in shipped_schemes()}
    margin = rows["up-odop-margin-money"]
    assert margin["state"] == 9
    assert margin["versions"][0]["number"] == 1
    assert margin["versions"][0]["status"] == "published"
    assert margin["sources"][0]["year"] == 2018
    assert margin["name_hi"]


@pytest.mark.parametrize(
    ("scheme", "case"),
    [
        pytest.param(scheme, case, id=f"{scheme.code}-{case.name}")
        for scheme in shipped_schemes()
        for case in scheme.versions[-1].golden_cases
        if not case.include_proposed
    ],
)
def test_evaluate_gives_every_golden_result(up: State, scheme: Any, case: Any) -> None:
    response = _client().post(
        f"{API}/{scheme.code}/evaluate/",
        {"as_of": case.as_of.isoformat(), "facts": case.facts},
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["eligible"], Decimal(body["benefit"])) == (case.eligible, case.benefit)
    assert isinstance(body["benefit"], str)
    assert (body["reasons"] == []) is case.eligible


def test_evaluate_returns_the_trace_with_parameter_dates_and_references(up: State) -> None:
    response = _client().post(
        f"{API}/up-odop-margin-money/evaluate/",
        {"as_of": "2024-04-01", "facts": {"project_cost": "12000000"}},
        format="json",
    )

    body = response.json()
    assert body["benefit"] == "1800000.00"
    tier3 = next(entry for entry in body["trace"] if entry["parameter"] == "tier3_rate")
    assert (tier3["kind"], tier3["value"], tier3["effective_from"]) == (
        "parameter",
        "0.15",
        "2018-09-11",
    )
    assert "2018" in tier3["reference"]
    last = body["trace"][-1]
    assert (last["kind"], last["step"], last["value"]) == ("step", "margin_money", "1800000.00")


def test_evaluate_gives_reasons_in_both_languages(up: State) -> None:
    response = _client().post(
        f"{API}/up-odop-mda/evaluate/",
        {
            "as_of": "2024-04-01",
            "facts": {
                "fair_level": "national",
                "stall_charge": "1000",
                "freight": "0",
                "travel_fare": "0",
            },
        },
        format="json",
    )

    body = response.json()
    assert (body["eligible"], body["benefit"]) == (False, "0.00")
    assert body["reasons"][0]["criterion"] == "state_fair"
    assert body["reasons"][0]["hi"].startswith("केवल राज्य")


@pytest.mark.parametrize(
    ("_case", "body", "codes"),
    [
        ("a missing fact", {"facts": {}}, {"facts": ["missing_fact"]}),
        (
            "an unknown fact",
            {"facts": {"shg_members": 2, "turnover": 5}},
            {"facts": ["unknown_fact"]},
        ),
        ("a fact out of range", {"facts": {"shg_members": -1}}, {"facts": ["fact_out_of_range"]}),
        ("no facts at all", {}, {"facts": ["required"]}),
        (
            "a date before any approved value",
            {"as_of": "2019-01-01", "facts": {"shg_members": 2}},
            {"as_of": ["parameter_not_set"]},
        ),
    ],
)
def test_evaluate_refuses_bad_facts_with_codes(
    up: State, _case: str, body: dict[str, Any], codes: dict[str, list[str]]
) -> None:
    response = _client().post(f"{API}/pmfme-seed-capital/evaluate/", body, format="json")

    assert response.status_code == 400
    assert response.json()["codes"] == codes


def test_evaluate_an_unknown_scheme_is_404(up: State) -> None:
    response = _client().post(f"{API}/no-such-scheme/evaluate/", {"facts": {}}, format="json")

    assert response.status_code == 404


def test_evaluate_without_a_date_uses_today(up: State) -> None:
    response = _client().post(
        f"{API}/pmfme-seed-capital/evaluate/", {"facts": {"shg_members": 3}}, format="json"
    )

    assert response.json()["benefit"] == "120000.00"


PROPOSAL = {"value": "60000", "effective_from": "2027-01-01", "reference": "UP order (test)"}


@pytest.mark.parametrize(
    ("_case", "who", "propose_status", "approve_status"),
    [
        ("anonymous", None, 401, 401),
        ("a buyer", "buyer", 404, 404),
        ("a district officer", "district_officer", 404, 404),
        ("an officer of another State", "other_officer", 404, 404),
        ("an officer of the scheme's State", "up_officer", 201, 200),
        ("a national admin", "admin", 201, 200),
    ],
)
def test_parameter_proposal_and_approval_permission_matrix(
    up: State, _case: str, who: str | None, propose_status: int, approve_status: int
) -> None:
    # given
    people: dict[str, User] = {
        "buyer": UserFactory.create(role=Role.BUYER),
        "district_officer": UserFactory.create(
            role=Role.DISTRICT_OFFICER,
            district=DistrictFactory.create(state=up),
        ),
        "other_officer": state_officer(StateFactory.create()),
        "up_officer": state_officer(up),
        "admin": national_admin(),
    }
    client = _client(people[who] if who else None)
    pending = ParameterValue.objects.get(
        parameter__name="tier3_rate", status=ParameterValueStatus.PROPOSED
    )

    # when
    proposed = client.post(
        f"{API}/up-odop-mda/parameters/state_stall_cap/values/", PROPOSAL, format="json"
    )
    approved = client.post(f"{API}/parameter-values/{pending.pk}/approve/", {}, format="json")

    # then
    assert proposed.status_code == propose_status
    assert approved.status_code == approve_status
    pending.refresh_from_db()
    assert (pending.status == ParameterValueStatus.APPROVED) is (approve_status == 200)
    if propose_status == 201:
        assert proposed.json()["status"] == "proposed"
        assert proposed.json()["value"] == "60000.000000"


def test_the_proposer_cannot_approve_but_a_second_officer_can(up: State) -> None:
    # given
    maker, checker = state_officer(up), national_admin()
    proposed = _client(maker).post(
        f"{API}/up-odop-mda/parameters/state_stall_cap/values/", PROPOSAL, format="json"
    )
    value_id = proposed.json()["id"]

    # when
    own = _client(maker).post(f"{API}/parameter-values/{value_id}/approve/", {}, format="json")
    other = _client(checker).post(
        f"{API}/parameter-values/{value_id}/approve/", {"note": "Checked"}, format="json"
    )
    again = _client(checker).post(f"{API}/parameter-values/{value_id}/reject/", {}, format="json")

    # then
    assert (own.status_code, own.json()["codes"]) == (400, {"non_field_errors": ["own_proposal"]})
    assert other.status_code == 200
    assert other.json()["decided_by"] == checker.username
    assert again.json()["codes"] == {"non_field_errors": ["invalid_transition"]}
    response = _client().post(
        f"{API}/up-odop-mda/evaluate/",
        {
            "as_of": "2027-01-01",
            "facts": {
                "fair_level": "state",
                "stall_charge": "100000",
                "freight": "0",
                "travel_fare": "0",
            },
        },
        format="json",
    )
    assert response.json()["benefit"] == "60000.00"


def test_a_proposal_for_an_unknown_parameter_is_404(up: State) -> None:
    response = _client(national_admin()).post(
        f"{API}/up-odop-mda/parameters/no_such/values/", PROPOSAL, format="json"
    )

    assert response.status_code == 404


def test_a_whole_number_parameter_refuses_a_fraction(up: State) -> None:
    response = _client(national_admin()).post(
        f"{API}/pmfme-individual/parameters/workers_limit/values/",
        {**PROPOSAL, "value": "10.5"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["codes"] == {"value": ["not_whole"]}
    assert not ParameterValue.objects.filter(value=Decimal("10.5")).exists()


def _margin_money_benefit(as_of: str) -> str:
    response = _client().post(
        f"{API}/up-odop-margin-money/evaluate/",
        {"as_of": as_of, "facts": {"project_cost": "12000000"}},
        format="json",
    )
    benefit: str = response.json()["benefit"]
    return benefit


def test_the_dated_ten_percent_through_the_api_before_and_after_approval(up: State) -> None:
    """issue 14: the later 10% third tier counts only once a second officer approves it."""
    # given
    pending = ParameterValue.objects.get(
        parameter__name="tier3_rate", status=ParameterValueStatus.PROPOSED
    )
    before = [_margin_money_benefit("2026-03-31"), _margin_money_benefit("2026-06-01")]

    # when
    approved = _client(state_officer(up)).post(
        f"{API}/parameter-values/{pending.pk}/approve/", {"note": "Order seen"}, format="json"
    )

    # then
    assert approved.status_code == 200
    assert before == ["1800000.00", "1800000.00"]
    assert [_margin_money_benefit("2026-03-31"), _margin_money_benefit("2026-06-01")] == [
        "1800000.00",
        "1200000.00",
    ]


def test_an_id_too_large_for_the_database_is_404(up: State) -> None:
    response = _client(national_admin()).post(
        f"{API}/parameter-values/{2**70}/approve/", {}, format="json"
    )

    assert response.status_code == 404
