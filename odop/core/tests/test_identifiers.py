"""Indian identifier validators (pure; no database).

Check characters are compared with second, independent implementations written here from the
published descriptions, so a mistake in one table or weight shows up as a disagreement.
"""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from odop.core.identifiers import (
    GSTIN_ALPHABET,
    UDYAM_STATE_CODES,
    aadhaar_is_valid,
    aadhaar_last_four,
    aadhaar_last_four_validate,
    digits_normalise,
    fssai_is_valid,
    fssai_kind,
    fssai_validate,
    gstin_check_character,
    gstin_is_valid,
    gstin_validate,
    gtin_check_digit,
    gtin_is_valid,
    gtin_validate,
    hs_code_is_valid,
    hs_code_validate,
    identifier_normalise,
    iec_is_valid,
    iec_validate,
    pan_is_valid,
    pan_validate,
    pin_is_valid,
    pin_validate,
    udyam_is_valid,
    udyam_validate,
    verhoeff_check_digit,
    verhoeff_is_valid,
)

# --- Second implementations ----------------------------------------------------------------


def luhn_mod36(first_fourteen: str) -> str:
    """GSTN's check character, Luhn mod N counted from the right (rightmost payload doubled)."""
    factor, total = 2, 0
    for character in reversed(first_fourteen):
        addend = factor * GSTIN_ALPHABET.index(character)
        factor = 1 if factor == 2 else 2
        total += addend // 36 + addend % 36
    return GSTIN_ALPHABET[(36 - total % 36) % 36]


def gs1_check_digit(payload: str) -> str:
    """GS1 as its tables state it: pad to GTIN-14, weights 3,1,3,… from the *left* of 13 digits."""
    padded = payload.rjust(13, "0")
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(padded))
    return str(-total % 10)


def d5_multiply(left: int, right: int) -> int:
    """The dihedral group D5: 0-4 rotations, 5-9 reflections (Verhoeff's group), by algebra."""
    if left < 5 and right < 5:
        return (left + right) % 5
    if left < 5:
        return 5 + (left + right) % 5
    if right < 5:
        return 5 + (left - right) % 5
    return (left - right) % 5


def verhoeff_permute(times: int, digit: int) -> int:
    """Verhoeff's position permutation (1 5 7 6 2 8 3 0 9 4) applied `times` times."""
    step = (1, 5, 7, 6, 2, 8, 3, 0, 9, 4)
    for _ in range(times):
        digit = step[digit]
    return digit


def verhoeff_by_algebra(payload: str) -> str:
    check = 0
    for position, digit in enumerate(reversed(payload)):
        check = d5_multiply(check, verhoeff_permute(position + 1, int(digit)))
    inverse = next(candidate for candidate in range(10) if d5_multiply(check, candidate) == 0)
    return str(inverse)


def raised_code(validate: Callable[[str], None], value: str) -> str:
    with pytest.raises(ValidationError) as error:
        validate(value)
    return str(error.value.code)


# --- Normalisers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(" aapfu 0939f ", "AAPFU0939F"), ("27aapfu0939f1zv\n", "27AAPFU0939F1ZV"), ("", "")],
)
def test_identifier_normalise_upper_cases_and_drops_whitespace(raw: str, expected: str) -> None:
    assert identifier_normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2345 6789 0124", "234567890124"), ("0904.11", "090411"), ("110-001", "110001")],
)
def test_digits_normalise_drops_grouping_characters(raw: str, expected: str) -> None:
    assert digits_normalise(raw) == expected


# --- PAN -----------------------------------------------------------------------------------


@pytest.mark.parametrize("pan", ["AAPFU0939F", "ABCPE1234F", "AAACR5055K", "AABTG0001Z"])
def test_valid_pans(pan: str) -> None:
    assert pan_is_valid(pan)
    pan_validate(pan)


