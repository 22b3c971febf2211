"""Physical outlets that sell ODOP products on consignment, and curated gifting collections.

* PM Ekta Malls (Unity Malls) in State capitals and tourist cities, each with a stall for
  every State and UT; ODOP walls (display-and-sale corners in airports, railway stations,
  State emporia); ODOP stores abroad run with Indian Missions (Singapore, Kuwait, ...).
* A seller places stock with an outlet on consignment: it leaves the listing's online stock
  and becomes the outlet's stock (`OutletStock`). The outlet reports sales, or returns stock.
  Every movement is a `StockMove` row (who, when, what, how many, for how much).
* Gift collections are curated sets of listings (for Missions' gifting and ministries'
  delegations); their owner orders the whole set at once through the bazaar's orders.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.models import TimeStampedModel


class OutletKind(models.TextChoices):
    EKTA_MALL = "ekta_mall", _("PM Ekta Mall")
    ODOP_WALL = "odop_wall", _("ODOP wall")
    STORE_ABROAD = "store_abroad", _("ODOP store abroad")


class Outlet(TimeStampedModel):
    """A place that sells ODOP products. `managers` are the people who report its sales
    (State officers for malls and walls, Mission officers for stores abroad)."""

    kind = models.CharField(_("kind"), max_length=16, choices=OutletKind)
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    state = models.ForeignKey(
        "geography.State",
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outlets",
    )
    country = models.CharField(_("country (ISO code)"), max_length=2, default="IN")
    mission = models.CharField(_("Indian Mission"), max_length=200, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="managed_outlets", blank=True
    )
    is_active = models.BooleanField(_("open"), default=True)
    history = HistoricalRecords(m2m_fields=[managers])

    class Meta:
        ordering = ["kind", "country", "city", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=OutletKind.STORE_ABROAD) | ~Q(country="IN"),
                name="outlets_store_abroad_is_abroad",
                violation_error_code="abroad_in_india",
                violation_error_message=_("A store abroad is in another country than India."),
            ),
            models.CheckConstraint(
                condition=Q(kind=OutletKind.STORE_ABROAD) | Q(country="IN", state__isnull=False),
                name="outlets_indian_outlet_has_state",
                violation_error_code="state_missing",
                violation_error_message=_("An outlet in India is in one State or UT."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"


class Stall(TimeStampedModel):
    """One State's or UT's stall in a PM Ekta Mall (every mall has one for each)."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="stalls")
    state = models.ForeignKey("geography.State", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["outlet", "state__name"]
        constraints = [
            models.UniqueConstraint(fields=["outlet", "state"], name="outlets_one_stall_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.state}"


class OutletStock(TimeStampedModel):
    """How many units of a listing an outlet holds on consignment."""

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="stock")
    listing = models.ForeignKey(
        "bazaar.Listing", on_delete=models.PROTECT, related_name="outlet_stock"
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), default=0, validators=bounds.range_validators(0, bounds.STOCK_MAX)
    )

    class Meta:
        ordering = ["outlet", "listing"]
        constraints = [
            models.UniqueConstraint(fields=["outlet", "listing"], name="outlets_stock_once"),
            bounds.range_constraint("quantity", 0, bounds.STOCK_MAX, name="outlets_stock_range"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.listing} x {self.quantity}"


class MoveKind(models.TextChoices):
    PLACED = "placed", _("Placed on consignment")
    SOLD = "sold", _("Sold")
    RETURNED = "returned", _("Returned to the seller")


class StockMove(models.Model):
    """One movement of consigned stock: placed, sold (with the amount) or returned."""

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="moves")
    listing = models.ForeignKey("bazaar.Listing", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=MoveKind)
    quantity = models.PositiveIntegerField(
        validators=bounds.range_validators(1, bounds.QUANTITY_MAX)
    )
    amount = models.DecimalField(
        _("sale amount (INR)"),
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.range_validators(0, bounds.MONEY_MAX),
    )
    on = models.DateField(
        _("date"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-on", "-pk"]
        constraints = [
            bounds.range_constraint(
                "quantity", 1, bounds.QUANTITY_MAX, name="outlets_move_quantity_range"
            ),
            bounds.range_constraint(
                "amount", 0, bounds.MONEY_MAX, name="outlets_move_amount_range", nullable=True
            ),
            bounds.range_constraint(
                "on", bounds.DATE_MIN, bounds.DATE_MAX, name="outlets_move_date_range"
            ),
            models.CheckConstraint(
                condition=~Q(kind=MoveKind.SOLD) | Q(amount__isnull=False),
                name="outlets_sale_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.quantity} x {self.listing_id} at {self.outlet_id}"


class GiftCollection(TimeStampedModel):
    """A curated set of ODOP products for gifting, built by a Mission officer or an officer
    (ministries' delegations). Published collections are visible to every buyer."""

    title = models.CharField(_("title"), max_length=200)
    occasion = models.CharField(_("occasion"), max_length=200, blank=True)
    description = models.TextField(
        _("description"), blank=True, validators=bounds.text_validators(bounds.STORY_MAX)
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gift_collections"
    )
    is_published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            bounds.text_constraint(
                "description", bounds.STORY_MAX, name="outlets_collection_description_length"
            )
        ]

    def __str__(self) -> str:
        return self.title


class GiftItem(TimeStampedModel):
    """One listing in a gift collection, with how many of it a set holds."""

    collection = models.ForeignKey(GiftCollection, on_delete=models.CASCADE, related_name="items")
    listing = models.ForeignKey("bazaar.Listing", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(
        _("quantity per set"), default=1, validators=bounds.range_validators(1, bounds.QUANTITY_MAX)
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["collection", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "listing"], name="outlets_gift_item_once"
            ),
            bounds.range_constraint(
                "quantity", 1, bounds.QUANTITY_MAX, name="outlets_gift_quantity_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collection}: {self.listing} x {self.quantity}"
