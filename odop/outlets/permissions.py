"""Who may see and do what with outlets and gift collections.

* Open outlets and their stock pages are public (where to buy ODOP products in person).
* National admins open outlets anywhere; a State officer opens and runs those in their State;
  an outlet's named managers (e.g. the Mission officer of a store abroad) run that outlet:
  they report its sales and take back stock.
* Sellers (and officers helping them, as in the bazaar) place their own listings' stock on
  consignment with an open outlet; the people who run the outlet record placements too, from
  any listing on sale (what the producer sent them).
* Gift collections: Mission officers and officers build them; the owner edits; published
  ones are visible to all. Ordering a collection is a purchase, so it needs a buyer role
  (Mission officers are buyers).
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.bazaar.models import Listing
from odop.bazaar.permissions import can_edit_listing, is_buyer
from odop.geography.models import State
from odop.outlets.models import GiftCollection, Outlet


def outlets_visible_to(user: User | AnonymousUser) -> QuerySet[Outlet]:
    """Open outlets for everyone; closed ones for the people who can run them."""
    outlets = Outlet.objects.select_related("state")
    signed_in = signed_in_user(user)
    if signed_in is None:
        return outlets.filter(is_active=True)
    if signed_in.is_national_admin:
        return outlets
    own = Q(managers=signed_in)
    if signed_in.role == Role.STATE_OFFICER:
        own |= Q(state_id=signed_in.state_id)
    return outlets.filter(Q(is_active=True) | own).distinct()


def access_outlet(user: User | AnonymousUser, outlet_id: int) -> Outlet:
    try:
        return outlets_visible_to(user).get(pk=outlet_id)
    except Outlet.DoesNotExist as error:
        raise Http404 from error


def can_create_outlet(user: User | AnonymousUser, state: State | None) -> bool:
    """National admins anywhere (stores abroad included); State officers in their State."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    if signed_in.is_national_admin:
        return True
    return (
        signed_in.role == Role.STATE_OFFICER
        and state is not None
        and state.pk == signed_in.state_id
    )


def can_manage_outlet(user: User | AnonymousUser, outlet: Outlet) -> bool:
    """Report sales and take back stock: national admins, the State's officers, managers."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    if signed_in.is_national_admin:
        return True
    if signed_in.role == Role.STATE_OFFICER and outlet.state_id == signed_in.state_id:
        return True
    return outlet.managers.filter(pk=signed_in.pk).exists()


def can_consign(user: User | AnonymousUser, listing: Listing, outlet: Outlet) -> bool:
    """The seller (or an officer helping them) places stock with an open outlet."""
    return outlet.is_active and can_edit_listing(user, listing)


def can_stock_outlet(user: User | AnonymousUser, outlet: Outlet) -> bool:
    """The people who run an open outlet (its named managers, the State's officers, national
    admins) place stock into it from any listing on sale, recording the consignment the
    producer sent (issue 12: outlets could not be stocked from the site)."""
    return outlet.is_active and can_manage_outlet(user, outlet)


def outlets_managed_by(user: User | AnonymousUser) -> QuerySet[Outlet]:
    """The outlets a user runs ("my outlets"): those naming them as a manager, a State
    officer's State's, every outlet for a national admin; none for anyone else."""
    signed_in = signed_in_user(user)
    outlets = Outlet.objects.select_related("state")
    if signed_in is None:
        return outlets.none()
    if signed_in.is_national_admin:
        return outlets
    own = Q(managers=signed_in)
    if signed_in.role == Role.STATE_OFFICER and signed_in.state_id is not None:
        own |= Q(state_id=signed_in.state_id)
    return outlets.filter(own).distinct()


# ---------------------------------------------------------------- gift collections

CURATOR_ROLES = frozenset(
    {Role.MISSION_OFFICER, Role.NATIONAL_ADMIN, Role.STATE_OFFICER, Role.DISTRICT_OFFICER}
)


def collections_visible_to(user: User | AnonymousUser) -> QuerySet[GiftCollection]:
    """Published collections for everyone; drafts for their owner."""
    collections = GiftCollection.objects.select_related("owner")
    signed_in = signed_in_user(user)
    if signed_in is None:
        return collections.filter(is_published=True)
    return collections.filter(Q(is_published=True) | Q(owner=signed_in))


def access_collection(user: User | AnonymousUser, collection_id: int) -> GiftCollection:
    try:
        return collections_visible_to(user).get(pk=collection_id)
    except GiftCollection.DoesNotExist as error:
        raise Http404 from error


def can_create_collection(user: User | AnonymousUser) -> bool:
    signed_in = signed_in_user(user)
    return signed_in is not None and (signed_in.role in CURATOR_ROLES or signed_in.is_superuser)


def can_edit_collection(user: User | AnonymousUser, collection: GiftCollection) -> bool:
    signed_in = signed_in_user(user)
    return signed_in is not None and collection.owner_id == signed_in.pk


def can_order_collection(user: User | AnonymousUser, collection: GiftCollection) -> bool:
    """A buyer (a Mission officer is one) orders a published collection or their own."""
    signed_in = signed_in_user(user)
    if signed_in is None or not is_buyer(signed_in):
        return False
    return collection.is_published or collection.owner_id == signed_in.pk
