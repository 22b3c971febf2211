"""Write-side use cases of the bazaar. Each is atomic, checks permission first, validates with
the model's `full_clean()` (identifiers, checksums, constraints) and records who did what:
`simple_history` rows for producers, listings and certifications, `ListingEvent` and
`OrderEvent` rows for status moves, `ContactReveal` rows for every contact shown to a buyer.

Stock is the one contended value: `order_place` locks the listing row (`select_for_update`)
before it reads the stock, so two buyers racing for the last units are served one after the
other and the loser gets `insufficient_stock`; the database's `stock >= 0` constraint is the
last guard.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.bazaar import permissions
from odop.bazaar.models import (
    Inquiry,
    InquiryStatus,
    Listing,
    ListingEvent,
    ListingPhoto,
    ListingStatus,
    Order,
    OrderEvent,
    OrderEventKind,
    OrderStatus,
    PaymentStatus,
    Quote,
    QuoteStatus,
)
from odop.bazaar.photos import photo_prepare
from odop.bazaar.workflow import LISTING_TRANSITIONS, ORDER_TRANSITIONS
from odop.core import bounds
from odop.core.errors import field_error
from odop.core.models import row_create
from odop.core.page_cache import data_version_bump
from odop.producers.models import (
    Producer,
)

# Producers' write-side lives in the producer registry; the bazaar's views, API and demo reach
# it through this module, so it is named here (explicit re-exports).
from odop.producers.services import PRODUCER_FIELDS as PRODUCER_FIELDS
from odop.producers.services import REMINDER_DAYS as REMINDER_DAYS
from odop.producers.services import Contact as Contact
from odop.producers.services import certification_add as certification_add
from odop.producers.services import certification_reminders_send as certification_reminders_send
from odop.producers.services import contact_reveal as contact_reveal
from odop.producers.services import producer_account_link as producer_account_link
from odop.producers.services import producer_register as producer_register
from odop.producers.services import producer_update as producer_update
from odop.producers.services import producer_verify as producer_verify
from odop.registry.models import DistrictProduct, HSCode


def _refuse(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# ---------------------------------------------------------------- listings

LISTING_FIELDS = (
    "title",
    "story",
    "price",
    "unit",
    "minimum_order",
    "monthly_capacity",
    "lead_time_days",
    "hs_code",
    "gtin",
    "country_of_origin",
    "export_ready",
)


def listing_search_document(listing: Listing) -> str:
    """The text the storefront searches: the listing's own words and where it comes from."""
    product = listing.product
    parts = [
        listing.title,
        listing.story,
        product.name,
        product.product_type.name,
        product.get_sector_display() if product.sector else "",
        product.district.name,
        product.district.state.name,
        listing.producer.name,
    ]
    return "\n".join(part for part in parts if part)


def _hs_code_check(code: str) -> None:
    """An HS code must exist in the HS 2022 nomenclature (its first six digits, for the
    eight-digit national tariff lines India adds)."""
    if code and not HSCode.objects.filter(code=code[:6]).exists():
        raise field_error(
            "hs_code",
            _("%(code)s is not in the HS 2022 nomenclature.") % {"code": code},
            "hs_code_unknown",
        )


def _listing_facets_copy(listing: Listing) -> None:
    product = listing.product
    listing.district = product.district
    listing.state = product.district.state
    listing.sector = product.sector
    listing.is_gi = product.is_gi
    listing.search_document = listing_search_document(listing)


@transaction.atomic
def listing_create(
    *, actor: User, producer: Producer, product: DistrictProduct, stock: int = 0, **fields: Any
) -> Listing:
    """A producer (or an officer helping them) lists one product of the producer's district.
    The listing starts as a draft; `listing_transition` publishes it."""
    _refuse(permissions.can_create_listing(actor, producer))
    unknown = set(fields) - set(LISTING_FIELDS)
    if unknown:
        raise TypeError(f"unknown listing fields: {sorted(unknown)}")
    if product.district_id != producer.district_id:
        raise field_error(
            "product", _("List a product of the producer's own district."), "product_other_district"
        )
    listing = Listing(producer=producer, product=product, stock=stock, **fields)
    _listing_facets_copy(listing)
    listing.full_clean()
    _hs_code_check(listing.hs_code)
    listing.save()
    row_create(ListingEvent, listing=listing, to_status=listing.status, actor=actor)
    return listing


@transaction.atomic
def listing_update(*, actor: User, listing: Listing, **fields: Any) -> Listing:
    """Change a listing's trade facts (not its status or stock: their own services)."""
    _refuse(permissions.can_edit_listing(actor, listing))
    unknown = set(fields) - set(LISTING_FIELDS)
    if unknown:
        raise TypeError(f"unknown listing fields: {sorted(unknown)}")
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    for name, value in fields.items():
        setattr(listing, name, value)
    _listing_facets_copy(listing)
    listing.full_clean()
    _hs_code_check(listing.hs_code)
    listing.save()
    return listing