@pytest.mark.parametrize(
    ("_case", "pan"),
    [
        ("holder type D does not exist", "ABCDE1234F"),
        ("holder type Z does not exist", "ZZZZZ0000A"),
        ("lower case", "aapfu0939f"),
        ("nine characters", "AAPFU0939"),
        ("eleven characters", "AAPFU0939FF"),
        ("a digit among the letters", "AAP1U0939F"),
        ("a letter among the digits", "AAPFU09A9F"),
        ("a digit at the end", "AAPFU09391"),
        ("a trailing newline", "AAPFU0939F\n"),
        ("empty", ""),
    ],
)
def test_invalid_pans(_case: str, pan: str) -> None:
    assert not pan_is_valid(pan)
    assert raised_code(pan_validate, pan) == "invalid_pan"


# --- IEC (the exporters' module keeps its own tests too) -----------------------------------


def test_iec_accepts_the_pan_shape_without_the_holder_type_rule() -> None:
    assert iec_is_valid("AAPFU0939F")
    assert iec_is_valid("ABCDE1234Z")
    assert raised_code(iec_validate, "AAPFU0939") == "invalid_iec"


# --- GSTIN ---------------------------------------------------------------------------------


def test_commonly_cited_gstin_is_valid() -> None:
    assert luhn_mod36("27AAPFU0939F1Z") == "V"
    assert gstin_check_character("27AAPFU0939F1Z") == "V"
    assert gstin_is_valid("27AAPFU0939F1ZV")
    gstin_validate("27AAPFU0939F1ZV")


@pytest.mark.parametrize(
    "payload", ["09AAACR5055K1Z", "29ABCPE1234F2Z", "07AABTG0001Z9Z", "36AAPFU0939F1Z"]
)
def test_gstin_check_character_agrees_with_a_second_implementation(payload: str) -> None:
    check = luhn_mod36(payload)

    assert gstin_check_character(payload) == check
    assert gstin_is_valid(payload + check)


def test_every_single_character_typo_of_a_gstin_is_caught_by_its_check() -> None:
    valid = "27AAPFU0939F1ZV"
    # given every well-shaped GSTIN one substituted character away from a valid one
    typos = [
        valid[:position] + character + valid[position + 1 :]
        for position in range(14)
        for character in GSTIN_ALPHABET
        if character != valid[position]
    ]
    well_shaped = [typo for typo in typos if raised_code(gstin_validate, typo) != "invalid_gstin"]

    # then each one fails on the check character, and there were plenty of them
    assert len(well_shaped) > 100
    assert {raised_code(gstin_validate, typo) for typo in well_shaped} == {"gstin_check_failed"}


@pytest.mark.parametrize(
    "gstin", ["", "27AAPFU0939F1Z", "27AAPFU0939F1YV", "AAAPFU0939F1ZV7", "27aapfu0939f1zv"]
)
def test_malformed_gstins_are_refused(gstin: str) -> None:
    assert not gstin_is_valid(gstin)
    assert raised_code(gstin_validate, gstin) == "invalid_gstin"


# --- Udyam ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "udyam",
    [
        "UDYAM-UP-01-0001234",
        "UDYAM-MH-33-0012345",
        "UDYAM-KR-03-0093853",  # Karnataka as Udyam writes it
        "UDYAM-TS-20-0013532",
        "UDYAM-DD-01-0002992",
        "UDYAM-LA-01-0004921",
    ],
)
def test_valid_udyam_numbers(udyam: str) -> None:
    assert udyam_is_valid(udyam)
    udyam_validate(udyam)


@pytest.mark.parametrize(
    ("_case", "udyam"),
    [
        ("unknown State code", "UDYAM-XX-01-0001234"),
        ("State code QQ", "UDYAM-QQ-01-0001234"),
        ("one-digit district", "UDYAM-UP-1-0001234"),
        ("six-digit serial", "UDYAM-UP-01-001234"),
        ("eight-digit serial", "UDYAM-UP-01-00012345"),
        ("lower case", "udyam-up-01-0001234"),
        ("spaces for hyphens", "UDYAM UP 01 0001234"),
        ("Udyog Aadhaar prefix", "UDYOG-UP-01-0001234"),
        ("no prefix", "UP-01-0001234"),
        ("empty", ""),
    ],
)
def test_invalid_udyam_numbers(_case: str, udyam: str) -> None:
    assert not udyam_is_valid(udyam)
    assert raised_code(udyam_validate, udyam) == "invalid_udyam"


