"""District Export Action Plans (Districts as Export Hubs) and the first-time exporter pipeline.

A plan belongs to a district and a period of years. It carries targets with their reported
progress, a bottleneck register (a small workflow with history rows), the District Export
Promotion Committee (DEPC) and its meetings. `ExporterCandidate` follows one producer from
interest to a first shipment, with a readiness checklist.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.identifiers import gstin_validate, iec_validate
from odop.core.models import TimeStampedModel

HS_CODE_VALIDATOR = RegexValidator(
    r"^[0-9]{2}([0-9]{2}){0,2}$|^$",
    _("An HS code is 2, 4 or 6 digits."),
    code="invalid_hs_code",
)
ISO3_VALIDATOR = RegexValidator(
    r"^[A-Z]{3}$|^$", _("A market is an ISO 3166 alpha-3 code."), code="invalid_iso3"
)


class PlanStatus(models.TextChoices):
    """Where a plan is in its life (see `exports.workflow.PLAN_TRANSITIONS`)."""

    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    ARCHIVED = "archived", _("Archived")


class ExportPlan(TimeStampedModel):
    """A District Export Action Plan for the years `start_year`–`end_year` (inclusive).

    At most one adopted plan per district and period (the database refuses a second one;
    `services.plan_transition` also refuses overlapping periods).
    """

    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="export_plans"
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=bounds.range_validators(2000, 2100)
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=bounds.range_validators(2000, 2100)
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus, default=PlanStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["district__state__name", "district__name", "-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year"))
                & Q(start_year__gte=2000)
                & Q(end_year__lte=2100),
                name="exports_plan_period_valid",
                violation_error_code="invalid_period",
                violation_error_message=_("The period must run forward, between 2000 and 2100."),
            ),
            models.UniqueConstraint(
                fields=["district", "start_year", "end_year"],
                condition=Q(status=PlanStatus.ADOPTED),
                name="exports_one_adopted_plan_per_district_period",
                violation_error_code="already_adopted",
                violation_error_message=_("This district already has an adopted plan for it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.start_year}–{self.end_year}"


class TargetKind(models.TextChoices):
    EXPORT_VALUE_USD = "export_value_usd", _("Export value (USD)")
    MARKETS = "markets", _("Number of markets")
    FIRST_TIME_EXPORTERS = "first_time_exporters", _("First-time exporters")
    OTHER = "other", _("Other")


class ExportTarget(TimeStampedModel):
    """One target of a plan: where the district starts (`baseline`) and where it aims to be
    by the end of the period (`target_value`), optionally for one HS code and one market."""

    plan = models.ForeignKey(ExportPlan, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("kind"), max_length=24, choices=TargetKind)
    description = models.CharField(_("description"), max_length=300, blank=True)
    target_value = models.DecimalField(_("target"), max_digits=18, decimal_places=2)
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=2, default=0)
    hs_code = models.CharField(
        _("HS code"), max_length=6, blank=True, validators=[HS_CODE_VALIDATOR]
    )
    market_iso3 = models.CharField(
        _("market (ISO3)"), max_length=3, blank=True, validators=[ISO3_VALIDATOR]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__gt=0) & Q(baseline__gte=0),
                name="exports_target_values_positive",
                violation_error_code="invalid_target",
                violation_error_message=_("A target is positive and a baseline not negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target_value}"


class TargetProgress(TimeStampedModel):
    """A reading of a target's measure on a date: the level reached (cumulative, in the
    target's unit), not an increment. The latest reading by date is the current progress."""

    target = models.ForeignKey(ExportTarget, on_delete=models.CASCADE, related_name="progress")
    date = models.DateField(
        _("date"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    note = models.TextField(
        _("note"), blank=True, validators=bounds.text_validators(bounds.NOTE_MAX)
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["target", "date", "pk"]
        constraints = [
            bounds.range_constraint(
                "date", bounds.DATE_MIN, bounds.DATE_MAX, name="exports_progress_date_range"
            ),
            bounds.text_constraint("note", bounds.NOTE_MAX, name="exports_progress_note_length"),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="exports_progress_not_negative",
                violation_error_code="invalid_progress",
                violation_error_message=_("A progress reading cannot be negative."),
            ),
        ]


class BottleneckType(models.TextChoices):
    LOGISTICS = "logistics", _("Logistics")
    QUALITY = "quality", _("Quality")
    TESTING = "testing", _("Testing")
    FINANCE = "finance", _("Finance")
    SKILLS = "skills", _("Skills")
    OTHER = "other", _("Other")


class BottleneckStatus(models.TextChoices):
    """See `exports.workflow.BOTTLENECK_TRANSITIONS`."""

    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    DROPPED = "dropped", _("Dropped")


class Bottleneck(TimeStampedModel):
    """One entry of a plan's bottleneck register, with who owns it and by when."""

    plan = models.ForeignKey(ExportPlan, on_delete=models.CASCADE, related_name="bottlenecks")
    type = models.CharField(_("type"), max_length=12, choices=BottleneckType)
    description = models.TextField(
        _("description"), validators=bounds.text_validators(bounds.MESSAGE_MAX)
    )
    owner_name = models.CharField(_("owner"), max_length=200)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(
        _("due date"),
        null=True,
        blank=True,
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=BottleneckStatus, default=BottleneckStatus.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            bounds.range_constraint(
                "due_date",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="exports_bottleneck_due_date_range",
                nullable=True,
            ),
            bounds.text_constraint(
                "description", bounds.MESSAGE_MAX, name="exports_bottleneck_description_length"
            ),
        ]
        ordering = ["plan", "due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.description[:60]}"


class BottleneckEvent(models.Model):
    """One move of a bottleneck: who, when, from which status to which, and why."""

    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=12, choices=BottleneckStatus)
    to_status = models.CharField(max_length=12, choices=BottleneckStatus)
    note = models.TextField(blank=True, validators=bounds.text_validators(bounds.NOTE_MAX))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            bounds.text_constraint(
                "note", bounds.NOTE_MAX, name="exports_bottleneck_event_note_length"
            ),
        ]
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.pk}: {self.from_status} → {self.to_status}"


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Member secretary")


