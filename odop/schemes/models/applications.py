"""Applications to schemes: the facts, the evaluation stored at submission with its trace,
the stage the application is at (stages are data: `odop.schemes.stages`), its documents, and
an event for every move.

An application's public number (`ODOP-APP-2026-000123-4`, the last digit a Verhoeff check
digit, `odop.schemes.numbers`) is all the public tracking page needs; it shows nothing personal.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from odop.core import bounds
from odop.core.models import TimeStampedModel
from odop.schemes.models.rules import Scheme, SchemeVersion

APPLICATION_NUMBER_MAX = 32
STAGE_MAX = 64
# Escalation levels above the stage's owner: district → State → national (at most three).
ESCALATION_MAX = 3
# A scanned project report or quotation fits in 5 MB; larger files are refused.
DOCUMENT_MAX_BYTES = 5 * 1024 * 1024


class ApplicationStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ApplicationEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    MOVED = "moved", _("Moved to the next stage")
    REJECTED = "rejected", _("Rejected")
    ESCALATED = "escalated", _("Escalated")
    DOCUMENT = "document", _("Document attached")


class Application(TimeStampedModel):
    """A producer's application to a scheme, and where it stands."""

    number = models.CharField(
        _("number"), max_length=APPLICATION_NUMBER_MAX, unique=True, null=True, blank=True
    )
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="applications")
    version = models.ForeignKey(SchemeVersion, on_delete=models.PROTECT, related_name="+")
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="scheme_applications"
    )
    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="scheme_applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who submitted it: the producer, or an officer on the producer's behalf."),
    )
    consent_reference = models.CharField(
        _("producer's consent"),
        max_length=200,
        blank=True,
        help_text=_("For an application by an officer: the reference of the producer's consent."),
    )
    as_of = models.DateField(
        _("rules of"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    facts = models.JSONField(_("facts"), default=dict)
    eligible = models.BooleanField(_("eligible"))
    benefit = models.DecimalField(
        _("benefit"),
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        validators=bounds.range_validators(Decimal(0), bounds.MONEY_MAX),
    )
    # {"reasons": [...], "trace": [...]}: the evaluation at submission, as the API shows it.
    evaluation = models.JSONField(_("evaluation"), default=dict)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus,
        default=ApplicationStatus.IN_PROGRESS,
        db_index=True,
    )
    stage = models.CharField(_("stage"), max_length=STAGE_MAX)
    stage_entered_at = models.DateTimeField(_("stage entered at"))
    stage_due_by = models.DateTimeField(_("stage due by"), null=True, blank=True, db_index=True)
    escalation_level = models.PositiveSmallIntegerField(
        _("escalation level"), default=0, validators=bounds.range_validators(0, ESCALATION_MAX)
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            bounds.range_constraint(
                "benefit", Decimal(0), bounds.MONEY_MAX, name="schemes_application_benefit_range"
            ),
            bounds.range_constraint(
                "escalation_level", 0, ESCALATION_MAX, name="schemes_application_escalation_range"
            ),
            bounds.range_constraint(
                "as_of", bounds.DATE_MIN, bounds.DATE_MAX, name="schemes_application_as_of_range"
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.IN_PROGRESS) | Q(stage_due_by__isnull=True),
                name="schemes_application_closed_has_no_due_date",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"application {self.pk}"


class ApplicationEvent(models.Model):
    """One step in an application's life: who, when, from which stage to which, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=ApplicationEventKind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for the scheduled escalation."),
    )
    from_stage = models.CharField(max_length=STAGE_MAX, blank=True)
    to_stage = models.CharField(max_length=STAGE_MAX, blank=True)
    note = models.TextField(blank=True, validators=bounds.text_validators(bounds.NOTE_MAX))
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            bounds.text_constraint(
                "note", bounds.NOTE_MAX, name="schemes_application_event_note_length"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.kind} {self.from_stage} → {self.to_stage}"


class ApplicationDocument(models.Model):
    """A document attached to an application, checked by its content (PDF, JPEG or PNG) and
    its size before it is stored."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=STAGE_MAX)
    file = models.FileField(_("file"), upload_to="scheme-applications/%Y/%m/")
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField(validators=bounds.range_validators(1, DOCUMENT_MAX_BYTES))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            bounds.range_constraint(
                "size", 1, DOCUMENT_MAX_BYTES, name="schemes_application_document_size_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.kind}"
