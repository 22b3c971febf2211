"""Write-side use cases of product selection: scorecard versions, candidates, committees,
assessments, and the one service that moves a candidate along its life cycle."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.models import row_create
from odop.core.text import text_clean
from odop.geography.models import District, State
from odop.registry.models import DistrictProduct, ProductType
from odop.registry.vocabularies import product_type_key
from odop.selection import indicators, scorecards, scoring
from odop.selection.duties import Duty
from odop.selection.models import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    Assessment,
    AssessmentStatus,
    Attachment,
    Candidate,
    CandidateEvent,
    CandidateStatus,
    CommitteeMember,
    CriterionScore,
    ScorecardAdoption,
    ScorecardStatus,
    ScorecardVersion,
)
from odop.selection.permissions import (
    assessor_is_eligible,
    can_adopt_scorecard,
    can_edit_candidate,
    can_manage_committee,
    can_manage_scorecards,
    can_move_candidate,
    can_propose_in,
    can_score,
    duty_conflict_for,
    has_conflict_of_interest,
)
from odop.selection.workflow import (
    DEFAULT_VALIDITY_MONTHS,
    MIN_COMMITTEE,
    STAGE_DEADLINES,
    TRANSITIONS,
    is_decision,
)

S = CandidateStatus
DEFAULT_SCORECARD_KEY = "odop-india"


def _duty_refuse(user: User, candidate: Candidate, duty: Duty) -> None:
    """Refuse, with the separation's code, a duty that would join hands the selection keeps
    apart (issue 12: proposer, committee, decider)."""
    conflict = duty_conflict_for(user, candidate, duty)
    if conflict is not None:
        raise ValidationError(conflict.message, code=conflict.code)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def scorecard_definition_of(scorecard: ScorecardVersion) -> scorecards.ScorecardDefinition:
    """The validated, pure form of a stored scorecard version."""
    return scorecards.definition_from_dict(scorecard.definition)


# ---------------------------------------------------------------- scorecard versions


@transaction.atomic
def scorecards_install() -> list[ScorecardVersion]:
    """Store the shipped scorecard definitions as published versions (idempotent).

    A shipped version that is already stored is left as it is.
    """
    stored = []
    for definition in scorecards.scorecard_definitions():
        version, _created = ScorecardVersion.objects.get_or_create(
            key=definition.key,
            version=definition.version,
            defaults={
                "title": definition.title,
                "definition": scorecards.definition_to_dict(definition),
                "status": ScorecardStatus.PUBLISHED,
                "published_at": timezone.now(),
            },
        )
        stored.append(version)
    return stored


def scorecard_is_in_use(scorecard: ScorecardVersion) -> bool:
    """True once any candidate is scored with this version."""
    return Candidate.objects.filter(scorecard=scorecard).exists()


@transaction.atomic
def scorecard_version_derive(
    *, actor: User, base: ScorecardVersion, version: str, weights: Mapping[str, Decimal]
) -> ScorecardVersion:
    """A national admin makes a new draft version of a scorecard with other criterion weights.

    The base version is never changed: candidates already scored with it keep their scores.
    """
    if not can_manage_scorecards(actor):
        raise PermissionDenied
    try:
        definition = scoring.weights_rescale(
            scorecard_definition_of(base).with_version(version), weights
        )
    except scoring.ScorecardError as error:
        raise ValidationError(str(error), code="invalid_weights") from error
    derived = ScorecardVersion(
        key=base.key,
        version=version,
        title=base.title,
        definition=scorecards.definition_to_dict(definition),
        based_on=base,
        status=ScorecardStatus.DRAFT,
    )
    derived._history_user = actor  # type: ignore[attr-defined]
    derived.full_clean()
    derived.save()
    return derived


@transaction.atomic
def scorecard_weights_update(
    *, actor: User, scorecard: ScorecardVersion, weights: Mapping[str, Decimal]
) -> ScorecardVersion:
    """Change the weights of a draft version. A published version, or one used to score, is
    never edited (make a new version instead)."""
    if not can_manage_scorecards(actor):
        raise PermissionDenied
    scorecard = ScorecardVersion.objects.select_for_update().get(pk=scorecard.pk)
    if scorecard.status != ScorecardStatus.DRAFT or scorecard_is_in_use(scorecard):
        raise ValidationError(
            _(
                "This scorecard version is published or already used to score; derive a new "
                "version to change its weights."
            ),
            code="scorecard_in_use",
        )
    try:
        definition = scoring.weights_rescale(scorecard_definition_of(scorecard), weights)
    except scoring.ScorecardError as error:
        raise ValidationError(str(error), code="invalid_weights") from error
    scorecard.definition = scorecards.definition_to_dict(definition)
    scorecard._history_user = actor  # type: ignore[attr-defined]
    scorecard.save(update_fields=["definition", "updated_at"])
    return scorecard


@transaction.atomic
def scorecard_publish(*, actor: User, scorecard: ScorecardVersion) -> ScorecardVersion:
    """A national admin publishes a draft version so States can adopt it."""
    if not can_manage_scorecards(actor):
        raise PermissionDenied
    scorecard = ScorecardVersion.objects.select_for_update().get(pk=scorecard.pk)
    if scorecard.status != ScorecardStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."), code="not_draft")
    scorecard.status = ScorecardStatus.PUBLISHED
    scorecard.published_at = timezone.now()
    scorecard._history_user = actor  # type: ignore[attr-defined]
    scorecard.save(update_fields=["status", "published_at", "updated_at"])
    return scorecard


@transaction.atomic
def scorecard_adopt(*, actor: User, state: State, scorecard: ScorecardVersion) -> ScorecardAdoption:
    """A State adopts a published version for its new candidates (earlier ones keep theirs)."""
    if not can_adopt_scorecard(actor, state):
        raise PermissionDenied
    if scorecard.status != ScorecardStatus.PUBLISHED:
        raise ValidationError(_("Only a published scorecard can be adopted."), code="not_published")
    # Lock the State's row so two adoptions at once take turns instead of colliding.
    State.objects.select_for_update().get(pk=state.pk)
    ScorecardAdoption.objects.filter(state=state, is_current=True).update(is_current=False)
    adoption = ScorecardAdoption(state=state, scorecard=scorecard, adopted_by=actor)
    adoption._history_user = actor  # type: ignore[attr-defined]
    adoption.save()
    return adoption


def scorecard_for_state(state: State) -> ScorecardVersion:
    """The State's adopted version, else the latest published national ODOP scorecard."""
    adoption = (
        ScorecardAdoption.objects.filter(state=state, is_current=True)
        .select_related("scorecard")
        .first()
    )
    if adoption is not None:
        return adoption.scorecard
    default = (
        ScorecardVersion.objects.filter(key=DEFAULT_SCORECARD_KEY, status=ScorecardStatus.PUBLISHED)
        .order_by("-published_at")
        .first()
    )
    if default is None:
        scorecards_install()
        default = ScorecardVersion.objects.get(
            key=DEFAULT_SCORECARD_KEY, status=ScorecardStatus.PUBLISHED
        )
    return default


