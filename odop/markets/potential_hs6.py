"""Export potential at HS6 from one BACI year, in the structure of ITC's Export Potential
Indicator (Decreux & Spies 2016): potential = supply × demand × ease, untapped potential =
max(0, potential − actual exports). The chapter-level version for India's own data is
`potential.py`; this one takes ITC's own inputs from BACI, which has every exporter, and returns
the same `MarketPotential` rows so pages show both levels the same way. Pure maths (house style
rule 7): no ORM, no I/O. `docs/methods.md` ("At HS6 from a BACI year") states each formula,
assumption and departure from ITC. For exporter i, HS6 product k and market j (US$ million):

- supply S_ik = x_ik / x_Wk, i's share of world exports of k, counted only when i's Balassa
  RCA_ik = (x_ik / x_i) / (x_Wk / x_W) ≥ `rca_floor` (1 by default); RCA_ik = S_ik / (x_i / x_W)
  is also the supply's index in the reasons.
- demand D_jk = M_jk · G_j, j's imports of k from every exporter grown over `horizon_years`:
  G_j = ((1 + g_j^pc)^ε · (1 + g_j^pop))^h, from j's GDP and population growth over the
  `growth_years` before the base year; with ε = 1 (default) this is GDP growth, (1 + g_j)^h.
- ease B_ij = (X_ij / M_j) / (X_i / (M_W − M_i)): i's share of j's imports relative to its share
  of the world's imports (bought by markets other than i), times the chapter level's distance
  factor F_ij = (d_ij / d̄_i)^(−θ).
- potential P_ijk = S_ik · D_jk · B_ij · F_ij; untapped U_ijk = max(0, P_ijk − x_ijk).

`hs6_potential_prepare` does the work that does not depend on the product once per (year,
exporter): it groups the ~10M rows with `np.bincount` and sorts them by product (a radix sort),
so that `hs6_markets_rank` then reads one product's rows as a slice.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from odop.markets.loaders import BaciTable, CepiiDistances, IndicatorSeries
from odop.markets.potential import (
    DEFAULT_DISTANCE_ELASTICITY,
    DEFAULT_GROWTH_YEARS,
    DEFAULT_HORIZON_YEARS,
    MarketPotential,
    PotentialInputError,
    distance_factor,
    distance_mean,
    growth_rate,
    potential_summary,
    reasons_order,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# ITC counts only products the exporter already exports with a revealed comparative advantage.
DEFAULT_RCA_FLOOR = 1.0
# Demand grows one for one with income per head unless told otherwise (no product-specific
# income elasticities in the shared data).
DEFAULT_INCOME_ELASTICITY = 1.0
# BACI's values are thousands of US$; the potential is reported in US$ million, as at chapter level.
_THOUSANDS_PER_MILLION = 1000.0
# ISO3 letters are ASCII: three 7-bit characters make one integer below 2**21.
_ISO3_SPACE = 1 << 21


@dataclass(frozen=True, slots=True, eq=False)
class Hs6PotentialBase:
    """Everything about one exporter in one BACI year that does not depend on the product,
    and the year's rows sorted by product. Country arrays are indexed like `countries`
    (ISO3, sorted); product arrays like `products` (six-digit codes as integers, sorted).
    Money is in US$ million."""

    exporter: str
    year: int
    countries: tuple[str, ...]
    exporter_index: int
    exporter_total: float  # x_i: the exporter's exports of everything
    world_total: float  # x_W = M_W: every flow in the year
    exports_to: FloatArray  # X_ij: the exporter's exports to each country, all products
    imports_total: FloatArray  # M_j: each country's imports from everyone, all products
    gdp_growth: FloatArray  # g_j, NaN when the GDP series has no figure at either end
    population_growth: FloatArray  # g_j^pop, NaN when not given or no figure
    distance_km: FloatArray  # d_ij (CEPII `dist`), NaN when the pair is not in the file
    mean_distance_km: float | None  # d̄_i, weighted by X_ij
    products: IntArray
    product_world_exports: FloatArray  # x_Wk
    product_exporter_exports: FloatArray  # x_ik
    product_rows: IntArray  # product p's rows are row_*[product_rows[p]:product_rows[p + 1]]
    row_importer: npt.NDArray[np.int16]
    row_value: FloatArray
    row_from_exporter: npt.NDArray[np.bool_]
    product_descriptions: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Hs6Supply:
    """The exporter's supply of one HS6 product (US$ million): its exports, the world's,
    its share of the world's (S) and its Balassa RCA."""

    product: str
    exports: float
    world_exports: float
    share: float
    rca: float


