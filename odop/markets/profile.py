"""Read side of a district's export profile (issue 4): its products and their HS codes, India's
current markets for those HS chapters and their growth, the markets with the most untapped
potential (`markets.potential`) and product-space neighbours as new products
(`markets.neighbours`).

The trade files are read once per file version and process (`lru_cache` keyed on their
modification times), and parsed once per file version at all (`markets.storage.inputs_cached`
keeps the parsed inputs on disk, so a new process's first profile does not parse CSV files);
a profile then costs a few queries and some milliseconds of arithmetic.

When an operator has loaded a BACI year for India (`odop baci_year`), each product's markets
are ranked at HS6 from that year (`selectors.hs6_markets_for`) instead of at chapter level,
and the new products carry India's density and COG from that year.
Products use their confirmed HS code; a product with none uses its best suggestion, marked as
such, so a district is not blank while officers work through the suggestions.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Q, QuerySet

from odop.geography.models import District
from odop.markets.baci_store import BaciManifest, BaciYear
from odop.markets.hs_suggest import CONFIDENCE_PUBLIC_MIN
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.neighbours import Link, Neighbour, neighbours_rank
from odop.markets.potential import MarketPotential, PotentialInputError
from odop.markets.selectors import (
    Hs6Markets,
    baci_year_current,
    export_markets_rank,
    hs6_markets_for,
    hs2022_to_hs1992_table,
    india_exports_prepared,
)
from odop.markets.storage import inputs_cached
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
class ProductMarkets:
    """One product's HS6 markets from the loaded BACI year (or why there are none)."""

    product: str
    hs6: Hs6Markets
    suggested: tuple[SuggestedMarket, ...]


@dataclass(frozen=True)
class ChapterMarkets:
    """India's trade in one HS chapter: where it sells now and where it could sell more."""

    chapter: str
    name: str
    year: int
    total: float
    growth: float | None
    current: tuple[MarketFlow, ...]
    suggested: tuple[SuggestedMarket, ...]  # chapter level; empty when a BACI year is used
    products: tuple[str, ...]  # the district's products in this chapter
    product_markets: tuple[ProductMarkets, ...] = ()  # HS6 level, when a BACI year is loaded

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
    baci: BaciManifest | None = None  # the BACI year markets and positions come from
    baci_other_exporter: str | None = None  # a loaded year for another exporter, unused


def _stamp(*paths: Path) -> tuple[int, ...]:
    return tuple(path.stat().st_mtime_ns for path in paths)


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
    return inputs_cached(
        "product-space",
        [Path(edges), Path(nodes), Path(pci), Path(labels)],
        lambda: _product_space_read(edges, nodes, pci, labels),
    )


