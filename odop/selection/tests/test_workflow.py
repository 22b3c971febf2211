"""The selection workflow through its services (issue #3): moves as data with history, blind
committees, conflicts of interest, immutable scorecards, star bands, deadlines, expiry, and
two officers acting on one candidate at the same moment (PostgreSQL)."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.utils import timezone

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.registry.models import DistrictProduct
from odop.selection import services
from odop.selection.models import (
    Assessment,
    Candidate,
    CandidateEvent,
    CandidateStatus,
    ScorecardVersion,
)
from odop.selection.permissions import assessments_visible_to
from odop.selection.selectors import candidates_overdue
from odop.selection.services import ScoreInput

S = CandidateStatus
ODOP_MANUAL = {"A2", "A4", "A5", "A6", "A7", "A8"}


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    services.scorecards_install()
    state = StateFactory(lgd_code=10, name="Bihar")
    district = DistrictFactory(lgd_code=212, name="Patna", state=state)
    return {
        "state": state,
        "district": district,
        "district_officer": UserFactory(role=Role.DISTRICT_OFFICER, district=district),
        "state_officer": UserFactory(role=Role.STATE_OFFICER, state=state),
        "national": UserFactory(role=Role.NATIONAL_ADMIN),
        "assessors": [UserFactory(role=Role.ASSESSOR) for _ in range(3)],
    }


def ocop(version: str = "2023") -> ScorecardVersion:
    return ScorecardVersion.objects.get(key="ocop-vietnam", version=version)


def propose(
    world,
    *,
    scorecard: ScorecardVersion | None = None,  # type: ignore[no-untyped-def]
    organisation: str = "",
) -> Candidate:
    officer = world["district_officer"]
    candidate = services.candidate_create(
        actor=officer,
        district=world["district"],
        name="Makhana",
        scorecard=scorecard,
        producer_organisation=organisation,
    )
    services.candidate_transition(actor=officer, candidate=candidate, to_status=S.PROPOSED)
    for assessor in world["assessors"]:
        services.committee_member_add(
            actor=officer,
            candidate=candidate,
            assessor=assessor,
            organisation="Agricultural University",
        )
    return services.candidate_transition(actor=officer, candidate=candidate, to_status=S.SCORING)


def score_ocop(
    candidate: Candidate, assessor: User, a: str, b: str, c: str, submit: bool = True
) -> Assessment:
    return services.assessment_save(
        actor=assessor,
        candidate=candidate,
        submit=submit,
        scores={
            "A": ScoreInput(Decimal(a)),
            "B": ScoreInput(Decimal(b)),
            "C": ScoreInput(Decimal(c)),
        },
    )


def test_history_row_for_every_move(world) -> None:  # type: ignore[no-untyped-def]
    candidate = propose(world)
    moves = list(
        CandidateEvent.objects.filter(candidate=candidate).values_list(
            "from_status", "to_status", "actor"
        )
    )
    officer = world["district_officer"].pk
    assert moves == [
        (S.DRAFT, S.DRAFT, officer),
        (S.DRAFT, S.PROPOSED, officer),
        (S.PROPOSED, S.SCORING, officer),
    ]
    assert candidate.scorecard.key == "odop-india"  # the national default


def test_moves_not_in_the_workflow_are_refused(world) -> None:  # type: ignore[no-untyped-def]
    candidate = services.candidate_create(
        actor=world["district_officer"], district=world["district"], name="Litchi"
    )
    with pytest.raises(ValidationError) as error:
        services.candidate_transition(
            actor=world["national"], candidate=candidate, to_status=S.PUBLISHED
        )
    assert error.value.code == "invalid_transition"


def test_scoring_needs_a_committee(world) -> None:  # type: ignore[no-untyped-def]
    officer = world["district_officer"]
    candidate = services.candidate_create(actor=officer, district=world["district"], name="X")
    services.candidate_transition(actor=officer, candidate=candidate, to_status=S.PROPOSED)
    with pytest.raises(ValidationError) as error:
        services.candidate_transition(actor=officer, candidate=candidate, to_status=S.SCORING)
    assert error.value.code == "committee_too_small"


def test_conflict_of_interest_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    officer = world["district_officer"]
    candidate = services.candidate_create(
        actor=officer,
        district=world["district"],
        name="Y",
        producer_organisation="Patna Makhana FPO",
    )
    services.candidate_transition(actor=officer, candidate=candidate, to_status=S.PROPOSED)
    with pytest.raises(ValidationError) as error:
        services.committee_member_add(
            actor=officer,
            candidate=candidate,
            assessor=world["assessors"][0],
            organisation="patna makhana  FPO",
        )
    assert error.value.code == "conflict_of_interest"


def test_scores_are_blind_until_submitted(world) -> None:  # type: ignore[no-untyped-def]
    candidate = propose(world, scorecard=ocop())
    first, second, _third = world["assessors"]
    score_ocop(candidate, first, "30", "20", "30")
    score_ocop(candidate, second, "35", "20", "30", submit=False)
    # The second assessor (draft) sees only their own draft; the first sees only submitted ones.
    assert list(assessments_visible_to(second, candidate).values_list("assessor", flat=True)) == [
        second.pk
    ]
    assert list(assessments_visible_to(first, candidate).values_list("assessor", flat=True)) == [
        first.pk
    ]
    # The State officer sees submitted scores only.
    assert list(
        assessments_visible_to(world["state_officer"], candidate).values_list("assessor", flat=True)
    ) == [first.pk]
    score_ocop(candidate, second, "35", "20", "30")
    assert sorted(assessments_visible_to(second, candidate).values_list("assessor", flat=True)) == [
        first.pk,
        second.pk,
    ]


@pytest.mark.parametrize(
    ("totals", "mean", "stars"),
    [
        # (A+B+C per assessor) → committee mean → OCOP 2023 stars
        ([("40", "25", "25"), ("40", "25", "25"), ("40", "24.5", "25")], "89.83", 4),
        ([("40", "25", "25"), ("40", "25", "25"), ("40", "25", "25")], "90.00", 5),
        ([("30", "20", "20"), ("30", "20", "20"), ("30", "19.5", "20")], "69.83", 3),
        ([("10", "10", "10"), ("10", "10", "10"), ("10", "10", "9.5")], "29.83", 1),
    ],
)
def test_committee_mean_and_star_band_edges(
    world,
    totals,
    mean: str,  # type: ignore[no-untyped-def]
    stars: int,
) -> None:
    candidate = propose(world, scorecard=ocop())
    for assessor, (a, b, c) in zip(world["assessors"], totals, strict=True):
        score_ocop(candidate, assessor, a, b, c)
    candidate.refresh_from_db()
    assert candidate.status == S.SCORED  # the last submission closed scoring
    assert (candidate.score_mean, candidate.stars, candidate.assessor_count) == (
        Decimal(mean),
        stars,
        3,
    )


def test_publication_enters_the_registry(world) -> None:  # type: ignore[no-untyped-def]
    candidate = propose(world, scorecard=ocop())
    for assessor in world["assessors"]:
        score_ocop(candidate, assessor, "35", "20", "30")
    services.candidate_transition(
        actor=world["state_officer"], candidate=candidate, to_status=S.STATE_APPROVED
    )
    with pytest.raises(PermissionDenied):  # publishing is national
        services.candidate_transition(
            actor=world["state_officer"], candidate=candidate, to_status=S.PUBLISHED
        )
    now = timezone.now()
    services.candidate_transition(
        actor=world["national"], candidate=candidate, to_status=S.PUBLISHED, now=now
    )
    candidate.refresh_from_db()
    product = DistrictProduct.objects.get(district=world["district"], name="Makhana")
    assert candidate.district_product == product
    assert candidate.valid_until == services._add_months(timezone.localdate(now), 36)


def test_used_scorecard_cannot_be_edited(world) -> None:  # type: ignore[no-untyped-def]
    national = world["national"]
    base = ScorecardVersion.objects.get(key="odop-india", version="1")
    with pytest.raises(ValidationError) as error:
        services.scorecard_weights_update(
            actor=national, scorecard=base, weights={"A1": Decimal("20"), "A2": Decimal("5")}
        )
    assert error.value.code == "scorecard_in_use"
    derived = services.scorecard_version_derive(
        actor=national, base=base, version="2", weights={"A1": Decimal("20"), "A2": Decimal("5")}
    )
    # A draft may still change its weights.
    derived = services.scorecard_weights_update(
        actor=national, scorecard=derived, weights={"A1": Decimal("15"), "A2": Decimal("10")}
    )
    assert derived.definition["criteria"][0]["max_points"] == "15"
    derived = services.scorecard_publish(actor=national, scorecard=derived)
    services.scorecard_adopt(actor=world["state_officer"], state=world["state"], scorecard=derived)
    old = propose(world)
    assert old.scorecard == derived
    with pytest.raises(ValidationError) as error:
        services.scorecard_weights_update(
            actor=national, scorecard=derived, weights={"A1": Decimal("15"), "A2": Decimal("10")}
        )
    assert error.value.code == "scorecard_in_use"
    with pytest.raises(PermissionDenied):
        services.scorecard_version_derive(
            actor=world["state_officer"], base=base, version="3", weights={}
        )


def test_overdue_list(world) -> None:  # type: ignore[no-untyped-def]
    candidate = propose(world)
    later = timezone.now() + timedelta(days=22)
    assert list(candidates_overdue(user=world["state_officer"], now=later)) == [candidate]
    assert list(candidates_overdue(user=world["state_officer"])) == []


def test_expired_selection_opens_a_re_evaluation(world) -> None:  # type: ignore[no-untyped-def]
    candidate = propose(world, scorecard=ocop())
    for assessor in world["assessors"]:
        score_ocop(candidate, assessor, "35", "20", "30")
    services.candidate_transition(
        actor=world["state_officer"], candidate=candidate, to_status=S.STATE_APPROVED
    )
    services.candidate_transition(
        actor=world["national"], candidate=candidate, to_status=S.PUBLISHED
    )
    candidate.refresh_from_db()
    assert services.candidates_expire(today=candidate.valid_until) == []
    drafts = services.candidates_expire(today=candidate.valid_until + timedelta(days=1))
    candidate.refresh_from_db()
    assert candidate.status == S.EXPIRED
    assert [(d.previous_id, d.status, d.name) for d in drafts] == [
        (candidate.pk, S.DRAFT, "Makhana")
    ]


def test_attachment_type_and_size(world) -> None:  # type: ignore[no-untyped-def]
    officer = world["district_officer"]
    candidate = services.candidate_create(actor=officer, district=world["district"], name="Z")
    pdf = SimpleUploadedFile("evidence.pdf", b"%PDF-1.4 minimal")
    assert (
        services.attachment_add(actor=officer, candidate=candidate, upload=pdf).content_type
        == "application/pdf"
    )
    fake = SimpleUploadedFile("evidence.pdf", b"MZ not a pdf")
    with pytest.raises(ValidationError) as error:
        services.attachment_add(actor=officer, candidate=candidate, upload=fake)
    assert error.value.code == "file_type"
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        services.attachment_add(actor=officer, candidate=candidate, upload=big)
    assert error.value.code == "file_too_large"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks; this race is checked on PostgreSQL (CI)",
)
def test_two_officers_approving_at_once_one_wins() -> None:
    services.scorecards_install()
    state = StateFactory(lgd_code=10, name="Bihar")
    district = DistrictFactory(lgd_code=212, name="Patna", state=state)
    world = {
        "state": state,
        "district": district,
        "district_officer": UserFactory(role=Role.DISTRICT_OFFICER, district=district),
        "assessors": [UserFactory(role=Role.ASSESSOR) for _ in range(3)],
    }
    candidate = propose(world, scorecard=ocop())
    for assessor in world["assessors"]:
        score_ocop(candidate, assessor, "35", "20", "30")
    officers = [
        UserFactory(role=Role.STATE_OFFICER, state=state),
        UserFactory(role=Role.NATIONAL_ADMIN),
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(officer: User) -> None:
        try:
            barrier.wait()
            services.candidate_transition(
                actor=officer, candidate=candidate, to_status=S.STATE_APPROVED
            )
            outcomes.append("moved")
        except ValidationError as error:
            outcomes.append(str(error.code))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(officer,)) for officer in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["invalid_transition", "moved"]
    assert (
        CandidateEvent.objects.filter(candidate=candidate, to_status=S.STATE_APPROVED).count() == 1
    )


def test_date_helper() -> None:
    assert services._add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert services._add_months(date(2023, 11, 30), 36) == date(2026, 11, 30)


def test_returned_candidate_is_scored_afresh(world) -> None:  # type: ignore[no-untyped-def]
    """Regression (issue #3): after a return, the old assessments must not close the new round."""
    candidate = propose(world, scorecard=ocop())
    for assessor in world["assessors"]:
        score_ocop(candidate, assessor, "35", "20", "30")
    services.candidate_transition(
        actor=world["state_officer"],
        candidate=candidate,
        to_status=S.RETURNED,
        note="Add the FPO's turnover",
    )
    candidate.refresh_from_db()
    assert (candidate.score_mean, candidate.assessor_count, candidate.stars) == (None, 0, None)
    assert Assessment.objects.filter(candidate=candidate).exists() is False
    officer = world["district_officer"]
    services.candidate_transition(actor=officer, candidate=candidate, to_status=S.PROPOSED)
    services.candidate_transition(actor=officer, candidate=candidate, to_status=S.SCORING)
    for assessor in world["assessors"]:
        score_ocop(candidate, assessor, "30", "20", "30")
    candidate.refresh_from_db()
    assert (candidate.status, candidate.score_mean) == (S.SCORED, Decimal("80.00"))
