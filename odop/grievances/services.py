"""Write-side of grievances: filing, routing, interim replies, replies, escalation, ratings and
appeals, the dated due period (maker-checker) and the shipped reference data.

Every service is atomic, locks the grievance before changing it, refuses a move the workflow
does not list, and writes a `GrievanceEvent` in the same transaction.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.geography.models import District
from odop.grievances import notices, selectors
from odop.grievances.models import (
    EventKind,
    Grievance,
    GrievanceCategory,
    GrievanceEvent,
    GrievanceSetting,
    GrievanceStatus,
    Level,
    Rating,
    SettingStatus,
)
from odop.grievances.numbers import grievance_number
from odop.grievances.permissions import (
    can_decide_setting,
    can_file_for_producer,
    can_handle_grievance,
    can_propose_setting,
    can_rate_grievance,
)
from odop.grievances.workflow import TRANSITIONS, due_date, level_above, level_route
from odop.producers.models import Producer
from odop.producers.permissions import producer_of

DATA_FILE: Final = Path(__file__).resolve().parent / "data" / "grievances.json"


def _field_error(field: str, message: str, code: str) -> ValidationError:
    """A refusal on one field, with its code (a dict of plain messages would lose the code)."""
    return ValidationError({field: ValidationError(message, code=code)})


# ---------------------------------------------------------------- routing


def _route(start: str, grievance: Grievance) -> Level:
    """The first level from `start` upward with an officer who is not a party to it."""
    parties = [grievance.filed_by_id]
    if grievance.producer is not None and grievance.producer.user_id is not None:
        parties.append(grievance.producer.user_id)

    def has_officers(level: Level) -> bool:
        return (
            selectors.officers_answering_at(level=level, district=grievance.district)
            .exclude(pk__in=parties)
            .exists()
        )

    return level_route(start, has_officers=has_officers)


def _event(
    grievance: Grievance,
    *,
    kind: EventKind,
    actor: User | None,
    now: dt.datetime,
    note: str = "",
    due_by: dt.date | None = None,
) -> GrievanceEvent:
    event = GrievanceEvent(
        grievance=grievance,
        kind=kind,
        actor=actor,
        level=grievance.level,
        status=grievance.status,
        due_by=due_by,
        note=note,
        created_at=now,
    )
    event.full_clean()
    event.save()
    return event


def _move(grievance: Grievance, to: GrievanceStatus) -> None:
    if to not in TRANSITIONS[GrievanceStatus(grievance.status)]:
        raise ValidationError(
            _("A grievance that is %(status)s cannot become %(to)s.")
            % {"status": grievance.get_status_display(), "to": to.label},
            code="invalid_transition",
        )
    grievance.status = to


def _locked(grievance: Grievance) -> Grievance:
    # Lock only the grievance row: PostgreSQL refuses FOR UPDATE on the nullable side of the
    # producer join.
    return (
        Grievance.objects.select_for_update(of=("self",))
        .select_related("district", "producer")
        .get(pk=grievance.pk)
    )


def _days(day: dt.date) -> int:
    return selectors.due_period_on(day).value


# ---------------------------------------------------------------- filing


def _district_of(*, actor: User, producer: Producer | None, district: District | None) -> District:
    if district is not None:
        return district
    if producer is not None:
        return producer.district
    own = producer_of(actor)
    if own is not None:
        return own.district
    if actor.district is not None:
        return actor.district
    raise _field_error(
        "district", _("Choose the district the grievance is about."), "district_required"
    )


@transaction.atomic
def grievance_file(
    *,
    actor: User,
    category: GrievanceCategory,
    subject: str,
    description: str,
    district: District | None = None,
    producer: Producer | None = None,
    consent_note: str = "",
    now: dt.datetime | None = None,
) -> Grievance:
    """File a grievance and route it: its public number, due in the period in force on the
    filing date, at the category's level or the first level above with an officer who is not
    a party to it.

    Anyone signed in files; an officer covering a producer's district files for them with
    their recorded consent (`consent_required`). The district defaults to the producer's, then
    the filer's own (`district_required` when there is none).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    if producer is not None:
        if not can_file_for_producer(actor, producer):
            raise PermissionDenied
        if not consent_note.strip():
            raise _field_error(
                "consent_note",
                _("Record how the producer agreed to this grievance."),
                "consent_required",
            )
    if not category.is_active:
        raise _field_error("category", _("This category is closed."), "unknown_category")
    place = _district_of(actor=actor, producer=producer, district=district)
    grievance = Grievance(
        category=category,
        subject=subject.strip(),
        description=description.strip(),
        district=place,
        filed_by=actor,
        producer=producer,
        consent_note=consent_note.strip() if producer is not None else "",
        level=category.level,
        filed_on=today,
        due_by=due_date(start=today, days=_days(today)),
    )
    grievance.level = _route(category.level, grievance)
    grievance.full_clean(exclude=["number"])
    grievance.save()
    grievance.number = grievance_number(year=today.year, sequence=grievance.pk)
    grievance.save(update_fields=["number"])
    _event(grievance, kind=EventKind.FILED, actor=actor, now=now, due_by=grievance.due_by)
    _event(grievance, kind=EventKind.ROUTED, actor=None, now=now, due_by=grievance.due_by)
    notices.grievance_notify(grievance, notices.FILED)
    notices.grievance_notify(grievance, notices.ROUTED)
    return grievance


