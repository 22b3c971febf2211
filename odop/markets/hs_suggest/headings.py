"""What a line of the nomenclature says about itself (pure): a heading of parts or waste, a
residual heading, goods raw or not yet worked, the words that only say what goods are for; and
the chapters where each ODOP sector's goods usually sit. `index` scores candidates with these."""

import re
from collections.abc import Iterable, Mapping
from typing import Final

from odop.markets.hs_suggest.words import tokens

# Headings of goods as grown, caught or milked, before any working.
RAW: Final = re.compile(
    r"\b(raw|fresh|live|chilled|not carded|not spun|unmanufactured|in the husk|"
    r"in shell|not roasted|unwrought|not thrown)\b",
    re.IGNORECASE,
)
# Headings of goods worked for keeping or eating: what a name that says "processed" asks for
# ("Processed cashew nuts": 2008 "prepared or preserved", not 0801 "fresh or dried").
PREPARED: Final = re.compile(
    r"\b(prepared|preserved|salted|smoked|in brine|cooked)\b", re.IGNORECASE
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


# A heading's subject: the goods it names, before the words that say of what, from what, for
# what or in what state ("Oil seeds and oleaginous fruits": seeds and fruits, not oil; "Yarn of
# jute": yarn). A clause after the first names more goods unless it qualifies them ("Butter
# and other fats and oils derived from milk; dairy spreads": spreads too; "Molasses; resulting
# from the extraction or refining of sugar": molasses only).
_SUBJECT_END: Final = re.compile(
    r"\b(of|for|from|derived|not|whether|in|with|containing|other than|used|put up|"
    r"obtained|having|prepared|on|by|excluding|including|whose|which|that)\b"
)
_QUALIFYING: Final = re.compile(
    r"^\s*(n\.e\.[cs]|whether|not|other than|resulting|including|excluding|of|for|from|in|"
    r"with|containing|used|put up|obtained|having|[a-z]+ed|[a-z]+ing)\b"
)
_PARENTHESIS: Final = re.compile(r"\([^()]*\)")
_COORDINATION: Final = re.compile(r",|\band\b|\bor\b")


def subject_words(text: str, nouns: frozenset[str]) -> set[str]:
    """The head word of each goods a heading names as its subject (the last meaningful word of
    each coordinated noun phrase before the first qualifying word). A subject of no meaning
    ("Other articles of zinc") passes to what follows "of": zinc."""
    subjects: set[str] = set()
    for place, clause in enumerate(_PARENTHESIS.sub(" ", text.lower()).split(";")):
        if place and _QUALIFYING.match(clause):
            continue
        subjects |= _clause_subjects(clause, nouns)
    return subjects


def _clause_subjects(clause: str, nouns: frozenset[str]) -> set[str]:
    end = _SUBJECT_END.search(clause)
    span = clause[: end.start()] if end else clause
    heads = set()
    for piece in _COORDINATION.split(span):
        words = tokens(piece, nouns)
        if words:
            heads.add(words[-1])
    if not heads and end is not None and end.group(1) == "of":
        return _clause_subjects(clause[end.end() :], nouns)
    return heads


# A heading's clauses, and the "for" that starts what its goods are for.
_CLAUSE: Final = re.compile(r"[;,()]")
_FOR: Final = re.compile(r"\bfor\b")


# What a line says it is not ("Flours and meals of oil seeds ..., other than those of mustard",
# "Cotton yarn (other than sewing thread)") is no match for a product of those words.
_EXCEPTED: Final = re.compile(r"\b(other than|excluding|except)\b[^;(),]*", re.IGNORECASE)


def affirmed(text: str) -> str:
    """`text` without what it excepts ("other than ...", "excluding ...", up to the clause's
    end)."""
    return _EXCEPTED.sub(" ", text)


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


# Several chapters hold the goods of one material each: plastics (39), wood (44), ceramics (69),
# glass (70), and in Section XV each base metal. A product whose name names its material is no
# article of another material's chapter ("Zinc Utensils": 7907, not 7323 "... of iron or
# steel" nor 6912 ceramic kitchenware); brass, bronze and bell metal are copper alloys (74).
_MATERIAL_CHAPTERS: Final[Mapping[str, frozenset[str]]] = {
    "plastic": frozenset({"39"}),
    "plastics": frozenset({"39"}),
    "wood": frozenset({"44"}),
    "wooden": frozenset({"44"}),
    "rosewood": frozenset({"44"}),
    "sandalwood": frozenset({"44", "33"}),
    "ceramic": frozenset({"69"}),
    "pottery": frozenset({"69"}),
    "terracotta": frozenset({"69"}),
    "porcelain": frozenset({"69"}),
    "glass": frozenset({"70"}),
    "iron": frozenset({"72", "73"}),
    "steel": frozenset({"72", "73"}),
    "copper": frozenset({"74"}),
    "brass": frozenset({"74"}),
    "bronze": frozenset({"74"}),
    "bell metal": frozenset({"74"}),
    "nickel": frozenset({"75"}),
    "aluminium": frozenset({"76"}),
    "aluminum": frozenset({"76"}),
    "zinc": frozenset({"79"}),
    "tin": frozenset({"80"}),
}
MATERIAL_CHAPTERS: Final = frozenset().union(*_MATERIAL_CHAPTERS.values())
ARTICLES: Final = re.compile(r"\b(articles|[a-z]*ware)\b", re.IGNORECASE)
_MATERIAL: Final = re.compile(r"\b(" + "|".join(_MATERIAL_CHAPTERS) + r")\b")
# Chapter 72's headings of stainless and other alloy steel are for goods said to be of it; steel
# of no stated alloy is non-alloy steel ("TMT Steel Bars": 7214, not 7227 "Steel, alloy; bars").
ALLOY_STEEL: Final = re.compile(
    r"(?<!non-)\b(stainless|alloy) steel\b|\bsteel, (stainless|alloy)\b", re.IGNORECASE
)
ALLOY_ASKED: Final = re.compile(r"\b(stainless|alloy|alloyed)\b", re.IGNORECASE)


def material_chapters(name: str) -> frozenset[str]:
    """The chapters of the materials `name` names (empty when it names none)."""
    return frozenset().union(
        *(_MATERIAL_CHAPTERS[material] for material in _MATERIAL.findall(name.lower()))
    )


# An oil named after a plant that gives none of the nomenclature's fixed oils (chapter 15) or oil
# seeds (1201-1207), and described as distilled or aromatic, is an essential oil, 3301: turmeric
# oil or lavender oil is no fat of chapter 15; mustard oil (1514) stays fixed, however aromatic.
_OIL: Final = re.compile(r"\boils?\b")
_ESSENTIAL_CUES: Final = re.compile(
    r"\b(distil\w*|aromatic|fragran\w*|aromatherapy|perfum\w*|essential oils?)\b", re.IGNORECASE
)
FIXED_OIL_HEADINGS: Final = ("15", "1201", "1202", "1203", "1204", "1205", "1206", "1207")


def essential_oil(
    name: str,
    descriptions: Iterable[str],
    fixed_oil_words: frozenset[str],
    nouns: frozenset[str],
    ignore: frozenset[str] = frozenset(),
) -> bool:
    """`name` is an oil of a plant none of whose words is among `fixed_oil_words` (the words
    of the fixed-oil headings, `FIXED_OIL_HEADINGS`), and a description says it is distilled,
    aromatic or for perfume."""
    if not _OIL.search(name.lower()):
        return False
    oil = tokens("oil", nouns)[0]
    modifiers = set(tokens(name, nouns)) - {oil} - ignore
    if not modifiers or modifiers & fixed_oil_words:
        return False
    return any(_ESSENTIAL_CUES.search(text) for text in descriptions)


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
