"""Write-side use cases of district export plans and first-time exporters.

Every function checks the permission itself (callers need not), runs `full_clean()` before
saving, and writes history: HistoricalRecords for every row, and an event row for each move
of a bottleneck or an exporter.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.core.errors import permission_require
from odop.core.models import row_create
from odop.core.text import text_clean
from odop.exports.models import (
    CHECKLIST_FIELDS,
    Bottleneck,
    BottleneckEvent,
    BottleneckStatus,
    BottleneckType,
    CommitteeMeeting,
    CommitteeMember,
    CommitteeRole,
    ExporterCandidate,
    ExporterEvent,
    ExporterStage,
    ExportPlan,
    ExportTarget,
    PlanStatus,
    TargetKind,
    TargetProgress,
)
from odop.exports.permissions import (
    can_create_exporter,
    can_create_plan,
    can_manage_plan,
    can_move_bottleneck,
    can_move_exporter,
    can_update_checklist,
)
from odop.exports.workflow import (
    BOTTLENECK_TRANSITIONS,
    EXPORTER_TRANSITIONS,
    PLAN_TRANSITIONS,
    REGISTRATION_REQUIRES,
)
from odop.geography.models import District
from odop.producers.models import Producer


def _invalid_transition(kind: object, from_label: object, to_label: object) -> ValidationError:
    return ValidationError(
        _("A %(kind)s cannot go from “%(from)s” to “%(to)s”."),
        code="invalid_transition",
        params={"kind": kind, "from": from_label, "to": to_label},
    )


def _save(instance: object, actor: User) -> None:
    """Validate and save a new row, naming `actor` in its history."""
    instance.full_clean()  # type: ignore[attr-defined]
    instance._history_user = actor  # type: ignore[attr-defined]
    instance.save()  # type: ignore[attr-defined]


# ---------------------------------------------------------------- plans


@transaction.atomic
def plan_create(
    *, actor: User, district: District, start_year: int, end_year: int, title: str = ""
) -> ExportPlan:
    """Start a draft District Export Action Plan for a period of years."""
    permission_require(can_create_plan(actor, district))
    plan = ExportPlan(
        district=district,
        start_year=start_year,
        end_year=end_year,
        title=text_clean(title),
        created_by=actor,
    )
    _save(plan, actor)
    return plan


@transaction.atomic
def plan_transition(*, actor: User, plan: ExportPlan, to_status: PlanStatus) -> ExportPlan:
    """Adopt or archive a plan (`workflow.PLAN_TRANSITIONS`).

    Adopting is refused (`overlapping_plan`) while another adopted plan of the district
    covers any of the same years: roll-ups count one plan per district and year.
    """
    plan = ExportPlan.objects.select_for_update().select_related("district").get(pk=plan.pk)
    from_status, to_status = PlanStatus(plan.status), PlanStatus(to_status)
    if to_status not in PLAN_TRANSITIONS[from_status]:
        raise _invalid_transition(_("plan"), from_status.label, to_status.label)
    permission_require(can_manage_plan(actor, plan))
    fields = ["status", "updated_at"]
    if to_status == PlanStatus.ADOPTED:
        overlapping = (
            ExportPlan.objects.filter(
                district=plan.district,
                status=PlanStatus.ADOPTED,
                start_year__lte=plan.end_year,
                end_year__gte=plan.start_year,
            )
            .exclude(pk=plan.pk)
            .exists()
        )
        if overlapping:
            raise ValidationError(
                _("Another adopted plan of this district covers some of these years."),
                code="overlapping_plan",
            )
        plan.adopted_at = timezone.now()
        fields.append("adopted_at")
    plan.status = to_status
    plan._history_user = actor  # type: ignore[attr-defined]
    plan.save(update_fields=fields)
    return plan


@transaction.atomic
def target_add(
    *,
    actor: User,
    plan: ExportPlan,
    kind: TargetKind,
    target_value: Decimal,
    baseline: Decimal = Decimal(0),
    description: str = "",
    hs_code: str = "",
    market_iso3: str = "",
) -> ExportTarget:
    """Add a target to a plan, optionally for one HS code and one market."""
    permission_require(can_manage_plan(actor, plan))
    target = ExportTarget(
        plan=plan,
        kind=kind,
        target_value=target_value,
        baseline=baseline,
        description=text_clean(description),
        hs_code=text_clean(hs_code),
        market_iso3=text_clean(market_iso3).upper(),
    )
    _save(target, actor)
    return target


@transaction.atomic
def progress_add(
    *, actor: User, target: ExportTarget, date: date, value: Decimal, note: str = ""
) -> TargetProgress:
    """Record the level a target's measure reached on a date (cumulative, not a delta).

    Readings after the end of the plan's period are refused (`outside_period`).
    """
    permission_require(can_manage_plan(actor, target.plan))
    if date.year > target.plan.end_year:
        raise ValidationError(
            _("This reading falls after the plan's period."), code="outside_period"
        )
    reading = TargetProgress(
        target=target, date=date, value=value, note=note.strip(), reported_by=actor
    )
    _save(reading, actor)
    return reading


# ---------------------------------------------------------------- bottlenecks


@transaction.atomic
def bottleneck_add(
    *,
    actor: User,
    plan: ExportPlan,
    type: BottleneckType,
    description: str,
    owner_name: str,
    owner_user: User | None = None,
    due_date: date | None = None,
) -> Bottleneck:
    """Enter a bottleneck in the plan's register, open, with its first history row."""
    permission_require(can_manage_plan(actor, plan))
    bottleneck = Bottleneck(
        plan=plan,
        type=type,
        description=description.strip(),
        owner_name=text_clean(owner_name),
        owner_user=owner_user,
        due_date=due_date,
    )
    _save(bottleneck, actor)
    row_create(
        BottleneckEvent,
        bottleneck=bottleneck,
        actor=actor,
        from_status=BottleneckStatus.OPEN,
        to_status=BottleneckStatus.OPEN,
        note=_("Entered in the register"),
    )
    return bottleneck


