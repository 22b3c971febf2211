"""Export potential of one exporter's products in its markets, in the structure of ITC's Export
Potential Indicator (Decreux & Spies 2016): potential = supply × demand × ease, and untapped
potential = max(0, potential − actual exports). Pure maths over frozen dataclasses (house style
rule 7): no ORM, no I/O. `potential_inputs_from` turns loader outputs into `PotentialInputs`;
`markets_rank` ranks one product's markets with each component and the reasons.

The India data give India's exports by HS chapter × partner only (no world imports), so the
components are proxies; `docs/methods.md` states each formula, assumption and departure from ITC.
For product p and market m, with x_pm India's exports of p to m in the base year:

- supply S_p = x_p / x, the share of p in India's exports to all the markets in the inputs
  (ITC: the exporter's projected share of world supply of p).
- demand D_m = GDP_m · (X / Σ GDP) · G_m: what m would buy from India if India sold to every
  market in proportion to its GDP, grown over `horizon_years` at m's recent GDP growth,
  G_m = (1 + g_m)^horizon. With no GDP level, D_m = X_m (India's exports to m, the floor on m's
  imports) and the ease is neutral; with no growth rate, G_m = 1.
- ease B_m = X_m / (GDP_m · X / Σ GDP): India's actual sales to m relative to that expectation
  (ITC: the exporter's actual share of m's imports relative to its world share), times the
  distance factor F_m = (d_m / d̄)^(−θ), d̄ the export-weighted geometric mean distance from
  India to its markets (CEPII GeoDist), θ = `distance_elasticity`. With no distance, F_m = 1.
- potential P_pm = S_p · D_m · B_m · F_m (US$ million); untapped U_pm = max(0, P_pm − x_pm).

D_m · B_m = X_m · G_m, so over the markets the potential of p adds up to about India's exports
of p grown with its markets: untapped potential is where p is under-represented in India's sales
to m, given India's export basket, m's growth and its distance.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from odop.markets.loaders import CepiiDistances, IndiaTrade, IndicatorSeries

# ITC projects demand about five years ahead; GDP growth is measured over the five years before.
DEFAULT_HORIZON_YEARS = 5
DEFAULT_GROWTH_YEARS = 5
# Half the usual gravity distance elasticity (about 1): actual trade, hence the ease, already
# reflects most of distance's effect, so the separate factor is only a tilt to nearer markets.
DEFAULT_DISTANCE_ELASTICITY = 0.5


class PotentialInputError(ValueError):
    """The inputs cannot give a potential (unknown product, nothing exported, bad values, ...)."""


@dataclass(frozen=True, slots=True)
class MarketInput:
    """One market in the base year: India's exports to it by HS chapter (US$ million, > 0 only),
    its GDP (current US$) and annual GDP growth rate (0.03 = 3 %), and the distance from India
    (km); each of the last three is None when the source has no figure."""

    market: str
    exports_by_product: Mapping[str, float]
    gdp_usd: float | None
    gdp_growth: float | None
    distance_km: float | None

    @property
    def exports_total(self) -> float:
        """India's exports to this market, all products (X_m)."""
        return math.fsum(self.exports_by_product.values())


@dataclass(frozen=True, slots=True)
class PotentialInputs:
    """Every market of one exporter in one base year, markets unique by ISO3."""

    exporter: str
    year: int
    markets: tuple[MarketInput, ...]

    def __post_init__(self) -> None:
        codes = [market.market for market in self.markets]
        if len(set(codes)) != len(codes):
            raise PotentialInputError("market codes are not unique")
        for market in self.markets:
            if any(not math.isfinite(v) or v < 0 for v in market.exports_by_product.values()):
                raise PotentialInputError(f"{market.market}: exports must be finite and ≥ 0")


@dataclass(frozen=True, slots=True)
class MarketPotential:
    """One market's export potential for one product, its components and the reasons (the
    components furthest from neutral first). Money is in the inputs' unit (US$ million)."""

    market: str
    supply: float
    demand: float
    ease: float
    distance_factor: float
    potential: float
    actual: float
    untapped: float
    reasons: tuple[str, ...]


def _gdp_scale(markets: tuple[MarketInput, ...]) -> float | None:
    """X / Σ GDP over the markets with a GDP: India's exports per dollar of its markets' GDP."""
    with_gdp = [m for m in markets if m.gdp_usd is not None and m.gdp_usd > 0]
    gdp_total = math.fsum(m.gdp_usd for m in with_gdp if m.gdp_usd is not None)
    if gdp_total <= 0:
        return None
    return math.fsum(m.exports_total for m in with_gdp) / gdp_total


