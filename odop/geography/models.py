"""The place registry: States/UTs and districts by LGD code, with every known spelling."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core.models import TimeStampedModel


class StateKind(models.TextChoices):
    STATE = "state", _("State")
    UNION_TERRITORY = "ut", _("Union Territory")


class State(TimeStampedModel):
    """A State or Union Territory as listed in the Local Government Directory (LGD)."""

    lgd_code = models.PositiveIntegerField(_("LGD code"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_lgd = models.CharField(_("name in LGD"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=StateKind, default=StateKind.STATE)
    census_2001_code = models.CharField(_("Census 2001 code"), max_length=8, blank=True)
    census_2011_code = models.CharField(_("Census 2011 code"), max_length=8, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(TimeStampedModel):
    """A district. Provisional ones were named by a source but are missing from the LGD snapshot."""

    lgd_code = models.PositiveIntegerField(_("LGD code"), unique=True)
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(_("name"), max_length=120)
    name_lgd = models.CharField(_("name in LGD"), max_length=120, blank=True)
    census_2001_code = models.CharField(_("Census 2001 code"), max_length=8, blank=True)
    census_2011_code = models.CharField(_("Census 2011 code"), max_length=8, blank=True)
    hq_name = models.CharField(_("headquarters"), max_length=120, blank=True)
    hq_longitude = models.FloatField(_("HQ longitude"), null=True, blank=True)
    hq_latitude = models.FloatField(_("HQ latitude"), null=True, blank=True)
    is_provisional = models.BooleanField(
        _("provisional"),
        default=False,
        help_text=_("Named by an imported file but absent from the LGD snapshot."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["state__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(hq_longitude__isnull=True) & Q(hq_latitude__isnull=True))
                | (
                    Q(hq_longitude__gte=60, hq_longitude__lte=100)
                    & Q(hq_latitude__gte=0, hq_latitude__lte=40)
                ),
                name="geography_district_hq_in_india",
                violation_error_message=_("The headquarters point must lie in India."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AliasSource(models.TextChoices):
    LGD = "lgd", _("LGD name")
    HQ_POINTS = "hq_points", _("District headquarters file")
    CURATED = "curated", _("Known former or English name")
    ODOP_MASTER = "odop_master", _("National ODOP list")
    OFFICER = "officer", _("Confirmed by an officer")


class DistrictAlias(TimeStampedModel):
    """One spelling of a district seen in some source ("Balasore" for BALESHWAR).

    `key` is the normalised spelling the resolver compares; a key is unique within a district.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("spelling"), max_length=160)
    key = models.CharField(max_length=160, db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=AliasSource)
    history = HistoricalRecords()

    class Meta:
        ordering = ["district", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "key"],
                name="geography_alias_unique_per_district",
                violation_error_message=_("This spelling is already known for this district."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.district}"
