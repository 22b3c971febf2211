"""Who may see and do what with producers: the one access gate of the producer registry.

What a user may not see answers 404, exactly like what does not exist.

* The public sees verified producers' public profiles (never their phone, email or bank).
* Buyers (role buyer, and Mission officers buying for gifting and exhibitions) may reveal a
  verified producer's contact details, each reveal logged.
* A producer (role producer, linked to a `Producer` by `user`) sees and edits their own
  record, whatever its status, and sees who revealed their contact details.
* Officers work within their scope (`geography.permissions.officer_scope`): they register
  producers (one by one with consent, or in bulk), verify them, see the producer 360 page with
  officers' notes and bank details. A national admin merges duplicate records.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.geography.models import District
from odop.geography.permissions import officer_covers_district, officer_scope
from odop.producers.models import Producer, ProducerStatus

BUYER_ROLES = frozenset({Role.BUYER, Role.MISSION_OFFICER})


def is_buyer(user: User | AnonymousUser) -> bool:
    """A signed-in buyer or Mission officer: the roles that inquire, order and see contacts."""
    signed_in = signed_in_user(user)
    return signed_in is not None and signed_in.role in BUYER_ROLES


def producer_of(user: User | AnonymousUser) -> Producer | None:
    """The producer record a producer account speaks for, if any."""
    signed_in = signed_in_user(user)
    if signed_in is None or signed_in.role != Role.PRODUCER:
        return None
    return Producer.objects.filter(user=signed_in).first()


def producers_visible_to(user: User | AnonymousUser) -> QuerySet[Producer]:
    """Verified producers for everyone; officers add their scope's; a producer their own."""
    producers = Producer.objects.select_related("district__state")
    public = Q(status=ProducerStatus.VERIFIED)
    signed_in = signed_in_user(user)
    if signed_in is None:
        return producers.filter(public)
    if signed_in.is_officer:
        return producers.filter(public | officer_scope(signed_in))
    if signed_in.role == Role.PRODUCER:
        return producers.filter(public | Q(user=signed_in))
    return producers.filter(public)


def access_producer(user: User | AnonymousUser, producer_id: int) -> Producer:
    """The producer, or 404 when it does not exist or the user may not see it."""
    try:
        return producers_visible_to(user).get(pk=producer_id)
    except Producer.DoesNotExist as error:
        raise Http404 from error


def access_producer_360(user: User | AnonymousUser, producer_id: int) -> Producer:
    """The producer for its 360 page: the producer themselves and its officers; 404 for
    everyone else (the public has the bazaar's profile page)."""
    producer = access_producer(user, producer_id)
    if not can_edit_producer(user, producer):
        raise Http404
    return producer


def can_register_producer(user: User | AnonymousUser, district: District) -> bool:
    """Officers register producers of their scope on the producer's behalf."""
    return officer_covers_district(user, district)


def can_bulk_register(user: User | AnonymousUser) -> bool:
    """Officers upload lists of producers; each row is checked against their scope."""
    signed_in = signed_in_user(user)
    return signed_in is not None and signed_in.is_officer


def can_verify_producer(user: User | AnonymousUser, producer: Producer) -> bool:
    """The officers of the producer's district (and above) verify or suspend it."""
    return officer_covers_district(user, producer.district)


def can_edit_producer(user: User | AnonymousUser, producer: Producer) -> bool:
    """The producer themselves, or an officer helping them."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    if producer.user_id is not None and producer.user_id == signed_in.pk:
        return True
    return officer_covers_district(signed_in, producer.district)


def can_see_contact(user: User | AnonymousUser, producer: Producer) -> bool:
    """Signed-in buyers, for verified producers (each reveal is logged by the service); the
    producer and their officers always see it (nothing to log there)."""
    if is_buyer(user):
        return producer.is_verified
    return can_edit_producer(user, producer)


def can_see_reveals(user: User | AnonymousUser, producer: Producer) -> bool:
    """Who looked at a producer's contact details: the producer's own business, and their
    officers'."""
    return can_edit_producer(user, producer)


def can_see_officer_view(user: User | AnonymousUser, producer: Producer) -> bool:
    """Officers' notes, bank details and the whole 360 page: the officers of the producer's
    district and above (the scheme's officers), never the public or other producers."""
    return officer_covers_district(user, producer.district)


def can_see_bank(user: User | AnonymousUser, producer: Producer) -> bool:
    """The masked account (last four digits) and IFSC: the producer's officers and the
    producer themselves (who entered them)."""
    return can_edit_producer(user, producer)


def can_merge_producers(user: User | AnonymousUser) -> bool:
    """Merging two records rewrites other apps' rows: national admins only."""
    signed_in = signed_in_user(user)
    return signed_in is not None and signed_in.is_national_admin
