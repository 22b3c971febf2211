"""The selection API (issue #3): one candidate from proposal to the registry with three
assessors, blind scores, refusals with their codes, scorecard versions, OCOP star bands,
evidence, the overdue list, the dashboard, and a fixed number of queries for the list."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.response import Response
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.services import api_token_issue
from odop.accounts.tests.factories import UserFactory
from odop.evidence.tests.factories import DistrictStatisticFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.registry.models import DistrictProduct
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory
from odop.selection import services
from odop.selection.models import (
    Candidate,
    CandidateStatus,
    CommitteeMember,
    CriterionScore,
    ScorecardVersion,
)

pytestmark = pytest.mark.django_db

S = CandidateStatus
API = "/api/v1/selection"
ODOP_MANUAL = ("A2", "A4", "A5", "A6", "A7", "A8")


@pytest.fixture
def world() -> SimpleNamespace:
    """Bihar (10): Patna (212), Bhagalpur (192); Odisha (21): Baleshwar (346). Patna makes
    Makhana: 100 of the 400 tonnes in the uploaded statistics (location quotient 4), and no
    other district of Bihar lists it. One user per role, three assessors."""
    services.scorecards_install()
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    odisha = StateFactory.create(lgd_code=21, name="Odisha")
    patna = DistrictFactory.create(lgd_code=212, name="Patna", state=bihar)
    bhagalpur = DistrictFactory.create(lgd_code=192, name="Bhagalpur", state=bihar)
    baleshwar = DistrictFactory.create(lgd_code=346, name="Baleshwar", state=odisha)
    makhana = ProductTypeFactory.create(name="Makhana")
    silk = ProductTypeFactory.create(name="Silk")
    DistrictStatisticFactory.create(district=patna, product_type=makhana, production=100)
    DistrictStatisticFactory.create(district=bhagalpur, product_type=silk, production=300)
    return SimpleNamespace(
        bihar=bihar,
        odisha=odisha,
        patna=patna,
        bhagalpur=bhagalpur,
        baleshwar=baleshwar,
        makhana=makhana,
        national=UserFactory.create(role=Role.NATIONAL_ADMIN),
        state_officer=UserFactory.create(role=Role.STATE_OFFICER, state=bihar),
        district_officer=UserFactory.create(role=Role.DISTRICT_OFFICER, district=patna),
        odisha_officer=UserFactory.create(role=Role.DISTRICT_OFFICER, district=baleshwar),
        buyer=UserFactory.create(role=Role.BUYER),
        assessors=[UserFactory.create(role=Role.ASSESSOR) for _ in range(3)],
    )


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def scorecard(key: str, version: str) -> ScorecardVersion:
    return ScorecardVersion.objects.get(key=key, version=version)


def propose(world: SimpleNamespace, **fields: Any) -> Response:
    payload = {"district": 212, "name": "Makhana", **fields}
    return client_for(world.district_officer).post(f"{API}/candidates/", payload, format="json")


def move(user: User, candidate_id: int, to_status: str, note: str = "") -> Response:
    return client_for(user).post(
        f"{API}/candidates/{candidate_id}/transition/",
        {"to_status": to_status, "note": note},
        format="json",
    )


def seat(user: User, candidate_id: int, assessor: int | str, organisation: str = "") -> Response:
    return client_for(user).post(
        f"{API}/candidates/{candidate_id}/committee/",
        {"assessor": assessor, "organisation": organisation},
        format="json",
    )


def score(user: User, candidate_id: int, values: dict[str, str], *, submit: bool) -> Response:
    scores = {
        code: {"value": value, "note": f"{code} seen on site"} for code, value in values.items()
    }
    return client_for(user).put(
        f"{API}/candidates/{candidate_id}/assessment/",
        {"scores": scores, "submit": submit},
        format="json",
    )


def ocop_scores(a: str, b: str, c: str) -> dict[str, str]:
    return {"A": a, "B": b, "C": c}


def odop_scores(*values: int) -> dict[str, str]:
    """The six manual criteria of the ODOP scorecard (A1 and A3 are computed)."""
    return {code: str(value) for code, value in zip(ODOP_MANUAL, values, strict=True)}


def in_scoring(world: SimpleNamespace, **fields: Any) -> int:
    """A Patna candidate proposed by its district officer, three assessors seated, scoring."""
    candidate_id = propose(world, **fields).json()["id"]
    assert move(world.district_officer, candidate_id, S.PROPOSED).status_code == 200
    for assessor in world.assessors:
        response = seat(world.district_officer, candidate_id, assessor.username, "Sabour BAU")
        assert response.status_code == 201
    assert move(world.district_officer, candidate_id, S.SCORING).status_code == 200
    return candidate_id


def months_later(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=day.year + year, month=month + 1, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)


# ---------------------------------------------------------------- the whole path


def test_a_candidate_goes_from_proposal_to_the_registry(world: SimpleNamespace) -> None:
    # given: the district officer proposes Makhana for Patna
    created = propose(
        world,
        description="Fox nut from the ponds of Patna",
        sector="food_processing",
        producer_organisation="Patna Makhana FPO",
    )
    assert created.status_code == 201
    candidate = created.json()
    candidate_id = candidate["id"]
    assert candidate["status"] == "draft"
    assert (candidate["scorecard"]["key"], candidate["scorecard"]["version"]) == ("odop-india", "1")
    assert candidate["district"] == {
        "lgd_code": 212,
        "name": "Patna",
        "state": {"lgd_code": 10, "name": "Bihar"},
    }
    assert candidate["product_type"] == world.makhana.slug
    assert candidate["allowed_transitions"] == ["proposed", "withdrawn"]

    # when: it is proposed, three assessors are seated (by username and by id), scoring opens
    assert move(world.district_officer, candidate_id, S.PROPOSED).status_code == 200
    first, second, third = world.assessors
    seated = [
        seat(world.district_officer, candidate_id, first.username, "Bihar Agricultural University"),
        seat(world.district_officer, candidate_id, second.pk, "ICAR Makhana Centre"),
        seat(world.district_officer, candidate_id, str(third.pk), "Patna University"),
    ]
    assert [response.status_code for response in seated] == [201, 201, 201]
    assert seated[1].json()["assessor"] == {"id": second.pk, "username": second.username}
    assert seated[1].json()["has_submitted"] is False
    opened = move(world.district_officer, candidate_id, S.SCORING)
    assert opened.status_code == 200
    assert opened.json()["allowed_transitions"] == []  # "scored" comes with the last score

    # then: an assessor sees the evidence, and the computed criteria take its values
    evidence = client_for(first).get(f"{API}/candidates/{candidate_id}/evidence/").json()
    assert evidence["product_type"] == world.makhana.slug
    assert evidence["indicators"]["location_quotient_production"]["value"] == "4.0000"
    assert evidence["indicators"]["other_districts_in_state"]["value"] == 0
    computed = {row["criterion"]: row["scale_value"] for row in evidence["criteria"]}
    assert computed == {"A1": "5", "A3": "5", "A4": None}

    # when: each assessor scores; the second first saves a draft with their own A1
    first_scores = score(first, candidate_id, odop_scores(5, 5, 5, 5, 5, 5), submit=True)
    assert first_scores.status_code == 200
    assert first_scores.json()["status"] == "submitted"
    assert first_scores.json()["total"] == "100.000"
    draft = score(second, candidate_id, {"A1": "1", **odop_scores(4, 4, 4, 4, 4, 5)}, submit=False)
    assert draft.status_code == 200
    assert draft.json()["status"] == "draft"
    assert draft.json()["total"] is None
    a1 = next(row for row in draft.json()["scores"] if row["criterion"] == "A1")
    assert a1 == {
        "criterion": "A1",
        "value": "5.00",
        "points": "12.500",
        "note": "Computed from evidence",
    }
    assert [row["criterion"] for row in draft.json()["scores"]] == [f"A{n}" for n in range(1, 9)]
    assert (
        score(second, candidate_id, {}, submit=True).json()["total"] == "84.375"
    )  # 27 steps of 3.125, kept exact
    assert (
        client_for(world.district_officer).get(f"{API}/candidates/{candidate_id}/").json()["status"]
        == "scoring"
    )
    assert score(third, candidate_id, odop_scores(3, 3, 3, 3, 3, 3), submit=True).status_code == 200

    # then: after the third the committee's result is stored
    detail = client_for(world.state_officer).get(f"{API}/candidates/{candidate_id}/").json()
    assert detail["status"] == "scored"
    assert detail["result"] == {
        "mean": "82.29",  # (100 + 84.375 + 62.5) / 3, rounded down
        "spread": "37.50",
        "assessors": 3,
        "stars": None,
        "certifying_tier": None,
    }
    assert [member["has_submitted"] for member in detail["committee"]] == [True, True, True]
    assert detail["allowed_transitions"] == ["returned", "state_approved", "rejected"]

    # when: the State approves and national publishes
    assert (
        move(world.state_officer, candidate_id, S.STATE_APPROVED, "Strong case").status_code == 200
    )
    published = move(world.national, candidate_id, S.PUBLISHED, "Selected")

    # then: the registry has the product and the selection is valid for 36 months
    assert published.status_code == 200
    product = DistrictProduct.objects.get(district=world.patna, product_type=world.makhana)
    body = published.json()
    assert body["status"] == "published"
    assert body["district_product"] == product.pk
    assert body["valid_until"] == months_later(timezone.localdate(), 36).isoformat()
    assert product.sector == "food_processing"
    assert [
        (event["from_status"], event["to_status"], event["actor"]) for event in body["events"]
    ] == [
        ("draft", "draft", world.district_officer.username),
        ("draft", "proposed", world.district_officer.username),
        ("proposed", "scoring", world.district_officer.username),
        ("scoring", "scored", third.username),
        ("scored", "state_approved", world.state_officer.username),
        ("state_approved", "published", world.national.username),
    ]
    assert body["events"][4]["note"] == "Strong case"
    # the published selection is public, its individual scores are not
    anonymous = client_for(None)
    assert anonymous.get(f"{API}/candidates/{candidate_id}/").json()["result"]["mean"] == "82.29"
    assert anonymous.get(f"{API}/candidates/{candidate_id}/assessments/").json() == []


# ---------------------------------------------------------------- blind committees


def test_an_assessor_sees_only_their_own_scores_until_they_submit(world: SimpleNamespace) -> None:
    # given: a candidate scored with OCOP 2023, the first assessor has submitted
    candidate_id = in_scoring(world, scorecard=scorecard("ocop-vietnam", "2023").pk)
    first, second, third = world.assessors
    url = f"{API}/candidates/{candidate_id}/assessments/"
    score(first, candidate_id, ocop_scores("30", "20", "30"), submit=True)

    # when / then: the second sees nothing of the first's before scoring, only their draft after
    assert client_for(second).get(url).json() == []
    score(second, candidate_id, ocop_scores("35", "20", "30"), submit=False)
    own_draft = client_for(second).get(url).json()
    assert [(row["assessor"]["id"], row["status"]) for row in own_draft] == [(second.pk, "draft")]

    # when / then: once submitted, the second sees the first's scores too
    score(second, candidate_id, {}, submit=True)
    both = client_for(second).get(url).json()
    assert [(row["assessor"]["id"], row["total"]) for row in both] == [
        (first.pk, "80.000"),
        (second.pk, "85.000"),
    ]
    assert [row["value"] for row in both[0]["scores"]] == ["30.00", "20.00", "30.00"]
    # the third still sees nothing; officers see the submitted ones; strangers nothing
    assert client_for(third).get(url).json() == []
    officer_view = client_for(world.district_officer).get(url).json()
    assert [row["assessor"]["id"] for row in officer_view] == [first.pk, second.pk]
    assert client_for(world.buyer).get(url).status_code == 404


def test_a_submitted_assessment_cannot_change(world: SimpleNamespace) -> None:
    candidate_id = in_scoring(world, scorecard=scorecard("ocop-vietnam", "2023").pk)
    first = world.assessors[0]
    score(first, candidate_id, ocop_scores("30", "20", "30"), submit=True)

    response = score(first, candidate_id, ocop_scores("40", "25", "35"), submit=True)

    assert response.status_code == 400
    assert response.json()["codes"] == {"non_field_errors": ["already_submitted"]}
    assert list(
        CriterionScore.objects.filter(assessment__assessor=first)
        .order_by("criterion")
        .values_list("criterion", "value")
    ) == [("A", Decimal(30)), ("B", Decimal(20)), ("C", Decimal(30))]


@pytest.mark.parametrize(
    ("_case", "values", "code"),
    [
        ("a value off the scale", ocop_scores("41", "20", "30"), "out_of_scale"),
        ("a value between steps", ocop_scores("30.25", "20", "30"), "out_of_scale"),
        ("a criterion the scorecard lacks", {"Z": "1"}, "unknown_criterion"),
        ("a criterion missing at submission", {"A": "30", "B": "20"}, "incomplete"),
    ],
)
def test_scores_off_the_scorecard_are_refused(
    world: SimpleNamespace, _case: str, values: dict[str, str], code: str
) -> None:
    candidate_id = in_scoring(world, scorecard=scorecard("ocop-vietnam", "2023").pk)

    response = score(world.assessors[0], candidate_id, values, submit=True)

    assert response.status_code == 400
    assert response.json()["codes"]["non_field_errors"] == [code]
    assert CriterionScore.objects.exists() is False


def test_without_evidence_the_assessor_enters_the_computed_criteria(world: SimpleNamespace) -> None:
    # given: a product the registry does not know, so there is no evidence to compute from
    candidate_id = in_scoring(world, name="Lotus stem pickle")
    assessor = world.assessors[0]
    evidence = client_for(world.district_officer).get(f"{API}/candidates/{candidate_id}/evidence/")
    assert evidence.json()["indicators"] is None
    assert {row["criterion"]: row["scale_value"] for row in evidence.json()["criteria"]} == {
        "A1": None,
        "A3": None,
        "A4": None,
    }

    # when: the assessor leaves A1 and A3 out, then enters them
    manual = odop_scores(3, 3, 3, 3, 3, 3)
    missing = score(assessor, candidate_id, manual, submit=True)
    entered = score(assessor, candidate_id, {"A1": "2", "A3": "4", **manual}, submit=True)

    # then: 12 manual steps, 1 of A1 and 3 of A3, at 3.125 points a step
    assert missing.status_code == 400
    assert missing.json()["codes"]["non_field_errors"] == ["incomplete"]
    assert entered.status_code == 200
    assert entered.json()["total"] == "50.000"
    assert {row["criterion"]: row["note"] for row in entered.json()["scores"]}[
        "A1"
    ] == "A1 seen on site"


def test_evidence_is_for_officers_and_the_committee(world: SimpleNamespace) -> None:
    candidate_id = in_scoring(world)
    url = f"{API}/candidates/{candidate_id}/evidence/"

    assert client_for(world.assessors[0]).get(url).status_code == 200
    assert client_for(world.state_officer).get(url).status_code == 200
    assert client_for(world.buyer).get(url).status_code == 404
    assert client_for(UserFactory.create(role=Role.ASSESSOR)).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 401


# ---------------------------------------------------------------- refusals with codes


def test_an_assessor_from_the_producer_organisation_is_refused(world: SimpleNamespace) -> None:
    # given
    candidate_id = propose(world, producer_organisation="Patna Makhana FPO").json()["id"]
    move(world.district_officer, candidate_id, S.PROPOSED)

    # when
    response = seat(
        world.district_officer, candidate_id, world.assessors[0].pk, "patna makhana  FPO"
    )

    # then
    assert response.status_code == 400
    assert response.json()["codes"] == {"non_field_errors": ["conflict_of_interest"]}
    assert CommitteeMember.objects.exists() is False


def test_an_unknown_assessor_is_refused(world: SimpleNamespace) -> None:
    candidate_id = propose(world).json()["id"]
    move(world.district_officer, candidate_id, S.PROPOSED)

    response = seat(world.district_officer, candidate_id, "nobody-by-this-name")

    assert response.status_code == 400
    assert response.json()["codes"] == {"assessor": ["does_not_exist"]}
    assert CommitteeMember.objects.exists() is False


def test_only_assessors_and_officers_sit_on_a_committee(world: SimpleNamespace) -> None:
    candidate_id = propose(world).json()["id"]
    move(world.district_officer, candidate_id, S.PROPOSED)

    response = seat(world.district_officer, candidate_id, world.buyer.username)

    assert response.status_code == 400
    assert response.json()["codes"] == {"non_field_errors": ["not_an_assessor"]}
    assert CommitteeMember.objects.exists() is False


def test_a_move_the_workflow_does_not_have_is_refused(world: SimpleNamespace) -> None:
    candidate_id = propose(world).json()["id"]

    response = move(world.national, candidate_id, S.PUBLISHED)

    assert response.status_code == 400
    assert response.json()["codes"] == {"non_field_errors": ["invalid_transition"]}
    assert Candidate.objects.get(pk=candidate_id).status == S.DRAFT
    assert DistrictProduct.objects.exists() is False


def test_scoring_does_not_open_without_a_committee_of_three(world: SimpleNamespace) -> None:
    candidate_id = propose(world).json()["id"]
    move(world.district_officer, candidate_id, S.PROPOSED)
    seat(world.district_officer, candidate_id, world.assessors[0].pk)

    response = move(world.district_officer, candidate_id, S.SCORING)

    assert response.status_code == 400
    assert response.json()["codes"] == {"non_field_errors": ["committee_too_small"]}
    assert Candidate.objects.get(pk=candidate_id).status == S.PROPOSED


def test_an_unknown_status_and_district_are_field_errors(world: SimpleNamespace) -> None:
    candidate_id = propose(world).json()["id"]

    unknown_status = move(world.district_officer, candidate_id, "approved_by_astrologer")
    unknown_district = propose(world, district=999999)
    unknown_sector = propose(world, sector="spaceships")

    assert unknown_status.json()["codes"] == {"to_status": ["invalid_choice"]}
    assert unknown_district.json()["codes"] == {"district": ["does_not_exist"]}
    assert unknown_sector.json()["codes"] == {"sector": ["invalid_choice"]}
    assert Candidate.objects.count() == 1


def test_a_candidate_is_edited_only_while_the_district_holds_it(world: SimpleNamespace) -> None:
    candidate_id = propose(world).json()["id"]
    officer = client_for(world.district_officer)
    url = f"{API}/candidates/{candidate_id}/"

    edited = officer.patch(
        url, {"description": "Pond-grown", "sector": "agriculture"}, format="json"
    )
    move(world.district_officer, candidate_id, S.PROPOSED)
    refused = officer.patch(url, {"description": "Changed after proposal"}, format="json")

    assert edited.status_code == 200
    assert (edited.json()["description"], edited.json()["sector"]) == ("Pond-grown", "agriculture")
    assert refused.status_code == 403
    assert Candidate.objects.get(pk=candidate_id).description == "Pond-grown"


def test_candidates_others_may_not_see_answer_404(world: SimpleNamespace) -> None:
    candidate_id = propose(world).json()["id"]

    assert client_for(world.buyer).get(f"{API}/candidates/{candidate_id}/").status_code == 404
    assert (
        client_for(world.odisha_officer).get(f"{API}/candidates/{candidate_id}/").status_code == 404
    )
    assert client_for(world.national).get(f"{API}/candidates/999999/").status_code == 404
    assert client_for(None).get(f"{API}/candidates/{candidate_id}/").status_code == 404


# ---------------------------------------------------------------- scorecard versions


def test_weights_of_a_published_or_used_scorecard_cannot_change(world: SimpleNamespace) -> None:
    # given: the shipped ODOP scorecard is published and a candidate uses it
    propose(world)
    shipped = scorecard("odop-india", "1")
    definition = shipped.definition

    # when
    response = client_for(world.national).patch(
        f"{API}/scorecards/{shipped.pk}/weights/",
        {"weights": {"A1": "20", "A2": "5"}},
        format="json",
    )

    # then
    assert response.status_code == 400
    assert response.json()["codes"] == {"non_field_errors": ["scorecard_in_use"]}
    shipped.refresh_from_db()
    assert shipped.definition == definition


def test_a_derived_version_is_adopted_by_new_candidates_only(world: SimpleNamespace) -> None:
    # given: a Patna candidate already started on version 1
    national = client_for(world.national)
    earlier_id = propose(world).json()["id"]
    shipped = scorecard("odop-india", "1")

    # when: national derives version 2, re-weights the draft, publishes it
    derived = national.post(
        f"{API}/scorecards/{shipped.pk}/derive/",
        {"version": "2", "weights": {"A1": "20", "A2": "5"}},
        format="json",
    )
    assert derived.status_code == 201
    version_2 = derived.json()
    assert (version_2["status"], version_2["based_on"], version_2["in_use"]) == (
        "draft",
        shipped.pk,
        False,
    )
    url = f"{API}/scorecards/{version_2['id']}"
    reweighted = national.patch(
        f"{url}/weights/", {"weights": {"A1": "15", "A2": "10"}}, format="json"
    )
    assert reweighted.status_code == 200
    weights = {
        row["code"]: row["max_points"] for row in reweighted.json()["definition"]["criteria"]
    }
    assert (weights["A1"], weights["A2"], weights["A3"]) == ("15", "10", "12.5")
    assert reweighted.json()["definition"]["parts"] == [
        {"code": "A", "title": "Identification criteria", "max_points": "100.0"}  # re-summed
    ]
    assert client_for(world.state_officer).get(f"{url}/").status_code == 404  # drafts are hidden
    not_yet = client_for(world.state_officer).post(
        f"{API}/states/10/scorecard/", {"scorecard": version_2["id"]}, format="json"
    )
    assert not_yet.json()["codes"] == {"scorecard": ["does_not_exist"]}
    assert national.post(f"{url}/publish/").json()["status"] == "published"
    frozen = national.patch(
        f"{url}/weights/", {"weights": {"A1": "12.5", "A2": "12.5"}}, format="json"
    )
    assert frozen.json()["codes"] == {"non_field_errors": ["scorecard_in_use"]}

    # when: Bihar adopts version 2; national keeps Odisha on version 1
    adopted = client_for(world.state_officer).post(
        f"{API}/states/10/scorecard/", {"scorecard": version_2["id"]}, format="json"
    )
    kept = national.post(f"{API}/states/21/scorecard/", {"scorecard": shipped.pk}, format="json")

    # then: new Bihar candidates use it; the earlier one and Odisha's keep version 1
    assert (adopted.status_code, kept.status_code) == (201, 201)
    assert adopted.json()["state"] == {"lgd_code": 10, "name": "Bihar"}
    assert adopted.json()["adopted_by"] == world.state_officer.username
    assert propose(world, name="Litchi").json()["scorecard"]["version"] == "2"
    earlier = client_for(world.district_officer).get(f"{API}/candidates/{earlier_id}/").json()
    assert earlier["scorecard"]["version"] == "1"
    odisha = client_for(world.odisha_officer).post(
        f"{API}/candidates/", {"district": 346, "name": "Pattachitra"}, format="json"
    )
    assert odisha.json()["scorecard"]["version"] == "1"


def test_a_derived_version_must_keep_the_total(world: SimpleNamespace) -> None:
    shipped = scorecard("odop-india", "1")

    response = client_for(world.national).post(
        f"{API}/scorecards/{shipped.pk}/derive/",
        {"version": "2", "weights": {"A1": "20"}},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["codes"] == {"non_field_errors": ["invalid_weights"]}
    assert ScorecardVersion.objects.filter(version="2").exists() is False


def test_a_version_name_is_used_once(world: SimpleNamespace) -> None:
    shipped = scorecard("odop-india", "1")

    response = client_for(world.national).post(
        f"{API}/scorecards/{shipped.pk}/derive/", {"version": "1"}, format="json"
    )

    assert response.status_code == 400
    assert ScorecardVersion.objects.filter(key="odop-india").count() == 1


def test_scorecards_show_their_definition(world: SimpleNamespace) -> None:
    listed = client_for(None).get(f"{API}/scorecards/").json()
    ocop = scorecard("ocop-vietnam", "2023")

    detail = client_for(None).get(f"{API}/scorecards/{ocop.pk}/").json()

    assert [(row["key"], row["version"]) for row in listed["results"]] == [
        ("ocop-vietnam", "2019"),
        ("ocop-vietnam", "2023"),
        ("odop-india", "1"),
    ]
    definition = detail["definition"]
    assert [(part["code"], part["max_points"]) for part in definition["parts"]] == [
        ("A", "40"),
        ("B", "25"),
        ("C", "35"),
    ]
    assert definition["criteria"][0]["scale"] == {"min": "0", "max": "40", "step": "0.5"}
    assert [(band["stars"], band["min_points"]) for band in definition["star_bands"]] == [
        (1, "0"),
        (2, "30"),
        (3, "50"),
        (4, "70"),
        (5, "90"),
    ]
    assert definition["tier_max_stars"] == {"district": 3, "province": 4, "national": 5}
    assert (definition["certificate_months"], detail["in_use"]) == (36, False)


# ---------------------------------------------------------------- OCOP star bands


@pytest.mark.parametrize(
    ("_case", "totals", "mean", "stars", "tier"),
    [
        (
            "89.83 is still four stars",
            [("40", "25", "25"), ("40", "25", "25"), ("40", "25", "24.5")],
            "89.83",
            4,
            "province",
        ),
        ("90 is five stars", [("40", "25", "25")] * 3, "90.00", 5, "national"),
        (
            "69.83 is three stars",
            [("30", "20", "20"), ("30", "20", "20"), ("30", "20", "19.5")],
            "69.83",
            3,
            "district",
        ),
    ],
)
def test_ocop_star_bands_through_the_api(
    world: SimpleNamespace,
    _case: str,
    totals: list[tuple[str, str, str]],
    mean: str,
    stars: int,
    tier: str,
) -> None:
    # given
    candidate_id = in_scoring(world, scorecard=scorecard("ocop-vietnam", "2023").pk)

    # when
    for assessor, (a, b, c) in zip(world.assessors, totals, strict=True):
        assert score(assessor, candidate_id, ocop_scores(a, b, c), submit=True).status_code == 200

    # then
    result = (
        client_for(world.district_officer).get(f"{API}/candidates/{candidate_id}/").json()["result"]
    )
    assert (result["mean"], result["stars"], result["certifying_tier"]) == (mean, stars, tier)


# ---------------------------------------------------------------- lists, overdue, dashboard


@pytest.mark.parametrize(
    ("path", "status", "who"),
    [
        ("candidates/", S.PUBLISHED, "national"),
        ("candidates/", S.PUBLISHED, "district_officer"),
        ("candidates/", S.PUBLISHED, "anonymous"),
        ("candidates/overdue/", S.PROPOSED, "national"),
        ("candidates/overdue/", S.PROPOSED, "state_officer"),
    ],
)
def test_candidate_lists_run_a_fixed_number_of_queries(
    world: SimpleNamespace, path: str, status: S, who: str
) -> None:
    client = client_for(None if who == "anonymous" else getattr(world, who))

    def candidates_add(count: int) -> None:
        for _ in range(count):
            candidate = services.candidate_create(
                actor=world.district_officer, district=world.patna, name="Makhana"
            )
            Candidate.objects.filter(pk=candidate.pk).update(
                status=status, stage_due_at=timezone.now() - timedelta(days=1)
            )

    candidates_add(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"{API}/{path}").json()["count"] == 3
    candidates_add(12)
    with CaptureQueriesContext(connection) as many:
        response = client.get(f"{API}/{path}")

    assert response.json()["count"] == 15
    assert len(many) == len(few)


def test_assessment_list_runs_a_fixed_number_of_queries(world: SimpleNamespace) -> None:
    candidate_id = in_scoring(world, scorecard=scorecard("ocop-vietnam", "2023").pk)
    first, second, third = world.assessors
    officer = client_for(world.district_officer)
    url = f"{API}/candidates/{candidate_id}/assessments/"
    score(first, candidate_id, ocop_scores("30", "20", "30"), submit=True)
    with CaptureQueriesContext(connection) as one:
        assert len(officer.get(url).json()) == 1
    score(second, candidate_id, ocop_scores("30", "20", "30"), submit=True)
    score(third, candidate_id, ocop_scores("30", "20", "30"), submit=True)
    with CaptureQueriesContext(connection) as three:
        assert len(officer.get(url).json()) == 3

    assert len(three) == len(one)


def test_scorecard_list_runs_a_fixed_number_of_queries(
    world: SimpleNamespace, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):  # the count and the page
        response = client_for(world.national).get(f"{API}/scorecards/")

    assert response.json()["count"] == 3


def test_candidate_list_filters(world: SimpleNamespace) -> None:
    # given: two Patna candidates (one proposed) and one in Baleshwar
    proposed_id = propose(world).json()["id"]
    move(world.district_officer, proposed_id, S.PROPOSED)
    propose(world, name="Litchi")
    client_for(world.odisha_officer).post(
        f"{API}/candidates/", {"district": 346, "name": "Pattachitra"}, format="json"
    )
    national = client_for(world.national)

    def names(**query: Any) -> list[str]:
        return [row["name"] for row in national.get(f"{API}/candidates/", query).json()["results"]]

    # then
    assert names() == ["Pattachitra", "Litchi", "Makhana"]
    assert names(status="proposed") == ["Makhana"]
    assert names(state=10) == ["Litchi", "Makhana"]
    assert names(district=346) == ["Pattachitra"]
    assert names(state=21, status="draft") == ["Pattachitra"]
    assert national.get(f"{API}/candidates/", {"status": "lost"}).status_code == 400
    patna_only = client_for(world.district_officer).get(f"{API}/candidates/").json()
    assert patna_only["count"] == 2
    assert patna_only["results"][0]["seats"] == 0


def test_overdue_list(world: SimpleNamespace) -> None:
    late_id = propose(world).json()["id"]
    propose(world, name="Litchi")
    Candidate.objects.filter(pk=late_id).update(stage_due_at=timezone.now() - timedelta(days=1))

    overdue = client_for(world.state_officer).get(f"{API}/candidates/overdue/").json()

    assert [row["id"] for row in overdue["results"]] == [late_id]
    assert client_for(world.odisha_officer).get(f"{API}/candidates/overdue/").json()["count"] == 0


def test_dashboard_is_for_officers(world: SimpleNamespace) -> None:
    # given: Patna has a product in the registry, Bhagalpur not yet; one proposal is overdue
    DistrictProductFactory.create(district=world.patna, product_type=world.makhana, is_gi=True)
    late_id = propose(world).json()["id"]
    Candidate.objects.filter(pk=late_id).update(stage_due_at=timezone.now() - timedelta(days=1))

    # when
    response = client_for(world.state_officer).get(f"{API}/dashboard/")

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["states"] == [
        {
            "state": {"lgd_code": 10, "name": "Bihar"},
            "districts": 2,
            "districts_with_product": 1,
            "percent": 50.0,
            "products": 1,
            "gi_products": 1,
            "gi_share": 100.0,
            "by_sector": {"agriculture": 1},
        }
    ]
    assert [district["lgd_code"] for district in body["districts_without_product"]] == [192]
    assert body["candidates_by_stage"] == [
        {"status": "draft", "label": "Draft", "count": 1, "overdue": 1}
    ]
    assert client_for(world.buyer).get(f"{API}/dashboard/").status_code == 404
    assert client_for(world.assessors[0]).get(f"{API}/dashboard/").status_code == 404
    assert client_for(None).get(f"{API}/dashboard/").status_code == 401


# ---------------------------------------------------------------- attachments, auth, schema


def test_attachments_are_checked_by_their_content(world: SimpleNamespace) -> None:
    candidate_id = propose(world).json()["id"]
    officer = client_for(world.district_officer)
    url = f"{API}/candidates/{candidate_id}/attachments/"

    pdf = officer.post(
        url,
        {"file": SimpleUploadedFile("survey.pdf", b"%PDF-1.7 survey"), "criterion": "A2"},
        format="multipart",
    )
    disguised = officer.post(
        url, {"file": SimpleUploadedFile("photo.png", b"MZ not an image")}, format="multipart"
    )

    assert pdf.status_code == 201
    assert (pdf.json()["content_type"], pdf.json()["criterion"], pdf.json()["size"]) == (
        "application/pdf",
        "A2",
        15,
    )
    assert disguised.status_code == 400
    assert disguised.json()["codes"] == {"non_field_errors": ["file_type"]}


def test_token_and_session_authentication(world: SimpleNamespace) -> None:
    token = api_token_issue(user=world.district_officer)
    by_token = APIClient()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    by_session = APIClient()
    by_session.force_login(world.district_officer)

    assert (
        by_token.post(
            f"{API}/candidates/", {"district": 212, "name": "Makhana"}, format="json"
        ).status_code
        == 201
    )
    assert (
        by_session.post(
            f"{API}/candidates/", {"district": 212, "name": "Litchi"}, format="json"
        ).status_code
        == 201
    )
    assert (
        APIClient()
        .post(f"{API}/candidates/", {"district": 212, "name": "X"}, format="json")
        .status_code
        == 401
    )


def test_the_schema_documents_the_selection_api(client: Any) -> None:
    schema = client.get("/api/schema/")

    assert schema.status_code == 200
    for path in (
        b"/api/v1/selection/candidates/{candidate_id}/transition/",
        b"/api/v1/selection/candidates/{candidate_id}/assessment/",
        b"/api/v1/selection/scorecards/{scorecard_id}/derive/",
        b"/api/v1/selection/states/{lgd_code}/scorecard/",
        b"/api/v1/selection/dashboard/",
    ):
        assert path in schema.content
