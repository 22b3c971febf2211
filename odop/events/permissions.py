"""The one gate of events (issue 16): who sees, organises and approves what.

Events are public (their page lists participants' products). Organisers: the national admin,
a State officer for their State's events, a Mission officer for events abroad (country not IN),
and whoever created the event. A seller's registration is approved by an officer covering the
producer's district, never by the registrant. Registrations and meetings are visible to the
event's organisers, the registrant, and (registrations) the officers who approve them.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.events.models import Consignment, Event, Meeting, Outreach, Registration, Side
from odop.geography.permissions import officer_covers_district, officer_scope
from odop.registry.models import DistrictProduct


def events_visible_to(user: User | AnonymousUser) -> QuerySet[Event]:
    """Every event: events are public announcements."""
    return Event.objects.select_related("state")


def access_event(user: User | AnonymousUser, event_id: int) -> Event:
    """The event or 404."""
    event = events_visible_to(user).filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event


def can_create_event(user: User | AnonymousUser) -> bool:
    """National admin, State officers and Mission officers create events."""
    signed_in = signed_in_user(user)
    return signed_in is not None and signed_in.role in (
        Role.NATIONAL_ADMIN,
        Role.STATE_OFFICER,
        Role.MISSION_OFFICER,
    )


def can_organise_event(user: User | AnonymousUser, event: Event) -> bool:
    """Run the schedule, record outcomes, see every registration."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    if signed_in.is_national_admin or event.created_by_id == signed_in.pk:
        return True
    if signed_in.role == Role.STATE_OFFICER:
        return event.state_id is not None and event.state_id == signed_in.state_id
    if signed_in.role == Role.MISSION_OFFICER:
        return event.country != "IN"
    return False


def access_event_to_organise(user: User | AnonymousUser, event_id: int) -> Event:
    """The event if `user` may organise it, else 404 (its officers' pages, e.g. stalls)."""
    event = access_event(user, event_id)
    if not can_organise_event(user, event):
        raise Http404
    return event


def events_organised_by(user: User | AnonymousUser) -> QuerySet[Event]:
    """The events `user` may organise (the queryset form of `can_organise_event`)."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return Event.objects.none()
    if signed_in.is_national_admin:
        return Event.objects.all()
    scope = Q(created_by=signed_in)
    if signed_in.role == Role.STATE_OFFICER and signed_in.state_id is not None:
        scope |= Q(state_id=signed_in.state_id)
    if signed_in.role == Role.MISSION_OFFICER:
        scope |= ~Q(country="IN")
    return Event.objects.filter(scope)


def registrations_visible_to(user: User | AnonymousUser, event: Event) -> QuerySet[Registration]:
    """All of an event's registrations for its organisers; otherwise one's own, plus sellers of
    the districts an officer covers."""
    registrations = event.registrations.select_related("producer__district", "user")
    signed_in = signed_in_user(user)
    if signed_in is None:
        return registrations.none()
    if can_organise_event(signed_in, event):
        return registrations
    scope = Q(user=signed_in)
    if signed_in.is_officer:
        scope |= Q(side=Side.SELLER) & officer_scope(signed_in, district_field="producer__district")
    return registrations.filter(scope)


def access_registration(
    user: User | AnonymousUser, event: Event, registration_id: int
) -> Registration:
    """The registration or 404."""
    registration = registrations_visible_to(user, event).filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    return registration


def can_approve_registration(user: User | AnonymousUser, registration: Registration) -> bool:
    """An officer covering the seller's district; not the registrant."""
    signed_in = signed_in_user(user)
    if signed_in is None or registration.producer is None or registration.user_id == signed_in.pk:
        return False
    return officer_covers_district(signed_in, registration.producer.district)


def meetings_visible_to(user: User | AnonymousUser, event: Event) -> QuerySet[Meeting]:
    """All meetings for organisers; a participant sees their own."""
    meetings = event.meetings.select_related("slot", "buyer__user", "seller__producer")
    signed_in = signed_in_user(user)
    if signed_in is None:
        return meetings.none()
    if can_organise_event(signed_in, event):
        return meetings
    return meetings.filter(Q(buyer__user=signed_in) | Q(seller__user=signed_in))


def access_meeting(user: User | AnonymousUser, event: Event, meeting_id: int) -> Meeting:
    """The meeting or 404."""
    meeting = meetings_visible_to(user, event).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def can_record_outreach(user: User | AnonymousUser) -> bool:
    """Mission officers record their outreach; the national admin may too."""
    signed_in = signed_in_user(user)
    return signed_in is not None and signed_in.role in (Role.MISSION_OFFICER, Role.NATIONAL_ADMIN)


def outreach_visible_to(user: User | AnonymousUser) -> QuerySet[Outreach]:
    """Missions' records for Missions and the national admin; nothing for others."""
    if not can_record_outreach(user):
        return Outreach.objects.none()
    return Outreach.objects.prefetch_related("products")


def consignments_visible_to(user: User | AnonymousUser) -> QuerySet[Consignment]:
    """Mission officers and the national admin see all; officers their origin districts'."""
    consignments = Consignment.objects.select_related("product__district")
    signed_in = signed_in_user(user)
    if signed_in is None:
        return consignments.none()
    if can_record_outreach(signed_in):
        return consignments
    return consignments.filter(officer_scope(signed_in, district_field="product__district"))


def access_consignment(user: User | AnonymousUser, consignment_id: int) -> Consignment:
    """The consignment or 404."""
    consignment = consignments_visible_to(user).filter(pk=consignment_id).first()
    if consignment is None:
        raise Http404
    return consignment


def can_record_consignment(user: User | AnonymousUser, product: DistrictProduct) -> bool:
    """Missions and the national admin, or an officer covering the product's district."""
    return can_record_outreach(user) or officer_covers_district(user, product.district)
