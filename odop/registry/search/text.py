"""Words of search queries and documents (issue 13; pure: no ORM, no I/O).

Both sides of a search go through the same steps: folding to lower-case ASCII words, a naive
singular, Devanagari romanised (so "हल्दी" is "haldi"), and a *sound key* that equates the ways
Indian words are spelt in Latin letters (w/v, ph/f, sh/s, aspirated consonants, vowels after
the first letter): "Pulwama" and the romanised "पुलवामा" (pulavama) share the key "plvm".
"""

import re
import unicodedata
from typing import Final

from indic_transliteration import sanscript

from odop.core.text import text_key

# Words that say nothing about which product is meant.
STOP_WORDS: Final = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "its",
    ]
)

_DEVANAGARI: Final = re.compile(r"[\u0900-\u097F]+")
_DEVANAGARI_CONSONANT: Final = re.compile(r"[\u0915-\u0939\u0958-\u095F\u093C]$")
_WORD: Final = re.compile(r"[0-9a-z]+|[\u0900-\u097F]+")


def devanagari_romanise(word: str) -> str:
    """A Devanagari word in plain Latin letters as it is usually written in India.

    ITRANS, then without length marks ("A" → "a"), nasal marks or dots (ड़ → "r"), and without
    the inherent vowel of a final consonant (रेशम → "resham", not "reshama").
    """
    romanised = sanscript.transliterate(word, sanscript.DEVANAGARI, sanscript.ITRANS)
    romanised = romanised.replace(".D", "r").replace(".Dh", "rh")
    romanised = romanised.replace("M", "n").replace(".N", "n").replace("~N", "n")
    romanised = re.sub(r"[^a-zA-Z]", "", romanised).lower()
    if _DEVANAGARI_CONSONANT.search(word) and romanised.endswith("a"):
        romanised = romanised[:-1]
    return romanised


def singular(word: str) -> str:
    """A naive singular ("potteries" → "pottery", "nuts" → "nut"): both sides get the same."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "oes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The searchable words of `text`: folded, romanised, singular, without stop words."""
    text = unicodedata.normalize("NFC", text)
    found: list[str] = []
    for part in _WORD.findall(text.lower()):
        if _DEVANAGARI.fullmatch(part):
            part = devanagari_romanise(part)
        else:
            part = text_key(part).replace(" ", "")
        if part and part not in STOP_WORDS:
            found.append(singular(part))
    return found


def phrase_key(text: str) -> str:
    """`text` as one string of its words, for whole-phrase comparisons."""
    return " ".join(words(text))


_SOUND_PAIRS: Final = (
    ("ph", "f"),
    ("sh", "s"),
    ("ch", "c"),
    ("ck", "k"),
    ("w", "v"),
    ("z", "j"),
    ("q", "k"),
    ("x", "ks"),
)
_ASPIRATED: Final = re.compile(r"([bcdgjkpt])h")
_DOUBLED: Final = re.compile(r"(.)\1+")
_VOWELS: Final = re.compile(r"[aeiouy]")


def sound_key(word: str) -> str:
    """How a romanised word sounds, for spellings that differ: vowels after the first letter,
    aspiration and doubled letters dropped, and Latin spellings of one sound made one.

    "Pulwama" and "pulavama" → "plvm"; "Allahabad" and "ilahabad" → "_lhbd" (a leading vowel
    is kept as "_", whichever vowel it is).
    """
    word = word.lower()
    for spelling, sound in _SOUND_PAIRS:
        word = word.replace(spelling, sound)
    word = _ASPIRATED.sub(r"\1", word)
    word = word.replace("c", "k") if not word.startswith("c") else "c" + word[1:].replace("c", "k")
    word = _DOUBLED.sub(r"\1", word)
    if not word:
        return ""
    head = "_" if _VOWELS.match(word[0]) else word[0]
    return head + _VOWELS.sub("", word[1:])
