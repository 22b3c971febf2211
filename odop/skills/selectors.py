"""Read-side of training: the facts the eligibility rules need, attendance sheets, each
trainee's outcome, the certificates a producer holds and a certificate's QR code."""

import datetime as dt
from dataclasses import dataclass

import segno
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.core.errors import field_error
from odop.geography.models import District
from odop.producers.models import Producer, ProducerMember
from odop.skills import permissions
from odop.skills.eligibility import Applicant, BatchRules, Outcome
from odop.skills.models import Application, ApplicationStatus, Batch, Certificate, Programme


def programme_list(*, user: User | AnonymousUser) -> QuerySet[Programme]:
    """Every programme, by name."""
    return permissions.programmes_visible_to(user).order_by("name", "pk")


def batch_list(*, user: User | AnonymousUser, since: dt.date | None = None) -> QuerySet[Batch]:
    """Batches ending on or after `since` (all when None), soonest first, with the seats taken."""
    batches = permissions.batches_visible_to(user).annotate(
        seats_taken=Count("applications", filter=Q(applications__status=ApplicationStatus.SELECTED))
    )
    if since is not None:
        batches = batches.filter(end_date__gte=since)
    return batches.order_by("start_date", "pk")


def batch_rules(*, batch: Batch) -> BatchRules:
    """The batch's eligibility as plain values (its own district when none is listed)."""
    districts = frozenset(batch.eligible_districts.values_list("pk", flat=True)) or frozenset(
        {batch.district_id}
    )
    return BatchRules(
        district_ids=districts,
        product_ids=frozenset(batch.eligible_products.values_list("pk", flat=True)),
        age_min=batch.age_min,
        age_max=batch.age_max,
    )


def applicant_facts(*, producer: Producer, age: int) -> Applicant:
    """The facts about an applicant of this producer that the eligibility rules read."""
    return Applicant(
        district_id=producer.district_id,
        product_ids=frozenset(producer.products.values_list("pk", flat=True)),
        age=age,
    )


def producer_member(*, producer: Producer, member_id: int | None) -> ProducerMember | None:
    """The producer's member with this id (None for none); a stranger's id is a 400
    `not_a_member`, never a hint that the person exists."""
    if member_id is None:
        return None
    member = producer.members.filter(pk=member_id).first()
    if member is None:
        raise field_error(
            "member", _("This person is not a member of the producer."), "not_a_member"
        )
    return member


def batch_trainees(*, batch: Batch) -> QuerySet[Application]:
    """The selected trainees of a batch, in the order they applied."""
    return batch.applications.filter(status=ApplicationStatus.SELECTED).order_by("created_at", "pk")


@dataclass(frozen=True)
class SheetRow:
    application: Application
    present: bool | None  # None: not marked yet that day


def attendance_sheet(*, batch: Batch, day: dt.date) -> list[SheetRow]:
    """Each selected trainee with their mark on `day` (None when not yet marked)."""
    trainees = list(batch_trainees(batch=batch))
    marks = dict(
        batch.applications.filter(attendance__day=day).values_list("pk", "attendance__present")
    )
    return [SheetRow(trainee, marks.get(trainee.pk)) for trainee in trainees]


def batch_outcomes(*, batch: Batch) -> list[tuple[Application, Outcome]]:
    """Each selected trainee with their score and the days present out of the batch's days."""
    trainees = (
        batch_trainees(batch=batch)
        .annotate(days_present=Count("attendance", filter=Q(attendance__present=True)))
        .select_related("certificate")
    )
    return [
        (trainee, Outcome(trainee.score, trainee.days_present, batch.days)) for trainee in trainees
    ]


def batches_to_mark(*, user: User, today: dt.date) -> QuerySet[Batch]:
    """The trainer's batches running today with trainees not yet marked for today."""
    unmarked = Count(
        "applications",
        filter=Q(applications__status=ApplicationStatus.SELECTED)
        & ~Q(applications__attendance__day=today),
        distinct=True,
    )
    return (
        permissions.batches_trained_by(user)
        .filter(start_date__lte=today, end_date__gte=today)
        .annotate(unmarked=unmarked)
        .filter(unmarked__gt=0)
        .order_by("start_date", "pk")
    )


def applications_to_decide(*, user: User) -> QuerySet[Application]:
    """Applications in the officer's area waiting for a decision (new ones first in line,
    then the waitlist), of batches not yet over."""
    return (
        permissions.applications_visible_to(user)
        .filter(permissions.applications_scope(user))
        .filter(status=ApplicationStatus.APPLIED)
        .exclude(entered_by=user)
        .order_by("batch__start_date", "created_at", "pk")
    )


def certificates_of(*, producer: Producer, valid_only: bool = True) -> QuerySet[Certificate]:
    """The producer's training certificates (standing ones only by default), newest first."""
    certificates = Certificate.objects.filter(application__producer=producer)
    if valid_only:
        certificates = certificates.filter(revoked_at__isnull=True)
    return certificates.order_by("-issued_on", "-pk")


def certificate_qr_svg(*, url: str) -> str:
    """An inline SVG QR code of `url` (error correction M, no XML declaration), labelled for
    screen readers by the page around it."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True)


def batch_choices(*, user: User) -> tuple[QuerySet[Programme], QuerySet[District], QuerySet[User]]:
    """What an officer may pick for a new batch: national programmes and their State's, the
    districts they cover, and the trainers of those districts (or of none yet)."""
    districts = District.objects.filter(
        Q(pk__isnull=False)
        if user.is_national_admin
        else Q(state_id=user.state_id)
        if user.role == Role.STATE_OFFICER
        else Q(pk=user.district_id)
        if user.role == Role.DISTRICT_OFFICER
        else Q(pk__in=[])
    ).order_by("name")
    programmes = permissions.programmes_visible_to(user)
    if not user.is_national_admin:
        programmes = programmes.filter(
            Q(state__isnull=True) | Q(state__in=districts.values("state_id"))
        )
    trainers = (
        User.objects.filter(role=Role.TRAINER)
        .filter(Q(district__isnull=True) | Q(district__in=districts))
        .order_by("username")
    )
    return programmes.order_by("name", "pk"), districts, trainers
