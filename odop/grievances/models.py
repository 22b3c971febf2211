"""Grievances: what a person complains about, who must answer it and by when (issue 14).

A grievance is filed in a category, routed to the officers of its district at the level the
category's routing names, escalated a level up when it is overdue, answered with a reply the
filer rates, and appealed a level up when the reply is rated poor. The time allowed to answer
is a dated setting (`GrievanceSetting`) carrying the order that set it, which counts only once
a second officer approves it (maker-checker). Every move writes a `GrievanceEvent`.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.models import TimeStampedModel
from odop.grievances.numbers import NUMBER_MAX_LENGTH, grievance_number_validate

SUBJECT_MAX = 200
REFERENCE_MAX = 500
# A period in days: at least one day, at most a year (no grievance standard allows more).
PERIOD_DAYS_MIN = 1
PERIOD_DAYS_MAX = 365
POSITION_MAX = 999


class Level(models.TextChoices):
    """Who answers: the district's officers, the State's, or the national admins."""

    DISTRICT = "district", _("District")
    STATE = "state", _("State")
    NATIONAL = "national", _("National")


class GrievanceStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    APPEALED = "appealed", _("Appealed")
    CLOSED = "closed", _("Closed")


class Rating(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")


class EventKind(models.TextChoices):
    FILED = "filed", _("Filed")
    ROUTED = "routed", _("Routed")
    ESCALATED = "escalated", _("Escalated")
    INTERIM_REPLY = "interim_reply", _("Interim reply")
    ANSWERED = "answered", _("Answered")
    RATED = "rated", _("Rated")
    APPEALED = "appealed", _("Appealed")
    CLOSED = "closed", _("Closed")


class SettingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class SettingName(models.TextChoices):
    DUE_PERIOD_DAYS = "due_period_days", _("Days allowed to answer a grievance")


class GrievanceCategory(TimeStampedModel):
    """What a grievance is about, and the routing: the level whose officers answer it first."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_hi = models.CharField(_("name in Hindi"), max_length=200)
    level = models.CharField(_("answered first at"), max_length=16, choices=Level)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, validators=bounds.range_validators(0, POSITION_MAX)
    )
    is_active = models.BooleanField(_("open for filing"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name_plural = _("grievance categories")
        constraints = [
            bounds.range_constraint(
                "position", 0, POSITION_MAX, name="grievances_category_position_range"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class GrievanceSetting(TimeStampedModel):
    """A dated value of a grievance setting (the days allowed to answer) and the order that
    set it. It counts only once approved, and never by the officer who proposed it."""

    name = models.CharField(_("name"), max_length=32, choices=SettingName)
    value = models.PositiveIntegerField(
        _("value"), validators=bounds.range_validators(PERIOD_DAYS_MIN, PERIOD_DAYS_MAX)
    )
    effective_from = models.DateField(
        _("effective from"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    effective_to = models.DateField(
        _("effective to"),
        null=True,
        blank=True,
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    reference = models.CharField(_("reference (order or guideline)"), max_length=REFERENCE_MAX)
    status = models.CharField(
        _("status"), max_length=16, choices=SettingStatus, default=SettingStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for a value shipped in the platform's data file."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "effective_from", "pk"]
        constraints = [
            bounds.range_constraint(
                "value", PERIOD_DAYS_MIN, PERIOD_DAYS_MAX, name="grievances_setting_value_range"
            ),
            bounds.range_constraint(
                "effective_from",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="grievances_setting_from_range",
            ),
            bounds.range_constraint(
                "effective_to",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="grievances_setting_to_range",
                nullable=True,
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="grievances_setting_dates_in_order",
                violation_error_code="dates_out_of_order",
                violation_error_message=_("A value cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | Q(proposed_by__isnull=True)
                | ~Q(decided_by=F("proposed_by")),
                name="grievances_setting_not_self_approved",
                violation_error_code="own_proposal",
                violation_error_message=_("Nobody approves their own proposal."),
            ),
            models.UniqueConstraint(
                fields=["name", "effective_from"],
                condition=Q(status=SettingStatus.APPROVED),
                name="grievances_one_approved_setting_per_date",
                violation_error_message=_(
                    "This setting already has an approved value from this date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value} from {self.effective_from} ({self.status})"


class Grievance(TimeStampedModel):
    """One complaint: its category and district, who filed it (for whom), the level that must
    answer it, by when, and the reply with its rating."""

    number = models.CharField(
        _("number"),
        max_length=NUMBER_MAX_LENGTH,
        unique=True,
        null=True,
        blank=True,
        validators=[grievance_number_validate],
    )
    category = models.ForeignKey(
        GrievanceCategory, on_delete=models.PROTECT, related_name="grievances"
    )
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX)
    description = models.TextField(
        _("description"), validators=bounds.text_validators(bounds.MESSAGE_MAX)
    )
    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="grievances"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grievances_filed"
    )
    # Set when an officer files for a producer, with the producer's recorded consent.
    producer = models.ForeignKey(
        "producers.Producer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grievances",
    )
    consent_note = models.CharField(
        _("how the producer consented"), max_length=bounds.NOTE_MAX, blank=True
    )
    level = models.CharField(_("answered at"), max_length=16, choices=Level)
    status = models.CharField(
        _("status"), max_length=16, choices=GrievanceStatus, default=GrievanceStatus.OPEN
    )
    filed_on = models.DateField(
        _("filed on"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    due_by = models.DateField(
        _("due by"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    # Set by an interim reply: the answer will take longer, and comes by this date.
    expected_by = models.DateField(
        _("reply expected by"),
        null=True,
        blank=True,
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    is_appeal = models.BooleanField(_("appealed"), default=False)
    reply = models.TextField(
        _("reply"), blank=True, validators=bounds.text_validators(bounds.MESSAGE_MAX)
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rating = models.CharField(_("rating"), max_length=8, choices=Rating, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "due_by"], name="grievances_status_due")]
        constraints = [
            models.CheckConstraint(condition=~Q(subject=""), name="grievances_subject_not_empty"),
            models.CheckConstraint(
                condition=~Q(description=""), name="grievances_description_not_empty"
            ),
            bounds.text_constraint(
                "description", bounds.MESSAGE_MAX, name="grievances_description_length"
            ),
            bounds.text_constraint("reply", bounds.MESSAGE_MAX, name="grievances_reply_length"),
            bounds.text_constraint(
                "consent_note", bounds.NOTE_MAX, name="grievances_consent_note_length"
            ),
            models.CheckConstraint(
                condition=Q(producer__isnull=True) | ~Q(consent_note=""),
                name="grievances_on_behalf_has_consent",
                violation_error_code="consent_required",
                violation_error_message=_("Filing for a producer needs their recorded consent."),
            ),
            bounds.range_constraint(
                "filed_on", bounds.DATE_MIN, bounds.DATE_MAX, name="grievances_filed_on_range"
            ),
            bounds.range_constraint(
                "due_by", bounds.DATE_MIN, bounds.DATE_MAX, name="grievances_due_by_range"
            ),
            bounds.range_constraint(
                "expected_by",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="grievances_expected_by_range",
                nullable=True,
            ),
            models.CheckConstraint(
                condition=Q(due_by__gte=F("filed_on")), name="grievances_due_after_filing"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[GrievanceStatus.OPEN, GrievanceStatus.APPEALED])
                | ~Q(reply=""),
                name="grievances_answered_has_reply",
                violation_error_code="reply_required",
                violation_error_message=_("A grievance closes only with a reply."),
            ),
            models.CheckConstraint(
                condition=~Q(status=GrievanceStatus.CLOSED) | Q(closed_at__isnull=False),
                name="grievances_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"grievance {self.pk}"

    @property
    def reply_due_by(self) -> dt.date:
        """The date the next reply is due: the interim reply's date when one was given."""
        return self.expected_by or self.due_by

    @property
    def is_waiting(self) -> bool:
        """True while an officer's reply is awaited (first or appeal)."""
        return self.status in (GrievanceStatus.OPEN, GrievanceStatus.APPEALED)


class GrievanceEvent(models.Model):
    """One move of a grievance: what happened, by whom, at which level, with the note."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level = models.CharField(max_length=16, choices=Level)
    status = models.CharField(max_length=16, choices=GrievanceStatus)
    due_by = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, validators=bounds.text_validators(bounds.MESSAGE_MAX))
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            bounds.text_constraint("note", bounds.MESSAGE_MAX, name="grievances_event_note_length"),
        ]

    def __str__(self) -> str:
        return f"{self.grievance_id}: {self.kind}"
