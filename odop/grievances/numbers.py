"""Public grievance numbers: `GRV`, the filing year, a running number and a Verhoeff check digit.

Pure functions with no ORM. The number is printed on receipts and typed into the public
tracking page, so a typing error must be caught before any lookup: the check digit
(`odop.core.identifiers.verhoeff_check_digit`, the one Aadhaar uses) catches every single-digit
error and every swap of two adjacent digits.
"""

import re
from typing import Final

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from odop.core.identifiers import identifier_normalise, verhoeff_check_digit, verhoeff_is_valid

PREFIX: Final = "GRV"
SEQUENCE_DIGITS: Final = 7
NUMBER_MAX_LENGTH: Final = 24
NUMBER_PATTERN: Final = re.compile(r"^GRV[0-9]{4}[0-9]{7,15}[0-9]$")


def grievance_number(*, year: int, sequence: int) -> str:
    """The public number of the `sequence`-th grievance, filed in `year`: GRV2026 0000017 4."""
    digits = f"{year:04d}{sequence:0{SEQUENCE_DIGITS}d}"
    return f"{PREFIX}{digits}{verhoeff_check_digit(digits)}"


def grievance_number_normalise(value: str) -> str:
    """Upper case without spaces or hyphens ("grv-2026-0000017-4" as people copy it)."""
    return identifier_normalise(value).replace("-", "")


def grievance_number_is_valid(value: str) -> bool:
    """True for a number of the right shape (normalised) whose check digit is right."""
    return bool(NUMBER_PATTERN.fullmatch(value)) and verhoeff_is_valid(value[len(PREFIX) :])


def grievance_number_validate(value: str) -> None:
    """Validator: the shape (`invalid_grievance_number`), then the check digit
    (`grievance_number_check_failed`)."""
    if not NUMBER_PATTERN.fullmatch(value):
        raise ValidationError(
            _("A grievance number looks like GRV202600000174: GRV, the year and digits."),
            code="invalid_grievance_number",
        )
    if not verhoeff_is_valid(value[len(PREFIX) :]):
        raise ValidationError(
            _("This grievance number's check digit is wrong: check it for a typing error."),
            code="grievance_number_check_failed",
        )
