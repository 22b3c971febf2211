"""Economic complexity and the product space, as pure numpy maths (no ORM, no I/O).

One year's country × product export matrix goes in; RCA, the binary presence matrix M,
diversity, ubiquity, ECI, PCI, proximity, density, complexity outlook (COI) and complexity
outlook gain (COG) come out. The conventions are those of the Stata command `ecomplexity`
(cid-harvard/ecomplexity), checked against its output to 1e-9 on every column
(`odop/markets/tests/test_complexity.py`):

- RCA_cp = (x_cp / x_c) / (x_p / x), Balassa; M_cp = 1 when RCA_cp ≥ threshold (default 1).
  Stata writes `RCA > threshold`; the two differ only when an RCA is exactly the threshold,
  and ≥ is the Atlas and py-ecomplexity convention (issue 4 asks for it).
- Countries and products whose exports total zero are dropped for the year (Stata drops them
  from its output too); `ComplexityResult.dropped_countries` / `dropped_products` name them.
- ECI and PCI: the eigenvector of the second largest eigenvalue of
  M̃ = D_p⁻¹ Mᵀ D_c⁻¹ M (PCI raw, kp) and ECI raw kc = D_c⁻¹ M kp, with the sign flipped on both
  when corr(kc, diversity) ≤ 0. Both are standardised with ECI's mean and standard deviation
  taken over Stata's long country × product table (each country counted once per product,
  sd with N − 1), so PCI keeps ECI's scale.
- Proximity φ_pq = Σ_c M_cp M_cq / max(k_p, k_q), symmetric, with the diagonal set to 0.
- Density d_cp = Σ_q M_cq φ_qp / Σ_q φ_qp.
- COI_c = Σ_p d_cp (1 − M_cp) kp_p, standardised over the long table like ECI.
- COG_cp = (1 − M_cp) Σ_q (1 − M_cq) φ_qp kp_q / Σ_r φ_qr, divided by ECI's standard deviation.

Stata held the sample's export values as float32; callers reproducing its numbers round the
inputs to float32 first (the tests do). Everything here is computed in float64.
"""

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
from threadpoolctl import ThreadpoolController

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# Rows of the proximity matrix built per step: bounds the temporary max(k_p, k_q) block to
# about 40 MB for 5,000 products instead of a second full P × P matrix.
_PROXIMITY_BLOCK_ROWS = 1024

# Matrix products smaller than this run on one BLAS thread (see _blas_threads_for).
_SINGLE_THREAD_BELOW_FLOPS = 2e9

# A second eigenvalue below this fraction of the first (which is 1) counts as zero.
_EIGENVALUE_FLOOR = 1e-12


class ComplexityInputError(ValueError):
    """The export matrix or its labels cannot be used (shape, negative or missing values, ...)."""


@dataclass(frozen=True, slots=True)
class ComplexityInput:
    """One year's exports: `values[c, p]` is what country `countries[c]` exported of
    product `products[p]` (≥ 0, finite). Labels are text and unique; product codes keep
    their leading zeros. Values are stored as a float64 array (converted on creation).
    """

    countries: tuple[str, ...]
    products: tuple[str, ...]
    values: FloatArray

    def __post_init__(self) -> None:
        values = np.ascontiguousarray(self.values, dtype=np.float64)
        if values.ndim != 2:
            raise ComplexityInputError("values must be a 2-D country × product matrix")
        if values.shape != (len(self.countries), len(self.products)):
            raise ComplexityInputError(
                f"values has shape {values.shape}, labels give "
                f"({len(self.countries)}, {len(self.products)})"
            )
        if len(set(self.countries)) != len(self.countries):
            raise ComplexityInputError("country labels are not unique")
        if len(set(self.products)) != len(self.products):
            raise ComplexityInputError("product labels are not unique")
        if not np.isfinite(values).all():
            raise ComplexityInputError("values must be finite numbers (no NaN or infinity)")
        if (values < 0).any():
            raise ComplexityInputError("values must not be negative")
        object.__setattr__(self, "values", values)


