"""Export potential at HS6 from a BACI year (issue #4, "New markets"): every component of a
small generated table checked against hand-computed numbers, the refusals, the invariants
against a plain-Python recomputation, and a format check on the partial BACI file. Ref: #4"""

import math
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings

from odop.markets.loaders import (
    BaciTable,
    CepiiDistances,
    CountryPairDistance,
    IndicatorSeries,
    baci_load,
    cepii_distances_load,
    wdi_load,
)
from odop.markets.potential import MarketPotential, PotentialInputError
from odop.markets.potential_hs6 import (
    Hs6PotentialBase,
    hs6_markets_rank,
    hs6_potential_prepare,
    hs6_supply,
)

ROOT2 = math.sqrt(2)

# (exporter, importer, product, US$ million); BACI stores thousands of US$.
FLOWS = (
    ("IND", "XXX", "520100", 10.0),
    ("IND", "YYY", "520100", 30.0),
    ("IND", "XXX", "620342", 20.0),
    ("BBB", "XXX", "520100", 40.0),
    ("BBB", "ZZZ", "520100", 20.0),
    ("BBB", "YYY", "010111", 50.0),
    ("BBB", "IND", "010111", 20.0),
    ("CCC", "YYY", "620342", 60.0),
    ("CCC", "ZZZ", "620342", 40.0),
    ("CCC", "XXX", "010111", 30.0),
)


def baci_table(flows=FLOWS, *, years=None) -> BaciTable:
    return BaciTable(
        revision="HS17",
        year=np.array(years or [2020] * len(flows), dtype=np.int64),
        exporter=np.array([f[0] for f in flows], dtype="<U3"),
        importer=np.array([f[1] for f in flows], dtype="<U3"),
        product=np.array([f[2] for f in flows], dtype="<U6"),
        value=np.array([f[3] * 1000 for f in flows], dtype=np.float64),
        quantity=np.full(len(flows), np.nan),
        product_descriptions={},
        unknown_country_codes={},
    )


def distances(kilometres: dict[str, float]) -> CepiiDistances:
    flags = dict.fromkeys(("contig", "comlang_off"), False)
    return CepiiDistances(
        pairs={
            ("IND", market): CountryPairDistance(flags, km, km, None, None)
            for market, km in kilometres.items()
        },
        weighted_missing=(),
    )


# XXX grows 10 % a year (121 / 100 over two years), YYY has no earlier GDP, ZZZ does not grow.
GDP = IndicatorSeries(
    values={
        ("XXX", 2020): 121.0,
        ("XXX", 2018): 100.0,
        ("YYY", 2020): 5.0,
        ("ZZZ", 2020): 50.0,
        ("ZZZ", 2018): 50.0,
    },
    country_names={},
    missing_values=0,
)
# XXX's population grows 2 % a year (104.04 / 100 over two years).
POPULATION = IndicatorSeries(
    values={("XXX", 2020): 104.04, ("XXX", 2018): 100.0}, country_names={}, missing_values=0
)
# d̄ = √(1000 · 4000) = 2000 (IND sells 30 to XXX and 30 to YYY, nothing to ZZZ).
DISTANCES = distances({"XXX": 1000.0, "YYY": 4000.0, "ZZZ": 2000.0})


def small_base(**kwargs) -> Hs6PotentialBase:
    return hs6_potential_prepare(
        baci_table(), exporter="IND", gdp=GDP, distances=DISTANCES, growth_years=2, **kwargs
    )


def test_prepare_groups_the_rows_by_country_and_product():
    base = small_base()
    # x_i = 60, x_W = 320; X_i,XXX = 10 + 20, X_i,YYY = 30; M_XXX = 10 + 20 + 40 + 30,
    # M_YYY = 30 + 50 + 60, M_ZZZ = 20 + 40, M_IND = 20.
    assert base.countries == ("BBB", "CCC", "IND", "XXX", "YYY", "ZZZ")
    assert (base.year, base.exporter_index) == (2020, 2)
    assert (base.exporter_total, base.world_total) == (60.0, 320.0)
    assert base.exports_to.tolist() == [0.0, 0.0, 0.0, 30.0, 30.0, 0.0]
    assert base.imports_total.tolist() == [0.0, 0.0, 20.0, 100.0, 140.0, 60.0]
    assert base.products.tolist() == [10111, 520100, 620342]
    assert base.product_world_exports.tolist() == [100.0, 100.0, 120.0]
    assert base.product_exporter_exports.tolist() == [0.0, 40.0, 20.0]
    assert base.mean_distance_km == pytest.approx(2000.0, abs=1e-9)


