"""The ODOP Bazaar: verified producers' listings of registry products, and trade.

The sellers are `producers.Producer` (the programme's one registry of enterprises), verified by
their district officer. A listing offers one district product (`registry.DistrictProduct`) of
the producer's district. Buyers inquire (a request for quotation), sellers quote, buyers order;
an order reserves stock under a row lock (`bazaar.services.order_place`). Every status change
writes an event row in the same transaction (`bazaar.workflow` holds the moves as data).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.identifiers import gtin_validate, hs_code_validate
from odop.core.models import TimeStampedModel
from odop.producers.models import Producer


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    PAUSED = "paused", _("Paused")


class Unit(models.TextChoices):
    PIECE = "piece", _("piece")
    SET = "set", _("set")
    PAIR = "pair", _("pair")
    KG = "kg", _("kg")
    GRAM = "g", _("gram")
    LITRE = "litre", _("litre")
    METRE = "metre", _("metre")
    DOZEN = "dozen", _("dozen")


class Listing(TimeStampedModel):
    """One producer's offer of one product of their district, with trade-grade facts.

    `stock` never goes below zero (a constraint, and `order_place` locks the row before it
    subtracts). `search_document` is the text the storefront's full-text index reads; services
    keep it in step (PostgreSQL indexes it with a generated tsvector, SQLite with FTS5).
    """

    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="listings")
    product = models.ForeignKey(
        "registry.DistrictProduct", on_delete=models.PROTECT, related_name="listings"
    )
    title = models.CharField(_("title"), max_length=200)
    story = models.TextField(
        _("story"), blank=True, validators=bounds.text_validators(bounds.STORY_MAX)
    )
    price = models.DecimalField(
        _("price (INR)"),
        max_digits=12,
        decimal_places=2,
        validators=bounds.range_validators(bounds.PRICE_MIN, bounds.PRICE_MAX),
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit, default=Unit.PIECE)
    minimum_order = models.PositiveIntegerField(
        _("minimum order"),
        default=1,
        validators=bounds.range_validators(1, bounds.QUANTITY_MAX),
    )
    monthly_capacity = models.PositiveIntegerField(
        _("monthly capacity"),
        null=True,
        blank=True,
        validators=bounds.range_validators(0, bounds.STOCK_MAX),
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"),
        default=7,
        validators=bounds.range_validators(0, bounds.LEAD_TIME_DAYS_MAX),
    )
    stock = models.PositiveIntegerField(
        _("stock"), default=0, validators=bounds.range_validators(0, bounds.STOCK_MAX)
    )
    hs_code = models.CharField(
        _("HS code"), max_length=8, blank=True, validators=[hs_code_validate]
    )
    gtin = models.CharField(
        _("GTIN (barcode)"), max_length=14, blank=True, validators=[gtin_validate]
    )
    country_of_origin = models.CharField(_("country of origin"), max_length=2, default="IN")
    export_ready = models.BooleanField(_("export ready"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ListingStatus, default=ListingStatus.DRAFT
    )
    # Facets copied from the product so the storefront filters without joins (kept by services).
    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="+", editable=False
    )
    state = models.ForeignKey(
        "geography.State", on_delete=models.PROTECT, related_name="+", editable=False
    )
    sector = models.CharField(max_length=24, blank=True, editable=False)
    is_gi = models.BooleanField(default=False, editable=False)
    search_document = models.TextField(blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            bounds.range_constraint("stock", 0, bounds.STOCK_MAX, name="bazaar_stock_range"),
            bounds.range_constraint(
                "price", bounds.PRICE_MIN, bounds.PRICE_MAX, name="bazaar_price_range"
            ),
            bounds.range_constraint(
                "minimum_order", 1, bounds.QUANTITY_MAX, name="bazaar_minimum_order_range"
            ),
            bounds.range_constraint(
                "monthly_capacity",
                0,
                bounds.STOCK_MAX,
                name="bazaar_monthly_capacity_range",
                nullable=True,
            ),
            bounds.range_constraint(
                "lead_time_days", 0, bounds.LEAD_TIME_DAYS_MAX, name="bazaar_lead_time_range"
            ),
            bounds.text_constraint("story", bounds.STORY_MAX, name="bazaar_story_length"),
        ]
        indexes = [
            models.Index(fields=["status", "state", "price"], name="bazaar_listing_facets"),
            models.Index(fields=["status", "district"], name="bazaar_listing_district"),
            models.Index(fields=["status", "sector"], name="bazaar_listing_sector"),
        ]

    def __str__(self) -> str:
        return self.title


class ListingEvent(models.Model):
    """One status move of a listing: who, when, from what to what."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=ListingStatus, blank=True)
    to_status = models.CharField(max_length=12, choices=ListingStatus)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.listing}: {self.from_status} -> {self.to_status}"


