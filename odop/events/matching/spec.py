"""The matchmaking problem as data, and the one reader of its JSON form (issue 16).

Pure: no ORM, no I/O. The JSON shape is the issue's:
`{"slots": [...], "tables": N, "buyers": [{"id", "interests", "available", "max_meetings"}],
"sellers": [{"id", "products", "available", "max_meetings"}]}`, plus an optional
`"confirmed": [{"buyer", "seller", "slot", "table"}]` for re-planning.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard

HS_CODE_LENGTHS = (4, 6)
# A meet of the Guwahati size has about 70 sellers; the bench runs 600. Far above either, a
# file is a mistake (or an attack on the solver's memory) rather than an event.
PARTICIPANTS_MAX = 5000
SLOTS_MAX = 200
TABLES_MAX = 1000
MEETINGS_CAP_MAX = 200


@dataclass(frozen=True)
class Participant:
    """A buyer (codes = interests) or a seller (codes = products)."""

    id: str
    codes: tuple[str, ...]
    available: tuple[str, ...]
    max_meetings: int


@dataclass(frozen=True)
class Meeting:
    """One placed meeting; tables are numbered from 1."""

    buyer: str
    seller: str
    slot: str
    table: int


@dataclass(frozen=True)
class Problem:
    """Everything the engine needs. `confirmed` meetings are kept in place where possible."""

    slots: tuple[str, ...]
    tables: int
    buyers: tuple[Participant, ...]
    sellers: tuple[Participant, ...]
    confirmed: tuple[Meeting, ...] = ()


@dataclass(frozen=True)
class Result:
    """Placed meetings (by slot order, then table) and chosen meetings that did not fit."""

    meetings: tuple[Meeting, ...]
    waitlist: tuple[tuple[str, str], ...]
    stats: Mapping[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The issue's output shape."""
        return {
            "meetings": [
                {"buyer": m.buyer, "seller": m.seller, "slot": m.slot, "table": m.table}
                for m in self.meetings
            ],
            "waitlist": [{"buyer": b, "seller": s} for b, s in self.waitlist],
        }


class ProblemError(ValueError):
    """The input is not a valid problem; `errors` lists every fault, each with a path."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = list(errors)


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _participants(
    rows: object, kind: str, codes_key: str, slots: Collection[str], known: Collection[str] | None
) -> tuple[list[Participant], list[str]]:
    errors: list[str] = []
    people: list[Participant] = []
    if not isinstance(rows, list):
        return [], [f"{kind}: must be a list"]
    if len(rows) > PARTICIPANTS_MAX:
        return [], [f"{kind}: at most {PARTICIPANTS_MAX} participants"]
    seen: set[str] = set()
    for index, row in enumerate(rows):
        where = f"{kind}[{index}]"
        if not isinstance(row, dict):
            errors.append(f"{where}: must be an object")
            continue
        ident = row.get("id")
        if not isinstance(ident, str) or not ident.strip():
            errors.append(f"{where}.id: must be a non-empty string")
            continue
        where = f"{kind}[{index}] ({ident})"
        if ident in seen:
            errors.append(f"{where}.id: appears twice")
        seen.add(ident)
        codes = row.get(codes_key)
        clean_codes: list[str] = []
        if not isinstance(codes, list) or not codes:
            errors.append(f"{where}.{codes_key}: must be a non-empty list of HS codes")
        else:
            for code in codes:
                text = str(code).strip() if isinstance(code, str | int) else ""
                if not (text.isascii() and text.isdigit() and len(text) in HS_CODE_LENGTHS):
                    errors.append(f"{where}.{codes_key}: {code!r} is not a 4- or 6-digit HS code")
                elif known is not None and text not in known:
                    errors.append(f"{where}.{codes_key}: {text} is not in the HS 2022 nomenclature")
                else:
                    clean_codes.append(text)
        available = row.get("available")
        clean_slots: list[str] = []
        if not isinstance(available, list):
            errors.append(f"{where}.available: must be a list of slots")
        else:
            for slot in available:
                if slot not in slots:
                    errors.append(f"{where}.available: {slot!r} is not one of the event's slots")
                elif slot not in clean_slots:
                    clean_slots.append(slot)
        raw_cap = row.get("max_meetings")
        cap = raw_cap if _is_int(raw_cap) else -1
        if not 0 <= cap <= MEETINGS_CAP_MAX:
            errors.append(
                f"{where}.max_meetings: must be a whole number from 0 to {MEETINGS_CAP_MAX}"
            )
            cap = 0
        people.append(
            Participant(ident, tuple(dict.fromkeys(clean_codes)), tuple(clean_slots), cap)
        )
    return people, errors


def problem_from_json(data: object, *, known_codes: Collection[str] | None = None) -> Problem:
    """Read and check a problem; raise ProblemError listing every fault (nothing partial).

    `known_codes` is the HS nomenclature (4- and 6-digit codes); None skips that check.
    """
    if not isinstance(data, dict):
        raise ProblemError(["the input must be a JSON object"])
    errors: list[str] = []
    slots = data.get("slots")
    if not isinstance(slots, list) or not slots or not all(isinstance(s, str) and s for s in slots):
        errors.append("slots: must be a non-empty list of slot names")
        slots = []
    elif len(set(slots)) != len(slots):
        errors.append("slots: a slot is named twice")
    elif len(slots) > SLOTS_MAX:
        errors.append(f"slots: at most {SLOTS_MAX}")
    raw_tables = data.get("tables")
    tables = raw_tables if _is_int(raw_tables) else 0
    if not 1 <= tables <= TABLES_MAX:
        errors.append(f"tables: must be a whole number from 1 to {TABLES_MAX}")
        tables = 1
    slot_set = set(slots)
    buyers, buyer_errors = _participants(
        data.get("buyers"), "buyers", "interests", slot_set, known_codes
    )
    sellers, seller_errors = _participants(
        data.get("sellers"), "sellers", "products", slot_set, known_codes
    )
    errors += buyer_errors + seller_errors
    confirmed: list[Meeting] = []
    raw_confirmed = data.get("confirmed", [])
    if not isinstance(raw_confirmed, list):
        errors.append("confirmed: must be a list")
    else:
        buyer_ids = {b.id for b in buyers}
        seller_ids = {s.id for s in sellers}
        for index, row in enumerate(raw_confirmed):
            where = f"confirmed[{index}]"
            if not isinstance(row, dict) or not _is_int(row.get("table")):
                errors.append(f"{where}: must be an object with buyer, seller, slot and table")
                continue
            # A confirmed meeting whose buyer or seller has left is dropped, not an error:
            # that is what re-planning after a cancellation means.
            if row.get("buyer") not in buyer_ids or row.get("seller") not in seller_ids:
                continue
            if row.get("slot") not in slot_set:
                errors.append(f"{where}.slot: {row.get('slot')!r} is not one of the event's slots")
                continue
            confirmed.append(Meeting(row["buyer"], row["seller"], row["slot"], row["table"]))
    if errors:
        raise ProblemError(errors)
    return Problem(tuple(slots), tables, tuple(buyers), tuple(sellers), tuple(confirmed))
