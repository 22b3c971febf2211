"""Export potential (issue 4, "New markets"): hand-computed cases for `markets_rank`, the
builder from loader outputs, and one smoke test on the real India, WDI and CEPII data."""

import math
from pathlib import Path

import pytest
from django.conf import settings

from odop.markets.loaders import (
    CepiiDistances,
    CountryPairDistance,
    IndiaTrade,
    IndiaTradeRow,
    IndicatorSeries,
    cepii_distances_load,
    india_trade_load,
    wdi_load,
)
from odop.markets.potential import (
    MarketInput,
    PotentialInputError,
    PotentialInputs,
    markets_rank,
    potential_inputs_from,
)

ROOT2 = math.sqrt(2)


def small_inputs() -> PotentialInputs:
    """Three markets × two chapters, numbers chosen so every component is exact by hand:
    X = 110, x_01 = 40, x_02 = 70; GDP scale X/ΣGDP over AAA and BBB = 100 / 1000 = 0.1;
    d̄ = √(1000 · 4000) = 2000 (equal weights 50, 50), so with θ = 0.5 F_AAA = √2,
    F_BBB = 1/√2; CCC has no GDP and no distance."""
    return PotentialInputs(
        exporter="IND",
        year=2018,
        markets=(
            MarketInput("AAA", {"01": 30.0, "02": 20.0}, 200.0, 0.0, 1000.0),
            MarketInput("BBB", {"01": 10.0, "02": 40.0}, 800.0, 0.1, 4000.0),
            MarketInput("CCC", {"02": 10.0}, None, None, None),
        ),
    )


def test_markets_rank_gives_the_hand_computed_values_for_chapter_01():
    # Given three markets, When chapter 01 is ranked two years ahead,
    ranked = markets_rank(small_inputs(), product="01", horizon_years=2)
    # Then S = 4/11; D_AAA = 20, B_AAA = 50/20 = 2.5; D_BBB = 80 · 1.1² = 96.8,
    # B_BBB = 50/80 = 0.625; CCC falls back to D = X_CCC = 10, B = 1, F = 1.
    assert [r.market for r in ranked] == ["AAA", "BBB", "CCC"]
    aaa, bbb, ccc = ranked
    assert aaa.supply == pytest.approx(4 / 11, abs=1e-12)
    assert (aaa.demand, aaa.ease) == pytest.approx((20.0, 2.5), abs=1e-12)
    assert aaa.distance_factor == pytest.approx(ROOT2, abs=1e-12)
    assert aaa.potential == pytest.approx(200 * ROOT2 / 11, abs=1e-12)
    assert (aaa.actual, aaa.untapped) == (30.0, 0.0)
    assert (bbb.demand, bbb.ease) == pytest.approx((96.8, 0.625), abs=1e-12)
    assert bbb.distance_factor == pytest.approx(1 / ROOT2, abs=1e-12)
    assert bbb.potential == pytest.approx(11 * ROOT2, abs=1e-12)
    assert bbb.untapped == pytest.approx(11 * ROOT2 - 10, abs=1e-12)
    assert (ccc.demand, ccc.ease, ccc.distance_factor) == (10.0, 1.0, 1.0)
    assert ccc.potential == pytest.approx(40 / 11, abs=1e-12)
    assert (ccc.actual, ccc.untapped) == (0.0, pytest.approx(40 / 11, abs=1e-12))


def test_markets_rank_gives_the_hand_computed_values_for_chapter_02_and_untapped_order():
    inputs = small_inputs()
    by_potential = markets_rank(inputs, product="02", horizon_years=2)
    assert [r.market for r in by_potential] == ["AAA", "BBB", "CCC"]
    assert [r.potential for r in by_potential] == pytest.approx(
        [350 * ROOT2 / 11, 38.5 / ROOT2, 70 / 11], abs=1e-12
    )
    assert [r.untapped for r in by_potential] == pytest.approx(
        [350 * ROOT2 / 11 - 20, 0.0, 0.0], abs=1e-12
    )
    by_untapped = markets_rank(inputs, product="01", horizon_years=2, rank_by="untapped")
    assert [r.market for r in by_untapped] == ["BBB", "CCC", "AAA"]
    assert all(r.untapped >= 0 for r in by_potential + by_untapped)
    assert [r.market for r in markets_rank(inputs, product="01", top=1)] == ["AAA"]


