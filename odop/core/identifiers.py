"""Indian trade and business identifiers: shape checks, check characters and Django validators.

Pure functions with no ORM and no I/O, shared by every app (exporters, sellers, producer
organisations), so that one identifier is checked the same way everywhere.

For each identifier there is:

* `<id>_is_valid(value) -> bool`, a pure test of the *canonical* form (upper case, no spaces);
  callers normalise first with `identifier_normalise` or `digits_normalise`, as services do
  before `full_clean()`;
* `<id>_validate(value) -> None`, a model/form validator raising
  `ValidationError(code="invalid_<id>")`, and a separate `<id>_check_failed` code when the shape
  is right but the check character is not (a typing error the user can find and fix).

A shape check says a value *could* be an identifier, not that it was issued: only the issuing
registry (GSTN, DGFT, Udyam, FoSCoS, UIDAI) can say that.
"""

import re
from typing import Final

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# ── Normalisers ──────────────────────────────────────────────────────────────────────────────

_WHITESPACE: Final = re.compile(r"\s+")
_DIGIT_SEPARATORS: Final = re.compile(r"[\s.\-]+")


def identifier_normalise(value: str) -> str:
    """Upper case without whitespace: how people type a PAN or GSTIN ("aapfu 0939f")."""
    return _WHITESPACE.sub("", value).upper()


def digits_normalise(value: str) -> str:
    """A number without the spaces, dots and hyphens people group digits with.

    "2345 6789 0123" (Aadhaar as printed), "0101.21" (HS), "110 001" (PIN). Letters are kept,
    so a value with letters still fails the digit checks rather than being silently repaired.
    """
    return _DIGIT_SEPARATORS.sub("", value)


# ── PAN and IEC ──────────────────────────────────────────────────────────────────────────────

# The fourth letter of a PAN says who holds it (Income Tax Department's PAN structure).
PAN_HOLDER_TYPES: Final = {
    "C": "Company",
    "P": "Person (individual)",
    "H": "Hindu Undivided Family",
    "F": "Firm (including LLP)",
    "A": "Association of Persons",
    "T": "Trust",
    "B": "Body of Individuals",
    "L": "Local authority",
    "J": "Artificial juridical person",
    "G": "Government",
}

PAN_PATTERN: Final = re.compile(r"^[A-Z]{3}[CPHFATBLJG][A-Z][0-9]{4}[A-Z]$")
IEC_PATTERN: Final = re.compile(r"^[A-Z]{5}[0-9]{4}[A-Z]$")


def pan_is_valid(value: str) -> bool:
    """True for a PAN: five letters (the fourth a known holder type), four digits, one letter.

    The last letter is described as a check letter, but its algorithm is not published, so it is
    not checked here.
    """
    return bool(PAN_PATTERN.fullmatch(value))


def pan_validate(value: str) -> None:
    """Model/form validator: a PAN in capitals with a known holder type (`invalid_pan`)."""
    if not pan_is_valid(value):
        raise ValidationError(
            _(
                "A PAN is 10 characters, like ABCPE1234F: five letters, four digits and a "
                "letter. The fourth letter is the holder type (C, P, H, F, A, T, B, L, J or G)."
            ),
            code="invalid_pan",
        )


def iec_is_valid(value: str) -> bool:
    """True for an IEC in the PAN format (five letters, four digits, one letter).

    An IEC has been the firm's PAN since 2013 (DGFT Trade Notice), but the holder-type letter is
    deliberately not checked: IECs issued before then are still on record and the check was
    never part of the exporters' module (tests in `exports/tests/test_identifiers.py`).
    """
    return bool(IEC_PATTERN.fullmatch(value))


def iec_validate(value: str) -> None:
    """Model/form validator: an IEC in the PAN format, in capitals (`invalid_iec`)."""
    if not iec_is_valid(value):
        raise ValidationError(
            _("An IEC is 10 characters: five letters, four digits and one letter."),
            code="invalid_iec",
        )


# ── GSTIN ────────────────────────────────────────────────────────────────────────────────────

GSTIN_PATTERN: Final = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
GSTIN_ALPHABET: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def gstin_check_character(first_fourteen: str) -> str:
    """The check character of a GSTIN from its first 14 characters (Luhn mod 36, GSTN's method).

    From the left, each character's value (0-9, A=10 … Z=35) is multiplied by 1 and 2 in
    turn; each product is folded (quotient + remainder by 36) and summed; the check is the
    character worth (36 − sum mod 36) mod 36.
    """
    total = 0
    for position, character in enumerate(first_fourteen.upper()):
        product = GSTIN_ALPHABET.index(character) * (2 if position % 2 else 1)
        total += product // 36 + product % 36
    return GSTIN_ALPHABET[(36 - total % 36) % 36]


