"""Separation of duties in product selection (issue 12, item 5): whoever proposes a candidate
neither sits on its committee, nor scores it, nor decides on it; a committee member does not
decide on it. The rule alone (pure), then the services, the API and the pages."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import Client, override_settings
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.selection import services
from odop.selection.duties import (
    SEPARATIONS,
    Duty,
    Separation,
    duty_conflict,
    separations_enforced,
)
from odop.selection.models import Candidate, CandidateStatus, CommitteeMember, ScorecardVersion
from odop.selection.services import ScoreInput

S = CandidateStatus
API = "/api/v1/selection"

# ---------------------------------------------------------------- the rule alone (no database)


@pytest.mark.parametrize(
    ("duty", "proposed", "on_committee", "expected"),
    [
        (Duty.SIT, True, False, Separation.PROPOSER_ON_COMMITTEE),
        (Duty.SIT, False, False, None),
        (Duty.SCORE, True, True, Separation.PROPOSER_SCORES),
        (Duty.SCORE, False, True, None),
        (Duty.DECIDE, True, False, Separation.PROPOSER_DECIDES),
        (Duty.DECIDE, True, True, Separation.PROPOSER_DECIDES),  # the first reason is given
        (Duty.DECIDE, False, True, Separation.ASSESSOR_DECIDES),
        (Duty.DECIDE, False, False, None),
    ],
)
def test_the_rule_keeps_proposer_committee_and_decider_apart(
    duty: Duty, proposed: bool, on_committee: bool, expected: Separation | None
) -> None:
    """Issue 12: every pairing is refused by default, with its own code."""
    conflict = duty_conflict(duty=duty, proposed=proposed, on_committee=on_committee)
    assert (conflict.separation if conflict else None) == expected
    if conflict is not None:
        assert conflict.code == expected
        assert str(conflict.message)


def test_an_allowed_pairing_is_no_longer_refused_and_the_others_still_are() -> None:
    enforced = separations_enforced(["proposer_on_committee"])
    assert enforced == SEPARATIONS - {Separation.PROPOSER_ON_COMMITTEE}
    assert (
        duty_conflict(duty=Duty.SIT, proposed=True, on_committee=False, enforced=enforced) is None
    )
    refused = duty_conflict(duty=Duty.SCORE, proposed=True, on_committee=True, enforced=enforced)
    assert refused is not None and refused.separation == Separation.PROPOSER_SCORES
    assert separations_enforced([]) == SEPARATIONS


def test_a_misspelt_separation_is_an_error_not_a_silent_switch() -> None:
    with pytest.raises(ValueError, match="proposer_score"):
        separations_enforced(["proposer_score"])


# ---------------------------------------------------------------- the services


@pytest.fixture
def world(db: None) -> SimpleNamespace:
    """Uttar Pradesh with Moradabad; its district and State officers, a national admin, four
    assessors."""
    services.scorecards_install()
    uttar_pradesh = StateFactory.create(lgd_code=9, name="Uttar Pradesh")
    moradabad = DistrictFactory.create(lgd_code=150, name="Moradabad", state=uttar_pradesh)
    return SimpleNamespace(
        moradabad=moradabad,
        district_officer=UserFactory.create(
            username="dio", role=Role.DISTRICT_OFFICER, district=moradabad
        ),
        state_officer=UserFactory.create(
            username="state", role=Role.STATE_OFFICER, state=uttar_pradesh
        ),
        national=UserFactory.create(username="national", role=Role.NATIONAL_ADMIN),
        assessors=[
            UserFactory.create(username=f"assessor{number}", role=Role.ASSESSOR)
            for number in (1, 2, 3, 4)
        ],
    )


def ocop() -> ScorecardVersion:
    return ScorecardVersion.objects.get(key="ocop-vietnam", version="2023")


def proposed(world: SimpleNamespace, proposer: User) -> Candidate:
    candidate = services.candidate_create(
        actor=proposer, district=world.moradabad, name="Brass inlay", scorecard=ocop()
    )
    return services.candidate_transition(actor=proposer, candidate=candidate, to_status=S.PROPOSED)


def scored(world: SimpleNamespace, proposer: User, committee: list[User]) -> Candidate:
    """A candidate `proposer` proposed, scored by `committee` (seated by the district)."""
    candidate = proposed(world, proposer)
    for member in committee:
        services.committee_member_add(
            actor=world.district_officer, candidate=candidate, assessor=member
        )
    services.candidate_transition(
        actor=world.district_officer, candidate=candidate, to_status=S.SCORING
    )
    for member in committee:
        services.assessment_save(
            actor=member,
            candidate=candidate,
            submit=True,
            scores={
                code: ScoreInput(Decimal(value))
                for code, value in zip("ABC", ["20", "15", "20"], strict=True)
            },
        )
    candidate.refresh_from_db()
    assert candidate.status == S.SCORED
    return candidate


def refusal_code(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return str(error.value.code)


def test_the_proposer_is_not_seated_on_the_committee(world: SimpleNamespace) -> None:
    """Issue 12: the officer who proposed a candidate added himself to its committee."""
    candidate = proposed(world, world.district_officer)
    with pytest.raises(ValidationError) as error:
        services.committee_member_add(
            actor=world.district_officer, candidate=candidate, assessor=world.district_officer
        )
    assert refusal_code(error) == "proposer_on_committee"
    assert not CommitteeMember.objects.filter(candidate=candidate).exists()
    # Another officer may sit; the rule is about the proposer only.
    services.committee_member_add(
        actor=world.district_officer, candidate=candidate, assessor=world.state_officer
    )


def test_whoever_sent_it_to_proposed_counts_as_its_proposer(world: SimpleNamespace) -> None:
    """The State officer enters the district's paper proposal in draft; the district officer
    proposes it: both are its proposers."""
    draft = services.candidate_create(
        actor=world.state_officer, district=world.moradabad, name="Brass inlay", scorecard=ocop()
    )
    candidate = services.candidate_transition(
        actor=world.district_officer, candidate=draft, to_status=S.PROPOSED
    )
    for officer in (world.state_officer, world.district_officer):
        with pytest.raises(ValidationError) as error:
            services.committee_member_add(
                actor=world.district_officer, candidate=candidate, assessor=officer
            )
        assert refusal_code(error) == "proposer_on_committee"


def test_a_proposer_seated_before_the_rule_cannot_score(world: SimpleNamespace) -> None:
    """Issue 12: a seat taken before the rule existed does not let the proposer score."""
    candidate = proposed(world, world.district_officer)
    CommitteeMember.objects.create(
        candidate=candidate, assessor=world.district_officer, added_by=world.district_officer
    )
    for assessor in world.assessors[:2]:
        services.committee_member_add(
            actor=world.district_officer, candidate=candidate, assessor=assessor
        )
    services.candidate_transition(
        actor=world.district_officer, candidate=candidate, to_status=S.SCORING
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_save(
            actor=world.district_officer,
            candidate=candidate,
            scores={"A": ScoreInput(Decimal("20"))},
        )
    assert refusal_code(error) == "proposer_scores"
    assert not candidate.assessments.exists()


def test_the_proposer_does_not_decide(world: SimpleNamespace) -> None:
    """Issue 12: one State officer proposed, scored and approved the same candidate."""
    candidate = scored(world, world.state_officer, world.assessors[:3])
    for to_status in (S.STATE_APPROVED, S.RETURNED, S.REJECTED):
        with pytest.raises(ValidationError) as error:
            services.candidate_transition(
                actor=world.state_officer, candidate=candidate, to_status=to_status
            )
        assert refusal_code(error) == "proposer_decides"
    candidate.refresh_from_db()
    assert candidate.status == S.SCORED
    # Another decider (the national admin) approves, and may publish.
    services.candidate_transition(
        actor=world.national, candidate=candidate, to_status=S.STATE_APPROVED
    )
    services.candidate_transition(actor=world.national, candidate=candidate, to_status=S.PUBLISHED)


def test_a_committee_member_does_not_decide(world: SimpleNamespace) -> None:
    candidate = scored(world, world.district_officer, [world.state_officer, *world.assessors[:2]])
    with pytest.raises(ValidationError) as error:
        services.candidate_transition(
            actor=world.state_officer, candidate=candidate, to_status=S.STATE_APPROVED
        )
    assert refusal_code(error) == "assessor_decides"
    approved = services.candidate_transition(
        actor=world.national, candidate=candidate, to_status=S.STATE_APPROVED
    )
    assert approved.status == S.STATE_APPROVED


def test_the_district_still_withdraws_its_own_proposal(world: SimpleNamespace) -> None:
    """Withdrawing is not a decision on the committee's result: the proposer may."""
    candidate = proposed(world, world.district_officer)
    services.candidate_transition(
        actor=world.district_officer, candidate=candidate, to_status=S.WITHDRAWN
    )


