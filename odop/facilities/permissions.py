"""Who may see and do what at Common Facility Centres. Every view and service goes through
these gates; an object a user may not see answers 404, the same as one that does not exist.

Centres and their machines are public. A booking is seen by the producer who made it, the
centre's operators and the officers whose area holds the centre. Utilisation reports are seen
by the centre's operators and those officers. Operators (accounts with the CFC operator role
named on the centre) confirm bookings and report their centre's months; verified producers
book.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.facilities.models import Booking, Centre, Equipment, UtilisationReport
from odop.geography.models import District
from odop.geography.permissions import officer_covers_district, officer_scope
from odop.producers.models import Producer, ProducerStatus
from odop.producers.permissions import producer_of


def centres_visible_to(user: User | AnonymousUser) -> QuerySet[Centre]:
    """Every centre: the registry is public."""
    return Centre.objects.all()


def access_centre(user: User | AnonymousUser, centre_id: int) -> Centre:
    """The centre, else 404."""
    try:
        return centres_visible_to(user).select_related("district__state").get(pk=centre_id)
    except Centre.DoesNotExist as error:
        raise Http404 from error


def equipment_visible_to(user: User | AnonymousUser) -> QuerySet[Equipment]:
    """Every machine of every centre (public, like the centres)."""
    return Equipment.objects.filter(centre__in=centres_visible_to(user))


def access_equipment(user: User | AnonymousUser, equipment_id: int) -> Equipment:
    """The machine, else 404."""
    try:
        return equipment_visible_to(user).select_related("centre").get(pk=equipment_id)
    except Equipment.DoesNotExist as error:
        raise Http404 from error


def _operator_scope(user: User, centre_field: str) -> Q:
    """The centres `user` operates, as a filter on `centre_field`."""
    if user.role != Role.CFC_OPERATOR:
        return Q(pk__in=[])
    return Q(**{f"{centre_field}__operators": user})


def is_operator(user: User | AnonymousUser, centre: Centre) -> bool:
    """Whether `user` is one of the centre's operators (and still has the operator role)."""
    signed_in = signed_in_user(user)
    return bool(
        signed_in
        and signed_in.role == Role.CFC_OPERATOR
        and centre.operators.filter(pk=signed_in.pk).exists()
    )


def bookings_visible_to(user: User | AnonymousUser) -> QuerySet[Booking]:
    """The producer's own bookings; every booking of the centres an operator runs; every
    booking in an officer's area. Nothing for anybody else."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return Booking.objects.none()
    own = Q(producer__user=signed_in) if signed_in.role == Role.PRODUCER else Q(pk__in=[])
    area = officer_scope(signed_in, district_field="equipment__centre__district")
    return Booking.objects.filter(
        own | _operator_scope(signed_in, "equipment__centre") | area
    ).distinct()


def access_booking(user: User | AnonymousUser, booking_id: int) -> Booking:
    """The booking if `user` may see it, else 404."""
    try:
        return (
            bookings_visible_to(user)
            .select_related("equipment__centre", "producer")
            .get(pk=booking_id)
        )
    except Booking.DoesNotExist as error:
        raise Http404 from error


def producer_booking_as(user: User | AnonymousUser) -> Producer | None:
    """The verified producer `user` books for, or None (only verified producers book)."""
    signed_in = signed_in_user(user)
    if signed_in is None or signed_in.role != Role.PRODUCER:
        return None
    producer = producer_of(signed_in)
    if producer is None or producer.status != ProducerStatus.VERIFIED:
        return None
    return producer


def can_book(user: User | AnonymousUser) -> bool:
    """Booking a machine: a verified producer's own account."""
    return producer_booking_as(user) is not None


def can_operate_booking(user: User | AnonymousUser, booking: Booking) -> bool:
    """Confirming a booking, marking it used or a no-show, or cancelling it as the centre:
    an operator of the machine's centre."""
    return is_operator(user, booking.equipment.centre)


