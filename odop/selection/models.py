"""Product selection: versioned scorecards, candidates moving district → State → national,
committees of assessors scoring independently, and the history of every move."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.models import TimeStampedModel
from odop.registry.models import Sector


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class ScorecardVersion(TimeStampedModel):
    """One version of a scorecard (criteria, weights, bands, tiers) stored as data.

    `definition` is the JSON form read by `odop.selection.scorecards`; the pure scoring code
    works on its validated dataclass. A version that has been used to score can never change:
    new weights make a new version.
    """

    key = models.SlugField(_("scorecard"), max_length=60)
    version = models.CharField(_("version"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=ScorecardStatus, default=ScorecardStatus.DRAFT
    )
    definition = models.JSONField(_("definition"))
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="derived"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"],
                name="selection_scorecard_version_unique",
                violation_error_code="duplicate_version",
                violation_error_message=_("This scorecard already has a version of that name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class ScorecardAdoption(TimeStampedModel):
    """A State's choice of the published scorecard its new candidates are scored with."""

    state = models.ForeignKey("geography.State", on_delete=models.CASCADE, related_name="+")
    scorecard = models.ForeignKey(ScorecardVersion, on_delete=models.PROTECT, related_name="+")
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_current = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["state"],
                condition=Q(is_current=True),
                name="selection_one_current_adoption_per_state",
            ),
        ]


class CandidateStatus(models.TextChoices):
    """Where a candidate is in its life cycle (see `selection.workflow.TRANSITIONS`)."""

    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed by the district")
    SCORING = "scoring", _("Committee scoring")
    SCORED = "scored", _("Scored, awaiting the State")
    RETURNED = "returned", _("Returned to the district")
    STATE_APPROVED = "state_approved", _("Approved by the State, awaiting national review")
    PUBLISHED = "published", _("Published in the registry")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Selection expired")


class Candidate(TimeStampedModel):
    """A product proposed for a district, scored with one scorecard version."""

    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="candidates"
    )
    name = models.CharField(_("product name"), max_length=200)
    product_type = models.ForeignKey(
        "registry.ProductType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidates",
    )
    sector = models.CharField(_("sector"), max_length=24, choices=Sector, blank=True)
    description = models.TextField(
        _("description"), blank=True, validators=bounds.text_validators(bounds.STORY_MAX)
    )
    producer_organisation = models.CharField(
        _("producer organisation"),
        max_length=200,
        blank=True,
        help_text=_("The FPO, SHG, cooperative or firm behind the product, if one."),
    )
    scorecard = models.ForeignKey(
        ScorecardVersion, on_delete=models.PROTECT, related_name="candidates"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CandidateStatus, default=CandidateStatus.DRAFT
    )
    stage_due_at = models.DateTimeField(_("stage deadline"), null=True, blank=True)
    score_mean = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    score_spread = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    assessor_count = models.PositiveSmallIntegerField(default=0)
    stars = models.PositiveSmallIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateField(
        _("selection valid until"),
        null=True,
        blank=True,
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    district_product = models.ForeignKey(
        "registry.DistrictProduct",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="selections",
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="re_evaluations",
        help_text=_("The earlier selection this candidate re-evaluates."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            bounds.text_constraint(
                "description", bounds.STORY_MAX, name="selection_candidate_description_length"
            ),
            bounds.range_constraint(
                "valid_until",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="selection_candidate_valid_until_range",
                nullable=True,
            ),
            models.CheckConstraint(
                condition=Q(stars__isnull=True) | Q(stars__gte=1, stars__lte=5),
                name="selection_candidate_stars_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district})"


class CandidateEvent(models.Model):
    """One move of a candidate: who, when, from which status to which, and why."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(max_length=16, choices=CandidateStatus)
    to_status = models.CharField(max_length=16, choices=CandidateStatus)
    note = models.TextField(blank=True, validators=bounds.text_validators(bounds.NOTE_MAX))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            bounds.text_constraint(
                "note", bounds.NOTE_MAX, name="selection_candidate_event_note_length"
            ),
        ]
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.candidate_id}: {self.from_status} → {self.to_status}"


class CommitteeMember(TimeStampedModel):
    """An assessor on a candidate's committee. `organisation` is where the assessor works or
    belongs, used to refuse a conflict of interest."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="committee")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_seats"
    )
    organisation = models.CharField(_("assessor's organisation"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "assessor"],
                name="selection_one_seat_per_assessor",
                violation_error_message=_("This assessor is already on the committee."),
            ),
        ]


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Assessment(TimeStampedModel):
    """One assessor's scores for one candidate; final once submitted."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        max_length=10, choices=AssessmentStatus, default=AssessmentStatus.DRAFT
    )
    # Three places: an ODOP India step is worth 3.125 points, so totals are exact in thousandths.
    total = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "assessor"], name="selection_one_assessment_per_assessor"
            ),
        ]


class CriterionScore(models.Model):
    """An assessor's value for one criterion, its points, and the note that justifies it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=20)
    value = models.DecimalField(max_digits=7, decimal_places=2)
    points = models.DecimalField(max_digits=8, decimal_places=3)
    note = models.TextField(blank=True, validators=bounds.text_validators(bounds.MESSAGE_MAX))
    history = HistoricalRecords()

    class Meta:
        constraints = [
            bounds.text_constraint("note", bounds.MESSAGE_MAX, name="selection_score_note_length"),
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="selection_one_score_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
}
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024


class Attachment(TimeStampedModel):
    """A document backing a manual criterion (validated type and size)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="attachments")
    criterion = models.CharField(max_length=20, blank=True)
    file = models.FileField(upload_to="selection/%Y/%m/")
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