def test_udyam_state_codes_cover_every_state_and_ut() -> None:
    # 28 States and 8 UTs, plus the variants Udyam issues (KR, TS, DN) and former codes (OR, UA)
    assert len(UDYAM_STATE_CODES) == 41
    assert all(len(code) == 2 and code.isupper() for code in UDYAM_STATE_CODES)


# --- FSSAI ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fssai", "kind"),
    [
        ("10015042002228", "licence"),  # a central licence: State code 00
        ("11517011000165", "licence"),
        ("20818021000345", "registration"),
    ],
)
def test_valid_fssai_numbers(fssai: str, kind: str) -> None:
    assert fssai_is_valid(fssai)
    assert fssai_kind(fssai) == kind
    fssai_validate(fssai)


@pytest.mark.parametrize(
    ("_case", "fssai"),
    [
        ("first digit 3", "30015042002228"),
        ("first digit 0", "00015042002228"),
        ("thirteen digits", "1001504200222"),
        ("fifteen digits", "100150420022281"),
        ("a letter", "1001504200222A"),
        ("spaces", "10015 042002228"),
        ("empty", ""),
    ],
)
def test_invalid_fssai_numbers(_case: str, fssai: str) -> None:
    assert not fssai_is_valid(fssai)
    assert fssai_kind(fssai) is None
    assert raised_code(fssai_validate, fssai) == "invalid_fssai"


# --- GTIN ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "gtin",
    [
        "4006381333931",  # GTIN-13, the usual published example
        "8901030865275",  # GTIN-13 with India's GS1 prefix 890
        "036000291452",  # GTIN-12 (UPC-A)
        "73513537",  # GTIN-8
        "10012345678902",  # GTIN-14
    ],
)
def test_valid_gtins(gtin: str) -> None:
    assert gtin_is_valid(gtin)
    gtin_validate(gtin)


@pytest.mark.parametrize(
    "payload", ["400638133393", "890103086527", "03600029145", "7351353", "1001234567890"]
)
def test_gtin_check_digit_agrees_with_a_second_implementation(payload: str) -> None:
    assert gtin_check_digit(payload) == gs1_check_digit(payload)


def test_every_single_digit_typo_of_a_gtin_is_caught() -> None:
    valid = "8901030865275"
    typos = [
        valid[:position] + digit + valid[position + 1 :]
        for position in range(len(valid))
        for digit in "0123456789"
        if digit != valid[position]
    ]

    assert len(typos) == 13 * 9
    assert {raised_code(gtin_validate, typo) for typo in typos} == {"gtin_check_failed"}


@pytest.mark.parametrize(
    ("_case", "gtin"),
    [
        ("seven digits", "1234567"),
        ("nine digits", "123456789"),
        ("fifteen digits", "400638133393100"),
        ("a letter", "400638133393A"),
        ("spaces", "4006 381333931"),
        ("empty", ""),
    ],
)
def test_malformed_gtins_are_refused(_case: str, gtin: str) -> None:
    assert not gtin_is_valid(gtin)
    assert raised_code(gtin_validate, gtin) == "invalid_gtin"


# --- PIN code ------------------------------------------------------------------------------


@pytest.mark.parametrize("pin", ["244001", "110001", "560001", "744101", "901001"])
def test_valid_pins(pin: str) -> None:
    assert pin_is_valid(pin)
    pin_validate(pin)


@pytest.mark.parametrize(
    ("_case", "pin"),
    [
        ("starts with 0", "044001"),
        ("five digits", "24400"),
        ("seven digits", "2440011"),
        ("a letter", "24400A"),
        ("a space", "244 001"),
        ("full-width digits", "２４４００１"),
        ("a trailing newline", "244001\n"),
        ("empty", ""),
    ],
)
def test_invalid_pins(_case: str, pin: str) -> None:
    assert not pin_is_valid(pin)
    assert raised_code(pin_validate, pin) == "invalid_pin"


