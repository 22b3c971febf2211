"""Reference data of the registry: sectors and categories, ministries, product types and their
names, the GI registry and the HS nomenclature."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
