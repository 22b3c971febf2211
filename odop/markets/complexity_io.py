"""CSV in and out for the `odop complexity` command; the maths is in `odop.markets.complexity`.

Reading validates the whole file before anything is computed; writing goes to temporary files
that are renamed into place only when every file has been written, so a failure leaves the
output folder as it was.
"""

import csv
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from odop.core.spreadsheets import text_safe
from odop.markets.complexity import (
    ComplexityInput,
    ComplexityInputError,
    ComplexityResult,
    complexity_input_from_rows,
    complexity_proximity_pairs,
)

# How many offending lines an error message names before it says "...".
_LINES_SHOWN = 5


@dataclass(frozen=True, slots=True)
class _RenderedRows:
    """CSV lines already rendered (each ending in a newline), and how many there are."""

    text: str
    count: int


# Turns one year's result into chunks of CSV rows (lists for csv.writer, or rendered text).
_RowsWriter = Callable[[ComplexityResult, str | None], Iterator[list[Any] | _RenderedRows]]


class ComplexityFileError(ValueError):
    """The input file cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class ComplexityColumns:
    """Which columns of the input file hold what; `year` is None for a single-year file."""

    country: str
    product: str
    value: str
    year: str | None = None


def complexity_table_read(
    path: Path, *, columns: ComplexityColumns
) -> dict[str | None, ComplexityInput]:
    """Read a long CSV (one row per country, product [and year]) into one matrix per year.

    Codes are kept as text (leading zeros survive). Years come back sorted, numerically when
    they all are integers; the only key is None when there is no year column. Raises
    ComplexityFileError for an empty file, a missing column, an empty code, a value that is
    not a finite non-negative number, or a repeated (country, product, year) row.
    """
    country_codes, product_codes, year_codes, value_texts, line_numbers = _columns_read(
        path, columns=columns
    )
    values = _values_parse(value_texts, line_numbers, column=columns.value)
    years = np.asarray(year_codes, dtype=str)
    inputs: dict[str | None, ComplexityInput] = {}
    countries = np.asarray(country_codes, dtype=str)
    products = np.asarray(product_codes, dtype=str)
    for year in _years_sorted(set(year_codes)):
        rows = years == year
        try:
            inputs[year if columns.year else None] = complexity_input_from_rows(
                countries=countries[rows].tolist(),
                products=products[rows].tolist(),
                values=values[rows],
            )
        except ComplexityInputError as error:
            where = f"year {year}: " if columns.year else ""
            raise ComplexityFileError(f"{path}: {where}{error}") from error
    return inputs


def complexity_results_write(
    results: Mapping[str | None, ComplexityResult], directory: Path
) -> dict[str, int]:
    """Write the four output files into `directory` (created if needed); rows per file.

    With years, each file gets a `year` column after the codes, proximity.csv included
    (proximity differs by year). Missing values (NaN) are written as empty cells; floats are
    written with the shortest text that reads back to the same double. Codes and years come
    from the input file, so they go through `odop.core.spreadsheets.text_safe` (a code such as
    `=HYPERLINK(...)` is written `'=HYPERLINK(...)`): once per label, never per row, so the
    millions of rows cost no more than before; the numbers are floats and are left alone.
    """
    with_year = any(year is not None for year in results)
    directory.mkdir(parents=True, exist_ok=True)
    writers: dict[str, tuple[list[str], _RowsWriter]] = {
        "country_product.csv": (
            ["country", "product", "year", "rca", "m", "density", "cog"],
            _country_product_rows,
        ),
        "country.csv": (["country", "year", "eci", "diversity", "coi"], _country_rows),
        "product.csv": (["product", "year", "pci", "ubiquity"], _product_rows),
        "proximity.csv": (["product_a", "product_b", "year", "proximity"], _proximity_rows),
    }
    counts: dict[str, int] = {}
    temporary: dict[str, Path] = {}
    try:
        for name, (header, rows_for) in writers.items():
            temporary[name] = directory / f".{name}.partial"
            with temporary[name].open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(header if with_year else [h for h in header if h != "year"])
                counts[name] = 0
                for year, result in results.items():
                    for chunk in rows_for(result, text_safe(year) if year is not None else None):
                        if isinstance(chunk, _RenderedRows):
                            handle.write(chunk.text)
                            counts[name] += chunk.count
                        else:
                            writer.writerows(chunk)
                            counts[name] += len(chunk)
        for name, partial in temporary.items():
            os.replace(partial, directory / name)
    finally:
        for partial in temporary.values():
            partial.unlink(missing_ok=True)
    return counts


def _columns_read(
    path: Path, *, columns: ComplexityColumns
) -> tuple[list[str], list[str], list[str], list[str], list[int]]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise ComplexityFileError(f"{path}: cannot be read ({error.strerror})") from error
    with handle:
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader, [])]
        if not any(header):
            raise ComplexityFileError(f"{path}: the file is empty (no header row)")
        wanted = [columns.country, columns.product, columns.value]
        if columns.year:
            wanted.append(columns.year)
        missing = [name for name in wanted if name not in header]
        if missing:
            raise ComplexityFileError(
                f"{path}: missing column(s) {', '.join(missing)}; "
                f"the header has {', '.join(header)}"
            )
        positions = [header.index(name) for name in wanted]
        width = max(positions) + 1
        country_codes: list[str] = []
        product_codes: list[str] = []
        year_codes: list[str] = []
        value_texts: list[str] = []
        line_numbers: list[int] = []
        empty_code_lines: list[int] = []
        try:
            for row in reader:
                if not row or not any(cell.strip() for cell in row):
                    continue
                if len(row) < width:
                    raise ComplexityFileError(
                        f"{path}: line {reader.line_num} has {len(row)} fields, "
                        f"the header needs {width}"
                    )
                cells = [row[position].strip() for position in positions]
                if not cells[0] or not cells[1] or (columns.year and not cells[3]):
                    empty_code_lines.append(reader.line_num)
                country_codes.append(cells[0])
                product_codes.append(cells[1])
                value_texts.append(cells[2])
                year_codes.append(cells[3] if columns.year else "")
                line_numbers.append(reader.line_num)
        except (csv.Error, UnicodeDecodeError) as error:
            raise ComplexityFileError(f"{path}: not a readable CSV file ({error})") from error
    if not country_codes:
        raise ComplexityFileError(f"{path}: the file has a header but no data rows")
    if empty_code_lines:
        raise ComplexityFileError(
            f"{path}: empty country, product or year code on line(s) "
            f"{_lines_text(empty_code_lines)}"
        )
    return country_codes, product_codes, year_codes, value_texts, line_numbers


def _values_parse(texts: list[str], line_numbers: list[int], *, column: str) -> np.ndarray:
    try:
        values = np.array(texts, dtype=np.float64)
    except ValueError:
        bad = [line for text, line in zip(texts, line_numbers, strict=True) if not _is_number(text)]
        raise ComplexityFileError(
            f"column {column}: not a number on line(s) {_lines_text(bad)}"
        ) from None
    lines = np.asarray(line_numbers)
    not_finite = ~np.isfinite(values)
    if not_finite.any():
        raise ComplexityFileError(
            f"column {column}: not a finite number on line(s) "
            f"{_lines_text(lines[not_finite].tolist())}"
        )
    negative = values < 0
    if negative.any():
        raise ComplexityFileError(
            f"column {column}: negative value on line(s) {_lines_text(lines[negative].tolist())}"
        )
    return values


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _lines_text(lines: Sequence[int]) -> str:
    shown = ", ".join(str(line) for line in lines[:_LINES_SHOWN])
    return shown + (", ..." if len(lines) > _LINES_SHOWN else "")


def _years_sorted(years: Iterable[str]) -> list[str]:
    codes = list(years)
    try:
        return sorted(codes, key=int)
    except ValueError:
        return sorted(codes)


def _cells(values: np.ndarray) -> list[Any]:
    """Floats as written: NaN (undefined) becomes None, which csv writes as an empty cell."""
    cells: list[Any] = values.tolist()
    if np.isnan(values).any():
        cells = [None if math.isnan(value) else value for value in cells]
    return cells


def _with_year(columns: list[list[Any]], year: str | None, at: int) -> Iterable[Any]:
    if year is not None:
        columns = [*columns[:at], [year] * len(columns[0]), *columns[at:]]
    return zip(*columns, strict=True)


def _labels_safe(codes: Iterable[str]) -> list[str]:
    """Country or product codes as spreadsheet-safe cells (see `text_safe`)."""
    return [text_safe(code) for code in codes]


def _country_product_rows(result: ComplexityResult, year: str | None) -> Iterator[list[Any]]:
    countries = _labels_safe(result.countries)
    products = _labels_safe(result.products)
    # One country's rows at a time keeps the Python objects for 5,000 products, not 1.1 M.
    for index in range(len(countries)):
        columns = [
            [countries[index]] * len(products),
            products,
            _cells(result.rca[index]),
            result.presence[index].astype(np.int64).tolist(),
            _cells(result.density[index]),
            _cells(result.cog[index]),
        ]
        yield list(_with_year(columns, year, at=2))


def _country_rows(result: ComplexityResult, year: str | None) -> Iterator[list[Any]]:
    columns = [
        _labels_safe(result.countries),
        _cells(result.eci),
        result.diversity.tolist(),
        _cells(result.coi),
    ]
    yield list(_with_year(columns, year, at=1))


def _product_rows(result: ComplexityResult, year: str | None) -> Iterator[list[Any]]:
    columns = [_labels_safe(result.products), _cells(result.pci), result.ubiquity.tolist()]
    yield list(_with_year(columns, year, at=1))


def _proximity_rows(result: ComplexityResult, year: str | None) -> Iterator[_RenderedRows]:
    """Millions of pairs for thousands of products, so the lines are assembled with numpy.

    Proximities are ratios of small counts and take few distinct values: each is formatted
    once and looked up, which makes this ~3x faster than csv.writer.
    """
    first, second, proximity = complexity_proximity_pairs(result)
    if not len(first):
        return
    distinct, which = np.unique(proximity, return_inverse=True)
    prefix = f"{_csv_field(year)}," if year is not None else ""
    value_texts = np.array([f"{prefix}{value!r}" for value in distinct.tolist()], dtype=object)
    labels = np.array([f"{_csv_field(code)}," for code in result.products], dtype=object)
    chunk = 1_000_000
    for start in range(0, len(first), chunk):
        stop = start + chunk
        lines = (
            labels[first[start:stop]] + labels[second[start:stop]] + value_texts[which[start:stop]]
        )
        yield _RenderedRows("\n".join(lines.tolist()) + "\n", len(lines))


def _csv_field(text: str) -> str:
    """`text` as `SafeCsvWriter` (QUOTE_MINIMAL) writes it: `'` in front of a formula (see
    `text_safe`), then quoted when it holds , " or a newline. Called once per label."""
    text = text_safe(text)
    if any(character in text for character in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text
