"""The national ODOP registry: product types, their district entries, GI registry, HS codes,
and what each import could not place (data-quality findings)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.models import TimeStampedModel


class Category(models.TextChoices):
    """The national list's economic category, normalised from its free-text spellings."""

    PRIMARY = "primary", _("Primary")
    SECONDARY = "secondary", _("Secondary")
    TERTIARY = "tertiary", _("Tertiary")
    OTHERS = "others", _("Others")


class Sector(models.TextChoices):
    """The national list's sector, normalised ("handlooms", "Handloom" → handloom)."""

    AGRICULTURE = "agriculture", _("Agriculture")
    FOOD_PROCESSING = "food_processing", _("Food processing")
    HANDICRAFT = "handicraft", _("Handicraft")
    HANDLOOM = "handloom", _("Handloom")
    TEXTILE = "textile", _("Textile")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    MARINE = "marine", _("Marine")
    DAIRY = "dairy", _("Dairy")
    OTHERS = "others", _("Others")


class GoodsClass(models.TextChoices):
    """The GI registry's class of goods (the registry spells five classes nine ways)."""

    AGRICULTURAL = "agricultural", _("Agricultural")
    HANDICRAFT = "handicraft", _("Handicraft")
    MANUFACTURED = "manufactured", _("Manufactured")
    FOOD_STUFF = "food_stuff", _("Food stuff")
    NATURAL_GOODS = "natural_goods", _("Natural goods")


class Ministry(TimeStampedModel):
    """A ministry or department responsible for products, one row per canonical name."""

    name = models.CharField(_("name"), max_length=160, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("ministries")

    def __str__(self) -> str:
        return self.name


class ProductType(TimeStampedModel):
    """A kind of product ("Mango", "Turmeric") that many districts may have chosen.

    The national list repeats names across districts; each district's choice is a
    `DistrictProduct`. `key` is the normalised name that makes two spellings one type.
    """

    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProductTypeName(TimeStampedModel):
    """One name under which the national list (or the reviewed synonym table) lists a type.

    "Makhana" and "Makhana (Foxnut)" are two names of the type "Makhana (Fox Nut)": the
    source's names are kept here, with the reviewed reason that makes them one type
    (`registry/data/product_types.csv`), so search finds a type by every name it had.
    """

    product_type = models.ForeignKey(ProductType, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(max_length=200, unique=True)
    reason = models.CharField(_("why it is this type"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product_type", "name"]
        verbose_name = _("product type name")

    def __str__(self) -> str:
        return self.name


class GIEntry(TimeStampedModel):
    """One registered Geographical Indication from IP India's registry."""

    # The registry's serial is not unique (logo registrations repeat it): serial + name is.
    serial = models.PositiveIntegerField(_("registry serial number"))
    name = models.CharField(_("name"), max_length=255)
    goods_class = models.CharField(_("class of goods"), max_length=16, choices=GoodsClass)
    goods_source = models.CharField(_("class as written"), max_length=64)
    states = models.ManyToManyField("geography.State", related_name="gi_entries", blank=True)
    state_names_source = models.CharField(_("States as written"), max_length=400, blank=True)
    is_foreign = models.BooleanField(_("foreign GI"), default=False)
    # States are derived from `state_names_source`, which the history keeps.
    history = HistoricalRecords()

    class Meta:
        ordering = ["serial", "name"]
        constraints = [
            models.UniqueConstraint(fields=["serial", "name"], name="registry_gi_serial_name"),
        ]
        verbose_name = _("GI registry entry")
        verbose_name_plural = _("GI registry entries")

    def __str__(self) -> str:
        return self.name


class HSCode(TimeStampedModel):
    """A heading of the Harmonized System (HS 2022): chapter (2), heading (4) or subheading (6)."""

    code = models.CharField(_("HS code"), max_length=6, unique=True)
    description = models.TextField(_("description"))
    parent_code = models.CharField(max_length=6, blank=True)
    level = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=[2, 4, 6]), name="registry_hs_level"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description[:60]}"


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
