"""Read side of a district's export profile (issue 4): its products and their HS codes, India's
current markets for those HS chapters and their growth, the markets with the most untapped
potential (`markets.potential`) and product-space neighbours as new products
(`markets.neighbours`).

The trade files are read once per file version and process (`lru_cache` keyed on their
modification times); a profile then costs a few queries and some milliseconds of arithmetic.
Products use their confirmed HS code; a product with none uses its best suggestion, marked as
such, so a district is not blank while officers work through the suggestions.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet

from odop.geography.models import District
from odop.markets.loaders import IndiaTrade
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.neighbours import Link, Neighbour, neighbours_rank
from odop.markets.potential import MarketPotential, PotentialInputError
from odop.markets.selectors import (
    export_markets_rank,
    hs2022_to_hs1992_table,
    potential_sources,
)
from odop.registry.models import DistrictProduct

TRADE = Path("trade")
COUNTRY_CODES = TRADE / "hs" / "baci_country_codes_V202301.csv"
HS92_LABELS = TRADE / "hs" / "baci_product_codes_HS92_V202301.csv"
BACKBONE_EDGES = TRADE / "product_space" / "oec_edges_hs92_6.json"
BACKBONE_NODES = TRADE / "product_space" / "oec_nodes_hs92_6.json"
PCI_TABLE = TRADE / "product_space" / "oec_pci_hs6_hs92_1995_2021.csv"

GROWTH_YEARS = 5  # growth is the compound annual rate over the last five years of data
CURRENT_MARKETS = 5
SUGGESTED_MARKETS = 5
NEW_PRODUCTS = 10


@dataclass(frozen=True)
class ProfileProduct:
    """One of the district's products with the HS code the profile uses for it."""

    product: DistrictProduct
    hs_code: str | None
    hs_description: str
    confirmed: bool

    @property
    def chapter(self) -> str | None:
        return self.hs_code[:2] if self.hs_code else None


@dataclass(frozen=True)
class MarketFlow:
    """India's exports of a chapter to one market: latest year and growth."""

    market: str
    name: str
    value: float  # US$ million, latest year
    growth: float | None  # compound annual rate over GROWTH_YEARS; None if it did not buy then
    width: float  # bar length, % of the largest market's value

    @property
    def growth_percent(self) -> float | None:
        return None if self.growth is None else 100 * self.growth


@dataclass(frozen=True)
class SuggestedMarket:
    """A market ranked by untapped potential, with its name and bar lengths (%)."""

    potential: MarketPotential
    name: str
    actual_width: float
    untapped_width: float


@dataclass(frozen=True)
class ChapterMarkets:
    """India's trade in one HS chapter: where it sells now and where it could sell more."""

    chapter: str
    name: str
    year: int
    total: float
    growth: float | None
    current: tuple[MarketFlow, ...]
    suggested: tuple[SuggestedMarket, ...]
    products: tuple[str, ...]  # the district's products in this chapter

    @property
    def growth_percent(self) -> float | None:
        return None if self.growth is None else 100 * self.growth


@dataclass(frozen=True)
class NewProduct:
    """A product-space neighbour with its label and the district product it is next to."""

    neighbour: Neighbour
    label: str
    seed_label: str
    chapter_name: str


@dataclass(frozen=True)
class ExportProfile:
    district: District
    products: tuple[ProfileProduct, ...]
    chapters: tuple[ChapterMarkets, ...]
    new_products: tuple[NewProduct, ...]
    pci_year: int | None
    seeds: tuple[str, ...]  # HS 1992 codes the neighbours start from
    trade_data_missing: bool


def _stamp(*paths: Path) -> tuple[int, ...]:
    return tuple(path.stat().st_mtime_ns for path in paths)


_FLOWS: dict[int, tuple[IndiaTrade, tuple[dict, dict[str, str]]]] = {}


