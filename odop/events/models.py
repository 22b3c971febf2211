"""Events and matchmaking (issue 16): an event, its slots, registrations and meetings.

A buyer-seller meet runs in slots at numbered tables; sellers (verified producers, approved by
their district's officer) and buyers register what they offer or seek as HS codes, when they
are free and how many meetings they want; the organiser runs the matchmaking engine
(odop.events.matching) and records each meeting's outcome.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.models import TimeStampedModel
from odop.events.matching.spec import MEETINGS_CAP_MAX, SLOTS_MAX, TABLES_MAX

NAME_MAX = 200
# Stalls (issue 16): a layout grid of at most 60 x 60 places per hall, stalls of 1 to 500 m²,
# and at most 10 stalls to one seller where the organiser allows more than one.
STALL_GRID_MAX = 60
STALL_AREA_MIN = Decimal("1")
STALL_AREA_MAX = Decimal("500")
STALLS_PER_SELLER_MAX = 10
COUNTRY_VALIDATOR = RegexValidator(r"^[A-Z]{2}$", _("Give the ISO 3166 alpha-2 code, e.g. IN."))
CURRENCY_VALIDATOR = RegexValidator(r"^[A-Z]{3}$", _("Give the ISO 4217 code, e.g. INR."))


class EventKind(models.TextChoices):
    BUYER_SELLER_MEET = "buyer_seller_meet", _("Buyer-seller meet")
    REVERSE_BUYER_SELLER_MEET = "reverse_buyer_seller_meet", _("Reverse buyer-seller meet")
    EXHIBITION = "exhibition", _("Exhibition or fair")
    FESTIVAL = "festival", _("Festival")
    MISSION_SHOWCASE = "mission_showcase", _("Mission showcase")


class EventStatus(models.TextChoices):
    OPEN = "open", _("Open for registration")
    SCHEDULED = "scheduled", _("Schedule made")
    CLOSED = "closed", _("Closed")


class Event(TimeStampedModel):
    """One event. `state` is set for a State's event (its officers organise it); an event abroad
    (country other than IN) may be organised by Mission officers."""

    name = models.CharField(_("name"), max_length=NAME_MAX)
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind)
    organiser_name = models.CharField(_("organiser"), max_length=NAME_MAX)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="events_created"
    )
    venue = models.CharField(_("venue"), max_length=NAME_MAX)
    country = models.CharField(_("country"), max_length=2, validators=[COUNTRY_VALIDATOR])
    city = models.CharField(_("city"), max_length=120)
    starts_on = models.DateField(
        _("first day"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    ends_on = models.DateField(
        _("last day"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Kolkata")
    state = models.ForeignKey(
        "geography.State", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    districts = models.ManyToManyField("geography.District", blank=True, related_name="events")
    tables = models.PositiveIntegerField(
        _("tables"), default=10, validators=bounds.range_validators(1, TABLES_MAX)
    )
    status = models.CharField(max_length=16, choices=EventStatus, default=EventStatus.OPEN)
    stalls_per_seller = models.PositiveSmallIntegerField(
        _("stalls per seller"),
        default=1,
        validators=bounds.range_validators(1, STALLS_PER_SELLER_MAX),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            bounds.range_constraint("tables", 1, TABLES_MAX, name="events_event_tables_range"),
            bounds.range_constraint(
                "stalls_per_seller",
                1,
                STALLS_PER_SELLER_MAX,
                name="events_event_stalls_per_seller_range",
            ),
            bounds.range_constraint(
                "starts_on", bounds.DATE_MIN, bounds.DATE_MAX, name="events_event_starts_range"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="events_event_ends_after_start",
                violation_error_message=_("The last day cannot be before the first."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EventSlot(models.Model):
    """A time slot of an event's meetings; `label` is the engine's slot id."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    label = models.CharField(_("slot"), max_length=16)
    starts_at = models.DateTimeField(_("starts at"))
    position = models.PositiveSmallIntegerField(validators=bounds.range_validators(1, SLOTS_MAX))

    class Meta:
        ordering = ["event", "position"]
        constraints = [
            models.UniqueConstraint(fields=["event", "label"], name="events_slot_label_unique"),
            models.UniqueConstraint(
                fields=["event", "position"], name="events_slot_position_unique"
            ),
            bounds.range_constraint("position", 1, SLOTS_MAX, name="events_slot_position_range"),
        ]

    def __str__(self) -> str:
        return self.label


