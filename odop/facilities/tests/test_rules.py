"""The pure arithmetic of bookings and utilisation (no database)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from odop.facilities import rules
from odop.facilities.charts import Point, line_chart_svg

IST = ZoneInfo("Asia/Kolkata")
WEEK = {day: (dt.time(9), dt.time(18)) for day in range(5)}
MONDAY = dt.datetime(2026, 12, 7, tzinfo=IST)


@pytest.mark.parametrize(
    ("minutes", "rate", "charge"),
    [
        (120, "250.00", "500.00"),
        (90, "333.33", "500.00"),  # 499.995 rounds half-up to the paisa
        (1, "100.00", "1.67"),
        (45, "0.00", "0.00"),
    ],
)
def test_booking_charge_is_hours_times_rate_half_up(minutes: int, rate: str, charge: str) -> None:
    start = MONDAY.replace(hour=10)
    end = start + dt.timedelta(minutes=minutes)
    assert rules.booking_charge(start=start, end=end, hourly_rate=Decimal(rate)) == Decimal(charge)


@pytest.mark.parametrize(
    ("start", "end", "inside"),
    [
        ((9, 0), (18, 0), True),
        ((8, 59), (10, 0), False),
        ((17, 0), (18, 1), False),
        ((12, 0), (12, 30), True),
    ],
)
def test_within_opening_hours_on_an_open_day(
    start: tuple[int, int], end: tuple[int, int], inside: bool
) -> None:
    assert (
        rules.within_opening_hours(
            start=MONDAY.replace(hour=start[0], minute=start[1]),
            end=MONDAY.replace(hour=end[0], minute=end[1]),
            week=WEEK,
            zone=IST,
        )
        is inside
    )


def test_a_closed_day_and_a_range_over_midnight_are_outside() -> None:
    saturday = MONDAY + dt.timedelta(days=5)
    assert not rules.within_opening_hours(
        start=saturday.replace(hour=10), end=saturday.replace(hour=11), week=WEEK, zone=IST
    )
    all_day = {day: (dt.time(0), dt.time(23, 59)) for day in range(7)}
    assert not rules.within_opening_hours(
        start=MONDAY.replace(hour=23),
        end=MONDAY.replace(hour=23) + dt.timedelta(hours=2),
        week=all_day,
        zone=IST,
    )


def test_opening_hours_are_read_in_the_centre_zone_whatever_the_offset_given() -> None:
    # 03:30 UTC is 09:00 in India
    start = dt.datetime(2026, 12, 7, 3, 30, tzinfo=dt.UTC)
    assert rules.within_opening_hours(
        start=start, end=start + dt.timedelta(hours=1), week=WEEK, zone=IST
    )


def test_adjacent_ranges_do_not_overlap() -> None:
    ten, twelve, two = (MONDAY.replace(hour=h) for h in (10, 12, 14))
    assert not rules.ranges_overlap((ten, twelve), (twelve, two))
    assert rules.ranges_overlap((ten, twelve), (ten.replace(hour=11), two))


@pytest.mark.parametrize(
    ("year", "month", "hours"), [(2026, 2, 672), (2028, 2, 696), (2026, 12, 744), (2026, 4, 720)]
)
def test_hours_in_month(year: int, month: int, hours: int) -> None:
    assert rules.hours_in_month(year, month) == Decimal(hours)


def test_open_hours_and_capacity_used() -> None:
    # December 2026 has 23 weekdays: 23 x 9 = 207 open hours
    open_hours = rules.open_hours_in_month(2026, 12, WEEK)
    assert open_hours == Decimal(207)
    assert rules.capacity_used(
        hours_used=Decimal("207"), machines=2, open_hours=open_hours
    ) == Decimal("50.0")
    assert rules.capacity_used(
        hours_used=Decimal("900"), machines=2, open_hours=open_hours
    ) == Decimal("100.0")
    assert rules.capacity_used(hours_used=Decimal(5), machines=0, open_hours=open_hours) == 0


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (dt.date(2026, 12, 10), None),
        (dt.date(2026, 12, 11), (2026, 11)),
        (dt.date(2027, 1, 20), (2026, 12)),
    ],
)
def test_report_overdue_after_the_due_day(today: dt.date, overdue: tuple[int, int] | None) -> None:
    assert rules.report_overdue_month(today) == overdue


def test_chart_has_title_description_and_escapes_text() -> None:
    svg = line_chart_svg(
        chart_id="c",
        title="Income <script>",
        description="by month",
        points=[Point("2026-10", Decimal(10)), Point("2026-11", Decimal(20))],
    )
    assert '<title id="c-title">Income &lt;script&gt;</title>' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert svg.count("<circle") == 2
    assert "<script>" not in svg
