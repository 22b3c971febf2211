"""HS 2022 subheadings suggested for ODOP product types from their words (pure: no ORM, no I/O).

`index` ranks subheadings for a product (`HSIndex`, `hs_suggest`); `headings` reads what a
heading says of itself (parts, residual, raw goods, purpose words); `words` turns text into the
tokens both sides share (word forms, stop words, the nomenclature's words for the list's);
`conversion` reads UNSD's HS conversion tables.
"""

from odop.markets.hs_suggest.conversion import hs_conversion_parse
from odop.markets.hs_suggest.headings import SECTOR_CHAPTERS
from odop.markets.hs_suggest.index import (
    CONFIDENCE_FULL_MARGIN,
    CONFIDENCE_PUBLIC_MIN,
    SUGGESTER_VERSION,
    HSCandidate,
    HSEntry,
    HSIndex,
    ProductText,
    hs_suggest,
)
from odop.markets.hs_suggest.words import (
    STOP_WORDS,
    SYNONYMS,
    glossary_words,
    ing_nouns,
    token_normalise,
    tokens,
)

__all__ = [
    "CONFIDENCE_FULL_MARGIN",
    "CONFIDENCE_PUBLIC_MIN",
    "SECTOR_CHAPTERS",
    "STOP_WORDS",
    "SUGGESTER_VERSION",
    "SYNONYMS",
    "HSCandidate",
    "HSEntry",
    "HSIndex",
    "ProductText",
    "glossary_words",
    "hs_conversion_parse",
    "hs_suggest",
    "ing_nouns",
    "token_normalise",
    "tokens",
]