def test_supply_is_the_share_of_world_exports_and_reports_the_rca():
    supply = hs6_supply(small_base(), product="520100")
    # S = 40 / 100; RCA = (40 / 60) / (100 / 320) = 32 / 15.
    assert (supply.exports, supply.world_exports) == (40.0, 100.0)
    assert supply.share == pytest.approx(0.4, abs=1e-12)
    assert supply.rca == pytest.approx(32 / 15, abs=1e-12)


def test_markets_rank_gives_the_hand_computed_components_for_cotton():
    # Given the small table, When 520100 is ranked two years ahead,
    xxx, yyy, zzz = hs6_markets_rank(small_base(), product="520100", horizon_years=2)

    # Then demand = M_jk · G_j: XXX 50 · 1.1² = 60.5, YYY 30 (not projected), ZZZ 20 · 1.
    # IND's expected share of a market is 60 / (320 − 20) = 0.2, so the ease is
    # XXX (30 / 100) / 0.2 = 1.5, YYY (30 / 140) / 0.2 = 15 / 14, ZZZ 0 (IND sold it nothing).
    assert [r.market for r in (xxx, yyy, zzz)] == ["XXX", "YYY", "ZZZ"]
    assert [r.supply for r in (xxx, yyy, zzz)] == pytest.approx([0.4] * 3, abs=1e-12)
    assert (xxx.demand, yyy.demand, zzz.demand) == pytest.approx((60.5, 30.0, 20.0), abs=1e-12)
    assert (xxx.ease, yyy.ease, zzz.ease) == pytest.approx((1.5, 15 / 14, 0.0), abs=1e-12)
    assert (xxx.distance_factor, yyy.distance_factor, zzz.distance_factor) == pytest.approx(
        (ROOT2, 1 / ROOT2, 1.0), abs=1e-12
    )
    # P = 0.4 · 60.5 · 1.5 · √2 = 36.3 √2; 0.4 · 30 · 15/14 / √2 = (90 / 7) / √2.
    assert xxx.potential == pytest.approx(36.3 * ROOT2, abs=1e-12)
    assert (xxx.actual, xxx.untapped) == (10.0, pytest.approx(36.3 * ROOT2 - 10, abs=1e-12))
    assert yyy.potential == pytest.approx(90 / 7 / ROOT2, abs=1e-12)
    assert (yyy.actual, yyy.untapped) == (30.0, 0.0)
    assert (zzz.potential, zzz.actual, zzz.untapped) == (0.0, 0.0, 0.0)


def test_untapped_ranking_differs_from_potential_ranking_below_the_rca_floor():
    # 620342: S = 20 / 120, RCA = (20 / 60) / (120 / 320) = 8/9 < 1, scored only with floor 0.
    # P_XXX = (1/6) · 20 · 1.21 · 1.5 · √2 = 6.05 √2 (actual 20, nothing untapped);
    # P_YYY = (1/6) · 60 · 15/14 / √2 = (75 / 7) / √2, all untapped.
    base = small_base()
    by_potential = hs6_markets_rank(base, product="620342", horizon_years=2, rca_floor=0)
    by_untapped = hs6_markets_rank(
        base, product="620342", horizon_years=2, rca_floor=0, rank_by="untapped"
    )
    assert [r.market for r in by_potential] == ["XXX", "YYY", "ZZZ"]
    assert [r.potential for r in by_potential] == pytest.approx(
        [6.05 * ROOT2, 75 / 7 / ROOT2, 0.0], abs=1e-12
    )
    assert [r.market for r in by_untapped] == ["YYY", "XXX", "ZZZ"]
    assert [r.untapped for r in by_untapped] == pytest.approx([75 / 7 / ROOT2, 0.0, 0.0])
    assert [r.market for r in hs6_markets_rank(base, product="520100", top=1)] == ["XXX"]


