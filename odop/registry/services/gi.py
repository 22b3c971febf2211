"""Import of IP India's GI registry."""

from collections import defaultdict
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from odop.core.imports import (
    Finding,
    ImportReport,
    ProgressCallback,
    progress_none,
    rows_sync,
)
from odop.core.tabular import table_read
from odop.core.text import text_clean
from odop.geography.models import State
from odop.geography.resolver import DistrictIndex
from odop.registry.models import (
    GIEntry,
    Problem,
    Resolution,
)
from odop.registry.vocabularies import (
    goods_class_normalise,
)

GI_COLUMNS = ("S.No", "Geographical Indications", "Goods", "State")

# ---------------------------------------------------------------- GI registry


@transaction.atomic
def gi_registry_import(
    *, path: Path, index: DistrictIndex, progress: ProgressCallback = progress_none
) -> ImportReport:
    """Import IP India's registered GIs; States are matched by name (misspellings included).

    An entry none of whose State cells names an Indian State is foreign (the registry holds
    foreign GIs under their country); each such cell is reported so a misspelt State that was
    taken for a country is visible.
    """
    table = table_read(path)
    table.require_columns(GI_COLUMNS)
    if not table.rows:
        raise ValidationError(
            _("%(file)s has no rows."), code="empty_file", params={"file": table.name}
        )
    state_columns = [column for column in table.columns if column.startswith("State")]
    parsed = []
    seen: dict[tuple[int, str], int] = {}
    for number, row in enumerate(table.rows, start=2):
        try:
            serial = int(text_clean(row["S.No"]))
        except ValueError as error:
            raise ValidationError(
                _("%(file)s row %(row)d: S.No must be a number, not “%(value)s”."),
                code="not_a_number",
                params={"file": table.name, "row": number, "value": row["S.No"]},
            ) from error
        name = text_clean(row["Geographical Indications"])
        identity = (serial, name)
        if identity in seen:
            raise ValidationError(
                _("%(file)s rows %(first)d and %(second)d are the same entry (S.No %(serial)d)."),
                code="duplicate_rows",
                params={
                    "file": table.name,
                    "first": seen[identity],
                    "second": number,
                    "serial": serial,
                },
            )
        seen[identity] = number
        parsed.append((number, serial, name, row))

    states_by_code = {state.lgd_code: state for state in State.objects.all()}
    report = ImportReport(source=table.name, rows_read=len(parsed))
    reason = f"import {table.name}"
    wanted: dict[tuple[int, str], dict[str, object]] = {}
    wanted_states: dict[tuple[int, str], set[int]] = {}
    for number, serial, name, row in parsed:
        goods = goods_class_normalise(row["Goods"])
        if goods is None:
            raise ValidationError(
                _("%(file)s row %(row)d: unknown class of goods “%(value)s”."),
                code="unknown_value",
                params={"file": table.name, "row": number, "value": row["Goods"]},
            )
        cells = [text_clean(row[column]) for column in state_columns if text_clean(row[column])]
        codes: set[int] = set()
        unplaced = []
        for cell in cells:
            found = index.state_codes(cell)
            codes |= found
            if not found:
                unplaced.append(cell)
        is_foreign = not codes and bool(cells)
        for cell in unplaced:
            report.findings.append(
                Finding(
                    source=table.name,
                    row=number,
                    problem=Problem.STATE_UNKNOWN,
                    resolution=Resolution.NORMALISED if is_foreign else Resolution.SKIPPED,
                    state=cell,
                    value=name,
                    detail="Not an Indian State: recorded as a foreign GI"
                    if is_foreign
                    else "State not recognised; left out of this entry's States",
                )
            )
        wanted[(serial, name)] = {
            "serial": serial,
            "name": name,
            "goods_class": goods,
            "goods_source": text_clean(row["Goods"]),
            "state_names_source": "; ".join(cells),
            "is_foreign": is_foreign,
        }
        wanted_states[(serial, name)] = {states_by_code[code].pk for code in codes}
    existing = {(entry.serial, entry.name): entry for entry in GIEntry.objects.all()}
    entries = rows_sync(GIEntry, wanted=wanted, existing=existing, report=report, reason=reason)
    through = GIEntry.states.through
    current: dict[int, set[int]] = defaultdict(set)
    for entry_id, state_id in through.objects.values_list("gientry_id", "state_id"):
        current[entry_id].add(state_id)
    links_new, links_gone = [], []
    for key, entry in entries.items():
        links_new += [
            through(gientry_id=entry.pk, state_id=state_id)
            for state_id in wanted_states[key] - current[entry.pk]
        ]
        links_gone += [(entry.pk, state_id) for state_id in current[entry.pk] - wanted_states[key]]
    through.objects.bulk_create(links_new)
    for entry_id, state_id in links_gone:
        through.objects.filter(gientry_id=entry_id, state_id=state_id).delete()
    progress(len(parsed))
    return report
