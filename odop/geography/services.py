"""Write-side use cases of the place registry: the LGD import and recording spellings."""

import csv
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.imports import (
    Finding,
    ImportReport,
    ProgressCallback,
    progress_none,
    row_upsert,
    rows_sync,
)
from odop.core.page_cache import data_version_bump
from odop.core.tabular import Table, table_read
from odop.core.text import text_clean
from odop.geography.models import AliasSource, District, DistrictAlias, State, StateKind
from odop.geography.permissions import can_add_district_alias
from odop.geography.resolver import name_key

CURATED_DIR = Path(__file__).resolve().parent / "data"
STATE_COLUMNS = ("State Code", "State Name", "Census 2001 Code", "Census 2011 Code", "State or UT")
DISTRICT_COLUMNS = (
    "State Code",
    "State Name",
    "District Code",
    "District Name",
    "Census 2001 Code",
    "Census 2011 Code",
)
HQ_COLUMNS = ("district", "hq_name", "lgd_district_code", "lon", "lat")


def _display_name(lgd_name: str) -> str:
    """LGD writes names in capitals ("PURBI CHAMPARAN"); show them in title case.

    Names LGD already writes in mixed case ("Alluri Sitharama Raju") are kept as they are.
    """
    if lgd_name.upper() != lgd_name:
        return lgd_name
    words: list[str] = []
    for word in lgd_name.title().split(" "):
        words.append(word.lower() if word.lower() in {"and", "of", "the"} and words else word)
    return " ".join(words)


