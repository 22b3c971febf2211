"""The complexity core against Stata `ecomplexity`'s own output and small hand-computed cases.

Pure numpy: no database. Ref: #4
"""

import csv
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings

from odop.markets.complexity import (
    ComplexityInput,
    ComplexityInputError,
    ComplexityResult,
    complexity_compute,
    complexity_input_from_rows,
    complexity_proximity_pairs,
)

TOLERANCE = 1e-9
PAIR_COLUMNS = ("rca", "M", "density", "cog")
COUNTRY_COLUMNS = ("eci", "diversity", "coi")
PRODUCT_COLUMNS = ("pci", "ubiquity")


def complexity_data_dir() -> Path:
    """`../shared/data/trade/complexity`; the ground-truth tests fail (never skip) without it."""
    path = Path(settings.ODOP_DATA_DIR) / "trade" / "complexity"
    assert (path / "stata_ground_truth.csv").exists(), (
        f"The Stata ground truth is expected in {path} (set ODOP_DATA_DIR)"
    )
    return path


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def sample_input(year: str, *, as_stata_stored: bool = True) -> ComplexityInput:
    """One year of trade_data_sample.csv; by default rounded to float32, as Stata held it."""
    rows = [
        r for r in csv_rows(complexity_data_dir() / "trade_data_sample.csv") if r["year"] == year
    ]
    values = np.array([float(r["export_val"]) for r in rows])
    if as_stata_stored:
        values = values.astype(np.float32).astype(np.float64)
    return complexity_input_from_rows(
        countries=[r["origin"] for r in rows], products=[r["hs92"] for r in rows], values=values
    )


def ours(result: ComplexityResult, country: str, product: str) -> dict[str, float]:
    """Our numbers for one row of Stata's long table, under Stata's column names."""
    c = result.countries.index(country)
    p = result.products.index(product)
    return {
        "rca": result.rca[c, p],
        "M": float(result.presence[c, p]),
        "density": result.density[c, p],
        "cog": result.cog[c, p],
        "eci": result.eci[c],
        "diversity": float(result.diversity[c]),
        "coi": result.coi[c],
        "pci": result.pci[p],
        "ubiquity": float(result.ubiquity[p]),
    }


@pytest.fixture(scope="module")
def stata_comparison() -> dict[str, list[tuple[float, float]]]:
    """(ours, Stata) for every column of every row of stata_ground_truth.csv, both years."""
    results = {year: complexity_compute(sample_input(year)) for year in ("1995", "1996")}
    pairs: dict[str, list[tuple[float, float]]] = {}
    for row in csv_rows(complexity_data_dir() / "stata_ground_truth.csv"):
        for column, value in ours(results[row["year"]], row["origin"], row["hs92"]).items():
            pairs.setdefault(column, []).append((value, float(row[column])))
    return pairs


@pytest.mark.parametrize("column", PAIR_COLUMNS + COUNTRY_COLUMNS + PRODUCT_COLUMNS)
def test_every_column_reproduces_stata_ground_truth(
    stata_comparison: dict[str, list[tuple[float, float]]], column: str
) -> None:
    # given / when: 600 rows, 10 countries × 30 products × 1995 and 1996
    pairs = np.array(stata_comparison[column])
    # then
    assert pairs.shape == (600, 2)
    assert np.isfinite(pairs).all()
    assert np.abs(pairs[:, 0] - pairs[:, 1]).max() <= TOLERANCE


def test_ground_truth_rca_needs_the_float32_values_stata_stored() -> None:
    # Stata held export_val as float32: the unrounded values move RCA by ~1e-7, far above
    # the tolerance, which is why the inputs are rounded the same way before comparing.
    exact = complexity_compute(sample_input("1995", as_stata_stored=False))
    stored = complexity_compute(sample_input("1995"))
    assert np.abs(exact.rca - stored.rca).max() > 1e-8


def test_ground_truth_year_keeps_all_countries_and_products_with_text_codes() -> None:
    result = complexity_compute(sample_input("1996"))
    assert len(result.countries) == 10
    assert len(result.products) == 30
    assert result.products[0] == "1704"
    assert result.dropped_countries == ()
    assert result.dropped_products == ()


def hand_input(rows: list[list[float]], countries: str, products: str) -> ComplexityInput:
    return ComplexityInput(
        countries=tuple(countries), products=tuple(products), values=np.array(rows, dtype=float)
    )


def test_two_by_two_mirror_image_exporters() -> None:
    # given: A sells 3 of x and 1 of y, B the mirror image; every total is 4, the world 8
    result = complexity_compute(hand_input([[3, 1], [1, 3]], "AB", "xy"))
    # then: RCA = (3/4)/(4/8) = 1.5 and (1/4)/(4/8) = 0.5
    assert result.rca.tolist() == [[1.5, 0.5], [0.5, 1.5]]
    assert result.presence.tolist() == [[True, False], [False, True]]
    assert result.diversity.tolist() == [1, 1]
    assert result.ubiquity.tolist() == [1, 1]
    # no country exports both, so no proximity, and density is undefined (0/0)
    assert result.proximity.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    assert np.isnan(result.density).all()


