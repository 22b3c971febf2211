"""Reading trade data files: bytes (plain or gzip), text, delimited rows, numbers and codes.

Every loader reads through here so every loader refuses a bad file the same way: a
`ValidationError` whose `code` is one of `missing_file`, `empty_file`, `bad_format`,
`missing_columns`, `not_a_number`, `duplicate_rows` or `unknown_code`, and whose message names
the file, the line and the column.
"""

import csv
import gzip
import io
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from odop.core.text import text_clean

# A loader takes a path on disk, or the file's bytes (an upload) with a name for messages.
Source = Path | str | bytes

_GZIP_MAGIC = b"\x1f\x8b"


def source_name(source: Source, name: str | None) -> str:
    """The name messages use for a file: the given one, else the path's file name."""
    if name:
        return name
    if isinstance(source, bytes):
        return "uploaded file"
    return Path(source).name


def source_bytes(source: Source, *, name: str) -> bytes:
    """The file's bytes, gunzipped when they are gzip (by content, not by file name)."""
    if isinstance(source, bytes):
        raw = source
    else:
        path = Path(source)
        if not path.is_file():
            raise ValidationError(
                _("%(file)s does not exist."), code="missing_file", params={"file": str(path)}
            )
        raw = path.read_bytes()
    if raw.startswith(_GZIP_MAGIC):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as error:
            raise ValidationError(
                _("%(file)s is a damaged gzip file: %(error)s"),
                code="bad_format",
                params={"file": name, "error": str(error)},
            ) from error
    if not raw.strip():
        raise ValidationError(_("%(file)s is empty."), code="empty_file", params={"file": name})
    return raw


def source_text(source: Source, *, name: str) -> str:
    """Decode UTF-8 (BOM or not), else Windows-1252, else Latin-1 (CEPII's geo files)."""
    raw = source_bytes(source, name=name)
    if b"\x00" in raw[:4096]:
        raise ValidationError(
            _("%(file)s holds binary data, not text."), code="bad_format", params={"file": name}
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


@dataclass(frozen=True, slots=True)
class DelimitedFile:
    """A delimited text file in memory: the header and each non-blank row with its line number."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    def column_index(self, required: Sequence[str]) -> dict[str, int]:
        """Positions of the required columns; raise `missing_columns` naming every absent one."""
        missing = [column for column in required if column not in self.columns]
        if missing:
            raise ValidationError(
                _("%(file)s is missing the column(s): %(columns)s. Found: %(found)s."),
                code="missing_columns",
                params={
                    "file": self.name,
                    "columns": ", ".join(missing),
                    "found": ", ".join(self.columns),
                },
            )
        return {column: self.columns.index(column) for column in required}


def delimited_read(source: Source, *, name: str, delimiter: str = ",") -> DelimitedFile:
    """Parse a delimited file whose first row is the header; rows of blank cells are skipped
    (the HS2017 list ends with `,,,,`). A header with no data rows is `empty_file`."""
    text = source_text(source, name=name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = tuple(text_clean(value) for value in next(reader))
        rows = []
        for values in reader:
            if any(value.strip() for value in values):
                width = len(header)
                padded = tuple(values[:width]) + ("",) * (width - len(values))
                rows.append((reader.line_num, padded))
    except csv.Error as error:
        raise ValidationError(
            _("%(file)s is not valid delimited text near line %(line)d: %(error)s"),
            code="bad_format",
            params={"file": name, "line": reader.line_num, "error": str(error)},
        ) from error
    if len(header) < 2:
        raise ValidationError(
            _("%(file)s has no '%(delimiter)s'-separated header row."),
            code="bad_format",
            params={"file": name, "delimiter": delimiter},
        )
    if not rows:
        raise ValidationError(
            _("%(file)s has a header but no data rows."), code="empty_file", params={"file": name}
        )
    return DelimitedFile(name=name, columns=header, rows=tuple(rows))


def number_parse(text: str, *, file: str, line: int, column: str) -> float:
    """A finite number, or `not_a_number` naming the file, line and column."""
    try:
        number = float(text.strip())
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise ValidationError(
            _("%(file)s, line %(line)d, column %(column)s: '%(value)s' is not a number."),
            code="not_a_number",
            params={"file": file, "line": line, "column": column, "value": text},
        )
    return number


def number_or_none(
    text: str, *, missing: Iterable[str], file: str, line: int, column: str
) -> float | None:
    """None for the file's documented "no value" markers, else a finite number."""
    if text.strip() in missing:
        return None
    return number_parse(text, file=file, line=line, column=column)


def integer_parse(text: str, *, file: str, line: int, column: str) -> int:
    """A whole number ("2018", and "10.0" as Stata writes it), or `not_a_number`."""
    number = number_parse(text, file=file, line=line, column=column)
    if not number.is_integer():
        raise ValidationError(
            _("%(file)s, line %(line)d, column %(column)s: '%(value)s' is not a whole number."),
            code="not_a_number",
            params={"file": file, "line": line, "column": column, "value": text},
        )
    return int(number)


def code_pad(text: str, *, digits: int, file: str, line: int, column: str) -> str:
    """A numeric code as text, zero-filled to `digits`: files that stored codes as integers
    lost their leading zeros (BACI's 10111 is HS 010111). Stata's "10.0" reads as 10.
    Anything else, or a code longer than `digits`, is `bad_format`."""
    value = text.strip()
    if value.endswith(".0") and value[:-2].isdigit():
        value = value[:-2]
    if not (value.isascii() and value.isdigit()) or len(value) > digits:
        raise ValidationError(
            _(
                "%(file)s, line %(line)d, column %(column)s: '%(value)s' is not a code of at "
                "most %(digits)d digits."
            ),
            code="bad_format",
            params={"file": file, "line": line, "column": column, "value": text, "digits": digits},
        )
    return value.zfill(digits)


def duplicate_refuse(*, file: str, line: int, first_line: int, key: str) -> ValidationError:
    """The `duplicate_rows` error for a key seen twice (raise it)."""
    return ValidationError(
        _("%(file)s, line %(line)d repeats %(key)s, first seen on line %(first)d."),
        code="duplicate_rows",
        params={"file": file, "line": line, "key": key, "first": first_line},
    )
