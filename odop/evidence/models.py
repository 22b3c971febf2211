"""District statistics that officers upload (production, workers, enterprises by product or
sector), kept as evidence for product selection."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core.models import TimeStampedModel
from odop.registry.models import Sector

YEAR_MIN = 1900
YEAR_MAX = 2100


class StatisticsUpload(TimeStampedModel):
    """One officer's upload of a statistics file that changed something: who, which file,
    within which scope, and what it wrote (an upload that changes nothing leaves no row)."""

    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("checksum of the table (SHA-256)"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="statistics_uploads",
    )
    scope_state = models.ForeignKey(
        "geography.State",
        verbose_name=_("State of the uploader's scope"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statistics_uploads",
        help_text=_("Empty for a national admin, whose scope is the whole country."),
    )
    reference_year = models.PositiveSmallIntegerField(
        _("reference year"),
        null=True,
        blank=True,
        help_text=_("The year of rows whose file gives none."),
    )
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    findings = models.PositiveIntegerField(_("findings"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reference_year__isnull=True)
                | Q(reference_year__gte=YEAR_MIN, reference_year__lte=YEAR_MAX),
                name="evidence_upload_reference_year_plausible",
                violation_error_message=_("The reference year must lie between 1900 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} @ {self.created_at:%Y-%m-%d %H:%M}"


class DistrictStatistic(TimeStampedModel):
    """One district's figures for one subject (a product type, a sector, or a name as
    written) in one year: production with its unit, workers and enterprises.

    `subject_key` makes a subject one row per district and year: the product's normalised
    name (`registry.vocabularies.product_type_key`, whether or not the registry knows it yet)
    or ``sector:<value>`` for a sector.
    """

    district = models.ForeignKey(
        "geography.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="statistics",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    subject_key = models.CharField(max_length=200)
    product_type = models.ForeignKey(
        "registry.ProductType",
        verbose_name=_("product type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statistics",
    )
    sector = models.CharField(_("sector"), max_length=24, choices=Sector, blank=True)
    subject_name = models.CharField(_("subject"), max_length=200)
    subject_source = models.CharField(_("subject as written"), max_length=200)
    production = models.DecimalField(
        _("production"), max_digits=18, decimal_places=3, null=True, blank=True
    )
    production_unit = models.CharField(_("production unit"), max_length=32, blank=True)
    workers = models.PositiveIntegerField(_("workers"), null=True, blank=True)
    units = models.PositiveIntegerField(_("enterprises (units)"), null=True, blank=True)
    upload = models.ForeignKey(
        StatisticsUpload,
        verbose_name=_("upload"),
        on_delete=models.PROTECT,
        related_name="statistics",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["district__state__name", "district__name", "-year", "subject_name"]
        indexes = [
            models.Index(fields=["year", "production_unit"], name="evidence_stat_year_unit"),
            models.Index(fields=["product_type", "year"], name="evidence_stat_type_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "year", "subject_key"],
                name="evidence_statistic_one_per_district_year_subject",
                violation_error_message=_(
                    "This district already has figures for this subject in this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(production__isnull=True) | Q(production__gte=0),
                name="evidence_statistic_production_not_negative",
                violation_error_message=_("Production cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(workers__isnull=True) | Q(workers__gte=0),
                name="evidence_statistic_workers_not_negative",
                violation_error_message=_("The number of workers cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(units__isnull=True) | Q(units__gte=0),
                name="evidence_statistic_units_not_negative",
                violation_error_message=_("The number of enterprises cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(production__isnull=False)
                | Q(workers__isnull=False)
                | Q(units__isnull=False),
                name="evidence_statistic_has_a_figure",
                violation_error_message=_("A statistic needs production, workers or units."),
            ),
            models.CheckConstraint(
                condition=Q(production__isnull=True) | ~Q(production_unit=""),
                name="evidence_statistic_production_has_unit",
                violation_error_message=_("Production needs its unit."),
            ),
            models.CheckConstraint(
                condition=Q(product_type__isnull=True) | Q(sector=""),
                name="evidence_statistic_one_subject",
                violation_error_message=_("A statistic is of a product type or of a sector."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX),
                name="evidence_statistic_year_plausible",
                violation_error_message=_("The year must lie between 1900 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name}, {self.district} ({self.year})"


class StatisticsProblem(models.TextChoices):
    """Why a row of an upload was not imported as it stood (the `problem` of its finding)."""

    STATE_UNKNOWN = "state_unknown", _("State not recognised")
    STATE_MULTIPLE = "state_multiple", _("State cell names several States")
    DISTRICT_EMPTY = "district_empty", _("No district name")
    DISTRICT_AMBIGUOUS = "district_ambiguous", _("District name fits several districts")
    DISTRICT_UNRECOGNISED = "district_unrecognised", _("District name not recognised")
    OUTSIDE_SCOPE = "outside_scope", _("District outside your scope")
    SUBJECT_EMPTY = "subject_empty", _("No product or sector")
    NO_FIGURES = "no_figures", _("No production, workers or units")
    SUBJECT_UNLISTED = "subject_unlisted", _("Product neither in the registry nor a sector")


class StatisticsResolution(models.TextChoices):
    """What the upload did about a finding."""

    SKIPPED = "skipped", _("Not imported")
    KEPT_AS_WRITTEN = "kept_as_written", _("Imported with the subject as written")
