"""Read-side queries of product selection: candidate lists, results, overdue work, coverage."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from odop.accounts.models import Role, User
from odop.geography.models import District, State
from odop.registry.models import DistrictProduct
from odop.selection import scoring
from odop.selection.models import (
    Assessment,
    AssessmentStatus,
    Candidate,
    CandidateEvent,
    CandidateStatus,
    CommitteeMember,
)
from odop.selection.permissions import (
    assessments_visible_to,
    candidate_proposer_ids,
    candidates_visible_to,
)
from odop.selection.services import scorecard_definition_of
from odop.selection.workflow import ACTIVE_STATUSES


def candidate_list(
    *,
    user: User | AnonymousUser,
    status: str | None = None,
    state: int | None = None,
    district: int | None = None,
) -> QuerySet[Candidate]:
    """Candidates `user` may see, newest first, optionally by status or place (LGD codes)."""
    candidates = candidates_visible_to(user).annotate(seats=Count("committee", distinct=True))
    if status:
        candidates = candidates.filter(status=status)
    if state:
        candidates = candidates.filter(district__state__lgd_code=state)
    if district:
        candidates = candidates.filter(district__lgd_code=district)
    return candidates.order_by("-created_at")


def candidate_events(*, candidate: Candidate) -> QuerySet[CandidateEvent]:
    return candidate.events.select_related("actor").order_by("created_at", "pk")


def candidate_committee(*, candidate: Candidate) -> QuerySet[CommitteeMember]:
    """The committee with whether each member has submitted (not what they scored)."""
    submitted = Assessment.objects.filter(
        candidate=candidate, assessor=OuterRef("assessor"), status=AssessmentStatus.SUBMITTED
    )
    return (
        CommitteeMember.objects.filter(candidate=candidate)
        .select_related("assessor")
        .annotate(has_submitted=Exists(submitted))
        .order_by("pk")
    )


# The committee picker suggests at most this many assessors (the field still takes any username).
ASSESSOR_SUGGESTIONS = 200


def committee_suggestions(*, candidate: Candidate) -> QuerySet[User]:
    """Active committee assessors the district may seat: not yet on the committee and not the
    candidate's proposer (`duties.Separation.PROPOSER_ON_COMMITTEE`, issue 12). Officers may
    sit too (typed by username); the list suggests assessors only."""
    return (
        User.objects.filter(role=Role.ASSESSOR, is_active=True)
        .exclude(pk__in=candidate_proposer_ids(candidate))
        .exclude(committee_seats__candidate=candidate)
        .order_by("username")[:ASSESSOR_SUGGESTIONS]
    )


def candidate_proposers(*, candidate: Candidate) -> QuerySet[User]:
    """Who proposed the candidate (see `permissions.candidate_proposer_ids`)."""
    return User.objects.filter(pk__in=candidate_proposer_ids(candidate)).order_by("username")


def candidate_assessments(
    *, user: User | AnonymousUser, candidate: Candidate
) -> QuerySet[Assessment]:
    """The assessments `user` may see (blind until their own is submitted)."""
    return assessments_visible_to(user, candidate).prefetch_related("scores").order_by("pk")


@dataclass(frozen=True)
class CandidateResult:
    """The committee's result as stored when scoring closed, with the scorecard's reading."""

    mean: Decimal | None
    spread: Decimal | None
    assessors: int
    stars: int | None
    certifying_tier: str | None


def candidate_result(*, candidate: Candidate) -> CandidateResult | None:
    """The committee result once scoring has closed; None before (results are never partial)."""
    if candidate.score_mean is None:
        return None
    definition = scorecard_definition_of(candidate.scorecard)
    tier = scoring.tier_for_stars(definition, candidate.stars) if candidate.stars else None
    return CandidateResult(
        mean=candidate.score_mean,
        spread=candidate.score_spread,
        assessors=candidate.assessor_count,
        stars=candidate.stars,
        certifying_tier=tier,
    )


def candidates_overdue(
    *, user: User | AnonymousUser, now: datetime | None = None
) -> QuerySet[Candidate]:
    """Candidates of `user`'s scope still moving and past their stage deadline, oldest first."""
    now = now or timezone.now()
    return (
        candidates_visible_to(user)
        .filter(status__in=list(ACTIVE_STATUSES), stage_due_at__lt=now)
        .order_by("stage_due_at")
    )