@transaction.atomic
def listing_stock_set(*, actor: User, listing: Listing, stock: int) -> Listing:
    """The seller counts their stock. Locks the row so it cannot interleave with an order."""
    _refuse(permissions.can_edit_listing(actor, listing))
    if stock < 0:
        raise field_error("stock", _("Stock cannot be negative."), "stock_negative")
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    listing.stock = stock
    listing.full_clean()
    listing.save(update_fields=["stock", "updated_at"])
    return listing


@transaction.atomic
def listing_transition(
    *, actor: User, listing: Listing, to_status: ListingStatus | str, note: str = ""
) -> Listing:
    """Publish, pause or return a listing to draft, as `LISTING_TRANSITIONS` allows."""
    _refuse(permissions.can_edit_listing(actor, listing))
    listing = Listing.objects.select_for_update().select_related("producer").get(pk=listing.pk)
    target = ListingStatus(to_status)
    if target not in LISTING_TRANSITIONS[ListingStatus(listing.status)]:
        raise ValidationError(
            _("A %(from)s listing cannot become %(to)s.")
            % {"from": listing.get_status_display(), "to": target.label},
            code="invalid_transition",
        )
    event = ListingEvent(
        listing=listing, from_status=listing.status, to_status=target, actor=actor, note=note
    )
    listing.status = target
    if target == ListingStatus.PUBLISHED and listing.published_at is None:
        listing.published_at = timezone.now()
    listing.save(update_fields=["status", "published_at", "updated_at"])
    event.save()
    return listing


@transaction.atomic
def listing_photo_add(
    *, actor: User, listing: Listing, upload: UploadedFile, caption: str = ""
) -> ListingPhoto:
    """Add a photo: checked by content and size (`photos.photo_prepare`), with a thumbnail."""
    _refuse(permissions.can_edit_listing(actor, listing))
    prepared = photo_prepare(upload)
    photo = ListingPhoto(
        listing=listing, width=prepared.width, height=prepared.height, caption=caption
    )
    photo.image.save(prepared.image_name, prepared.image, save=False)
    photo.thumbnail.save(prepared.thumbnail_name, prepared.thumbnail, save=False)
    photo.save()
    return photo


# ---------------------------------------------------------------- inquiries, quotes, orders


def _buyable(buyer: User, listing: Listing) -> None:
    if not permissions.can_buy(buyer, listing):
        raise PermissionDenied


@transaction.atomic
def inquiry_create(*, buyer: User, listing: Listing, quantity: int, message: str = "") -> Inquiry:
    """A buyer asks the seller for a quotation."""
    _buyable(buyer, listing)
    inquiry = Inquiry(listing=listing, buyer=buyer, quantity=quantity, message=message.strip())
    inquiry.full_clean()
    inquiry.save()
    return inquiry


@transaction.atomic
def quote_create(
    *,
    actor: User,
    inquiry: Inquiry,
    unit_price: Decimal,
    quantity: int,
    valid_until: dt.date,
    note: str = "",
) -> Quote:
    """The seller answers an inquiry with a price. Earlier open quotes are withdrawn."""
    _refuse(permissions.can_quote(actor, inquiry))
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.status not in (InquiryStatus.OPEN, InquiryStatus.QUOTED):
        raise ValidationError(_("This inquiry is closed."), code="inquiry_closed")
    if valid_until < timezone.localdate():
        raise field_error(
            "valid_until", _("A quote must be valid until today or later."), "quote_expired"
        )
    for earlier in inquiry.quotes.select_for_update().filter(status=QuoteStatus.OFFERED):
        earlier.status = QuoteStatus.WITHDRAWN  # saved, not .update(): history keeps the move
        earlier.save(update_fields=["status", "updated_at"])
    quote = Quote(
        inquiry=inquiry,
        unit_price=unit_price,
        quantity=quantity,
        valid_until=valid_until,
        note=note.strip(),
        created_by=actor,
    )
    quote.full_clean()
    quote.save()
    inquiry.status = InquiryStatus.QUOTED
    inquiry.save(update_fields=["status", "updated_at"])
    return quote


def _order_event(order: Order, kind: OrderEventKind, actor: User, note: str = "") -> None:
    row_create(OrderEvent, order=order, kind=kind, actor=actor, note=note)


def _insufficient(available: int) -> ValidationError:
    return field_error(
        "quantity", _("Only %(count)d left in stock.") % {"count": available}, "insufficient_stock"
    )


