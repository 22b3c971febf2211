"""Who may see and do what in training: the one access gate of the skills app.

* Programmes and batches are public (their public fields): producers find them and apply.
* Officers (`geography.permissions.officer_scope`) create batches in their area, select
  applicants, issue and revoke certificates; a State officer keeps the State's programmes, a
  national admin the national ones.
* A trainer works on their own batches only: attendance and assessment.
* A producer applies for their own people and sees their own applications and certificates.
* A certificate's public check goes by its number alone (`access_certificate_public`).
What a user may not see answers 404, exactly like what does not exist.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.geography.models import District
from odop.geography.permissions import officer_covers_district, officer_scope
from odop.producers.models import Producer
from odop.producers.permissions import can_edit_producer
from odop.skills.certificate_numbers import (
    certificate_number_is_valid,
    certificate_number_normalise,
)
from odop.skills.models import Application, Batch, Certificate, Programme


def programmes_visible_to(user: User | AnonymousUser) -> QuerySet[Programme]:
    """Every programme is public (what is offered is no secret)."""
    return Programme.objects.select_related("state")


def access_programme(user: User | AnonymousUser, programme_id: int) -> Programme:
    """The programme, or 404."""
    try:
        return programmes_visible_to(user).get(pk=programme_id)
    except Programme.DoesNotExist as error:
        raise Http404 from error


def can_manage_programme(user: User | AnonymousUser, programme: Programme | None = None) -> bool:
    """National admins keep national programmes (and all); a State officer their State's.
    With no programme: may the user create one at all."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    if signed_in.is_national_admin:
        return True
    if signed_in.role != Role.STATE_OFFICER:
        return False
    return programme is None or programme.state_id == signed_in.state_id


def batches_visible_to(user: User | AnonymousUser) -> QuerySet[Batch]:
    """Every batch's public fields are public: producers look for a batch to apply to."""
    return Batch.objects.select_related("programme", "district__state", "trainer")


def access_batch(user: User | AnonymousUser, batch_id: int) -> Batch:
    """The batch, or 404."""
    try:
        return batches_visible_to(user).get(pk=batch_id)
    except Batch.DoesNotExist as error:
        raise Http404 from error


def batches_trained_by(user: User | AnonymousUser) -> QuerySet[Batch]:
    """The batches a trainer runs (none for anyone else)."""
    signed_in = signed_in_user(user)
    if signed_in is None or signed_in.role != Role.TRAINER:
        return Batch.objects.none()
    return batches_visible_to(signed_in).filter(trainer=signed_in)


def can_create_batch(user: User | AnonymousUser, district: District) -> bool:
    """Officers whose scope includes the batch's district."""
    return officer_covers_district(user, district)


def can_run_batch(user: User | AnonymousUser, batch: Batch) -> bool:
    """Attendance and assessment: the batch's own trainer only."""
    signed_in = signed_in_user(user)
    return (
        signed_in is not None
        and signed_in.role == Role.TRAINER
        and batch.trainer_id == signed_in.pk
    )


def can_select_applicants(user: User | AnonymousUser, batch: Batch) -> bool:
    """Selection, toolkits and certificates: the officers of the batch's district and above."""
    return officer_covers_district(user, batch.district)


def can_apply_for(user: User | AnonymousUser, producer: Producer) -> bool:
    """The producer themselves, or an officer of their district entering it on their behalf."""
    return can_edit_producer(user, producer)


def applications_visible_to(user: User | AnonymousUser) -> QuerySet[Application]:
    """Officers: their area's batches; a trainer: their batches'; a producer: their own."""
    applications = Application.objects.select_related(
        "batch__programme", "batch__district", "producer", "member"
    )
    signed_in = signed_in_user(user)
    if signed_in is None:
        return applications.none()
    if signed_in.is_officer:
        return applications.filter(officer_scope(signed_in, district_field="batch__district"))
    if signed_in.role == Role.TRAINER:
        return applications.filter(batch__trainer=signed_in)
    if signed_in.role == Role.PRODUCER:
        return applications.filter(producer__user=signed_in)
    return applications.none()


def access_application(user: User | AnonymousUser, application_id: int) -> Application:
    """The application, or 404."""
    try:
        return applications_visible_to(user).get(pk=application_id)
    except Application.DoesNotExist as error:
        raise Http404 from error


def certificates_visible_to(user: User | AnonymousUser) -> QuerySet[Certificate]:
    """The whole certificate (with its batch and producer): whoever sees the application."""
    return Certificate.objects.filter(
        application__in=applications_visible_to(user).values("pk")
    ).select_related("application__producer", "application__batch")


def access_certificate(user: User | AnonymousUser, certificate_id: int) -> Certificate:
    """The certificate for its printable page, or 404."""
    try:
        return certificates_visible_to(user).get(pk=certificate_id)
    except Certificate.DoesNotExist as error:
        raise Http404 from error


def access_certificate_public(number: str) -> Certificate:
    """The certificate with this number for the public check, or 404. A number that fails its
    check character is refused before any lookup."""
    if not certificate_number_is_valid(number):
        raise Http404
    try:
        return Certificate.objects.get(number=certificate_number_normalise(number))
    except Certificate.DoesNotExist as error:
        raise Http404 from error


def can_revoke_certificate(user: User | AnonymousUser, certificate: Certificate) -> bool:
    """The officer who issued it (or a national admin), while it stands."""
    signed_in = signed_in_user(user)
    if signed_in is None or certificate.is_revoked:
        return False
    return certificate.issued_by_id == signed_in.pk or signed_in.is_national_admin


def applications_scope(user: User) -> Q:
    """The applications an officer decides on, as a filter (for "My work")."""
    return officer_scope(user, district_field="batch__district")
