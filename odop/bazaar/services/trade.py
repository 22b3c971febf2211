"""Write-side of trade: inquiries, quotes (from stock or made to order), orders and payment.

Part of `odop.bazaar.services` (re-exported there); see that package's docstring.

The quote rule (issue 12): a producer quotes from stock only what the listing holds; beyond
that the quote must be *made to order*, with a lead time in days. Accepting a stock quote
takes stock under the listing's row lock, as any order does; accepting a made-to-order quote
takes none (the goods are made for this buyer) and the order says when it will be ready. If a
stock quote can no longer be met when the buyer accepts (the stock sold meanwhile), the quote
lapses with the reason and the inquiry reopens, so the producer can quote again.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
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
    Order,
    OrderEvent,
    OrderEventKind,
    OrderStatus,
    PaymentStatus,
    Quote,
    QuoteEvent,
    QuoteStatus,
)
from odop.bazaar.notifications import order_notify
from odop.bazaar.workflow import ORDER_TRANSITIONS, QUOTE_TRANSITIONS
from odop.core import bounds
from odop.core.errors import error_code, field_error
from odop.core.models import row_create
from odop.core.page_cache import data_version_bump


def _refuse(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


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


def _quote_move(quote: Quote, to_status: QuoteStatus, actor: User, note: str = "") -> None:
    """Move a (locked) quote as `QUOTE_TRANSITIONS` allows and write its `QuoteEvent`."""
    if to_status not in QUOTE_TRANSITIONS[QuoteStatus(quote.status)]:
        raise ValidationError(_("This quote is no longer open."), code="quote_not_open")
    row_create(
        QuoteEvent,
        quote=quote,
        from_status=quote.status,
        to_status=to_status,
        actor=actor,
        note=note[:300],
    )
    quote.status = to_status  # saved, not .update(): history keeps the move too
    quote.save(update_fields=["status", "updated_at"])


def _quote_terms_check(
    *, listing: Listing, quantity: int, made_to_order: bool, lead_time_days: int | None
) -> None:
    """A quote from stock holds at most the listing's stock; one beyond it is made to order
    with a lead time (issue 12: a buyer must never accept an offer that cannot be met)."""
    if made_to_order:
        if lead_time_days is None:
            raise field_error(
                "lead_time_days",
                _("Say in how many days a made-to-order quote will be ready."),
                "lead_time_missing",
            )
        if not 1 <= lead_time_days <= bounds.LEAD_TIME_DAYS_MAX:
            raise field_error(
                "lead_time_days",
                _("A lead time is from 1 to %(max)d days.") % {"max": bounds.LEAD_TIME_DAYS_MAX},
                "lead_time_range",
            )
        return
    if lead_time_days is not None:
        raise field_error(
            "lead_time_days",
            _("A lead time belongs to a made-to-order quote: tick made to order, or clear it."),
            "lead_time_not_made_to_order",
        )
    if quantity > listing.stock:
        raise field_error(
            "quantity",
            _(
                "Only %(count)d in stock. Quote at most %(count)d, or mark the quote made to "
                "order with the days you need to make them."
            )
            % {"count": listing.stock},
            "quote_beyond_stock",
        )


@transaction.atomic
def quote_create(
    *,
    actor: User,
    inquiry: Inquiry,
    unit_price: Decimal,
    quantity: int,
    valid_until: dt.date,
    note: str = "",
    made_to_order: bool = False,
    lead_time_days: int | None = None,
) -> Quote:
    """The seller answers an inquiry with a price. Earlier open quotes are withdrawn.

    A quote beyond the listing's stock is refused (`quote_beyond_stock`) unless it is made to
    order with a lead time (`lead_time_missing` otherwise).
    """
    _refuse(permissions.can_quote(actor, inquiry))
    inquiry = Inquiry.objects.select_for_update().select_related("listing").get(pk=inquiry.pk)
    if inquiry.status not in (InquiryStatus.OPEN, InquiryStatus.QUOTED):
        raise ValidationError(_("This inquiry is closed."), code="inquiry_closed")
    if valid_until < timezone.localdate():
        raise field_error(
            "valid_until", _("A quote must be valid until today or later."), "quote_expired"
        )
    _quote_terms_check(
        listing=inquiry.listing,
        quantity=quantity,
        made_to_order=made_to_order,
        lead_time_days=lead_time_days,
    )
    quote = Quote(
        inquiry=inquiry,
        unit_price=unit_price,
        quantity=quantity,
        valid_until=valid_until,
        note=note.strip(),
        made_to_order=made_to_order,
        lead_time_days=lead_time_days,
        created_by=actor,
    )
    quote.full_clean()
    for earlier in inquiry.quotes.select_for_update().filter(status=QuoteStatus.OFFERED):
        _quote_move(earlier, QuoteStatus.WITHDRAWN, actor, _("A newer quote replaced it."))
    quote.save()
    row_create(QuoteEvent, quote=quote, to_status=quote.status, actor=actor)
    inquiry.status = InquiryStatus.QUOTED
    inquiry.save(update_fields=["status", "updated_at"])
    return quote


def _order_event(order: Order, kind: OrderEventKind, actor: User, note: str = "") -> None:
    row_create(OrderEvent, order=order, kind=kind, actor=actor, note=note)
    order_notify(order=order, kind=kind.value, kind_label=str(kind.label), actor=actor)


def _insufficient(available: int) -> ValidationError:
    # `params` keeps the count for callers that say more than this (a gift collection says
    # how many sets can be made, issue 12); Django formats the message with them.
    return ValidationError(
        {
            "quantity": ValidationError(
                _("Only %(count)d left in stock."),
                code="insufficient_stock",
                params={"count": available},
            )
        }
    )


def stock_available(error: ValidationError) -> int | None:
    """The units in stock an `insufficient_stock` error reported, else None."""
    if not hasattr(error, "error_dict"):
        return None
    for each in error.error_dict.get("quantity", []):
        if each.code == "insufficient_stock" and isinstance(each.params, dict):
            return int(each.params["count"])
    return None


@transaction.atomic
def order_place(
    *,
    buyer: User,
    listing: Listing,
    quantity: int,
    quote: Quote | None = None,
) -> Order:
    """Place an order and take its quantity from the stock, or fail with `insufficient_stock`.

    An order from a made-to-order quote takes no stock: it records the quote's lead time.

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
    made_to_order = quote is not None and quote.made_to_order
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
    if not made_to_order and locked.stock < quantity:
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
        made_to_order=made_to_order,
        lead_time_days=quote.lead_time_days if made_to_order and quote else None,
    )
    order.full_clean()
    if not made_to_order:
        Listing.objects.filter(pk=locked.pk).update(stock=F("stock") - quantity)
        data_version_bump("bazaar")  # .update() sends no signal; the listing's page shows stock
    order.save(force_insert=True)
    _order_event(order, OrderEventKind.PLACED, buyer)
    return order