def _int(value: str, *, table: Table, row: int, column: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError as error:
        raise ValidationError(
            _("%(file)s row %(row)d: %(column)s must be a number, not “%(value)s”."),
            code="not_a_number",
            params={"file": table.name, "row": row, "column": column, "value": value},
        ) from error


def _code_text(value: str) -> str:
    text = text_clean(value)
    return "" if text in {"", "0"} else text


def aliases_record(
    *, spellings: Iterable[tuple[District, str, AliasSource]], reason: str = ""
) -> int:
    """Remember more spellings of districts; returns how many were new.

    Only ever adds, never rewrites: the first source to name a spelling keeps it, so a second
    import of the same files changes nothing. The LGD name itself is never stored as an alias
    (the resolver always compares it).
    """
    known = set(DistrictAlias.objects.values_list("district_id", "key"))
    new: list[DistrictAlias] = []
    for district, spelling, source in spellings:
        key = name_key(spelling)
        if not key or key == name_key(district.name_lgd or district.name):
            continue
        if (district.pk, key) in known:
            continue
        known.add((district.pk, key))
        new.append(
            DistrictAlias(
                district=district, key=key, name=text_clean(spelling)[:160], source=source
            )
        )
    if new:
        from simple_history.utils import bulk_create_with_history

        bulk_create_with_history(new, DistrictAlias, default_change_reason=reason)
        data_version_bump("geography")  # a bulk insert sends no signal; search shows spellings
    return len(new)


@transaction.atomic
def district_alias_add(*, actor: User, district: District, spelling: str) -> DistrictAlias:
    """An officer confirms a spelling of a district so the resolver knows it from now on.

    Refuses a spelling that already names another district of the same State: the resolver
    would otherwise turn a clear answer into an ambiguous one.
    """
    from django.core.exceptions import PermissionDenied

    if not can_add_district_alias(actor, district):
        raise PermissionDenied
    key = name_key(spelling)
    if not key:
        raise ValidationError(_("Enter a spelling."), code="empty")
    clash = (
        District.objects.filter(state=district.state)
        .exclude(pk=district.pk)
        .filter(aliases__key=key)
        .first()
    ) or next(
        (
            other
            for other in District.objects.filter(state=district.state).exclude(pk=district.pk)
            if name_key(other.name_lgd or other.name) == key
        ),
        None,
    )
    if clash is not None:
        raise ValidationError(
            _("“%(spelling)s” already names %(other)s in this State."),
            code="alias_clash",
            params={"spelling": spelling, "other": clash.name},
        )
    alias = DistrictAlias(
        district=district, name=text_clean(spelling), key=key, source=AliasSource.OFFICER
    )
    alias._history_user = actor  # type: ignore[attr-defined]
    alias.full_clean()
    alias.save()
    return alias


def _curated_rows(filename: str) -> list[dict[str, str]]:
    with (CURATED_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def lgd_import(
    *,
    states_path: Path,
    districts_path: Path,
    hq_points_path: Path | None = None,
    progress: ProgressCallback = progress_none,
) -> ImportReport:
    """Import LGD States and districts, HQ points and every known spelling. Atomic, idempotent.

    A district naming a State code the States file lacks, a missing column, an empty file or a
    repeated district code refuses the whole import (ValidationError), writing nothing.
    """
    states_table = table_read(states_path)
    states_table.require_columns(STATE_COLUMNS)
    districts_table = table_read(districts_path)
    districts_table.require_columns(DISTRICT_COLUMNS)
    hq_table = table_read(hq_points_path) if hq_points_path else None
    if hq_table is not None:
        hq_table.require_columns(HQ_COLUMNS)

    report = ImportReport(source=districts_path.name)
    reason = f"import {districts_path.name}"
    state_rows: dict[int, dict[str, str]] = {}
    for number, row in enumerate(states_table.rows, start=2):
        code = _int(row["State Code"], table=states_table, row=number, column="State Code")
        state_rows[code] = row
    if not state_rows:
        raise ValidationError(
            _("%(file)s has no rows."), code="empty_file", params={"file": states_table.name}
        )

    district_rows: dict[int, tuple[int, dict[str, str]]] = {}
    unknown_states = []
    for number, row in enumerate(districts_table.rows, start=2):
        code = _int(row["District Code"], table=districts_table, row=number, column="District Code")
        state_code = _int(row["State Code"], table=districts_table, row=number, column="State Code")
        if code in district_rows:
            raise ValidationError(
                _("%(file)s rows %(first)d and %(second)d repeat district code %(code)d."),
                code="duplicate_rows",
                params={
                    "file": districts_table.name,
                    "first": district_rows[code][0],
                    "second": number,
                    "code": code,
                },
            )
        if state_code not in state_rows:
            unknown_states.append(f"{number} ({state_code})")
        district_rows[code] = (number, row)
    if unknown_states:
        raise ValidationError(
            _("%(file)s names State codes that %(states)s does not have, in rows: %(rows)s."),
            code="unknown_codes",
            params={
                "file": districts_table.name,
                "states": states_table.name,
                "rows": ", ".join(unknown_states[:20]),
            },
        )
    if not district_rows:
        raise ValidationError(
            _("%(file)s has no rows."), code="empty_file", params={"file": districts_table.name}
        )

    existing_states = {state.lgd_code: state for state in State.objects.all()}
    states = rows_sync(
        State,
        existing=existing_states,
        report=report,
        reason=reason,
        wanted={
            code: {
                "lgd_code": code,
                "name": _display_name(text_clean(row["State Name"])),
                "name_lgd": text_clean(row["State Name"]),
                "kind": StateKind.UNION_TERRITORY
                if text_clean(row["State or UT"]).upper() == "U"
                else StateKind.STATE,
                "census_2001_code": _code_text(row["Census 2001 Code"]),
                "census_2011_code": _code_text(row["Census 2011 Code"]),
            }
            for code, row in sorted(state_rows.items())
        },
    )
    progress(len(state_rows))

    hq_by_code: dict[int, dict[str, str]] = {}
    if hq_table is not None:
        for number, row in enumerate(hq_table.rows, start=2):
            if not text_clean(row["lgd_district_code"]):
                report.findings.append(
                    Finding(
                        source=hq_table.name,
                        row=number,
                        problem="code_missing",
                        resolution="skipped",
                        district=row["district"],
                        detail="Headquarters point without an LGD district code",
                    )
                )
                continue
            code = _int(
                row["lgd_district_code"], table=hq_table, row=number, column="lgd_district_code"
            )
            if code not in district_rows:
                report.findings.append(
                    Finding(
                        source=hq_table.name,
                        row=number,
                        problem="code_unknown",
                        resolution="skipped",
                        district=row["district"],
                        code=str(code),
                        detail="Headquarters point for a district code not in the LGD snapshot",
                    )
                )
                continue
            hq_by_code[code] = row

    wanted: dict[int, dict[str, object]] = {}
    for code, (_number, row) in sorted(district_rows.items()):
        lgd_name = text_clean(row["District Name"])
        hq = hq_by_code.get(code)
        wanted[code] = {
            "lgd_code": code,
            "state": states[int(row["State Code"])],
            "name": _display_name(lgd_name),
            "name_lgd": lgd_name,
            "census_2001_code": _code_text(row["Census 2001 Code"]),
            "census_2011_code": _code_text(row["Census 2011 Code"]),
            "hq_name": text_clean(hq["hq_name"]) if hq else "",
            "hq_longitude": round(float(hq["lon"]), 6) if hq else None,
            "hq_latitude": round(float(hq["lat"]), 6) if hq else None,
            "is_provisional": False,
        }
    existing = {district.lgd_code: district for district in District.objects.all()}
    districts = rows_sync(District, wanted=wanted, existing=existing, report=report, reason=reason)
    progress(len(district_rows))

    spellings = [
        (districts[code], hq["district"], AliasSource.HQ_POINTS) for code, hq in hq_by_code.items()
    ]
    curated, findings = _curated_aliases(districts)
    aliases_record(spellings=[*spellings, *curated], reason=reason)
    report.findings.extend(findings)
    report.rows_read = len(state_rows) + len(district_rows)
    return report


def _curated_aliases(
    districts: dict[int, District],
) -> tuple[list[tuple[District, str, AliasSource]], list[Finding]]:
    """The project's list of known former and English names (geography/data/*.csv).

    Each curated line names the LGD spelling it expects; a line that no longer fits the LGD
    file is reported, not applied, so a renumbered district never inherits a wrong alias.
    """
    spellings, findings = [], []
    for number, line in enumerate(_curated_rows("district_aliases.csv"), start=2):
        district = districts.get(int(line["lgd_code"]))
        if district is None or name_key(district.name_lgd) != name_key(line["lgd_name"]):
            findings.append(
                Finding(
                    source="district_aliases.csv",
                    row=number,
                    problem="alias_mismatch",
                    resolution="skipped",
                    district=line["lgd_name"],
                    code=line["lgd_code"],
                    value=line["alias"],
                    detail="LGD code no longer names this district",
                )
            )
            continue
        spellings.append((district, line["alias"], AliasSource.CURATED))
    return spellings, findings


def state_aliases() -> dict[int, tuple[str, ...]]:
    """Known other names of States (curated file), by LGD State code."""
    aliases: dict[int, list[str]] = {}
    for line in _curated_rows("state_aliases.csv"):
        aliases.setdefault(int(line["lgd_code"]), []).append(line["alias"])
    return {code: tuple(names) for code, names in aliases.items()}


def district_provisional_create(*, state: State, code: int, name: str, reason: str) -> District:
    """Create (or find) a district that a source names but the LGD snapshot lacks."""
    district, _outcome = row_upsert(
        District,
        lookup={"lgd_code": code},
        reason=reason,
        values={"state": state, "name": text_clean(name), "is_provisional": True},
    )
    return district