def test_reasons_name_the_largest_component_first():
    aaa, bbb, ccc = markets_rank(small_inputs(), product="01", horizon_years=2)
    # |log| of the indices: AAA ease 2.5 (0.92) beats demand 20/42.27 (0.75);
    # BBB demand 96.8/42.27 (0.83) beats ease 0.625 (0.47); CCC demand 10/42.27 (1.44).
    assert aaa.reasons[0].startswith("ease: India sells AAA 2.50×")
    assert bbb.reasons[0].startswith("demand: US$ 96.8 m expected from BBB's GDP growing 10.0%")
    assert ccc.reasons[0].startswith("demand: no GDP figure for CCC")
    assert aaa.reasons[-1].startswith("potential US$ 25.7 m against actual US$ 30.0 m")
    assert len(aaa.reasons) == 5


def test_a_market_without_gdp_keeps_its_current_sales_as_demand_and_a_neutral_ease():
    # CCC has no GDP: demand is India's current exports to it (the floor), not projected,
    # ease is 1 and it stays out of the GDP scale (so AAA and BBB are unchanged).
    ccc = next(r for r in markets_rank(small_inputs(), product="02") if r.market == "CCC")
    assert (ccc.demand, ccc.ease, ccc.distance_factor) == (10.0, 1.0, 1.0)
    assert "ease: neutral (1.00), no GDP to compare India's sales with" in ccc.reasons
    assert "distance: unknown, factor 1.00" in ccc.reasons


def test_markets_rank_refuses_a_product_that_was_not_exported():
    with pytest.raises(PotentialInputError, match="nothing of product 99"):
        markets_rank(small_inputs(), product="99")


def test_potential_inputs_from_takes_the_loader_outputs():
    india = IndiaTrade(
        rows=(
            IndiaTradeRow("52", "U S A", "USA", 2018, 5.0),
            IndiaTradeRow("52", "USA TIS", "USA", 2018, 1.0),  # a second spelling, added
            IndiaTradeRow("62", "U S A", "USA", 2018, None),  # no value, left out
            IndiaTradeRow("62", "U S A", "USA", 2017, 9.0),  # another year
            IndiaTradeRow("62", "NEUTRAL ZONE", None, 2018, 3.0),  # no ISO3
            IndiaTradeRow("62", "NEPAL", "NPL", 2018, 2.0),
        ),
        chapter_names={},
        unmapped_partners=("NEUTRAL ZONE",),
        missing_values=1,
        repeated_rows_dropped=0,
    )
    gdp = IndicatorSeries(
        values={("USA", 2018): 121.0, ("USA", 2016): 100.0, ("NPL", 2018): 30.0},
        country_names={},
        missing_values=0,
    )
    flags = dict.fromkeys(("contig", "comlang_off"), False)
    distances = CepiiDistances(
        pairs={("IND", "USA"): CountryPairDistance(flags, 11761.8, 11000.0, None, None)},
        weighted_missing=(),
    )
    inputs = potential_inputs_from(india, gdp, distances, year=2018, growth_years=2)
    npl, usa = inputs.markets  # sorted by ISO3
    assert (usa.market, dict(usa.exports_by_product)) == ("USA", {"52": 6.0})
    assert (usa.gdp_usd, usa.distance_km) == (121.0, 11761.8)
    assert usa.gdp_growth == pytest.approx(0.1, abs=1e-12)
    assert (npl.market, npl.gdp_usd, npl.gdp_growth, npl.distance_km) == ("NPL", 30.0, None, None)
    with pytest.raises(PotentialInputError, match="no exports in 2000"):
        potential_inputs_from(india, gdp, distances, year=2000)


def test_real_data_ranks_cotton_markets():
    trade = Path(settings.ODOP_DATA_DIR) / "trade"
    india = india_trade_load(trade / "india" / "india_exports_hs2_by_country_2010_2018.csv.gz")
    gdp = wdi_load(trade / "macro" / "wb_gdp_current_usd.csv")
    distances = cepii_distances_load(trade / "gravity" / "dist_cepii.csv.gz")
    inputs = potential_inputs_from(india, gdp, distances, year=2018)
    ranked = markets_rank(inputs, product="52")
    assert len(ranked) == 10
    assert all(len(r.market) == 3 and r.market.isalpha() and r.market.isupper() for r in ranked)
    assert all(r.potential > 0 and r.untapped >= 0 for r in ranked)
    codes = [r.market for r in ranked]
    assert "USA" in codes and "ARE" in codes
    assert [r.potential for r in ranked] == sorted((r.potential for r in ranked), reverse=True)