def _photo_path(instance: "ListingPhoto", filename: str) -> str:
    return f"bazaar/listings/{instance.listing_id}/{filename}"


class ListingPhoto(TimeStampedModel):
    """A photo of a listing, checked by content (JPEG, PNG, WebP) and size, with a thumbnail.

    History keeps who added and who deleted each photo (issue 12: the owner may delete one).
    """

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=_photo_path)
    thumbnail = models.ImageField(upload_to=_photo_path)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]


class InquiryStatus(models.TextChoices):
    OPEN = "open", _("Open")
    QUOTED = "quoted", _("Quoted")
    ORDERED = "ordered", _("Ordered")
    CLOSED = "closed", _("Closed")


class Inquiry(TimeStampedModel):
    """A buyer's request for quotation on a listing."""

    listing = models.ForeignKey(Listing, on_delete=models.PROTECT, related_name="inquiries")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inquiries"
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=bounds.range_validators(1, bounds.QUANTITY_MAX)
    )
    message = models.TextField(
        _("message"), blank=True, validators=bounds.text_validators(bounds.MESSAGE_MAX)
    )
    status = models.CharField(
        _("status"), max_length=12, choices=InquiryStatus, default=InquiryStatus.OPEN
    )
    history = HistoricalRecords()  # status moves: quoted, ordered

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("inquiries")
        constraints = [
            bounds.range_constraint(
                "quantity", 1, bounds.QUANTITY_MAX, name="bazaar_inquiry_quantity_range"
            ),
            bounds.text_constraint(
                "message", bounds.MESSAGE_MAX, name="bazaar_inquiry_message_length"
            ),
        ]


