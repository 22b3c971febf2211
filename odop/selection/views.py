"""Officers' and assessors' pages of product selection, and the public scorecards page.

Views stay thin: candidates come through `access_candidate` (404 when not visible), reads
through selectors, every write through a service. A service's `ValidationError` becomes a
form error on the same page; its `PermissionDenied` (the candidate is visible, the move is
not the user's) answers 403. Pages a role has no use for answer 404, like the rest of the site.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BoundField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from odop.accounts.models import Role, User
from odop.evidence.selectors import Evidence, Figure, evidence_for
from odop.registry.models import Sector
from odop.selection import scoring
from odop.selection.duties import Duty, DutyConflict
from odop.selection.forms import (
    AssessmentForm,
    CandidateMoveForm,
    CandidateProposeForm,
    CommitteeMemberForm,
)
from odop.selection.indicators import computed_values, indicator_figures
from odop.selection.models import (
    AssessmentStatus,
    Candidate,
    CandidateStatus,
    ScorecardStatus,
    ScorecardVersion,
)
from odop.selection.permissions import (
    access_candidate,
    access_scorecard,
    can_adopt_scorecard,
    can_manage_committee,
    can_manage_scorecards,
    can_score,
    can_view_dashboard,
    candidate_moves_for,
    duty_conflict_for,
    scorecards_visible_to,
)
from odop.selection.selectors import (
    candidate_assessments,
    candidate_committee,
    candidate_events,
    candidate_list,
    candidate_proposers,
    candidate_result,
    candidates_by_stage,
    candidates_overdue,
    committee_suggestions,
    coverage_dashboard,
    districts_without_product,
)
from odop.selection.services import (
    assessment_save,
    candidate_create,
    candidate_transition,
    committee_member_add,
    scorecard_adopt,
    scorecard_definition_of,
    scorecard_for_state,
    scorecard_publish,
    scorecard_version_derive,
)
from odop.selection.workflow import ACTIVE_STATUSES

S = CandidateStatus
PAGE_SIZE: Final = 50
OVERDUE_SHOWN: Final = 100

# The button of each move, in the order the buttons appear (forward moves first).
MOVE_BUTTONS: Final = {
    S.PROPOSED: gettext_lazy("Propose"),
    S.SCORING: gettext_lazy("Open scoring"),
    S.STATE_APPROVED: gettext_lazy("Approve"),
    S.PUBLISHED: gettext_lazy("Publish"),
    S.RETURNED: gettext_lazy("Return to the district"),
    S.REJECTED: gettext_lazy("Reject"),
    S.WITHDRAWN: gettext_lazy("Withdraw"),
    S.EXPIRED: gettext_lazy("Mark as expired"),
}
# Moves that end or set back a proposal, drawn as secondary buttons.
SETBACK_MOVES: Final = frozenset({S.RETURNED, S.REJECTED, S.WITHDRAWN, S.EXPIRED})


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _uses_selection(user: User) -> bool:
    """Officers run selection and assessors score in it; other roles have no work list here
    (the published selections are public on the product pages)."""
    return user.is_officer or user.role == Role.ASSESSOR


def _is_overdue(candidate: Candidate, now: datetime) -> bool:
    return bool(
        candidate.status in ACTIVE_STATUSES
        and candidate.stage_due_at is not None
        and candidate.stage_due_at < now
    )


# ---------------------------------------------------------------- the list and a new proposal


@login_required
@require_safe
def candidates_view(request: HttpRequest) -> HttpResponse:
    """The candidates the user may see, newest first, filtered by status."""
    user = _user(request)
    if not _uses_selection(user):
        raise Http404
    status = request.GET.get("status") or None
    if status not in S.values:
        status = None
    page = Paginator(candidate_list(user=user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    return render(
        request,
        "selection/candidates.html",
        {
            "page": page,
            "rows": [(candidate, _is_overdue(candidate, now)) for candidate in page],
            "statuses": S.choices,
            "status": status,
            "can_propose": user.is_officer,
            "can_view_dashboard": can_view_dashboard(user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def candidate_new_view(request: HttpRequest) -> HttpResponse:
    """An officer proposes a product for a district of their scope (saved as a draft)."""
    user = _user(request)
    if not user.is_officer:
        raise Http404
    form = CandidateProposeForm(
        request.POST or None,
        user=user,
        scorecards=scorecards_visible_to(user).filter(status=ScorecardStatus.PUBLISHED),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            candidate = candidate_create(
                actor=user,
                district=data["district"],
                name=data["name"],
                description=data["description"],
                sector=data["sector"],
                producer_organisation=data["producer_organisation"],
                scorecard=data["scorecard"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Proposal saved as a draft."))
            return redirect("selection:candidate", pk=candidate.pk)
    return render(request, "selection/candidate_new.html", {"form": form})


# ---------------------------------------------------------------- one candidate


@dataclass(frozen=True)
class EvidenceRow:
    """One indicator as the pages show it."""

    label: str
    figure: Figure


def _evidence_rows(evidence: Evidence) -> list[EvidenceRow]:
    return [
        EvidenceRow(_("Location quotient (production)"), evidence.location_quotient_production),
        EvidenceRow(_("Location quotient (workers)"), evidence.location_quotient_workers),
        EvidenceRow(_("Other districts of the State with it"), evidence.other_districts_in_state),
        EvidenceRow(_("Other districts in India with it"), evidence.other_districts_in_country),
        EvidenceRow(_("GI registration"), evidence.gi_registered),
        EvidenceRow(_("Producers"), evidence.producers),
        EvidenceRow(_("Listings"), evidence.listings),
    ]


def _evidence_of(user: User, candidate: Candidate, *, on_committee: bool) -> Evidence | None:
    """The candidate's evidence for officers and its committee; None without a product type
    (nothing to compute it for). District statistics are officers' and committees' working
    data, not public (see `odop.evidence.permissions`)."""
    if candidate.product_type is None or not (user.is_officer or on_committee):
        return None
    return evidence_for(district=candidate.district, product_type=candidate.product_type)


@dataclass(frozen=True)
class RefusedMove:
    """A move the user's role allows but the separation of duties refuses (issue 12): the
    button is absent and the page says why."""

    label: str
    conflict: DutyConflict


def _moves(
    user: User, candidate: Candidate
) -> tuple[list[tuple[str, str, bool]], list[RefusedMove]]:
    """(status, button label, is a setback) of each move `user` may make now, in the order of
    the buttons, and the moves the separation of duties refuses them
    (`permissions.candidate_moves_for`)."""
    allowed, refused = candidate_moves_for(user, candidate)
    return (
        [
            (status.value, str(label), status in SETBACK_MOVES)
            for status, label in MOVE_BUTTONS.items()
            if status in allowed
        ],
        [RefusedMove(str(MOVE_BUTTONS[status]), conflict) for status, conflict in refused],
    )


def _candidate_page(
    request: HttpRequest,
    candidate: Candidate,
    *,
    move_form: CandidateMoveForm | None = None,
    committee_form: CommitteeMemberForm | None = None,
) -> HttpResponse:
    user = _user(request)
    committee = list(candidate_committee(candidate=candidate))
    moves, refused_moves = _moves(user, candidate)
    may_score = can_score(user, candidate)
    score_conflict = duty_conflict_for(user, candidate, Duty.SCORE) if may_score else None
    may_manage_committee = can_manage_committee(user, candidate)
    committee_form = committee_form or CommitteeMemberForm()
    if may_manage_committee:
        committee_form.fields["username"].widget.attrs["list"] = "assessor-choices"
    on_committee = any(member.assessor_id == user.pk for member in committee)
    evidence = _evidence_of(user, candidate, on_committee=on_committee)
    definition = scorecard_definition_of(candidate.scorecard)
    titles = {criterion.code: criterion.title for criterion in definition.criteria}
    order = {criterion.code: index for index, criterion in enumerate(definition.criteria)}
    assessments = [
        (
            assessment,
            [
                (titles.get(score.criterion, score.criterion), score)
                for score in sorted(
                    assessment.scores.all(), key=lambda score: order.get(score.criterion, 0)
                )
            ],
        )
        for assessment in candidate_assessments(user=user, candidate=candidate)
    ]
    return render(
        request,
        "selection/candidate.html",
        {
            "candidate": candidate,
            "sector_label": dict(Sector.choices).get(candidate.sector, candidate.sector),
            "definition": definition,
            "committee": committee,
            "assessments": assessments,
            "result": candidate_result(candidate=candidate),
            "events": candidate_events(candidate=candidate),
            "is_overdue": _is_overdue(candidate, timezone.now()),
            "evidence": evidence,
            "evidence_rows": _evidence_rows(evidence) if evidence else [],
            "shows_evidence": user.is_officer or on_committee,
            "moves": moves,
            "refused_moves": refused_moves,
            "move_form": move_form or CandidateMoveForm(),
            "committee_form": committee_form,
            "can_manage_committee": may_manage_committee,
            "assessor_choices": committee_suggestions(candidate=candidate)
            if may_manage_committee
            else [],
            "proposers": candidate_proposers(candidate=candidate) if may_manage_committee else [],
            "can_score": may_score and score_conflict is None,
            "score_conflict": score_conflict,
        },
    )


@login_required
@require_safe
def candidate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A candidate: details, evidence, committee, result, history and the user's moves."""
    return _candidate_page(request, access_candidate(request.user, pk))


