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
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.bazaar import permissions
from odop.bazaar.models import (
    Certification,
    CertificationKind,
    ContactReveal,
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
    Producer,
    ProducerKind,
    ProducerStatus,
    Quote,
    QuoteStatus,
)
from odop.bazaar.photos import photo_prepare
from odop.bazaar.workflow import LISTING_TRANSITIONS, ORDER_TRANSITIONS
from odop.core import bounds
from odop.core.errors import field_error
from odop.core.models import row_create
from odop.core.page_cache import data_version_bump
from odop.geography.models import District
from odop.geography.pincodes import pin_district_check
from odop.registry.models import DistrictProduct, GIEntry, HSCode


def _refuse(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# ---------------------------------------------------------------- producers

PRODUCER_FIELDS = (
    "name",
    "kind",
    "address",
    "pin_code",
    "phone",
    "email",
    "gstin",
    "udyam_number",
    "iec",
    "fssai_number",
    "pan",
    "aadhaar_last_four",
)


def _identifiers_normalise(fields: dict[str, Any]) -> dict[str, Any]:
    """Identifiers are stored in capitals without spaces, as the issuing bodies print them."""
    clean = dict(fields)
    for name in ("gstin", "udyam_number", "iec", "pan", "fssai_number", "pin_code"):
        if isinstance(clean.get(name), str):
            clean[name] = "".join(clean[name].split()).upper()
    return clean


def _pin_warning(producer: Producer) -> str:
    """A note when India Post puts the PIN code in another district than the one chosen.

    A warning, not an error: post-office districts lag behind new LGD districts, and a
    producer may collect post in the next district's office.
    """
    check = pin_district_check(pin=producer.pin_code, district=producer.district)
    return "" if check.agrees else str(check.message)[:300]


@transaction.atomic
def producer_register(
    *,
    actor: User,
    district: District,
    name: str,
    kind: ProducerKind | str,
    pin_code: str,
    consent_note: str = "",
    **fields: Any,
) -> Producer:
    """Register a producer: a producer account registers itself; an officer registers one on
    the producer's behalf (assisted onboarding), which needs a note of how the producer gave
    consent. Every producer starts awaiting verification by the district's officer.
    """
    unknown = set(fields) - set(PRODUCER_FIELDS)
    if unknown:
        raise TypeError(f"unknown producer fields: {sorted(unknown)}")
    producer = Producer(
        district=district,
        **_identifiers_normalise({"name": name, "kind": kind, "pin_code": pin_code, **fields}),
    )
    if actor.role == Role.PRODUCER:
        if Producer.objects.filter(user=actor).exists():
            raise ValidationError(
                _("This account already has a producer record."), code="producer_exists"
            )
        producer.user = actor
    else:
        _refuse(permissions.can_register_producer(actor, district))
        if not consent_note.strip():
            raise field_error(
                "consent_note",
                _("Record how the producer agreed to be registered."),
                "consent_missing",
            )
        producer.onboarded_by = actor
        producer.consent_recorded_at = timezone.now()
        producer.consent_note = consent_note.strip()
    producer.full_clean()
    producer.pin_warning = _pin_warning(producer)
    producer.save()
    return producer


@transaction.atomic
def producer_update(*, actor: User, producer: Producer, **fields: Any) -> Producer:
    """Change a producer's own details (not its status or district: officers' moves)."""
    _refuse(permissions.can_edit_producer(actor, producer))
    unknown = set(fields) - set(PRODUCER_FIELDS)
    if unknown:
        raise TypeError(f"unknown producer fields: {sorted(unknown)}")
    for name, value in _identifiers_normalise(fields).items():
        setattr(producer, name, value)
    producer.full_clean()
    producer.pin_warning = _pin_warning(producer)
    producer.save()
    return producer


@transaction.atomic
def producer_account_link(*, actor: User, producer: Producer, user: User) -> Producer:
    """Give an officer-registered producer their own account, so they can sell themselves."""
    _refuse(permissions.can_verify_producer(actor, producer))
    if user.role != Role.PRODUCER:
        raise ValidationError(_("Only a producer account can be linked."), code="not_producer")
    if Producer.objects.filter(user=user).exclude(pk=producer.pk).exists():
        raise ValidationError(
            _("This account already has a producer record."), code="producer_exists"
        )
    producer.user = user
    producer.save(update_fields=["user", "updated_at"])
    return producer


@transaction.atomic
def producer_verify(*, actor: User, producer: Producer, verified: bool = True) -> Producer:
    """The district's officer verifies a producer (or suspends one); history keeps who/when."""
    _refuse(permissions.can_verify_producer(actor, producer))
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    if verified:
        producer.status = ProducerStatus.VERIFIED
        producer.verified_by = actor
        producer.verified_at = timezone.now()
    else:
        producer.status = ProducerStatus.SUSPENDED
    producer.full_clean()
    producer.save(update_fields=["status", "verified_by", "verified_at", "updated_at"])
    return producer


@dataclass(frozen=True)
class Contact:
    phone: str
    email: str
    address: str


@transaction.atomic
def contact_reveal(*, viewer: User, producer: Producer) -> Contact:
    """Show a producer's contact details to a signed-in buyer, and log that they saw them.

    The producer and their officers see their own details without a log row.
    """
    _refuse(permissions.can_see_contact(viewer, producer))
    if permissions.is_buyer(viewer):
        row_create(ContactReveal, producer=producer, viewer=viewer)
    return Contact(phone=producer.phone, email=producer.email, address=producer.address)


@transaction.atomic
def certification_add(
    *,
    actor: User,
    producer: Producer,
    kind: CertificationKind | str,
    number: str,
    valid_until: dt.date,
    valid_from: dt.date | None = None,
    gi_entry: GIEntry | None = None,
) -> Certification:
    """Record a certificate a producer holds. A GI authorised-user number names its GI."""
    _refuse(permissions.can_edit_producer(actor, producer))
    certification = Certification(
        producer=producer,
        kind=kind,
        number=number.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        gi_entry=gi_entry,
    )
    certification.full_clean()
    certification.save()
    return certification


REMINDER_DAYS = 30


def certification_reminders_send(*, today: dt.date, days: int = REMINDER_DAYS) -> int:
    """Email producers whose certificates expire within `days` and were not reminded yet.

    Each certificate is reminded once (`reminded_at`); renewing it means a new certificate row.
    Producers without an email still count as reminded: their officer sees the expiry list.
    """
    due = Certification.objects.select_related("producer__user").filter(
        reminded_at__isnull=True,
        valid_until__gte=today,
        valid_until__lte=today + dt.timedelta(days),
    )
    count = 0
    for certification in due:
        producer = certification.producer
        address = producer.email or (producer.user.email if producer.user else "")
        if address:
            send_mail(
                subject=_("Your certificate expires on %(date)s")
                % {"date": certification.valid_until.isoformat()},
                message=_(
                    "%(kind)s %(number)s of %(producer)s expires on %(date)s. Renew it to keep "
                    "its badge on your ODOP Bazaar listings."
                )
                % {
                    "kind": certification.get_kind_display(),
                    "number": certification.number,
                    "producer": producer.name,
                    "date": certification.valid_until.isoformat(),
                },
                from_email=None,
                recipient_list=[address],
            )
        with transaction.atomic():
            Certification.objects.filter(pk=certification.pk).update(reminded_at=timezone.now())
        count += 1
    return count


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
