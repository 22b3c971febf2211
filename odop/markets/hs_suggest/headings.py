"""What a line of the nomenclature says about itself (pure): a heading of parts or waste, a
residual heading, goods raw or not yet worked, the words that only say what goods are for; and
the chapters where each ODOP sector's goods usually sit. `index` scores candidates with these."""

import re
from collections.abc import Mapping
from typing import Final

from odop.markets.hs_suggest.words import tokens

# Headings of goods as grown, caught or milked, before any working.
RAW: Final = re.compile(
    r"\b(raw|fresh|live|chilled|not carded|not spun|unmanufactured|in the husk|"
    r"in shell|not roasted|unwrought|not thrown)\b"
)

_AUXILIARY: Final = re.compile(r"\b(parts?|accessories|waste|scrap)\b")
# A heading about parts names them among its first words ("Parts and accessories of ...",
# "Musical instrument parts"); "Fruit, nuts and other edible parts of plants" and "fabrics of
# silk or of silk waste" are not about parts.
_PARTS_HEADING: Final = re.compile(r"^(\S+\s+){0,3}(parts|accessories)\b", re.IGNORECASE)
# A residual heading: "Other ...", "... n.e.c." (General Interpretative Rule 3(a)).
RESIDUAL: Final = re.compile(r"\bn\.e\.c\b|\bnot elsewhere (specified|included)", re.I)
# A name asks for parts in the nomenclature's words or the trade's ("Auto Components").
NAME_ASKS_PARTS: Final = re.compile(r"\b(parts?|accessories|waste|scrap|components?|spares?)\b")
# "... household articles and parts thereof" is the articles, not a heading of parts.
_PARTS_THEREOF: Final = re.compile(r"\b(and )?parts? thereof\b")


# A heading's clauses, and the "for" that starts what its goods are for.
_CLAUSE: Final = re.compile(r"[;,()]")
_FOR: Final = re.compile(r"\bfor\b")


def auxiliary(text: str) -> bool:
    """A line of parts, accessories, waste or scrap ("parts thereof" aside)."""
    return bool(_AUXILIARY.search(_PARTS_THEREOF.sub("", text.lower())))


def parts_heading(text: str) -> bool:
    """A heading whose subject is parts: its every line is a part, whatever the line says."""
    return bool(_PARTS_HEADING.match(_PARTS_THEREOF.sub("", text)))


def purpose_words(text: str, nouns: frozenset[str]) -> set[str]:
    """The words of a heading that come only after "for" in their clause: what its goods are
    for, not what they are ("Wooden frames for paintings": painting)."""
    before: set[str] = set()
    after: set[str] = set()
    for clause in _CLAUSE.split(text.lower()):
        head, *rest = _FOR.split(clause, maxsplit=1)
        before.update(tokens(head, nouns))
        if rest:
            after.update(tokens(rest[0], nouns))
    return after - before


def _chapters(*spans: tuple[int, int] | int) -> frozenset[str]:
    codes: set[str] = set()
    for span in spans:
        low, high = (span, span) if isinstance(span, int) else span
        codes |= {f"{chapter:02d}" for chapter in range(low, high + 1)}
    return frozenset(codes)


# A heuristic, not a rule of the nomenclature: the HS chapters in which products of each ODOP
# sector are usually classified. It only adds SECTOR_WEIGHT to candidates in those chapters, so a
# strong text match elsewhere still wins (a "handicraft" may be a brass lamp, chapter 94).
SECTOR_CHAPTERS: Final[Mapping[str, frozenset[str]]] = {
    "handloom": _chapters((50, 63)),
    "textile": _chapters((50, 63)),
    "agriculture": _chapters((6, 14)),
    # Milling (11) and spices (09) are where much of India's small-scale processing sits.
    "food_processing": _chapters(9, 11, (15, 22)),
    "dairy": _chapters(4),
    "marine": _chapters(3, 16),
    "handicraft": _chapters(42, 44, 46, 57, 63, 67, 68, 69, 70, 71, 73, 74, 83, 94, 95, 96, 97),
    # Manufacturing in the national list ranges from pharma to brassware: every chapter outside
    # live animals, vegetable products and foodstuffs.
    "manufacturing": _chapters((25, 97)),
}
