"""Who may see and do what in product selection. Every view and service goes through these."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.core.text import text_key
from odop.geography.models import District, State
from odop.geography.permissions import officer_covers_district
from odop.selection.duties import (
    Duty,
    DutyConflict,
    Separation,
    duty_conflict,
    separations_enforced,
)
from odop.selection.models import (
    Assessment,
    AssessmentStatus,
    Candidate,
    CandidateEvent,
    CandidateStatus,
    CommitteeMember,
    ScorecardStatus,
    ScorecardVersion,
)
from odop.selection.workflow import TRANSITIONS, is_decision

S = CandidateStatus


def _covers_district(user: User, district: District) -> bool:
    """National admins cover everything; a State officer their State; a district officer theirs."""
    return officer_covers_district(user, district)


def candidates_visible_to(user: User | AnonymousUser) -> QuerySet[Candidate]:
    """Officers see candidates of their scope; assessors those on whose committee they sit;
    everyone sees published selections (the public record of why a product was chosen)."""
    candidates = Candidate.objects.select_related("district__state", "scorecard", "product_type")
    published = Q(status__in=[S.PUBLISHED, S.EXPIRED])
    signed_in = signed_in_user(user)
    if signed_in is None:
        return candidates.filter(published)
    if signed_in.is_national_admin:
        return candidates
    seat = Exists(CommitteeMember.objects.filter(candidate=OuterRef("pk"), assessor=signed_in))
    scope = Q(pk__in=[])
    if signed_in.role == Role.STATE_OFFICER:
        scope = Q(district__state_id=signed_in.state_id)
    elif signed_in.role == Role.DISTRICT_OFFICER:
        scope = Q(district_id=signed_in.district_id)
    return candidates.filter(published | scope | Q(seat))


def access_candidate(user: User | AnonymousUser, candidate_id: int) -> Candidate:
    """The candidate if `user` may see it, else 404 (the same answer as for no such id)."""
    try:
        return candidates_visible_to(user).get(pk=candidate_id)
    except Candidate.DoesNotExist as error:
        raise Http404 from error


def can_propose_in(user: User | AnonymousUser, district: District) -> bool:
    """District officers propose for their district; State officers and national admins may
    too (they often enter what a district sent on paper)."""
    signed_in = signed_in_user(user)
    return bool(signed_in and signed_in.is_officer and _covers_district(signed_in, district))


def can_edit_candidate(user: User | AnonymousUser, candidate: Candidate) -> bool:
    """Details change only while the district holds the candidate (draft or returned)."""
    return candidate.status in {S.DRAFT, S.RETURNED} and can_propose_in(user, candidate.district)


def can_manage_committee(user: User | AnonymousUser, candidate: Candidate) -> bool:
    """The district (or its State, or national) forms the committee before scoring opens."""
    return candidate.status == S.PROPOSED and can_propose_in(user, candidate.district)


def can_move_candidate(user: User | AnonymousUser, candidate: Candidate, to_status: S) -> bool:
    """Who may make each move of `workflow.TRANSITIONS`."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    district = candidate.district
    if to_status in {S.PROPOSED, S.WITHDRAWN, S.SCORING}:
        return signed_in.is_officer and _covers_district(signed_in, district)
    if to_status == S.SCORED:
        # Made by the service when the last assessor submits; officers of the scope may too.
        is_assessor = CommitteeMember.objects.filter(
            candidate=candidate, assessor=signed_in
        ).exists()
        return is_assessor or (signed_in.is_officer and _covers_district(signed_in, district))
    if candidate.status == S.SCORED and to_status in {S.STATE_APPROVED, S.RETURNED, S.REJECTED}:
        return signed_in.is_national_admin or (
            signed_in.role == Role.STATE_OFFICER and signed_in.state_id == district.state_id
        )
    if to_status in {S.PUBLISHED, S.RETURNED, S.REJECTED, S.EXPIRED}:
        return signed_in.is_national_admin
    return False


def has_conflict_of_interest(candidate: Candidate, organisation: str) -> bool:
    """An assessor from the candidate's own producer organisation may not score it."""
    own = text_key(candidate.producer_organisation)
    return bool(own) and own == text_key(organisation)


def assessor_is_eligible(user: User) -> bool:
    """Committees are made of assessors and officers, never of producers, buyers or Missions."""
    return user.is_active and (user.role == Role.ASSESSOR or user.is_officer)


def can_score(user: User | AnonymousUser, candidate: Candidate) -> bool:
    """A committee member without a conflict, while the committee is scoring."""
    signed_in = signed_in_user(user)
    if signed_in is None or candidate.status != S.SCORING:
        return False
    seat = CommitteeMember.objects.filter(candidate=candidate, assessor=signed_in).first()
    return seat is not None and not has_conflict_of_interest(candidate, seat.organisation)