def gstin_is_valid(value: str) -> bool:
    """True for a GSTIN of the right shape whose check character is right.

    Shape: a two-digit State code, the holder's PAN, an entity number (1-9, A-Z), the letter Z
    (by default) and the check character.
    """
    return bool(GSTIN_PATTERN.fullmatch(value)) and gstin_check_character(value[:14]) == value[14]


def gstin_validate(value: str) -> None:
    """Model/form validator: a well-formed GSTIN (`invalid_gstin`) with a correct check
    character (`gstin_check_failed`)."""
    if not GSTIN_PATTERN.fullmatch(value):
        raise ValidationError(
            _("A GSTIN is 15 characters: State code, PAN, entity number, Z and a check character."),
            code="invalid_gstin",
        )
    if gstin_check_character(value[:14]) != value[14]:
        raise ValidationError(
            _("This GSTIN's check character is wrong: check it for a typing error."),
            code="gstin_check_failed",
        )


# ── Udyam registration number ────────────────────────────────────────────────────────────────

# State/UT codes in Udyam numbers. The Udyam portal publishes no list; the numbers it issues use
# the two-letter vehicle-registration codes (Central Motor Vehicles Rules), with variants seen on
# issued certificates, all accepted because refusing a real number is worse than letting a rare
# typo through: KR (Karnataka; KA in the vehicle list), TS and TG (Telangana, before and after
# 2024), OD and OR (Odisha, before and after 2012), UK and UA (Uttarakhand), DD and DN (Dadra and
# Nagar Haveli and Daman and Diu, merged in 2020; DN was Dadra and Nagar Haveli's).
UDYAM_STATE_CODES: Final = frozenset(
    {
        "AN",  # Andaman and Nicobar Islands
        "AP",  # Andhra Pradesh
        "AR",  # Arunachal Pradesh
        "AS",  # Assam
        "BR",  # Bihar
        "CG",  # Chhattisgarh
        "CH",  # Chandigarh
        "DD",  # Dadra and Nagar Haveli and Daman and Diu
        "DN",  # Dadra and Nagar Haveli (before the 2020 merger)
        "DL",  # Delhi
        "GA",  # Goa
        "GJ",  # Gujarat
        "HP",  # Himachal Pradesh
        "HR",  # Haryana
        "JH",  # Jharkhand
        "JK",  # Jammu and Kashmir
        "KA",  # Karnataka (vehicle code)
        "KR",  # Karnataka (as Udyam issues it)
        "KL",  # Kerala
        "LA",  # Ladakh
        "LD",  # Lakshadweep
        "MH",  # Maharashtra
        "ML",  # Meghalaya
        "MN",  # Manipur
        "MP",  # Madhya Pradesh
        "MZ",  # Mizoram
        "NL",  # Nagaland
        "OD",  # Odisha
        "OR",  # Odisha (former code)
        "PB",  # Punjab
        "PY",  # Puducherry
        "RJ",  # Rajasthan
        "SK",  # Sikkim
        "TG",  # Telangana (vehicle code since 2024)
        "TN",  # Tamil Nadu
        "TR",  # Tripura
        "TS",  # Telangana (as Udyam issues it)
        "UA",  # Uttarakhand (former code)
        "UK",  # Uttarakhand
        "UP",  # Uttar Pradesh
        "WB",  # West Bengal
    }
)

UDYAM_PATTERN: Final = re.compile(r"^UDYAM-(?P<state>[A-Z]{2})-[0-9]{2}-[0-9]{7}$")


def udyam_is_valid(value: str) -> bool:
    """True for `UDYAM-XX-00-0000000`: a known State/UT code, a two-digit district code and a
    seven-digit serial. The number carries no check digit."""
    match = UDYAM_PATTERN.fullmatch(value)
    return match is not None and match["state"] in UDYAM_STATE_CODES


def udyam_validate(value: str) -> None:
    """Model/form validator: a Udyam registration number in capitals (`invalid_udyam`)."""
    if not udyam_is_valid(value):
        raise ValidationError(
            _(
                "A Udyam registration number looks like UDYAM-UP-01-0001234: UDYAM, the State "
                "code, a two-digit district code and a seven-digit number, joined by hyphens."
            ),
            code="invalid_udyam",
        )


# ── FSSAI licence or registration number ─────────────────────────────────────────────────────

