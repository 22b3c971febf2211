"""Reading and checking an officer's statistics table, before anything is written.

Pure: no ORM and no I/O (the caller passes the registry's product types). Every problem that
refuses the whole file is raised here as a ValidationError with a `code`.

Accepted columns (headers compared ignoring case, punctuation and spacing; the full lists are
`odop.evidence.vocabularies.COLUMN_SPELLINGS`):

- **State** (State, State name, State/UT) and **District** (District, District name): required;
  the district is found with the one district resolver, within its State.
- **Product** (Product, Product type, ODOP product, Commodity, Item, Crop) or **Sector**
  (Sector, Industry, Activity): at least one. A product is matched to a registry product type
  by `registry.vocabularies.product_type_key`; a name that is no product type but a sector
  ("Handlooms") becomes that sector; anything else is kept as written. The Sector cell is read
  only when the row's Product cell is empty.
- **Production** (Production, Output, Quantity) with **Unit** (Unit, UOM), **Workers**
  (Workers, Employment, No. of workers, Artisans) and **Units** (Units, Enterprises, No. of
  units): at least one of the three. A header may carry the unit: "Production (tonnes)".
- **Year** (Year, Financial year, FY): optional; "2021-22" is read as 2021 (the year it starts).
  Rows without a year take the upload's reference year.

Cells that are empty, "-", "NA" or "N/A" hold no figure; "12,34,567" is 1234567.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from odop.core.tabular import Table
from odop.core.text import text_clean
from odop.evidence.models import (
    YEAR_MAX,
    YEAR_MIN,
)
from odop.evidence.vocabularies import MEASURE_FIELDS, header_field, is_missing, unit_normalise
from odop.registry.models import ProductType
from odop.registry.vocabularies import product_type_key, sector_normalise

PRODUCTION_MAX = Decimal(10) ** 15  # max_digits 18, decimal_places 3
PRODUCTION_STEP = Decimal("0.001")
COUNT_MAX = 2_147_483_647  # PositiveIntegerField on every database
SUBJECT_MAX_LENGTH = 200
UNIT_MAX_LENGTH = 32

_NUMBER_NOISE = re.compile(r"[\s,'\u00a0\u2009\u202f]")
_YEAR = re.compile(r"^(?P<start>\d{4})(?:\s*[-/–]\s*(?P<end>\d{2}|\d{4}))?$")


@dataclass(frozen=True)
class StatisticsColumns:
    """Which header of the file holds each field (None: the file has no such column)."""

    state: str
    district: str
    product: str | None
    sector: str | None
    year: str | None
    production: str | None
    unit: str | None
    workers: str | None
    units: str | None
    unit_from_header: str  # "tonnes" from "Production (tonnes)"


@dataclass(frozen=True)
class Subject:
    """What a row's figures are about."""

    key: str
    product_type: ProductType | None
    sector: str
    name: str
    source: str

    @property
    def is_listed(self) -> bool:
        return self.product_type is not None or bool(self.sector)


@dataclass(frozen=True)
class StatisticsRow:
    """One row of the file, read and checked."""

    number: int
    state: str
    district: str
    subject: Subject | None
    year: int
    production: Decimal | None
    unit: str
    workers: int | None
    units: int | None

    @property
    def has_figures(self) -> bool:
        return self.production is not None or self.workers is not None or self.units is not None


def refusal(message: str, code: str, **params: object) -> ValidationError:
    """The error that refuses a whole file: a message with `%(name)s` placeholders and a code."""
    return ValidationError(message, code=code, params=params)


# ---------------------------------------------------------------- whole-file checks