@transaction.atomic
def bottleneck_transition(
    *, actor: User, bottleneck: Bottleneck, to_status: BottleneckStatus, note: str = ""
) -> Bottleneck:
    """Move a bottleneck along `workflow.BOTTLENECK_TRANSITIONS` and record the move.

    The row is locked first, so of two people acting at once the second finds the status
    already changed and is refused (`invalid_transition`).
    """
    bottleneck = (
        Bottleneck.objects.select_for_update()
        .select_related("plan__district")
        .get(pk=bottleneck.pk)
    )
    from_status, to_status = BottleneckStatus(bottleneck.status), BottleneckStatus(to_status)
    if to_status not in BOTTLENECK_TRANSITIONS[from_status]:
        raise _invalid_transition(_("bottleneck"), from_status.label, to_status.label)
    permission_require(can_move_bottleneck(actor, bottleneck, to_status))
    bottleneck.status = to_status
    bottleneck._history_user = actor  # type: ignore[attr-defined]
    bottleneck.save(update_fields=["status", "updated_at"])
    row_create(
        BottleneckEvent,
        bottleneck=bottleneck,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note.strip(),
    )
    return bottleneck


# ---------------------------------------------------------------- committee


@transaction.atomic
def committee_member_add(
    *,
    actor: User,
    plan: ExportPlan,
    name: str,
    role: CommitteeRole = CommitteeRole.MEMBER,
    organisation: str = "",
    user: User | None = None,
) -> CommitteeMember:
    """Add a member to the plan's DEPC (one chair at most: `chair_taken`)."""
    permission_require(can_manage_plan(actor, plan))
    member = CommitteeMember(
        plan=plan,
        name=text_clean(name),
        role=role,
        organisation=text_clean(organisation),
        user=user,
    )
    _save(member, actor)
    return member


@transaction.atomic
def meeting_add(
    *,
    actor: User,
    plan: ExportPlan,
    date: date,
    minutes: str = "",
    decisions: str = "",
    attendees: Iterable[CommitteeMember] = (),
) -> CommitteeMeeting:
    """Record a DEPC meeting. Attendees must be members of this plan's committee
    (`not_a_member`)."""
    permission_require(can_manage_plan(actor, plan))
    attendees = list(attendees)
    if any(member.plan_id != plan.pk for member in attendees):
        raise ValidationError(
            {
                "attendees": ValidationError(
                    _("Attendees must be members of this plan's committee."), code="not_a_member"
                )
            }
        )
    meeting = CommitteeMeeting(
        plan=plan,
        date=date,
        minutes=minutes.strip(),
        decisions=decisions.strip(),
        recorded_by=actor,
    )
    _save(meeting, actor)
    meeting.attendees.set(attendees)
    return meeting


# ---------------------------------------------------------------- first-time exporters


def _producer_check(user: User | None) -> None:
    if user is not None and user.role != Role.PRODUCER:
        raise ValidationError(
            {
                "user": ValidationError(
                    _("Only a producer's account can be linked to an exporter record."),
                    code="not_a_producer",
                )
            }
        )