# ---------------------------------------------------------------- candidates


def _event(
    candidate: Candidate, actor: User | None, from_status: str, to_status: str, note: str = ""
) -> None:
    row_create(
        CandidateEvent,
        candidate=candidate,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


@transaction.atomic
def candidate_create(
    *,
    actor: User,
    district: District,
    name: str,
    description: str = "",
    sector: str = "",
    producer_organisation: str = "",
    scorecard: ScorecardVersion | None = None,
    previous: Candidate | None = None,
) -> Candidate:
    """A district (or its State, or national) starts a proposal, in draft.

    It is scored with the State's adopted scorecard unless another published one is named.
    """
    if not can_propose_in(actor, district):
        raise PermissionDenied
    name = text_clean(name)
    if not name:
        raise ValidationError(_("Enter the product's name."), code="required")
    scorecard = scorecard or scorecard_for_state(district.state)
    if scorecard.status != ScorecardStatus.PUBLISHED:
        raise ValidationError(_("Only a published scorecard can be used."), code="not_published")
    candidate = Candidate(
        district=district,
        name=name,
        product_type=ProductType.objects.filter(key=product_type_key(name)).first(),
        description=description,
        sector=sector,
        producer_organisation=text_clean(producer_organisation),
        scorecard=scorecard,
        proposed_by=actor,
        previous=previous,
        stage_due_at=timezone.now() + STAGE_DEADLINES[S.DRAFT],
    )
    candidate._history_user = actor  # type: ignore[attr-defined]
    candidate.full_clean()
    candidate.save()
    _event(candidate, actor, S.DRAFT, S.DRAFT, _("Proposal started"))
    return candidate


@transaction.atomic
def candidate_update(
    *,
    actor: User,
    candidate: Candidate,
    name: str | None = None,
    description: str | None = None,
    sector: str | None = None,
    producer_organisation: str | None = None,
) -> Candidate:
    """Edit a candidate while the district holds it (draft or returned)."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if not can_edit_candidate(actor, candidate):
        raise PermissionDenied
    changed = []
    for field, value in (
        ("name", name),
        ("description", description),
        ("sector", sector),
        ("producer_organisation", producer_organisation),
    ):
        if value is not None and getattr(candidate, field) != value:
            setattr(candidate, field, text_clean(value) if field != "description" else value)
            changed.append(field)
    if "name" in changed:
        candidate.product_type = ProductType.objects.filter(
            key=product_type_key(candidate.name)
        ).first()
        changed.append("product_type")
    if changed:
        candidate._history_user = actor  # type: ignore[attr-defined]
        candidate.full_clean()
        candidate.save(update_fields=[*changed, "updated_at"])
    return candidate


@transaction.atomic
def candidate_transition(
    *,
    actor: User,
    candidate: Candidate,
    to_status: CandidateStatus,
    note: str = "",
    now: datetime | None = None,
) -> Candidate:
    """Move a candidate along its life cycle and record who moved it, when and why.

    The row is locked first, so two officers acting at once cannot both move it: the second
    finds the status already changed and is refused (`invalid_transition`). A decision
    (`workflow.DECISIONS`) by whoever proposed the candidate or sits on its committee is
    refused (`proposer_decides`, `assessor_decides`; issue 12).
    """
    now = now or timezone.now()
    candidate = (
        Candidate.objects.select_for_update()
        .select_related("district__state", "scorecard")
        .get(pk=candidate.pk)
    )
    from_status = S(candidate.status)
    to_status = S(to_status)
    if to_status not in TRANSITIONS[from_status]:
        raise ValidationError(
            _("A candidate cannot go from “%(from)s” to “%(to)s”."),
            code="invalid_transition",
            params={"from": from_status.label, "to": to_status.label},
        )
    if not can_move_candidate(actor, candidate, to_status):
        raise PermissionDenied
    if is_decision(from_status, to_status):
        _duty_refuse(actor, candidate, Duty.DECIDE)
    fields = ["status", "stage_due_at", "updated_at"]
    if to_status == S.SCORING:
        seats = CommitteeMember.objects.filter(candidate=candidate).count()
        if seats < MIN_COMMITTEE:
            raise ValidationError(
                _("Scoring needs a committee of at least %(minimum)d assessors (now %(count)d)."),
                code="committee_too_small",
                params={"minimum": MIN_COMMITTEE, "count": seats},
            )
    if to_status == S.SCORED:
        fields += _committee_result_store(candidate)
    if to_status == S.RETURNED:
        fields += _committee_result_clear(candidate)
    if to_status in {S.STATE_APPROVED, S.PUBLISHED} and candidate.assessor_count == 0:
        raise ValidationError(_("The committee has not scored this candidate."), code="not_scored")
    if to_status == S.PUBLISHED:
        fields += _publish(candidate, actor, now)
    candidate.status = to_status
    deadline = STAGE_DEADLINES.get(to_status)
    candidate.stage_due_at = now + deadline if deadline else None
    candidate._history_user = actor  # type: ignore[attr-defined]
    candidate.save(update_fields=fields)
    _event(candidate, actor, from_status, to_status, note)
    return candidate


def _committee_result_store(candidate: Candidate) -> list[str]:
    """Store the committee's mean and spread (and stars, where the scorecard has bands)."""
    assessments = list(Assessment.objects.filter(candidate=candidate))
    seats = CommitteeMember.objects.filter(candidate=candidate).count()
    totals = [a.total for a in assessments if a.status == AssessmentStatus.SUBMITTED]
    if not totals or len(totals) < seats:
        raise ValidationError(
            _("%(done)d of %(seats)d assessors have submitted."),
            code="committee_incomplete",
            params={"done": len(totals), "seats": seats},
        )
    result = scoring.committee_result([total for total in totals if total is not None])
    candidate.score_mean = result.mean
    candidate.score_spread = result.spread
    candidate.assessor_count = result.count
    candidate.stars = scoring.stars_for_total(
        scorecard_definition_of(candidate.scorecard), result.mean
    )
    return ["score_mean", "score_spread", "assessor_count", "stars"]


def _committee_result_clear(candidate: Candidate) -> list[str]:
    """A returned candidate is scored afresh: its assessments are removed (their history rows
    keep every score) and the stored result is cleared, so no old total leaks into the next
    round."""
    for assessment in Assessment.objects.filter(candidate=candidate):
        assessment.delete()
    candidate.score_mean = candidate.score_spread = None
    candidate.assessor_count = 0
    candidate.stars = None
    return ["score_mean", "score_spread", "assessor_count", "stars"]


def _publish(candidate: Candidate, actor: User, now: datetime) -> list[str]:
    """Enter the selected product in the registry (or link the entry it already has)."""
    key = product_type_key(candidate.name)
    product_type = candidate.product_type or ProductType.objects.filter(key=key).first()
    if product_type is None:
        from django.utils.text import slugify

        base = slugify(candidate.name)[:180] or "product"
        slug, number = base, 2
        while ProductType.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        product_type = ProductType(name=candidate.name, key=key, slug=slug)
        product_type._history_user = actor  # type: ignore[attr-defined]
        product_type.save()
    product = DistrictProduct.objects.filter(
        district=candidate.district, product_type=product_type
    ).first()
    if product is None:
        product = DistrictProduct(
            district=candidate.district,
            product_type=product_type,
            name=candidate.name,
            description=candidate.description,
            sector=candidate.sector,
        )
        product._history_user = actor  # type: ignore[attr-defined]
        product._change_reason = f"selection {candidate.pk}"  # type: ignore[attr-defined]
        product.full_clean()
        product.save()
    definition = scorecard_definition_of(candidate.scorecard)
    months = definition.certificate_months or DEFAULT_VALIDITY_MONTHS
    candidate.product_type = product_type
    candidate.district_product = product
    candidate.published_at = now
    candidate.valid_until = _add_months(timezone.localdate(now), months)
    return ["product_type", "district_product", "published_at", "valid_until"]


@transaction.atomic
def candidates_expire(*, actor: User | None = None, today: date | None = None) -> list[Candidate]:
    """Expire published selections past their validity and open a re-evaluation draft for each.

    Run daily (`odop selection_expire`). The re-evaluation is proposed by the same district,
    scored with the State's current scorecard.
    """
    today = today or timezone.localdate()
    drafts = []
    due = Candidate.objects.select_for_update().filter(status=S.PUBLISHED, valid_until__lt=today)
    for candidate in due:
        candidate.status = S.EXPIRED
        candidate.stage_due_at = None
        candidate.save(update_fields=["status", "stage_due_at", "updated_at"])
        _event(candidate, actor, S.PUBLISHED, S.EXPIRED, _("Selection period ended"))
        draft = Candidate(
            district=candidate.district,
            name=candidate.name,
            product_type=candidate.product_type,
            description=candidate.description,
            sector=candidate.sector,
            producer_organisation=candidate.producer_organisation,
            scorecard=scorecard_for_state(candidate.district.state),
            proposed_by=candidate.proposed_by,
            previous=candidate,
            stage_due_at=timezone.now() + STAGE_DEADLINES[S.DRAFT],
        )
        draft.save()
        _event(draft, actor, S.DRAFT, S.DRAFT, _("Re-evaluation of an expired selection"))
        drafts.append(draft)
    return drafts


# ---------------------------------------------------------------- committee and scores


@transaction.atomic
def committee_member_add(
    *, actor: User, candidate: Candidate, assessor: User, organisation: str = ""
) -> CommitteeMember:
    """Seat an assessor on a candidate's committee, refusing a conflict of interest and the
    candidate's proposer (`proposer_on_committee`, issue 12)."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if not can_manage_committee(actor, candidate):
        raise PermissionDenied
    _duty_refuse(assessor, candidate, Duty.SIT)
    if not assessor_is_eligible(assessor):
        raise ValidationError(
            _("Only committee assessors and officers can sit on a committee."),
            code="not_an_assessor",
        )
    if has_conflict_of_interest(candidate, organisation):
        raise ValidationError(
            _(
                "This assessor belongs to the candidate's producer organisation and cannot score "
                "it."
            ),
            code="conflict_of_interest",
        )
    if CommitteeMember.objects.filter(candidate=candidate, assessor=assessor).exists():
        raise ValidationError(
            _("This assessor is already on the committee."), code="already_seated"
        )
    member = CommitteeMember(
        candidate=candidate,
        assessor=assessor,
        organisation=text_clean(organisation),
        added_by=actor,
    )
    member._history_user = actor  # type: ignore[attr-defined]
    member.save()
    return member


@dataclass(frozen=True)
class ScoreInput:
    """One criterion as an assessor enters it."""

    value: Decimal
    note: str = ""


def _decimal(value: object, criterion: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(
            _("%(criterion)s: “%(value)s” is not a number."),
            code="not_a_number",
            params={"criterion": criterion, "value": value},
        ) from error


@transaction.atomic
def assessment_save(
    *,
    actor: User,
    candidate: Candidate,
    scores: Mapping[str, ScoreInput],
    submit: bool = False,
    computed: Mapping[str, Decimal] | None = None,
) -> Assessment:
    """Save an assessor's scores (a draft can be saved many times); `submit` makes it final.

    Computed criteria take the scale value the evidence gives (`selection.indicators`), in
    place of the assessor's entry; `computed` overrides that (tests, or a caller that already
    derived them). Submitting requires every criterion. The candidate's proposer may not score
    it (`proposer_scores`, issue 12), even if seated before the rule. When
    the last assessor submits, the candidate moves to "scored" with the committee's result.
    """
    candidate = (
        Candidate.objects.select_for_update().select_related("scorecard").get(pk=candidate.pk)
    )
    if not can_score(actor, candidate):
        raise PermissionDenied
    _duty_refuse(actor, candidate, Duty.SCORE)
    definition = scorecard_definition_of(candidate.scorecard)
    criteria = {criterion.code: criterion for criterion in definition.criteria}
    unknown = sorted(set(scores) - set(criteria))
    if unknown:
        raise ValidationError(
            _("Unknown criteria: %(codes)s"),
            code="unknown_criterion",
            params={"codes": ", ".join(unknown)},
        )
    assessment, _created = Assessment.objects.select_for_update().get_or_create(
        candidate=candidate, assessor=actor
    )
    if assessment.status == AssessmentStatus.SUBMITTED:
        raise ValidationError(_("This assessment is already submitted."), code="already_submitted")
    values: dict[str, tuple[Decimal, str]] = {}
    for code, entry in scores.items():
        values[code] = (_decimal(entry.value, code), entry.note)
    if computed is None:
        computed = indicators.computed_values(
            definition.criteria,
            indicators.indicator_figures(indicators.candidate_evidence(candidate)),
        )
    for code, value in computed.items():
        if code in criteria:
            values[code] = (value, _("Computed from evidence"))
    for code, (value, note) in values.items():
        try:
            points = scoring.criterion_points(criteria[code], value)
        except scoring.ScorecardError as error:
            raise ValidationError(
                _("%(criterion)s: %(error)s"),
                code="out_of_scale",
                params={"criterion": code, "error": str(error)},
            ) from error
        CriterionScore.objects.update_or_create(
            assessment=assessment,
            criterion=code,
            defaults={"value": value, "points": points, "note": note},
        )
    if submit:
        stored = {score.criterion: score.value for score in assessment.scores.all()}
        missing = sorted(set(criteria) - set(stored))
        if missing:
            raise ValidationError(
                _("Score every criterion before submitting (missing: %(codes)s)."),
                code="incomplete",
                params={"codes": ", ".join(missing)},
            )
        assessment.total = scoring.scorecard_total(definition, stored)
        assessment.status = AssessmentStatus.SUBMITTED
        assessment.submitted_at = timezone.now()
    assessment._history_user = actor  # type: ignore[attr-defined]
    assessment.save()
    if submit:
        seats = CommitteeMember.objects.filter(candidate=candidate).count()
        done = Assessment.objects.filter(
            candidate=candidate, status=AssessmentStatus.SUBMITTED
        ).count()
        if done >= seats:
            candidate_transition(
                actor=actor,
                candidate=candidate,
                to_status=S.SCORED,
                note=_("Every assessor has submitted"),
            )
    return assessment


@transaction.atomic
def attachment_add(
    *, actor: User, candidate: Candidate, upload: object, criterion: str = ""
) -> Attachment:
    """Attach a PDF or image (≤ 5 MB) backing a criterion. The type is read from the file's
    first bytes, not from its name."""
    from django.core.files.uploadedfile import UploadedFile

    assert isinstance(upload, UploadedFile)
    if not (can_edit_candidate(actor, candidate) or can_score(actor, candidate)):
        raise PermissionDenied
    codes = {item.code for item in scorecard_definition_of(candidate.scorecard).criteria}
    if criterion and criterion not in codes:
        raise ValidationError(
            _("The scorecard has no criterion %(code)s."),
            code="unknown_criterion",
            params={"code": criterion},
        )
    size = upload.size or 0
    if size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="file_too_large")
    head = upload.read(8)
    upload.seek(0)
    kind = (
        "application/pdf"
        if head.startswith(b"%PDF")
        else "image/png"
        if head.startswith(b"\x89PNG")
        else "image/jpeg"
        if head.startswith(b"\xff\xd8\xff")
        else ""
    )
    if kind not in ATTACHMENT_TYPES:
        raise ValidationError(_("Attach a PDF, JPEG or PNG file."), code="file_type")
    attachment = Attachment(
        candidate=candidate,
        criterion=criterion,
        file=upload,
        content_type=kind,
        size=size,
        uploaded_by=actor,
    )
    attachment.save()
    return attachment
