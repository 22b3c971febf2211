"""Read side of markets for HS codes: what the suggester needs, coverage, the officers' queue."""

import logging
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, IntegerField, QuerySet, Value, When

from odop.accounts.models import User
from odop.markets.hs_suggest import (
    SUGGESTER_VERSION,
    HSEntry,
    ProductText,
    glossary_words,
    hs_conversion_parse,
)
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.permissions import product_hs_codes_visible_to, product_types_decidable_by
from odop.registry.models import DistrictProduct, HSCode, ProductType
from odop.registry.search import glossary_load
from odop.registry.search.text import words

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


HS2022_TO_HS1992 = Path("trade/concordance/unsd_hs2022_to_hs1992_conversion.csv")
UNSPECIFIED_SECTOR = ""


def hs_glossary() -> dict[str, tuple[str, ...]]:
    """The reviewed bilingual glossary (registry/data/glossary.csv) as HS suggestions read it:
    each romanised Hindi spelling (and the Hindi word, romanised) -> its English words."""
    english_of: dict[str, list[str]] = {}
    for entry in glossary_load().entries:
        for spelling in (*entry.romanised, *words(entry.hindi)):
            english_of.setdefault(spelling, []).extend(entry.english)
    return glossary_words(english_of)


def hs_outdated_types(types: QuerySet[ProductType]) -> QuerySet[ProductType]:
    """The product types of `types` whose suggestions need making: all of them when any stored
    suggestion was made by older rules (`SUGGESTER_VERSION`), else those with none."""
    older = ProductHSCode.objects.filter(status=HSLinkStatus.SUGGESTED).exclude(
        suggester_version=SUGGESTER_VERSION
    )
    if older.exists():
        return types
    return types.exclude(pk__in=ProductHSCode.objects.values("product_type_id"))


def hs_entries_list() -> list[HSEntry]:
    """Every chapter, heading and subheading of the stored HS 2022 nomenclature."""
    return [HSEntry(code, text) for code, text in HSCode.objects.values_list("code", "description")]


def product_texts_list(
    *, product_types: QuerySet[ProductType] | None = None
) -> list[tuple[int, ProductText]]:
    """Each product type's id and its words: its name, the distinct names and descriptions its
    districts give it, and their sectors (sorted, so the same data gives the same text)."""
    types = product_types if product_types is not None else ProductType.objects.all()
    names: dict[int, str] = dict(types.order_by("pk").values_list("pk", "name"))
    extra_names: dict[int, set[str]] = defaultdict(set)
    descriptions: dict[int, set[str]] = defaultdict(set)
    sectors: dict[int, set[str]] = defaultdict(set)
    rows = DistrictProduct.objects.filter(product_type_id__in=list(names)).values_list(
        "product_type_id", "name", "description", "sector"
    )
    for type_id, name, description, sector in rows:
        if name.strip().lower() != names[type_id].strip().lower():
            extra_names[type_id].add(name)
        if description.strip():
            descriptions[type_id].add(description)
        if sector:
            sectors[type_id].add(sector)
    return [
        (
            type_id,
            ProductText(
                # District spellings of the name ("Coffee (Araku)") belong to the name.
                name=" ".join([name, *sorted(extra_names[type_id])]),
                descriptions=tuple(sorted(descriptions[type_id])),
                sectors=tuple(sorted(sectors[type_id])),
            ),
        )
        for type_id, name in names.items()
    ]


def product_hs_code_list(
    *, user: User | AnonymousUser, product_type: ProductType
) -> QuerySet[ProductHSCode]:
    """The type's codes `user` may see: the confirmed one first, then suggestions by rank, then
    rejected ones."""
    order = {HSLinkStatus.CONFIRMED: 0, HSLinkStatus.SUGGESTED: 1, HSLinkStatus.REJECTED: 2}
    return (
        product_hs_codes_visible_to(user)
        .filter(product_type=product_type)
        .annotate(
            status_order=Case(
                *(When(status=status, then=Value(value)) for status, value in order.items()),
                output_field=IntegerField(),
            )
        )
        .order_by("status_order", "rank", "hs_code__code")
    )


@dataclass(frozen=True)
class SectorCoverage:
    """How many product types of one sector have a confirmed HS code."""

    sector: str
    product_types: int
    confirmed: int

    @property
    def share(self) -> float:
        return self.confirmed / self.product_types if self.product_types else 0.0