def test_population_splits_growth_and_an_income_elasticity_scales_only_income_per_head():
    with_population = small_base(population=POPULATION)
    # ε = 1: G = 1.1² whatever the population does.
    assert hs6_markets_rank(with_population, product="520100", horizon_years=2)[
        0
    ].demand == pytest.approx(60.5, abs=1e-12)
    # ε = ½: G = ((1.1 / 1.02)^½ · 1.02)² = 1.1 · 1.02, so D = 50 · 1.122.
    xxx = hs6_markets_rank(
        with_population, product="520100", horizon_years=2, income_elasticity=0.5
    )[0]
    assert xxx.demand == pytest.approx(56.1, abs=1e-12)
    assert (
        "GDP per head growing 7.8% and population 2.0% a year for 2 years (×1.12)"
        in (xxx.reasons[1])
    )
    # No population series: all GDP growth counts as income, G = 1.1^(½ · 2).
    without = hs6_markets_rank(
        small_base(), product="520100", horizon_years=2, income_elasticity=0.5
    )
    assert without[0].demand == pytest.approx(55.0, abs=1e-12)


def test_reasons_name_the_component_furthest_from_neutral_first():
    xxx, yyy, zzz = hs6_markets_rank(small_base(), product="520100", horizon_years=2)
    # |ln| of the indices for XXX: RCA 32/15 (0.76), demand 60.5/36.83 (0.50), ease 1.5 (0.41),
    # distance √2 (0.35); ZZZ's ease of 0 is infinitely far from neutral.
    assert xxx.reasons == (
        "supply: IND makes 40.0% of world exports of 520100, RCA 2.13",
        "demand: XXX imports US$ 50.0 m of 520100; GDP growing 10.0% a year for 2 years "
        "(×1.21) gives US$ 60.5 m, 1.64× the average market",
        "ease: IND's share of XXX's imports is 1.50× its share of world imports",
        "distance: 1,000 km from IND, factor 1.41",
        "potential US$ 51.3 m against actual US$ 10.0 m: untapped US$ 41.3 m",
    )
    assert yyy.reasons[2].startswith("demand: YYY imports US$ 30.0 m of 520100 (no GDP growth")
    assert zzz.reasons[0] == (
        "ease: IND sold nothing to ZZZ in 2020, so no potential is expected there"
    )


def test_a_market_with_no_distance_gets_a_neutral_factor():
    base = hs6_potential_prepare(
        baci_table(),
        exporter="IND",
        gdp=GDP,
        distances=distances({"XXX": 1000.0}),
        growth_years=2,
    )
    yyy = next(r for r in hs6_markets_rank(base, product="520100") if r.market == "YYY")
    assert yyy.distance_factor == 1.0
    assert "distance: unknown, factor 1.00" in yyy.reasons


@pytest.mark.parametrize(
    ("_case", "product", "message"),
    [
        ("the exporter sold none of it", "010111", "exported nothing of product 010111"),
        ("nobody traded it", "999999", "not traded in BACI 2020"),
        ("not six digits", "5201", "not a six-digit HS code"),
        ("RCA 8/9 below the default floor of 1", "620342", "RCA in product 620342 is 0.89"),
    ],
)
def test_markets_rank_refuses_a_product_it_cannot_score(_case, product, message):
    with pytest.raises(PotentialInputError, match=message):
        hs6_markets_rank(small_base(), product=product)


@pytest.mark.parametrize(
    ("_case", "table", "exporter", "message"),
    [
        ("unknown exporter", baci_table(), "USA", "exporter USA is not in the BACI table"),
        ("an importer only", baci_table(), "XXX", "exporter XXX exported nothing in 2020"),
        (
            "two years",
            baci_table(years=[2020] * 9 + [2021]),
            "IND",
            "several years",
        ),
        ("no rows", baci_table(()), "IND", "no rows"),
    ],
)
def test_prepare_refuses_inputs_with_no_potential(_case, table, exporter, message):
    with pytest.raises(PotentialInputError, match=message):
        hs6_potential_prepare(table, exporter=exporter, gdp=GDP, distances=DISTANCES)