def _iso3_codes(codes: npt.NDArray[np.str_]) -> IntArray:
    """Each ISO3 as one integer (three 7-bit characters), ordered as the text is."""
    characters = np.ascontiguousarray(codes, dtype="<U3").view(np.uint32).reshape(-1, 3)
    if characters.size and int(characters.max()) >= 128:
        raise PotentialInputError("country codes must be ASCII ISO3 codes")
    first, second, third = (characters[:, n].astype(np.int64) for n in range(3))
    return (first << 14) | (second << 7) | third


def _iso3_text(code: int) -> str:
    characters = (code >> 14 & 127, code >> 7 & 127, code & 127)
    return "".join(chr(c) for c in characters if c)


def _product_codes(codes: npt.NDArray[np.str_]) -> IntArray:
    """Six-digit HS codes (text) as integers, without a per-row Python loop."""
    characters = np.ascontiguousarray(codes, dtype="<U6").view(np.uint32).reshape(-1, 6)
    number = np.zeros(len(characters), dtype=np.int64)
    for position in range(6):
        digit = characters[:, position].astype(np.int64) - ord("0")
        if digit.size and (int(digit.min()) < 0 or int(digit.max()) > 9):
            raise PotentialInputError("product codes must be six digits")
        number = number * 10 + digit
    return number


def _dense(codes: IntArray, *, space: int) -> tuple[IntArray, IntArray]:
    """(sorted distinct codes, each row's position among them): np.unique's result in O(n)
    through a lookup table over the code space, since the codes are small integers."""
    present = np.zeros(space, dtype=np.bool_)
    present[codes] = True
    distinct = np.flatnonzero(present)
    position = np.full(space, -1, dtype=np.int64)
    position[distinct] = np.arange(len(distinct))
    return distinct.astype(np.int64), position[codes]


def _growth_array(
    series: IndicatorSeries | None,
    countries: tuple[str, ...],
    *,
    year: int,
    growth_years: int,
) -> FloatArray:
    if series is None:
        return np.full(len(countries), np.nan)
    rates = (growth_rate(series, c, year=year, growth_years=growth_years) for c in countries)
    return np.array([np.nan if r is None else r for r in rates], dtype=np.float64)


def hs6_potential_prepare(
    table: BaciTable,
    *,
    exporter: str,
    gdp: IndicatorSeries,
    distances: CepiiDistances,
    population: IndicatorSeries | None = None,
    growth_years: int = DEFAULT_GROWTH_YEARS,
) -> Hs6PotentialBase:
    """The product-independent part of the potential of `exporter` (ISO3, as `baci_load`
    maps BACI's numeric codes: 699 is "IND") in one BACI year (`baci_load`), with a World Bank
    GDP series and optionally population (`wdi_load`) and CEPII distances
    (`cepii_distances_load`). Growth is measured over the `growth_years` to the table's year.
    Raises `PotentialInputError` for an empty table, a table of several years, negative or
    non-finite values, or an exporter with no exports in it. Takes 1.5–3 s for 5M rows on two
    cores (numpy group-bys and one radix sort, no loop over rows), and the result holds the
    rows again (11 bytes each): keep it for the year, then `hs6_markets_rank` takes about 1 ms."""
    rows = len(table.value)
    if rows == 0:
        raise PotentialInputError("the BACI table has no rows")
    if int(table.year.min()) != int(table.year.max()):
        raise PotentialInputError("the BACI table holds several years; give it one")
    year = int(table.year[0])
    value = np.asarray(table.value, dtype=np.float64)
    if not np.isfinite(value).all() or float(value.min()) < 0:
        raise PotentialInputError("BACI values must be finite and ≥ 0")
    value = value / _THOUSANDS_PER_MILLION

    exporter_codes = _iso3_codes(table.exporter)
    importer_codes = _iso3_codes(table.importer)
    country_codes, positions = _dense(
        np.concatenate((exporter_codes, importer_codes)), space=_ISO3_SPACE
    )
    exporter_position, importer_position = positions[:rows], positions[rows:]
    countries = tuple(_iso3_text(int(code)) for code in country_codes)
    if exporter not in countries:
        raise PotentialInputError(f"exporter {exporter} is not in the BACI table")
    exporter_index = countries.index(exporter)
    from_exporter = exporter_position == exporter_index
    exporter_total = float(value[from_exporter].sum())
    if exporter_total <= 0:
        raise PotentialInputError(f"exporter {exporter} exported nothing in {year}")

    product_codes, product_position = _dense(_product_codes(table.product), space=1_000_000)
    products = len(product_codes)
    # A 16-bit key makes numpy's stable argsort a radix sort: linear in the rows.
    order = np.argsort(
        product_position.astype(np.int16 if products < 2**15 else np.int32), kind="stable"
    )
    country_count = len(countries)
    exports_to = np.bincount(
        importer_position[from_exporter], weights=value[from_exporter], minlength=country_count
    )
    distance_km = np.array(
        [
            pair.distance_km if (pair := distances.pairs.get((exporter, c))) else np.nan
            for c in countries
        ],
        dtype=np.float64,
    )
    return Hs6PotentialBase(
        exporter=exporter,
        year=year,
        countries=countries,
        exporter_index=exporter_index,
        exporter_total=exporter_total,
        world_total=float(value.sum()),
        exports_to=exports_to,
        imports_total=np.bincount(importer_position, weights=value, minlength=country_count),
        gdp_growth=_growth_array(gdp, countries, year=year, growth_years=growth_years),
        population_growth=_growth_array(
            population, countries, year=year, growth_years=growth_years
        ),
        distance_km=distance_km,
        mean_distance_km=distance_mean(
            (float(exports_to[c]), None if math.isnan(d) else float(d))
            for c, d in enumerate(distance_km)
            if c != exporter_index
        ),
        products=product_codes,
        product_world_exports=np.bincount(product_position, weights=value, minlength=products),
        product_exporter_exports=np.bincount(
            product_position[from_exporter], weights=value[from_exporter], minlength=products
        ),
        product_rows=np.concatenate(
            ([0], np.cumsum(np.bincount(product_position, minlength=products)))
        ).astype(np.int64),
        row_importer=importer_position[order].astype(np.int16),
        row_value=value[order],
        row_from_exporter=from_exporter[order],
        product_descriptions=table.product_descriptions,
    )


