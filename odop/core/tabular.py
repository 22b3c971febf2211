"""Reading officers' and reference spreadsheets (.csv in UTF-8 or Windows-1252, .xlsx).

One reader for every importer, so every importer fails the same clear way on a bad file.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from odop.core.text import text_clean


@dataclass(frozen=True)
class Table:
    """A sheet read into memory: header names and rows keyed by them (values as text)."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    encoding: str

    def require_columns(self, required: Sequence[str]) -> None:
        """Raise a ValidationError naming every required column the file lacks."""
        missing = [column for column in required if column not in self.columns]
        if missing:
            raise ValidationError(
                _("%(file)s is missing the column(s): %(columns)s. Found: %(found)s."),
                code="missing_columns",
                params={
                    "file": self.name,
                    "columns": ", ".join(missing),
                    "found": ", ".join(self.columns) or _("no header"),
                },
            )


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM), else Windows-1252; refuse anything else."""
    if b"\x00" in raw[:4096]:
        raise ValidationError(
            _("%(file)s is not a text CSV file (it holds binary data; UTF-16 is not accepted)."),
            code="bad_encoding",
            params={"file": name},
        )
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("%(file)s is neither UTF-8 nor Windows-1252 text (byte %(position)d)."),
            code="bad_encoding",
            params={"file": name, "position": error.start},
        ) from error
    return text, "cp1252"


def _clean_header(values: Sequence[object]) -> tuple[str, ...]:
    return tuple(text_clean(value) for value in values)


def table_from_csv_bytes(raw: bytes, *, name: str) -> Table:
    """Parse CSV bytes; the first row is the header."""
    if not raw.strip():
        raise ValidationError(_("%(file)s is empty."), code="empty_file", params={"file": name})
    text, encoding = _decode(raw, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = _clean_header(next(reader))
    except (StopIteration, csv.Error) as error:
        raise ValidationError(
            _("%(file)s has no readable header row."), code="empty_file", params={"file": name}
        ) from error
    rows = []
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            rows.append(
                {
                    column: (values[i] if i < len(values) else "")
                    for i, column in enumerate(header)
                    if column
                }
            )
    except csv.Error as error:
        raise ValidationError(
            _("%(file)s is not valid CSV near line %(line)d: %(error)s"),
            code="bad_csv",
            params={"file": name, "line": reader.line_num, "error": str(error)},
        ) from error
    return Table(name=name, columns=header, rows=tuple(rows), encoding=encoding)


def table_from_xlsx_bytes(raw: bytes, *, name: str) -> Table:
    """Parse the first sheet of an .xlsx workbook; the first row is the header."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken zip/xml
        raise ValidationError(
            _("%(file)s is not a readable .xlsx workbook."),
            code="bad_xlsx",
            params={"file": name},
        ) from error
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = _clean_header(next(iterator))
    except StopIteration as error:
        raise ValidationError(
            _("%(file)s is empty."), code="empty_file", params={"file": name}
        ) from error
    rows = []
    for values in iterator:
        if values is None or all(value is None or str(value).strip() == "" for value in values):
            continue
        row = {}
        for i, column in enumerate(header):
            if not column:
                continue
            value = values[i] if i < len(values) else None
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            row[column] = "" if value is None else str(value)
        rows.append(row)
    workbook.close()
    return Table(name=name, columns=header, rows=tuple(rows), encoding="xlsx")


def table_read(path: Path) -> Table:
    """Read a .csv or .xlsx file from disk, choosing the parser by extension."""
    if not path.exists():
        raise ValidationError(
            _("%(file)s does not exist."), code="missing_file", params={"file": str(path)}
        )
    raw = path.read_bytes()
    if path.suffix.lower() == ".xlsx":
        return table_from_xlsx_bytes(raw, name=path.name)
    return table_from_csv_bytes(raw, name=path.name)
