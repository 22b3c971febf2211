"""Write-side use cases of the registry: the reference imports and officers' edits.

Every importer reads and checks its whole file before it writes, so a broken file writes
nothing; every importer upserts, so a second run of the same file writes nothing either.
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from odop.accounts.models import User
from odop.core.imports import (
    Finding,
    ImportReport,
    ProgressCallback,
    RowContext,
    progress_none,
    rows_sync,
)
from odop.core.tabular import Table, table_read
from odop.core.text import text_clean, text_key
from odop.geography.models import AliasSource, District, State
from odop.geography.resolver import DistrictEntry, DistrictIndex, Failure, MatchKind
from odop.geography.resolver import Resolution as Resolution_
from odop.geography.selectors import district_index_load
from odop.geography.services import aliases_record, district_provisional_create, lgd_import
from odop.registry.models import (
    DataQualityFinding,
    DistrictProduct,
    GIEntry,
    HSCode,
    ImportRun,
    Ministry,
    Problem,
    ProductType,
    Resolution,
)
from odop.registry.permissions import can_change_district_product
from odop.registry.vocabularies import (
    category_normalise,
    goods_class_normalise,
    ministry_normalise,
    product_type_key,
    sector_normalise,
    yes_no_normalise,
)

MASTER_COLUMNS = (
    "State",
    "Product",
    "District",
    "LGD Code",
    "Category",
    "Sector",
    "Description",
    "GI Status",
    "Ministry/ Department",
)
GI_COLUMNS = ("S.No", "Geographical Indications", "Goods", "State")
HS_COLUMNS = ("hscode", "description", "parent", "level")

GI_LINK_MIN_SCORE = 80.0  # token-set similarity for a product to link to a GI entry
GI_LINK_MIN_MARGIN = 3.0  # ... and this much better than the next entry


def _slug_unique(model: type[Ministry] | type[ProductType], text: str, taken: set[str]) -> str:
    base = slugify(text)[:180] or "item"
    slug, number = base, 2
    while slug in taken or model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def findings_replace(*, source: str, findings: Iterable[Finding]) -> int:
    """Make the stored findings of `source` equal to `findings`, touching only the difference.

    So an unchanged file leaves the findings table exactly as it was.
    """
    wanted: dict[tuple, Finding] = {}
    for finding in findings:
        key = (
            finding.row,
            finding.problem,
            finding.resolution,
            finding.state[:160],
            finding.district[:160],
            finding.code[:32],
            finding.value[:255],
            finding.detail,
        )
        wanted.setdefault(key, finding)
    stored = {
        (
            row.row,
            row.problem,
            row.resolution,
            row.state,
            row.district,
            row.code,
            row.value,
            row.detail,
        ): row.pk
        for row in DataQualityFinding.objects.filter(source=source)
    }
    stale = [pk for key, pk in stored.items() if key not in wanted]
    DataQualityFinding.objects.filter(pk__in=stale).delete()
    fresh = [
        DataQualityFinding(
            source=source,
            row=f.row,
            problem=f.problem,
            resolution=f.resolution,
            state=f.state[:160],
            district=f.district[:160],
            code=f.code[:32],
            value=f.value[:255],
            detail=f.detail,
        )
        for key, f in wanted.items()
        if key not in stored
    ]
    DataQualityFinding.objects.bulk_create(fresh)
    return len(wanted)


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


# ---------------------------------------------------------------- the national ODOP list


@dataclass
class _Placement:
    """Where one row of the national list goes, and the findings that explain it."""

    district_code: int | None
    match: str
    findings: list[Finding] = field(default_factory=list)
    spelling_to_learn: bool = False


def _code_of(raw: str) -> int | None:
    text = text_clean(raw)
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isdigit() else None


def _name_of(index: DistrictIndex, code: int | None) -> str:
    entry = index.district(code) if code is not None else None
    return entry.name if entry else ""


def _is_provisional(index: DistrictIndex, code: int | None) -> bool:
    entry = index.district(code) if code is not None else None
    return bool(entry and entry.provisional)


def _row_place(
    *,
    source: str,
    number: int,
    row: dict[str, str],
    state_codes: set[int],
    code: int | None,
    index: DistrictIndex,
    shared_codes: set[int],
    rows_by_code: dict[int, set[int]],
) -> _Placement:
    """Place one row of the national list (the rules are in `odop_rows_place`)."""
    context: RowContext = {
        "source": source,
        "row": number,
        "state": text_clean(row["State"]),
        "district": text_clean(row["District"]),
        "code": text_clean(row["LGD Code"]),
    }
    findings: list[Finding] = []
    if not state_codes:
        return _Placement(
            None,
            "unresolved",
            [
                Finding(
                    **context,
                    problem=Problem.STATE_UNKNOWN,
                    resolution=Resolution.SKIPPED,
                    detail="The State cell names no known State or UT",
                )
            ],
        )
    if len(state_codes) > 1:
        return _Placement(
            None,
            "unresolved",
            [
                Finding(
                    **context,
                    problem=Problem.STATE_MULTIPLE,
                    resolution=Resolution.SKIPPED,
                    detail="The State cell names several States or UTs",
                )
            ],
        )
    state_code = next(iter(state_codes))
    if "\n" in str(row["State"]).strip():
        findings.append(
            Finding(
                **context,
                problem=Problem.STATE_MULTIPLE,
                resolution=Resolution.NORMALISED,
                detail="The State cell holds several names on separate lines; all name the "
                "same UT today",
            )
        )
    by_name = index.resolve(state_code=state_code, name=row["District"])
    coded = index.district(code) if code is not None else None
    if code is not None and code in shared_codes:
        others = sorted(rows_by_code[code] - {number})
        findings.append(
            Finding(
                **context,
                problem=Problem.CODE_SHARED,
                resolution=Resolution.PLACED_BY_CODE
                if by_name.code == code
                else Resolution.PLACED_BY_NAME
                if by_name.is_resolved
                else Resolution.PLACED_BY_CODE,
                detail="Rows naming other districts carry this code too (rows "
                + ", ".join(str(other) for other in others[:10])
                + ")",
            )
        )

    def name_decides(problem: str, detail: str) -> _Placement:
        findings.append(
            Finding(**context, problem=problem, resolution=Resolution.PLACED_BY_NAME, detail=detail)
        )
        return _Placement(by_name.code, f"name:{by_name.match}", findings)

    def failure_text() -> str:
        if by_name.failure == Failure.AMBIGUOUS:
            names = ", ".join(
                entry.name for entry in map(index.district, by_name.candidates) if entry
            )
            return f"the name fits several districts ({names})"
        return "the name fits no district of the State"

    if code is None:
        if by_name.is_resolved:
            return name_decides(Problem.CODE_MISSING, "No usable LGD code; placed by name")
        else:
            findings.append(
                Finding(
                    **context,
                    problem=Problem.CODE_MISSING,
                    resolution=Resolution.SKIPPED,
                    detail=f"No usable LGD code and {failure_text()}",
                )
            )
            return _Placement(None, "unresolved", findings)
    if coded is None or coded.provisional:  # a code the LGD snapshot does not have
        if by_name.is_resolved and _is_provisional(index, by_name.code):
            by_name = Resolution_(None, MatchKind.UNRESOLVED, failure=Failure.NO_CANDIDATE)
        if by_name.is_resolved:
            return name_decides(
                Problem.CODE_UNKNOWN,
                f"Code not in the LGD snapshot; the name is {_name_of(index, by_name.code)}",
            )
        else:
            findings.append(
                Finding(
                    **context,
                    problem=Problem.CODE_UNKNOWN,
                    resolution=Resolution.PROVISIONAL,
                    detail=f"Code not in the LGD snapshot and {failure_text()}: a provisional "
                    f"district was created",
                )
            )
            return _Placement(code, "provisional", findings)
    if coded.state_code != state_code:
        if by_name.is_resolved:
            return name_decides(
                Problem.CODE_OTHER_STATE,
                f"Code {code} is {coded.name} in another State; the name is "
                f"{_name_of(index, by_name.code)}",
            )
        else:
            findings.append(
                Finding(
                    **context,
                    problem=Problem.CODE_OTHER_STATE,
                    resolution=Resolution.SKIPPED,
                    detail=f"Code {code} is {coded.name} in another State and {failure_text()}",
                )
            )
            return _Placement(None, "unresolved", findings)
    if by_name.is_resolved and by_name.code != code:
        return name_decides(
            Problem.NAME_OTHER_CODE,
            f"Code {code} is {coded.name}; the name is "
            f"{_name_of(index, by_name.code)} "
            f"({by_name.code})",
        )
    if not by_name.is_resolved:
        findings.append(
            Finding(
                **context,
                problem=Problem.NAME_UNRECOGNISED,
                resolution=Resolution.PLACED_BY_CODE,
                detail=f"{failure_text().capitalize()}; the code names {coded.name} in the "
                f"same State, so the code decides and the spelling is remembered",
            )
        )
        return _Placement(code, "code", findings, spelling_to_learn=True)
    return _Placement(code, "code", findings, spelling_to_learn=by_name.match == MatchKind.FUZZY)


def odop_rows_place(table: Table, index: DistrictIndex) -> dict[int, _Placement]:
    """Decide the district of every row of the national list, without writing anything.

    A row is placed by its LGD code when the code, the State and the name agree. When they
    disagree, the name decides within the row's State only if it names exactly one district;
    otherwise a code of the right State decides; otherwise an unknown code becomes a
    provisional district of the State. Every disagreement becomes a finding.
    """
    source = table.name
    # Which districts does each code stand for in this file (by name)? Used for "shared" codes.
    names_by_code: dict[int, set[int | str]] = defaultdict(set)
    rows_by_code: dict[int, set[int]] = defaultdict(set)
    rows: list[tuple[int, dict[str, str], set[int], int | None]] = []
    for number, row in enumerate(table.rows, start=2):
        state_codes = index.state_codes(row["State"])
        code = _code_of(row["LGD Code"])
        rows.append((number, row, state_codes, code))
        if code is not None:
            rows_by_code[code].add(number)
        if code is not None and len(state_codes) == 1:
            answer = index.resolve(state_code=next(iter(state_codes)), name=row["District"])
            names_by_code[code].add(
                answer.code if answer.code is not None else text_key(row["District"])
            )
    shared_codes = {code for code, names in names_by_code.items() if len(names) > 1}

    placements: dict[int, _Placement] = {}
    for number, row, state_codes, code in rows:
        placements[number] = _row_place(
            source=source,
            number=number,
            row=row,
            state_codes=state_codes,
            code=code,
            index=index,
            shared_codes=shared_codes,
            rows_by_code=rows_by_code,
        )
    return placements


def _photo_url(raw: str, context: RowContext, report: ImportReport) -> str:
    """The photo link if it is a valid http(s) URL; otherwise blank, with a finding."""
    value = text_clean(raw)
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
        if len(value) > 500:
            raise ValidationError("too long")
    except ValidationError:
        report.findings.append(
            Finding(
                **context,
                problem=Problem.VALUE_UNKNOWN,
                resolution=Resolution.SKIPPED,  # type: ignore[arg-type]
                value=value[:255],
                detail="Photo is not a valid web link",
            )
        )
        return ""
    return value


def _gi_name_key(name: str) -> str:
    """A GI name without the registry's "(Logo)" marks, which register the same GI again."""
    return " ".join(word for word in text_key(name).split() if word != "logo")