def _product_position(base: Hs6PotentialBase, product: str) -> int:
    if len(product) != 6 or not (product.isascii() and product.isdigit()):
        raise PotentialInputError(f"product {product!r} is not a six-digit HS code")
    code = int(product)
    position = int(np.searchsorted(base.products, code))
    if position == len(base.products) or int(base.products[position]) != code:
        raise PotentialInputError(f"product {product} is not traded in BACI {base.year}")
    return position


def hs6_supply(base: Hs6PotentialBase, *, product: str) -> Hs6Supply:
    """The exporter's supply of `product` (six digits, "520100"). Raises `PotentialInputError`
    for a malformed code, a product nobody traded that year, or one the exporter did not
    export."""
    position = _product_position(base, product)
    exports = float(base.product_exporter_exports[position])
    if exports <= 0:
        raise PotentialInputError(
            f"the exporter exported nothing of product {product} in {base.year}"
        )
    world = float(base.product_world_exports[position])
    share = exports / world
    return Hs6Supply(
        product=product,
        exports=exports,
        world_exports=world,
        share=share,
        rca=share / (base.exporter_total / base.world_total),
    )


def _growth_factors(
    base: Hs6PotentialBase, *, horizon_years: int, income_elasticity: float
) -> FloatArray:
    """G_j = ((1 + g_pc)^ε (1 + g_pop))^h; 1 where GDP growth is unknown, and population
    growth taken as 0 where it is unknown (all GDP growth is then income growth)."""
    gdp = 1.0 + base.gdp_growth
    population = 1.0 + np.nan_to_num(base.population_growth, nan=0.0)
    per_head = gdp / population
    factors = (per_head**income_elasticity * population) ** horizon_years
    return np.where(np.isnan(factors), 1.0, factors)


def _demand_text(
    base: Hs6PotentialBase,
    market: int,
    *,
    product: str,
    imports: float,
    demand: float,
    growth: float,
    demand_index: float,
    horizon_years: int,
) -> str:
    name = base.countries[market]
    start = f"demand: {name} imports US$ {imports:,.1f} m of {product}"
    gdp_growth = float(base.gdp_growth[market])
    if math.isnan(gdp_growth):
        return (
            f"{start} (no GDP growth figure, not projected), {demand_index:.2f}× the average market"
        )
    population_growth = float(base.population_growth[market])
    if math.isnan(population_growth):
        drivers = f"GDP growing {gdp_growth:.1%} a year"
    else:
        per_head = (1.0 + gdp_growth) / (1.0 + population_growth) - 1.0
        drivers = (
            f"GDP per head growing {per_head:.1%} and population {population_growth:.1%} a year"
        )
    return (
        f"{start}; {drivers} for {horizon_years} years (×{growth:.2f}) gives "
        f"US$ {demand:,.1f} m, {demand_index:.2f}× the average market"
    )


