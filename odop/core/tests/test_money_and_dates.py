"""Dates and money the Indian way (issue 12, item 8): one date format per language, rupees in
lakhs and crores, other currencies grouped in thousands."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import formats, translation

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.money import money_format
from odop.exports.models import TargetKind
from odop.exports.tests.factories import ExportPlanFactory, ExportTargetFactory


@pytest.mark.parametrize(
    ("value", "currency", "decimals", "expected"),
    [
        (Decimal("1234567.5"), "INR", 2, "₹12,34,567.50"),
        (Decimal("5000000"), "USD", 0, "US$5,000,000"),
        (Decimal("-1234.5"), "EUR", 2, "−€1,234.50"),
        (100, "AED", 0, "AED\N{NO-BREAK SPACE}100"),
        (None, "INR", 2, ""),
    ],
)
def test_money_groups_rupees_the_indian_way_and_others_in_thousands(
    value: Decimal | int | None, currency: str, decimals: int, expected: str
) -> None:
    assert money_format(value, currency=currency, decimals=decimals) == expected


def test_money_filter() -> None:
    template = Template(
        '{% load money %}{{ a|money }} {{ b|money:"USD:0" }} {{ c|grouped_international:1 }}'
    )
    rendered = template.render(Context({"a": 1234567, "b": 5000000, "c": 1234.56}))
    assert rendered == "₹12,34,567.00 US$5,000,000 1,234.6"


@pytest.mark.parametrize(("language", "expected"), [("en", "2 Dec 2026"), ("hi", "2 दिसंबर 2026")])
def test_one_date_format_per_language(language: str, expected: str) -> None:
    """Issue 12: "12/02/2026" on one page and "Dec. 2, 2026" on another; every named format
    now gives the same date, and Hindi spells the month correctly (Django says "दिसमबर")."""
    day = date(2026, 12, 2)
    with translation.override(language):
        assert {
            formats.date_format(day, name) for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT")
        } == {expected}
        assert Template("{{ day|date }}").render(Context({"day": day})) == expected


def test_typed_dates_read_day_first() -> None:
    from django import forms

    assert forms.DateField().clean("02/12/2026") == date(2026, 12, 2)


@pytest.mark.django_db
def test_a_us_dollar_target_is_grouped_in_thousands(client: Client) -> None:
    """Issue 12: a US$ 5 million target showed as "50,00,000"."""
    admin = UserFactory.create(role=Role.NATIONAL_ADMIN)
    target = ExportTargetFactory.create(
        plan=ExportPlanFactory.create(created_by=admin),
        kind=TargetKind.EXPORT_VALUE_USD,
        target_value=Decimal("5000000"),
    )
    client.force_login(admin)
    html = client.get(f"/exports/plans/{target.plan.pk}/").content.decode()
    assert "US$5,000,000" in html
    assert "50,00,000" not in html