def _gi_link(
    product_name: str, district_names: tuple[str, ...], entries: list[GIEntry]
) -> tuple[GIEntry | None, float, list[tuple[str, float]]]:
    """The GI registry entry of the product's State that the product's name clearly names.

    Scored by token-set similarity of the names; when several different GIs score alike
    ("Turmeric" → "Sangli Turmeric", "Waigaon Turmeric"), the one naming the product's
    district wins, and if none does the product stays unlinked: a wrong GI link is worse than
    none. Returns the entry (or None), its score and the three best candidates.
    """
    if not entries:
        return None, 0.0, []
    name = text_key(product_name)
    scored = sorted(
        ((entry, float(fuzz.token_set_ratio(name, _gi_name_key(entry.name)))) for entry in entries),
        key=lambda pair: -pair[1],
    )
    top = [(entry.name, round(score, 1)) for entry, score in scored[:3]]
    best_entry, best = scored[0]
    if best < GI_LINK_MIN_SCORE:
        return None, 0.0, top
    contenders = {
        _gi_name_key(entry.name): entry
        for entry, score in scored
        if score > best - GI_LINK_MIN_MARGIN
    }
    if len(contenders) == 1:
        return best_entry, round(best, 1), top
    places = [text_key(place) for place in district_names if text_key(place)]
    naming = [
        entry
        for key, entry in contenders.items()
        if any(fuzz.partial_ratio(place, key) >= 90 for place in places)
    ]
    if len(naming) == 1:
        return naming[0], round(best, 1), top
    return None, 0.0, top


