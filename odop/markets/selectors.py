"""Read side of markets: what the HS suggester needs, and what officers and analysts see."""

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, IntegerField, QuerySet, Value, When

from odop.accounts.models import User
from odop.markets.hs_suggest import HSEntry, ProductText, hs_conversion_parse
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.permissions import product_hs_codes_visible_to, product_types_decidable_by
from odop.markets.potential import MarketPotential
from odop.registry.models import DistrictProduct, HSCode, ProductType

HS2022_TO_HS1992 = Path("trade/concordance/unsd_hs2022_to_hs1992_conversion.csv")
UNSPECIFIED_SECTOR = ""


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
def _conversion_load(path: Path) -> dict[str, tuple[str, ...]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return hs_conversion_parse(handle)


def hs2022_to_hs1992_table() -> dict[str, tuple[str, ...]]:
    """UNSD's HS 2022 → HS 1992 conversion table from ODOP_DATA_DIR (read once per process)."""
    return _conversion_load(Path(settings.ODOP_DATA_DIR) / HS2022_TO_HS1992)


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


TRADE_FILES = {
    "india_exports": Path("trade") / "india" / "india_exports_hs2_by_country_2010_2018.csv.gz",
    "gdp": Path("trade") / "macro" / "wb_gdp_current_usd.csv",
    "distances": Path("trade") / "gravity" / "dist_cepii.csv.gz",
}


@lru_cache(maxsize=4)
def _potential_sources(data_dir: str, stamp: tuple[int, ...]) -> tuple[object, object, object]:
    """The three trade files read once per file version (`stamp` is their mtimes); reading
    India's exports alone takes a few seconds."""
    from odop.markets.loaders import cepii_distances_load, india_trade_load, wdi_load

    root = Path(data_dir)
    return (
        india_trade_load(root / TRADE_FILES["india_exports"]),
        wdi_load(root / TRADE_FILES["gdp"]),
        cepii_distances_load(root / TRADE_FILES["distances"]),
    )


def export_potential_years() -> tuple[int, ...]:
    """The base years India's exports file covers."""
    india, _gdp, _distances = potential_sources()
    return tuple(sorted({row.year for row in india.rows}))  # type: ignore[attr-defined]


def potential_sources() -> tuple[object, object, object]:
    """India's exports, GDP and distances as loaded for the export potential (cached)."""
    root = Path(settings.ODOP_DATA_DIR)
    stamp = tuple((root / path).stat().st_mtime_ns for path in TRADE_FILES.values())
    return _potential_sources(str(root), stamp)


def export_markets_rank(
    *, chapter: str, year: int | None = None, rank_by: str = "potential", top: int = 10
) -> tuple[int, tuple[MarketPotential, ...]]:
    """The ranked markets for an HS chapter from India's own trade data (see
    `markets.potential` and docs/methods.md): (base year, markets). Raises
    `PotentialInputError` for a chapter India did not export that year, and `OSError` when the
    trade files are missing."""
    from odop.markets.potential import markets_rank, potential_inputs_from

    india, gdp, distances = potential_sources()
    year = year or max(export_potential_years())
    inputs = potential_inputs_from(india, gdp, distances, year=year)  # type: ignore[arg-type]
    ranked = markets_rank(
        inputs,
        product=chapter,
        top=top,
        rank_by="untapped" if rank_by == "untapped" else "potential",
    )
    return year, ranked


def product_types_to_decide(
    *, user: User, status: str = "open", query: str = ""
) -> QuerySet[ProductType]:
    """Product types whose HS code `user` may decide (see `markets.permissions`), newest
    decisions last: `status` "open" (no confirmed code yet), "confirmed" or "all"; `query`
    narrows by name. Each type carries `confirmed_code` (or None)."""
    from django.db.models import OuterRef, Subquery

    types = product_types_decidable_by(user)
    confirmed = ProductHSCode.objects.filter(
        product_type=OuterRef("pk"), status=HSLinkStatus.CONFIRMED
    ).values("hs_code__code")[:1]
    types = types.annotate(confirmed_code=Subquery(confirmed))
    if status == "open":
        types = types.filter(confirmed_code__isnull=True)
    elif status == "confirmed":
        types = types.filter(confirmed_code__isnull=False)
    if query.strip():
        types = types.filter(name__icontains=query.strip())
    return types.order_by("name", "pk")


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