@transaction.atomic
def order_place(
    *, buyer: User, listing: Listing, quantity: int, quote: Quote | None = None
) -> Order:
    """Place an order and take its quantity from the stock, or fail with `insufficient_stock`.

    The listing row is locked first (`select_for_update`), so concurrent orders for the last
    units queue on the lock and each sees the stock the previous one left. SQLite has no row
    locks: there the settings open every transaction IMMEDIATE (the write lock taken at
    BEGIN), so orders queue on the database lock instead; under heavy load a request may
    still wait out the 20 s lock timeout and fail (never oversell).
    """
    if quantity < 1:
        raise field_error("quantity", _("Order at least one."), "quantity_invalid")
    if quantity > bounds.QUANTITY_MAX:
        raise field_error(
            "quantity",
            _("One order holds at most %(count)s units.") % {"count": f"{bounds.QUANTITY_MAX:,}"},
            "quantity_too_large",
        )
    locked = Listing.objects.select_for_update().select_related("producer").get(pk=listing.pk)
    _buyable(buyer, locked)
    if quote is None:
        unit_price = locked.price
        if quantity < locked.minimum_order:
            raise field_error(
                "quantity",
                _("The minimum order is %(count)d.") % {"count": locked.minimum_order},
                "below_minimum_order",
            )
    else:
        unit_price = quote.unit_price
    if locked.stock < quantity:
        raise _insufficient(locked.stock)
    # Checked in full (ranges of quantity, price and total) before the stock moves, so a bad
    # order writes nothing at all (issue #10).
    order = Order(
        listing=locked,
        buyer=buyer,
        quote=quote,
        quantity=quantity,
        unit_price=unit_price,
        total=unit_price * quantity,
    )
    order.full_clean()
    Listing.objects.filter(pk=locked.pk).update(stock=F("stock") - quantity)
    data_version_bump("bazaar")  # .update() sends no signal; the listing's page shows stock
    order.save(force_insert=True)
    _order_event(order, OrderEventKind.PLACED, buyer)
    return order


@transaction.atomic
def quote_accept(*, buyer: User, quote: Quote) -> Order:
    """The buyer accepts a quote: an order at the quoted price and quantity."""
    quote = Quote.objects.select_for_update().select_related("inquiry__listing").get(pk=quote.pk)
    _refuse(permissions.can_accept_quote(buyer, quote.inquiry))
    if quote.status != QuoteStatus.OFFERED:
        raise ValidationError(_("This quote is no longer open."), code="quote_not_open")
    if quote.valid_until < timezone.localdate():
        raise ValidationError(_("This quote has expired."), code="quote_expired")
    order = order_place(
        buyer=buyer, listing=quote.inquiry.listing, quantity=quote.quantity, quote=quote
    )
    quote.status = QuoteStatus.ACCEPTED
    quote.save(update_fields=["status", "updated_at"])
    inquiry = Inquiry.objects.select_for_update().get(pk=quote.inquiry_id)
    inquiry.status = InquiryStatus.ORDERED
    inquiry.save(update_fields=["status", "updated_at"])
    return order


@transaction.atomic
def order_transition(
    *, actor: User, order: Order, to_status: OrderStatus | str, note: str = ""
) -> Order:
    """Move an order as `ORDER_TRANSITIONS` allows; a cancelled order gives its stock back."""
    target = OrderStatus(to_status)
    order = Order.objects.select_for_update().select_related("listing__producer").get(pk=order.pk)
    _refuse(permissions.can_move_order(actor, order, target))
    if target not in ORDER_TRANSITIONS[OrderStatus(order.status)]:
        raise ValidationError(
            _("A %(from)s order cannot become %(to)s.")
            % {"from": order.get_status_display(), "to": target.label},
            code="invalid_transition",
        )
    order.status = target
    fields = ["status", "updated_at"]
    if target == OrderStatus.RECEIVED:
        order.received_at = timezone.now()
        fields.append("received_at")
    if target == OrderStatus.CANCELLED:
        Listing.objects.select_for_update().filter(pk=order.listing_id).update(
            stock=F("stock") + order.quantity
        )
        data_version_bump("bazaar")  # .update() sends no signal; the listing's page shows stock
    order.save(update_fields=fields)
    _order_event(order, OrderEventKind(target.value), actor, note)
    return order


@transaction.atomic
def order_payment_record(*, actor: User, order: Order, note: str = "") -> Order:
    """The seller records that the buyer paid (no gateway: the seller's word, logged)."""
    order = Order.objects.select_for_update().select_related("listing__producer").get(pk=order.pk)
    _refuse(permissions.can_record_payment(actor, order))
    if order.status == OrderStatus.CANCELLED:
        raise ValidationError(_("A cancelled order is not paid."), code="order_cancelled")
    if order.payment_status == PaymentStatus.PAID:
        raise ValidationError(_("This order is already recorded as paid."), code="already_paid")
    order.payment_status = PaymentStatus.PAID
    order.paid_at = timezone.now()
    order.save(update_fields=["payment_status", "paid_at", "updated_at"])
    _order_event(order, OrderEventKind.PAID, actor, note)
    return order
