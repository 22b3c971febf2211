"""Suggest HS 2022 subheadings for ODOP product types from their words (pure: no ORM, no I/O).

The method is TF-IDF cosine similarity between a product (its name, weighted up, and its
descriptions) and each 6-digit subheading, whose text is its own description plus, with less
weight, its heading's and chapter's descriptions (so "Turmeric (curcuma)" also carries the words
of heading 0910 "Ginger, saffron, turmeric ..." and chapter 09 "Coffee, tea, mate and spices").
Tokens are lower-cased, plural-stripped and stop words removed. On top of the cosine:

* a name bonus: the share (IDF-weighted) of the product name's words found in the candidate's
  text, because the name says what the product is and descriptions are mostly praise;
* a sector prior (a heuristic, see `SECTOR_CHAPTERS`): candidates in the chapters where the
  product's sector usually trades get a small bonus.

score = COSINE_WEIGHT × cosine + NAME_WEIGHT × name share + SECTOR_WEIGHT × in-sector, in [0, 1].

Everything is deterministic (ties break on the code). The subheading index is an inverted index
of numpy arrays, so one product costs a few array additions; all 845 national product types
against the 5,600 subheadings take well under a second once the index is built.
"""

import csv
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np

COSINE_WEIGHT: Final = 0.55
NAME_WEIGHT: Final = 0.35
SECTOR_WEIGHT: Final = 0.10

NAME_REPEAT: Final = 3.0  # a name word counts as much as three description words
HEADING_WEIGHT: Final = 0.5  # heading words in a subheading's text, relative to its own
CHAPTER_WEIGHT: Final = 0.25
# Where a name word sits in the candidate's text decides how much of the name bonus it earns.
NAME_PLACE_CREDIT: Final = {"subheading": 1.0, "heading": 0.7, "chapter": 0.4}
# A subheading of parts, waste or scrap ("Musical instruments; parts and accessories") loses
# this much for a product whose name does not ask for parts or waste (issue 13).
AUXILIARY_PENALTY: Final = 0.15
# Confidence (issue 13): how far the best heading's score stands above the best other
# heading's, as a share of this margin (1.0 at or above it); only the first suggestion can have
# any. Measured on the hand-checked set (docs/benchmarks.md): every first suggestion with a
# margin of 0.105 or more was right (32 of 67), and 10 of the other 35 were wrong.
CONFIDENCE_FULL_MARGIN: Final = 0.2
# Public pages and the export profile use an unconfirmed suggestion only from this confidence
# (a margin of 0.11), marked as a suggestion; below it, nothing until an officer decides.
CONFIDENCE_PUBLIC_MIN: Final = 0.55
_AUXILIARY: Final = re.compile(r"\b(parts?|accessories|waste|scrap)\b")
# "... household articles and parts thereof" is the articles, not a heading of parts.
_PARTS_THEREOF: Final = re.compile(r"\b(and )?parts? thereof\b")


def _auxiliary(text: str) -> bool:
    return bool(_AUXILIARY.search(_PARTS_THEREOF.sub("", text.lower())))


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

# Words that say nothing about what a product is: English function words, the national list's
# praise ("renowned", "traditional") and the nomenclature's own boilerplate ("other", "nes").
_STOP_TEXT: Final = """
    a about above after all also an and any are as at be been being both but by can
    could do does each either etc for from had has have having he her here his how i if in
    into is it its itself just less more most much nor not of off on once only or other
    otherwise our out over own same she should so some such than that the their them then
    there these they this those through thus to too under up upon very was we were what
    when where whether which while who whom why will with within without would you your
    nes n.e.s excluding including include includes included heading headings subheading
    chapter chapters kind kinds used use put part parts thereof whole not containing
    else form forms type types article articles product products item items good goods
    known renowned famous traditional traditionally region regional district districts state
    states india indian local locally rich unique quality high variety varieties various
    popular made making make skilled artisan artisans craft crafted crafts art heritage
    cultural culture centuries century generation generations world globally global
    demand market markets wide range one many well best great fine finest exquisite
    beautiful intricate vibrant distinctive special delicious major hub among like
    """
STOP_WORDS: Final = frozenset(_STOP_TEXT.split())

