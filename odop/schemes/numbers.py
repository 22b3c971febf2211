"""Public application numbers: `ODOP-APP-<year>-<serial, six digits>-<Verhoeff check digit>`.

The check digit catches a mistyped digit or two swapped digits before a lookup. Pure.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from odop.core.identifiers import verhoeff_check_digit, verhoeff_is_valid

NUMBER_PATTERN = re.compile(r"^ODOP-APP-(\d{4})-(\d{6,9})-(\d)$")


def application_number(*, year: int, serial: int) -> str:
    """The number of the `serial`-th application (its id) submitted in `year`."""
    payload = f"{year:04d}{serial:06d}"
    return f"ODOP-APP-{year:04d}-{serial:06d}-{verhoeff_check_digit(payload)}"


def application_number_is_valid(value: str) -> bool:
    match = NUMBER_PATTERN.fullmatch(value)
    if match is None:
        return False
    year, serial, check = match.groups()
    return verhoeff_is_valid(year + serial + check)


def application_number_validate(value: str) -> None:
    if not application_number_is_valid(value):
        raise ValidationError(
            _("An application number looks like ODOP-APP-2026-000123-4; check the digits."),
            code="invalid_application_number",
        )
