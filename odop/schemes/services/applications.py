"""Writes of applications: submit (with the evaluation stored), attach a document, move to the
next stage or refuse, and the scheduled escalation of overdue stages.

Every change writes an `ApplicationEvent` in the same transaction, and tells the people
concerned through `odop.notifications.services.notify` (sent after commit, on the channels
they agreed to).
"""

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.notifications.events import notification_event_register
from odop.notifications.services import notify
from odop.producers.models import Producer
from odop.producers.permissions import producer_of
from odop.schemes import documents, stages
from odop.schemes.evaluation import evaluation_json
from odop.schemes.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationEventKind,
    ApplicationStatus,
    Scheme,
)
from odop.schemes.numbers import application_number
from odop.schemes.permissions import (
    can_apply_on_behalf,
    can_attach_document,
    can_move_application,
)
from odop.schemes.selectors import scheme_evaluate, scheme_version_published

EVENT_MOVED = "schemes.application_moved"
EVENT_ESCALATED = "schemes.application_escalated"

notification_event_register(
    EVENT_MOVED,
    subject_en="Application {{ number }}: {{ stage }}",
    subject_hi="आवेदन {{ number }}: {{ stage_hi }}",
    body_en=(
        "Your application {{ number }} to {{ scheme }} is now at: {{ stage }}. "
        "Track it at {{ track_path }}."
    ),
    body_hi=(
        "{{ scheme_hi }} के लिए आपका आवेदन {{ number }} अब इस चरण पर है: {{ stage_hi }}। "
        "स्थिति यहाँ देखें: {{ track_path }}"
    ),
)
notification_event_register(
    EVENT_ESCALATED,
    subject_en="Overdue application {{ number }} escalated to you",
    subject_hi="समय-सीमा पार आवेदन {{ number }} आपको भेजा गया",
    body_en=(
        "Application {{ number }} to {{ scheme }} ({{ district }}) passed the deadline of its "
        "stage '{{ stage }}' and now waits for you. Please act by {{ due_by }}."
    ),
    body_hi=(
        "{{ scheme_hi }} के लिए आवेदन {{ number }} ({{ district }}) अपने चरण "
        "'{{ stage_hi }}' की समय-सीमा पार कर चुका है और अब आपके पास है। "
        "कृपया {{ due_by }} तक कार्रवाई करें।"
    ),
)


def _event(
    *,
    application: Application,
    kind: ApplicationEventKind,
    actor: User | None,
    from_stage: str = "",
    to_stage: str = "",
    note: str = "",
    now: dt.datetime,
) -> ApplicationEvent:
    event = ApplicationEvent(
        application=application,
        kind=kind,
        actor=actor,
        from_stage=from_stage,
        to_stage=to_stage,
        note=note,
        created_at=now,
    )
    event.full_clean()
    event.save()
    return event


def _stage_context(application: Application, stage_code: str) -> dict[str, Any]:
    stage = stages.stage_of(application.scheme.code, stage_code)
    names = {
        stages.APPROVED: (_("Approved"), "स्वीकृत"),
        stages.REJECTED: (_("Rejected"), "अस्वीकृत"),
    }
    en, hi = (stage.en, stage.hi) if stage else names.get(stage_code, (stage_code, stage_code))
    return {
        "number": application.number,
        "scheme": application.scheme.name,
        "scheme_hi": application.scheme.name_hi,
        "stage": en,
        "stage_hi": hi,
        "track_path": f"/schemes/track/{application.number}/",
    }


def _tell_producer(application: Application, stage_code: str) -> None:
    user = application.producer.user
    if user is not None:
        notify(user=user, event=EVENT_MOVED, context=_stage_context(application, stage_code))