@dataclass(frozen=True, slots=True)
class ComplexityResult:
    """Complexity measures for one year, over the countries and products with non-zero totals.

    Per pair (C × P): `rca`, `presence` (M, bool), `density`, `cog`. Per country (C):
    `eci`, `diversity`, `coi`. Per product (P): `pci`, `ubiquity`. `proximity` is P × P,
    symmetric, diagonal 0. ECI/PCI are NaN for a country with diversity 0 or a product with
    ubiquity 0 (possible above threshold 1), and ECI, PCI and COG are NaN everywhere when
    fewer than two countries or products take part; density is NaN for a product with no
    proximity to any other.
    """

    countries: tuple[str, ...]
    products: tuple[str, ...]
    rca: FloatArray
    presence: BoolArray
    density: FloatArray
    cog: FloatArray
    eci: FloatArray
    diversity: IntArray
    coi: FloatArray
    pci: FloatArray
    ubiquity: IntArray
    proximity: FloatArray
    rca_threshold: float
    dropped_countries: tuple[str, ...] = ()
    dropped_products: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Frozen all the way down: a result shared between callers cannot be edited in place.
        for name in ("rca", "presence", "density", "cog", "eci", "diversity", "coi", "pci"):
            getattr(self, name).flags.writeable = False
        self.ubiquity.flags.writeable = False
        self.proximity.flags.writeable = False


def complexity_input_from_rows(
    *,
    countries: Sequence[str],
    products: Sequence[str],
    values: Sequence[float] | FloatArray,
) -> ComplexityInput:
    """Build the country × product matrix from long rows (one row per pair, absent pairs = 0).

    Labels come out sorted. Raises ComplexityInputError on unequal lengths or a repeated
    (country, product) pair, naming the first repeats.
    """
    values_array = np.asarray(values, dtype=np.float64)
    if not len(countries) == len(products) == values_array.shape[0]:
        raise ComplexityInputError("countries, products and values differ in length")
    country_labels, country_index = _labels_factorise(countries)
    product_labels, product_index = _labels_factorise(products)
    flat = country_index * len(product_labels) + product_index
    cells = len(country_labels) * len(product_labels)
    counts = np.bincount(flat, minlength=cells)
    if (counts > 1).any():
        country_of, product_of = np.divmod(np.flatnonzero(counts > 1)[:5], len(product_labels))
        pairs = ", ".join(
            f"({country_labels[c]}, {product_labels[p]})"
            for c, p in zip(country_of, product_of, strict=True)
        )
        raise ComplexityInputError(f"repeated (country, product) rows: {pairs}")
    matrix = np.zeros(cells, dtype=np.float64)
    matrix[flat] = values_array
    return ComplexityInput(
        countries=country_labels,
        products=product_labels,
        values=matrix.reshape(len(country_labels), len(product_labels)),
    )


def _labels_factorise(codes: Sequence[str]) -> tuple[tuple[str, ...], IntArray]:
    """Sorted distinct labels and each row's position among them.

    A dict pass is several times faster than np.unique's sort of a million short strings.
    """
    first_seen: dict[str, int] = {}
    index = np.fromiter(
        (first_seen.setdefault(code, len(first_seen)) for code in codes),
        dtype=np.int64,
        count=len(codes),
    )
    labels = sorted(first_seen)
    position = {label: rank for rank, label in enumerate(labels)}
    remap = np.fromiter((position[label] for label in first_seen), dtype=np.int64)
    return tuple(labels), remap[index] if len(codes) else index