def test_a_programme_may_allow_a_pairing_by_setting(world: SimpleNamespace) -> None:
    candidate = proposed(world, world.district_officer)
    with override_settings(ODOP_SELECTION_DUTIES_ALLOWED=["proposer_on_committee"]):
        services.committee_member_add(
            actor=world.district_officer, candidate=candidate, assessor=world.district_officer
        )
    with (
        override_settings(ODOP_SELECTION_DUTIES_ALLOWED=["proposer_on_comittee"]),
        pytest.raises(ImproperlyConfigured),
    ):
        services.committee_member_add(
            actor=world.district_officer, candidate=candidate, assessor=world.assessors[0]
        )


# ---------------------------------------------------------------- the API


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_answers_the_refusals_with_their_codes(world: SimpleNamespace) -> None:
    own = proposed(world, world.district_officer)
    seated = api(world.district_officer).post(
        f"{API}/candidates/{own.pk}/committee/",
        {"assessor": world.district_officer.username},
        format="json",
    )
    assert seated.status_code == 400
    assert seated.json()["codes"] == {"non_field_errors": ["proposer_on_committee"]}

    candidate = scored(world, world.state_officer, world.assessors[:3])
    detail = api(world.state_officer).get(f"{API}/candidates/{candidate.pk}/").json()
    assert detail["allowed_transitions"] == []
    assert [(row["to_status"], row["code"]) for row in detail["refused_transitions"]] == [
        ("returned", "proposer_decides"),
        ("state_approved", "proposer_decides"),
        ("rejected", "proposer_decides"),
    ]
    moved = api(world.state_officer).post(
        f"{API}/candidates/{candidate.pk}/transition/",
        {"to_status": "state_approved"},
        format="json",
    )
    assert moved.status_code == 400
    assert moved.json()["codes"] == {"non_field_errors": ["proposer_decides"]}
    national = api(world.national).get(f"{API}/candidates/{candidate.pk}/").json()
    assert "state_approved" in national["allowed_transitions"]
    assert national["refused_transitions"] == []


