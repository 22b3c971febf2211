"""The ranges every number, date and text the platform accepts must lie in (issue #10).

One place for the limits, so that the model (validators), the form, the serializer and the
database (a named `CheckConstraint`) agree. The limits are sized for the largest legal value
of the programme, not for what a column type happens to hold:

- a quantity in one order, quote, inquiry or consignment: at most 10 lakh units;
- a listing's stock and monthly capacity: at most 1 crore units (fits a PostgreSQL `integer`);
- a unit price: ₹0.01 to ₹99,99,999.99 (just under ₹1 crore: seven whole digits, so an API
  client's decimal-string pattern states the limit exactly);
- a money total (price × quantity): under ₹1 crore × 10 lakh = ₹10¹³, so totals are
  `DecimalField(max_digits=16, decimal_places=2)` and can never overflow their column;
- a lead time: 0 to 365 days;
- a calendar date: 1950-01-01 to 2100-12-31 (no record of this programme predates 1950);
- an id typed by a user: 1 to 2⁶³ − 1 (the largest `BigAutoField`);
- free text: a note 2,000 characters, a message 5,000, a story or description 20,000.

Pure module: constants and small factories, no ORM queries.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

QUANTITY_MAX = 1_000_000
STOCK_MAX = 10_000_000
PRICE_MIN = Decimal("0.01")
PRICE_MAX = Decimal("9999999.99")
MONEY_MAX = PRICE_MAX * QUANTITY_MAX
MONEY_DIGITS = 16  # 14 digits of rupees + 2 of paise holds MONEY_MAX
LEAD_TIME_DAYS_MAX = 365
DATE_MIN = date(1950, 1, 1)
DATE_MAX = date(2100, 12, 31)
YEAR_MIN = DATE_MIN.year
YEAR_MAX = DATE_MAX.year
ID_MAX = 2**63 - 1
LGD_CODE_MAX = 999_999
COUNT_MAX = 100_000_000  # people or units counted in a district statistic
NOTE_MAX = 2_000
MESSAGE_MAX = 5_000
STORY_MAX = 20_000


def range_validators(minimum: Any, maximum: Any) -> list[Any]:
    """Validators for a number or date between `minimum` and `maximum` (inclusive)."""
    return [MinValueValidator(minimum), MaxValueValidator(maximum)]


def text_validators(maximum: int) -> list[Any]:
    """Validators for a free-text field of at most `maximum` characters."""
    return [MaxLengthValidator(maximum)]


def range_constraint(
    field: str, minimum: Any, maximum: Any, *, name: str, nullable: bool = False
) -> models.CheckConstraint:
    """A named database check that `field` lies in [minimum, maximum] (or is null)."""
    condition = Q(**{f"{field}__gte": minimum, f"{field}__lte": maximum})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(
        condition=condition,
        name=name,
        violation_error_code="out_of_range",
        violation_error_message=f"{field} must be between {minimum} and {maximum}.",
    )


def text_constraint(field: str, maximum: int, *, name: str) -> models.CheckConstraint:
    """A named database check that the text in `field` has at most `maximum` characters."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), maximum),
        name=name,
        violation_error_code="too_long",
        violation_error_message=f"{field} must have at most {maximum} characters.",
    )
