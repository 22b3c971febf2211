"""HS suggestions for the hand-checked sets' names, built from the real data exactly as
`hs_suggestions_refresh` builds them: the HS 2022 nomenclature and the national list from
ODOP_DATA_DIR (each name's descriptions and sectors), the glossary, distinct headings. One
function for the checked set and the held-out set, so both are measured the same way."""

import csv
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from odop.markets.hs_checked import CheckedHeading, HSAccuracy, checked_load, hs_accuracy
from odop.markets.hs_suggest import (
    CONFIDENCE_PUBLIC_MIN,
    HSCandidate,
    HSEntry,
    HSIndex,
    ProductText,
)
from odop.markets.selectors import hs_glossary
from odop.registry.vocabularies import sector_normalise


def national_names(data: Path) -> set[str]:
    """Every product name of the national list, trimmed."""
    with (data / "odop" / "dpiit_odop_master.csv").open(encoding="utf-8") as handle:
        return {row["Product"].strip() for row in csv.DictReader(handle)}


def set_index(data: Path) -> HSIndex:
    """The HS 2022 nomenclature from `data`, indexed with the glossary as the refresh does."""
    with (data / "trade" / "hs" / "hs2022_datasets-harmonized-system.csv").open(
        encoding="utf-8"
    ) as handle:
        entries = [HSEntry(row["hscode"], row["description"]) for row in csv.DictReader(handle)]
    return HSIndex(entries, glossary=hs_glossary())


def set_texts(data: Path, names: set[str]) -> dict[str, ProductText]:
    """Each of `names` with every description and sector the national list gives it."""
    descriptions: dict[str, set[str]] = defaultdict(set)
    sectors: dict[str, set[str]] = defaultdict(set)
    with (data / "odop" / "dpiit_odop_master.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["Product"].strip()
            if name in names:
                descriptions[name].add(row["Description"].strip())
                sector = sector_normalise(row["Sector"])
                if sector:
                    sectors[name].add(str(sector))
    return {
        name: ProductText(name, tuple(sorted(descriptions[name])), tuple(sorted(sectors[name])))
        for name in names
    }


def set_candidates(data: Path, names: set[str]) -> dict[str, list[HSCandidate]]:
    """Product name -> its suggestions (code, score, the first one's confidence), best first,
    one per heading."""
    index = set_index(data)
    return {
        name: index.suggest(text, distinct_headings=True)
        for name, text in set_texts(data, names).items()
    }


def set_suggestions(data: Path, names: set[str]) -> dict[str, list[str]]:
    """Product name -> suggested subheadings, best first, one per heading."""
    return {
        name: [candidate.code for candidate in candidates]
        for name, candidates in set_candidates(data, names).items()
    }


@dataclass(frozen=True)
class SetMeasure:
    """A set's top-1 and top-5, and its first suggestions confident enough for public pages
    (`CONFIDENCE_PUBLIC_MIN`): how many are right, and which names are wrong."""

    accuracy: HSAccuracy
    confident_right: int
    confident_wrong: tuple[str, ...]


def set_measure(data: Path, rows: Sequence[CheckedHeading]) -> SetMeasure:
    candidates = set_candidates(data, {row.product for row in rows})
    accuracy = hs_accuracy(
        rows, {name: [c.code for c in found] for name, found in candidates.items()}
    )
    confident = [
        (row, candidates[row.product][0])
        for row in rows
        if candidates[row.product]
        and candidates[row.product][0].confidence >= CONFIDENCE_PUBLIC_MIN
    ]
    wrong = tuple(row.product for row, first in confident if first.code[:4] != row.hs4)
    return SetMeasure(accuracy, len(confident) - len(wrong), wrong)


@dataclass(frozen=True)
class SetFloors:
    """What a set's measurement must reach: its size, top-1 and top-5 floors, confident right
    first suggestions, and at most so many confident wrong ones."""

    size: int
    top1: int
    top5: int
    confident_right: int
    confident_wrong_most: int


def floors_unmet(measure: SetMeasure, floors: SetFloors) -> list[str]:
    """What `measure` falls short of, in words (empty when it meets every floor)."""
    found = {
        "top-1": (measure.accuracy.top1, floors.top1),
        "top-5": (measure.accuracy.top5, floors.top5),
        "confident right": (measure.confident_right, floors.confident_right),
    }
    unmet = [f"{what} {value} < {floor}" for what, (value, floor) in found.items() if value < floor]
    if measure.accuracy.size != floors.size:
        unmet.append(f"size {measure.accuracy.size} != {floors.size}")
    if len(measure.confident_wrong) > floors.confident_wrong_most:
        unmet.append(f"confident wrong {measure.confident_wrong} > {floors.confident_wrong_most}")
    return unmet


def union_rows(*paths: Path) -> list[CheckedHeading]:
    """The rows of several hand checks of one draw, each name once (the first file's row)."""
    rows: dict[str, CheckedHeading] = {}
    for path in paths:
        for row in checked_load(path):
            rows.setdefault(row.product, row)
    return list(rows.values())


def earlier_set_names(path: Path) -> set[str]:
    """The names of every hand-checked set made before the one at `path` (the sets' files sort
    in the order they were made: hs_checked, hs_heldout, hs_heldout_2, ...)."""
    return {
        row.product
        for other in sorted(path.parent.glob("hs_*.csv"))
        if other.name < path.name
        for row in checked_load(other)
    }
