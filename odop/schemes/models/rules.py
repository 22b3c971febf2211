"""Government support schemes as dated, reviewed rules: schemes, versions, parameters.

A scheme's rules (facts, benefit steps, eligibility criteria, golden cases) are data in a
`SchemeVersion`, checked when saved and published only when every golden case passes. The
numbers the rules read (rates, caps, limits) are `Parameter`s whose `ParameterValue`s are
dated and carry the order that set them; a value takes effect only once a second officer has
approved it (maker-checker). Every status change writes a history row.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from odop.core import bounds
from odop.core.models import TimeStampedModel

# A parameter is a rate, a count or an amount in rupees: at most ₹10^13 with six places
# (rates such as 0.35 or 3/7 need more than paise).
PARAMETER_VALUE_MAX = Decimal("9999999999999.999999")
PARAMETER_VALUE_DIGITS = 19
PARAMETER_VALUE_PLACES = 6
REFERENCE_MAX = 500


class SchemeVersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class ParameterType(models.TextChoices):
    DECIMAL = "decimal", _("Decimal")
    INTEGER = "integer", _("Whole number")


class ParameterValueStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Scheme(TimeStampedModel):
    """A support scheme (central or of one State), who sponsors it and the sources it cites."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_hi = models.CharField(_("name in Hindi"), max_length=200)
    sponsor = models.CharField(_("sponsor"), max_length=200)
    sponsor_hi = models.CharField(_("sponsor in Hindi"), max_length=200)
    description = models.TextField(
        _("description"), validators=bounds.text_validators(bounds.MESSAGE_MAX)
    )
    description_hi = models.TextField(
        _("description in Hindi"), validators=bounds.text_validators(bounds.MESSAGE_MAX)
    )
    # The State whose officers may change the scheme's parameters; empty for a central scheme
    # (national admins only).
    state = models.ForeignKey(
        "geography.State",
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes",
    )
    # [{"title", "issuer", "year", "note"}]: the documents the rules come from.
    sources = models.JSONField(_("sources"), default=list, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            bounds.text_constraint(
                "description", bounds.MESSAGE_MAX, name="schemes_scheme_description_length"
            ),
            bounds.text_constraint(
                "description_hi", bounds.MESSAGE_MAX, name="schemes_scheme_description_hi_length"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class SchemeVersion(TimeStampedModel):
    """One version of a scheme's rules; only a draft may change, one version is published."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"), validators=bounds.range_validators(1, 9999))
    status = models.CharField(
        _("status"), max_length=16, choices=SchemeVersionStatus, default=SchemeVersionStatus.DRAFT
    )
    # The layout of `odop.schemes.spec.version_from_dict`, checked by the services when saved.
    facts = models.JSONField(_("facts"), default=list, blank=True)
    steps = models.JSONField(_("benefit steps"), default=list, blank=True)
    criteria = models.JSONField(_("eligibility criteria"), default=list, blank=True)
    golden_cases = models.JSONField(_("golden test cases"), default=list, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["scheme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "number"],
                name="schemes_version_number_unique",
                violation_error_message=_("This scheme already has a version with this number."),
            ),
            models.UniqueConstraint(
                fields=["scheme"],
                condition=Q(status=SchemeVersionStatus.PUBLISHED),
                name="schemes_one_published_version",
                violation_error_message=_("A scheme has at most one published version."),
            ),
            bounds.range_constraint("number", 1, 9999, name="schemes_version_number_range"),
            models.CheckConstraint(
                condition=Q(status=SchemeVersionStatus.DRAFT) | Q(published_at__isnull=False),
                name="schemes_version_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.code} v{self.number}"


class SchemeVersionEvent(models.Model):
    """One status change of a scheme version: who, when, from which status to which."""

    version = models.ForeignKey(SchemeVersion, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=16, choices=SchemeVersionStatus, blank=True)
    to_status = models.CharField(max_length=16, choices=SchemeVersionStatus)
    note = models.TextField(blank=True, validators=bounds.text_validators(bounds.NOTE_MAX))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            bounds.text_constraint(
                "note", bounds.NOTE_MAX, name="schemes_version_event_note_length"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id}: {self.from_status} → {self.to_status}"


class Parameter(TimeStampedModel):
    """A named number a scheme's rules read (a rate, a cap, a limit); its values are dated."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="parameters")
    name = models.CharField(_("name"), max_length=63)
    type = models.CharField(
        _("type"), max_length=16, choices=ParameterType, default=ParameterType.DECIMAL
    )
    label = models.CharField(_("label"), max_length=200)
    label_hi = models.CharField(_("label in Hindi"), max_length=200)

    class Meta:
        ordering = ["scheme", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "name"],
                name="schemes_parameter_name_unique",
                violation_error_message=_("This scheme already has a parameter of this name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.code}.{self.name}"


class ParameterValue(TimeStampedModel):
    """A value of a parameter from a date (to an optional date), and the order that set it.

    It counts only once approved, and never by the officer who proposed it.
    """

    parameter = models.ForeignKey(Parameter, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(
        _("value"),
        max_digits=PARAMETER_VALUE_DIGITS,
        decimal_places=PARAMETER_VALUE_PLACES,
        validators=bounds.range_validators(Decimal(0), PARAMETER_VALUE_MAX),
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
        _("status"),
        max_length=16,
        choices=ParameterValueStatus,
        default=ParameterValueStatus.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for a value shipped in the platform's scheme files."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["parameter", "effective_from", "pk"]
        constraints = [
            bounds.range_constraint(
                "value", Decimal(0), PARAMETER_VALUE_MAX, name="schemes_parameter_value_range"
            ),
            bounds.range_constraint(
                "effective_from",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="schemes_parameter_value_from_range",
            ),
            bounds.range_constraint(
                "effective_to",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="schemes_parameter_value_to_range",
                nullable=True,
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="schemes_parameter_value_dates_in_order",
                violation_error_code="dates_out_of_order",
                violation_error_message=_("A value cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | Q(proposed_by__isnull=True)
                | ~Q(decided_by=F("proposed_by")),
                name="schemes_parameter_value_not_self_approved",
                violation_error_code="own_proposal",
                violation_error_message=_("Nobody approves their own proposal."),
            ),
            models.UniqueConstraint(
                fields=["parameter", "effective_from"],
                condition=Q(status=ParameterValueStatus.APPROVED),
                name="schemes_one_approved_value_per_date",
                violation_error_message=_(
                    "This parameter already has an approved value from this date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parameter}={self.value} from {self.effective_from} ({self.status})"


class ParameterValueEvent(models.Model):
    """One status change of a parameter value: who, when, from which status to which."""

    value = models.ForeignKey(ParameterValue, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=16, choices=ParameterValueStatus, blank=True)
    to_status = models.CharField(max_length=16, choices=ParameterValueStatus)
    note = models.TextField(blank=True, validators=bounds.text_validators(bounds.NOTE_MAX))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            bounds.text_constraint(
                "note", bounds.NOTE_MAX, name="schemes_parameter_event_note_length"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value_id}: {self.from_status} → {self.to_status}"
