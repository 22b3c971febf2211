"""The hand-checked set of HS 2022 headings for product types (issue 13; pure: no ORM).

`data/hs_checked.csv` holds one row per product name of the national list with the HS4 heading
that a person checked against the HS 2022 nomenclature: the heading's text, and how it was
checked (the heading names the product, or the chapter or subheading note that places it).
`data/hs_heldout.csv`, `data/hs_heldout_2.csv` and `data/hs_heldout_3.csv`, in the same format,
are sets of names checked by hand before any suggestion was run on them (docs/benchmarks.md says
how they were chosen); the first two have since been read to improve `hs_suggest` (development
sets now), the third is the one held out. `hs_accuracy` measures suggestions against any of
them: the share of products whose right heading is the first suggestion's heading (top-1) or
among the first five suggestions' headings (top-5).
"""

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from django.core.exceptions import ValidationError

CHECKED_PATH: Final = Path(__file__).resolve().parent / "data" / "hs_checked.csv"
HELDOUT_PATH: Final = Path(__file__).resolve().parent / "data" / "hs_heldout.csv"
HELDOUT_2_PATH: Final = Path(__file__).resolve().parent / "data" / "hs_heldout_2.csv"
HELDOUT_3_PATH: Final = Path(__file__).resolve().parent / "data" / "hs_heldout_3.csv"
HELDOUT_4_PATH: Final = Path(__file__).resolve().parent / "data" / "hs_heldout_4.csv"
HELDOUT_5_PATH: Final = Path(__file__).resolve().parent / "data" / "hs_heldout_5.csv"
# Two helpers' hand checks of one draw at two offsets, which met on 37 names (docs/benchmarks.md)
HELDOUT_6_PATH: Final = Path(__file__).resolve().parent / "data" / "hs_heldout_6.csv"
HELDOUT_7_PATH: Final = Path(__file__).resolve().parent / "data" / "hs_heldout_7.csv"
# The same again at offsets 7 and 17 after the sixth set: the list had 7 takeable names left
HELDOUT_8_PATH: Final = Path(__file__).resolve().parent / "data" / "hs_heldout_8.csv"
HELDOUT_9_PATH: Final = Path(__file__).resolve().parent / "data" / "hs_heldout_9.csv"


@dataclass(frozen=True)
class CheckedHeading:
    """One product name and the HS 2022 heading it belongs to, with how that was checked."""

    product: str
    hs4: str
    heading: str
    how_checked: str


@dataclass(frozen=True)
class HSAccuracy:
    """How often the right heading is first, or among the first five, of the suggestions."""

    size: int
    top1: int
    top5: int
    misses: tuple[str, ...]

    @property
    def top1_share(self) -> float:
        return self.top1 / self.size if self.size else 0.0

    @property
    def top5_share(self) -> float:
        return self.top5 / self.size if self.size else 0.0


def checked_parse(lines: Iterable[str]) -> list[CheckedHeading]:
    """The checked set; a row without a 4-digit heading, its text or how it was checked is an
    error (code `hs_checked_row_incomplete`)."""
    rows = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        heading = CheckedHeading(
            product=(row.get("product") or "").strip(),
            hs4=(row.get("hs4") or "").strip(),
            heading=(row.get("heading") or "").strip(),
            how_checked=(row.get("how_checked") or "").strip(),
        )
        if not (
            heading.product
            and len(heading.hs4) == 4
            and heading.hs4.isdigit()
            and heading.heading
            and heading.how_checked
        ):
            raise ValidationError(
                "hs_checked.csv row %(row)s is incomplete",
                code="hs_checked_row_incomplete",
                params={"row": number},
            )
        rows.append(heading)
    return rows


def checked_load(path: Path = CHECKED_PATH) -> list[CheckedHeading]:
    with path.open(encoding="utf-8", newline="") as handle:
        return checked_parse(handle)


def heldout_load() -> list[CheckedHeading]:
    """The first held-out set (a development set since its first measurement)."""
    return checked_load(HELDOUT_PATH)


def heldout_2_load() -> list[CheckedHeading]:
    """The second held-out set (a development set since its first measurement)."""
    return checked_load(HELDOUT_2_PATH)


def hs_accuracy(
    checked: Sequence[CheckedHeading], suggested: Mapping[str, Sequence[str]]
) -> HSAccuracy:
    """Top-1 and top-5 at HS4 of `suggested` (product name -> subheadings, best first)."""
    top1 = top5 = 0
    misses = []
    for row in checked:
        headings = [code[:4] for code in suggested.get(row.product, ())]
        if headings[:1] == [row.hs4]:
            top1 += 1
        if row.hs4 in headings[:5]:
            top5 += 1
        else:
            misses.append(row.product)
    return HSAccuracy(size=len(checked), top1=top1, top5=top5, misses=tuple(misses))
