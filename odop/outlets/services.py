"""Write-side of outlets and gifting. Atomic; permission first; every stock movement is a
`StockMove` row. Stock moves between the bazaar listing and an outlet under row locks (listing
first, then the outlet's stock row, always in that order, so two moves cannot deadlock)."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from odop.accounts.models import User
from odop.bazaar import services as bazaar
from odop.bazaar.models import Listing, Order
from odop.bazaar.permissions import can_buy, is_on_sale
from odop.core.errors import error_code, field_error, permission_require
from odop.core.models import row_create
from odop.core.page_cache import data_version_bump
from odop.geography.models import State
from odop.outlets import permissions
from odop.outlets.models import (
    GiftCollection,
    GiftItem,
    MoveKind,
    Outlet,
    OutletKind,
    OutletStock,
    Stall,
    StockMove,
)


@transaction.atomic
def outlet_create(
    *,
    actor: User,
    kind: OutletKind | str,
    name: str,
    city: str,
    state: State | None = None,
    country: str = "IN",
    mission: str = "",
    managers: Iterable[User] = (),
) -> Outlet:
    """Open an outlet. A PM Ekta Mall gets a stall for every State and UT at once."""
    permission_require(permissions.can_create_outlet(actor, state))
    outlet = Outlet(
        kind=kind,
        name=name.strip(),
        city=city.strip(),
        state=state,
        country=country.upper(),
        mission=mission.strip(),
    )
    outlet.full_clean()
    outlet.save()
    outlet.managers.set(list(managers))
    if outlet.kind == OutletKind.EKTA_MALL:
        Stall.objects.bulk_create(Stall(outlet=outlet, state=each) for each in State.objects.all())
    return outlet


def _stock_row(outlet: Outlet, listing: Listing) -> OutletStock:
    row, _created = OutletStock.objects.get_or_create(outlet=outlet, listing=listing)
    return OutletStock.objects.select_for_update().get(pk=row.pk)


@transaction.atomic
def consignment_place(
    *, actor: User, outlet: Outlet, listing: Listing, quantity: int, note: str = ""
) -> OutletStock:
    """Units of a listing are placed with an outlet: they leave the online stock for the
    outlet's. The seller (or an officer helping them) places their own listing's units; the
    people who run the outlet record a placement of any listing on sale (a published listing
    of a verified producer), e.g. the Mission officer of a store abroad receiving a consignment.
    """
    as_seller = permissions.can_consign(actor, listing, outlet)
    permission_require(as_seller or permissions.can_stock_outlet(actor, outlet))
    if quantity < 1:
        raise field_error("quantity", _("Place at least one."), "quantity_invalid")
    locked = Listing.objects.select_for_update().select_related("producer").get(pk=listing.pk)
    if not as_seller and not is_on_sale(locked):
        raise field_error(
            "listing", _("Only listings on sale in the bazaar can be placed."), "not_published"
        )
    if locked.stock < quantity:
        raise field_error(
            "quantity",
            _("Only %(count)d left in stock.") % {"count": locked.stock},
            "insufficient_stock",
        )
    Listing.objects.filter(pk=locked.pk).update(stock=F("stock") - quantity)
    data_version_bump("bazaar")  # .update() sends no signal; the listing's page shows stock
    row = _stock_row(outlet, locked)
    row.quantity = F("quantity") + quantity
    row.save(update_fields=["quantity", "updated_at"])
    row_create(
        StockMove,
        outlet=outlet,
        listing=locked,
        kind=MoveKind.PLACED,
        quantity=quantity,
        on=timezone.localdate(),
        actor=actor,
        note=note.strip(),
    )
    row.refresh_from_db()
    return row


@transaction.atomic
def outlet_sale_report(
    *,
    actor: User,
    outlet: Outlet,
    listing: Listing,
    quantity: int,
    amount: Decimal,
    on: dt.date | None = None,
    note: str = "",
) -> StockMove:
    """The outlet reports units sold (and for how much) from its consigned stock."""
    permission_require(permissions.can_manage_outlet(actor, outlet))
    if quantity < 1:
        raise field_error("quantity", _("Report at least one unit."), "quantity_invalid")
    if amount < 0:
        raise field_error("amount", _("An amount cannot be negative."), "amount_negative")
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise field_error("on", _("A sale cannot be in the future."), "date_future")
    row = _stock_row(outlet, listing)
    if row.quantity < quantity:
        raise field_error(
            "quantity",
            _("The outlet holds only %(count)d of these.") % {"count": row.quantity},
            "insufficient_outlet_stock",
        )
    row.quantity = F("quantity") - quantity
    row.save(update_fields=["quantity", "updated_at"])
    return row_create(
        StockMove,
        outlet=outlet,
        listing=listing,
        kind=MoveKind.SOLD,
        quantity=quantity,
        amount=amount,
        on=day,
        actor=actor,
        note=note.strip(),
    )


@transaction.atomic
def consignment_return(
    *, actor: User, outlet: Outlet, listing: Listing, quantity: int, note: str = ""
) -> StockMove:
    """Unsold units go back to the seller's online stock (the outlet's managers or the
    seller may record it)."""
    permission_require(
        permissions.can_manage_outlet(actor, outlet)
        or permissions.can_consign(actor, listing, outlet)
    )
    if quantity < 1:
        raise field_error("quantity", _("Return at least one."), "quantity_invalid")
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    row = _stock_row(outlet, locked)
    if row.quantity < quantity:
        raise field_error(
            "quantity",
            _("The outlet holds only %(count)d of these.") % {"count": row.quantity},
            "insufficient_outlet_stock",
        )
    row.quantity = F("quantity") - quantity
    row.save(update_fields=["quantity", "updated_at"])
    Listing.objects.filter(pk=locked.pk).update(stock=F("stock") + quantity)
    data_version_bump("bazaar")  # .update() sends no signal; the listing's page shows stock
    return row_create(
        StockMove,
        outlet=outlet,
        listing=locked,
        kind=MoveKind.RETURNED,
        quantity=quantity,
        on=timezone.localdate(),
        actor=actor,
        note=note.strip(),
    )


# ---------------------------------------------------------------- gift collections


@transaction.atomic
def collection_create(
    *, actor: User, title: str, occasion: str = "", description: str = ""
) -> GiftCollection:
    """Start a draft gift collection (a Mission officer's, a ministry officer's)."""
    permission_require(permissions.can_create_collection(actor))
    collection = GiftCollection(
        title=title.strip(), occasion=occasion.strip(), description=description, owner=actor
    )
    collection.full_clean()
    collection.save()
    return collection


@transaction.atomic
def collection_item_add(
    *,
    actor: User,
    collection: GiftCollection,
    listing: Listing,
    quantity: int = 1,
    note: str = "",
) -> GiftItem:
    """Add a published listing of a verified producer to a collection (once)."""
    permission_require(permissions.can_edit_collection(actor, collection))
    if not (listing.status == "published" and listing.producer.is_verified):
        raise field_error("listing", _("Only published listings can be gifted."), "not_published")
    if collection.items.filter(listing=listing).exists():
        raise field_error("listing", _("This listing is already in the collection."), "duplicate")
    item = GiftItem(collection=collection, listing=listing, quantity=quantity, note=note.strip())
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def collection_publish(
    *, actor: User, collection: GiftCollection, published: bool = True
) -> GiftCollection:
    """Show (or hide) a collection to every buyer. An empty collection is not published."""
    permission_require(permissions.can_edit_collection(actor, collection))
    if published and not collection.items.exists():
        raise ValidationError(_("Add products before publishing."), code="collection_empty")
    collection.is_published = published
    collection.save(update_fields=["is_published", "updated_at"])
    return collection


def _sets_short(item: GiftItem, available: int) -> ValidationError:
    sets = available // item.quantity
    message = ngettext(
        "%(title)s: only %(sets)d set can be made (%(stock)d in stock, %(per_set)d a set).",
        "%(title)s: only %(sets)d sets can be made (%(stock)d in stock, %(per_set)d a set).",
        sets,
    ) % {"title": item.listing.title, "sets": sets, "stock": available, "per_set": item.quantity}
    return field_error("items", message, "insufficient_stock")


@transaction.atomic
def collection_order(*, buyer: User, collection: GiftCollection, sets: int = 1) -> list[Order]:
    """Order `sets` of a whole collection: one bazaar order per item, all or none.

    Each order takes stock under the listing's row lock (`bazaar.services.order_place`); if any
    item cannot be had, everything rolls back and the error names that item.
    """
    permission_require(permissions.can_order_collection(buyer, collection))
    if sets < 1:
        raise field_error("sets", _("Order at least one set."), "quantity_invalid")
    items = list(collection.items.select_related("listing__producer").order_by("listing_id"))
    if not items:
        raise ValidationError(_("This collection has no products."), code="collection_empty")
    orders = []
    for item in items:  # by listing id: every buyer takes the locks in the same order
        if not can_buy(buyer, item.listing):
            raise field_error(
                "items",
                _("%(title)s is no longer on sale.") % {"title": item.listing.title},
                "not_published",
            )
        try:
            orders.append(
                bazaar.order_place(buyer=buyer, listing=item.listing, quantity=item.quantity * sets)
            )
        except ValidationError as error:
            available = bazaar.stock_available(error)
            if available is not None:
                # Say it in sets, as the buyer ordered (issue 12: "Only 40 left" for 25 sets
                # of 2 said nothing about how many sets could be had).
                raise _sets_short(item, available) from error
            raise field_error(
                "items",
                _("%(title)s: %(reason)s")
                % {"title": item.listing.title, "reason": " ".join(error.messages)},
                error_code(error),
            ) from error
    return orders
