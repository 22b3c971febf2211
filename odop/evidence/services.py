"""Write-side use cases of district statistics: an officer's upload of a statistics file.

The upload follows the reference import (`registry.services`): the whole file is checked
before anything is written (`evidence.statistics_table`, which documents the accepted
columns), so a broken file writes nothing; rows are upserted, so a second upload of the same
file writes nothing either.
"""

import hashlib
import json

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.core.imports import Finding, ImportReport, rows_sync
from odop.core.tabular import Table
from odop.core.text import text_key
from odop.evidence.models import (
    DistrictStatistic,
    StatisticsProblem,
    StatisticsResolution,
    StatisticsUpload,
)
from odop.evidence.permissions import can_upload_district_statistics, can_upload_statistics
from odop.evidence.statistics_table import (
    StatisticsRow,
    reference_year_check,
    refusal,
    statistics_columns_find,
    statistics_duplicates_refuse,
    statistics_row_read,
)
from odop.geography.models import District, State
from odop.geography.resolver import DistrictIndex, Failure
from odop.geography.selectors import district_index_load
from odop.registry.models import ProductType

# ---------------------------------------------------------------- placing rows


def _finding(
    row: StatisticsRow, *, file: str, problem: str, resolution: str, detail: str
) -> Finding:
    return Finding(
        source=file,
        row=row.number,
        problem=problem,
        resolution=resolution,
        state=row.state,
        district=row.district,
        value=row.subject.source if row.subject else "",
        detail=detail,
    )


def _row_place(row: StatisticsRow, *, index: DistrictIndex, file: str) -> int | Finding:
    """The LGD code of the row's district, or the finding that says why there is none."""

    def unplaced(problem: str, detail: str) -> Finding:
        return _finding(
            row, file=file, problem=problem, resolution=StatisticsResolution.SKIPPED, detail=detail
        )

    state_codes = index.state_codes(row.state)
    if not state_codes:
        return unplaced(
            StatisticsProblem.STATE_UNKNOWN, _("The State cell names no known State or UT.")
        )
    if len(state_codes) > 1:
        return unplaced(
            StatisticsProblem.STATE_MULTIPLE, _("The State cell names several States or UTs.")
        )
    answer = index.resolve(state_code=next(iter(state_codes)), name=row.district)
    if answer.code is not None:
        return answer.code
    candidates = "; ".join(
        entry.name for entry in map(index.district, answer.candidates) if entry is not None
    )
    if answer.failure == Failure.EMPTY_NAME:
        return unplaced(StatisticsProblem.DISTRICT_EMPTY, _("The District cell is empty."))
    if answer.failure == Failure.AMBIGUOUS:
        return unplaced(
            StatisticsProblem.DISTRICT_AMBIGUOUS,
            _("Several districts of the State fit this name: %(candidates)s.")
            % {"candidates": candidates},
        )
    detail = _("No district of the State has this name.")
    if candidates:
        detail = _("No district of the State has this name; the nearest is %(candidates)s.") % {
            "candidates": candidates
        }
    return unplaced(StatisticsProblem.DISTRICT_UNRECOGNISED, detail)


def _scope_label(actor: User) -> str:
    if actor.role == Role.DISTRICT_OFFICER and actor.district is not None:
        return _("the district %(name)s") % {"name": actor.district.name}
    if actor.role == Role.STATE_OFFICER and actor.state is not None:
        return _("the State %(name)s") % {"name": actor.state.name}
    return _("no district")


def _scope_state(actor: User) -> State | None:
    """The State an upload was limited to: the officer's State, or none for national."""
    if actor.is_national_admin:
        return None
    if actor.role == Role.DISTRICT_OFFICER and actor.district is not None:
        return actor.district.state
    return actor.state


def _differs(instance: DistrictStatistic, values: dict[str, object]) -> bool:
    """Would writing `values` change the stored row? (Relations compare by id, no query.)"""
    for name, value in values.items():
        field = DistrictStatistic._meta.get_field(name)
        current = getattr(instance, field.attname)  # type: ignore[union-attr]
        wanted = value.pk if isinstance(value, models.Model) else value
        if current != wanted:
            return True
    return False