def assessments_visible_to(
    user: User | AnonymousUser, candidate: Candidate
) -> QuerySet[Assessment]:
    """Scores are blind: an assessor sees their own, and the others' only once their own is
    submitted. Officers of the scope see submitted scores; nobody sees others' drafts."""
    signed_in = signed_in_user(user)
    assessments = Assessment.objects.filter(candidate=candidate).select_related("assessor")
    if signed_in is None:
        return assessments.none()
    own = assessments.filter(assessor=signed_in)
    submitted = assessments.filter(status=AssessmentStatus.SUBMITTED)
    seat = CommitteeMember.objects.filter(candidate=candidate, assessor=signed_in).exists()
    if seat:
        if own.filter(status=AssessmentStatus.SUBMITTED).exists():
            return assessments.filter(Q(assessor=signed_in) | Q(status=AssessmentStatus.SUBMITTED))
        return own
    if signed_in.is_officer and _covers_district(signed_in, candidate.district):
        return submitted
    return assessments.none()


def duty_separations() -> frozenset[Separation]:
    """The separations of duties in force: all but those `ODOP_SELECTION_DUTIES_ALLOWED` lists."""
    try:
        return separations_enforced(getattr(settings, "ODOP_SELECTION_DUTIES_ALLOWED", ()))
    except ValueError as error:
        raise ImproperlyConfigured(f"ODOP_SELECTION_DUTIES_ALLOWED: {error}") from error


def candidate_proposer_ids(candidate: Candidate) -> set[int]:
    """Who proposed the candidate: who created it and whoever sent it to "proposed" (a State
    officer may enter a district's paper proposal; after a return, another may send it again)."""
    movers = CandidateEvent.objects.filter(
        candidate=candidate, to_status=S.PROPOSED, actor__isnull=False
    ).values_list("actor_id", flat=True)
    return {candidate.proposed_by_id, *(actor for actor in movers if actor is not None)}


def has_sat_on_committee(user: User, candidate: Candidate) -> bool:
    """True for a committee member, or anyone who has an assessment of the candidate."""
    return (
        CommitteeMember.objects.filter(candidate=candidate, assessor=user).exists()
        or Assessment.objects.filter(candidate=candidate, assessor=user).exists()
    )


def duty_conflict_for(
    user: User | AnonymousUser, candidate: Candidate, duty: Duty
) -> DutyConflict | None:
    """The separation of duties `user` would break by doing `duty` to `candidate` (issue 12):
    who they were on it, asked of the pure rule `duties.duty_conflict`. None if none."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return None
    return duty_conflict(
        duty=duty,
        proposed=signed_in.pk in candidate_proposer_ids(candidate),
        on_committee=duty == Duty.DECIDE and has_sat_on_committee(signed_in, candidate),
        enforced=duty_separations(),
    )


def candidate_moves_for(
    user: User | AnonymousUser, candidate: Candidate
) -> tuple[list[S], list[tuple[S, DutyConflict]]]:
    """The moves of `workflow.TRANSITIONS` `user` may make now, and the moves their role
    allows that the separation of duties refuses them (with why), both in status order.

    "Scored" is left out: `assessment_save` makes that move when the last assessor submits,
    and before that it is refused (`committee_incomplete`). A move listed may still be
    refused for its own reason (a committee too small).
    """
    from_status = S(candidate.status)
    allowed: list[S] = []
    refused: list[tuple[S, DutyConflict]] = []
    conflict: DutyConflict | None = None
    for to_status in S:
        if to_status == S.SCORED or to_status not in TRANSITIONS[from_status]:
            continue
        if not can_move_candidate(user, candidate, to_status):
            continue
        if is_decision(from_status, to_status):
            conflict = conflict or duty_conflict_for(user, candidate, Duty.DECIDE)
            if conflict is not None:
                refused.append((to_status, conflict))
                continue
        allowed.append(to_status)
    return allowed, refused


def can_manage_scorecards(user: User | AnonymousUser) -> bool:
    """National admins write scorecard versions and their weights."""
    signed_in = signed_in_user(user)
    return bool(signed_in and signed_in.is_national_admin)


def scorecards_visible_to(user: User | AnonymousUser) -> QuerySet[ScorecardVersion]:
    """Published versions are public (the criteria are part of the transparency); drafts are
    for national admins."""
    if can_manage_scorecards(user):
        return ScorecardVersion.objects.all()
    return ScorecardVersion.objects.exclude(status=ScorecardStatus.DRAFT)


def access_scorecard(user: User | AnonymousUser, scorecard_id: int) -> ScorecardVersion:
    try:
        return scorecards_visible_to(user).get(pk=scorecard_id)
    except ScorecardVersion.DoesNotExist as error:
        raise Http404 from error


def can_adopt_scorecard(user: User | AnonymousUser, state: State) -> bool:
    """A State officer for their State, or a national admin for any."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    return signed_in.is_national_admin or (
        signed_in.role == Role.STATE_OFFICER and signed_in.state_id == state.pk
    )


def can_view_dashboard(user: User | AnonymousUser) -> bool:
    """The coverage and gaps dashboard is for officers."""
    signed_in = signed_in_user(user)
    return bool(signed_in and signed_in.is_officer)
