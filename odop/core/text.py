"""Text normalisation shared by every importer and resolver. Pure functions, no I/O."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def text_clean(value: object) -> str:
    """Trim and collapse whitespace (including line breaks and non-breaking spaces)."""
    if value is None:
        return ""
    return _SPACES.sub(" ", str(value).replace("\u00a0", " ")).strip()


def text_key(value: object) -> str:
    """A case-, accent-, punctuation- and spacing-insensitive key.

    "Dr. B.R. Ambedkar" → "dr b r ambedkar".

    "&" reads as "and" so "Lahaul & Spiti" and "Lahaul and Spiti" share a key.
    """
    text = unicodedata.normalize("NFKD", text_clean(value)).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    return _SPACES.sub(" ", _NON_ALNUM.sub(" ", text)).strip()


def digits_ascii(value: str) -> str:
    """Every decimal digit of any script as its ASCII digit: "८४५४०१" -> "845401" (issue 12:
    a PIN, a phone or a quantity typed with the Devanagari digits of a Hindi keyboard)."""
    if value.isascii():
        return value
    return "".join(
        str(unicodedata.decimal(char)) if unicodedata.decimal(char, None) is not None else char
        for char in value
    )