def _table_checksum(table: Table) -> str:
    """A digest of the table's content (the same sheet as CSV or XLSX gives the same one)."""
    content = json.dumps(
        {"columns": list(table.columns), "rows": list(table.rows)},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- the upload


@transaction.atomic
def statistics_import(
    *, actor: User, table: Table, reference_year: int | None = None
) -> ImportReport:
    """Import an officer's district statistics (columns: `evidence.statistics_table`).

    Refuses the whole file, writing nothing, with a ValidationError whose `code` says why:
    missing_columns, duplicate_columns, empty_file, not_a_number, negative_value, bad_year,
    missing_year, missing_unit, value_too_long, duplicate_rows. Rows it cannot place (unknown
    or several States, an ambiguous or unknown district, no product, no figures) and rows of
    districts outside the actor's scope are not imported and are reported as findings.

    Idempotent: a row whose figures are unchanged is not written again, and an upload that
    changes nothing records no `StatisticsUpload`. Statistics absent from the file are kept
    (one file rarely covers every district). Raises PermissionDenied for a non-officer.
    """
    if not can_upload_statistics(actor):
        raise PermissionDenied
    columns = statistics_columns_find(table)
    if not table.rows:
        raise refusal(_("%(file)s has no rows."), "empty_file", file=table.name)
    if reference_year is not None:
        reference_year_check(reference_year)

    product_types = {product_type.key: product_type for product_type in ProductType.objects.all()}
    rows = [
        statistics_row_read(
            number,
            row,
            columns=columns,
            file=table.name,
            reference_year=reference_year,
            product_types=product_types,
        )
        for number, row in enumerate(table.rows, start=2)
    ]
    statistics_duplicates_refuse(
        [
            ((text_key(row.state), text_key(row.district), row.subject.key, row.year), row)
            for row in rows
            if row.subject is not None
        ],
        file=table.name,
    )

    index = district_index_load()
    report = ImportReport(source=table.name, rows_read=len(rows))
    placed: list[tuple[int, StatisticsRow]] = []
    for row in rows:
        place = _row_place(row, index=index, file=table.name)
        if isinstance(place, Finding):
            report.findings.append(place)
        else:
            placed.append((place, row))
    districts = District.objects.filter(lgd_code__in={code for code, _row in placed}).in_bulk(
        field_name="lgd_code"
    )
    statistics_duplicates_refuse(
        [
            ((code, row.subject.key, row.year), row)
            for code, row in placed
            if row.subject is not None
        ],
        file=table.name,
    )

    wanted: dict[tuple[int, int, str], dict[str, object]] = {}
    for code, row in placed:
        district = districts[code]
        skip = None
        if not can_upload_district_statistics(actor, district):
            skip = (
                StatisticsProblem.OUTSIDE_SCOPE,
                _("%(district)s is outside your scope: you may upload figures of %(scope)s.")
                % {"district": district.name, "scope": _scope_label(actor)},
            )
        elif row.subject is None:
            skip = (StatisticsProblem.SUBJECT_EMPTY, _("The row names no product or sector."))
        elif not row.has_figures:
            skip = (
                StatisticsProblem.NO_FIGURES,
                _("The row gives no production, workers or units."),
            )
        if skip is not None:
            report.findings.append(
                _finding(
                    row,
                    file=table.name,
                    problem=skip[0],
                    resolution=StatisticsResolution.SKIPPED,
                    detail=skip[1],
                )
            )
            continue
        subject = row.subject
        assert subject is not None  # for mypy: checked above
        if not subject.is_listed:
            report.findings.append(
                _finding(
                    row,
                    file=table.name,
                    problem=StatisticsProblem.SUBJECT_UNLISTED,
                    resolution=StatisticsResolution.KEPT_AS_WRITTEN,
                    detail=_(
                        "“%(subject)s” is neither a product type of the registry nor a sector."
                    )
                    % {"subject": subject.source},
                )
            )
        wanted[(district.pk, row.year, subject.key)] = {
            "district": district,
            "year": row.year,
            "subject_key": subject.key,
            "product_type": subject.product_type,
            "sector": subject.sector,
            "subject_name": subject.name,
            "subject_source": subject.source,
            "production": row.production,
            "production_unit": row.unit,
            "workers": row.workers,
            "units": row.units,
        }

    existing = {
        (statistic.district_id, statistic.year, statistic.subject_key): statistic
        for statistic in DistrictStatistic.objects.filter(
            district_id__in=[key[0] for key in wanted], year__in={key[1] for key in wanted}
        ).select_related("upload")
    }
    new = {key for key in wanted if key not in existing}
    changed = {key for key in wanted if key in existing and _differs(existing[key], wanted[key])}
    if not new and not changed:
        report.unchanged = len(wanted)
        return report

    upload = StatisticsUpload(
        file_name=table.name[:255],
        checksum=_table_checksum(table),
        uploaded_by=actor,
        scope_state=_scope_state(actor),
        reference_year=reference_year,
        rows_read=len(rows),
        rows_created=len(new),
        rows_updated=len(changed),
        rows_unchanged=len(wanted) - len(new) - len(changed),
        findings=len(report.findings),
    )
    upload._history_user = actor  # type: ignore[attr-defined]
    upload.full_clean()
    upload.save()
    for key, values in wanted.items():
        values["upload"] = upload if key in new or key in changed else existing[key].upload
    rows_sync(
        DistrictStatistic,
        wanted=wanted,
        existing=existing,
        report=report,
        reason=f"upload {table.name}"[:100],
        user=actor,
    )
    return report