# ---------------------------------------------------------------- officers' moves


def _require_handler(actor: User, grievance: Grievance) -> None:
    if not can_handle_grievance(actor, grievance):
        raise PermissionDenied


@transaction.atomic
def grievance_interim_reply(
    *,
    actor: User,
    grievance: Grievance,
    note: str,
    expected_by: dt.date,
    now: dt.datetime | None = None,
) -> Grievance:
    """Say the answer will take longer, why, and by when it comes. The new date must be after
    today and at most one more due period after the current due date (`invalid_expected_date`);
    until then the grievance does not escalate."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    grievance = _locked(grievance)
    _require_handler(actor, grievance)
    latest = due_date(start=grievance.due_by, days=_days(today))
    if not today < expected_by <= latest:
        raise _field_error(
            "expected_by",
            _("Give a date after today and no later than %(latest)s.")
            % {"latest": latest.isoformat()},
            "invalid_expected_date",
        )
    if not note.strip():
        raise _field_error("note", _("Say why the answer takes longer."), "required")
    grievance.expected_by = expected_by
    grievance.full_clean()
    grievance.save(update_fields=["expected_by", "updated_at"])
    _event(
        grievance,
        kind=EventKind.INTERIM_REPLY,
        actor=actor,
        now=now,
        note=note.strip(),
        due_by=expected_by,
    )
    notices.grievance_notify(grievance, notices.INTERIM_REPLY)
    return grievance


@transaction.atomic
def grievance_reply(
    *, actor: User, grievance: Grievance, reply: str, now: dt.datetime | None = None
) -> Grievance:
    """Answer: a first reply waits for the filer's rating; an appeal's reply is final and
    closes the grievance. A reply cannot be empty (`reply_required`)."""
    now = now or timezone.now()
    grievance = _locked(grievance)
    _require_handler(actor, grievance)
    if not reply.strip():
        raise _field_error("reply", _("Write the reply."), "reply_required")
    final = grievance.status == GrievanceStatus.APPEALED
    _move(grievance, GrievanceStatus.CLOSED if final else GrievanceStatus.ANSWERED)
    grievance.reply = reply.strip()
    grievance.replied_at = now
    grievance.replied_by = actor
    if final:
        grievance.closed_at = now
    grievance.full_clean()
    grievance.save()
    _event(grievance, kind=EventKind.ANSWERED, actor=actor, now=now, note=grievance.reply)
    if final:
        _event(grievance, kind=EventKind.CLOSED, actor=actor, now=now)
    notices.grievance_notify(grievance, notices.ANSWERED)
    return grievance


def _escalate(grievance: Grievance, *, actor: User | None, now: dt.datetime, note: str) -> bool:
    """Move a locked waiting grievance one level up (skipping levels with nobody to answer),
    due in a new period from today. False at national level, where it stays."""
    above = level_above(grievance.level)
    if above is None:
        return False
    today = timezone.localdate(now)
    grievance.level = _route(above, grievance)
    grievance.due_by = due_date(start=today, days=_days(today))
    grievance.expected_by = None
    grievance.full_clean()
    grievance.save(update_fields=["level", "due_by", "expected_by", "updated_at"])
    _event(
        grievance,
        kind=EventKind.ESCALATED,
        actor=actor,
        now=now,
        note=note,
        due_by=grievance.due_by,
    )
    notices.grievance_notify(grievance, notices.ESCALATED)
    return True


@transaction.atomic
def grievance_escalate(
    *, actor: User, grievance: Grievance, note: str, now: dt.datetime | None = None
) -> Grievance:
    """An officer hands the grievance to the next level up (it needs their decision), with
    why. Not above national (`top_level`)."""
    now = now or timezone.now()
    grievance = _locked(grievance)
    _require_handler(actor, grievance)
    if not note.strip():
        raise _field_error("note", _("Say why it goes up a level."), "required")
    if not _escalate(grievance, actor=actor, now=now, note=note.strip()):
        raise ValidationError(_("National admins answer it: there is no level above."), "top_level")
    return grievance


def grievances_escalate_overdue(*, now: dt.datetime | None = None) -> list[int]:
    """The daily job's work: every grievance waiting past its due or interim date goes one level
    up, each in its own transaction. Returns the ids escalated. Idempotent on a day: an
    escalated grievance is due again a full period later."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    escalated = []
    for grievance_id in selectors.grievance_overdue(today=today).values_list("pk", flat=True):
        with transaction.atomic():
            grievance = Grievance.objects.select_for_update().get(pk=grievance_id)
            if grievance.reply_due_by >= today or grievance.status not in (
                GrievanceStatus.OPEN,
                GrievanceStatus.APPEALED,
            ):
                continue  # answered or given more time since the list was read
            note = _("No reply by %(date)s.") % {"date": grievance.reply_due_by.isoformat()}
            if _escalate(grievance, actor=None, now=now, note=note):
                escalated.append(grievance.pk)
    return escalated


