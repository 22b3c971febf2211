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

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from odop.markets.hs_suggest.headings import (
    ALLOY_ASKED,
    ALLOY_STEEL,
    ARTICLES,
    FIXED_OIL_HEADINGS,
    MATERIAL_CHAPTERS,
    NAME_ASKS_PARTS,
    PREPARED,
    RAW,
    RESIDUAL,
    SECTOR_CHAPTERS,
    affirmed,
    auxiliary,
    essential_oil,
    material_chapters,
    parts_heading,
    purpose_words,
    subject_words,
)
from odop.markets.hs_suggest.names import NAME_SAYS_PROCESSED, STATE_TOKENS, NameReader
from odop.markets.hs_suggest.records import HSCandidate, HSEntry, ProductText
from odop.markets.hs_suggest.weights import (
    AUXILIARY_PENALTY,
    BARE_WEIGHT,
    CHAPTER_WEIGHT,
    CONFIDENCE_FULL_MARGIN,
    COSINE_WEIGHT,
    HEAD_ELSEWHERE_CREDIT,
    HEAD_PURPOSE_CREDIT,
    HEAD_WEIGHT,
    HEADING_WEIGHT,
    MATERIAL_WEIGHT,
    NAME_PLACE_CREDIT,
    NAME_REPEAT,
    NAME_WEIGHT,
    PROCESSED_WEIGHT,
    RAW_SECTORS,
    RAW_WEIGHT,
    RESIDUAL_PENALTY,
    SCORE_MAX,
    SECTOR_WEIGHT,
)
from odop.markets.hs_suggest.words import (
    expand,
    ing_nouns,
    synonym_tokens,
    token_normalise,
    tokens,
    words_of,
)


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
        # The nomenclature's nouns in -ing keep their -ing on both sides (`ing_nouns`).
        self._nouns = ing_nouns(by_code.values())
        self._synonyms = synonym_tokens(self._nouns)
        surface_counts: Counter[tuple[str, str]] = Counter()
        for text in by_code.values():
            for word in words_of(text):
                surface_counts[(token_normalise(word, self._nouns), word)] += 1
        # The nomenclature's commonest spelling of each token, for the words shown to officers.
        self._surface: dict[str, str] = {}
        for (token, word), _count in sorted(
            surface_counts.items(), key=lambda item: (-item[1], item[0])
        ):
            self._surface.setdefault(token, word)
        self._fixed_oil_words = frozenset(
            word
            for code, text in by_code.items()
            if code.startswith(FIXED_OIL_HEADINGS)
            for word in tokens(affirmed(text), self._nouns)
        )
        # What each heading (HS4) says of itself, read once per heading, not per subheading.
        headings = {code[:4] for code in self.codes}
        heading_text = {heading: by_code.get(heading, "") for heading in headings}
        purpose_of = {h: purpose_words(text, self._nouns) for h, text in heading_text.items()}
        subject_of = {h: subject_words(text, self._nouns) for h, text in heading_text.items()}
        place_tokens: list[dict[str, set[str]]] = []
        subjects: list[set[str]] = []
        purposes: list[set[str]] = []
        weighted: list[dict[str, float]] = []
        for code in self.codes:
            texts = {
                "subheading": by_code[code],
                "heading": by_code.get(code[:4], ""),
                "chapter": by_code.get(code[:2], ""),
            }
            # A word a line names only as an exception ("other than those of mustard") is no
            # word of that line.
            parts = {place: tokens(affirmed(text), self._nouns) for place, text in texts.items()}
            counts: dict[str, float] = defaultdict(float)
            for word in parts["subheading"]:
                counts[word] += 1.0
            for word in parts["heading"]:
                counts[word] += HEADING_WEIGHT
            for word in parts["chapter"]:
                counts[word] += CHAPTER_WEIGHT
            weighted.append(_log_tf(counts))
            place_tokens.append({place: set(words) for place, words in parts.items()})
            subjects.append(subject_of[code[:4]])
            purposes.append(purpose_of[code[:4]])
        document_frequency = Counter(term for counts in weighted for term in counts)
        total = len(self.codes)
        self.idf: dict[str, float] = {
            term: math.log((1 + total) / (1 + frequency)) + 1.0
            for term, frequency in document_frequency.items()
        }
        self._names = NameReader(self.idf.keys(), self._nouns, self._synonyms, glossary)
        postings_docs: dict[str, list[int]] = defaultdict(list)
        postings_weights: dict[str, list[float]] = defaultdict(list)
        credit: dict[str, list[float]] = defaultdict(list)
        in_heading: dict[str, list[float]] = defaultdict(list)
        for position, counts in enumerate(weighted):
            vector = {term: value * self.idf[term] for term, value in counts.items()}
            norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
            for term in sorted(vector):
                postings_docs[term].append(position)
                postings_weights[term].append(vector[term] / norm)
                places = place_tokens[position]
                in_heading[term].append(
                    1.0
                    if term in subjects[position]
                    else HEAD_PURPOSE_CREDIT
                    if term in purposes[position]
                    else HEAD_ELSEWHERE_CREDIT
                    if term in places["heading"]
                    else 0.0
                )
                credit[term].append(
                    max(
                        NAME_PLACE_CREDIT[place] for place, words in places.items() if term in words
                    )
                )
        self._docs = {term: np.array(docs, dtype=np.int32) for term, docs in postings_docs.items()}
        self._weights = {term: np.array(values) for term, values in postings_weights.items()}
        self._credit = {term: np.array(values) for term, values in credit.items()}
        # How much the term says what the subheading's heading (HS4) is about: 1 among its first
        # words ("Paintings, drawings ..."), less further on ("Wooden frames for paintings").
        self._in_heading = {term: np.array(flags) for term, flags in in_heading.items()}
        self._chapter_of = np.array([code[:2] for code in self.codes])
        # Subheadings of parts, waste or scrap: not the product itself unless its name says so.
        # A heading whose subject is parts counts for its every line ("Musical instrument
        # parts ...": its 920930 "Musical instrument strings" too).
        self._auxiliary = np.array(
            [
                bool(auxiliary(by_code[code]) or parts_heading(heading_text[code[:4]]))
                for code in self.codes
            ],
            dtype=float,
        )

        def headings_saying(pattern: re.Pattern[str], dtype: type = float) -> np.ndarray:
            """Per subheading: whether its heading's text says what `pattern` finds (each
            heading read once)."""
            said = {heading: bool(pattern.search(text)) for heading, text in heading_text.items()}
            return np.array([said[code[:4]] for code in self.codes], dtype=dtype)

        # Residual headings ("Other woven fabrics of cotton, n.e.c. in chapter 52").
        self._residual = headings_saying(RESIDUAL)
        # Headings of articles (made goods, not a material's raw forms: "Zinc; articles n.e.c.",
        # not "Copper wire"), where goods named by their material go in its chapter.
        self._articles = headings_saying(ARTICLES, bool)
        self._alloy_steel = headings_saying(ALLOY_STEEL)
        # Headings of goods prepared or preserved, what a name that says "processed" asks for.
        self._prepared = headings_saying(PREPARED)
        # Headings of goods as grown, caught or milked, before any working (`RAW_SECTORS`).
        self._raw = headings_saying(RAW)

    def _query(self, product: ProductText) -> tuple[dict[str, float], dict[str, float]]:
        """The product's TF-IDF vector (unit length) and its name words' IDF weights."""
        name_tokens = [self._names.spelt(word) for word in tokens(product.name, self._nouns)]
        # A compound the list writes as two words ("Buck Wheat") is one word of the nomenclature.
        joined = [
            first + second
            for first, second in itertools.pairwise(name_tokens)
            if first + second in self.idf
        ]
        name_words = [
            word
            for word in expand([*name_tokens, *joined], self._glossary, self._synonyms)
            if word in self.idf
        ]
        counts: dict[str, float] = defaultdict(float)
        for word in name_words:
            counts[word] += NAME_REPEAT
        descriptions = [text for text in product.descriptions if text.strip()]
        for text in descriptions:
            # Each description counts once in total, however many districts describe the type.
            for word in expand(tokens(text, self._nouns), self._glossary, self._synonyms):
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
        if essential_oil(
            product.name,
            product.descriptions,
            self._fixed_oil_words,
            self._nouns,
            ignore=STATE_TOKENS,
        ):
            product = replace(product, name=f"{product.name} / essential oil")
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
        head_hit = np.zeros(len(self.codes))
        heads = self._names.heads(product.name)
        for word in heads:
            docs = self._docs[word]
            head_hit[docs] = np.maximum(head_hit[docs], self._in_heading[word])
        score = score + HEAD_WEIGHT * head_hit
        bare = self._names.bare(product.name)
        if bare is not None:
            # The name is the goods themselves ("Jute", "Pearl", "Milk"): the heading that names
            # them as its subject, not articles made of them, goods derived from them or the
            # goods prepared or preserved ("Mushroom": 0709, not 2003).
            docs = self._docs[bare]
            subject = (
                (self._in_heading[bare] == 1.0)
                & ~self._articles[docs]
                & (self._prepared[docs] == 0)
            )
            score[docs] += BARE_WEIGHT * subject
        score = score - RESIDUAL_PENALTY * self._residual
        if RAW_SECTORS.intersection(product.sectors):
            score = score + RAW_WEIGHT * self._raw
        if NAME_SAYS_PROCESSED.search(product.name):
            score = score + PROCESSED_WEIGHT * (self._prepared - self._raw)
        materials = material_chapters(product.name)
        if materials:
            other = np.isin(self._chapter_of, list(MATERIAL_CHAPTERS - materials))
            own = np.isin(self._chapter_of, list(materials)) & self._articles
            score = score + MATERIAL_WEIGHT * (own.astype(float) - other)
        said = " ".join((product.name, *product.descriptions))
        if not ALLOY_ASKED.search(said):
            score = score - MATERIAL_WEIGHT * self._alloy_steel
        if not NAME_ASKS_PARTS.search(product.name.lower()):
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
        # No confidence in a first suggestion whose heading does not hold the head of the name
        # ("Jacquard Bedsheet" -> jacquard machine parts), or when no head word could be read:
        # it matched the modifiers only.
        if len(ranked) and heads and head_hit[ranked[0]]:
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
                    score=round(_score_share(float(score[position])), 4),
                    matched_terms=tuple(self._surface.get(term, term) for term in terms),
                    confidence=confidence if place == 0 and position == ranked[0] else 0.0,
                )
            )
        return results


def _score_share(raw: float) -> float:
    """A ranking score as a share of the most a candidate can earn (`SCORE_MAX`), in [0, 1]:
    what is stored and shown. Ranking and confidence use the raw score."""
    return min(1.0, max(0.0, raw / SCORE_MAX))


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