class CommitteeMember(TimeStampedModel):
    """A member of the District Export Promotion Committee (DEPC) for a plan."""

    plan = models.ForeignKey(ExportPlan, on_delete=models.CASCADE, related_name="committee")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=12, choices=CommitteeRole, default=CommitteeRole.MEMBER
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(role=CommitteeRole.CHAIR),
                name="exports_one_chair_per_committee",
                violation_error_code="chair_taken",
                violation_error_message=_("The committee already has a chair."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeMeeting(TimeStampedModel):
    """A DEPC meeting: its date, minutes, decisions and who attended."""

    plan = models.ForeignKey(ExportPlan, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(
        _("date"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    minutes = models.TextField(
        _("minutes"), blank=True, validators=bounds.text_validators(bounds.STORY_MAX)
    )
    decisions = models.TextField(
        _("decisions"), blank=True, validators=bounds.text_validators(bounds.STORY_MAX)
    )
    attendees = models.ManyToManyField(CommitteeMember, blank=True, related_name="meetings")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        constraints = [
            bounds.range_constraint(
                "date", bounds.DATE_MIN, bounds.DATE_MAX, name="exports_meeting_date_range"
            ),
            bounds.text_constraint(
                "minutes", bounds.STORY_MAX, name="exports_meeting_minutes_length"
            ),
            bounds.text_constraint(
                "decisions", bounds.STORY_MAX, name="exports_meeting_decisions_length"
            ),
        ]
        ordering = ["plan", "-date", "pk"]


class ExporterStage(models.TextChoices):
    """See `exports.workflow.EXPORTER_TRANSITIONS`."""

    INTERESTED = "interested", _("Interested")
    REGISTERED = "registered", _("Registered (IEC and GST)")
    FIRST_INQUIRY = "first_inquiry", _("First inquiry received")
    FIRST_SHIPMENT = "first_shipment", _("First shipment made")
    DROPPED = "dropped", _("Dropped out")


# The readiness checklist, in the order officers walk through it.
CHECKLIST_FIELDS = (
    "has_iec",
    "has_gst",
    "has_rcmc",
    "has_certifications",
    "has_export_pricing",
    "has_labelling",
)


class ExporterCandidate(TimeStampedModel):
    """A producer on the way to a first export, with the readiness checklist.

    `producer` is the producer registry's record; `producer_name`, `district`, `iec_number` and
    `gstin` are copied from it when it is set, and are all there is for unmatched old rows.

    `user` links the producer's own account (role producer) so they can see their record.
    """

    # The producer registry's record (issue 11). Candidates enrolled before it existed were
    # matched by account, IEC or GSTIN (migration 0004); the unmatched keep only the free-text
    # name below and are listed by `odop exporters_unmatched` until an officer links them.
    producer = models.ForeignKey(
        "producers.Producer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exporter_records",
        verbose_name=_("producer record"),
    )
    producer_name = models.CharField(_("producer"), max_length=200)
    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="exporter_candidates"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exporter_records",
    )
    product = models.CharField(_("product"), max_length=200)
    iec_number = models.CharField(_("IEC"), max_length=10, blank=True, validators=[iec_validate])
    gstin = models.CharField(_("GSTIN"), max_length=15, blank=True, validators=[gstin_validate])
    has_iec = models.BooleanField(_("IEC obtained"), default=False)
    has_gst = models.BooleanField(_("GST registered"), default=False)
    has_rcmc = models.BooleanField(_("RCMC obtained"), default=False)
    has_certifications = models.BooleanField(_("product certifications"), default=False)
    has_export_pricing = models.BooleanField(_("export pricing worked out"), default=False)
    has_labelling = models.BooleanField(_("export labelling ready"), default=False)
    stage = models.CharField(
        _("stage"), max_length=16, choices=ExporterStage, default=ExporterStage.INTERESTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["district", "producer_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(has_iec=False) | ~Q(iec_number=""),
                name="exports_exporter_iec_ticked_has_number",
                violation_error_code="iec_missing",
                violation_error_message=_("Tick the IEC item only with the IEC number."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer_name} ({self.product})"

    @property
    def checklist_done(self) -> int:
        """How many of the six readiness items are ticked."""
        return sum(bool(getattr(self, name)) for name in CHECKLIST_FIELDS)


class ExporterEvent(models.Model):
    """One move of an exporter candidate between stages: who, when, and why."""

    exporter = models.ForeignKey(ExporterCandidate, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_stage = models.CharField(max_length=16, choices=ExporterStage)
    to_stage = models.CharField(max_length=16, choices=ExporterStage)
    note = models.TextField(blank=True, validators=bounds.text_validators(bounds.NOTE_MAX))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            bounds.text_constraint(
                "note", bounds.NOTE_MAX, name="exports_exporter_event_note_length"
            ),
        ]
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.pk}: {self.from_stage} → {self.to_stage}"
