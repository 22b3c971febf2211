"""An exporter's position in the product space of one BACI year: for each HS 1992 six-digit
product, whether it exports it with comparative advantage (RCA ≥ 1), its density (how much of
the nearby know-how it already has) and its complexity outlook gain (COG).

Pure (house style rule 7): no ORM, no I/O. The measures are `markets.complexity`'s (Stata
`ecomplexity` conventions) over the year's exporter × product matrix. The matrix is built in
HS 1992 codes, whatever the year's revision, because the product-space backbone and the PCI
table that rank a district's new products (`markets.neighbours`) are in HS 1992: a position
in another nomenclature could not be matched to them. Codes of the year's revision are moved
to HS 1992 with UNSD's conversion table (one HS 1992 code each); a code the table does not
have is left out and named in `unconverted_products`.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from odop.markets.complexity import ComplexityInput, ComplexityInputError, complexity_compute
from odop.markets.loaders import BaciTable
from odop.markets.neighbours import CountryPosition


@dataclass(frozen=True, slots=True)
class ExporterPositions:
    """`exporter`'s position per HS 1992 product in one year, and its RCA there."""

    exporter: str
    positions: Mapping[str, CountryPosition]
    rca: Mapping[str, float]
    countries: int  # exporters in the matrix
    unconverted_products: tuple[str, ...]  # codes of the year's revision with no HS 1992 code


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


def exporter_positions_compute(
    table: BaciTable,
    *,
    exporter: str,
    to_hs1992: Mapping[str, tuple[str, ...]] | None,
) -> ExporterPositions:
    """`exporter`'s (ISO3) density, COG and M = 1[RCA ≥ 1] per HS 1992 product, from every
    exporter's flows in `table` summed over importers. `to_hs1992` maps the table's codes to
    HS 1992 (None when the table is HS 1992 already); where it lists several targets the
    first is used. Raises `ComplexityInputError` when the exporter exported nothing that
    converts, or the table is empty."""
    if len(table.value) == 0:
        raise ComplexityInputError("the BACI table has no rows")
    codes, code_index = np.unique(table.product, return_inverse=True)
    if to_hs1992 is None:
        targets_of = [str(code) for code in codes]
    else:
        targets_of = [
            (to_hs1992.get(str(code)) or ("",))[0] for code in codes
        ]  # "" = no HS 1992 code
    target_labels = sorted({target for target in targets_of if target})
    target_position = {label: n for n, label in enumerate(target_labels)}
    code_target = np.array([target_position.get(target, -1) for target in targets_of])
    row_target = code_target[code_index]
    converted = row_target >= 0
    countries, country_index = np.unique(table.exporter[converted], return_inverse=True)
    width = len(target_labels)
    matrix = np.bincount(
        country_index * width + row_target[converted],
        weights=np.asarray(table.value, dtype=np.float64)[converted],
        minlength=len(countries) * width,
    ).reshape(len(countries), width)
    labels = tuple(str(country) for country in countries)
    result = complexity_compute(
        ComplexityInput(countries=labels, products=tuple(target_labels), values=matrix)
    )
    if exporter not in result.countries:
        raise ComplexityInputError(f"exporter {exporter} exported nothing in the table")
    row = result.countries.index(exporter)
    positions = {
        product: CountryPosition(
            m=bool(result.presence[row, column]),
            density=_finite_or_none(float(result.density[row, column])),
            cog=_finite_or_none(float(result.cog[row, column])),
        )
        for column, product in enumerate(result.products)
    }
    return ExporterPositions(
        exporter=exporter,
        positions=positions,
        rca={
            product: float(result.rca[row, column])
            for column, product in enumerate(result.products)
        },
        countries=len(result.countries),
        unconverted_products=tuple(
            str(code) for code, target in zip(codes, targets_of, strict=True) if not target
        ),
    )
