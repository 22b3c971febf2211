"""India's exports or imports by HS chapter × partner (Dept. of Commerce TradeStat/EIDB portal,
as republished in the Kaggle "India Trade Data" set; `trade/india/` in the shared data).

Quirks handled (see SOURCES.md §5): HSCode is written both "2" and "02" (zero-filled to two
digits); `value` is US$ million and empty where the portal had no figure (kept as None and
counted); partner names are the portal's spellings ("U S A", "AFGHANISTAN TIS"), some with
trailing spaces, mapped to ISO3 through `odop/markets/data/country_names.csv`; the imports
file repeats about 18,000 rows word for word (2015, 2017, 2018), which are dropped and counted,
while two rows for the same chapter, partner and year that disagree are refused.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from odop.core.text import text_clean
from odop.markets.loaders.reading import (
    Source,
    code_pad,
    delimited_read,
    duplicate_refuse,
    integer_parse,
    number_or_none,
    source_name,
)

COUNTRY_NAMES_PATH = Path(__file__).resolve().parent.parent / "data" / "country_names.csv"
INDIA_COLUMNS = ("HSCode", "Commodity", "value", "country", "year")
_MISSING_VALUE = ("", "NA", "nan", "NaN")


@dataclass(frozen=True, slots=True)
class IndiaTradeRow:
    """India's trade with one partner in one HS chapter in one (probably fiscal) year."""

    chapter: str
    partner_name: str
    partner_iso3: str | None
    year: int
    value_usd_million: float | None


@dataclass(frozen=True, slots=True)
class IndiaTrade:
    """The rows of one India trade file, with what could not be mapped or was left out."""

    rows: tuple[IndiaTradeRow, ...]
    chapter_names: Mapping[str, str]
    unmapped_partners: tuple[str, ...]
    missing_values: int
    repeated_rows_dropped: int


def partner_name_key(name: str) -> str:
    """The portal spelling as the mapping stores it: trimmed, single-spaced, upper case."""
    return text_clean(name).upper()


def india_partner_codes_load(path: Source = COUNTRY_NAMES_PATH) -> dict[str, str]:
    """The curated partner spelling → ISO3 mapping. Every ISO3 in it was checked against BACI's
    or CEPII's country lists (the `verified_against` column); names not in it stay unmapped."""
    name = source_name(path, None)
    table = delimited_read(path, name=name)
    index = table.column_index(("india_name", "iso3"))
    codes: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, values in table.rows:
        key = partner_name_key(values[index["india_name"]])
        iso3 = values[index["iso3"]].strip()
        if len(iso3) != 3 or not iso3.isalpha() or not iso3.isupper():
            raise ValidationError(
                _("%(file)s, line %(line)d: '%(value)s' is not an ISO3 code."),
                code="bad_format",
                params={"file": name, "line": line, "value": iso3},
            )
        if key in codes:
            raise duplicate_refuse(file=name, line=line, first_line=first_line[key], key=key)
        codes[key] = iso3
        first_line[key] = line
    return codes


def india_trade_load(
    source: Source, *, name: str | None = None, partner_codes: Mapping[str, str] | None = None
) -> IndiaTrade:
    """Read an India exports or imports file (.csv or .csv.gz). Raises `ValidationError`
    (missing_columns, not_a_number, bad_format, duplicate_rows, empty_file) on a bad file."""
    file = source_name(source, name)
    codes = india_partner_codes_load() if partner_codes is None else partner_codes
    table = delimited_read(source, name=file)
    index = table.column_index(INDIA_COLUMNS)
    rows: list[IndiaTradeRow] = []
    chapter_names: dict[str, str] = {}
    seen: dict[tuple[str, str, int], tuple[int, tuple[str, ...]]] = {}
    unmapped: set[str] = set()
    partner_keys: dict[str, str] = {}  # about 250 spellings over 137,000 rows
    missing_values = 0
    repeated = 0
    for line, values in table.rows:
        chapter = code_pad(values[index["HSCode"]], digits=2, file=file, line=line, column="HSCode")
        raw_partner = values[index["country"]]
        partner = partner_keys.get(raw_partner) or partner_keys.setdefault(
            raw_partner, partner_name_key(raw_partner)
        )
        year = integer_parse(values[index["year"]], file=file, line=line, column="year")
        value = number_or_none(
            values[index["value"]], missing=_MISSING_VALUE, file=file, line=line, column="value"
        )
        key = (chapter, partner, year)
        cells = (partner, values[index["value"]].strip(), values[index["Commodity"]].strip())
        if key in seen:
            first_line, first_cells = seen[key]
            if first_cells != cells:
                raise duplicate_refuse(
                    file=file, line=line, first_line=first_line, key=f"{chapter}/{partner}/{year}"
                )
            repeated += 1
            continue
        seen[key] = (line, cells)
        if not partner:
            raise ValidationError(
                _("%(file)s, line %(line)d: the country is empty."),
                code="bad_format",
                params={"file": file, "line": line},
            )
        iso3 = codes.get(partner)
        if iso3 is None:
            unmapped.add(partner)
        if value is None:
            missing_values += 1
        if chapter not in chapter_names:
            chapter_names[chapter] = text_clean(values[index["Commodity"]])
        rows.append(IndiaTradeRow(chapter, partner, iso3, year, value))
    return IndiaTrade(
        rows=tuple(rows),
        chapter_names=chapter_names,
        unmapped_partners=tuple(sorted(unmapped)),
        missing_values=missing_values,
        repeated_rows_dropped=repeated,
    )
