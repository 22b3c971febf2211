"""A bulk paste of district products for a policy, resolved against the products an officer
may link. Pure: no ORM; the view passes the candidates in.

One product a line (commas and semicolons also separate): a district product id, or its name,
optionally followed by its district in brackets or after a dash ("Makhana (Darbhanga)",
"Makhana - Darbhanga") when the name alone is found in several districts.
"""

import re
from dataclasses import dataclass, field

_SPLIT = re.compile(r"[\n;,]+")
_WITH_DISTRICT = re.compile(r"^(?P<name>.+?)\s*(?:\((?P<a>[^)]+)\)|\s-\s(?P<b>.+))$")


@dataclass(frozen=True)
class Candidate:
    """A district product the officer may link."""

    pk: int
    name: str
    district: str


@dataclass
class PasteResult:
    ids: list[int] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def paste_resolve(text: str, candidates: list[Candidate]) -> PasteResult:
    """The ids the pasted lines name (in order, once each), and the lines that name no
    candidate or more than one."""
    by_pk = {candidate.pk: candidate for candidate in candidates}
    by_name: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_name.setdefault(_key(candidate.name), []).append(candidate)
    result = PasteResult()
    for raw in _SPLIT.split(text):
        line = raw.strip()
        if not line:
            continue
        found: list[Candidate]
        if line.isdigit():
            found = [by_pk[int(line)]] if int(line) in by_pk else []
        else:
            found = by_name.get(_key(line), [])
            match = _WITH_DISTRICT.match(line)
            if not found and match:
                district = _key(match.group("a") or match.group("b") or "")
                found = [
                    candidate
                    for candidate in by_name.get(_key(match.group("name")), [])
                    if _key(candidate.district) == district
                ]
        if not found:
            result.unknown.append(line)
        elif len(found) > 1:
            result.ambiguous.append(line)
        elif found[0].pk not in result.ids:
            result.ids.append(found[0].pk)
    return result