def _product_space_read(
    edges: str, nodes: str, pci: str, labels: str
) -> tuple[tuple[Link, ...], dict[str, float], int | None, dict[str, str]]:
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
    """The district's products with their confirmed HS code, else their best suggestion when
    the suggester is confident enough (`hs_suggest.CONFIDENCE_PUBLIC_MIN`, issue 13): a
    low-confidence guess never drives the markets and new products shown."""
    products: QuerySet[DistrictProduct] = (
        DistrictProduct.objects.filter(district=district)
        .select_related("product_type")
        .order_by("name")
    )
    links = (
        ProductHSCode.objects.filter(
            product_type_id__in=[p.product_type_id for p in products],
        )
        .filter(
            Q(status=HSLinkStatus.CONFIRMED)
            | Q(status=HSLinkStatus.SUGGESTED, confidence__gte=CONFIDENCE_PUBLIC_MIN)
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


def _suggested(
    ranked: Iterable[MarketPotential], names: dict[str, str]
) -> tuple[SuggestedMarket, ...]:
    """Markets with their names and bar lengths scaled to the largest potential shown."""
    ranked = tuple(ranked)
    scale = max((m.potential for m in ranked), default=0.0) or 1.0
    return tuple(
        SuggestedMarket(
            potential=market,
            name=names.get(market.market, market.market),
            actual_width=100 * min(market.actual, market.potential) / scale,
            untapped_width=100 * market.untapped / scale,
        )
        for market in ranked
    )


def _product_markets(
    products: list[ProfileProduct], year: BaciYear, names: dict[str, str]
) -> tuple[ProductMarkets, ...]:
    """Each product's top HS6 markets by untapped potential in the loaded year."""
    result = []
    for item in products:
        if not item.hs_code:
            continue
        hs6 = hs6_markets_for(
            hs2022=item.hs_code, year=year, top=SUGGESTED_MARKETS, rank_by="untapped"
        )
        result.append(ProductMarkets(item.product.name, hs6, _suggested(hs6.markets, names)))
    return tuple(result)


def _chapter_markets(
    chapter: str,
    products: list[ProfileProduct],
    flows: dict,
    chapter_names: dict[str, str],
    names: dict[str, str],
    year: BaciYear | None,
) -> ChapterMarkets | None:
    years = flows.get(chapter)
    if not years:
        return None
    latest_year = max(years)
    latest = years[latest_year]
    earlier = years.get(latest_year - GROWTH_YEARS, {})
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
    ranked: tuple[MarketPotential, ...] = ()
    if year is None:
        try:
            _year, ranked = export_markets_rank(
                chapter=chapter, year=latest_year, rank_by="untapped", top=SUGGESTED_MARKETS
            )
        except PotentialInputError:
            ranked = ()
    return ChapterMarkets(
        chapter=chapter,
        name=chapter_names.get(chapter, ""),
        year=latest_year,
        total=total,
        growth=_cagr(total, math.fsum(earlier.values()) or None, GROWTH_YEARS),
        current=current,
        suggested=_suggested(ranked, names),
        products=tuple(item.product.name for item in products),
        product_markets=_product_markets(products, year, names) if year else (),
    )


def _india_year() -> tuple[BaciYear | None, str | None]:
    """The loaded BACI year when it is India's, and the exporter of a year loaded for
    another country (this page is about India's markets, so that year is not used)."""
    year = baci_year_current()
    if year is None:
        return None, None
    if year.manifest.exporter != "IND":
        return None, year.manifest.exporter
    return year, None


def district_export_profile(*, district: District) -> ExportProfile:
    """Everything the public export profile page shows for `district`. When the trade files
    are missing the products are still listed and `trade_data_missing` is set. With a BACI
    year loaded for India, markets are ranked per product at HS6 (`product_markets`) and new
    products carry India's density and COG; otherwise at chapter level (`suggested`)."""
    products = profile_products(district=district)
    root = Path(settings.ODOP_DATA_DIR)
    try:
        prepared = india_exports_prepared()
        flows, chapter_names = prepared.flows, prepared.chapter_names
        codes = root / COUNTRY_CODES
        names = _country_names(str(codes), _stamp(codes))
        space_files = [root / p for p in (BACKBONE_EDGES, BACKBONE_NODES, PCI_TABLE, HS92_LABELS)]
        links, pci, pci_year, labels = _product_space(
            *(str(p) for p in space_files), _stamp(*space_files)
        )
        conversion = hs2022_to_hs1992_table()
    except OSError:
        return ExportProfile(district, products, (), (), None, (), trade_data_missing=True)
    year, other_exporter = _india_year()

    by_chapter: dict[str, list[ProfileProduct]] = defaultdict(list)
    seed_origin: dict[str, str] = {}
    for item in products:
        if item.chapter:
            by_chapter[item.chapter].append(item)
            for hs92 in conversion.get(item.hs_code or "", ()):
                seed_origin.setdefault(hs92, item.product.name)
    chapters = tuple(
        markets
        for chapter in sorted(by_chapter)
        if (
            markets := _chapter_markets(
                chapter, by_chapter[chapter], flows, chapter_names, names, year
            )
        )
        is not None
    )
    ranked = neighbours_rank(
        links,
        seeds=seed_origin,
        pci=pci,
        top=NEW_PRODUCTS,
        positions=year.positions if year else None,
    )
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
        baci=year.manifest if year else None,
        baci_other_exporter=other_exporter,
    )
