"""Read side of markets for trade: export potential, macro series, India's exports, BACI."""

import logging
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from odop.markets.loaders import CepiiDistances, IndiaTrade, IndicatorSeries
from odop.markets.potential import MarketPotential, PotentialInputError, PotentialInputs
from odop.markets.potential_hs6 import Hs6Supply
from odop.markets.selectors.hs import conversion_load
from odop.markets.storage import baci_dir, inputs_cached

if TYPE_CHECKING:
    from odop.markets.baci_store import BaciYear

logger = logging.getLogger(__name__)


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
    return conversion_load(Path(settings.ODOP_DATA_DIR) / CONCORDANCE_DIR / name)


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
