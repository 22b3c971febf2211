"""Periods: the three spellings, their days, order and the same period a year earlier."""

from datetime import date

import pytest

from odop.outcomes.periods import Period, PeriodKind, period_parse, periods_sorted


@pytest.mark.parametrize(
    ("text", "canonical", "start", "end"),
    [
        ("2026-04", "2026-04", date(2026, 4, 1), date(2026, 4, 30)),
        ("2024-2", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-Q2", "2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026q4", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("FY2026-27", "FY2026-27", date(2026, 4, 1), date(2027, 3, 31)),
        ("fy 2026-2027", "FY2026-27", date(2026, 4, 1), date(2027, 3, 31)),
        ("FY2099-00", "FY2099-00", date(2099, 4, 1), date(2100, 3, 31)),
    ],
)
def test_each_spelling_parses_to_its_days(text: str, canonical: str, start: date, end: date):
    period = period_parse(text)
    assert (period.text, period.start, period.end) == (canonical, start, end)
    assert period_parse(period.text) == period


@pytest.mark.parametrize(
    "text", ["", "2026-13", "2026-00", "2026-Q5", "FY2026-28", "FY2026", "April 2026", "1999-01"]
)
def test_anything_else_is_refused(text: str):
    with pytest.raises(ValueError):
        period_parse(text)


def test_the_same_period_a_year_earlier():
    assert period_parse("2026-04").year_earlier().text == "2025-04"
    assert period_parse("2026-Q2").year_earlier().text == "2025-Q2"
    assert period_parse("FY2026-27").year_earlier().text == "FY2025-26"


def test_order_is_by_start_then_length():
    texts = ["FY2026-27", "2026-05", "2026-Q2", "2026-04", "2025-Q4"]
    ordered = periods_sorted([period_parse(text) for text in texts])
    assert [p.text for p in ordered] == ["2025-Q4", "2026-04", "2026-Q2", "FY2026-27", "2026-05"]
    assert Period(PeriodKind.MONTH, 2026, 4) < Period(PeriodKind.MONTH, 2026, 5)
    assert period_parse("2026-Q2").contains(date(2026, 6, 30))
    assert not period_parse("2026-Q2").contains(date(2026, 7, 1))