# ---------------------------------------------------------------- the pages


def page_text(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_hides_the_decision_and_says_why(world: SimpleNamespace) -> None:
    candidate = scored(world, world.state_officer, world.assessors[:3])
    path = f"/selection/candidates/{candidate.pk}/"
    html = signed_in(world.state_officer).get(path).content.decode()
    assert 'value="state_approved"' not in html
    text = page_text(signed_in(world.state_officer), path)
    assert "Approve: not yours to do." in text
    assert "You proposed this candidate, so you cannot decide on it" in text
    assert 'value="state_approved"' in signed_in(world.national).get(path).content.decode()


def test_the_committee_picker_leaves_out_the_proposer_and_says_so(world: SimpleNamespace) -> None:
    candidate = proposed(world, world.district_officer)
    client = signed_in(world.district_officer)
    path = f"/selection/candidates/{candidate.pk}/"
    html = client.get(path).content.decode()
    choices = re.search(r'<datalist id="assessor-choices">(.*?)</datalist>', html, re.S)
    assert choices is not None
    assert re.findall(r'value="([^"]+)"', choices.group(1)) == [
        "assessor1",
        "assessor2",
        "assessor3",
        "assessor4",
    ]
    assert "Proposed by dio: a proposer cannot sit on the committee." in page_text(client, path)
    refused = client.post(f"/selection/candidates/{candidate.pk}/committee/", {"username": "dio"})
    assert refused.status_code == 200
    assert "This person proposed the candidate and cannot sit on its committee." in (
        refused.content.decode()
    )


def test_a_seated_proposer_sees_why_they_cannot_score(world: SimpleNamespace) -> None:
    candidate = proposed(world, world.district_officer)
    CommitteeMember.objects.create(
        candidate=candidate, assessor=world.district_officer, added_by=world.district_officer
    )
    for assessor in world.assessors[:2]:
        services.committee_member_add(
            actor=world.district_officer, candidate=candidate, assessor=assessor
        )
    services.candidate_transition(
        actor=world.district_officer, candidate=candidate, to_status=S.SCORING
    )
    client = signed_in(world.district_officer)
    text = page_text(client, f"/selection/candidates/{candidate.pk}/")
    assert "Score this candidate" not in text
    assert "You proposed this candidate, so you cannot score it" in text
    response = client.get(f"/selection/candidates/{candidate.pk}/assessment/", follow=True)
    assert "You proposed this candidate, so you cannot score it" in response.content.decode()


def test_the_refusal_reads_in_hindi(world: SimpleNamespace) -> None:
    """Every UI string in English and Hindi: the reason the Approve button is absent too."""
    candidate = scored(world, world.state_officer, world.assessors[:3])
    text = page_text(signed_in(world.state_officer), f"/hi/selection/candidates/{candidate.pk}/")
    assert "स्वीकृत करें: यह काम आपका नहीं है।" in text
    assert "निर्णय कोई दूसरा अधिकारी लेगा।" in text