@login_required
@require_POST
def candidate_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the candidate to the status of the button pressed, with the note."""
    user = _user(request)
    candidate = access_candidate(user, pk)
    form = CandidateMoveForm(request.POST)
    if form.is_valid():
        to_status = S(form.cleaned_data["to_status"])
        try:
            candidate_transition(
                actor=user, candidate=candidate, to_status=to_status, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Moved to “%(status)s”.") % {"status": to_status.label})
            return redirect("selection:candidate", pk=candidate.pk)
    return _candidate_page(request, candidate, move_form=form)


@login_required
@require_POST
def committee_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Seat an assessor on the candidate's committee."""
    user = _user(request)
    candidate = access_candidate(user, pk)
    if not can_manage_committee(user, candidate):
        raise PermissionDenied
    form = CommitteeMemberForm(request.POST)
    if form.is_valid():
        assessor = form.cleaned_data["username"]
        try:
            committee_member_add(
                actor=user,
                candidate=candidate,
                assessor=assessor,
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(username)s joined the committee.") % {"username": assessor.get_username()},
            )
            return redirect("selection:candidate", pk=candidate.pk)
    return _candidate_page(request, candidate, committee_form=form)


# ---------------------------------------------------------------- the assessor's form


@dataclass(frozen=True)
class CriterionRow:
    """One criterion of the assessment form: its definition, evidence and field (if any)."""

    criterion: scoring.Criterion
    part_title: str
    figure: Figure | None
    computed: Decimal | None
    value_field: BoundField | None
    note_field: BoundField | None


