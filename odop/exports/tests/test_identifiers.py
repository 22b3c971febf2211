"""IEC and GSTIN validation (pure; no database)."""

import pytest
from django.core.exceptions import ValidationError

from odop.core.identifiers import (
    GSTIN_ALPHABET,
    gstin_check_character,
    gstin_is_valid,
    gstin_validate,
    iec_is_valid,
    iec_validate,
)


def luhn_mod36(first_fourteen: str) -> str:
    """The GSTN check character, written out independently of the implementation."""
    factor, total = 2, 0
    # Luhn mod N from the right: the rightmost payload character is doubled.
    for character in reversed(first_fourteen):
        addend = factor * GSTIN_ALPHABET.index(character)
        factor = 1 if factor == 2 else 2
        total += addend // 36 + addend % 36
    return GSTIN_ALPHABET[(36 - total % 36) % 36]


@pytest.mark.parametrize("iec", ["AAPFU0939F", "ABCDE1234Z", "ZZZZZ0000A"])
def test_valid_iecs(iec: str) -> None:
    assert iec_is_valid(iec)
    iec_validate(iec)


@pytest.mark.parametrize(
    "iec", ["", "AAPFU0939", "AAPFU0939FF", "aapfu0939f", "1234567890", "AAPF10939F", "AAPFU09391"]
)
def test_invalid_iecs(iec: str) -> None:
    assert not iec_is_valid(iec)
    with pytest.raises(ValidationError) as error:
        iec_validate(iec)
    assert error.value.code == "invalid_iec"


def test_commonly_cited_gstin_is_valid() -> None:
    assert gstin_check_character("27AAPFU0939F1Z") == "V"
    assert gstin_is_valid("27AAPFU0939F1ZV")
    gstin_validate("27AAPFU0939F1ZV")


@pytest.mark.parametrize("payload", ["27AAPFU0939F1Z", "09ABCDE1234F1Z", "33ZZZZZ9999Z2Z"])
def test_check_character_matches_the_algorithm(payload: str) -> None:
    check = luhn_mod36(payload)
    assert gstin_check_character(payload) == check
    assert gstin_is_valid(payload + check)


def test_wrong_check_character_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        gstin_validate("27AAPFU0939F1ZW")
    assert error.value.code == "gstin_check_failed"


@pytest.mark.parametrize(
    "gstin", ["", "27AAPFU0939F1Z", "27AAPFU0939F1YV", "AAAPFU0939F1ZV7", "27aapfu0939f1zv"]
)
def test_malformed_gstins_are_refused(gstin: str) -> None:
    assert not gstin_is_valid(gstin)
    with pytest.raises(ValidationError) as error:
        gstin_validate(gstin)
    assert error.value.code == "invalid_gstin"