def hs6_markets_rank(
    base: Hs6PotentialBase,
    *,
    product: str,
    top: int = 10,
    horizon_years: int = DEFAULT_HORIZON_YEARS,
    distance_elasticity: float = DEFAULT_DISTANCE_ELASTICITY,
    income_elasticity: float = DEFAULT_INCOME_ELASTICITY,
    rca_floor: float = DEFAULT_RCA_FLOOR,
    rank_by: Literal["potential", "untapped"] = "potential",
) -> tuple[MarketPotential, ...]:
    """The `top` markets for HS6 `product` ("520100"), highest `rank_by` first, ties by ISO3,
    each with its components and reasons (US$ million). Every country that imported `product`
    in the year is scored, except the exporter. Raises `PotentialInputError` for a malformed
    or untraded product, one the exporter did not export, or one whose RCA is below
    `rca_floor` (pass 0 to score every exported product)."""
    if top < 1:
        raise PotentialInputError("top must be at least 1")
    supply = hs6_supply(base, product=product)
    if supply.rca < rca_floor:
        raise PotentialInputError(
            f"the exporter's RCA in product {product} is {supply.rca:.2f}, "
            f"below the floor of {rca_floor:.2f}"
        )
    position = _product_position(base, product)
    rows = slice(int(base.product_rows[position]), int(base.product_rows[position + 1]))
    importers = base.row_importer[rows]
    values = base.row_value[rows]
    from_exporter = base.row_from_exporter[rows]
    country_count = len(base.countries)
    imports = np.bincount(importers, weights=values, minlength=country_count)
    actual = np.bincount(
        importers[from_exporter], weights=values[from_exporter], minlength=country_count
    )
    markets = np.flatnonzero(imports > 0)
    markets = markets[markets != base.exporter_index]

    growth = _growth_factors(
        base, horizon_years=horizon_years, income_elasticity=income_elasticity
    )[markets]
    demand = imports[markets] * growth
    # i's expected share of any market: its share of what the other countries import.
    expected_share = base.exporter_total / (
        base.world_total - float(base.imports_total[base.exporter_index])
    )
    ease = base.exports_to[markets] / base.imports_total[markets] / expected_share
    factors = np.array(
        [
            distance_factor(
                None if math.isnan(d := float(base.distance_km[m])) else d,
                base.mean_distance_km,
                elasticity=distance_elasticity,
            )
            for m in markets
        ],
        dtype=np.float64,
    )
    potential = supply.share * demand * ease * factors
    untapped = np.maximum(0.0, potential - actual[markets])
    # Markets are in ISO3 order, so a stable sort on the score alone breaks ties by ISO3.
    score = untapped if rank_by == "untapped" else potential
    chosen = np.argsort(-score, kind="stable")[:top]
    mean_demand = float(demand.mean())

    results = []
    for n in chosen:
        market = int(markets[n])
        results.append(
            MarketPotential(
                market=base.countries[market],
                supply=supply.share,
                demand=float(demand[n]),
                ease=float(ease[n]),
                distance_factor=float(factors[n]),
                potential=float(potential[n]),
                actual=float(actual[market]),
                untapped=float(untapped[n]),
                reasons=_reasons(
                    base,
                    market,
                    supply=supply,
                    imports=float(imports[market]),
                    demand=float(demand[n]),
                    growth=float(growth[n]),
                    demand_index=float(demand[n]) / mean_demand,
                    ease=float(ease[n]),
                    factor=float(factors[n]),
                    horizon_years=horizon_years,
                    potential=float(potential[n]),
                    actual=float(actual[market]),
                    untapped=float(untapped[n]),
                ),
            )
        )
    return tuple(results)


def _reasons(
    base: Hs6PotentialBase,
    market: int,
    *,
    supply: Hs6Supply,
    imports: float,
    demand: float,
    growth: float,
    demand_index: float,
    ease: float,
    factor: float,
    horizon_years: int,
    potential: float,
    actual: float,
    untapped: float,
) -> tuple[str, ...]:
    """Plain-words reasons, ordered as at chapter level (`reasons_order`): the component
    furthest from neutral first (demand vs the average market, ease, distance factor, RCA)."""
    exporter, name = base.exporter, base.countries[market]
    if ease > 0:
        ease_text = (
            f"ease: {exporter}'s share of {name}'s imports is {ease:.2f}× "
            f"its share of world imports"
        )
    else:
        ease_text = (
            f"ease: {exporter} sold nothing to {name} in {base.year}, "
            f"so no potential is expected there"
        )
    distance = float(base.distance_km[market])
    distance_text = (
        f"distance: {distance:,.0f} km from {exporter}, factor {factor:.2f}"
        if not math.isnan(distance) and base.mean_distance_km is not None
        else "distance: unknown, factor 1.00"
    )
    supply_text = (
        f"supply: {exporter} makes {supply.share:.1%} of world exports of {supply.product}, "
        f"RCA {supply.rca:.2f}"
    )
    demand_text = _demand_text(
        base,
        market,
        product=supply.product,
        imports=imports,
        demand=demand,
        growth=growth,
        demand_index=demand_index,
        horizon_years=horizon_years,
    )
    return reasons_order(
        (
            (demand_index, demand_text),
            (ease, ease_text),
            (factor, distance_text),
            (supply.rca, supply_text),
        ),
        summary=potential_summary(potential=potential, actual=actual, untapped=untapped),
    )