@transaction.atomic
def application_submit(
    *,
    user: User,
    scheme: Scheme,
    facts: Mapping[str, Any],
    producer: Producer | None = None,
    consent_reference: str = "",
    now: dt.datetime | None = None,
) -> Application:
    """`user` applies to `scheme` with `facts`: a producer for themself, or an officer covering
    the producer's district on their behalf (then `consent_reference`, the producer's recorded
    consent, is required). The evaluation with today's approved rules is stored with its trace.

    Raises ValidationError: `no_producer` (the user has no producer record), `consent_required`,
    `not_eligible` (with the reasons), and the evaluation's codes on `facts`; PermissionDenied
    when an officer does not cover the producer's district or the user is neither.
    """
    now = now or timezone.now()
    if producer is None:
        if user.role != Role.PRODUCER:
            raise PermissionDenied
        producer = producer_of(user)
        if producer is None:
            raise ValidationError(
                _("Register your enterprise before applying to a scheme."), code="no_producer"
            )
        consent_reference = ""
    else:
        if not can_apply_on_behalf(user, producer):
            raise PermissionDenied
        if not consent_reference.strip():
            raise ValidationError(
                {
                    "consent_reference": ValidationError(
                        _("Record the producer's consent (e.g. the paper form's reference)."),
                        code="consent_required",
                    )
                }
            )
    version = scheme_version_published(scheme=scheme)
    as_of = timezone.localdate(now)
    decision = scheme_evaluate(scheme=scheme, as_of=as_of, facts=facts)
    if not decision.eligible:
        raise ValidationError(
            [ValidationError(reason.en, code="not_eligible") for reason in decision.reasons]
            or [ValidationError(_("Not eligible."), code="not_eligible")]
        )
    assert version is not None  # scheme_evaluate refuses a scheme with no published version
    first = stages.stages_for(scheme.code)[0]
    application = Application(
        scheme=scheme,
        version=version,
        producer=producer,
        district=producer.district,
        applicant=user,
        consent_reference=consent_reference.strip(),
        as_of=as_of,
        facts=dict(facts),
        eligible=decision.eligible,
        benefit=decision.benefit,
        evaluation=evaluation_json(decision),
        stage=first.code,
        stage_entered_at=now,
        stage_due_by=now + first.sla,
        created_at=now,
    )
    application.full_clean(exclude=["number"])
    application.save()
    application.number = application_number(year=now.year, serial=application.pk)
    application.save(update_fields=["number"])
    _event(
        application=application,
        kind=ApplicationEventKind.SUBMITTED,
        actor=user,
        to_stage=first.code,
        note=_("On the producer's behalf, consent %(ref)s.") % {"ref": consent_reference}
        if consent_reference
        else "",
        now=now,
    )
    _tell_producer(application, first.code)
    return application


def _attached_kinds(application: Application) -> set[str]:
    return set(application.documents.values_list("kind", flat=True))


@transaction.atomic
def application_document_attach(
    *, user: User, application: Application, kind: str, upload: UploadedFile
) -> ApplicationDocument:
    """Attach a document of `kind` (one the scheme's stages ask for), checked by its content
    (PDF, JPEG or PNG by its first bytes) and its size. Raises ValidationError on `file`:
    `document_too_large`, `document_type` ; on `kind`: `unknown_document`."""
    if not can_attach_document(user, application):
        raise PermissionDenied
    if kind not in stages.document_kinds():
        raise ValidationError(
            {"kind": ValidationError(_("Unknown document kind."), code="unknown_document")}
        )
    size = upload.size or 0
    if not documents.document_size_ok(size):
        raise ValidationError(
            {
                "file": ValidationError(
                    _("A document must be between 1 byte and 5 MB."), code="document_too_large"
                )
            }
        )
    upload.seek(0)
    head = upload.read(16)
    content_type = documents.document_content_type(head)
    if content_type is None:
        raise ValidationError(
            {
                "file": ValidationError(
                    _("Only PDF, JPEG or PNG files are accepted."), code="document_type"
                )
            }
        )
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = ApplicationDocument(
        application=application,
        kind=kind,
        file=upload,
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )
    document.full_clean()
    document.save()
    _event(
        application=application,
        kind=ApplicationEventKind.DOCUMENT,
        actor=user,
        from_stage=application.stage,
        to_stage=application.stage,
        note=stages.document_kinds()[kind]["en"],
        now=timezone.now(),
    )
    return document