@transaction.atomic
def exporter_create(
    *,
    actor: User,
    district: District,
    producer_name: str,
    product: str,
    user: User | None = None,
    iec_number: str = "",
    gstin: str = "",
    checklist: dict[str, bool] | None = None,
    producer: Producer | None = None,
) -> ExporterCandidate:
    """Enrol a producer in the first-time exporter pipeline, as interested.

    With `producer` (the registry's record, issue 11) the account, IEC and GSTIN not given are
    taken from the record, which must be of the same district.
    """
    permission_require(can_create_exporter(actor, district))
    if producer is not None:
        if producer.district_id != district.pk:
            raise ValidationError(
                {
                    "producer": ValidationError(
                        _("The producer is registered in another district."),
                        code="producer_other_district",
                    )
                }
            )
        user = user or producer.user
        iec_number = iec_number or producer.iec
        gstin = gstin or producer.gstin
        producer_name = producer_name or producer.name
    _producer_check(user)
    exporter = ExporterCandidate(
        producer=producer,
        district=district,
        producer_name=text_clean(producer_name),
        product=text_clean(product),
        user=user,
        iec_number=text_clean(iec_number).upper(),
        gstin=text_clean(gstin).upper(),
        created_by=actor,
    )
    for name, ticked in (checklist or {}).items():
        if name in CHECKLIST_FIELDS:
            setattr(exporter, name, ticked)
    _save(exporter, actor)
    row_create(
        ExporterEvent,
        exporter=exporter,
        actor=actor,
        from_stage=ExporterStage.INTERESTED,
        to_stage=ExporterStage.INTERESTED,
        note=_("Enrolled"),
    )
    return exporter


@transaction.atomic
def exporter_checklist_update(
    *,
    actor: User,
    exporter: ExporterCandidate,
    checklist: dict[str, bool],
    iec_number: str | None = None,
    gstin: str | None = None,
) -> ExporterCandidate:
    """Tick or untick readiness items and correct the IEC or GSTIN.

    Unticking IEC or GST is refused (`stage_requires_item`) once the producer is registered
    or further along: the stage would no longer be true.
    """
    exporter = (
        ExporterCandidate.objects.select_for_update().select_related("district").get(pk=exporter.pk)
    )
    permission_require(can_update_checklist(actor, exporter))
    fields = ["updated_at"]
    for name, ticked in checklist.items():
        if name not in CHECKLIST_FIELDS:
            continue
        if (
            not ticked
            and name in REGISTRATION_REQUIRES
            and exporter.stage
            in {
                ExporterStage.REGISTERED,
                ExporterStage.FIRST_INQUIRY,
                ExporterStage.FIRST_SHIPMENT,
            }
        ):
            raise ValidationError(
                {
                    name: ValidationError(
                        _("A registered exporter keeps this item ticked."),
                        code="stage_requires_item",
                    )
                }
            )
        setattr(exporter, name, ticked)
        fields.append(name)
    if iec_number is not None:
        exporter.iec_number = text_clean(iec_number).upper()
        fields.append("iec_number")
    if gstin is not None:
        exporter.gstin = text_clean(gstin).upper()
        fields.append("gstin")
    exporter.full_clean()
    exporter._history_user = actor  # type: ignore[attr-defined]
    exporter.save(update_fields=fields)
    return exporter


@transaction.atomic
def exporter_transition(
    *, actor: User, exporter: ExporterCandidate, to_stage: ExporterStage, note: str = ""
) -> ExporterCandidate:
    """Move a producer along `workflow.EXPORTER_TRANSITIONS` and record the move.

    Registration needs the IEC and GST items ticked (`not_ready`). The row is locked first.
    """
    exporter = (
        ExporterCandidate.objects.select_for_update().select_related("district").get(pk=exporter.pk)
    )
    from_stage, to_stage = ExporterStage(exporter.stage), ExporterStage(to_stage)
    if to_stage not in EXPORTER_TRANSITIONS[from_stage]:
        raise _invalid_transition(_("producer"), from_stage.label, to_stage.label)
    permission_require(can_move_exporter(actor, exporter, to_stage))
    if to_stage == ExporterStage.REGISTERED:
        missing = [name for name in REGISTRATION_REQUIRES if not getattr(exporter, name)]
        if missing:
            raise ValidationError(
                _("Registration needs the IEC and GST items of the checklist ticked."),
                code="not_ready",
            )
    exporter.stage = to_stage
    exporter._history_user = actor  # type: ignore[attr-defined]
    exporter.save(update_fields=["stage", "updated_at"])
    row_create(
        ExporterEvent,
        exporter=exporter,
        actor=actor,
        from_stage=from_stage,
        to_stage=to_stage,
        note=note.strip(),
    )
    return exporter
