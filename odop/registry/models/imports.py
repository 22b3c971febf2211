"""What each import could not place (data-quality findings) and the imports' runs."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from odop.core.models import TimeStampedModel
from odop.registry.models.products import DistrictProduct


class Problem(models.TextChoices):
    """What an import found wrong with a row."""

    STATE_UNKNOWN = "state_unknown", _("State not recognised")
    STATE_MULTIPLE = "state_multiple", _("State cell names several States")
    CODE_OTHER_STATE = "code_other_state", _("LGD code points to another State's district")
    CODE_SHARED = "code_shared", _("LGD code shared by several districts in the file")
    CODE_UNKNOWN = "code_unknown", _("LGD code not in the LGD snapshot")
    CODE_MISSING = "code_missing", _("LGD code missing or not a number")
    NAME_OTHER_CODE = "name_other_code", _("District name matches a different LGD code")
    NAME_UNRECOGNISED = "name_unrecognised", _("District name not recognised")
    DUPLICATE_ROW = "duplicate_row", _("Same district and product as an earlier row")
    VALUE_UNKNOWN = "value_unknown", _("Value outside the controlled vocabulary")
    GI_UNLINKED = "gi_unlinked", _("GI product not found in the GI registry")
    GI_NOT_FLAGGED = "gi_not_flagged", _("Registered GI that the list calls non-GI")
    ALIAS_MISMATCH = "alias_mismatch", _("Curated alias does not fit the LGD file")
    TYPE_MERGED = "type_merged", _("Product name is another name of a product type")


class Resolution(models.TextChoices):
    """What the import did about a finding."""

    PLACED_BY_NAME = "placed_by_name", _("Placed by name within the State")
    PLACED_BY_CODE = "placed_by_code", _("Placed by code")
    PROVISIONAL = "provisional", _("Placed in a provisional district")
    NORMALISED = "normalised", _("Normalised")
    SKIPPED = "skipped", _("Not imported")
    LEFT_UNLINKED = "left_unlinked", _("Left unlinked")


class DataQualityFinding(TimeStampedModel):
    """One problem an import met in one row, and what it did about it.

    Findings of a source are replaced as a whole on every import of that source, so the list
    always describes the data as it now stands.
    """

    source = models.CharField(_("source file"), max_length=120, db_index=True)
    row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    state = models.CharField(_("State"), max_length=160, blank=True)
    district = models.CharField(_("district"), max_length=160, blank=True)
    code = models.CharField(_("code"), max_length=32, blank=True)
    value = models.CharField(_("value"), max_length=255, blank=True)
    problem = models.CharField(_("problem"), max_length=24, choices=Problem)
    resolution = models.CharField(_("resolution"), max_length=24, choices=Resolution)
    detail = models.TextField(_("detail"), blank=True)
    district_product = models.ForeignKey(
        DistrictProduct, on_delete=models.SET_NULL, null=True, blank=True, related_name="findings"
    )

    class Meta:
        ordering = ["source", "row", "problem"]

    def __str__(self) -> str:
        return f"{self.source}:{self.row} {self.problem}"


class ImportRun(TimeStampedModel):
    """One run of an importer over one file: what it read, wrote and found."""

    source = models.CharField(max_length=120)
    checksum = models.CharField(max_length=64)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    findings = models.PositiveIntegerField(default=0)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source} @ {self.created_at:%Y-%m-%d %H:%M}"