# --- HS code -------------------------------------------------------------------------------


@pytest.mark.parametrize("hs_code", ["09", "0904", "090411", "09041100", "50", "5007"])
def test_valid_hs_codes_keep_leading_zeros(hs_code: str) -> None:
    assert hs_code_is_valid(hs_code)
    hs_code_validate(hs_code)


@pytest.mark.parametrize(
    "hs_code", ["9", "090", "09041", "0904110", "090411001", "0904.11", "ab", ""]
)
def test_invalid_hs_codes(hs_code: str) -> None:
    assert not hs_code_is_valid(hs_code)
    assert raised_code(hs_code_validate, hs_code) == "invalid_hs_code"


# --- Aadhaar -------------------------------------------------------------------------------


def test_verhoeff_matches_the_published_example() -> None:
    # Verhoeff's usual worked example: 236 gets the check digit 3.
    assert verhoeff_check_digit("236") == "3"
    assert verhoeff_is_valid("2363")
    assert not verhoeff_is_valid("2364")


@pytest.mark.parametrize(
    "payload", ["236", "99994105705", "23456789012", "49999999999", "81234567890", "0"]
)
def test_verhoeff_tables_agree_with_the_dihedral_group(payload: str) -> None:
    assert verhoeff_check_digit(payload) == verhoeff_by_algebra(payload)


@pytest.mark.parametrize(
    ("aadhaar", "last_four"),
    [
        ("999941057058", "7058"),  # UIDAI's published sample number
        ("9999 4105 7058", "7058"),  # as printed on the card
        ("2345-6789-0124", "0124"),
        ("499999999993", "9993"),
    ],
)
def test_aadhaar_last_four_keeps_only_the_last_four_digits(aadhaar: str, last_four: str) -> None:
    assert aadhaar_last_four(aadhaar) == last_four
    assert aadhaar_is_valid(digits_normalise(aadhaar))


@pytest.mark.parametrize(
    ("_case", "aadhaar"),
    [
        ("starts with 1", "123456789012"),
        ("starts with 0", "099941057058"),
        ("eleven digits", "99994105705"),
        ("thirteen digits", "9999410570581"),
        ("a letter", "99994105705A"),
        ("empty", ""),
    ],
)
def test_malformed_aadhaar_numbers_are_refused(_case: str, aadhaar: str) -> None:
    assert not aadhaar_is_valid(aadhaar)
    assert raised_code(aadhaar_last_four, aadhaar) == "invalid_aadhaar"


def test_every_single_digit_typo_of_an_aadhaar_is_caught() -> None:
    valid = "999941057058"
    typos = [
        valid[:position] + digit + valid[position + 1 :]
        for position in range(1, len(valid))  # the first digit must stay 2-9 to be well shaped
        for digit in "0123456789"
        if digit != valid[position]
    ]

    assert len(typos) == 11 * 9
    assert {raised_code(aadhaar_last_four, typo) for typo in typos} == {"aadhaar_check_failed"}


def test_every_adjacent_transposition_of_an_aadhaar_is_caught() -> None:
    valid = "234567890124"
    swaps = [
        valid[:position] + valid[position + 1] + valid[position] + valid[position + 2 :]
        for position in range(1, len(valid) - 1)
        if valid[position] != valid[position + 1]
    ]

    assert len(swaps) == 10
    assert {raised_code(aadhaar_last_four, swap) for swap in swaps} == {"aadhaar_check_failed"}


@pytest.mark.parametrize("stored", ["7058", "0000", "0124"])
def test_stored_aadhaar_last_four_accepts_four_digits(stored: str) -> None:
    aadhaar_last_four_validate(stored)


@pytest.mark.parametrize("stored", ["705", "70588", "70a8", "999941057058", "", " 7058"])
def test_stored_aadhaar_last_four_refuses_anything_else(stored: str) -> None:
    assert raised_code(aadhaar_last_four_validate, stored) == "invalid_aadhaar_last_four"