@transaction.atomic
def _quote_accept_locked(*, buyer: User, quote: Quote) -> Order:
    quote = Quote.objects.select_for_update().select_related("inquiry__listing").get(pk=quote.pk)
    _refuse(permissions.can_accept_quote(buyer, quote.inquiry))
    if quote.status != QuoteStatus.OFFERED:
        raise ValidationError(_("This quote is no longer open."), code="quote_not_open")
    if quote.valid_until < timezone.localdate():
        raise ValidationError(_("This quote has expired."), code="quote_expired")
    order = order_place(
        buyer=buyer, listing=quote.inquiry.listing, quantity=quote.quantity, quote=quote
    )
    _quote_move(quote, QuoteStatus.ACCEPTED, buyer)
    inquiry = Inquiry.objects.select_for_update().get(pk=quote.inquiry_id)
    inquiry.status = InquiryStatus.ORDERED
    inquiry.save(update_fields=["status", "updated_at"])
    return order


@transaction.atomic
def quote_lapse(*, actor: User, quote: Quote, reason: str) -> Quote:
    """Close an offered quote that cannot be met, with the reason, and reopen its inquiry so
    the producer sees it waiting for a new quote. A quote no longer offered is left as is."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if quote.status != QuoteStatus.OFFERED:
        return quote
    _quote_move(quote, QuoteStatus.LAPSED, actor, reason)
    inquiry = Inquiry.objects.select_for_update().get(pk=quote.inquiry_id)
    if inquiry.status == InquiryStatus.QUOTED:
        inquiry.status = InquiryStatus.OPEN
        inquiry.save(update_fields=["status", "updated_at"])
    return quote


def quote_accept(*, buyer: User, quote: Quote) -> Order:
    """The buyer accepts a quote: an order at the quoted price and quantity.

    A stock quote whose stock sold meanwhile is not left "offered" for ever: it lapses with
    the reason (a `QuoteEvent`), the inquiry reopens for the producer to quote again, and the
    buyer gets `quote_lapsed` saying so. Precondition: called outside any transaction (as
    views and the API do), since the lapse must be kept while the error propagates.
    """
    try:
        return _quote_accept_locked(buyer=buyer, quote=quote)
    except ValidationError as error:
        available = stock_available(error)
        if error_code(error) != "insufficient_stock" or available is None:
            raise
        reason = _("Only %(count)d left in stock when the buyer accepted.") % {"count": available}
        quote_lapse(actor=buyer, quote=quote, reason=reason)
        raise ValidationError(
            _(
                "Only %(count)d left in stock, so this quote can no longer be met. It is closed "
                "and the producer has been asked to quote again."
            )
            % {"count": available},
            code="quote_lapsed",
        ) from error


@transaction.atomic
def order_transition(
    *, actor: User, order: Order, to_status: OrderStatus | str, note: str = ""
) -> Order:
    """Move an order as `ORDER_TRANSITIONS` allows; a cancelled order gives its stock back
    (a made-to-order one took none, so gives none)."""
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
    if target == OrderStatus.CANCELLED and not order.made_to_order:
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