def complexity_compute(values: ComplexityInput, *, rca_threshold: float = 1.0) -> ComplexityResult:
    """Compute every complexity measure for one year (see the module docstring for formulas).

    Countries and products with zero total exports are left out of the result and listed in
    `dropped_countries` / `dropped_products`. Raises ComplexityInputError when nothing is left
    or the threshold is not a positive finite number.
    """
    if not (np.isfinite(rca_threshold) and rca_threshold > 0):
        raise ComplexityInputError("rca_threshold must be a positive number")
    keep_countries = values.values.sum(axis=1) > 0
    matrix = values.values[keep_countries]
    keep_products = matrix.sum(axis=0) > 0
    matrix = matrix[:, keep_products]
    if matrix.size == 0:
        raise ComplexityInputError("no country and product with positive exports")

    with _blas_threads_for(*matrix.shape):
        rca = complexity_rca(matrix)
        presence = rca >= rca_threshold
        presence_float = presence.astype(np.float64)
        diversity = presence.sum(axis=1, dtype=np.int64)
        ubiquity = presence.sum(axis=0, dtype=np.int64)
        eci_raw, pci_raw = _complexity_eigenvectors(presence_float, diversity, ubiquity)
        proximity = complexity_proximity(presence_float, ubiquity)
        density, gain, coi_raw = _complexity_outlook(presence_float, proximity, pci_raw)

    eci_mean, eci_sd = _long_table_moments(eci_raw, repeat=matrix.shape[1])
    coi_mean, coi_sd = _long_table_moments(coi_raw, repeat=matrix.shape[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        eci = (eci_raw - eci_mean) / eci_sd
        pci = (pci_raw - eci_mean) / eci_sd
        cog = gain / eci_sd
        coi = (coi_raw - coi_mean) / coi_sd

    countries = np.asarray(values.countries, dtype=object)
    products = np.asarray(values.products, dtype=object)
    return ComplexityResult(
        countries=tuple(countries[keep_countries].tolist()),
        products=tuple(products[keep_products].tolist()),
        rca=rca,
        presence=presence,
        density=density,
        cog=cog,
        eci=eci,
        diversity=diversity,
        coi=coi,
        pci=pci,
        ubiquity=ubiquity,
        proximity=proximity,
        rca_threshold=float(rca_threshold),
        dropped_countries=tuple(countries[~keep_countries].tolist()),
        dropped_products=tuple(products[~keep_products].tolist()),
    )


def _complexity_outlook(
    presence: FloatArray, proximity: FloatArray, pci_raw: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Density, COG before Stata's division by sd(ECI), and COI before standardising.

    Density and the COG sum share one matrix product with the proximity matrix.
    """
    proximity_total = proximity.sum(axis=0)  # symmetric: row and column sums agree
    absent = 1.0 - presence
    country_count = presence.shape[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        gain_weight = np.where(
            (proximity_total > 0) & np.isfinite(pci_raw), pci_raw / proximity_total, 0.0
        )
        stacked = np.vstack([presence, absent * gain_weight]) @ proximity
        density = stacked[:country_count] / proximity_total
        gain = absent * stacked[country_count:]
        # Products with no defined density or PCI add nothing to the outlook (Stata would
        # return missing for every country; a nan-sum keeps the other products' signal).
        coi_raw = np.nansum(density * absent * pci_raw, axis=1)
    return density, gain, coi_raw


def complexity_proximity_pairs(
    result: ComplexityResult,
) -> tuple[IntArray, IntArray, FloatArray]:
    """Each unordered product pair with a non-zero proximity once: indexes a < b into
    `result.products` and the proximity, ordered by a then b.
    """
    first, second = np.nonzero(np.triu(result.proximity > 0, k=1))
    return (
        first.astype(np.int64),
        second.astype(np.int64),
        result.proximity[first, second],
    )


def complexity_rca(matrix: FloatArray) -> FloatArray:
    """Balassa RCA, (x_cp / x_c) / (x_p / x), in Stata's order of operations.

    Precondition: every row and column total is positive.
    """
    country_total = matrix.sum(axis=1, keepdims=True)
    product_total = matrix.sum(axis=0, keepdims=True)
    return (matrix / country_total) / (product_total / matrix.sum())


def complexity_proximity(presence: FloatArray, ubiquity: IntArray) -> FloatArray:
    """Proximity φ_pq = Σ_c M_cp M_cq / max(k_p, k_q), diagonal 0; 0 where both are unexported.

    The co-occurrence counts are integers, exact in float32 below 2**24 countries, so their
    matrix product runs in float32 (about twice as fast); the division is done in float64.
    Built in blocks of rows so the only P × P array held is the result.
    """
    product_count = presence.shape[1]
    presence_single = presence.astype(np.float32)
    # max(k_p, k_q, 1): equal to max(k_p, k_q) unless both are 0, when the count is 0 too.
    ubiquity_at_least_one = np.maximum(ubiquity, 1).astype(np.float64)
    proximity = np.empty((product_count, product_count), dtype=np.float64)
    for start in range(0, product_count, _PROXIMITY_BLOCK_ROWS):
        stop = min(start + _PROXIMITY_BLOCK_ROWS, product_count)
        co_occurrence = presence_single[:, start:stop].T @ presence_single
        larger = np.maximum(ubiquity_at_least_one[start:stop, None], ubiquity_at_least_one)
        np.divide(co_occurrence, larger, out=proximity[start:stop])
    np.fill_diagonal(proximity, 0.0)
    return proximity


def _complexity_eigenvectors(
    presence: FloatArray, diversity: IntArray, ubiquity: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Raw ECI (kc) and PCI (kp) as Stata defines them, NaN where they are not defined.

    Stata takes the second eigenvector of the P × P matrix M̃ = D_p⁻¹ Mᵀ D_c⁻¹ M. That matrix is
    similar to a symmetric one, and shares its non-zero eigenvalues with the C × C matrix
    D_c⁻¹ M D_p⁻¹ Mᵀ, so we solve the smaller side with a symmetric eigensolver and map across:
    kc = D_c⁻¹ M kp and kp = D_p⁻¹ Mᵀ kc / λ. The scale of the eigenvector does not matter
    (everything is standardised by kc's standard deviation); the sign is fixed as Stata does.
    """
    eci_raw = np.full(presence.shape[0], np.nan)
    pci_raw = np.full(presence.shape[1], np.nan)
    valid_countries = diversity > 0
    valid_products = ubiquity > 0
    core = presence[np.ix_(valid_countries, valid_products)]
    country_degree = diversity[valid_countries].astype(np.float64)
    product_degree = ubiquity[valid_products].astype(np.float64)
    if min(core.shape) < 2:
        return eci_raw, pci_raw
    country_side = core.shape[0] <= core.shape[1]
    if country_side:
        # S = D_c^-1/2 M D_p^-1 Mᵀ D_c^-1/2, symmetric, C × C.
        scaled = core / np.sqrt(country_degree)[:, None]
        symmetric = (scaled / product_degree) @ scaled.T
    else:
        # S = D_p^-1/2 Mᵀ D_c^-1 M D_p^-1/2, symmetric, P × P.
        scaled = core / np.sqrt(product_degree)[None, :]
        symmetric = (scaled.T / country_degree) @ scaled
    # One BLAS thread: for a few hundred rows LAPACK is faster so, and a second thread
    # spin-waiting for a busy core made this step 10-50× slower at times.
    with _blas_controller().limit(limits=1, user_api="blas"):
        eigenvalues, eigenvectors = np.linalg.eigh(symmetric)
    if not eigenvalues[-2] > _EIGENVALUE_FLOOR * eigenvalues[-1]:
        # M̃ has rank one: every country has the same mix, and no ranking exists.
        return eci_raw, pci_raw
    if country_side:
        kc = eigenvectors[:, -2] / np.sqrt(country_degree)
        kp = (core.T @ kc) / product_degree / eigenvalues[-2]
    else:
        kp = eigenvectors[:, -2] / np.sqrt(product_degree)
        kc = (core @ kp) / country_degree
    # Stata: eigensign = 2 * (corr(diversity, kc) > 0) - 1, so an undefined correlation
    # (every country equally diverse) flips the sign, as there.
    with np.errstate(divide="ignore", invalid="ignore"):
        correlation = np.corrcoef(country_degree, kc)[0, 1]
    sign = 1.0 if correlation > 0 else -1.0
    eci_raw[valid_countries] = sign * kc
    pci_raw[valid_products] = sign * kp
    return eci_raw, pci_raw


def _blas_threads_for(countries: int, products: int) -> AbstractContextManager[object]:
    """One BLAS thread below about a GFLOP of matrix products, the machine's default above.

    On small matrices a second thread costs more than it saves, and when the other core is
    busy its spin-waiting made the 226 × 785 case several times slower.
    """
    largest_product_flops = 2 * (2 * countries) * products * products
    if largest_product_flops < _SINGLE_THREAD_BELOW_FLOPS:
        return _blas_controller().limit(limits=1, user_api="blas")
    return nullcontext()


@cache
def _blas_controller() -> ThreadpoolController:
    """Found once: looking up the loaded BLAS libraries costs milliseconds."""
    return ThreadpoolController()


def _long_table_moments(per_country: FloatArray, *, repeat: int) -> tuple[float, float]:
    """Mean and sd (N − 1) of a per-country value as Stata's `sum` sees it in the long table,
    where each country's row appears once per product (`repeat` times). NaN rows are skipped.
    """
    finite = per_country[np.isfinite(per_country)]
    count = finite.size * repeat
    if count < 2:
        return float("nan"), float("nan")
    mean = float(finite.mean())
    variance = repeat * float(((finite - mean) ** 2).sum()) / (count - 1)
    return mean, float(np.sqrt(variance))
