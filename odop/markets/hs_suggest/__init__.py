"""HS 2022 subheadings suggested for ODOP product types from their words (pure: no ORM, no I/O).

`index` ranks subheadings for a product (`HSIndex`, `hs_suggest`) with the weights of `weights`;
`headings` reads what a heading says of itself (its subject, exceptions, parts, residual, raw
goods, purpose words, materials); `words` turns text into the
tokens both sides share (word forms, stop words, the nomenclature's words for the list's);
`conversion` reads UNSD's HS conversion tables.
"""

from odop.markets.hs_suggest.conversion import hs_conversion_parse
from odop.markets.hs_suggest.headings import SECTOR_CHAPTERS
from odop.markets.hs_suggest.index import HSIndex, hs_suggest
from odop.markets.hs_suggest.records import HSCandidate, HSEntry, ProductText
from odop.markets.hs_suggest.weights import (
    CONFIDENCE_FULL_MARGIN,
    CONFIDENCE_PUBLIC_MIN,
    SUGGESTER_VERSION,
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
