"""The storefront's product and district facets from the registry's ranked search (issue 13).
Reads only.

A listing's own text rarely holds every name a buyer may use: the old district name
("Gurgaon", "Banaras"), the Hindi word ("haldi", "हल्दी"), a misspelling, the GI's name. The
registry's ranked search (`odop.registry.selectors.district_product_ids_ranked`) knows them all
for the district products, and every listing belongs to one. So for the text a buyer typed:

- the district products it ranks that have listings in the buyer's other filters become the
  "products" facet, best match first, and their districts the "districts" facet;
- when the listings' own full-text search finds nothing, the listings of those products are
  the results, in the registry's order (`RegistryMatches.listings`).
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from odop.bazaar.models import Listing
from odop.registry.models import DistrictProduct
from odop.registry.selectors import district_product_ids_ranked

# How many ranked products are looked at (the index ranks every product that matches at all),
# and how many links each facet shows on a phone.
RANK_DEPTH = 100
FACET_LINKS = 8


@dataclass(frozen=True)
class ProductMatch:
    product_id: int
    label: str
    count: int


@dataclass(frozen=True)
class DistrictMatch:
    district_lgd: int
    state_lgd: int
    label: str
    count: int


@dataclass(frozen=True)
class RegistryMatches:
    """What the registry's ranking says a storefront query means, within the buyer's filters."""

    products: list[ProductMatch] = field(default_factory=list)
    districts: list[DistrictMatch] = field(default_factory=list)
    ranked_ids: list[int] = field(default_factory=list)  # products with listings, best first

    def listings(self, listings: QuerySet[Listing]) -> QuerySet[Listing]:
        """`listings` of the matched products, the best-ranked product's first."""
        if not self.ranked_ids:
            return listings.none()
        rank = Case(
            *[When(product_id=pk, then=Value(i)) for i, pk in enumerate(self.ranked_ids)],
            output_field=IntegerField(),
        )
        return (
            listings.filter(product_id__in=self.ranked_ids)
            .annotate(registry_rank=rank)
            .order_by("registry_rank", "-published_at", "-pk")
        )


def registry_matches(listings: QuerySet[Listing], *, text: str) -> RegistryMatches:
    """The district products and districts that `text` means, counted in `listings` (the
    storefront's result set before the text is applied). Empty for an empty text."""
    ranked = district_product_ids_ranked(query=text)[:RANK_DEPTH] if text.strip() else []
    if not ranked:
        return RegistryMatches()
    counts = dict(
        listings.filter(product_id__in=ranked)
        .order_by()
        .values_list("product_id")
        .annotate(count=Count("pk"))
        .values_list("product_id", "count")
    )
    order = [pk for pk in ranked if pk in counts]
    if not order:
        return RegistryMatches()
    rows = {
        row["pk"]: row
        for row in DistrictProduct.objects.filter(pk__in=order).values(
            "pk", "name", "district__name", "district__lgd_code", "district__state__lgd_code"
        )
    }
    products = [
        ProductMatch(pk, f"{rows[pk]['name']} · {rows[pk]['district__name']}", counts[pk])
        for pk in order[:FACET_LINKS]
    ]
    districts: dict[int, DistrictMatch] = {}
    for pk in order:
        row = rows[pk]
        code = row["district__lgd_code"]
        seen = districts.get(code)
        districts[code] = DistrictMatch(
            code,
            row["district__state__lgd_code"],
            row["district__name"],
            counts[pk] + (seen.count if seen else 0),
        )
    return RegistryMatches(
        products=products, districts=list(districts.values())[:FACET_LINKS], ranked_ids=order
    )
