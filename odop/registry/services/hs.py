"""Import of the HS 2022 nomenclature."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from odop.core.imports import (
    ImportReport,
    ProgressCallback,
    progress_none,
)
from odop.core.tabular import table_read
from odop.core.text import text_clean
from odop.registry.models import (
    HSCode,
)

HS_COLUMNS = ("hscode", "description", "parent", "level")

# ---------------------------------------------------------------- HS nomenclature


@transaction.atomic
def hs_import(*, path: Path, progress: ProgressCallback = progress_none) -> ImportReport:
    """Import the HS 2022 nomenclature (chapters, headings, subheadings). Codes stay text."""
    table = table_read(path)
    table.require_columns(HS_COLUMNS)
    wanted: dict[str, dict[str, object]] = {}
    for number, row in enumerate(table.rows, start=2):
        code = text_clean(row["hscode"])
        if code.upper() == "TOTAL" or not code:
            continue
        if not code.isdigit() or len(code) not in (2, 4, 6):
            raise ValidationError(
                _(
                    "%(file)s row %(row)d: “%(value)s” is not an HS chapter, heading or "
                    "subheading code."
                ),
                code="bad_code",
                params={"file": table.name, "row": number, "value": code},
            )
        if code in wanted:
            raise ValidationError(
                _("%(file)s repeats HS code %(code)s (row %(row)d)."),
                code="duplicate_rows",
                params={"file": table.name, "code": code, "row": number},
            )
        parent = text_clean(row["parent"])
        wanted[code] = {
            "description": text_clean(row["description"]),
            "parent_code": "" if parent.upper() == "TOTAL" else parent,
            "level": len(code),
            "section": text_clean(row.get("section", "")),
        }
    if not wanted:
        raise ValidationError(
            _("%(file)s has no rows."), code="empty_file", params={"file": table.name}
        )
    report = ImportReport(source=table.name, rows_read=len(table.rows))
    existing = {hs.code: hs for hs in HSCode.objects.all()}
    new, changed = [], []
    for code, values in wanted.items():
        current = existing.get(code)
        if current is None:
            new.append(HSCode(code=code, **values))
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            changed.append(current)
        else:
            report.unchanged += 1
    # Nearly 7,000 rows without history: the nomenclature is a published table, not edited here.
    HSCode.objects.bulk_create(new, batch_size=1000)
    HSCode.objects.bulk_update(
        changed, ["description", "parent_code", "level", "section"], batch_size=1000
    )
    report.created, report.updated = len(new), len(changed)
    progress(len(table.rows))
    return report
