"""Amounts of money as the pages print them (issue 12): rupees grouped the Indian way
(₹12,34,567.00: three digits, then twos), every other currency grouped in thousands
(US$5,000,000), as its own market writes it; US-dollar targets printed "50,00,000" read as
fifty lakh dollars to no one. Pure: no ORM, no request."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import numberformat

INDIAN_GROUPING = (3, 2, 0)
INTERNATIONAL_GROUPING = 3
SYMBOLS = {"INR": "₹", "USD": "US$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def number_grouped(value: Decimal | float | int, *, decimals: int, indian: bool) -> str:
    """`value` rounded (half up) to `decimals` places, grouped the Indian way or in thousands.
    Django's numberformat cuts digits off, so the rounding is done here first."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return numberformat.format(
        rounded,
        decimal_sep=".",
        decimal_pos=decimals,
        grouping=INDIAN_GROUPING if indian else INTERNATIONAL_GROUPING,
        thousand_sep=",",
        force_grouping=True,
    )


def money_format(value: Decimal | float | int | str | None, *, currency: str, decimals: int) -> str:
    """`value` in `currency` (ISO 4217) with its symbol, or the code and a space for a currency
    without one; "" for no value. A minus sign goes before the symbol."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    code = currency.upper()
    digits = number_grouped(abs(amount), decimals=decimals, indian=code == "INR")
    symbol = SYMBOLS.get(code, f"{code}\N{NO-BREAK SPACE}")
    sign = "−" if amount < 0 and Decimal(digits.replace(",", "")) != 0 else ""
    return f"{sign}{symbol}{digits}"