# A heuristic glossary of Indian product words that the nomenclature spells differently. Each
# word adds the listed nomenclature words to the product's text (keys and values already in
# token form, i.e. lower case and singular).
SYNONYMS: Final[Mapping[str, tuple[str, ...]]] = {
    "basmati": ("rice", "milled"),  # India exports basmati as milled rice (1006 30)
    "chilli": ("capsicum", "pimenta"),
    "chili": ("capsicum", "pimenta"),
    "mircha": ("capsicum", "pimenta"),
    "jaggery": ("cane", "sugar"),
    "gur": ("cane", "sugar"),
    "brinjal": ("aubergine", "eggplant"),
    "ragi": ("millet",),
    "bajra": ("millet",),
    "jowar": ("sorghum",),
    "makhana": ("nut",),
    "pashmina": ("cashmere", "wool", "shawl"),
    "saree": ("woven", "fabric"),
    "sari": ("woven", "fabric"),
    "dhurrie": ("carpet", "floor", "covering", "woven"),
    "durrie": ("carpet", "floor", "covering", "woven"),
    "brassware": ("brass", "copper"),
    "jewellery": ("jewellery", "precious", "metal"),
    "jewelry": ("jewellery", "precious", "metal"),
    "agarbatti": ("agarbatti", "odoriferous"),
    "incense": ("agarbatti", "odoriferous"),
    "papad": ("bakers", "ware"),
    "pickle": ("preserved", "vinegar"),
    "litchi": ("lychee",),
    "lichi": ("lychee",),
    "cardamom": ("cardamom", "cardamoms"),
    "ayurvedic": ("medicament",),
    "pharma": ("medicament", "pharmaceutical"),
    "furniture": ("furniture",),
    "toy": ("toy", "doll"),
    "khadi": ("woven", "fabric", "cotton"),
    "groundnut": ("ground", "nut"),
    "peanut": ("ground", "nut"),
    "fishery": ("fish", "crustacean"),
    "automobile": ("motor", "vehicle", "accessory"),
    "pottery": ("ceramic", "earthenware"),
    "terracotta": ("ceramic", "earthenware"),
    "handloom": ("woven", "fabric"),
    "bakery": ("bread", "pastry", "cake", "biscuit"),
    "pomegranate": ("fruit", "fresh"),
    "sikki": ("plaiting", "basketwork"),
    # issue 13, from the hand check (markets/data/hs_checked.csv): the nomenclature's words for
    # the list's forms and materials
    "utensil": ("table", "kitchen", "household"),  # 7323/7418/7615 "table, kitchen or household"
    "brass": ("copper",),  # brass is a copper alloy: its articles are in chapter 74
    "dari": ("carpet", "floor", "covering", "woven"),  # a flat-woven rug: 5702
    "arecanut": ("areca", "nut"),  # 0802 80 "Areca nuts"
    "soyabean": ("soya", "bean"),  # 1201 "Soya beans"
    "veena": ("musical", "instrument", "string"),  # 9202 "string instruments"
    "feni": ("spirit", "liqueur"),  # a distilled cashew or coconut spirit: 2208
    "pharmaceutical": ("medicament", "therapeutic"),  # 3004 "Medicaments ... therapeutic"
}

_WORD = re.compile(r"[a-z]+")


def token_normalise(word: str) -> str:
    """One word in the form both sides share: lower case, a plural reduced to its singular.

    Plural stripping is deliberately naive (no dictionary): "leaves" becomes "leave", which is
    harmless because both sides are normalised the same way.
    """
    word = word.lower()
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "oes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The meaningful words of `text`, normalised, in order (no stop words, no single letters)."""
    words = (token_normalise(word) for word in _WORD.findall(text.lower()))
    return [word for word in words if len(word) > 1 and word not in STOP_WORDS]


def _expand(
    words: Iterable[str], glossary: Mapping[str, tuple[str, ...]] | None = None
) -> list[str]:
    """`words` with the nomenclature's words for them (`SYNONYMS`) and, when given, the English
    words of the reviewed bilingual glossary (romanised Hindi: "haldi" adds "turmeric")."""
    expanded: list[str] = []
    for word in words:
        expanded.append(word)
        expanded.extend(SYNONYMS.get(word, ()))
        if glossary is not None:
            expanded.extend(glossary.get(word, ()))
    return expanded