def candidates_by_stage(*, user: User | AnonymousUser) -> list[tuple[str, str, int, int]]:
    """(status, label, count, overdue count) of `user`'s visible candidates, in workflow order."""
    now = timezone.now()
    rows = {
        row["status"]: row
        for row in candidates_visible_to(user)
        .values("status")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(stage_due_at__lt=now, status__in=list(ACTIVE_STATUSES))),
        )
    }
    return [
        (status.value, str(status.label), rows[status]["total"], rows[status]["overdue"])
        for status in CandidateStatus
        if status in rows
    ]


@dataclass(frozen=True)
class StateCoverageRow:
    """One State on the coverage and gaps dashboard."""

    state: State
    districts: int
    districts_with_product: int
    products: int
    gi_products: int
    by_sector: dict[str, int]

    @property
    def percent(self) -> float:
        return 100.0 * self.districts_with_product / self.districts if self.districts else 0.0

    @property
    def gi_share(self) -> float:
        return 100.0 * self.gi_products / self.products if self.products else 0.0


def _states_in_scope(user: User | AnonymousUser) -> QuerySet[State]:
    states = State.objects.all()
    if isinstance(user, User) and not user.is_national_admin:
        if user.role == Role.STATE_OFFICER:
            states = states.filter(officers=user)
        elif user.role == Role.DISTRICT_OFFICER and user.district is not None:
            states = states.filter(pk=user.district.state_id)
        else:
            states = states.none()
    return states


def coverage_dashboard(*, user: User | AnonymousUser) -> list[StateCoverageRow]:
    """Per State in `user`'s scope: districts with at least one registry product out of all,
    products by sector and the GI share. Three queries whatever the number of States."""
    states = list(
        _states_in_scope(user)
        .annotate(
            district_total=Count("districts", distinct=True),
            district_covered=Count(
                "districts",
                filter=Q(districts__pk__in=DistrictProduct.objects.values("district_id")),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    products = DistrictProduct.objects.filter(district__state__in=[s.pk for s in states])
    totals: dict[int, dict[str, int]] = {}
    for state_row in products.values("district__state_id").annotate(
        total=Count("pk"), gi=Count("pk", filter=Q(is_gi=True))
    ):
        totals[state_row["district__state_id"]] = {
            "total": state_row["total"],
            "gi": state_row["gi"],
        }
    sectors: dict[int, dict[str, int]] = {}
    for sector_row in products.values("district__state_id", "sector").annotate(total=Count("pk")):
        sectors.setdefault(sector_row["district__state_id"], {})[sector_row["sector"] or "—"] = (
            sector_row["total"]
        )
    return [
        StateCoverageRow(
            state=state,
            districts=state.district_total,  # type: ignore[attr-defined]
            districts_with_product=state.district_covered,  # type: ignore[attr-defined]
            products=totals.get(state.pk, {}).get("total", 0),
            gi_products=totals.get(state.pk, {}).get("gi", 0),
            by_sector=sectors.get(state.pk, {}),
        )
        for state in states
    ]


def districts_without_product(*, user: User | AnonymousUser) -> QuerySet[District]:
    """The gaps: districts of `user`'s scope with no product in the registry yet."""
    return (
        District.objects.filter(state__in=_states_in_scope(user))
        .exclude(pk__in=DistrictProduct.objects.values("district_id"))
        .select_related("state")
        .order_by("state__name", "name")
    )


def selection_of_product(*, product: DistrictProduct) -> Candidate | None:
    """The published selection behind a registry product, for its public page."""
    return (
        Candidate.objects.filter(district_product=product, status=CandidateStatus.PUBLISHED)
        .select_related("scorecard")
        .order_by("-published_at")
        .first()
    )
