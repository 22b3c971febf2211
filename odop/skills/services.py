"""Write-side of training: programmes, batches, applications and selection, attendance,
assessment, toolkits and certificates. Every function is atomic, checks its actor again
(a call from a command or another service cannot skip the rule) and leaves history rows
(django-simple-history on every model)."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.core.errors import field_error, permission_require
from odop.core.models import row_create
from odop.geography.models import District
from odop.producers.models import Producer, ProducerMember, ProducerStatus
from odop.registry.models import DistrictProduct
from odop.skills import permissions
from odop.skills.certificate_numbers import certificate_number_new
from odop.skills.eligibility import application_refusals, certificate_refusal
from odop.skills.models import (
    Application,
    ApplicationStatus,
    Attendance,
    Batch,
    Certificate,
    Programme,
    ToolkitIssue,
)
from odop.skills.selectors import applicant_facts, batch_outcomes, batch_rules
from odop.skills.workflow import APPLICATION_TRANSITIONS, DECISIONS


@transaction.atomic
def programme_create(*, actor: User, **fields: object) -> Programme:
    """A new programme. National admins create national ones (no State) and any State's; a
    State officer only their own State's."""
    state = fields.get("state")
    permission_require(permissions.can_manage_programme(actor))
    if not actor.is_national_admin:
        permission_require(state is not None and getattr(state, "pk", None) == actor.state_id)
    return row_create(Programme, **fields)


@transaction.atomic
def batch_create(
    *,
    actor: User,
    programme: Programme,
    district: District,
    trainer: User,
    start_date: dt.date,
    end_date: dt.date,
    venue: str,
    seats: int,
    age_min: int,
    age_max: int,
    eligible_districts: Iterable[District] = (),
    eligible_products: Iterable[DistrictProduct] = (),
) -> Batch:
    """A batch of a programme in the officer's area. Its days match the programme's duration;
    the trainer has the trainer role; a State programme runs in its State."""
    permission_require(permissions.can_create_batch(actor, district))
    if trainer.role != Role.TRAINER:
        raise field_error("trainer", _("Choose a person with the trainer role."), "not_a_trainer")
    if programme.state_id is not None and programme.state_id != district.state_id:
        raise field_error(
            "district", _("This programme runs in another State."), "programme_other_state"
        )
    if end_date >= start_date and (end_date - start_date).days + 1 != programme.duration_days:
        raise field_error(
            "end_date",
            _("The programme lasts %(days)d days: the dates must span exactly that.")
            % {"days": programme.duration_days},
            "duration_mismatch",
        )
    batch = row_create(
        Batch,
        programme=programme,
        district=district,
        trainer=trainer,
        start_date=start_date,
        end_date=end_date,
        venue=venue,
        seats=seats,
        age_min=age_min,
        age_max=age_max,
        created_by=actor,
    )
    batch.eligible_districts.set(list(eligible_districts))
    batch.eligible_products.set(list(eligible_products))
    return batch


@transaction.atomic
def application_submit(
    *,
    actor: User,
    batch: Batch,
    producer: Producer,
    applicant_name: str,
    age: int,
    member: ProducerMember | None = None,
    today: dt.date | None = None,
) -> Application:
    """Apply for a seat for the producer's own person (or a member of a collective).

    By the producer themselves or an officer of their district on their behalf; only for a
    verified producer, before the batch starts, and when the eligibility rules admit them."""
    permission_require(permissions.can_apply_for(actor, producer))
    today = today or timezone.localdate()
    if producer.status != ProducerStatus.VERIFIED:
        raise ValidationError(
            _("Only a verified producer can apply."), code="producer_not_verified"
        )
    if member is not None and member.producer_id != producer.pk:
        raise field_error(
            "member", _("This person is not a member of the producer."), "not_a_member"
        )
    if today >= batch.start_date:
        raise ValidationError(
            _("Applications closed when the batch started."), code="batch_started"
        )
    refusals = application_refusals(
        batch_rules(batch=batch), applicant_facts(producer=producer, age=age)
    )
    if refusals:
        raise ValidationError(
            [ValidationError(refusal.message, code=refusal.code) for refusal in refusals]
        )
    already = Application.objects.filter(batch=batch, producer=producer, member=member)
    if already.exists():
        raise ValidationError(
            _("This person has already applied to this batch."), code="already_applied"
        )
    name = member.name if member is not None else applicant_name
    try:
        with transaction.atomic():
            return row_create(
                Application,
                batch=batch,
                producer=producer,
                member=member,
                applicant_name=name,
                age=age,
                entered_by=actor,
            )
    except IntegrityError as error:  # a concurrent second application of the same person
        raise ValidationError(
            _("This person has already applied to this batch."), code="already_applied"
        ) from error