class Side(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SELLER = "seller", _("Seller")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Registration(TimeStampedModel):
    """A buyer or seller at one event: what they offer/seek (HS codes), when they are free and a
    cap on meetings. Sellers are verified producers whose district officer approves them."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    side = models.CharField(max_length=8, choices=Side)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="event_registrations"
    )
    producer = models.ForeignKey(
        "producers.Producer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    company = models.CharField(_("company"), max_length=NAME_MAX, blank=True)
    country = models.CharField(_("country"), max_length=2, validators=[COUNTRY_VALIDATOR])
    hs_codes = models.JSONField(_("HS codes"), default=list)
    available = models.ManyToManyField(EventSlot, related_name="registrations", blank=True)
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings"), validators=bounds.range_validators(0, MEETINGS_CAP_MAX)
    )
    status = models.CharField(
        max_length=16, choices=RegistrationStatus, default=RegistrationStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations_decided",
    )
    history = HistoricalRecords(excluded_fields=["hs_codes"])

    class Meta:
        ordering = ["event", "side", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                name="events_one_registration_per_user",
                violation_error_message=_("You are already registered for this event."),
            ),
            bounds.range_constraint(
                "max_meetings", 0, MEETINGS_CAP_MAX, name="events_registration_cap_range"
            ),
            models.CheckConstraint(
                condition=Q(side="buyer") | Q(producer__isnull=False),
                name="events_seller_is_producer",
                violation_error_message=_("A seller registers as a producer."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} {self.company or self.user}"

    @property
    def label(self) -> str:
        """The engine's participant id."""
        return f"{self.side[0].upper()}{self.pk}"


class MeetingResult(models.TextChoices):
    NONE = "none", _("No result")
    LEAD = "lead", _("Lead")
    SAMPLE_ORDER = "sample_order", _("Sample order")
    ORDER = "order", _("Order")
    MOU = "mou", _("MoU")


class Meeting(TimeStampedModel):
    """A meeting the engine chose: placed (slot and table) or waitlisted (neither), and after
    the event its outcome."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    buyer = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    seller = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(
        EventSlot, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    table = models.PositiveIntegerField(
        null=True, blank=True, validators=bounds.range_validators(1, TABLES_MAX)
    )
    held = models.BooleanField(_("held"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=16, choices=MeetingResult, default=MeetingResult.NONE
    )
    value = models.DecimalField(
        _("value"),
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.range_validators(0, bounds.MONEY_MAX),
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[CURRENCY_VALIDATOR]
    )
    # A lead is followed up by this day; a lead with no day set, or whose day has come, is a
    # follow-up due (odop.events.selectors.follow_ups_due).
    follow_up_on = models.DateField(
        _("follow up by"),
        null=True,
        blank=True,
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    # A lead leaves the follow-ups due once someone marks it followed up (who and when).
    followed_up_at = models.DateTimeField(_("followed up"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "slot__position", "table"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "buyer", "seller"], name="events_meeting_pair_unique"
            ),
            models.UniqueConstraint(fields=["slot", "table"], name="events_meeting_one_per_table"),
            models.CheckConstraint(
                condition=Q(slot__isnull=True, table__isnull=True)
                | Q(slot__isnull=False, table__isnull=False),
                name="events_meeting_slot_and_table_together",
            ),
            bounds.range_constraint(
                "table", 1, TABLES_MAX, name="events_meeting_table_range", nullable=True
            ),
            bounds.range_constraint(
                "value", 0, bounds.MONEY_MAX, name="events_meeting_value_range", nullable=True
            ),
            bounds.range_constraint(
                "follow_up_on",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="events_meeting_follow_up_range",
                nullable=True,
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | ~Q(currency=""),
                name="events_meeting_value_has_currency",
                violation_error_message=_("A value needs its currency."),
            ),
        ]

    @property
    def waitlisted(self) -> bool:
        return self.slot_id is None


class Stall(TimeStampedModel):
    """A stall of an event's layout: its code (e.g. "A-12"), hall, place on the hall's grid and
    size, and the approved seller it is allocated to (one seller per stall). It may name the
    marketing-assistance claim (a scheme application of that seller's producer) that pays it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stalls")
    code = models.CharField(_("stall"), max_length=16)
    hall = models.CharField(_("hall"), max_length=60, blank=True)
    grid_row = models.PositiveSmallIntegerField(
        _("row"), validators=bounds.range_validators(1, STALL_GRID_MAX)
    )
    grid_column = models.PositiveSmallIntegerField(
        _("column"), validators=bounds.range_validators(1, STALL_GRID_MAX)
    )
    area_m2 = models.DecimalField(
        _("area (m²)"),
        max_digits=5,
        decimal_places=2,
        validators=bounds.range_validators(STALL_AREA_MIN, STALL_AREA_MAX),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stalls",
        verbose_name=_("seller"),
    )
    claim = models.ForeignKey(
        "schemes.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_stalls",
        verbose_name=_("marketing-assistance claim"),
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "hall", "grid_row", "grid_column"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "code"],
                name="events_stall_code_unique",
                violation_error_message=_("This event already has a stall with this code."),
            ),
            models.UniqueConstraint(
                fields=["event", "hall", "grid_row", "grid_column"],
                name="events_stall_place_unique",
                violation_error_message=_("Another stall stands in this place."),
            ),
            bounds.range_constraint(
                "grid_row", 1, STALL_GRID_MAX, name="events_stall_grid_row_range"
            ),
            bounds.range_constraint(
                "grid_column", 1, STALL_GRID_MAX, name="events_stall_grid_column_range"
            ),
            bounds.range_constraint(
                "area_m2", STALL_AREA_MIN, STALL_AREA_MAX, name="events_stall_area_range"
            ),
            models.CheckConstraint(
                condition=Q(registration__isnull=False) | Q(claim__isnull=True),
                name="events_stall_claim_needs_seller",
                violation_error_message=_("Only an allocated stall names a claim."),
            ),
            models.CheckConstraint(
                condition=Q(registration__isnull=True)
                | Q(allocated_by__isnull=False, allocated_at__isnull=False),
                name="events_stall_allocation_recorded",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class EventOrder(models.Model):
    """A bazaar order its buyer says came of this event (a seller they met there). The link
    lives here so the bazaar knows nothing of events; an order names at most one event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="order_links")
    order = models.OneToOneField(
        "bazaar.Order", on_delete=models.CASCADE, related_name="event_link"
    )
    buyer_registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="+")
    seller_registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="+"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "linked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.event_id}: order {self.order_id}"


class OutreachKind(models.TextChoices):
    SHOWCASE = "showcase", _("Showcase")
    EXHIBITION = "exhibition", _("Exhibition")
    ODOP_WALL = "odop_wall", _("ODOP wall")
    GIFTING = "gifting", _("Gifting")
    BUYER_SELLER_MEET = "buyer_seller_meet", _("Buyer-seller meet")


class Outreach(TimeStampedModel):
    """One promotion a Mission abroad ran for ODOP products, and what came of it."""

    kind = models.CharField(_("kind"), max_length=24, choices=OutreachKind)
    country = models.CharField(_("country"), max_length=2, validators=[COUNTRY_VALIDATOR])
    held_on = models.DateField(
        _("date"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    products = models.ManyToManyField(
        "registry.DistrictProduct", blank=True, related_name="outreach"
    )
    results = models.TextField(
        _("results"), blank=True, validators=bounds.text_validators(bounds.NOTE_MAX)
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="outreach_recorded"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "pk"]
        constraints = [
            bounds.range_constraint(
                "held_on", bounds.DATE_MIN, bounds.DATE_MAX, name="events_outreach_date_range"
            ),
            bounds.text_constraint(
                "results", bounds.NOTE_MAX, name="events_outreach_results_length"
            ),
        ]


class ConsignmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DISPATCHED = "dispatched", _("Dispatched")
    DELIVERED = "delivered", _("Delivered")


class Consignment(TimeStampedModel):
    """Goods of one district's product on their way to an Indian city or a country abroad."""

    product = models.ForeignKey(
        "registry.DistrictProduct", on_delete=models.PROTECT, related_name="consignments"
    )
    destination_city = models.CharField(_("destination city"), max_length=120)
    destination_country = models.CharField(
        _("destination country"), max_length=2, validators=[COUNTRY_VALIDATOR]
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        validators=bounds.range_validators(Decimal("0.001"), bounds.QUANTITY_MAX),
    )
    unit = models.CharField(_("unit"), max_length=16)
    value = models.DecimalField(
        _("value"),
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        validators=bounds.range_validators(0, bounds.MONEY_MAX),
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[CURRENCY_VALIDATOR])
    partners = models.TextField(
        _("partners"), blank=True, validators=bounds.text_validators(bounds.NOTE_MAX)
    )
    documents = models.TextField(
        _("documents"), blank=True, validators=bounds.text_validators(bounds.NOTE_MAX)
    )
    status = models.CharField(
        max_length=16, choices=ConsignmentStatus, default=ConsignmentStatus.PLANNED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consignments_recorded"
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            bounds.range_constraint(
                "quantity",
                Decimal("0.001"),
                bounds.QUANTITY_MAX,
                name="events_consignment_quantity_range",
            ),
            bounds.range_constraint(
                "value", 0, bounds.MONEY_MAX, name="events_consignment_value_range"
            ),
            bounds.text_constraint(
                "partners", bounds.NOTE_MAX, name="events_consignment_partners_length"
            ),
            bounds.text_constraint(
                "documents", bounds.NOTE_MAX, name="events_consignment_documents_length"
            ),
        ]


class ConsignmentEvent(models.Model):
    """One status change of a consignment (the history rows of its workflow)."""

    consignment = models.ForeignKey(Consignment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=ConsignmentStatus, blank=True)
    to_status = models.CharField(max_length=16, choices=ConsignmentStatus)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consignment", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"
