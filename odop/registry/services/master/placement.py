"""Placing every row of the national ODOP list in a district: its LGD code, State and district
name checked against each other and the LGD gazetteer, with a finding for each disagreement."""

from collections import defaultdict
from dataclasses import dataclass, field

from odop.core.imports import (
    Finding,
    RowContext,
)
from odop.core.tabular import Table
from odop.core.text import text_clean, text_key
from odop.geography.resolver import DistrictIndex, Failure, MatchKind
from odop.geography.resolver import Resolution as Resolution_
from odop.registry.models import (
    Problem,
    Resolution,
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
