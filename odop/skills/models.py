"""Training of producers (issue 15): programmes, their batches, applications and selection,
attendance per day, assessment, toolkits issued and certificates with a public check.

A batch's venue is free text for now; it can later link a common facility centre
(`facilities.Cfc`) when that app exists. Every table keeps its history (django-simple-history).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.models import TimeStampedModel
from odop.skills.certificate_numbers import NUMBER_MAX_LENGTH, certificate_number_validate

DURATION_DAYS_MAX = 365
SEATS_MAX = 500
AGE_MIN = 14  # the youngest trainee a skill programme admits (Child Labour Act: 14+)
AGE_MAX = 100
SCORE_MAX = 100  # scores and pass marks are out of 100
PERCENT_MAX = 100
VENUE_MAX = 300
TOOLKIT_ITEMS_MAX = 1_000
NAME_MAX = 200


class ProgrammeKind(models.TextChoices):
    SKILL = "skill", _("Skill training")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship development")
    DESIGN = "design", _("Design and product development")


class Programme(TimeStampedModel):
    """A kind of training offered again and again in batches: national (no State) or a State's."""

    name = models.CharField(_("name"), max_length=NAME_MAX)
    name_hi = models.CharField(_("name in Hindi"), max_length=NAME_MAX, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=ProgrammeKind)
    duration_days = models.PositiveSmallIntegerField(
        _("duration (days)"), validators=bounds.range_validators(1, DURATION_DAYS_MAX)
    )
    residential = models.BooleanField(_("residential"), default=False)
    toolkit = models.BooleanField(_("toolkit given"), default=False)
    description = models.TextField(
        _("description"), blank=True, validators=bounds.text_validators(bounds.STORY_MAX)
    )
    state = models.ForeignKey(
        "geography.State",
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_programmes",
        help_text=_("Empty for a national programme."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (out of 100)"),
        default=50,
        validators=bounds.range_validators(0, SCORE_MAX),
    )
    attendance_required_percent = models.PositiveSmallIntegerField(
        _("attendance required for a certificate (%)"),
        default=80,
        validators=bounds.range_validators(0, PERCENT_MAX),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            bounds.range_constraint(
                "duration_days", 1, DURATION_DAYS_MAX, name="skills_programme_duration_range"
            ),
            bounds.range_constraint("pass_mark", 0, SCORE_MAX, name="skills_programme_pass_range"),
            bounds.range_constraint(
                "attendance_required_percent",
                0,
                PERCENT_MAX,
                name="skills_programme_attendance_range",
            ),
            bounds.text_constraint(
                "description", bounds.STORY_MAX, name="skills_programme_description_length"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Batch(TimeStampedModel):
    """One run of a programme: dates, place, trainer, seats and who may apply.

    Empty `eligible_districts` means the batch's own district only; empty `eligible_products`
    means any product."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="batches")
    start_date = models.DateField(
        _("first day"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    end_date = models.DateField(
        _("last day"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    # Free text today; a later change can link a common facility centre (issue 15, CFC half).
    venue = models.CharField(_("venue"), max_length=VENUE_MAX)
    district = models.ForeignKey(
        "geography.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="training_batches",
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.PROTECT,
        related_name="training_batches",
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"), validators=bounds.range_validators(1, SEATS_MAX)
    )
    age_min = models.PositiveSmallIntegerField(
        _("youngest age"), default=18, validators=bounds.range_validators(AGE_MIN, AGE_MAX)
    )
    age_max = models.PositiveSmallIntegerField(
        _("oldest age"), default=60, validators=bounds.range_validators(AGE_MIN, AGE_MAX)
    )
    eligible_districts = models.ManyToManyField(
        "geography.District", blank=True, related_name="+", verbose_name=_("eligible districts")
    )
    eligible_products = models.ManyToManyField(
        "registry.DistrictProduct",
        blank=True,
        related_name="training_batches",
        verbose_name=_("eligible products"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[eligible_districts, eligible_products])

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="skills_batch_dates_in_order",
                violation_error_code="dates_out_of_order",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(age_max__gte=F("age_min")),
                name="skills_batch_ages_in_order",
                violation_error_code="ages_out_of_order",
                violation_error_message=_("The oldest age cannot be below the youngest age."),
            ),
            bounds.range_constraint("seats", 1, SEATS_MAX, name="skills_batch_seats_range"),
            bounds.range_constraint("age_min", AGE_MIN, AGE_MAX, name="skills_batch_age_min_range"),
            bounds.range_constraint("age_max", AGE_MIN, AGE_MAX, name="skills_batch_age_max_range"),
            bounds.range_constraint(
                "start_date", bounds.DATE_MIN, bounds.DATE_MAX, name="skills_batch_start_range"
            ),
            bounds.range_constraint(
                "end_date", bounds.DATE_MIN, bounds.DATE_MAX, name="skills_batch_end_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} ({self.start_date:%Y-%m-%d})"

    @property
    def days(self) -> int:
        """How many days the batch runs, first and last included."""
        return (self.end_date - self.start_date).days + 1


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(TimeStampedModel):
    """A person's request for a seat in a batch: a producer's own person, or a member of a
    collective (`member`). Officers may enter it on the producer's behalf (`entered_by`)."""

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="applications")
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="training_applications"
    )
    member = models.ForeignKey(
        "producers.ProducerMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_applications",
    )
    applicant_name = models.CharField(_("trainee's name"), max_length=NAME_MAX)
    age = models.PositiveSmallIntegerField(
        _("age"), validators=bounds.range_validators(AGE_MIN, AGE_MAX)
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus, default=ApplicationStatus.APPLIED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        _("assessment score (out of 100)"),
        null=True,
        blank=True,
        validators=bounds.range_validators(0, SCORE_MAX),
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["batch", "created_at", "pk"]
        constraints = [
            bounds.range_constraint("age", AGE_MIN, AGE_MAX, name="skills_application_age_range"),
            bounds.range_constraint(
                "score", 0, SCORE_MAX, name="skills_application_score_range", nullable=True
            ),
            models.UniqueConstraint(
                fields=["batch", "producer"],
                condition=Q(member__isnull=True),
                name="skills_application_one_per_producer",
                violation_error_code="already_applied",
                violation_error_message=_("This person has already applied to this batch."),
            ),
            models.UniqueConstraint(
                fields=["batch", "member"],
                condition=Q(member__isnull=False),
                name="skills_application_one_per_member",
                violation_error_code="already_applied",
                violation_error_message=_("This person has already applied to this batch."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant_name} · {self.batch}"


class Attendance(TimeStampedModel):
    """Whether a selected trainee was present on one day of their batch."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="attendance"
    )
    day = models.DateField(
        _("day"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    present = models.BooleanField(_("present"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["day", "application"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "day"],
                name="skills_attendance_one_per_day",
                violation_error_code="already_marked",
                violation_error_message=_("Attendance is already marked for this day."),
            ),
            bounds.range_constraint(
                "day", bounds.DATE_MIN, bounds.DATE_MAX, name="skills_attendance_day_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.applicant_name} {self.day:%Y-%m-%d}"


class ToolkitIssue(TimeStampedModel):
    """The toolkit a trainee received at the end of a programme that gives one."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="toolkit_issue"
    )
    issued_on = models.DateField(
        _("issued on"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    items = models.TextField(_("items"), validators=bounds.text_validators(TOOLKIT_ITEMS_MAX))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            bounds.text_constraint("items", TOOLKIT_ITEMS_MAX, name="skills_toolkit_items_length"),
            bounds.range_constraint(
                "issued_on", bounds.DATE_MIN, bounds.DATE_MAX, name="skills_toolkit_date_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.applicant_name}: {self.items[:40]}"


class Certificate(TimeStampedModel):
    """A certificate of a trainee who passed. What the public check shows is copied at issue
    (holder, programme, dates, issuer), so a later edit of the batch never changes it."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="certificate"
    )
    number = models.CharField(
        _("certificate number"),
        max_length=NUMBER_MAX_LENGTH,
        unique=True,
        validators=[certificate_number_validate],
    )
    holder_name = models.CharField(_("holder"), max_length=NAME_MAX)
    programme_name = models.CharField(_("programme"), max_length=NAME_MAX)
    programme_name_hi = models.CharField(max_length=NAME_MAX, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    issuer = models.CharField(_("issued by"), max_length=NAME_MAX)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("issued on"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(
        _("reason for revocation"), blank=True, validators=bounds.text_validators(bounds.NOTE_MAX)
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="skills_certificate_revocation_has_reason",
                violation_error_code="reason_required",
                violation_error_message=_("A revocation needs a reason."),
            ),
            bounds.text_constraint(
                "revocation_reason", bounds.NOTE_MAX, name="skills_certificate_reason_length"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