# FSSAI describes its 14-digit number as five parts: 1 digit licence (1) or registration (2);
# 2 digits State code; 2 digits year of issue; 3 digits enrolling (licensing) office; 6 digits
# the business's serial. FSSAI publishes no State code table and no check digit, and issued
# numbers show central licences with State code 00 ("10015042002228"), so only the length and
# the first digit are enforced; `fssai_kind` reads the first digit for display.
FSSAI_PATTERN: Final = re.compile(r"^[12][0-9]{13}$")
FSSAI_KINDS: Final = {"1": "licence", "2": "registration"}


def fssai_is_valid(value: str) -> bool:
    """True for 14 digits starting with 1 (licence) or 2 (registration). No checksum exists."""
    return bool(FSSAI_PATTERN.fullmatch(value))


def fssai_kind(value: str) -> str | None:
    """ "licence" or "registration" for a valid FSSAI number, None otherwise."""
    return FSSAI_KINDS[value[0]] if fssai_is_valid(value) else None


def fssai_validate(value: str) -> None:
    """Model/form validator: a 14-digit FSSAI licence or registration number (`invalid_fssai`)."""
    if not fssai_is_valid(value):
        raise ValidationError(
            _(
                "An FSSAI licence or registration number is 14 digits, starting with 1 for a "
                "licence or 2 for a registration."
            ),
            code="invalid_fssai",
        )


# ── GTIN (EAN/UPC barcodes) ──────────────────────────────────────────────────────────────────

GTIN_LENGTHS: Final = frozenset({8, 12, 13, 14})


def gtin_check_digit(payload: str) -> str:
    """The GS1 mod-10 check digit of a GTIN's digits before the check digit.

    From the right, the payload's digits are weighted 3, 1, 3, 1 …; the check digit brings the
    weighted sum up to a multiple of 10 (GS1 General Specifications, section 7.9). The same
    rule serves GTIN-8, -12, -13 and -14 because it counts from the right.
    """
    total = sum(
        int(digit) * (3 if position % 2 == 0 else 1)
        for position, digit in enumerate(reversed(payload))
    )
    return str((10 - total % 10) % 10)


def _gtin_shape_is_valid(value: str) -> bool:
    return value.isascii() and value.isdigit() and len(value) in GTIN_LENGTHS


def gtin_is_valid(value: str) -> bool:
    """True for a GTIN-8, -12, -13 or -14 whose GS1 check digit is right."""
    return _gtin_shape_is_valid(value) and gtin_check_digit(value[:-1]) == value[-1]


def gtin_validate(value: str) -> None:
    """Model/form validator: a GTIN of 8, 12, 13 or 14 digits (`invalid_gtin`) with a correct
    check digit (`gtin_check_failed`)."""
    if not _gtin_shape_is_valid(value):
        raise ValidationError(
            _("A barcode number (GTIN) is 8, 12, 13 or 14 digits, like 8901234567890."),
            code="invalid_gtin",
        )
    if gtin_check_digit(value[:-1]) != value[-1]:
        raise ValidationError(
            _("This barcode number's check digit is wrong: check it for a typing error."),
            code="gtin_check_failed",
        )


# ── PIN code ─────────────────────────────────────────────────────────────────────────────────

# The first digit is the postal zone: 1-8 are the geographic zones, 9 is the Army Postal Service
# (field post offices). No PIN starts with 0.
PIN_PATTERN: Final = re.compile(r"^[1-9][0-9]{5}$")


def pin_is_valid(value: str) -> bool:
    """True for a PIN code: six digits, the first 1-9 (9 being the Army Postal Service)."""
    return bool(PIN_PATTERN.fullmatch(value))


def pin_validate(value: str) -> None:
    """Model/form validator: a six-digit PIN code not starting with 0 (`invalid_pin`)."""
    if not pin_is_valid(value):
        raise ValidationError(
            _("A PIN code is six digits and does not start with 0, like 244001."),
            code="invalid_pin",
        )


# ── HS code ──────────────────────────────────────────────────────────────────────────────────

# Chapter (2), heading (4), subheading (6) or India's tariff line (8). Text, because chapters
# 01-09 start with 0. Whether the code exists in the nomenclature is the registry's question.
HS_CODE_PATTERN: Final = re.compile(r"^(?:[0-9]{2}){1,4}$")


def hs_code_is_valid(value: str) -> bool:
    """True for 2, 4, 6 or 8 digits (leading zeros kept). Says nothing about existence."""
    return bool(HS_CODE_PATTERN.fullmatch(value))


def hs_code_validate(value: str) -> None:
    """Model/form validator: an HS code of 2, 4, 6 or 8 digits (`invalid_hs_code`)."""
    if not hs_code_is_valid(value):
        raise ValidationError(
            _("An HS code is 2, 4, 6 or 8 digits, without dots, like 0904 or 09041100."),
            code="invalid_hs_code",
        )