def test_rca_exactly_at_the_threshold_counts_as_present() -> None:
    # given: identical exporters, every RCA is exactly 1
    result = complexity_compute(hand_input([[1, 1], [1, 1]], "AB", "xy"))
    # then: M = 1[RCA ≥ 1] (Stata writes RCA > 1; see the module docstring)
    assert result.rca.tolist() == [[1.0, 1.0], [1.0, 1.0]]
    assert result.presence.all()
    assert result.diversity.tolist() == [2, 2]
    # both countries export both products: φ = 2 / max(2, 2) = 1 off the diagonal, 0 on it
    assert result.proximity.tolist() == [[0.0, 1.0], [1.0, 0.0]]
    assert result.density.tolist() == [[1.0, 1.0], [1.0, 1.0]]


def test_three_by_three_hand_computed() -> None:
    # given: totals A 12, B 7, C 8; p 10, q 7, r 10; world 27
    values = [[4, 4, 4], [6, 0, 1], [0, 3, 5]]
    # when
    result = complexity_compute(hand_input(values, "ABC", "pqr"))
    # then RCA_cp = (x_cp / x_c) / (x_p / 27), exactly as fractions
    country_total = [12, 7, 8]
    product_total = [10, 7, 10]
    expected_rca = [
        [
            float(Fraction(values[c][p], country_total[c]) / Fraction(product_total[p], 27))
            for p in range(3)
        ]
        for c in range(3)
    ]
    assert result.rca == pytest.approx(np.array(expected_rca), rel=1e-15, abs=0)
    # A,q = 27/21; B,p = 162/70; C,q = 81/56; C,r = 135/80 are ≥ 1; A,p = A,r = 0.9 are not
    assert result.presence.astype(int).tolist() == [[0, 1, 0], [1, 0, 0], [0, 1, 1]]
    assert result.diversity.tolist() == [1, 1, 2]
    assert result.ubiquity.tolist() == [1, 2, 1]
    # only C exports both q and r: φ_qr = 1 / max(2, 1); nothing is close to p; diagonal 0
    assert result.proximity.tolist() == [[0, 0, 0], [0, 0, 0.5], [0, 0.5, 0]]
    # density d_cp = Σ_q M_cq φ_qp / Σ_q φ_qp; p has no neighbour, so its density is undefined
    assert np.isnan(result.density[:, 0]).all()
    assert result.density[:, 1:].tolist() == [[0.0, 1.0], [0.0, 0.0], [1.0, 1.0]]


def test_proximity_is_symmetric_with_zero_diagonal_on_real_data() -> None:
    result = complexity_compute(sample_input("1995"))
    assert np.array_equal(result.proximity, result.proximity.T)
    assert (np.diag(result.proximity) == 0).all()
    assert ((result.proximity >= 0) & (result.proximity <= 1)).all()


def test_proximity_pairs_lists_each_unordered_non_zero_pair_once() -> None:
    result = complexity_compute(hand_input([[4, 4, 4], [6, 0, 1], [0, 3, 5]], "ABC", "pqr"))
    first, second, proximity = complexity_proximity_pairs(result)
    assert list(zip(first.tolist(), second.tolist(), proximity.tolist(), strict=True)) == [
        (1, 2, 0.5)
    ]


def stata_literal(values: np.ndarray) -> dict[str, np.ndarray]:
    """The Stata .ado formulas transcribed literally (Mata → numpy), slow but plain.

    complexity_rca, proxdiscrete (symmetric), calculate_density, ecipci, coicog and the
    normalisation in ecomplexity.ado (`sum` over the long table). M uses ≥ as ours does.
    """
    products = values.shape[1]
    rca = (values / values.sum(axis=1, keepdims=True)) / (values.sum(axis=0) / values.sum())
    m = (rca >= 1).astype(float)
    kc0 = m.sum(axis=1)
    kp0 = m.sum(axis=0)
    co = m.T @ m
    p1 = co / kp0[None, :]
    p2 = co / kp0[:, None]
    proximity = (p1 + p2 - np.abs(p1 - p2)) / 2 - np.eye(products)
    density = (m @ proximity) / proximity.sum(axis=0)[None, :]
    tilde = ((m / kp0[None, :]) / kc0[:, None]).T @ m
    eigenvalues, eigenvectors = np.linalg.eig(tilde)
    kp = np.real(eigenvectors[:, np.argsort(-np.abs(eigenvalues))[1]])
    kc = (m / kc0[:, None]) @ kp
    sign = 1 if np.corrcoef(kc0, kc)[0, 1] > 0 else -1
    kc, kp = sign * kc, sign * kp
    coi = ((density * (1 - m)) * kp[None, :]).sum(axis=1)
    weight = kp / proximity.sum(axis=1)
    cog = (1 - m) * ((1 - m) @ (proximity * weight[:, None]))
    eci_long = np.repeat(kc, products)
    coi_long = np.repeat(coi, products)
    return {
        "rca": rca,
        "presence": m,
        "proximity": proximity,
        "density": density,
        "eci": (kc - eci_long.mean()) / eci_long.std(ddof=1),
        "pci": (kp - eci_long.mean()) / eci_long.std(ddof=1),
        "cog": cog / eci_long.std(ddof=1),
        "coi": (coi - coi_long.mean()) / coi_long.std(ddof=1),
    }