def potential_by_loops(flows, *, product: str, exporter: str = "IND") -> dict[str, float]:
    """The potential for `product`, recomputed row by row in plain Python (no growth, no
    distance), to check the numpy group-bys."""
    exporter_total = sum(v for e, _m, _k, v in flows if e == exporter)
    world_total = sum(v for *_rest, v in flows)
    share = sum(v for e, _m, k, v in flows if e == exporter and k == product) / sum(
        v for _e, _m, k, v in flows if k == product
    )
    own_imports = sum(v for _e, m, _k, v in flows if m == exporter)
    expected = exporter_total / (world_total - own_imports)
    potential = {}
    for market in {m for _e, m, k, _v in flows if k == product and m != exporter}:
        imports_k = sum(v for _e, m, k, v in flows if m == market and k == product)
        imports = sum(v for _e, m, _k, v in flows if m == market)
        bought = sum(v for e, m, _k, v in flows if e == exporter and m == market)
        potential[market] = share * imports_k * (bought / imports) / expected
    return potential


def random_flows(seed: int) -> list[tuple[str, str, str, float]]:
    rng = np.random.default_rng(seed)
    countries = ["IND", "AAA", "BBB", "CCC", "DDD", "EEE"]
    products = ["010111", "520100", "620342", "999999"]
    return [
        (e, m, k, float(rng.integers(1, 1000)))
        for e in countries
        for m in countries
        for k in products
        if e != m and rng.random() < 0.6
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_numpy_group_bys_match_a_row_by_row_recomputation_and_invariants_hold(seed):
    # given a random sparse table
    flows = random_flows(seed)
    base = hs6_potential_prepare(
        baci_table(flows), exporter="IND", gdp=GDP, distances=distances({})
    )
    for product in ("010111", "520100", "620342", "999999"):
        if not any(e == "IND" and k == product for e, _m, k, _v in flows):
            continue
        # when every market is ranked with no growth and no distance
        ranked = hs6_markets_rank(base, product=product, top=100, rca_floor=0)
        # then each potential is the plain-Python one, and the invariants hold
        expected = potential_by_loops(flows, product=product)
        assert {r.market: r.potential for r in ranked} == pytest.approx(expected, rel=1e-12)
        assert [r.potential for r in ranked] == sorted((r.potential for r in ranked), reverse=True)
        assert all(0 <= r.untapped <= r.potential for r in ranked)
        assert all(
            r.untapped == pytest.approx(max(0.0, r.potential - r.actual), abs=1e-9) for r in ranked
        )


def test_partial_baci_file_runs_end_to_end_for_south_africa():
    # A format check only: the file holds half the rows of two exporters (SOURCES.md §6).
    trade = Path(settings.ODOP_DATA_DIR) / "trade"
    table = baci_load(
        trade / "bilateral" / "baci_hs17_2020_partial_exporters_AFG_ZAF_iopspackage.csv.gz",
        country_codes_path=trade / "hs" / "baci_country_codes_V202301.csv",
        product_codes_path=trade / "hs" / "baci_product_codes_HS17_with_bec_ONEcampaign.csv",
    )
    base = hs6_potential_prepare(
        table,
        exporter="ZAF",
        gdp=wdi_load(trade / "macro" / "wb_gdp_current_usd.csv"),
        population=wdi_load(trade / "macro" / "wb_population.csv"),
        distances=cepii_distances_load(trade / "gravity" / "dist_cepii.csv.gz"),
    )
    assert (base.exporter, base.year) == ("ZAF", 2020)
    assert base.exporter_total == pytest.approx(
        float(table.value[table.exporter == "ZAF"].sum()) / 1000
    )
    largest = f"{int(base.products[np.argmax(base.product_exporter_exports)]):06d}"

    ranked = hs6_markets_rank(base, product=largest, rca_floor=0)

    assert len(ranked) == 10
    assert all(isinstance(r, MarketPotential) and len(r.market) == 3 for r in ranked)
    assert "ZAF" not in {r.market for r in ranked}
    assert all(0 <= r.untapped <= r.potential for r in ranked)
    assert [r.potential for r in ranked] == sorted((r.potential for r in ranked), reverse=True)
    assert all(len(r.reasons) == 5 and r.reasons[-1].startswith("potential US$") for r in ranked)
