"""Indian trade identifiers: the DGFT Importer-Exporter Code (IEC) and the GSTIN.

Pure functions with no I/O, used by the model validators and the services.

* An IEC has been the firm's PAN since 2013 (DGFT Trade Notice): 10 characters, five letters,
  four digits, one letter (`AAPFU0939F`).
* A GSTIN is 15 characters: a two-digit State code, the PAN, an entity number (1-9, A-Z), the
  letter Z (by default), and a check character computed with the Luhn mod-36 algorithm over
  the first 14 characters (GSTN's published method).
"""

import re
from typing import Final

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IEC_PATTERN: Final = re.compile(r"^[A-Z]{5}[0-9]{4}[A-Z]$")
GSTIN_PATTERN: Final = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
GSTIN_ALPHABET: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def gstin_check_character(first_fourteen: str) -> str:
    """The check character of a GSTIN from its first 14 characters (Luhn mod 36).

    From the left, each character's value (0-9, A=10 … Z=35) is multiplied by 1 and 2 in
    turn; each product is folded (quotient + remainder by 36) and summed; the check is the
    character worth (36 − sum mod 36) mod 36.
    """
    total = 0
    for position, character in enumerate(first_fourteen.upper()):
        product = GSTIN_ALPHABET.index(character) * (2 if position % 2 else 1)
        total += product // 36 + product % 36
    return GSTIN_ALPHABET[(36 - total % 36) % 36]


def iec_is_valid(value: str) -> bool:
    """True for an IEC in the PAN format (five letters, four digits, one letter)."""
    return bool(IEC_PATTERN.match(value))


def gstin_is_valid(value: str) -> bool:
    """True for a GSTIN of the right shape whose check character is right."""
    return bool(GSTIN_PATTERN.match(value)) and gstin_check_character(value[:14]) == value[14]


def iec_validate(value: str) -> None:
    """Model-field validator: an IEC in the PAN format, in capitals (`invalid_iec`)."""
    if not iec_is_valid(value):
        raise ValidationError(
            _("An IEC is 10 characters: five letters, four digits and one letter."),
            code="invalid_iec",
        )


def gstin_validate(value: str) -> None:
    """Model-field validator: a well-formed GSTIN with a correct check character."""
    if not GSTIN_PATTERN.match(value):
        raise ValidationError(
            _("A GSTIN is 15 characters: State code, PAN, entity number, Z and a check character."),
            code="invalid_gstin",
        )
    if gstin_check_character(value[:14]) != value[14]:
        raise ValidationError(
            _("This GSTIN's check character is wrong: check it for a typing error."),
            code="gstin_check_failed",
        )
