"""The location quotient: exact Decimals, and no figure rather than a division by zero.
Pure: no database (issue #3)."""

from decimal import Decimal

import pytest

from odop.evidence.indicators import employment_location_quotient, location_quotient

D = Decimal


@pytest.mark.parametrize(
    ("_case", "figures", "expected"),
    [
        ("half the district's output, 1% of the nation's", (D(50), D(100), D(10), D(1000)), D(50)),
        ("exactly as specialised as the country", (D(1), D(100), D(10), D(1000)), D(1)),
        ("less specialised than the country", (D(1), D(100), D(20), D(1000)), D("0.5")),
        ("decimal tonnes", (D("12.5"), D(50), D(100), D(1000)), D("2.5")),
        ("the district makes none of it", (D(0), D(100), D(10), D(1000)), D(0)),
        ("a district that is the whole country", (D(30), D(30), D(30), D(30)), D(1)),
        ("a repeating quotient at 28 digits", (D(1), D(3), D(1), D(1)), D(1) / D(3)),
    ],
)
def test_location_quotient(_case: str, figures: tuple[Decimal, ...], expected: Decimal) -> None:
    assert location_quotient(*figures) == expected


@pytest.mark.parametrize(
    ("_case", "figures"),
    [
        ("the district reports no total", (D(0), D(0), D(10), D(1000))),
        ("nobody in the country makes it", (D(0), D(100), D(0), D(1000))),
        ("the country reports no total", (D(0), D(100), D(0), D(0))),
    ],
)
def test_location_quotient_is_none_when_a_denominator_is_zero(
    _case: str, figures: tuple[Decimal, ...]
) -> None:
    assert location_quotient(*figures) is None


def test_location_quotient_refuses_negative_figures() -> None:
    with pytest.raises(ValueError):
        location_quotient(D(-1), D(100), D(10), D(1000))


def test_employment_location_quotient_is_the_same_formula_over_workers() -> None:
    assert employment_location_quotient(
        local_workers=15,
        local_workers_total=40,
        national_workers=30,
        national_workers_total=1000,
    ) == D("12.5")
    assert (
        employment_location_quotient(
            local_workers=0, local_workers_total=0, national_workers=5, national_workers_total=9
        )
        is None
    )
