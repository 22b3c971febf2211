"""Outcomes (officers' returns per district product and period) and State/central policies.

A return row is one district product in one period: jobs, sales, exports and the optional
figures, as an officer's upload gave them. Uploading a period again for a district replaces
that district's rows of the period; the history keeps what was there (django-simple-history),
and every upload is recorded with its report (`OutcomeUpload`).

A policy is a State's (or the Centre's) policy document, the State's category under it, and the
district products an officer has linked to it.
"""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.models import TimeStampedModel

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

SHARE_MAX = Decimal("100")  # percent
PERIOD_MAX = 10  # "FY2026-27"
SOURCE_MAX = 200
POLICY_NAME_MAX = 300
CATEGORY_MAX = 100
URL_MAX = 500


def _money(verbose: "str | _StrPromise", *, null: bool = False) -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        null=null,
        blank=null,
        validators=bounds.range_validators(0, bounds.MONEY_MAX),
    )


def _count(verbose: "str | _StrPromise", *, null: bool = False) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        verbose, null=null, blank=null, validators=bounds.range_validators(0, bounds.COUNT_MAX)
    )


def _share(verbose: "str | _StrPromise") -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.range_validators(0, SHARE_MAX),
        help_text=_("Percent of jobs."),
    )


class OutcomeUpload(TimeStampedModel):
    """One file of returns an officer uploaded, with what it placed and the full report."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    rows_read = _count(_("rows read"))
    placed = _count(_("rows placed"))
    refused = _count(_("rows refused"))
    replaced = _count(_("earlier rows replaced"))
    periods = models.CharField(_("periods"), max_length=400, blank=True)
    report = models.JSONField(_("report"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            bounds.range_constraint(name, 0, bounds.COUNT_MAX, name=f"outcomes_upload_{name}")
            for name in ("rows_read", "placed", "refused", "replaced")
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d})"


class OutcomeReturn(TimeStampedModel):
    """One district product's figures for one period, as an officer's return gave them."""

    district_product = models.ForeignKey(
        "registry.DistrictProduct", on_delete=models.PROTECT, related_name="outcome_returns"
    )
    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="outcome_returns"
    )
    period = models.CharField(_("period"), max_length=PERIOD_MAX, db_index=True)
    period_start = models.DateField(
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    period_end = models.DateField(
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    jobs = _count(_("jobs"))
    jobs_women_share = _share(_("women's share of jobs"))
    jobs_scst_share = _share(_("SC/ST share of jobs"))
    producers = _count(_("producers"), null=True)
    production = models.DecimalField(
        _("production"),
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.range_validators(0, bounds.MONEY_MAX),
    )
    production_unit = models.CharField(_("production unit"), max_length=40, blank=True)
    sales_inr = _money(_("sales (INR)"))
    exports_inr = _money(_("exports (INR)"))
    exports_usd = _money(_("exports (USD)"), null=True)
    source = models.CharField(_("source"), max_length=SOURCE_MAX, blank=True)
    upload = models.ForeignKey(
        OutcomeUpload, on_delete=models.PROTECT, related_name="returns", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["district__state__name", "district__name", "district_product__name", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["district_product", "period"],
                name="outcomes_one_return_per_product_period",
                violation_error_message=_("This product already has a return for this period."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="outcomes_period_order"
            ),
            bounds.range_constraint(
                "period_start", bounds.DATE_MIN, bounds.DATE_MAX, name="outcomes_period_start"
            ),
            bounds.range_constraint(
                "period_end", bounds.DATE_MIN, bounds.DATE_MAX, name="outcomes_period_end"
            ),
            bounds.range_constraint("jobs", 0, bounds.COUNT_MAX, name="outcomes_jobs_range"),
            bounds.range_constraint(
                "producers", 0, bounds.COUNT_MAX, name="outcomes_producers_range", nullable=True
            ),
            bounds.range_constraint(
                "jobs_women_share", 0, SHARE_MAX, name="outcomes_women_range", nullable=True
            ),
            bounds.range_constraint(
                "jobs_scst_share", 0, SHARE_MAX, name="outcomes_scst_range", nullable=True
            ),
            bounds.range_constraint(
                "production", 0, bounds.MONEY_MAX, name="outcomes_production_range", nullable=True
            ),
            bounds.range_constraint("sales_inr", 0, bounds.MONEY_MAX, name="outcomes_sales_range"),
            bounds.range_constraint(
                "exports_inr", 0, bounds.MONEY_MAX, name="outcomes_exports_inr_range"
            ),
            bounds.range_constraint(
                "exports_usd", 0, bounds.MONEY_MAX, name="outcomes_exports_usd_range", nullable=True
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district_product_id} {self.period}"


class Policy(TimeStampedModel):
    """A State's (or, with no State, the Centre's) policy that gives ODOP products incentives."""

    state = models.ForeignKey(
        "geography.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policies",
        help_text=_("Empty for a central policy."),
    )
    name = models.CharField(_("name"), max_length=POLICY_NAME_MAX)
    state_category = models.CharField(
        _("the State's category under it"),
        max_length=CATEGORY_MAX,
        blank=True,
        help_text=_('For example "Category A".'),
    )
    effective_from = models.DateField(
        _("in force from"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    effective_to = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    incentives = models.TextField(
        _("incentives"), blank=True, validators=bounds.text_validators(bounds.MESSAGE_MAX)
    )
    notification_url = models.URLField(_("notification link"), max_length=URL_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    district_products = models.ManyToManyField(
        "registry.DistrictProduct", through="PolicyProduct", related_name="policies", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["state__name", "name"]
        verbose_name_plural = _("policies")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "name", "effective_from"],
                name="outcomes_policy_unique",
                violation_error_message=_("This policy is already recorded."),
            ),
            # A central policy has no State, and NULLs never collide in a unique index.
            models.UniqueConstraint(
                fields=["name", "effective_from"],
                condition=Q(state__isnull=True),
                name="outcomes_central_policy_unique",
                violation_error_message=_("This policy is already recorded."),
            ),
            bounds.range_constraint(
                "effective_from", bounds.DATE_MIN, bounds.DATE_MAX, name="outcomes_policy_from"
            ),
            bounds.range_constraint(
                "effective_to",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="outcomes_policy_to",
                nullable=True,
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="outcomes_policy_dates_order",
                violation_error_code="dates_out_of_order",
                violation_error_message=_("A policy cannot end before it starts."),
            ),
            bounds.text_constraint(
                "incentives", bounds.MESSAGE_MAX, name="outcomes_policy_incentives_length"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PolicyProduct(models.Model):
    """One district product a policy covers, and the officer who linked it."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="links")
    district_product = models.ForeignKey(
        "registry.DistrictProduct", on_delete=models.PROTECT, related_name="policy_links"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "district_product"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "district_product"], name="outcomes_policy_product_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.policy_id} → {self.district_product_id}"
