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
