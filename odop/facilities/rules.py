"""The arithmetic of bookings and utilisation: hours, charges, opening hours, months.

Pure module: no ORM and no I/O, so the rules are unit-tested without a database.
"""

import calendar
import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

# A producer may cancel their own booking until this many hours before it starts; later, only
# the centre's operator can (the slot could no longer be offered to anyone else).
CANCEL_NOTICE_HOURS: Final = 24
# A month's report is due by this day of the next month; after it, the report is overdue.
REPORT_DUE_DAY: Final = 10
PAISA: Final = Decimal("0.01")
TENTH: Final = Decimal("0.1")

type WeekHours = Mapping[int, tuple[dt.time, dt.time]]


def hours_between(start: dt.datetime, end: dt.datetime) -> Decimal:
    """The length of [start, end) in hours, exact to the second."""
    return Decimal(int((end - start).total_seconds())) / Decimal(3600)


def booking_charge(*, start: dt.datetime, end: dt.datetime, hourly_rate: Decimal) -> Decimal:
    """Hours x hourly rate, rounded half-up to the paisa."""
    return (hours_between(start, end) * hourly_rate).quantize(PAISA, rounding=ROUND_HALF_UP)


def within_opening_hours(
    *, start: dt.datetime, end: dt.datetime, week: WeekHours, zone: dt.tzinfo
) -> bool:
    """Whether [start, end) lies inside one day's opening hours of the centre, in the centre's
    time zone. A range that crosses midnight or a closed weekday is outside."""
    local_start = start.astimezone(zone)
    local_end = end.astimezone(zone)
    hours = week.get(local_start.weekday())
    if hours is None:
        return False
    opens, closes = hours
    same_day = local_start.date() == local_end.date() or (
        local_end.time() == dt.time(0) and local_end.date() == local_start.date() + dt.timedelta(1)
    )
    end_time = dt.time(23, 59, 59, 999999) if local_end.time() == dt.time(0) else local_end.time()
    return same_day and opens <= local_start.time() and end_time <= closes


def ranges_overlap(
    first: tuple[dt.datetime, dt.datetime], second: tuple[dt.datetime, dt.datetime]
) -> bool:
    """Whether two half-open ranges share an instant (adjacent ranges do not)."""
    return first[0] < second[1] and second[0] < first[1]


def hours_in_month(year: int, month: int) -> Decimal:
    """The hours of a calendar month (672 to 744)."""
    return Decimal(calendar.monthrange(year, month)[1] * 24)


def open_hours_in_month(year: int, month: int, week: WeekHours) -> Decimal:
    """The hours a centre with these weekly hours is open in a month."""
    total = Decimal(0)
    for day in range(1, calendar.monthrange(year, month)[1] + 1):
        hours = week.get(dt.date(year, month, day).weekday())
        if hours is not None:
            opens, closes = hours
            span = dt.datetime.combine(dt.date.min, closes) - dt.datetime.combine(
                dt.date.min, opens
            )
            total += Decimal(int(span.total_seconds())) / Decimal(3600)
    return total


def capacity_used(*, hours_used: Decimal, machines: int, open_hours: Decimal) -> Decimal:
    """Machine hours used as a percentage of the machine hours open (0-100, one decimal).

    Hours beyond opening time (overtime) count as full use, never above 100 %."""
    available = open_hours * machines
    if available <= 0:
        return Decimal("0.0")
    share = min(hours_used / available * 100, Decimal(100))
    return share.quantize(TENTH, rounding=ROUND_HALF_UP)


def month_previous(today: dt.date) -> tuple[int, int]:
    """(year, month) of the month before `today`'s."""
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


def report_overdue_month(today: dt.date) -> tuple[int, int] | None:
    """The month whose report is overdue on `today`: the previous month once its due day has
    passed, else None (nothing can be overdue before the due day)."""
    if today.day <= REPORT_DUE_DAY:
        return None
    return month_previous(today)