# ---------------------------------------------------------------- the filer's rating


@transaction.atomic
def grievance_rate(
    *,
    actor: User,
    grievance: Grievance,
    rating: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> Grievance:
    """The filer rates the reply: good or fair closes the grievance; poor opens an appeal to
    the next level up (national stays national), due in a new period from today."""
    now = now or timezone.now()
    grievance = _locked(grievance)
    if not can_rate_grievance(actor, grievance):
        raise PermissionDenied
    if rating not in Rating.values:
        raise _field_error("rating", _("Choose good, fair or poor."), "invalid_choice")
    grievance.rating = rating
    if rating == Rating.POOR:
        _move(grievance, GrievanceStatus.APPEALED)
        grievance.is_appeal = True
        grievance.save(update_fields=["rating", "status", "is_appeal", "updated_at"])
        _event(grievance, kind=EventKind.RATED, actor=actor, now=now, note=note.strip())
        today = timezone.localdate(now)
        above = level_above(grievance.level) or Level.NATIONAL
        grievance.level = _route(above, grievance)
        grievance.due_by = due_date(start=today, days=_days(today))
        grievance.expected_by = None
        grievance.full_clean()
        grievance.save(update_fields=["level", "due_by", "expected_by", "updated_at"])
        _event(grievance, kind=EventKind.APPEALED, actor=actor, now=now, due_by=grievance.due_by)
        notices.grievance_notify(grievance, notices.APPEALED)
        return grievance
    _move(grievance, GrievanceStatus.CLOSED)
    grievance.closed_at = now
    grievance.full_clean()
    grievance.save(update_fields=["rating", "status", "closed_at", "updated_at"])
    _event(grievance, kind=EventKind.RATED, actor=actor, now=now, note=note.strip())
    _event(grievance, kind=EventKind.CLOSED, actor=actor, now=now)
    return grievance


# ---------------------------------------------------------------- the dated due period


@transaction.atomic
def grievance_setting_propose(
    *,
    actor: User,
    name: str,
    value: int,
    effective_from: dt.date,
    reference: str,
    effective_to: dt.date | None = None,
) -> GrievanceSetting:
    """Propose a dated value (a new order changed the period); it counts once another
    national admin approves it."""
    if not can_propose_setting(actor):
        raise PermissionDenied
    setting = GrievanceSetting(
        name=name,
        value=value,
        effective_from=effective_from,
        effective_to=effective_to,
        reference=reference.strip(),
        proposed_by=actor,
    )
    setting.full_clean()
    setting.save()
    return setting


def _decide(actor: User, setting: GrievanceSetting, to: SettingStatus) -> GrievanceSetting:
    setting = GrievanceSetting.objects.select_for_update().get(pk=setting.pk)
    if setting.status != SettingStatus.PROPOSED:
        raise ValidationError(_("This value was already decided."), code="invalid_transition")
    if setting.proposed_by_id == actor.pk:
        raise ValidationError(_("Nobody approves their own proposal."), code="own_proposal")
    if not can_decide_setting(actor, setting):
        raise PermissionDenied
    setting.status = to
    setting.decided_by = actor
    setting.decided_at = timezone.now()
    setting.full_clean()
    setting.save()
    return setting


@transaction.atomic
def grievance_setting_approve(*, actor: User, setting: GrievanceSetting) -> GrievanceSetting:
    """Approve a proposed value: grievances filed from its date use it. Not by its proposer."""
    return _decide(actor, setting, SettingStatus.APPROVED)


@transaction.atomic
def grievance_setting_reject(*, actor: User, setting: GrievanceSetting) -> GrievanceSetting:
    """Reject a proposed value: it never takes effect."""
    return _decide(actor, setting, SettingStatus.REJECTED)


# ---------------------------------------------------------------- shipped reference data


@dataclass(frozen=True, kw_only=True)
class LoadOutcome:
    """What `grievance_reference_load` added."""

    categories_added: int
    categories_updated: int
    settings_added: int


@transaction.atomic
def grievance_reference_load(*, path: Path = DATA_FILE) -> LoadOutcome:
    """Store the shipped categories (with their routing level) and the shipped, approved values
    of the settings with their references. Idempotent: a second run adds nothing; a category's
    names and level follow the file; a setting value already stored is never changed (a later
    order is a new value, approved by an officer)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    added = updated = 0
    for position, row in enumerate(data["categories"]):
        category, created = GrievanceCategory.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "name_hi": row["name_hi"],
                "level": row["level"],
                "position": position,
            },
        )
        if created:
            category.full_clean()
            added += 1
            continue
        fields = {
            "name": row["name"],
            "name_hi": row["name_hi"],
            "level": row["level"],
            "position": position,
        }
        changed = [field for field, value in fields.items() if getattr(category, field) != value]
        if changed:
            for field in changed:
                setattr(category, field, fields[field])
            category.full_clean()
            category.save(update_fields=[*changed, "updated_at"])
            updated += 1
    settings_added = 0
    for row in data["settings"]:
        effective_from = dt.date.fromisoformat(row["effective_from"])
        exists = GrievanceSetting.objects.filter(
            name=row["name"], effective_from=effective_from, status=SettingStatus.APPROVED
        ).exists()
        if exists:
            continue
        setting = GrievanceSetting(
            name=row["name"],
            value=row["value"],
            effective_from=effective_from,
            reference=row["reference"],
            status=SettingStatus.APPROVED,
        )
        setting.full_clean()
        setting.save()
        settings_added += 1
    return LoadOutcome(
        categories_added=added, categories_updated=updated, settings_added=settings_added
    )
