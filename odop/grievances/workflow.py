"""The life of a grievance, written down as data, and the pure rules of routing and deadlines.

Only `odop.grievances.services` changes a grievance's status, refuses any move not listed
here, and writes a `GrievanceEvent` with each move. No ORM here.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Final

from odop.grievances.models import GrievanceStatus as S
from odop.grievances.models import Level

TRANSITIONS: Final[Mapping[S, frozenset[S]]] = {
    S.OPEN: frozenset({S.ANSWERED}),  # interim replies and escalations keep it open
    S.ANSWERED: frozenset({S.CLOSED, S.APPEALED}),  # rated good or fair / rated poor
    S.APPEALED: frozenset({S.CLOSED}),  # the appeal ends with a final reply
    S.CLOSED: frozenset(),
}

# Waiting for an officer's reply: these escalate when overdue and sit in officers' queues.
WAITING_STATUSES: Final = frozenset({S.OPEN, S.APPEALED})

LEVELS: Final[tuple[Level, ...]] = (Level.DISTRICT, Level.STATE, Level.NATIONAL)


def level_above(level: str) -> Level | None:
    """The next level up (district → State → national); None above national."""
    position = LEVELS.index(Level(level))
    return LEVELS[position + 1] if position + 1 < len(LEVELS) else None


def level_route(start: str, *, has_officers: Callable[[Level], bool]) -> Level:
    """The first level from `start` upward that has an officer to answer; national at last
    (national admins answer what nobody below can)."""
    level: Level | None = Level(start)
    while level is not None and level != Level.NATIONAL:
        if has_officers(level):
            return level
        level = level_above(level)
    return Level.NATIONAL


def due_date(*, start: dt.date, days: int) -> dt.date:
    """`days` calendar days after `start` (CPGRAMS counts calendar days, not working days)."""
    return start + dt.timedelta(days=days)


def is_overdue(*, reply_due_by: dt.date, today: dt.date) -> bool:
    """Overdue from the day after the reply was due."""
    return today > reply_due_by