@transaction.atomic
def application_move(
    *,
    user: User,
    application: Application,
    approve: bool,
    note: str = "",
    now: dt.datetime | None = None,
) -> Application:
    """Move the application to its next stage (`approve`), or refuse it. Only an officer who
    owns its stage (or one it escalated to), never on their own application. Leaving a stage
    needs the documents it asks for. Raises PermissionDenied, or ValidationError
    `documents_missing` / `note_required` (a refusal says why)."""
    now = now or timezone.now()
    locked = (
        Application.objects.select_for_update()
        .select_related("scheme", "producer")
        .get(pk=application.pk)
    )
    if not can_move_application(user, locked):
        raise PermissionDenied
    stage = stages.stage_of(locked.scheme.code, locked.stage)
    assert stage is not None  # can_move_application refuses a closed application
    if approve:
        missing = stages.missing_documents(stage, _attached_kinds(locked))
        if missing:
            raise ValidationError(
                _("Waiting for documents: %(documents)s.")
                % {"documents": ", ".join(stages.document_name(kind) for kind in missing)},
                code="documents_missing",
            )
        following = stages.stage_next(locked.scheme.code, stage.code)
    else:
        if not note.strip():
            raise ValidationError(
                {"note": ValidationError(_("Say why it is refused."), code="note_required")}
            )
        following = None
    from_stage = locked.stage
    if following is not None:
        locked.stage = following.code
        locked.stage_due_by = now + following.sla
    else:
        locked.stage = stages.APPROVED if approve else stages.REJECTED
        locked.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
        locked.stage_due_by = None
    locked.stage_entered_at = now
    locked.escalation_level = 0
    locked.full_clean()
    locked.save(
        update_fields=[
            "stage",
            "stage_due_by",
            "stage_entered_at",
            "status",
            "escalation_level",
            "updated_at",
        ]
    )
    _event(
        application=locked,
        kind=ApplicationEventKind.MOVED if approve else ApplicationEventKind.REJECTED,
        actor=user,
        from_stage=from_stage,
        to_stage=locked.stage,
        note=note.strip(),
        now=now,
    )
    _tell_producer(locked, locked.stage)
    return locked


def _officers_for(role: str, application: Application) -> list[User]:
    """The people of `role` who answer for the application's district."""
    scope = {
        Role.DISTRICT_OFFICER: Q(district_id=application.district_id),
        Role.BANK_OFFICER: Q(district_id=application.district_id),
        Role.STATE_OFFICER: Q(state_id=application.district.state_id),
        Role.NATIONAL_ADMIN: Q(),
    }[Role(role)]
    return list(User.objects.filter(scope, role=role, is_active=True))


@transaction.atomic
def applications_escalate(*, now: dt.datetime | None = None) -> int:
    """Escalate every application whose stage is overdue one level up its owner's chain (the
    next officer gets the stage's days again), write the event and notify that officer.

    A stage waiting for the applicant's documents does not escalate (the wait is not the
    officer's). Idempotent: a run at the same `now` finds nothing more overdue. Returns how
    many escalated.
    """
    now = now or timezone.now()
    overdue = (
        Application.objects.select_for_update()
        .select_related("scheme", "district", "producer")
        .filter(status=ApplicationStatus.IN_PROGRESS, stage_due_by__lt=now)
        .order_by("pk")
    )
    count = 0
    for application in overdue:
        stage = stages.stage_of(application.scheme.code, application.stage)
        if stage is None:
            continue
        if stages.missing_documents(stage, _attached_kinds(application)):
            continue
        target = stages.escalation_target(stage, application.escalation_level)
        if target is None:
            continue
        application.escalation_level += 1
        application.stage_due_by = now + stage.sla
        application.save(update_fields=["escalation_level", "stage_due_by", "updated_at"])
        _event(
            application=application,
            kind=ApplicationEventKind.ESCALATED,
            actor=None,
            from_stage=application.stage,
            to_stage=application.stage,
            note=_("Overdue; escalated to the %(role)s.") % {"role": Role(target).label},
            now=now,
        )
        context = {
            **_stage_context(application, application.stage),
            "district": application.district.name,
            "due_by": timezone.localtime(application.stage_due_by).date().isoformat(),
        }
        for officer in _officers_for(target, application):
            notify(user=officer, event=EVENT_ESCALATED, context=context)
        count += 1
    return count