@pytest.mark.parametrize(("countries", "products"), [(12, 40), (40, 12)], ids=["wide", "tall"])
def test_every_measure_matches_a_literal_transcription_of_stata(
    monkeypatch: pytest.MonkeyPatch, countries: int, products: int
) -> None:
    # given: random exports; ours solves the smaller side of the eigenproblem symmetrically
    # and builds proximity in blocks (7 rows here, to cross block edges), Stata does neither
    monkeypatch.setattr("odop.markets.complexity._PROXIMITY_BLOCK_ROWS", 7)
    rng = np.random.default_rng(4)
    values = rng.lognormal(10, 2, size=(countries, products))
    values[rng.random(values.shape) < 0.5] = 0
    values[:, 0] += 1  # every country exports something
    values[0, :] += 1  # every product is exported
    # when
    result = complexity_compute(
        ComplexityInput(
            countries=tuple(f"c{i}" for i in range(countries)),
            products=tuple(f"p{i}" for i in range(products)),
            values=values,
        )
    )
    # then
    expected = stata_literal(values)
    assert np.isfinite(expected["density"]).all()
    for name, reference in expected.items():
        assert np.abs(getattr(result, name) - reference).max() < 1e-10, name
    assert np.corrcoef(result.eci, result.diversity)[0, 1] > 0


def test_scaling_every_value_changes_nothing() -> None:
    base = sample_input("1995")
    scaled = ComplexityInput(
        countries=base.countries, products=base.products, values=base.values * 1000
    )
    first, second = complexity_compute(base), complexity_compute(scaled)
    for name in ("rca", "density", "cog", "eci", "coi", "pci", "proximity"):
        assert np.allclose(getattr(first, name), getattr(second, name), rtol=0, atol=1e-12)


def test_countries_and_products_with_zero_exports_are_left_out() -> None:
    # given: country Z and product "0900" export nothing (as Stata, they are dropped)
    base = sample_input("1995")
    values = np.zeros((11, 31))
    values[:10, :30] = base.values
    padded = ComplexityInput(
        countries=(*base.countries, "Z"), products=(*base.products, "0900"), values=values
    )
    # when
    result = complexity_compute(padded)
    # then
    assert result.dropped_countries == ("Z",)
    assert result.dropped_products == ("0900",)
    reference = complexity_compute(base)
    assert result.countries == reference.countries
    assert result.products == reference.products
    assert np.array_equal(result.eci, reference.eci)
    assert np.array_equal(result.cog, reference.cog)


def test_higher_threshold_leaves_countries_without_products_undefined() -> None:
    # given: at RCA ≥ 1.6 country A (RCAs 1.2857 and 0.9) exports nothing
    result = complexity_compute(
        hand_input([[4, 4, 4], [6, 0, 1], [0, 3, 5]], "ABC", "pqr"), rca_threshold=1.6
    )
    assert result.presence.astype(int).tolist() == [[0, 0, 0], [1, 0, 0], [0, 0, 1]]
    assert result.diversity.tolist() == [0, 1, 1]
    assert result.rca_threshold == 1.6
    assert np.isnan(result.eci[0])


def test_codes_keep_leading_zeros_and_absent_pairs_are_zero() -> None:
    values = complexity_input_from_rows(
        countries=["ind", "ind", "bgd"], products=["0101", "1001", "0101"], values=[5, 2, 7]
    )
    assert values.countries == ("bgd", "ind")
    assert values.products == ("0101", "1001")
    assert values.values.tolist() == [[7.0, 0.0], [5.0, 2.0]]


def test_repeated_pair_is_refused() -> None:
    with pytest.raises(ComplexityInputError, match=r"\(ind, 0101\)"):
        complexity_input_from_rows(
            countries=["ind", "ind"], products=["0101", "0101"], values=[1, 2]
        )


@pytest.mark.parametrize(
    ("values", "countries", "products"),
    [
        pytest.param([[1.0, -1.0]], ("A",), ("x", "y"), id="negative"),
        pytest.param([[1.0, np.nan]], ("A",), ("x", "y"), id="nan"),
        pytest.param([[1.0, np.inf]], ("A",), ("x", "y"), id="infinite"),
        pytest.param([[1.0, 2.0]], ("A",), ("x",), id="labels_do_not_fit"),
        pytest.param([[1.0, 2.0]], ("A",), ("x", "x"), id="repeated_label"),
    ],
)
def test_unusable_matrix_is_refused(
    values: list[list[float]], countries: tuple[str, ...], products: tuple[str, ...]
) -> None:
    with pytest.raises(ComplexityInputError):
        ComplexityInput(countries=countries, products=products, values=np.array(values))


def test_all_zero_matrix_is_refused() -> None:
    with pytest.raises(ComplexityInputError, match="no country and product"):
        complexity_compute(hand_input([[0, 0], [0, 0]], "AB", "xy"))
