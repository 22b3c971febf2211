"""Reporting periods of outcome returns: a month, a calendar quarter or a financial year.

Pure logic (no ORM). Three spellings, one each:

- ``2026-04``    the month of April 2026;
- ``2026-Q2``    the calendar quarter April–June 2026;
- ``FY2026-27``  the Indian financial year, 1 April 2026 to 31 March 2027.

`period_parse` accepts nothing else (a ValueError says why); `Period.text` gives the canonical
spelling back, so a period read from a file and one typed in a filter compare equal.
`Period.year_earlier` is the period a change is measured against.
"""

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

YEAR_MIN = 2000
YEAR_MAX = 2099

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"^FY\s?(\d{4})-(\d{2}|\d{4})$", re.IGNORECASE)


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "fy"


@dataclass(frozen=True, order=False)
class Period:
    """One reporting period; `number` is the month (1-12), quarter (1-4) or 0 for a year."""

    kind: PeriodKind
    year: int
    number: int = 0

    def __post_init__(self) -> None:
        if not YEAR_MIN <= self.year <= YEAR_MAX:
            raise ValueError(f"year {self.year} is outside {YEAR_MIN}-{YEAR_MAX}")
        limits = {PeriodKind.MONTH: (1, 12), PeriodKind.QUARTER: (1, 4)}
        low, high = limits.get(self.kind, (0, 0))
        if not low <= self.number <= high:
            raise ValueError(f"{self.number} is not a valid {self.kind} number")

    @property
    def text(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year:04d}-Q{self.number}"
        return f"FY{self.year:04d}-{(self.year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.text

    @property
    def start(self) -> date:
        if self.kind == PeriodKind.MONTH:
            return date(self.year, self.number, 1)
        if self.kind == PeriodKind.QUARTER:
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 4, 1)

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        if self.kind == PeriodKind.MONTH:
            return date(self.year, self.number, monthrange(self.year, self.number)[1])
        if self.kind == PeriodKind.QUARTER:
            month = 3 * self.number
            return date(self.year, month, monthrange(self.year, month)[1])
        return date(self.year + 1, 3, 31)

    @property
    def sort_key(self) -> tuple[date, date]:
        """Earlier start first; at one start, the shorter period first."""
        return (self.start, self.end)

    def __lt__(self, other: "Period") -> bool:
        return self.sort_key < other.sort_key

    def year_earlier(self) -> "Period":
        """The same period one year before (the baseline of a change)."""
        return Period(self.kind, self.year - 1, self.number)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_parse(value: object) -> Period:
    """The period `value` spells (see the module's docstring), or ValueError."""
    text = str(value if value is not None else "").strip().replace(" ", "")
    if not text:
        raise ValueError("no period given")
    if match := _MONTH.match(text):
        return Period(PeriodKind.MONTH, int(match[1]), int(match[2]))
    if match := _QUARTER.match(text):
        return Period(PeriodKind.QUARTER, int(match[1]), int(match[2]))
    if match := _FINANCIAL_YEAR.match(text):
        start = int(match[1])
        end = int(match[2])
        if end != (start + 1) % (100 if end < 100 else 10_000):
            raise ValueError(f"{text}: a financial year runs from one year to the next")
        return Period(PeriodKind.FINANCIAL_YEAR, start)
    raise ValueError(f"{text} is not a period: write 2026-04, 2026-Q2 or FY2026-27")


def periods_sorted(periods: list[Period]) -> list[Period]:
    return sorted(periods, key=lambda period: period.sort_key)
