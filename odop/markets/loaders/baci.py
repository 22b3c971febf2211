"""CEPII BACI bilateral trade at HS6 (t, i, j, k, v, q) with its country and product code files.

BACI writes codes as integers: country codes are BACI's numeric ones (India = 699), mapped to
ISO3 through `country_codes_V…csv`; product codes lost their leading zeros (10111 = 010111)
and are zero-filled to six digits as text. `v` is thousands of current US$, `q` metric tonnes
with "NA" where BACI has no quantity (kept as NaN). A country code the codes file does not
give an ISO3 for (BACI's "N/A" groupings such as 490 "Other Asia, nes", or a code from another
BACI version, such as 381 for Italy before V202301) leaves its rows out, counted per code in
`unknown_country_codes`; an unknown product code is refused, since it means the wrong
nomenclature's product file was given.
"""

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
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
    number_parse,
    source_name,
)

BACI_COLUMNS = ("t", "i", "j", "k", "v", "q")
_REVISION = re.compile(r"HS(92|96|02|07|12|17|22)", re.IGNORECASE)
_NO_ISO3 = ("", "N/A", "NA")


@dataclass(frozen=True, slots=True, eq=False)
class BaciTable:
    """One BACI file as columns: row r is `exporter[r]` selling `product[r]` to `importer[r]`
    in `year[r]` for `value[r]` thousand US$ (`quantity[r]` tonnes, NaN when not reported)."""

    revision: str | None
    year: npt.NDArray[np.int64]
    exporter: npt.NDArray[np.str_]
    importer: npt.NDArray[np.str_]
    product: npt.NDArray[np.str_]
    value: npt.NDArray[np.float64]
    quantity: npt.NDArray[np.float64]
    product_descriptions: Mapping[str, str]
    unknown_country_codes: Mapping[str, int]


def baci_revision(*names: str) -> str | None:
    """ "HS92", "HS17", ... from BACI's file names (BACI_HS17_Y2020_V202301.csv), if named."""
    for name in names:
        match = _REVISION.search(name)
        if match:
            return "HS" + match.group(1)
    return None


def baci_country_codes_load(source: Source, *, name: str | None = None) -> dict[str, str]:
    """BACI numeric country code (text, no padding) → ISO3; codes with no ISO3 are left out."""
    file = source_name(source, name)
    table = delimited_read(source, name=file)
    index = table.column_index(("country_code", "iso_3digit_alpha"))
    codes: dict[str, str] = {}
    lines: dict[str, int] = {}
    for line, values in table.rows:
        code = str(
            int(
                code_pad(
                    values[index["country_code"]],
                    digits=3,
                    file=file,
                    line=line,
                    column="country_code",
                )
            )
        )
        if code in lines:
            raise duplicate_refuse(file=file, line=line, first_line=lines[code], key=code)
        lines[code] = line
        iso3 = values[index["iso_3digit_alpha"]].strip()
        if iso3 not in _NO_ISO3:
            codes[code] = iso3
    return codes


def baci_product_codes_load(source: Source, *, name: str | None = None) -> dict[str, str]:
    """Six-digit product code (text, zero-filled) → description."""
    file = source_name(source, name)
    table = delimited_read(source, name=file)
    index = table.column_index(("code", "description"))
    descriptions: dict[str, str] = {}
    lines: dict[str, int] = {}
    for line, values in table.rows:
        code = code_pad(values[index["code"]], digits=6, file=file, line=line, column="code")
        if code in lines:
            raise duplicate_refuse(file=file, line=line, first_line=lines[code], key=code)
        lines[code] = line
        descriptions[code] = text_clean(values[index["description"]])
    return descriptions


def baci_load(
    source: Source,
    *,
    country_codes_path: Source,
    product_codes_path: Source,
    name: str | None = None,
) -> BaciTable:
    """Read a BACI trade file (.csv or .csv.gz). Raises `ValidationError` (missing_columns,
    not_a_number, bad_format, duplicate_rows, unknown_code, empty_file) on a bad file."""
    file = source_name(source, name)
    countries = baci_country_codes_load(country_codes_path)
    products = baci_product_codes_load(product_codes_path)
    table = delimited_read(source, name=file)
    index = table.column_index(BACI_COLUMNS)
    years: list[int] = []
    exporters: list[str] = []
    importers: list[str] = []
    product_codes: list[str] = []
    values: list[float] = []
    quantities: list[float] = []
    unknown: Counter[str] = Counter()
    lines: dict[tuple[int, str, str, str], int] = {}
    for line, cells in table.rows:
        year = integer_parse(cells[index["t"]], file=file, line=line, column="t")
        exporter_code = str(
            int(code_pad(cells[index["i"]], digits=3, file=file, line=line, column="i"))
        )
        importer_code = str(
            int(code_pad(cells[index["j"]], digits=3, file=file, line=line, column="j"))
        )
        product = code_pad(cells[index["k"]], digits=6, file=file, line=line, column="k")
        value = number_parse(cells[index["v"]], file=file, line=line, column="v")
        quantity = number_or_none(
            cells[index["q"]], missing=("NA", ""), file=file, line=line, column="q"
        )
        key = (year, exporter_code, importer_code, product)
        if key in lines:
            raise duplicate_refuse(
                file=file, line=line, first_line=lines[key], key="/".join(map(str, key))
            )
        lines[key] = line
        if product not in products:
            raise ValidationError(
                _("%(file)s, line %(line)d: product %(code)s is not in the product code file."),
                code="unknown_code",
                params={"file": file, "line": line, "code": product},
            )
        exporter = countries.get(exporter_code)
        importer = countries.get(importer_code)
        if exporter is None or importer is None:
            unknown[exporter_code if exporter is None else importer_code] += 1
            continue
        years.append(year)
        exporters.append(exporter)
        importers.append(importer)
        product_codes.append(product)
        values.append(value)
        quantities.append(np.nan if quantity is None else quantity)
    return BaciTable(
        revision=baci_revision(file, source_name(product_codes_path, None)),
        year=np.array(years, dtype=np.int64),
        exporter=np.array(exporters, dtype="<U3"),
        importer=np.array(importers, dtype="<U3"),
        product=np.array(product_codes, dtype="<U6"),
        value=np.array(values, dtype=np.float64),
        quantity=np.array(quantities, dtype=np.float64),
        product_descriptions=products,
        unknown_country_codes=dict(sorted(unknown.items())),
    )
