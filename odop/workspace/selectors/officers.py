"""The officers' and committee members' blocks of "My work": selection, producers to verify,
HS codes, export plans, assessments due (issue 12)."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.exports.models import Bottleneck, BottleneckStatus, PlanStatus
from odop.exports.permissions import plans_visible_to
from odop.geography.permissions import officer_scope
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.selectors import product_types_to_decide
from odop.producers.models import ProducerStatus
from odop.producers.permissions import producers_visible_to
from odop.selection.models import Assessment, AssessmentStatus, CandidateStatus, CommitteeMember
from odop.selection.permissions import candidates_visible_to, has_conflict_of_interest
from odop.selection.workflow import ACTIVE_STATUSES
from odop.workspace.selectors.blocks import (
    ROWS,
    WorkBlock,
    WorkLink,
    WorkRow,
    page_url,
    status_counts,
)

S = CandidateStatus


# ---------------------------------------------------------------- officers: selection


def _selection_actions(user: User) -> tuple[tuple[CandidateStatus, str], ...]:
    """The statuses in which a candidate waits for this officer, with what to do."""
    if user.is_national_admin:
        return ((S.STATE_APPROVED, _("Approved by the State: publish or return")),)
    if user.role == Role.STATE_OFFICER:
        return ((S.SCORED, _("Scored by the committee: approve, return or reject")),)
    return (
        (S.DRAFT, _("Drafts to propose")),
        (S.RETURNED, _("Returned to the district for revision")),
        (S.PROPOSED, _("Proposed: seat the committee and open scoring")),
    )


def selection_block(*, user: User, now: dt.datetime) -> WorkBlock:
    """Candidates of the officer's scope in the statuses where the next move is theirs, and
    those past their stage deadline."""
    in_scope = candidates_visible_to(user).filter(officer_scope(user))
    actions = _selection_actions(user)
    counts = status_counts(in_scope, [status for status, _label in actions])
    links = [
        WorkLink(label, counts.get(status, 0), page_url("selection:candidates", f"status={status}"))
        for status, label in actions
    ]
    overdue = in_scope.filter(status__in=list(ACTIVE_STATUSES), stage_due_at__lt=now).count()
    links.append(
        WorkLink(
            _("Past their stage deadline"),
            overdue,
            page_url("selection:dashboard"),
            urgent=True,
        )
    )
    return WorkBlock(
        key="selection",
        title=_("Product selection"),
        url=page_url("selection:candidates"),
        links=tuple(links),
    )


# ---------------------------------------------------------------- officers: registry work


def producers_block(*, user: User) -> WorkBlock:
    """Producers of the officer's scope awaiting verification (self-registered or assisted)."""
    pending = (
        producers_visible_to(user)
        .filter(officer_scope(user), status=ProducerStatus.PENDING)
        .count()
    )
    return WorkBlock(
        key="producers",
        title=_("Producers"),
        url=page_url("producers:list"),
        links=(
            WorkLink(
                _("Producers awaiting your verification"),
                pending,
                page_url("producers:list", f"status={ProducerStatus.PENDING}"),
            ),
        ),
    )


def hs_codes_block(*, user: User) -> WorkBlock:
    """Product types the officer may decide that have a suggested code and no confirmed one."""
    suggested = ProductHSCode.objects.filter(
        product_type=OuterRef("pk"), status=HSLinkStatus.SUGGESTED
    )
    to_confirm = product_types_to_decide(user=user, status="open").filter(Exists(suggested))
    return WorkBlock(
        key="hs_codes",
        title=_("HS codes"),
        url=page_url("markets:hs-codes"),
        links=(
            WorkLink(
                _("Product types with a suggested HS code to confirm"),
                to_confirm.count(),
                page_url("markets:hs-codes"),
            ),
        ),
    )


def exports_block(*, user: User, today: dt.date) -> WorkBlock:
    """Draft export plans of the scope, and open bottlenecks past their due date."""
    drafts = plans_visible_to(user).filter(officer_scope(user), status=PlanStatus.DRAFT).count()
    overdue = (
        Bottleneck.objects.filter(
            officer_scope(user, district_field="plan__district"),
            status__in=[BottleneckStatus.OPEN, BottleneckStatus.IN_PROGRESS],
            due_date__lt=today,
        )
        .exclude(plan__status=PlanStatus.ARCHIVED)
        .select_related("plan__district")
        .order_by("due_date", "pk")
    )
    rows = tuple(
        WorkRow(
            label=f"{bottleneck.plan.district.name}: {bottleneck.get_type_display()}",
            detail=bottleneck.description[:120],
            url=page_url("exports:plan", pk=bottleneck.plan_id),
            when=bottleneck.due_date,
            urgent=True,
        )
        for bottleneck in overdue[:ROWS]
    )
    return WorkBlock(
        key="exports",
        title=_("Export plans"),
        url=page_url("exports:plans"),
        links=(
            WorkLink(_("Draft plans to complete and adopt"), drafts, page_url("exports:plans")),
            WorkLink(
                _("Bottlenecks past their due date"),
                overdue.count(),
                page_url("exports:plans"),
                urgent=True,
            ),
        ),
        rows=rows,
    )


# ---------------------------------------------------------------- committee members


def assessments_block(*, user: User) -> WorkBlock | None:
    """Scoring due from this person, on any committee they sit on (assessors, and officers
    seated on a committee). None when they sit on no committee and are not an assessor."""
    submitted = Assessment.objects.filter(
        candidate=OuterRef("candidate"), assessor=user, status=AssessmentStatus.SUBMITTED
    )
    seats = (
        CommitteeMember.objects.filter(assessor=user, candidate__status=S.SCORING)
        .filter(~Exists(submitted))
        .select_related("candidate__district__state")
        .order_by("candidate__stage_due_at", "pk")
    )
    due = [
        seat for seat in seats if not has_conflict_of_interest(seat.candidate, seat.organisation)
    ]
    if not due and user.role != Role.ASSESSOR:
        return None
    now = timezone.now()
    rows = tuple(
        WorkRow(
            label=seat.candidate.name,
            detail=str(seat.candidate.district),
            url=page_url("selection:assessment", pk=seat.candidate_id),
            when=seat.candidate.stage_due_at,
            urgent=bool(seat.candidate.stage_due_at and seat.candidate.stage_due_at < now),
        )
        for seat in due[:ROWS]
    )
    return WorkBlock(
        key="assessments",
        title=_("Assessments"),
        url=page_url("selection:candidates"),
        links=(WorkLink(_("Candidates to score"), len(due), page_url("selection:candidates")),),
        rows=rows,
    )
