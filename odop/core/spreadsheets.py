"""Writing files that people open in a spreadsheet (CSV, XLSX) without formula injection.

Excel, LibreOffice and Google Sheets run a cell whose text starts with `=`, `+`, `-` or `@` as a
formula (tab and carriage return are on OWASP's list too: some importers drop them and then
read the formula behind them). A product description of `=HYPERLINK("http://x", "Click")` in
a downloaded CSV becomes a live link, and `=cmd|' /C calc'!A0` asks Excel to run a program
(OWASP "CSV Injection"). Every file the platform writes for spreadsheets therefore goes through
`cell_safe`, which puts a single quote in front of such text: spreadsheets show it as text and
never evaluate it. One helper, so that every writer refuses the same cells.

What is left alone, and why:
- Real numbers (int, float, Decimal, numpy scalars, bools) are written as numbers: a negative
  float is data, not a formula, and a numeric column must stay numeric.
- Text that is a plain decimal number in its entirety ("-12.5", "+91", "-3e5") is left as it
  is. OWASP's rule is to quote every string starting with `-` or `+`; we depart from it on
  purpose for this one shape: `[+-]digits[.digits][e[+-]digits]` cannot express a function
  call, a reference or a DDE command, so a spreadsheet can only read it as the same number.
  Quoting it would turn the negative numbers of an officer's own uploaded column (the district
  resolver hands every column back) into text that no longer sums. Anything else with a
  trigger first ("-1+1", "-inf", "+91 98x", "@SUM(A1)") is quoted.
- None and "" stay empty cells; text already starting with `'` is not quoted twice.
"""

import csv
import re
from collections.abc import Iterable, Mapping
from numbers import Number
from typing import Any

# OWASP CSV Injection: characters that make a spreadsheet evaluate the cell.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# A signed decimal number and nothing else (ASCII digits only: `\d` would admit other scripts).
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def text_safe(text: str) -> str:
    """`text` as a spreadsheet cell: prefixed with `'` when a spreadsheet would evaluate it.

    For writers that render CSV text themselves (complexity_io's fast path); `cell_safe` is
    the same rule for any value.
    """
    if text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def cell_safe(value: Any) -> Any:
    """One cell's value, neutralised if a spreadsheet would run it as a formula.

    Numbers (and None) come back unchanged, so they are still written as numbers; text comes
    back as `text_safe` makes it; any other object (a date, a lazy translation) is judged by
    the text the csv module would write for it, and comes back unchanged when that is harmless.
    """
    if value is None or isinstance(value, Number):
        return value
    if isinstance(value, str):
        return text_safe(value)
    text = str(value)
    safe = text_safe(text)
    return value if safe is text else safe


def row_safe(row: Iterable[Any]) -> list[Any]:
    """Every cell of a row through `cell_safe`."""
    return [cell_safe(value) for value in row]


class SafeCsvWriter:
    """`csv.writer` whose every cell goes through `cell_safe` (header rows included: an
    uploaded file's column names are as attacker-controlled as its cells).

    `writerow` returns what the underlying writer's write returns, so a pseudo-buffer whose
    `write` returns the line (the streaming products CSV) keeps working.
    """

    def __init__(self, handle: Any, **format_parameters: Any) -> None:
        self._writer = csv.writer(handle, **format_parameters)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(row_safe(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        self._writer.writerows(row_safe(row) for row in rows)


class SafeDictWriter(csv.DictWriter[str]):
    """`csv.DictWriter` whose every value (and header name) goes through `cell_safe`."""

    def writeheader(self) -> Any:
        return self.writer.writerow(row_safe(self.fieldnames))

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({key: cell_safe(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for rowdict in rowdicts:
            self.writerow(rowdict)


def sheet_row_append(sheet: Any, row: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet with every cell through `cell_safe`.

    openpyxl stores any text starting with `=` as a formula; after `cell_safe` no text does,
    and the other triggers are quoted too so that a sheet saved again as CSV stays harmless.
    """
    sheet.append(row_safe(row))
