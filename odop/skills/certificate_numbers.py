"""Certificate numbers: `SK-<year>-<10 random base32 characters>-<check character>`.

Ten characters of Crockford's base32 give 32¹⁰ ≈ 1.1 × 10¹⁵ numbers a year, so counting
through them finds nothing; the check character (Luhn mod 32) catches a mistyped character
or two swapped neighbours before any lookup. Pure module: no ORM, no I/O.
"""

import re
import secrets
from typing import Final

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
PREFIX: Final = "SK"
RANDOM_LENGTH: Final = 10
NUMBER_MAX_LENGTH: Final = 24
_SHAPE: Final = re.compile(
    rf"^{PREFIX}-(\d{{4}})-([{ALPHABET}]{{{RANDOM_LENGTH}}})-([{ALPHABET}])$"
)
# Crockford's reading of look-alike characters.
_READS_AS: Final = str.maketrans({"I": "1", "L": "1", "O": "0"})


def check_character(payload: str) -> str:
    """The Luhn mod 32 check character of `payload` (digits and base32 characters)."""
    total = 0
    factor = 2
    for character in reversed(payload):
        addend = factor * ALPHABET.index(character)
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return ALPHABET[(32 - total % 32) % 32]


def certificate_number_new(year: int, *, random_part: str | None = None) -> str:
    """A fresh certificate number for `year` (the random part from `secrets`)."""
    body = random_part or "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{PREFIX}-{year:04d}-{body}-{check_character(f'{year:04d}{body}')}"


def certificate_number_normalise(value: str) -> str:
    """Upper case, spaces dropped and look-alike letters read as digits (`o` → 0, `l` → 1)."""
    cleaned = value.strip().upper().replace(" ", "")
    if cleaned.startswith(PREFIX):
        return PREFIX + cleaned[len(PREFIX) :].translate(_READS_AS)
    return cleaned.translate(_READS_AS)


def certificate_number_is_valid(value: str) -> bool:
    """True when `value` (normalised) has the shape and its check character is right."""
    match = _SHAPE.match(certificate_number_normalise(value))
    if match is None:
        return False
    year, body, check = match.groups()
    return check_character(f"{year}{body}") == check


def certificate_number_validate(value: str) -> None:
    """Raise a `ValidationError` (code `invalid_certificate_number`) unless valid."""
    if not certificate_number_is_valid(value):
        raise ValidationError(
            _("This is not a certificate number."), code="invalid_certificate_number"
        )
