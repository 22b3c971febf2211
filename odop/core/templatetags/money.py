"""`{{ amount|money }}` (rupees, two decimals), `{{ amount|money:"USD:0" }}` (a currency and
the decimals), and `{{ figure|grouped_international:1 }}` for a figure the sentence already
names the currency of ("US$ {{ untapped }} m"). See odop/core/money.py (issue 12)."""

from decimal import Decimal

from django import template

from odop.core.money import money_format, number_grouped

register = template.Library()


@register.filter
def money(value: Decimal | float | int | str | None, spec: str = "INR") -> str:
    """`value` with its currency's symbol and grouping; `spec` is "CUR" or "CUR:decimals"."""
    currency, _colon, decimals = spec.partition(":")
    return money_format(value, currency=currency or "INR", decimals=int(decimals or 2))


@register.filter
def grouped_international(value: Decimal | float | int | None, decimals: int = 0) -> str:
    """A figure in a foreign currency, grouped in thousands (5,000,000.0)."""
    if value is None or value == "":
        return ""
    return number_grouped(value, decimals=int(decimals), indian=False)