def can_cancel_own_booking(user: User | AnonymousUser, booking: Booking) -> bool:
    """Cancelling as the producer: the producer's own account (the notice is the service's
    rule)."""
    signed_in = signed_in_user(user)
    return bool(signed_in and booking.producer.user_id == signed_in.pk)


def utilisation_reports_visible_to(user: User | AnonymousUser) -> QuerySet[UtilisationReport]:
    """Reports of the centres an operator runs, and of the centres in an officer's area."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return UtilisationReport.objects.none()
    area = officer_scope(signed_in, district_field="centre__district")
    return UtilisationReport.objects.filter(_operator_scope(signed_in, "centre") | area).distinct()


def access_utilisation_report(user: User | AnonymousUser, report_id: int) -> UtilisationReport:
    """The report if `user` may see it, else 404."""
    try:
        return utilisation_reports_visible_to(user).select_related("centre").get(pk=report_id)
    except UtilisationReport.DoesNotExist as error:
        raise Http404 from error


def can_view_utilisation(user: User | AnonymousUser, centre: Centre) -> bool:
    """Seeing a centre's reports and charts: its operators and the officers of its area."""
    return is_operator(user, centre) or officer_covers_district(user, centre.district)


def can_report_utilisation(user: User | AnonymousUser, centre: Centre) -> bool:
    """Filing or correcting a month's report: the centre's operators only (officers read
    the figures; they do not write them)."""
    return is_operator(user, centre)


def can_view_state_utilisation(user: User | AnonymousUser) -> bool:
    """The State table of centres by utilisation: officers (each sees their area)."""
    signed_in = signed_in_user(user)
    return bool(signed_in and signed_in.is_officer)


# ---------------------------------------------------------------- keeping the registry


def can_register_centres(user: User | AnonymousUser) -> bool:
    """Registering centres: national admins, State officers and district officers (each in
    their own area)."""
    signed_in = signed_in_user(user)
    return bool(
        signed_in
        and signed_in.role in (Role.NATIONAL_ADMIN, Role.STATE_OFFICER, Role.DISTRICT_OFFICER)
    )


def centres_kept_by(user: User | AnonymousUser) -> QuerySet[Centre]:
    """The centres `user` may edit: those in the officer's area; nothing for anybody else."""
    signed_in = signed_in_user(user)
    if signed_in is None or not can_register_centres(signed_in):
        return Centre.objects.none()
    return Centre.objects.filter(officer_scope(signed_in))


def access_centre_to_keep(user: User | AnonymousUser, centre_id: int) -> Centre:
    """The centre if `user` may edit it, else 404 (a centre outside the area is not found)."""
    try:
        return centres_kept_by(user).select_related("district__state").get(pk=centre_id)
    except Centre.DoesNotExist as error:
        raise Http404 from error


def access_equipment_to_keep(
    user: User | AnonymousUser, centre: Centre, equipment_id: int
) -> Equipment:
    """A machine of a centre `user` keeps (fetched through `access_centre_to_keep`), else 404."""
    try:
        return Equipment.objects.get(centre=centre, pk=equipment_id)
    except Equipment.DoesNotExist as error:
        raise Http404 from error


def districts_kept_by(user: User | AnonymousUser) -> QuerySet[District]:
    """The districts `user` may register centres in: a national admin's every district, a
    State officer's State's, a district officer's own; none for anybody else."""
    signed_in = signed_in_user(user)
    districts = District.objects.select_related("state")
    if signed_in is None or not can_register_centres(signed_in):
        return districts.none()
    if signed_in.is_national_admin:
        return districts.all()
    if signed_in.role == Role.STATE_OFFICER and signed_in.state_id is not None:
        return districts.filter(state_id=signed_in.state_id)
    if signed_in.role == Role.DISTRICT_OFFICER and signed_in.district_id is not None:
        return districts.filter(pk=signed_in.district_id)
    return districts.none()
