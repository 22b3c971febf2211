"""Markets and export intelligence: which HS codes an ODOP product type trades under."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.models import TimeStampedModel


class HSLinkStatus(models.TextChoices):
    """Where a product type's candidate HS code stands: machine-suggested or an officer's call."""

    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class ProductHSCode(TimeStampedModel):
    """One HS 2022 subheading proposed for, confirmed for or rejected for one product type.

    Suggestions are rewritten by `hs_suggestions_refresh`; confirmed and rejected rows are
    officers' decisions and survive every refresh. A product type has at most one confirmed code.
    """

    product_type = models.ForeignKey(
        "registry.ProductType", on_delete=models.PROTECT, related_name="hs_links"
    )
    hs_code = models.ForeignKey(
        "registry.HSCode", on_delete=models.PROTECT, related_name="product_links"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=HSLinkStatus, default=HSLinkStatus.SUGGESTED
    )
    score = models.FloatField(_("similarity score"), null=True, blank=True)
    # How sure the suggester is that this code's heading is the type's (issue 13): only a clear
    # first suggestion has any; public pages use an unconfirmed code only from
    # hs_suggest.CONFIDENCE_PUBLIC_MIN.
    confidence = models.FloatField(
        _("confidence"), null=True, blank=True, validators=bounds.range_validators(0.0, 1.0)
    )
    rank = models.PositiveSmallIntegerField(_("rank among suggestions"), null=True, blank=True)
    matched_terms = models.CharField(_("matched words"), max_length=300, blank=True)
    # The rules that made a suggestion (hs_suggest.SUGGESTER_VERSION); empty on decisions made
    # before it was recorded.
    suggester_version = models.CharField(_("suggester version"), max_length=32, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product_type", "rank", "hs_code__code"]
        constraints = [
            bounds.range_constraint(
                "confidence", 0.0, 1.0, name="markets_hs_confidence_range", nullable=True
            ),
            models.UniqueConstraint(
                fields=["product_type", "hs_code"],
                name="markets_one_link_per_type_and_code",
                violation_error_message=_("This code is already linked to this product type."),
            ),
            models.UniqueConstraint(
                fields=["product_type"],
                condition=Q(status=HSLinkStatus.CONFIRMED),
                name="markets_one_confirmed_code_per_type",
                violation_error_message=_("This product type already has a confirmed HS code."),
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=1),
                name="markets_hs_score_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=~Q(status=HSLinkStatus.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="markets_confirmed_has_date",
            ),
        ]
        verbose_name = _("product HS code")

    def __str__(self) -> str:
        return f"{self.product_type_id} → {self.hs_code_id} ({self.status})"