def _india_flows(trade: IndiaTrade) -> tuple[dict, dict[str, str]]:
    """{chapter: {year: {iso3: US$ m}}} and chapter names of India's exports, from the object
    the export potential already loaded and cached (so the file is read once); kept per object
    (it holds a dict, so it cannot key an lru_cache)."""
    cached = _FLOWS.get(id(trade))
    if cached is not None and cached[0] is trade:
        return cached[1]
    flows: dict[str, dict[int, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for row in trade.rows:
        if row.partner_iso3 and row.value_usd_million:
            by_market = flows[row.chapter][row.year]
            by_market[row.partner_iso3] = by_market.get(row.partner_iso3, 0.0) + (
                row.value_usd_million
            )
    result = {chapter: dict(years) for chapter, years in flows.items()}, dict(trade.chapter_names)
    _FLOWS.clear()  # one trade file version at a time
    _FLOWS[id(trade)] = (trade, result)
    return result


@lru_cache(maxsize=2)
def _country_names(path: str, _stamp: tuple[int, ...]) -> dict[str, str]:
    from odop.markets.loaders.reading import delimited_read

    table = delimited_read(Path(path), name=Path(path).name)
    index = table.column_index(("country_name_abbreviation", "iso_3digit_alpha"))
    return {
        row[index["iso_3digit_alpha"]].strip(): row[index["country_name_abbreviation"]].strip()
        for _, row in table.rows
        if row[index["iso_3digit_alpha"]].strip()
    }


@lru_cache(maxsize=2)
def _product_space(
    edges: str, nodes: str, pci: str, labels: str, _stamp: tuple[int, ...]
) -> tuple[tuple[Link, ...], dict[str, float], int | None, dict[str, str]]:
    """Backbone links, the PCI of the table's latest year, that year, and HS92 labels."""
    from odop.markets.loaders import baci_product_codes_load, backbone_load
    from odop.markets.loaders.product_space import oec_pci_load

    backbone = backbone_load(Path(edges), nodes_path=Path(nodes))
    links = tuple(Link(e.product_a, e.product_b, e.strength) for e in backbone.edges)
    table = oec_pci_load(Path(pci))
    year = table.years[-1] if table.years else None
    names = baci_product_codes_load(Path(labels))
    names.update({code: label for code, label in table.labels.items() if code not in names})
    return links, (table.by_year[year] if year else {}), year, names


def _cagr(latest: float, earlier: float | None, years: int) -> float | None:
    if not earlier or earlier <= 0 or latest <= 0:
        return None
    return (latest / earlier) ** (1 / years) - 1


def profile_products(*, district: District) -> tuple[ProfileProduct, ...]:
    """The district's products with their confirmed HS code, else their best suggestion."""
    products: QuerySet[DistrictProduct] = (
        DistrictProduct.objects.filter(district=district)
        .select_related("product_type")
        .order_by("name")
    )
    links = (
        ProductHSCode.objects.filter(
            product_type_id__in=[p.product_type_id for p in products],
            status__in=(HSLinkStatus.CONFIRMED, HSLinkStatus.SUGGESTED),
        )
        .select_related("hs_code")
        .order_by("product_type_id", "-status", "rank")  # "suggested" > "confirmed"
    )
    chosen: dict[int, ProductHSCode] = {}
    for link in links:
        current = chosen.get(link.product_type_id)
        if current is None or (
            link.status == HSLinkStatus.CONFIRMED and current.status != HSLinkStatus.CONFIRMED
        ):
            chosen[link.product_type_id] = link
    result = []
    for product in products:
        choice = chosen.get(product.product_type_id)
        result.append(
            ProfileProduct(
                product=product,
                hs_code=choice.hs_code.code if choice else None,
                hs_description=choice.hs_code.description if choice else "",
                confirmed=bool(choice and choice.status == HSLinkStatus.CONFIRMED),
            )
        )
    return tuple(result)


def _chapter_markets(
    chapter: str,
    products: tuple[str, ...],
    flows: dict,
    chapter_names: dict[str, str],
    names: dict[str, str],
) -> ChapterMarkets | None:
    years = flows.get(chapter)
    if not years:
        return None
    year = max(years)
    latest = years[year]
    earlier = years.get(year - GROWTH_YEARS, {})
    top = sorted(latest.items(), key=lambda item: (-item[1], item[0]))[:CURRENT_MARKETS]
    largest = top[0][1] if top else 0.0
    current = tuple(
        MarketFlow(
            market=iso3,
            name=names.get(iso3, iso3),
            value=value,
            growth=_cagr(value, earlier.get(iso3), GROWTH_YEARS),
            width=100 * value / largest if largest else 0.0,
        )
        for iso3, value in top
    )
    total = math.fsum(latest.values())
    try:
        _year, ranked = export_markets_rank(
            chapter=chapter, year=year, rank_by="untapped", top=SUGGESTED_MARKETS
        )
    except PotentialInputError:
        ranked = ()
    scale = max((m.potential for m in ranked), default=0.0) or 1.0
    suggested = tuple(
        SuggestedMarket(
            potential=market,
            name=names.get(market.market, market.market),
            actual_width=100 * min(market.actual, market.potential) / scale,
            untapped_width=100 * market.untapped / scale,
        )
        for market in ranked
    )
    return ChapterMarkets(
        chapter=chapter,
        name=chapter_names.get(chapter, ""),
        year=year,
        total=total,
        growth=_cagr(total, math.fsum(earlier.values()) or None, GROWTH_YEARS),
        current=current,
        suggested=suggested,
        products=products,
    )


def district_export_profile(*, district: District) -> ExportProfile:
    """Everything the public export profile page shows for `district`. When the trade files
    are missing the products are still listed and `trade_data_missing` is set."""
    products = profile_products(district=district)
    root = Path(settings.ODOP_DATA_DIR)
    try:
        india, _gdp, _distances = potential_sources()
        flows, chapter_names = _india_flows(india)  # type: ignore[arg-type]
        codes = root / COUNTRY_CODES
        names = _country_names(str(codes), _stamp(codes))
        space_files = [root / p for p in (BACKBONE_EDGES, BACKBONE_NODES, PCI_TABLE, HS92_LABELS)]
        links, pci, pci_year, labels = _product_space(
            *(str(p) for p in space_files), _stamp(*space_files)
        )
        conversion = hs2022_to_hs1992_table()
    except OSError:
        return ExportProfile(district, products, (), (), None, (), trade_data_missing=True)

    by_chapter: dict[str, list[str]] = defaultdict(list)
    seed_origin: dict[str, str] = {}
    for item in products:
        if item.chapter:
            by_chapter[item.chapter].append(item.product.name)
            for hs92 in conversion.get(item.hs_code or "", ()):
                seed_origin.setdefault(hs92, item.product.name)
    chapters = tuple(
        markets
        for chapter in sorted(by_chapter)
        if (
            markets := _chapter_markets(
                chapter, tuple(by_chapter[chapter]), flows, chapter_names, names
            )
        )
        is not None
    )
    ranked = neighbours_rank(links, seeds=seed_origin, pci=pci, top=NEW_PRODUCTS)
    new_products = tuple(
        NewProduct(
            neighbour=item,
            label=labels.get(item.product, item.product),
            seed_label=f"{seed_origin[item.nearest_seed]} (HS {item.nearest_seed})",
            chapter_name=chapter_names.get(item.product[:2], ""),
        )
        for item in ranked
    )
    return ExportProfile(
        district=district,
        products=products,
        chapters=chapters,
        new_products=new_products,
        pci_year=pci_year,
        seeds=tuple(sorted(seed_origin)),
        trade_data_missing=False,
    )
