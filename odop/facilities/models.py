"""Common Facility Centres (issue 15): the registry of centres and their machines, machine
bookings by verified producers, and the operators' monthly utilisation reports."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.models import TimeStampedModel

# India's mainland and islands lie within these (Survey of India extent, rounded outwards).
LATITUDE_MIN = Decimal("6.0")
LATITUDE_MAX = Decimal("37.5")
LONGITUDE_MIN = Decimal("68.0")
LONGITUDE_MAX = Decimal("97.5")
# A centre's sanctioned cost: up to ₹999 crore (PMFME common infrastructure is at most ₹3 crore,
# UP ODOP CFCs at most ₹15 crore; the bound leaves room without allowing nonsense).
SANCTIONED_COST_MAX = Decimal("9990000000.00")
CAPACITY_MAX = bounds.STOCK_MAX
HOURS_IN_MONTH_MAX = Decimal("744")  # 31 days x 24 hours; the month's own limit is checked too
PERCENT_MAX = Decimal("100")
NAME_MAX = 200


class CentreCategory(models.TextChoices):
    A = "A", _("Category A")
    B = "B", _("Category B")
    C = "C", _("Category C")


class Centre(TimeStampedModel):
    """A Common Facility Centre: shared machines for the producers of one district's ODOP
    products, run by its operators (accounts with the CFC operator role)."""

    name = models.CharField(_("name"), max_length=NAME_MAX)
    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="centres"
    )
    products = models.ManyToManyField(
        "registry.DistrictProduct", blank=True, related_name="centres"
    )
    cluster = models.CharField(_("cluster"), max_length=NAME_MAX, blank=True)
    category = models.CharField(_("category"), max_length=1, choices=CentreCategory)
    implementing_agency = models.CharField(
        _("implementing agency or SPV"), max_length=NAME_MAX, blank=True
    )
    sanctioned_cost = models.DecimalField(
        _("sanctioned cost"),
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        validators=bounds.range_validators(Decimal("0"), SANCTIONED_COST_MAX),
    )
    scheme = models.ForeignKey(
        "schemes.Scheme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="centres",
    )
    application = models.ForeignKey(
        "schemes.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="centres",
        verbose_name=_("scheme application"),
        help_text=_("The scheme application that funded the centre, where there is one."),
    )
    address = models.TextField(_("address"), validators=bounds.text_validators(bounds.NOTE_MAX))
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=bounds.range_validators(LATITUDE_MIN, LATITUDE_MAX),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=bounds.range_validators(LONGITUDE_MIN, LONGITUDE_MAX),
    )
    operators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="operated_centres",
        limit_choices_to={"role": "cfc_operator"},
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            bounds.range_constraint(
                "sanctioned_cost",
                Decimal("0"),
                SANCTIONED_COST_MAX,
                name="facilities_centre_sanctioned_cost_range",
            ),
            bounds.range_constraint(
                "latitude",
                LATITUDE_MIN,
                LATITUDE_MAX,
                name="facilities_centre_latitude_india",
                nullable=True,
            ),
            bounds.range_constraint(
                "longitude",
                LONGITUDE_MIN,
                LONGITUDE_MAX,
                name="facilities_centre_longitude_india",
                nullable=True,
            ),
            bounds.text_constraint(
                "address", bounds.NOTE_MAX, name="facilities_centre_address_length"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    """The hours a centre is open on one weekday (0 = Monday); a weekday without a row is
    closed."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=list(WEEKDAYS.items()), validators=bounds.range_validators(0, 6)
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["centre", "weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "weekday"],
                name="facilities_opening_hours_one_per_weekday",
                violation_error_message=_("This weekday already has opening hours."),
            ),
            bounds.range_constraint("weekday", 0, 6, name="facilities_opening_hours_weekday"),
            models.CheckConstraint(
                condition=Q(opens__lt=F("closes")),
                name="facilities_opening_hours_opens_before_closes",
                violation_error_message=_("A centre must open before it closes."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.weekday} {self.opens}-{self.closes}"


class EquipmentStatus(models.TextChoices):
    WORKING = "working", _("Working")
    UNDER_REPAIR = "under_repair", _("Under repair")


class Equipment(TimeStampedModel):
    """One machine of a centre, booked by the hour at its rate."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="equipment")
    name = models.CharField(_("name"), max_length=NAME_MAX)
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=bounds.range_validators(1, CAPACITY_MAX)
    )
    unit = models.CharField(_("capacity unit"), max_length=40, help_text=_("e.g. kg per hour"))
    hourly_rate = models.DecimalField(
        _("hourly rate"),
        max_digits=9,
        decimal_places=2,
        validators=bounds.range_validators(Decimal("0"), bounds.PRICE_MAX),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EquipmentStatus, default=EquipmentStatus.WORKING
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["centre", "name", "pk"]
        verbose_name_plural = _("equipment")
        constraints = [
            bounds.range_constraint(
                "capacity", 1, CAPACITY_MAX, name="facilities_equipment_capacity_range"
            ),
            bounds.range_constraint(
                "hourly_rate",
                Decimal("0"),
                bounds.PRICE_MAX,
                name="facilities_equipment_hourly_rate_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    USED = "used", _("Used")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


# Every status but cancelled holds the machine's time (PostgreSQL's exclusion constraint in
# migration 0002 uses the same condition).
BOOKING_HOLDING = (
    BookingStatus.REQUESTED,
    BookingStatus.CONFIRMED,
    BookingStatus.USED,
    BookingStatus.NO_SHOW,
)


class Booking(TimeStampedModel):
    """A producer's booking of one machine for the half-open time range [start, end)."""

    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, related_name="bookings")
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="cfc_bookings"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(
        _("status"), max_length=16, choices=BookingStatus, default=BookingStatus.REQUESTED
    )
    hourly_rate = models.DecimalField(
        _("hourly rate"),
        max_digits=9,
        decimal_places=2,
        validators=bounds.range_validators(Decimal("0"), bounds.PRICE_MAX),
    )
    charge = models.DecimalField(
        _("charge"),
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        validators=bounds.range_validators(Decimal("0"), bounds.MONEY_MAX),
    )

    class Meta:
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["equipment", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")),
                name="facilities_booking_starts_before_end",
                violation_error_message=_("A booking must start before it ends."),
            ),
            bounds.range_constraint(
                "charge", Decimal("0"), bounds.MONEY_MAX, name="facilities_booking_charge_range"
            ),
            bounds.range_constraint(
                "hourly_rate",
                Decimal("0"),
                bounds.PRICE_MAX,
                name="facilities_booking_hourly_rate_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.equipment} {self.start:%Y-%m-%d %H:%M}"


class BookingEvent(models.Model):
    """One step of a booking's life (requested, confirmed, used, no-show, cancelled)."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=16, choices=BookingStatus)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.booking_id} {self.status}"


class UtilisationReport(TimeStampedModel):
    """An operator's report of one centre's month: machine hours, people served, money."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="utilisation_reports")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=bounds.range_validators(bounds.YEAR_MIN, bounds.YEAR_MAX)
    )
    month = models.PositiveSmallIntegerField(_("month"), validators=bounds.range_validators(1, 12))
    users_served = models.PositiveIntegerField(
        _("users served"), validators=bounds.range_validators(0, bounds.COUNT_MAX)
    )
    income = models.DecimalField(
        _("income"),
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        validators=bounds.range_validators(Decimal("0"), bounds.MONEY_MAX),
    )
    expenses = models.DecimalField(
        _("expenses"),
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        validators=bounds.range_validators(Decimal("0"), bounds.MONEY_MAX),
    )
    capacity_used = models.DecimalField(
        _("capacity used (%)"),
        max_digits=5,
        decimal_places=1,
        validators=bounds.range_validators(Decimal("0"), PERCENT_MAX),
        help_text=_("Machine hours used as a share of the machine hours the centre was open."),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["centre", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "month"],
                name="facilities_report_one_per_centre_month",
                violation_error_message=_("This month is already reported for this centre."),
            ),
            bounds.range_constraint(
                "year", bounds.YEAR_MIN, bounds.YEAR_MAX, name="facilities_report_year_range"
            ),
            bounds.range_constraint("month", 1, 12, name="facilities_report_month_range"),
            bounds.range_constraint(
                "users_served", 0, bounds.COUNT_MAX, name="facilities_report_users_range"
            ),
            bounds.range_constraint(
                "income", Decimal("0"), bounds.MONEY_MAX, name="facilities_report_income_range"
            ),
            bounds.range_constraint(
                "expenses",
                Decimal("0"),
                bounds.MONEY_MAX,
                name="facilities_report_expenses_range",
            ),
            bounds.range_constraint(
                "capacity_used",
                Decimal("0"),
                PERCENT_MAX,
                name="facilities_report_capacity_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.year}-{self.month:02d}"


class UtilisationLine(models.Model):
    """The hours one machine of the centre was used in a reported month."""

    report = models.ForeignKey(UtilisationReport, on_delete=models.CASCADE, related_name="lines")
    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, related_name="+")
    hours_used = models.DecimalField(
        _("hours used"),
        max_digits=5,
        decimal_places=1,
        validators=bounds.range_validators(Decimal("0"), HOURS_IN_MONTH_MAX),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "equipment"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "equipment"], name="facilities_line_one_per_machine"
            ),
            bounds.range_constraint(
                "hours_used",
                Decimal("0"),
                HOURS_IN_MONTH_MAX,
                name="facilities_line_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.equipment_id}: {self.hours_used}"


class UtilisationEventKind(models.TextChoices):
    REPORTED = "reported", _("Reported")
    CORRECTED = "corrected", _("Corrected")


class UtilisationEvent(models.Model):
    """A report filed or corrected, by whom and why."""

    report = models.ForeignKey(UtilisationReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=UtilisationEventKind)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=bounds.NOTE_MAX, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} {self.kind}"