def _criterion_rows(
    definition: scoring.ScorecardDefinition,
    form: AssessmentForm,
    figures: dict[str, Figure],
    computed: dict[str, Decimal],
) -> list[CriterionRow]:
    parts = {part.code: part.title for part in definition.parts}
    rows = []
    for criterion in definition.criteria:
        has_field = criterion.code not in computed
        rows.append(
            CriterionRow(
                criterion=criterion,
                part_title=parts.get(criterion.part, criterion.part),
                figure=figures.get(criterion.indicator),
                computed=computed.get(criterion.code),
                value_field=form[form.value_name(criterion.code)] if has_field else None,
                note_field=form[form.note_name(criterion.code)] if has_field else None,
            )
        )
    return rows


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An assessor scores the candidate: save a draft as often as needed, then submit.

    After submitting, the same page shows the submitted scores read-only. Anyone with neither
    a seat that may score nor an assessment of their own gets 404.
    """
    user = _user(request)
    candidate = access_candidate(user, pk)
    conflict = duty_conflict_for(user, candidate, Duty.SCORE)
    if conflict is not None and can_score(user, candidate):
        # A proposer seated before the separation of duties (issue 12): say why, never a 404.
        messages.error(request, str(conflict.message))
        return redirect("selection:candidate", pk=candidate.pk)
    own = candidate_assessments(user=user, candidate=candidate).filter(assessor=user).first()
    editable = can_score(user, candidate) and (own is None or own.status == AssessmentStatus.DRAFT)
    if own is None and not editable:
        raise Http404
    if request.method == "POST" and not editable:
        raise PermissionDenied
    definition = scorecard_definition_of(candidate.scorecard)
    # Only committee members get here (a seat to score, or an assessment of their own).
    figures = indicator_figures(_evidence_of(user, candidate, on_committee=True))
    computed = computed_values(definition.criteria, figures)
    form = AssessmentForm(
        request.POST or None,
        criteria=definition.criteria,
        computed=computed,
        stored=own.scores.all() if own is not None else (),
        read_only=not editable,
    )
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            assessment_save(
                actor=user,
                candidate=candidate,
                scores=form.scores(),
                submit=submit,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if submit:
                messages.success(request, _("Your assessment is submitted."))
                return redirect("selection:candidate", pk=candidate.pk)
            messages.success(request, _("Draft saved."))
            return redirect("selection:assessment", pk=candidate.pk)
    return render(
        request,
        "selection/assessment.html",
        {
            "candidate": candidate,
            "definition": definition,
            "assessment": own,
            "editable": editable,
            "form": form,
            "rows": _criterion_rows(definition, form, figures, computed),
        },
    )


# ---------------------------------------------------------------- coverage and gaps


@dataclass(frozen=True)
class Bar:
    """A labelled figure with its bar width (0–100, plain text for an SVG attribute)."""

    label: str
    total: int
    width: str


def _bars(totals: dict[str, int]) -> list[Bar]:
    labels = dict(Sector.choices)
    largest = max(totals.values(), default=0)
    return [
        Bar(
            label=str(labels.get(key, key)),
            total=total,
            width=f"{100 * total / largest:.1f}" if largest else "0",
        )
        for key, total in sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    ]


@login_required
@require_safe
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """Coverage and gaps for officers: per State in scope, districts with a product, products
    by sector, GI share; districts without a product; proposals by stage; the overdue list."""
    user = _user(request)
    if not can_view_dashboard(user):
        raise Http404
    states = coverage_dashboard(user=user)
    sectors: dict[str, int] = {}
    for row in states:
        for sector, total in row.by_sector.items():
            sectors[sector] = sectors.get(sector, 0) + total
    gaps = list(districts_without_product(user=user))
    overdue = list(candidates_overdue(user=user)[: OVERDUE_SHOWN + 1])
    return render(
        request,
        "selection/dashboard.html",
        {
            "states": [(row, f"{row.percent:.1f}", _bars(row.by_sector)) for row in states],
            "totals": {
                "districts": sum(row.districts for row in states),
                "covered": sum(row.districts_with_product for row in states),
                "products": sum(row.products for row in states),
                "gi": sum(row.gi_products for row in states),
            },
            "sectors": _bars(sectors),
            "gaps": gaps,
            "stages": candidates_by_stage(user=user),
            "overdue": overdue[:OVERDUE_SHOWN],
            "more_overdue": len(overdue) > OVERDUE_SHOWN,
        },
    )


# ---------------------------------------------------------------- scorecards


@dataclass(frozen=True)
class BandRow:
    stars: int
    low: Decimal
    high: Decimal  # exclusive, except for the top band (inclusive total points)
    is_top: bool


@dataclass(frozen=True)
class ScorecardView:
    """One stored version with its definition laid out for the page."""

    version: ScorecardVersion
    definition: scoring.ScorecardDefinition
    parts: list[tuple[scoring.Part, tuple[scoring.Criterion, ...]]]
    bands: list[BandRow]
    tiers: list[tuple[str, int]]


def _scorecard_view(version: ScorecardVersion) -> ScorecardView:
    definition = scorecard_definition_of(version)
    bands = sorted(definition.bands, key=lambda band: band.min_points, reverse=True)
    rows = []
    ceiling = definition.total_points
    for index, band in enumerate(bands):
        rows.append(BandRow(band.stars, band.min_points, ceiling, is_top=index == 0))
        ceiling = band.min_points
    return ScorecardView(
        version=version,
        definition=definition,
        parts=[(part, definition.part_criteria(part.code)) for part in definition.parts],
        bands=rows,
        tiers=sorted(definition.tier_max_stars.items(), key=lambda item: item[1]),
    )


@require_safe
def scorecards_view(request: HttpRequest) -> HttpResponse:
    """Every scorecard version the user may see (published ones are public), in full."""
    versions = scorecards_visible_to(request.user).order_by("key", "-published_at", "-pk")
    user = request.user
    state = user.state if isinstance(user, User) and user.role == Role.STATE_OFFICER else None
    return render(
        request,
        "selection/scorecards.html",
        {
            "scorecards": [_scorecard_view(version) for version in versions],
            "can_manage": can_manage_scorecards(user),
            "adopt_state": state,
            "adopted": scorecard_for_state(state) if state is not None else None,
        },
    )


def _scorecard_back(version: ScorecardVersion) -> HttpResponse:
    return redirect(f"{reverse('selection:scorecards')}#scorecard-{version.pk}")


def _service_error(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def scorecard_derive_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A national admin derives a new draft version with other criterion weights."""
    base = access_scorecard(request.user, pk)
    if not can_manage_scorecards(request.user):
        raise PermissionDenied
    assert isinstance(request.user, User)
    weights: dict[str, Decimal] = {}
    try:
        for criterion in scorecard_definition_of(base).criteria:
            weights[criterion.code] = Decimal(request.POST.get(f"weight-{criterion.code}", ""))
        version = scorecard_version_derive(
            actor=request.user,
            base=base,
            version=request.POST.get("version", "").strip(),
            weights=weights,
        )
    except (InvalidOperation, ValueError):
        messages.error(request, _("Every weight must be a number."))
        return _scorecard_back(base)
    except ValidationError as error:
        _service_error(request, error)
        return _scorecard_back(base)
    messages.success(
        request, _("Draft version %(version)s created.") % {"version": version.version}
    )
    return _scorecard_back(version)


@login_required
@require_POST
def scorecard_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A national admin publishes a draft version."""
    version = access_scorecard(request.user, pk)
    if not can_manage_scorecards(request.user):
        raise PermissionDenied
    assert isinstance(request.user, User)
    try:
        version = scorecard_publish(actor=request.user, scorecard=version)
    except ValidationError as error:
        _service_error(request, error)
    else:
        messages.success(
            request, _("Version %(version)s is published.") % {"version": version.version}
        )
    return _scorecard_back(version)


@login_required
@require_POST
def scorecard_adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A State officer adopts a published version for their State's new candidates."""
    version = access_scorecard(request.user, pk)
    user = request.user
    state = user.state if isinstance(user, User) else None
    if state is None or not can_adopt_scorecard(user, state):
        raise PermissionDenied
    assert isinstance(user, User)
    try:
        scorecard_adopt(actor=user, state=state, scorecard=version)
    except ValidationError as error:
        _service_error(request, error)
    else:
        messages.success(
            request,
            _("%(state)s now scores new candidates with %(title)s (%(version)s).")
            % {"state": state.name, "title": version.title, "version": version.version},
        )
    return _scorecard_back(version)