@transaction.atomic
def odop_master_import(
    *, path: Path, index: DistrictIndex, progress: ProgressCallback = progress_none
) -> ImportReport:
    """Import the national ODOP list (.xlsx or .csv, UTF-8 or Windows-1252). Atomic, idempotent.

    Refused whole (nothing written) when a column is missing, the file is empty or unreadable,
    or two rows are the same (State, district, code and product). Row-level disagreements are
    resolved as `odop_rows_place` explains and reported as findings.
    """
    table = table_read(path)
    table.require_columns(MASTER_COLUMNS)
    if not table.rows:
        raise ValidationError(
            _("%(file)s has no rows."), code="empty_file", params={"file": table.name}
        )
    first_seen: dict[tuple[str, ...], int] = {}
    for number, row in enumerate(table.rows, start=2):
        identity = (
            text_key(row["State"]),
            text_key(row["District"]),
            text_clean(row["LGD Code"]),
            product_type_key(row["Product"]),
        )
        if not identity[3]:
            raise ValidationError(
                _("%(file)s row %(row)d has no product name."),
                code="missing_value",
                params={"file": table.name, "row": number},
            )
        if identity in first_seen:
            raise ValidationError(
                _(
                    "%(file)s rows %(first)d and %(second)d are the same product of the same "
                    "district; remove one and import again."
                ),
                code="duplicate_rows",
                params={"file": table.name, "first": first_seen[identity], "second": number},
            )
        first_seen[identity] = number

    placements = odop_rows_place(table, index)
    reason = f"import {table.name}"
    report = ImportReport(source=table.name, rows_read=len(table.rows))
    districts = {
        district.lgd_code: district for district in District.objects.select_related("state")
    }
    states = {state.lgd_code: state for state in State.objects.all()}

    # Provisional districts and spellings first: rows below refer to them.
    learned: list[tuple[District, str, AliasSource]] = []
    for number, row in enumerate(table.rows, start=2):
        placement = placements[number]
        report.findings.extend(placement.findings)
        if placement.district_code is None:
            continue
        district = districts.get(placement.district_code)
        if district is None:  # the code is unknown to LGD: a provisional district
            state_code = next(iter(index.state_codes(row["State"])))
            district = district_provisional_create(
                state=states[state_code],
                code=placement.district_code,
                name=text_clean(row["District"]),
                reason=reason,
            )
            districts[district.lgd_code] = district
            index.add_district(
                DistrictEntry(
                    code=district.lgd_code,
                    state_code=state_code,
                    name=district.name,
                    provisional=True,
                )
            )
        if placement.spelling_to_learn or placement.match.startswith("name:"):
            learned.append((district, row["District"], AliasSource.ODOP_MASTER))
    aliases_record(spellings=learned, reason=reason)

    types = {product_type.key: product_type for product_type in ProductType.objects.all()}
    slugs = set(ProductType.objects.values_list("slug", flat=True))
    new_types: dict[str, dict[str, object]] = {}
    ministries = {ministry.name: ministry for ministry in Ministry.objects.all()}
    ministry_slugs = set(Ministry.objects.values_list("slug", flat=True))
    new_ministries: dict[str, dict[str, object]] = {}
    for row in table.rows:
        name = text_clean(row["Product"])
        key = product_type_key(name)
        if key not in types and key not in new_types:
            new_types[key] = {
                "name": name,
                "key": key,
                "slug": _slug_unique(ProductType, name, slugs),
            }
        ministry_name = ministry_normalise(row["Ministry/ Department"])
        if (
            ministry_name
            and ministry_name not in ministries
            and ministry_name not in new_ministries
        ):
            new_ministries[ministry_name] = {
                "name": ministry_name,
                "slug": _slug_unique(Ministry, ministry_name, ministry_slugs),
            }
    types.update(
        rows_sync(
            ProductType,
            wanted=new_types,
            existing={},
            report=ImportReport(source=table.name),
            reason=reason,
        )
    )
    ministries.update(
        rows_sync(
            Ministry,
            wanted=new_ministries,
            existing={},
            report=ImportReport(source=table.name),
            reason=reason,
        )
    )

    entries_by_state: dict[int, list[GIEntry]] = defaultdict(list)
    for gi_entry in GIEntry.objects.prefetch_related("states"):
        for state in gi_entry.states.all():
            entries_by_state[state.pk].append(gi_entry)

    existing = {
        (product.district_id, product.product_type_id): product
        for product in DistrictProduct.objects.all()
    }
    wanted: dict[tuple[int, int], dict[str, object]] = {}
    placed: dict[tuple[int, int], int] = {}
    for number, row in enumerate(table.rows, start=2):
        placement = placements[number]
        progress(1)
        if placement.district_code is None:
            continue
        district = districts[placement.district_code]
        context: RowContext = {
            "source": table.name,
            "row": number,
            "state": text_clean(row["State"]),
            "district": text_clean(row["District"]),
            "code": text_clean(row["LGD Code"]),
        }
        name = text_clean(row["Product"])
        product_type = types[product_type_key(name)]
        pair = (district.pk, product_type.pk)
        if pair in placed:
            report.findings.append(
                Finding(
                    **context,
                    problem=Problem.DUPLICATE_ROW,
                    resolution=Resolution.SKIPPED,
                    value=name,
                    detail=f"Row {placed[pair]} already lists {name} for {district.name}",
                )
            )
            continue
        placed[pair] = number
        values: dict[str, object] = {
            "district": district,
            "product_type": product_type,
            "name": name,
            "description": text_clean(row["Description"]),
            "source_row": number,
            "lgd_code_source": context["code"],
            "district_source": context["district"],
            "state_source": context["state"],
            "photo_url": _photo_url(row.get("Photo", ""), context, report),
        }
        for column, normalise, field_name in (
            ("Category", category_normalise, "category"),
            ("Sector", sector_normalise, "sector"),
        ):
            raw = text_clean(row[column])
            value = normalise(raw)
            values[field_name] = value or ""
            values[f"{field_name}_source"] = raw
            if value is None and raw:
                report.findings.append(
                    Finding(
                        **context,
                        problem=Problem.VALUE_UNKNOWN,
                        resolution=Resolution.SKIPPED,
                        value=raw,
                        detail=f"{column} “{raw}” is not a known {column.lower()}",
                    )
                )
        gi_raw = text_clean(row["GI Status"])
        gi = yes_no_normalise(gi_raw)
        if gi is None and gi_raw:
            report.findings.append(
                Finding(
                    **context,
                    problem=Problem.VALUE_UNKNOWN,
                    resolution=Resolution.SKIPPED,
                    value=gi_raw,
                    detail="GI Status is neither yes nor no; read as no",
                )
            )
        values["is_gi"] = bool(gi)
        values["gi_status_source"] = gi_raw
        ministry_name = ministry_normalise(row["Ministry/ Department"])
        values["ministry"] = ministries.get(ministry_name) if ministry_name else None
        values["ministry_source"] = text_clean(row["Ministry/ Department"])
        entry: GIEntry | None = None
        score: float | None = None
        if gi:
            entry, best, top = _gi_link(
                name,
                (district.name, text_clean(row["District"])),
                entries_by_state.get(district.state_id, []),
            )
            score = best if entry else None
            if entry is None:
                candidates = "; ".join(f"{label} ({value})" for label, value in top) or "none"
                report.findings.append(
                    Finding(
                        **context,
                        problem=Problem.GI_UNLINKED,
                        resolution=Resolution.LEFT_UNLINKED,
                        value=name,
                        detail=f"Best candidates in the State: {candidates}",
                    )
                )
        values["gi_entry"] = entry
        values["gi_match_score"] = score
        wanted[pair] = values
    rows_sync(DistrictProduct, wanted=wanted, existing=existing, report=report, reason=reason)

    # Entries of the national list that are no longer in the file leave the registry.
    for pair, product in existing.items():
        if pair not in wanted:
            product._change_reason = reason  # type: ignore[attr-defined]
            product.delete()
    return report