def statistics_columns_find(table: Table) -> StatisticsColumns:
    """Map the file's headers to fields; refuse a file without the required columns."""
    found: dict[str, str] = {}
    unit_from_header = ""
    for header in table.columns:
        field, inside = header_field(header) if header else (None, "")
        if field is None:
            continue
        if field in found:
            raise refusal(
                _("%(file)s has two columns for the same field: “%(first)s” and “%(second)s”."),
                "duplicate_columns",
                file=table.name,
                first=found[field],
                second=header,
            )
        found[field] = header
        if field == "production":
            unit_from_header = unit_normalise(inside)
    missing = [
        label
        for label, present in (
            (_("State"), "state" in found),
            (_("District"), "district" in found),
            (_("Product or Sector"), "product" in found or "sector" in found),
            (
                _("Production, Workers or Units"),
                any(name in found for name in MEASURE_FIELDS),
            ),
        )
        if not present
    ]
    if missing:
        raise refusal(
            _("%(file)s is missing the column(s): %(columns)s. Found: %(found)s."),
            "missing_columns",
            file=table.name,
            columns=", ".join(missing),
            found=", ".join(column for column in table.columns if column) or _("no header"),
        )
    return StatisticsColumns(
        state=found["state"],
        district=found["district"],
        product=found.get("product"),
        sector=found.get("sector"),
        year=found.get("year"),
        production=found.get("production"),
        unit=found.get("unit"),
        workers=found.get("workers"),
        units=found.get("units"),
        unit_from_header=unit_from_header,
    )


def _decimal(raw: str, *, file: str, row: int, column: str) -> Decimal | None:
    """A figure ≥ 0, or None for an empty cell; refuses text and negative numbers."""
    if is_missing(raw):
        return None
    text = _NUMBER_NOISE.sub("", text_clean(raw))
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise refusal(
            _("%(file)s row %(row)d: %(column)s must be a number, not “%(value)s”."),
            "not_a_number",
            file=file,
            row=row,
            column=column,
            value=text_clean(raw),
        )
    if value < 0:
        raise refusal(
            _("%(file)s row %(row)d: %(column)s cannot be negative (“%(value)s”)."),
            "negative_value",
            file=file,
            row=row,
            column=column,
            value=text_clean(raw),
        )
    return value.copy_abs()  # "-0" is 0


def _production(raw: str, *, file: str, row: int, column: str) -> Decimal | None:
    value = _decimal(raw, file=file, row=row, column=column)
    if value is None:
        return None
    if value >= PRODUCTION_MAX or value != value.quantize(PRODUCTION_STEP):
        raise refusal(
            _(
                "%(file)s row %(row)d: %(column)s “%(value)s” is out of range (below "
                "1,000,000,000,000,000 with at most 3 decimals)."
            ),
            "not_a_number",
            file=file,
            row=row,
            column=column,
            value=text_clean(raw),
        )
    return value


def _count(raw: str, *, file: str, row: int, column: str) -> int | None:
    value = _decimal(raw, file=file, row=row, column=column)
    if value is None:
        return None
    if value != value.to_integral_value() or value > COUNT_MAX:
        raise refusal(
            _("%(file)s row %(row)d: %(column)s must be a whole number, not “%(value)s”."),
            "not_a_number",
            file=file,
            row=row,
            column=column,
            value=text_clean(raw),
        )
    return int(value)


def _year_in_range(year: int, *, file: str, raw: str, row: int) -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise refusal(
            _("%(file)s row %(row)s: “%(value)s” is not a year between 1900 and 2100."),
            "bad_year",
            file=file,
            row=row,
            value=raw,
        )
    return year