@transaction.atomic
def application_decide(*, actor: User, application: Application, status: str) -> Application:
    """Select, waitlist or turn down an applicant.

    The batch row is locked first, so two officers selecting at once never fill more seats
    than the batch has. Nobody decides on an application they entered or that is their own."""
    permission_require(permissions.can_select_applicants(actor, application.batch))
    batch = Batch.objects.select_for_update().get(pk=application.batch_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if status not in DECISIONS:
        raise field_error("status", _("Not a decision."), "invalid_decision")
    if application.entered_by_id == actor.pk or application.producer.user_id == actor.pk:
        raise ValidationError(
            _("Another officer decides on an application you entered."), code="own_application"
        )
    if status not in APPLICATION_TRANSITIONS[application.status]:
        raise ValidationError(
            _("This application can no longer move to that status."), code="invalid_transition"
        )
    if status == ApplicationStatus.SELECTED:
        taken = batch.applications.filter(status=ApplicationStatus.SELECTED).count()
        if taken >= batch.seats:
            raise ValidationError(
                _("Every seat of the batch is taken: waitlist the applicant."), code="batch_full"
            )
    application.status = status
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return application


@transaction.atomic
def application_withdraw(*, actor: User, application: Application) -> Application:
    """The producer (or their officer) withdraws an application; a selected trainee's seat
    frees up for the waitlist."""
    permission_require(permissions.can_apply_for(actor, application.producer))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if ApplicationStatus.WITHDRAWN not in APPLICATION_TRANSITIONS[application.status]:
        raise ValidationError(
            _("This application can no longer be withdrawn."), code="invalid_transition"
        )
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    return application


@transaction.atomic
def attendance_mark(
    *,
    actor: User,
    batch: Batch,
    day: dt.date,
    present_ids: Iterable[int],
    today: dt.date | None = None,
) -> int:
    """Record who of the selected trainees was present on `day` (the others absent).

    The batch's trainer only, on a day of the batch and not in the future; marking a day again
    corrects it (one row per trainee and day, its history keeps the earlier mark). Returns how
    many trainees were marked."""
    permission_require(permissions.can_run_batch(actor, batch))
    today = today or timezone.localdate()
    if not batch.start_date <= day <= batch.end_date:
        raise field_error("day", _("This day is outside the batch's dates."), "day_outside_batch")
    if day > today:
        raise field_error("day", _("Attendance cannot be marked ahead."), "day_in_future")
    trainees = list(batch.applications.filter(status=ApplicationStatus.SELECTED).order_by("pk"))
    present = set(present_ids)
    unknown = present - {trainee.pk for trainee in trainees}
    if unknown:
        raise ValidationError(
            _("Someone marked is not a trainee of this batch."), code="not_a_trainee"
        )
    marks = {
        mark.application_id: mark
        for mark in Attendance.objects.select_for_update().filter(application__in=trainees, day=day)
    }
    for trainee in trainees:
        is_present = trainee.pk in present
        mark = marks.get(trainee.pk)
        if mark is None:
            row_create(
                Attendance, application=trainee, day=day, present=is_present, marked_by=actor
            )
        elif mark.present != is_present:
            mark.present = is_present
            mark.marked_by = actor
            mark.save(update_fields=["present", "marked_by", "updated_at"])
    return len(trainees)


@transaction.atomic
def assessment_record(*, actor: User, application: Application, score: int) -> Application:
    """The trainer's score for a selected trainee (a later score corrects it, with history)."""
    permission_require(permissions.can_run_batch(actor, application.batch))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SELECTED:
        raise ValidationError(_("Only selected trainees are assessed."), code="not_a_trainee")
    if hasattr(application, "certificate"):
        raise ValidationError(_("A certificate is already issued."), code="already_certified")
    application.score = score
    application.assessed_by = actor
    application.assessed_at = timezone.now()
    application.full_clean()
    application.save(update_fields=["score", "assessed_by", "assessed_at", "updated_at"])
    return application


@transaction.atomic
def toolkit_issue(
    *, actor: User, application: Application, issued_on: dt.date, items: str
) -> ToolkitIssue:
    """Record the toolkit a selected trainee received (programmes that give one)."""
    batch = application.batch
    permission_require(
        permissions.can_select_applicants(actor, batch) or permissions.can_run_batch(actor, batch)
    )
    if not batch.programme.toolkit:
        raise ValidationError(_("This programme gives no toolkit."), code="no_toolkit")
    if application.status != ApplicationStatus.SELECTED:
        raise ValidationError(_("Only selected trainees receive a toolkit."), code="not_a_trainee")
    if ToolkitIssue.objects.filter(application=application).exists():
        raise ValidationError(_("The toolkit is already recorded."), code="already_issued")
    if issued_on < batch.start_date or issued_on > timezone.localdate():
        raise field_error(
            "issued_on", _("Not a day of the batch or after it."), "date_out_of_range"
        )
    return row_create(
        ToolkitIssue, application=application, issued_on=issued_on, items=items, issued_by=actor
    )


def _issuer(actor: User, batch: Batch) -> str:
    """Who issues, as the public check shows it: the officer's name and office."""
    person = actor.get_full_name() or actor.username
    if actor.role == Role.DISTRICT_OFFICER:
        office = _("District officer, %(district)s") % {"district": batch.district.name}
    elif actor.role == Role.STATE_OFFICER:
        office = _("State officer, %(state)s") % {"state": batch.district.state.name}
    else:
        office = _("ODOP national cell")
    return f"{person} ({office})"


@transaction.atomic
def certificates_issue(
    *, actor: User, batch: Batch, today: dt.date | None = None
) -> list[Certificate]:
    """Issue a certificate to every selected trainee who passed and attended enough, from the
    batch's last day on. Trainees who already have one are left alone, so issuing again only
    adds those assessed since. Returns the new certificates."""
    permission_require(permissions.can_select_applicants(actor, batch))
    today = today or timezone.localdate()
    batch = (
        Batch.objects.select_for_update()
        .select_related("programme", "district__state")
        .get(pk=batch.pk)
    )
    if today < batch.end_date:
        raise ValidationError(
            _("Certificates are issued from the batch's last day."), code="batch_not_over"
        )
    programme = batch.programme
    issued: list[Certificate] = []
    for application, outcome in batch_outcomes(batch=batch):
        if hasattr(application, "certificate"):
            continue
        if (
            certificate_refusal(
                outcome,
                pass_mark=programme.pass_mark,
                attendance_required_percent=programme.attendance_required_percent,
            )
            is not None
        ):
            continue
        issued.append(
            row_create(
                Certificate,
                application=application,
                number=_certificate_number_unused(today.year),
                holder_name=application.applicant_name,
                programme_name=programme.name,
                programme_name_hi=programme.name_hi,
                start_date=batch.start_date,
                end_date=batch.end_date,
                issuer=_issuer(actor, batch),
                issued_by=actor,
                issued_on=today,
            )
        )
    return issued


def _certificate_number_unused(year: int) -> str:
    """A new random number; drawn again in the (1 in 10¹⁵) case it is taken."""
    while True:
        number = certificate_number_new(year)
        if not Certificate.objects.filter(number=number).exists():
            return number


@transaction.atomic
def certificate_revoke(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate with a reason: its public check then says it is revoked."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise ValidationError(_("This certificate is already revoked."), code="already_revoked")
    permission_require(permissions.can_revoke_certificate(actor, certificate))
    if not reason.strip():
        raise field_error("reason", _("Give the reason for revoking."), "reason_required")
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = actor
    certificate.revocation_reason = reason.strip()
    certificate.full_clean()
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason", "updated_at"])
    return certificate