# ---------------------------------------------------------------- the whole reference set


@dataclass(frozen=True)
class ReferenceFiles:
    """Where each reference file lives inside the data directory."""

    states: Path
    districts: Path
    hq_points: Path
    gi_registry: Path
    hs2022: Path
    odop_master: Path

    @classmethod
    def in_directory(cls, data_dir: Path, *, master: Path | None = None) -> "ReferenceFiles":
        odop = data_dir / "odop"
        default_master = odop / "dpiit_odop_master.xlsx"
        if not default_master.exists():
            default_master = odop / "dpiit_odop_master.csv"
        return cls(
            states=data_dir / "districts" / "lgd_states.csv",
            districts=data_dir / "districts" / "lgd_districts_2022-12.csv",
            hq_points=data_dir / "districts" / "district_hq_points.csv",
            gi_registry=data_dir / "gi" / "ipindia_registered_gi.csv",
            hs2022=data_dir / "trade" / "hs" / "hs2022_datasets-harmonized-system.csv",
            odop_master=master or default_master,
        )

    def all(self) -> tuple[Path, ...]:
        return (
            self.states,
            self.districts,
            self.hq_points,
            self.gi_registry,
            self.hs2022,
            self.odop_master,
        )

    def rows_estimate(self) -> int | None:
        """About how many rows the import will step through (for a progress bar); None if a
        file cannot be read."""
        try:
            total = 0
            for path in (
                self.states,
                self.districts,
                self.gi_registry,
                self.hs2022,
                self.odop_master,
            ):
                if path.suffix.lower() == ".xlsx":
                    from openpyxl import load_workbook

                    workbook = load_workbook(path, read_only=True)
                    total += max((workbook.worksheets[0].max_row or 1) - 1, 0)
                    workbook.close()
                else:
                    with path.open("rb") as handle:
                        total += max(sum(1 for _line in handle) - 1, 0)
            return total
        except (OSError, ValueError):
            return None

    def checksum(self) -> str:
        """One digest over every input, the project's curated lists included."""
        digest = hashlib.sha256()
        curated = sorted(
            (Path(__file__).resolve().parent.parent / "geography" / "data").glob("*.csv")
        ) + sorted((Path(__file__).resolve().parent / "data").glob("*.csv"))
        for path in (*self.all(), *curated):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()