def reference_year_check(year: int) -> int:
    """Refuse a reference year outside 1900–2100 (code bad_year)."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise refusal(
            _("The reference year %(year)d is not between 1900 and 2100."), "bad_year", year=year
        )
    return year


def _year(raw: str, *, file: str, row: int, reference_year: int | None) -> int:
    """The row's year: a four-digit year, or a financial year "2021-22" read as 2021; the
    reference year when the cell is empty."""
    if is_missing(raw):
        if reference_year is None:
            raise refusal(
                _(
                    "%(file)s row %(row)d has no year: add a Year column or choose the "
                    "reference year of the file."
                ),
                "missing_year",
                file=file,
                row=row,
            )
        return reference_year
    text = text_clean(raw)
    match = _YEAR.match(text)
    if match is None:
        raise refusal(
            _("%(file)s row %(row)s: “%(value)s” is not a year between 1900 and 2100."),
            "bad_year",
            file=file,
            row=row,
            value=text,
        )
    start = int(match["start"])
    end = match["end"]
    if end is not None and int(end) != (start + 1) % (100 if len(end) == 2 else 10_000):
        raise refusal(
            _("%(file)s row %(row)s: “%(value)s” is not a year between 1900 and 2100."),
            "bad_year",
            file=file,
            row=row,
            value=text,
        )
    return _year_in_range(start, file=file, raw=text, row=row)


def _subject(
    text: str, *, from_sector_column: bool, product_types: Mapping[str, ProductType]
) -> Subject | None:
    """A product type of the registry, else a sector, else the name as written."""
    if not text:
        return None
    if not from_sector_column:
        product_type = product_types.get(product_type_key(text))
        if product_type is not None:
            return Subject(product_type.key, product_type, "", product_type.name, text)
    sector = sector_normalise(text)
    if sector is not None:
        return Subject(f"sector:{sector}", None, sector, text, text)
    return Subject(product_type_key(text), None, "", text, text)


def statistics_row_read(
    number: int,
    row: dict[str, str],
    *,
    columns: StatisticsColumns,
    file: str,
    reference_year: int | None,
    product_types: Mapping[str, ProductType],
) -> StatisticsRow:
    """Read one row; refuse the whole file on a bad figure, year or unit."""

    def cell(column: str | None) -> str:
        return text_clean(row.get(column, "")) if column else ""

    subject_text, from_sector = cell(columns.product), False
    if not subject_text and columns.sector:
        subject_text, from_sector = cell(columns.sector), True
    for column, value, limit in (
        (columns.product if not from_sector else columns.sector, subject_text, SUBJECT_MAX_LENGTH),
        (columns.unit, cell(columns.unit), UNIT_MAX_LENGTH),
    ):
        if len(value) > limit:
            raise refusal(
                _("%(file)s row %(row)d: %(column)s is longer than %(limit)d characters."),
                "value_too_long",
                file=file,
                row=number,
                column=column or "",
                limit=limit,
            )
    production = (
        _production(
            row.get(columns.production, ""), file=file, row=number, column=columns.production
        )
        if columns.production
        else None
    )
    unit = unit_normalise(cell(columns.unit)) or columns.unit_from_header
    if production is not None and not unit:
        raise refusal(
            _(
                "%(file)s row %(row)d gives production without a unit: add a Unit column or "
                "write the unit in the header, as in “Production (tonnes)”."
            ),
            "missing_unit",
            file=file,
            row=number,
        )
    return StatisticsRow(
        number=number,
        state=cell(columns.state),
        district=cell(columns.district),
        subject=_subject(subject_text, from_sector_column=from_sector, product_types=product_types),
        year=_year(cell(columns.year), file=file, row=number, reference_year=reference_year),
        production=production,
        unit=unit if production is not None else "",
        workers=_count(row.get(columns.workers, ""), file=file, row=number, column=columns.workers)
        if columns.workers
        else None,
        units=_count(row.get(columns.units, ""), file=file, row=number, column=columns.units)
        if columns.units
        else None,
    )


def statistics_duplicates_refuse(
    rows: list[tuple[tuple[object, ...], StatisticsRow]], *, file: str
) -> None:
    """Refuse the file when two rows give figures of the same district, subject and year."""
    first_seen: dict[tuple[object, ...], int] = {}
    for identity, row in rows:
        if identity in first_seen:
            raise refusal(
                _(
                    "%(file)s rows %(first)d and %(second)d both give figures of %(subject)s in "
                    "%(year)d for the same district; remove one and upload again."
                ),
                "duplicate_rows",
                file=file,
                first=first_seen[identity],
                second=row.number,
                subject=row.subject.source if row.subject else "",
                year=row.year,
            )
        first_seen[identity] = row.number
