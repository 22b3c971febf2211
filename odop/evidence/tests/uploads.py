"""Helpers of the statistics tests: upload CSV text as an officer would."""

from django.core.files.uploadedfile import SimpleUploadedFile

from odop.core.imports import ImportReport
from odop.core.tabular import table_from_csv_bytes
from odop.evidence.services import statistics_import


def csv_upload(
    actor: object,
    text: str | bytes,
    *,
    name: str = "statistics.csv",
    reference_year: int | None = 2022,
) -> ImportReport:
    """Read CSV text (or bytes) as the pages do and import it as `actor`."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    table = table_from_csv_bytes(raw, name=name)
    return statistics_import(actor=actor, table=table, reference_year=reference_year)  # type: ignore[arg-type]


def csv_file(text: str, name: str = "statistics.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