REFERENCE_SOURCE = "reference"


def reference_import_is_current(files: ReferenceFiles) -> bool:
    """True when the last complete reference import read exactly these files."""
    last = ImportRun.objects.filter(source=REFERENCE_SOURCE).first()
    return last is not None and last.checksum == files.checksum()


@transaction.atomic
def reference_import(
    *,
    files: ReferenceFiles,
    actor: User | None = None,
    progress: ProgressCallback = progress_none,
) -> list[ImportReport]:
    """Import the whole reference set in order (LGD, GI, HS, national list) in one transaction:
    if any file is refused, nothing at all is written."""
    missing = [str(path) for path in files.all() if not path.exists()]
    if missing:
        raise ValidationError(
            _("Reference files not found: %(files)s"),
            code="missing_file",
            params={"files": ", ".join(missing)},
        )
    reports = [
        lgd_import(
            states_path=files.states,
            districts_path=files.districts,
            hq_points_path=files.hq_points,
            progress=progress,
        )
    ]
    index = district_index_load(exclude_sources=[AliasSource.ODOP_MASTER])
    reports.append(gi_registry_import(path=files.gi_registry, index=index, progress=progress))
    reports.append(hs_import(path=files.hs2022, progress=progress))
    reports.append(odop_master_import(path=files.odop_master, index=index, progress=progress))
    findings_by_source: dict[str, list[Finding]] = defaultdict(list)
    for report in reports:
        for finding in report.findings:
            findings_by_source[finding.source].append(finding)
    sources = set(findings_by_source) | {report.source for report in reports}
    for source in sources:
        findings_replace(source=source, findings=findings_by_source.get(source, []))
    checksum = files.checksum()
    total = ImportReport(source=REFERENCE_SOURCE)
    for report in reports:
        total.rows_read += report.rows_read
        total.created += report.created
        total.updated += report.updated
        total.unchanged += report.unchanged
    last = ImportRun.objects.filter(source=REFERENCE_SOURCE).first()
    if last is None or last.checksum != checksum or total.created or total.updated:
        ImportRun.objects.create(
            source=REFERENCE_SOURCE,
            checksum=checksum,
            rows_read=total.rows_read,
            created=total.created,
            updated=total.updated,
            unchanged=total.unchanged,
            findings=sum(len(report.findings) for report in reports),
            actor=actor,
        )
    return reports


# ---------------------------------------------------------------- officers' edits


@transaction.atomic
def district_product_update(
    *,
    actor: User,
    product: DistrictProduct,
    description: str | None = None,
    sector: str | None = None,
    category: str | None = None,
) -> DistrictProduct:
    """An officer corrects a product's description, sector or category (history records who).

    Only officers whose scope covers the product's district may (see permissions).
    """
    if not can_change_district_product(actor, product):
        raise PermissionDenied
    product = DistrictProduct.objects.select_for_update().get(pk=product.pk)
    changed = []
    for name, value in (("description", description), ("sector", sector), ("category", category)):
        if value is not None and getattr(product, name) != value:
            setattr(product, name, value)
            changed.append(name)
    if not changed:
        return product
    product._history_user = actor  # type: ignore[attr-defined]
    product.full_clean()
    product.save(update_fields=[*changed, "updated_at"])
    return product