@dataclass(frozen=True)
class HSCoverage:
    """Product types with a confirmed HS code, overall and by sector.

    A type belongs to every sector its district products name ("Coconut" may be agriculture in
    one district and food processing in another), so sector rows can add up to more than the
    total; a type no district describes by sector is counted under "" (unspecified).
    """

    product_types: int
    confirmed: int
    by_sector: tuple[SectorCoverage, ...]

    @property
    def share(self) -> float:
        return self.confirmed / self.product_types if self.product_types else 0.0


def hs_coverage() -> HSCoverage:
    """Coverage of confirmed HS codes over all product types (three queries)."""
    type_ids = set(ProductType.objects.values_list("pk", flat=True))
    confirmed = set(
        ProductHSCode.objects.filter(status=HSLinkStatus.CONFIRMED).values_list(
            "product_type_id", flat=True
        )
    )
    sectors_of: dict[int, set[str]] = defaultdict(set)
    for type_id, sector in DistrictProduct.objects.values_list("product_type_id", "sector"):
        sectors_of[type_id].add(sector or UNSPECIFIED_SECTOR)
    totals: dict[str, int] = defaultdict(int)
    confirmed_by_sector: dict[str, int] = defaultdict(int)
    for type_id in type_ids:
        for sector in sectors_of.get(type_id) or {UNSPECIFIED_SECTOR}:
            totals[sector] += 1
            confirmed_by_sector[sector] += type_id in confirmed
    return HSCoverage(
        product_types=len(type_ids),
        confirmed=len(type_ids & confirmed),
        by_sector=tuple(
            SectorCoverage(sector, totals[sector], confirmed_by_sector[sector])
            for sector in sorted(totals)
        ),
    )


@lru_cache(maxsize=4)
def conversion_load(path: Path) -> dict[str, tuple[str, ...]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return hs_conversion_parse(handle)


def hs2022_to_hs1992_table() -> dict[str, tuple[str, ...]]:
    """UNSD's HS 2022 → HS 1992 conversion table from ODOP_DATA_DIR (read once per process)."""
    return conversion_load(Path(settings.ODOP_DATA_DIR) / HS2022_TO_HS1992)


def hs92_codes_for(product_type: ProductType) -> tuple[str, ...]:
    """The HS 1992 codes of the type's confirmed HS 2022 code (empty if none is confirmed),
    as six-digit text with leading zeros, for product-space work."""
    code = (
        ProductHSCode.objects.filter(product_type=product_type, status=HSLinkStatus.CONFIRMED)
        .values_list("hs_code__code", flat=True)
        .first()
    )
    if code is None:
        return ()
    return hs2022_to_hs1992_table().get(code, ())


def product_types_to_decide(
    *, user: User, status: str = "open", query: str = ""
) -> QuerySet[ProductType]:
    """Product types whose HS code `user` may decide (see `markets.permissions`), what most
    needs a decision first (issue 13): the types most districts list, then the least confident
    first suggestion (none at all first), then by name. `status` "open" (no confirmed code
    yet), "confirmed" or "all"; `query` narrows by name. Each type carries `confirmed_code`
    (or None), `district_count` and `top_confidence` (or None)."""
    from django.db.models import Count, F, OuterRef, Subquery

    types = product_types_decidable_by(user)
    confirmed = ProductHSCode.objects.filter(
        product_type=OuterRef("pk"), status=HSLinkStatus.CONFIRMED
    ).values("hs_code__code")[:1]
    top_confidence = ProductHSCode.objects.filter(
        product_type=OuterRef("pk"), status=HSLinkStatus.SUGGESTED, rank=1
    ).values("confidence")[:1]
    types = types.annotate(
        confirmed_code=Subquery(confirmed),
        top_confidence=Subquery(top_confidence),
        district_count=Count("district_products", distinct=True),
    )
    if status == "open":
        types = types.filter(confirmed_code__isnull=True)
    elif status == "confirmed":
        types = types.filter(confirmed_code__isnull=False)
    if query.strip():
        types = types.filter(name__icontains=query.strip())
    return types.order_by(
        "-district_count", F("top_confidence").asc(nulls_first=True), "name", "pk"
    )


def suggestions_of(*, product_type_ids: list[int], top: int = 3) -> dict[int, list[ProductHSCode]]:
    """The best `top` open suggestions of each type (one query)."""
    result: dict[int, list[ProductHSCode]] = defaultdict(list)
    links = (
        ProductHSCode.objects.filter(
            product_type_id__in=product_type_ids, status=HSLinkStatus.SUGGESTED
        )
        .select_related("hs_code")
        .order_by("product_type_id", "rank")
    )
    for link in links:
        if len(result[link.product_type_id]) < top:
            result[link.product_type_id].append(link)
    return result