def distance_mean(weighted: Iterable[tuple[float, float | None]]) -> float | None:
    """d̄: geometric mean of the distances (km), weighted by the exporter's exports to each
    market, from (exports, distance) pairs; pairs with no distance or no exports are left out,
    and None when nothing is left. Shared with `potential_hs6`."""
    kept = [(w, d) for w, d in weighted if d is not None and d > 0 and w > 0]
    weight = math.fsum(w for w, _ in kept)
    if weight <= 0:
        return None
    return math.exp(math.fsum(w * math.log(d) for w, d in kept) / weight)


def distance_factor(
    distance_km: float | None, mean_distance_km: float | None, *, elasticity: float
) -> float:
    """F = (d / d̄)^(−θ), or 1 when either distance is unknown. Shared with `potential_hs6`."""
    if mean_distance_km is None or distance_km is None or distance_km <= 0:
        return 1.0
    return float((distance_km / mean_distance_km) ** (-elasticity))


def _mean_distance(markets: tuple[MarketInput, ...]) -> float | None:
    """d̄ over the markets, weighted by India's exports to each market."""
    return distance_mean((m.exports_total, m.distance_km) for m in markets)


def _reasons(
    *,
    market: MarketInput,
    product: str,
    supply: float,
    supply_index: float,
    demand: float,
    demand_index: float,
    ease: float,
    distance_factor: float,
    growth: float,
    horizon_years: int,
    potential: float,
    actual: float,
    untapped: float,
) -> tuple[str, ...]:
    """Plain-words reasons, the component furthest from neutral (largest |log index|) first."""
    if market.gdp_usd is None or market.gdp_usd <= 0:
        demand_text = (
            f"demand: no GDP figure for {market.market}, so demand is India's current exports "
            f"to it (US$ {demand:,.1f} m) and ease is neutral"
        )
    elif market.gdp_growth is None:
        demand_text = (
            f"demand: US$ {demand:,.1f} m expected from {market.market}'s GDP, "
            f"{demand_index:.2f}× the average market (no GDP growth figure, not projected)"
        )
    else:
        demand_text = (
            f"demand: US$ {demand:,.1f} m expected from {market.market}'s GDP growing "
            f"{market.gdp_growth:.1%} a year for {horizon_years} years (×{growth:.2f}), "
            f"{demand_index:.2f}× the average market"
        )
    ease_text = (
        f"ease: India sells {market.market} {ease:.2f}× what its GDP predicts"
        if market.gdp_usd is not None and market.gdp_usd > 0
        else "ease: neutral (1.00), no GDP to compare India's sales with"
    )
    distance_text = (
        f"distance: {market.distance_km:,.0f} km from India, factor {distance_factor:.2f}"
        if market.distance_km is not None and market.distance_km > 0
        else "distance: unknown, factor 1.00"
    )
    supply_text = (
        f"supply: chapter {product} is {supply:.1%} of India's exports, "
        f"{supply_index:.2f}× an even share"
    )
    return reasons_order(
        (
            (demand_index, demand_text),
            (ease, ease_text),
            (distance_factor, distance_text),
            (supply_index, supply_text),
        ),
        summary=potential_summary(potential=potential, actual=actual, untapped=untapped),
    )


def reasons_order(indexed: Iterable[tuple[float, str]], *, summary: str) -> tuple[str, ...]:
    """The reasons' texts, the one whose index (1 = neutral) is furthest from neutral
    (largest |ln index|, an index ≤ 0 counting as infinitely far) first, ties in the given
    order, then `summary`. Shared with `potential_hs6`."""
    ranked = sorted(
        (
            (abs(math.log(index)) if index > 0 else math.inf, position, text)
            for position, (index, text) in enumerate(indexed)
        ),
        key=lambda item: (-item[0], item[1]),
    )
    return (*(text for _, _, text in ranked), summary)


def potential_summary(*, potential: float, actual: float, untapped: float) -> str:
    """The last reason: potential, actual and untapped (US$ million)."""
    return (
        f"potential US$ {potential:,.1f} m against actual US$ {actual:,.1f} m: "
        f"untapped US$ {untapped:,.1f} m"
    )


