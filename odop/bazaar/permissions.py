"""Who may see and do what in the bazaar. One gate per object type; what a user may not see
answers 404, exactly like what does not exist.

* The public sees published listings of verified producers, and those producers' public
  profiles (never their phone or email).
* Buyers (role buyer, and Mission officers buying for gifting and exhibitions) may reveal a
  verified producer's contact details, each reveal logged; they inquire and order, and see
  their own inquiries and orders.
* Producers' own gates (who sees a producer, its contact details, who registers and verifies
  it) are the producer registry's (`odop.producers.permissions`), named here for the views.
* A producer (role producer, linked to a `Producer` by `user`) sees and edits their own
  listings, whatever their status, answers inquiries and moves orders of their
  listings, and sees who revealed their contact details.
* Officers work within their scope (`geography.permissions.officer_scope`): they register
  producers (assisted onboarding, with consent), verify them, help them with listings, and
  see their orders (to chase payments that are stuck). Assessors have no part here.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.bazaar.models import Inquiry, Listing, ListingStatus, Order, OrderStatus, Quote
from odop.bazaar.workflow import BUYER_ORDER_MOVES, SELLER_ORDER_MOVES
from odop.geography.permissions import officer_scope
from odop.producers.models import Producer, ProducerStatus

# The producer gates live in the producer registry; the bazaar's views and API reach them
# through this module, so they are named here (explicit re-exports).
from odop.producers.permissions import BUYER_ROLES as BUYER_ROLES
from odop.producers.permissions import access_producer as access_producer
from odop.producers.permissions import can_edit_producer as can_edit_producer
from odop.producers.permissions import can_register_producer as can_register_producer
from odop.producers.permissions import can_see_contact as can_see_contact
from odop.producers.permissions import can_see_reveals as can_see_reveals
from odop.producers.permissions import can_verify_producer as can_verify_producer
from odop.producers.permissions import is_buyer as is_buyer
from odop.producers.permissions import producer_of as producer_of
from odop.producers.permissions import producers_visible_to as producers_visible_to

# ---------------------------------------------------------------- listings


def _listings_public() -> Q:
    return Q(status=ListingStatus.PUBLISHED, producer__status=ProducerStatus.VERIFIED)


def listings_visible_to(user: User | AnonymousUser) -> QuerySet[Listing]:
    """Published listings of verified producers for everyone; a producer also sees their own,
    officers those of their scope's producers, in any status."""
    listings = Listing.objects.select_related("producer", "product", "district", "state")
    signed_in = signed_in_user(user)
    if signed_in is None:
        return listings.filter(_listings_public())
    if signed_in.is_officer:
        return listings.filter(
            _listings_public() | officer_scope(signed_in, district_field="producer__district")
        )
    if signed_in.role == Role.PRODUCER:
        return listings.filter(_listings_public() | Q(producer__user=signed_in))
    return listings.filter(_listings_public())


def access_listing(user: User | AnonymousUser, listing_id: int) -> Listing:
    """The listing, or 404 when it does not exist or the user may not see it."""
    try:
        return listings_visible_to(user).get(pk=listing_id)
    except Listing.DoesNotExist as error:
        raise Http404 from error


def can_create_listing(user: User | AnonymousUser, producer: Producer) -> bool:
    """A producer lists for themselves; an officer may do it for a producer of their scope."""
    return can_edit_producer(user, producer)


def can_edit_listing(user: User | AnonymousUser, listing: Listing) -> bool:
    """The seller, or an officer helping them; the same people publish and pause it."""
    return can_edit_producer(user, listing.producer)


def can_delete_listing_photo(user: User | AnonymousUser, listing: Listing) -> bool:
    """The listing's owner: the producer's own account (issue 12). A producer without an
    account is represented by the officers who may edit their listings (who onboarded them),
    or nobody could ever take a wrong photo down."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    owner_id = listing.producer.user_id
    if owner_id is not None:
        return owner_id == signed_in.pk
    return can_edit_listing(signed_in, listing)


def is_on_sale(listing: Listing) -> bool:
    """A published listing of a verified producer: what everyone sees in the shop window."""
    return (
        listing.status == ListingStatus.PUBLISHED
        and listing.producer.status == ProducerStatus.VERIFIED
    )


def can_buy(user: User | AnonymousUser, listing: Listing) -> bool:
    """Buyers inquire and order published listings of verified producers."""
    return is_buyer(user) and is_on_sale(listing)


# ---------------------------------------------------------------- inquiries and orders


def _trade_scope(signed_in: User) -> Q:
    """Trade records a signed-in user takes part in (as buyer or seller) or oversees."""
    own = Q(buyer=signed_in) | Q(listing__producer__user=signed_in)
    if signed_in.is_officer:
        return own | officer_scope(signed_in, district_field="listing__producer__district")
    return own


def inquiries_visible_to(user: User | AnonymousUser) -> QuerySet[Inquiry]:
    """A buyer's own inquiries, a seller's incoming ones, officers' of their scope."""
    signed_in = signed_in_user(user)
    inquiries = Inquiry.objects.select_related("listing__producer", "buyer")
    if signed_in is None:
        return inquiries.none()
    return inquiries.filter(_trade_scope(signed_in))


def access_inquiry(user: User | AnonymousUser, inquiry_id: int) -> Inquiry:
    try:
        return inquiries_visible_to(user).get(pk=inquiry_id)
    except Inquiry.DoesNotExist as error:
        raise Http404 from error


def access_quote(user: User | AnonymousUser, quote_id: int) -> Quote:
    """A quote on an inquiry the user may see, or 404."""
    try:
        return Quote.objects.select_related("inquiry__listing").get(
            pk=quote_id, inquiry__in=inquiries_visible_to(user)
        )
    except Quote.DoesNotExist as error:
        raise Http404 from error


def can_quote(user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    """The seller answers an inquiry (or an officer helping them)."""
    return can_edit_listing(user, inquiry.listing)


def can_accept_quote(user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    """Only the buyer who asked turns a quote into an order."""
    signed_in = signed_in_user(user)
    return signed_in is not None and inquiry.buyer_id == signed_in.pk


def orders_visible_to(user: User | AnonymousUser) -> QuerySet[Order]:
    """A buyer's own orders, a seller's incoming ones, officers' of their scope."""
    signed_in = signed_in_user(user)
    orders = Order.objects.select_related("listing__producer__district", "buyer")
    if signed_in is None:
        return orders.none()
    return orders.filter(_trade_scope(signed_in))


def access_order(user: User | AnonymousUser, order_id: int) -> Order:
    try:
        return orders_visible_to(user).get(pk=order_id)
    except Order.DoesNotExist as error:
        raise Http404 from error


def can_move_order(user: User | AnonymousUser, order: Order, to_status: OrderStatus) -> bool:
    """The seller confirms, ships and may cancel; the buyer marks it received and may cancel.
    Officers watch but do not move orders (a trade between two parties)."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    is_seller = order.listing.producer.user_id == signed_in.pk
    is_order_buyer = order.buyer_id == signed_in.pk
    return (is_seller and to_status in SELLER_ORDER_MOVES) or (
        is_order_buyer and to_status in BUYER_ORDER_MOVES
    )


def can_record_payment(user: User | AnonymousUser, order: Order) -> bool:
    """The seller records that the money arrived (there is no gateway to tell us)."""
    signed_in = signed_in_user(user)
    return signed_in is not None and order.listing.producer.user_id == signed_in.pk
