"""World Bank indicators (GDP, population) by economy and year.

Three layouts are read: the long `Country Name, Country Code, Year, Value` of the datasets/gdp
and datasets/population packages; the DataBank export `..., Country Code, Time, ..., Value`
(with a UTF-8 BOM, ".." or empty for no value, and "Data from database: …" footer rows after
the data); and the wide WDI download with one column per year ("1960" or "1960 [YR1960]"),
turned into the same long form. Cells with no value are counted, not stored.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from odop.core.text import text_clean
from odop.markets.loaders.reading import (
    DelimitedFile,
    Source,
    delimited_read,
    duplicate_refuse,
    integer_parse,
    number_or_none,
    source_name,
)

_YEAR_COLUMN = re.compile(r"^(\d{4})(?: \[YR\d{4}\])?$")
_NO_VALUE = ("", "..")
_CODE = "Country Code"
_NAME = "Country Name"


@dataclass(frozen=True, slots=True)
class IndicatorSeries:
    """One indicator's values keyed by (ISO3 or World Bank aggregate code, year)."""

    values: Mapping[tuple[str, int], float]
    country_names: Mapping[str, str]
    missing_values: int


def _cells_long(table: DelimitedFile, year_column: str) -> list[tuple[int, str, str, str, str]]:
    index = table.column_index((_CODE, year_column, "Value"))
    name_index = table.columns.index(_NAME) if _NAME in table.columns else None
    return [
        (
            line,
            values[index[_CODE]].strip(),
            "" if name_index is None else values[name_index],
            values[index[year_column]],
            values[index["Value"]],
        )
        for line, values in table.rows
    ]


def _cells_wide(table: DelimitedFile) -> list[tuple[int, str, str, str, str]]:
    index = table.column_index((_CODE,))
    name_index = table.columns.index(_NAME) if _NAME in table.columns else None
    years = [
        (position, match.group(1))
        for position, column in enumerate(table.columns)
        if (match := _YEAR_COLUMN.match(column))
    ]
    return [
        (
            line,
            values[index[_CODE]].strip(),
            "" if name_index is None else values[name_index],
            year,
            values[position],
        )
        for line, values in table.rows
        for position, year in years
    ]


def _without_footer(
    cells: list[tuple[int, str, str, str, str]], file: str
) -> list[tuple[int, str, str, str, str]]:
    """Drop DataBank's footer (rows with no country code after the last data row); a row with
    no country code among the data is refused."""
    last = max((i for i, cell in enumerate(cells) if cell[1]), default=-1)
    for line, code, *_rest in cells[: last + 1]:
        if not code:
            raise ValidationError(
                _("%(file)s, line %(line)d: the Country Code is empty."),
                code="bad_format",
                params={"file": file, "line": line},
            )
    return cells[: last + 1]


def wdi_load(source: Source, *, name: str | None = None) -> IndicatorSeries:
    """Read a World Bank indicator file (long, DataBank or wide). Raises `ValidationError`
    (missing_columns, not_a_number, bad_format, duplicate_rows, empty_file) on a bad file."""
    file = source_name(source, name)
    table = delimited_read(source, name=file)
    if "Year" in table.columns:
        cells = _cells_long(table, "Year")
    elif "Time" in table.columns:
        cells = _cells_long(table, "Time")
    elif any(_YEAR_COLUMN.match(column) for column in table.columns):
        cells = _cells_wide(table)
    else:
        table.column_index((_CODE, "Year", "Value"))  # raises missing_columns
        cells = []
    values: dict[tuple[str, int], float] = {}
    names: dict[str, str] = {}
    lines: dict[tuple[str, int], int] = {}
    missing = 0
    for line, code, country_name, year_text, value_text in _without_footer(cells, file):
        year = integer_parse(year_text, file=file, line=line, column="Year")
        key = (code, year)
        if key in lines:
            raise duplicate_refuse(
                file=file, line=line, first_line=lines[key], key=f"{code}/{year}"
            )
        lines[key] = line
        value = number_or_none(value_text, missing=_NO_VALUE, file=file, line=line, column="Value")
        if country_name:
            names.setdefault(code, text_clean(country_name))
        if value is None:
            missing += 1
        else:
            values[key] = value
    if not lines:
        raise ValidationError(
            _("%(file)s has no data rows."), code="empty_file", params={"file": file}
        )
    return IndicatorSeries(values=values, country_names=names, missing_values=missing)