class QuoteStatus(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # The buyer accepted but the quote could no longer be met (stock sold meanwhile): closed
    # with the reason, and the inquiry reopened for a new quote (issue 12: never a dead end).
    LAPSED = "lapsed", _("Could not be ordered")


class Quote(TimeStampedModel):
    """The seller's answer to an inquiry: a price for a quantity, valid until a date.

    A quote for more than the listing holds in stock must be *made to order*, with the lead
    time in days the producer needs; accepting it takes no listed stock (issue 12).
    """

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="quotes")
    unit_price = models.DecimalField(
        _("unit price (INR)"),
        max_digits=12,
        decimal_places=2,
        validators=bounds.range_validators(bounds.PRICE_MIN, bounds.PRICE_MAX),
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=bounds.range_validators(1, bounds.QUANTITY_MAX)
    )
    valid_until = models.DateField(
        _("valid until"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    note = models.TextField(
        _("note"), blank=True, validators=bounds.text_validators(bounds.MESSAGE_MAX)
    )
    status = models.CharField(
        _("status"), max_length=12, choices=QuoteStatus, default=QuoteStatus.OFFERED
    )
    made_to_order = models.BooleanField(_("made to order"), default=False)
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"),
        null=True,
        blank=True,
        validators=bounds.range_validators(1, bounds.LEAD_TIME_DAYS_MAX),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()  # status moves: accepted, withdrawn

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            bounds.range_constraint(
                "unit_price", bounds.PRICE_MIN, bounds.PRICE_MAX, name="bazaar_quote_price_range"
            ),
            bounds.range_constraint(
                "quantity", 1, bounds.QUANTITY_MAX, name="bazaar_quote_quantity_range"
            ),
            bounds.range_constraint(
                "valid_until",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="bazaar_quote_valid_until_range",
            ),
            bounds.text_constraint("note", bounds.MESSAGE_MAX, name="bazaar_quote_note_length"),
            bounds.range_constraint(
                "lead_time_days",
                1,
                bounds.LEAD_TIME_DAYS_MAX,
                name="bazaar_quote_lead_time_range",
                nullable=True,
            ),
            models.CheckConstraint(
                condition=Q(made_to_order=False, lead_time_days__isnull=True)
                | Q(made_to_order=True, lead_time_days__isnull=False),
                name="bazaar_quote_made_to_order_has_lead_time",
                violation_error_code="lead_time_missing",
                violation_error_message=_("A made-to-order quote states its lead time in days."),
            ),
        ]


class QuoteEvent(models.Model):
    """One status move of a quote: who, when, from what to what, and why (a lapse's reason)."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=QuoteStatus, blank=True)
    to_status = models.CharField(max_length=12, choices=QuoteStatus)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"quote {self.quote_id}: {self.from_status} -> {self.to_status}"


class OrderStatus(models.TextChoices):
    PLACED = "placed", _("Placed")
    CONFIRMED = "confirmed", _("Confirmed")
    SHIPPED = "shipped", _("Shipped")
    RECEIVED = "received", _("Received")
    CANCELLED = "cancelled", _("Cancelled")


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", _("Not paid")
    PAID = "paid", _("Paid")


class Order(TimeStampedModel):
    """A buyer's order of a quantity of a listing, at the listing's or a quote's price.

    The stock is taken when the order is placed and given back if it is cancelled; a
    made-to-order order (from a made-to-order quote) takes no stock, and says when it will be
    ready (`lead_time_days` after it was placed). Payment is recorded, not processed: there
    is no payment gateway.
    """

    listing = models.ForeignKey(Listing, on_delete=models.PROTECT, related_name="orders")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    quote = models.OneToOneField(
        Quote, on_delete=models.PROTECT, null=True, blank=True, related_name="order"
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=bounds.range_validators(1, bounds.QUANTITY_MAX)
    )
    unit_price = models.DecimalField(
        _("unit price (INR)"),
        max_digits=12,
        decimal_places=2,
        validators=bounds.range_validators(bounds.PRICE_MIN, bounds.PRICE_MAX),
    )
    total = models.DecimalField(
        _("total (INR)"),
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        validators=bounds.range_validators(bounds.PRICE_MIN, bounds.MONEY_MAX),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=OrderStatus, default=OrderStatus.PLACED
    )
    payment_status = models.CharField(
        _("payment"), max_length=8, choices=PaymentStatus, default=PaymentStatus.UNPAID
    )
    received_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    made_to_order = models.BooleanField(_("made to order"), default=False)
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"),
        null=True,
        blank=True,
        validators=bounds.range_validators(1, bounds.LEAD_TIME_DAYS_MAX),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            bounds.range_constraint(
                "lead_time_days",
                1,
                bounds.LEAD_TIME_DAYS_MAX,
                name="bazaar_order_lead_time_range",
                nullable=True,
            ),
            models.CheckConstraint(
                condition=Q(made_to_order=False, lead_time_days__isnull=True)
                | Q(made_to_order=True, lead_time_days__isnull=False),
                name="bazaar_order_made_to_order_has_lead_time",
            ),
            bounds.range_constraint(
                "quantity", 1, bounds.QUANTITY_MAX, name="bazaar_order_quantity_range"
            ),
            bounds.range_constraint(
                "unit_price", bounds.PRICE_MIN, bounds.PRICE_MAX, name="bazaar_order_price_range"
            ),
            bounds.range_constraint(
                "total", bounds.PRICE_MIN, bounds.MONEY_MAX, name="bazaar_order_total_range"
            ),
            models.CheckConstraint(
                condition=Q(payment_status=PaymentStatus.UNPAID) | Q(paid_at__isnull=False),
                name="bazaar_paid_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "payment_status"], name="bazaar_order_ageing")]

    @property
    def ready_by(self) -> dt.date | None:
        """The day a made-to-order order is promised ready (None for an order from stock)."""
        if self.lead_time_days is None:
            return None
        return timezone.localdate(self.created_at) + dt.timedelta(days=self.lead_time_days)


class OrderEventKind(models.TextChoices):
    PLACED = "placed", _("Placed")
    CONFIRMED = "confirmed", _("Confirmed")
    SHIPPED = "shipped", _("Shipped")
    RECEIVED = "received", _("Received")
    CANCELLED = "cancelled", _("Cancelled")
    PAID = "paid", _("Paid")


class OrderEvent(models.Model):
    """One thing that happened to an order, in order: who, when, what."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=OrderEventKind)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"order {self.order_id}: {self.kind}"