# ── Aadhaar (never stored in full) ───────────────────────────────────────────────────────────

# Verhoeff's check digit (J. Verhoeff, "Error Detecting Decimal Codes", 1969), which UIDAI uses
# for Aadhaar: multiplication in the dihedral group D5, a position permutation and the inverse.
# Tables as in the usual statement of the algorithm (e.g. Wikipedia, "Verhoeff algorithm").
# Unlike mod 10, it catches every single-digit error and every adjacent transposition.
_VERHOEFF_MULTIPLY: Final = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_PERMUTE: Final = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_VERHOEFF_INVERSE: Final = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)

AADHAAR_PATTERN: Final = re.compile(r"^[2-9][0-9]{11}$")
AADHAAR_LAST_FOUR_PATTERN: Final = re.compile(r"^[0-9]{4}$")


def verhoeff_check_digit(payload: str) -> str:
    """The Verhoeff check digit to append to a string of digits."""
    check = 0
    for position, digit in enumerate(reversed(payload)):
        check = _VERHOEFF_MULTIPLY[check][_VERHOEFF_PERMUTE[(position + 1) % 8][int(digit)]]
    return str(_VERHOEFF_INVERSE[check])


def verhoeff_is_valid(number: str) -> bool:
    """True when a string of digits ends in its correct Verhoeff check digit."""
    if not (number.isascii() and number.isdigit()):
        return False
    check = 0
    for position, digit in enumerate(reversed(number)):
        check = _VERHOEFF_MULTIPLY[check][_VERHOEFF_PERMUTE[position % 8][int(digit)]]
    return check == 0


def aadhaar_is_valid(value: str) -> bool:
    """True for a full Aadhaar number: 12 digits, first 2-9, correct Verhoeff check digit."""
    return bool(AADHAAR_PATTERN.fullmatch(value)) and verhoeff_is_valid(value)


def aadhaar_last_four(value: str) -> str:
    """The last four digits of a full Aadhaar number, after checking it; the only part we keep.

    Accepts the number as printed ("2345 6789 0124"). Raises `invalid_aadhaar` for the wrong
    shape and `aadhaar_check_failed` for a typing error the check digit catches. The caller
    must not keep `value` (Aadhaar Act 2016, s. 29; UIDAI's storage rules): store what this
    returns, validated by `aadhaar_last_four_validate`.
    """
    number = digits_normalise(value)
    if not AADHAAR_PATTERN.fullmatch(number):
        raise ValidationError(
            _("An Aadhaar number is 12 digits and starts with a digit from 2 to 9."),
            code="invalid_aadhaar",
        )
    if not verhoeff_is_valid(number):
        raise ValidationError(
            _("This Aadhaar number's check digit is wrong: check it for a typing error."),
            code="aadhaar_check_failed",
        )
    return number[-4:]


def aadhaar_last_four_validate(value: str) -> None:
    """Model/form validator of a stored Aadhaar reference: exactly four digits
    (`invalid_aadhaar_last_four`). Refuses a full number, which must never be stored."""
    if not AADHAAR_LAST_FOUR_PATTERN.fullmatch(value):
        raise ValidationError(
            _("Only the last four digits of the Aadhaar number are kept: enter four digits."),
            code="invalid_aadhaar_last_four",
        )


# ── IFSC and bank account numbers ────────────────────────────────────────────────────────────

# RBI's Indian Financial System Code: 4 letters (the bank), a 0 kept for future use, and 6
# letters or digits (the branch). It carries no check character, so the shape is all we check.
IFSC_PATTERN: Final = re.compile(r"[A-Z]{4}0[A-Z0-9]{6}")
# Indian bank account numbers are 9 to 18 digits (no national standard, no check digit).
BANK_ACCOUNT_PATTERN: Final = re.compile(r"\d{9,18}")


def ifsc_is_valid(value: str) -> bool:
    """True for an IFSC of the right shape: AAAA0XXXXXX."""
    return bool(IFSC_PATTERN.fullmatch(value))


def ifsc_validate(value: str) -> None:
    """Model/form validator of an IFSC (`invalid_ifsc`)."""
    if not ifsc_is_valid(value):
        raise ValidationError(
            _("An IFSC is 4 letters, a zero and 6 letters or digits, e.g. SBIN0001234."),
            code="invalid_ifsc",
        )


def bank_account_validate(value: str) -> None:
    """Validator of a bank account number as typed (`invalid_bank_account`): 9 to 18 digits."""
    if not BANK_ACCOUNT_PATTERN.fullmatch(value):
        raise ValidationError(
            _("A bank account number is 9 to 18 digits."), code="invalid_bank_account"
        )
