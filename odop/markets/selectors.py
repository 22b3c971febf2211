"""Read side of markets: what the HS suggester needs, and what officers and analysts see."""

import logging
from collections import defaultdict
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, IntegerField, QuerySet, Value, When

from odop.accounts.models import User
from odop.markets.hs_suggest import HSEntry, ProductText, glossary_words, hs_conversion_parse
from odop.markets.loaders import CepiiDistances, IndiaTrade, IndicatorSeries
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.permissions import product_hs_codes_visible_to, product_types_decidable_by
from odop.markets.potential import MarketPotential, PotentialInputError, PotentialInputs
from odop.markets.potential_hs6 import Hs6Supply
from odop.markets.storage import baci_dir, inputs_cached
from odop.registry.models import DistrictProduct, HSCode, ProductType
from odop.registry.search import glossary_load
from odop.registry.search.text import words

if TYPE_CHECKING:
    from odop.markets.baci_store import BaciYear

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
POPULATION_FILE = Path("trade") / "macro" / "wb_population.csv"
CONCORDANCE_DIR = Path("trade") / "concordance"
# BACI's revision names ("HS17") and the years UNSD's file names use for them ("hs2017").
HS_REVISION_YEARS = {
    "HS92": "1992",
    "HS96": "1996",
    "HS02": "2002",
    "HS07": "2007",
    "HS12": "2012",
    "HS17": "2017",
    "HS22": "2022",
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


def potential_sources() -> tuple[object, object, object]:
    """India's exports, GDP and distances as loaded for the export potential (cached)."""
    root = Path(settings.ODOP_DATA_DIR)
    stamp = tuple((root / path).stat().st_mtime_ns for path in TRADE_FILES.values())
    return _potential_sources(str(root), stamp)


def _macro_read(root: Path) -> tuple[IndicatorSeries, IndicatorSeries | None, CepiiDistances]:
    from odop.markets.loaders import cepii_distances_load, wdi_load

    population_path = root / POPULATION_FILE
    return (
        wdi_load(root / TRADE_FILES["gdp"]),
        wdi_load(population_path) if population_path.is_file() else None,
        cepii_distances_load(root / TRADE_FILES["distances"]),
    )


@lru_cache(maxsize=2)
def _macro_cached(
    data_dir: str, _stamp: tuple[int, ...]
) -> tuple[IndicatorSeries, IndicatorSeries | None, CepiiDistances]:
    root = Path(data_dir)
    sources = [root / TRADE_FILES["gdp"], root / TRADE_FILES["distances"]]
    if (root / POPULATION_FILE).is_file():
        sources.append(root / POPULATION_FILE)
    return inputs_cached("macro", sources, lambda: _macro_read(root))


def macro_sources() -> tuple[IndicatorSeries, IndicatorSeries | None, CepiiDistances]:
    """World Bank GDP, population (None when its file is absent) and CEPII distances, for
    the HS6 potential: from memory, else the disk cache, else the files. Raises `OSError`
    when the GDP or distance file is missing."""
    root = Path(settings.ODOP_DATA_DIR)
    paths = [root / TRADE_FILES["gdp"], root / TRADE_FILES["distances"], root / POPULATION_FILE]
    stamp = tuple(path.stat().st_mtime_ns if path.exists() else 0 for path in paths)
    return _macro_cached(str(root), stamp)


@dataclass(frozen=True)
class IndiaExportsPrepared:
    """What pages and the API need from India's chapter-level trade, computed once per file
    version: the years, {chapter: {year: {ISO3: US$ m}}}, chapter names, and the export
    potential inputs of every year (`potential_inputs_from`)."""

    years: tuple[int, ...]
    flows: dict[str, dict[int, dict[str, float]]]
    chapter_names: dict[str, str]
    inputs: dict[int, PotentialInputs]


def _india_exports_prepare(root: Path) -> IndiaExportsPrepared:
    from odop.markets.potential import potential_inputs_from

    india, gdp, distances = potential_sources()
    trade: IndiaTrade = india  # type: ignore[assignment]
    flows: dict[str, dict[int, dict[str, float]]] = {}
    for row in trade.rows:
        if row.partner_iso3 and row.value_usd_million:
            by_market = flows.setdefault(row.chapter, {}).setdefault(row.year, {})
            by_market[row.partner_iso3] = (
                by_market.get(row.partner_iso3, 0.0) + row.value_usd_million
            )
    years = tuple(sorted({row.year for row in trade.rows}))
    inputs: dict[int, PotentialInputs] = {}
    for year in years:
        try:
            inputs[year] = potential_inputs_from(trade, gdp, distances, year=year)  # type: ignore[arg-type]
        except PotentialInputError:
            continue  # a year with no usable exports has no potential
    return IndiaExportsPrepared(
        years=years, flows=flows, chapter_names=dict(trade.chapter_names), inputs=inputs
    )


@lru_cache(maxsize=2)
def _india_exports_cached(data_dir: str, _stamp: tuple[int, ...]) -> IndiaExportsPrepared:
    root = Path(data_dir)
    return inputs_cached(
        "india-exports",
        [root / path for path in TRADE_FILES.values()],
        lambda: _india_exports_prepare(root),
    )


def india_exports_prepared() -> IndiaExportsPrepared:
    """India's chapter-level exports as pages use them: from memory, else from the disk cache
    (`markets.storage.inputs_cached`, ~0.1 s), else parsed from the files (~4 s). Raises
    `OSError` when a trade file is missing."""
    root = Path(settings.ODOP_DATA_DIR)
    stamp = tuple((root / path).stat().st_mtime_ns for path in TRADE_FILES.values())
    return _india_exports_cached(str(root), stamp)


def export_potential_years() -> tuple[int, ...]:
    """The base years India's exports file covers."""
    return india_exports_prepared().years


def export_markets_rank(
    *, chapter: str, year: int | None = None, rank_by: str = "potential", top: int = 10
) -> tuple[int, tuple[MarketPotential, ...]]:
    """The ranked markets for an HS chapter from India's own trade data (see
    `markets.potential` and docs/methods.md): (base year, markets). Raises
    `PotentialInputError` for a chapter India did not export that year, and `OSError` when the
    trade files are missing."""
    from odop.markets.potential import markets_rank

    prepared = india_exports_prepared()
    year = year or max(prepared.years)
    inputs = prepared.inputs.get(year)
    if inputs is None:
        raise PotentialInputError(f"no exports in {year}")
    ranked = markets_rank(
        inputs,
        product=chapter,
        top=top,
        rank_by="untapped" if rank_by == "untapped" else "potential",
    )
    return year, ranked


def hs_conversion_table(*, source: str, target: str) -> dict[str, tuple[str, ...]] | None:
    """UNSD's conversion table from revision `source` to `target` (BACI names: "HS22",
    "HS17", "HS92"), code → codes, or None when they are the same revision. Raises
    `FileNotFoundError` when ODOP_DATA_DIR has no such table (only HS 2022 → 2017, HS 2022 →
    1992 and HS 2017 → 1992 are shipped)."""
    if source == target:
        return None
    name = f"unsd_hs{HS_REVISION_YEARS[source]}_to_hs{HS_REVISION_YEARS[target]}_conversion.csv"
    return _conversion_load(Path(settings.ODOP_DATA_DIR) / CONCORDANCE_DIR / name)


@lru_cache(maxsize=1)
def _baci_year_cached(folder: str, _stamp: int) -> "BaciYear | None":
    from odop.markets.baci_store import baci_year_read, manifest_read

    manifest = manifest_read(Path(folder))
    if manifest is None:
        return None
    try:
        return baci_year_read(Path(folder), manifest)
    except (OSError, ValueError, KeyError) as error:
        logger.warning("The loaded BACI year in %s cannot be read (%s)", folder, error)
        return None


def baci_year_current() -> "BaciYear | None":
    """The BACI year an operator loaded with `odop baci_year`, or None. Read once per
    process and manifest version (keyed by the manifest's modification time, so a new load is
    seen by running servers on their next request); one year is held in memory at a time."""
    folder = baci_dir()
    try:
        stamp = (folder / "manifest.json").stat().st_mtime_ns
    except OSError:
        return None
    return _baci_year_cached(str(folder), stamp)


class Hs6Status(StrEnum):
    """Why a product has, or has not, ranked HS6 markets in the loaded year."""

    RANKED = "ranked"
    NO_CONCORDANCE = "no_concordance"  # no UNSD table to the year's revision
    NO_COUNTERPART = "no_counterpart"  # the table has no code for it
    NOT_TRADED = "not_traded"  # no country traded its counterpart that year
    NOT_EXPORTED = "not_exported"  # the exporter did not export it
    RCA_BELOW_FLOOR = "rca_below_floor"  # exported without comparative advantage


@dataclass(frozen=True)
class Hs6Markets:
    """An HS 2022 code's markets in the loaded BACI year: the counterpart code used in the
    year's revision, the exporter's supply of it, and the ranked markets (empty unless
    `status` is RANKED)."""

    hs2022: str
    year: int
    revision: str
    exporter: str
    status: Hs6Status
    code: str | None = None
    counterparts: tuple[str, ...] = ()
    supply: Hs6Supply | None = None
    markets: tuple[MarketPotential, ...] = ()


def hs6_markets_for(
    *, hs2022: str, year: "BaciYear", top: int = 5, rank_by: str = "untapped"
) -> Hs6Markets:
    """The top markets of `hs2022` (a six-digit HS 2022 code) in the loaded `year`, ranked
    by `rank_by` ("untapped" or "potential"). The code is moved to the year's revision with
    UNSD's conversion table; where it gives several codes, the one the exporter exports most
    of is used (all are listed in `counterparts`). Never raises for a code with no markets:
    `status` says why."""
    from odop.markets.potential_hs6 import DEFAULT_RCA_FLOOR, hs6_markets_rank, hs6_supply

    base, revision = year.base, year.manifest.revision
    result = Hs6Markets(
        hs2022=hs2022,
        year=base.year,
        revision=revision,
        exporter=base.exporter,
        status=Hs6Status.NO_CONCORDANCE,
    )
    try:
        table = hs_conversion_table(source="HS22", target=revision)
    except (FileNotFoundError, KeyError):
        return result
    counterparts = (hs2022,) if table is None else table.get(hs2022, ())
    if not counterparts:
        return replace(result, status=Hs6Status.NO_COUNTERPART)
    supplies = []
    for code in counterparts:
        try:
            supplies.append(hs6_supply(base, product=code))
        except PotentialInputError:
            continue
    if not supplies:
        traded = any(int(code) in base.products for code in counterparts)
        status = Hs6Status.NOT_EXPORTED if traded else Hs6Status.NOT_TRADED
        return replace(result, status=status, code=counterparts[0], counterparts=counterparts)
    supply = max(supplies, key=lambda item: (item.exports, item.product))
    found = replace(result, code=supply.product, counterparts=counterparts, supply=supply)
    if supply.rca < DEFAULT_RCA_FLOOR:
        return replace(found, status=Hs6Status.RCA_BELOW_FLOOR)
    markets = hs6_markets_rank(
        base,
        product=supply.product,
        top=top,
        rank_by="untapped" if rank_by == "untapped" else "potential",
    )
    return replace(found, status=Hs6Status.RANKED, markets=markets)


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
