"""District products of the national list, their GI links and officers' GI decisions."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.models import TimeStampedModel
from odop.registry.models.reference import Category, GIEntry, Ministry, ProductType, Sector


class DistrictProduct(TimeStampedModel):
    """One district's choice of one product type, as the national list states it.

    Normalised fields (category, sector, GI, ministry) sit beside the values exactly as the
    source wrote them, so nothing the source said is lost.
    """

    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="products"
    )
    product_type = models.ForeignKey(
        ProductType, on_delete=models.PROTECT, related_name="district_products"
    )
    name = models.CharField(_("name as listed"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, validators=bounds.text_validators(bounds.STORY_MAX)
    )
    category = models.CharField(_("category"), max_length=16, choices=Category, blank=True)
    category_source = models.CharField(max_length=64, blank=True)
    sector = models.CharField(_("sector"), max_length=24, choices=Sector, blank=True)
    sector_source = models.CharField(max_length=64, blank=True)
    is_gi = models.BooleanField(_("GI tagged"), default=False)
    gi_status_source = models.CharField(max_length=16, blank=True)
    gi_entry = models.ForeignKey(
        GIEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="district_products"
    )
    gi_match_score = models.FloatField(null=True, blank=True)
    # The further GIs of a listed name that names several ("Bardhaman Sitabhog - Mihidana"):
    # `gi_entry` is the first. Like `gi_entry`, only a GI-tagged product has them; a check
    # constraint cannot look across tables, so the service that writes them
    # (`services.gi_links.district_product_gi_more_sync`) enforces it.
    more_gi_entries = models.ManyToManyField(
        GIEntry,
        through="DistrictProductGILink",
        related_name="district_products_also",
        blank=True,
    )
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, null=True, blank=True, related_name="products"
    )
    ministry_source = models.CharField(max_length=200, blank=True)
    photo_url = models.URLField(_("photo link"), max_length=500, blank=True)
    source_row = models.PositiveIntegerField(_("row in the national list"), null=True, blank=True)
    lgd_code_source = models.CharField(_("LGD code as listed"), max_length=16, blank=True)
    district_source = models.CharField(_("district as listed"), max_length=160, blank=True)
    state_source = models.CharField(_("State as listed"), max_length=160, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["district__state__name", "district__name", "name"]
        constraints = [
            bounds.text_constraint(
                "description", bounds.STORY_MAX, name="registry_product_description_length"
            ),
            models.UniqueConstraint(
                fields=["district", "product_type"],
                name="registry_one_entry_per_district_type",
                violation_error_message=_("This district already lists this product."),
            ),
            models.CheckConstraint(
                condition=Q(gi_entry__isnull=True) | Q(is_gi=True),
                name="registry_gi_link_only_when_gi",
                violation_error_message=_("Only a GI-tagged product can link to a GI entry."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district})"

    @property
    def gi_entries(self) -> list[GIEntry]:
        """Every GI the product links to, the primary first and the others in the listed
        name's order (prefetch `more_gi_links__gi_entry` when listing many products)."""
        if self.gi_entry is None:
            return []
        more = sorted(self.more_gi_links.all(), key=lambda link: link.position)
        return [self.gi_entry, *(link.gi_entry for link in more)]


class DistrictProductGILink(TimeStampedModel):
    """One further GI of a district product whose listed name names several registered GIs
    (issue 13: "Lucknow Chikan Craft & Lucknow Zardozi" is two GIs); `position` is the GI's
    place among the further ones, in the listed name's order."""

    district_product = models.ForeignKey(
        DistrictProduct, on_delete=models.CASCADE, related_name="more_gi_links"
    )
    gi_entry = models.ForeignKey(GIEntry, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["district_product", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["district_product", "gi_entry"],
                name="registry_gi_more_link_once",
                violation_error_message=_("The product already links to this GI."),
            ),
        ]
        verbose_name = _("further GI link")

    def __str__(self) -> str:
        return f"{self.district_product_id} → {self.gi_entry_id}"


class GIDecisionAction(models.TextChoices):
    """What an officer decided about a product's GI link (issue 13)."""

    CONFIRM = "confirm", _("Confirmed the suggested GI")
    PICK = "pick", _("Picked another GI")
    REJECT = "reject", _("Not a registered GI")


class GILinkDecision(TimeStampedModel):
    """An officer's decision on one district product's GI link. The latest decision of a
    product outranks the matcher: the next import of the national list keeps it."""

    district_product = models.ForeignKey(
        DistrictProduct, on_delete=models.CASCADE, related_name="gi_decisions"
    )
    action = models.CharField(_("decision"), max_length=8, choices=GIDecisionAction)
    gi_entry = models.ForeignKey(
        GIEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    note = models.TextField(_("note"), validators=bounds.text_validators(bounds.NOTE_MAX))
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="gi_link_decisions"
    )
    previous_gi_entry = models.ForeignKey(
        GIEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The further GIs the officer stated with a confirmation or a pick, for a listed name that
    # names several GIs ("Lucknow Chikan Craft & Zardozi"). `more_stated` says the decision
    # stated them, so that "no further GI" is a decision too; a decision that did not (made
    # through the service without them, or before officers could state them) keeps the older
    # rule: a confirmation of the matcher's primary GI keeps the matcher's further GIs.
    more_gi_entries = models.ManyToManyField(
        GIEntry, through="GILinkDecisionMoreGI", related_name="+", blank=True
    )
    more_stated = models.BooleanField(_("further GIs stated"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            bounds.text_constraint("note", bounds.NOTE_MAX, name="registry_gi_decision_note"),
            models.CheckConstraint(
                condition=(Q(action="reject") & Q(gi_entry__isnull=True))
                | (Q(action__in=["confirm", "pick"]) & Q(gi_entry__isnull=False)),
                name="registry_gi_decision_entry",
                violation_error_message=_(
                    "A rejection links no GI; a confirmation or pick links one."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district_product_id} {self.action}"

    @property
    def more_gi_in_order(self) -> list[GIEntry]:
        """The further GIs the decision stated, in the officer's order (prefetch
        `more_links__gi_entry` when listing many decisions)."""
        return [link.gi_entry for link in sorted(self.more_links.all(), key=lambda x: x.position)]


class GILinkDecisionMoreGI(models.Model):
    """One further GI stated by an officer's decision; `position` is its place after the
    primary GI. Written once with its decision, never changed (the decision is the history)."""

    decision = models.ForeignKey(
        GILinkDecision, on_delete=models.CASCADE, related_name="more_links"
    )
    gi_entry = models.ForeignKey(GIEntry, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        ordering = ["decision", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "gi_entry"],
                name="registry_gi_decision_more_once",
                violation_error_message=_("The decision already names this GI."),
            ),
        ]
        verbose_name = _("further GI of a decision")

    def __str__(self) -> str:
        return f"{self.decision_id} + {self.gi_entry_id}"