def markets_rank(
    inputs: PotentialInputs,
    *,
    product: str,
    top: int = 10,
    horizon_years: int = DEFAULT_HORIZON_YEARS,
    distance_elasticity: float = DEFAULT_DISTANCE_ELASTICITY,
    rank_by: Literal["potential", "untapped"] = "potential",
) -> tuple[MarketPotential, ...]:
    """The `top` markets for `product` (an HS chapter as in the inputs, e.g. "52"), highest
    `rank_by` first, ties by ISO3. Raises `PotentialInputError` when the exporter exported
    nothing or nothing of `product`. Every market in the inputs is scored, including those
    that bought none of `product` (their potential comes from their other purchases)."""
    if top < 1:
        raise PotentialInputError("top must be at least 1")
    markets = inputs.markets
    exports_total = math.fsum(m.exports_total for m in markets)
    if exports_total <= 0:
        raise PotentialInputError("the exporter exported nothing in the inputs")
    product_total = math.fsum(m.exports_by_product.get(product, 0.0) for m in markets)
    if product_total <= 0:
        raise PotentialInputError(f"the exporter exported nothing of product {product}")
    products = {p for m in markets for p, v in m.exports_by_product.items() if v > 0}
    supply = product_total / exports_total
    supply_index = supply * len(products)
    scale = _gdp_scale(markets)
    mean_distance = _mean_distance(markets)

    rows: list[tuple[MarketInput, float, float, float, float]] = []
    for market in markets:
        growth = 1.0
        if market.gdp_growth is not None:
            growth = (1.0 + market.gdp_growth) ** horizon_years
        if scale is not None and market.gdp_usd is not None and market.gdp_usd > 0:
            expected = market.gdp_usd * scale
            demand = expected * growth
            ease = market.exports_total / expected
        else:
            # No GDP level: India's current sales are the floor on m's demand, the ease is
            # neutral and nothing is projected (a growth rate needs the GDP level anyway).
            growth = 1.0
            demand = market.exports_total
            ease = 1.0
        factor = distance_factor(market.distance_km, mean_distance, elasticity=distance_elasticity)
        rows.append((market, demand, ease, factor, growth))

    mean_demand = math.fsum(row[1] for row in rows) / len(rows)
    results: list[MarketPotential] = []
    for market, demand, ease, factor, growth in rows:
        potential = supply * demand * ease * factor
        actual = market.exports_by_product.get(product, 0.0)
        untapped = max(0.0, potential - actual)
        results.append(
            MarketPotential(
                market=market.market,
                supply=supply,
                demand=demand,
                ease=ease,
                distance_factor=factor,
                potential=potential,
                actual=actual,
                untapped=untapped,
                reasons=_reasons(
                    market=market,
                    product=product,
                    supply=supply,
                    supply_index=supply_index,
                    demand=demand,
                    demand_index=demand / mean_demand if mean_demand > 0 else 1.0,
                    ease=ease,
                    distance_factor=factor,
                    growth=growth,
                    horizon_years=horizon_years,
                    potential=potential,
                    actual=actual,
                    untapped=untapped,
                ),
            )
        )
    results.sort(key=lambda r: (-getattr(r, rank_by), r.market))
    return tuple(results[:top])


def growth_rate(
    series: IndicatorSeries, market: str, *, year: int, growth_years: int
) -> float | None:
    """Compound annual growth of `market`'s indicator (GDP, population) over the
    `growth_years` years to `year`, or None when either end is missing or not positive.
    Shared with `potential_hs6`."""
    end = series.values.get((market, year))
    start = series.values.get((market, year - growth_years))
    if end is None or start is None or end <= 0 or start <= 0:
        return None
    return float((end / start) ** (1.0 / growth_years) - 1.0)


def potential_inputs_from(
    india: IndiaTrade,
    gdp: IndicatorSeries,
    distances: CepiiDistances,
    *,
    year: int,
    exporter: str = "IND",
    growth_years: int = DEFAULT_GROWTH_YEARS,
) -> PotentialInputs:
    """The inputs for `year` from the loaders' outputs: India's exports by chapter × partner
    (`india_trade_load`), a World Bank GDP series (`wdi_load`) and CEPII distances
    (`cepii_distances_load`). Partners with no ISO3, empty or non-positive values and the
    exporter itself are left out; two portal spellings of one ISO3 are added together. The
    distance is CEPII's `dist` (main cities, always present). Raises `PotentialInputError`
    when the year has no exports."""
    exports: dict[str, dict[str, float]] = {}
    for row in india.rows:
        if row.year != year or row.partner_iso3 is None or row.partner_iso3 == exporter:
            continue
        if row.value_usd_million is None or row.value_usd_million <= 0:
            continue
        by_product = exports.setdefault(row.partner_iso3, {})
        by_product[row.chapter] = by_product.get(row.chapter, 0.0) + row.value_usd_million
    if not exports:
        raise PotentialInputError(f"no exports in {year}")
    markets = []
    for market in sorted(exports):
        pair = distances.pairs.get((exporter, market))
        markets.append(
            MarketInput(
                market=market,
                exports_by_product=exports[market],
                gdp_usd=gdp.values.get((market, year)),
                gdp_growth=growth_rate(gdp, market, year=year, growth_years=growth_years),
                distance_km=None if pair is None else pair.distance_km,
            )
        )
    return PotentialInputs(exporter=exporter, year=year, markets=tuple(markets))
