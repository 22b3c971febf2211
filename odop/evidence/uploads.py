"""Checking and reading an uploaded statistics file (page and API share these).

Nothing here writes: a file that passes becomes a `core.tabular.Table` for
`evidence.services.statistics_import`.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from odop.core.tabular import Table, table_from_csv_bytes, table_from_xlsx_bytes

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ALLOWED_SUFFIXES = (".csv", ".xlsx")
_XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx workbook is a zip archive


def upload_validate(upload: UploadedFile) -> None:
    """Refuse anything but a .csv or .xlsx file of at most 5 MB whose content fits its name.

    Codes: file_type (name or content), file_size.
    """
    name = (upload.name or "").lower()
    if not name.endswith(ALLOWED_SUFFIXES):
        raise ValidationError(_("Upload a .csv or .xlsx file."), code="file_type")
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="file_size")
    upload.seek(0)
    head = upload.read(len(_XLSX_MAGIC))
    upload.seek(0)
    is_zip = head == _XLSX_MAGIC
    if name.endswith(".xlsx") != is_zip:
        raise ValidationError(
            _("The file's content does not match its name: upload a .csv or .xlsx file."),
            code="file_type",
        )


def upload_table_read(upload: UploadedFile) -> Table:
    """The upload as a table (CSV in UTF-8 or Windows-1252, or the first sheet of an .xlsx).

    Raises ValidationError (empty_file, bad_encoding, bad_csv, bad_xlsx) for an unreadable
    file. Call `upload_validate` first.
    """
    upload.seek(0)
    raw = upload.read()
    name = upload.name or "upload"
    if name.lower().endswith(".xlsx"):
        return table_from_xlsx_bytes(raw, name=name)
    return table_from_csv_bytes(raw, name=name)