def glossary_words(english_of: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """The glossary (a word -> its English words) in token form, for `HSIndex(glossary=...)`."""
    result: dict[str, tuple[str, ...]] = {}
    for word, english in english_of.items():
        key = token_normalise(word)
        added = tuple(token for text in english for token in tokens(text) if token != key)
        if added:
            result[key] = tuple(dict.fromkeys((*result.get(key, ()), *added)))
    return result


@dataclass(frozen=True)
class HSEntry:
    """One line of the nomenclature: a chapter (2 digits), heading (4) or subheading (6)."""

    code: str
    description: str


@dataclass(frozen=True)
class ProductText:
    """What the registry says about one product type: its name, descriptions and sectors."""

    name: str
    descriptions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class HSCandidate:
    """One suggested subheading: its code, score in [0, 1], the product words it matched and
    the confidence in [0, 1] that its heading is the product's (`CONFIDENCE_FULL_MARGIN`)."""

    code: str
    score: float
    matched_terms: tuple[str, ...] = field(default=())
    confidence: float = 0.0


def _log_tf(counts: Mapping[str, float]) -> dict[str, float]:
    return {term: 1.0 + math.log(count) if count >= 1 else count for term, count in counts.items()}


class HSIndex:
    """The subheadings of one nomenclature, indexed for similarity search.

    Build it once (`HSIndex(entries)`) and call `suggest` for each product. Subheadings whose
    code ends in "9999" (the "n.e.s." catch-all) are left out.
    """

    def __init__(
        self,
        entries: Iterable[HSEntry],
        *,
        glossary: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self._glossary = glossary
        by_code = {entry.code: entry.description for entry in entries}
        self.codes: list[str] = sorted(
            code
            for code in by_code
            if len(code) == 6 and code.isdigit() and not code.endswith("9999")
        )
        place_tokens: list[dict[str, set[str]]] = []
        weighted: list[dict[str, float]] = []
        for code in self.codes:
            parts = {
                "subheading": tokens(by_code[code]),
                "heading": tokens(by_code.get(code[:4], "")),
                "chapter": tokens(by_code.get(code[:2], "")),
            }
            counts: dict[str, float] = defaultdict(float)
            for word in parts["subheading"]:
                counts[word] += 1.0
            for word in parts["heading"]:
                counts[word] += HEADING_WEIGHT
            for word in parts["chapter"]:
                counts[word] += CHAPTER_WEIGHT
            weighted.append(_log_tf(counts))
            place_tokens.append({place: set(words) for place, words in parts.items()})
        document_frequency = Counter(term for counts in weighted for term in counts)
        total = len(self.codes)
        self.idf: dict[str, float] = {
            term: math.log((1 + total) / (1 + frequency)) + 1.0
            for term, frequency in document_frequency.items()
        }
        postings_docs: dict[str, list[int]] = defaultdict(list)
        postings_weights: dict[str, list[float]] = defaultdict(list)
        credit: dict[str, list[float]] = defaultdict(list)
        for position, counts in enumerate(weighted):
            vector = {term: value * self.idf[term] for term, value in counts.items()}
            norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
            for term in sorted(vector):
                postings_docs[term].append(position)
                postings_weights[term].append(vector[term] / norm)
                places = place_tokens[position]
                credit[term].append(
                    max(
                        NAME_PLACE_CREDIT[place] for place, words in places.items() if term in words
                    )
                )
        self._docs = {term: np.array(docs, dtype=np.int32) for term, docs in postings_docs.items()}
        self._weights = {term: np.array(values) for term, values in postings_weights.items()}
        self._credit = {term: np.array(values) for term, values in credit.items()}
        self._chapter_of = np.array([code[:2] for code in self.codes])
        # Subheadings of parts, waste or scrap: not the product itself unless its name says so.
        self._auxiliary = np.array(
            [bool(_auxiliary(by_code[code])) for code in self.codes], dtype=float
        )

    def _query(self, product: ProductText) -> tuple[dict[str, float], dict[str, float]]:
        """The product's TF-IDF vector (unit length) and its name words' IDF weights."""
        name_tokens = tokens(product.name)
        # A compound the list writes as two words ("Buck Wheat") is one word of the nomenclature.
        joined = [
            first + second
            for first, second in itertools.pairwise(name_tokens)
            if first + second in self.idf
        ]
        name_words = [
            word for word in _expand([*name_tokens, *joined], self._glossary) if word in self.idf
        ]
        counts: dict[str, float] = defaultdict(float)
        for word in name_words:
            counts[word] += NAME_REPEAT
        descriptions = [text for text in product.descriptions if text.strip()]
        for text in descriptions:
            # Each description counts once in total, however many districts describe the type.
            for word in _expand(tokens(text), self._glossary):
                if word in self.idf:
                    counts[word] += 1.0 / len(descriptions)
        vector = {term: value * self.idf[term] for term, value in _log_tf(counts).items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        name_weights = {word: self.idf[word] for word in name_words}
        return {term: value / norm for term, value in vector.items()}, name_weights

    def suggest(
        self, product: ProductText, *, top_k: int = 5, distinct_headings: bool = False
    ) -> list[HSCandidate]:
        """The `top_k` subheadings most like `product`, best first (empty if no word matches).

        With `distinct_headings`, only the best subheading of each heading (HS4): five
        alternatives an officer can tell apart rather than five lines of one heading (issue 13).
        """
        query, name_weights = self._query(product)
        if not query:
            return []
        cosine = np.zeros(len(self.codes))
        contribution: dict[str, np.ndarray] = {}
        for term, weight in query.items():
            docs = self._docs[term]
            cosine[docs] += weight * self._weights[term]
            contribution[term] = docs
        name_share = np.zeros(len(self.codes))
        name_total = sum(name_weights.values())
        for word, weight in name_weights.items():
            name_share[self._docs[word]] += weight * self._credit[word] / name_total
        chapters = frozenset().union(
            *(SECTOR_CHAPTERS.get(sector, frozenset()) for sector in product.sectors)
        )
        in_sector = np.isin(self._chapter_of, list(chapters)).astype(float)
        score = (
            COSINE_WEIGHT * np.minimum(cosine, 1.0)
            + NAME_WEIGHT * np.minimum(name_share, 1.0)
            + SECTOR_WEIGHT * in_sector
        )
        if not _auxiliary(product.name):
            score = score - AUXILIARY_PENALTY * self._auxiliary
        matched = cosine > 0
        candidates = np.flatnonzero(matched)
        # Best score first; equal scores in code order (the codes are sorted), so runs agree.
        ranked = candidates[np.lexsort((candidates, -score[candidates]))]
        if distinct_headings:
            seen: set[str] = set()
            kept = []
            for position in ranked:
                heading = self.codes[position][:4]
                if heading not in seen:
                    seen.add(heading)
                    kept.append(position)
                    if len(kept) == top_k:
                        break
            order = np.array(kept, dtype=ranked.dtype)
        else:
            order = ranked[:top_k]
        confidence = 0.0
        if len(ranked):
            top_heading = self.codes[ranked[0]][:4]
            others = [p for p in ranked if self.codes[p][:4] != top_heading]
            runner_up = float(score[others[0]]) if others else 0.0
            margin = float(score[ranked[0]]) - runner_up
            confidence = round(min(1.0, max(0.0, margin / CONFIDENCE_FULL_MARGIN)), 4)
        results = []
        for place, position in enumerate(order):
            terms = sorted(
                (term for term, docs in contribution.items() if _contains(docs, position)),
                key=lambda term: (-query[term], term),
            )
            results.append(
                HSCandidate(
                    code=self.codes[position],
                    score=round(float(score[position]), 4),
                    matched_terms=tuple(terms),
                    confidence=confidence if place == 0 and position == ranked[0] else 0.0,
                )
            )
        return results


def _contains(sorted_docs: np.ndarray, position: int) -> bool:
    index = int(np.searchsorted(sorted_docs, position))
    return index < len(sorted_docs) and int(sorted_docs[index]) == position


def hs_suggest(
    products: Sequence[ProductText],
    entries: Iterable[HSEntry],
    *,
    top_k: int = 5,
    progress: Callable[[int], None] | None = None,
) -> list[list[HSCandidate]]:
    """The top-k candidates of each product, in the order of `products`."""
    index = HSIndex(entries)
    results = []
    for product in products:
        results.append(index.suggest(product, top_k=top_k))
        if progress is not None:
            progress(1)
    return results


def hs_conversion_parse(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Parse a UNSD conversion table (`hs2022,hs1992` header) into code → older codes.

    Codes stay text: a code that lost its leading zero (a spreadsheet's doing) is zero-filled
    back to six digits. A code mapped to several older codes keeps them all, sorted.
    """
    reader = csv.reader(lines)
    header = [column.strip().lower() for column in next(reader, [])]
    if len(header) < 2:
        raise ValueError("The conversion table needs two columns: new code, old code.")
    mapping: dict[str, set[str]] = defaultdict(set)
    for row in reader:
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            continue
        new, old = row[0].strip(), row[1].strip()
        if not (new.isdigit() and old.isdigit()):
            continue
        mapping[new.zfill(6)].add(old.zfill(6))
    return {code: tuple(sorted(olds)) for code, olds in mapping.items()}
