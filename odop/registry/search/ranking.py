"""Ranked search over the catalogue's products (issue 13; pure: no ORM, no I/O).

The whole national list (about 1,250 district products, some 6,000 distinct words) fits in
memory, so the index is a plain inverted index built once per data version (see
`registry.selectors.search_index_current`). A query is read as *terms*: a word, or a phrase of
the glossary ("fox nut") with all its other spellings ("makhana", "मखाना"). Each term scores a
document by the best field it is found in (`FIELD_WEIGHTS`: the product's own name counts more
than its district, the district more than the description) times how well the word matched:

* the word itself (1.0) or a longer word starting with it (`PREFIX_QUALITY`);
* only when the word is in no document at all (a typo, another spelling): words within
  `FUZZY_MIN` edit similarity (rapidfuzz), and words that sound the same (`text.sound_key`).

Documents are ranked by how many of the query's terms they match, then by the sum of the
terms' scores (plus a bonus when the whole query is the product's name); only documents that
match as many terms as the best one, within `RELATIVE_FLOOR` of its score, are returned.
"""

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz, process

from odop.registry.search.glossary import Glossary
from odop.registry.search.text import phrase_key, sound_key, words

FIELD_WEIGHTS: Final[Mapping[str, float]] = {
    "name": 1.0,  # the product as the district lists it
    "type": 0.9,  # its product type and every name of the type
    "gi": 0.85,  # the registered GI it is linked to
    "district": 0.8,  # its district: name, LGD name, every known spelling, HQ town
    "state": 0.5,  # its State
    "description": 0.4,  # the national list's description
}
PREFIX_QUALITY: Final = 0.8
PREFIX_MIN_LENGTH: Final = 4  # "jar" must not find "jardalu"
FUZZY_MIN: Final = 80.0  # rapidfuzz ratio (0-100) for a word of FUZZY_MIN_LENGTH or more
FUZZY_MIN_LENGTH: Final = 4
FUZZY_QUALITY: Final = 0.85  # times the similarity
SOUND_QUALITY: Final = 0.8
SOUND_KEY_MIN_LENGTH: Final = 3
GLOSSARY_QUALITY: Final = 0.9  # another spelling of a glossary phrase
PHRASE_BONUS: Final = 1.0  # the whole query is the product's (or its type's) name
PHRASE_START_BONUS: Final = 0.4  # ... or its beginning
RELATIVE_FLOOR: Final = 0.25
_MATCH_CACHE_SIZE: Final = 4096


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing (a district product): its id, a label to break ties, its texts."""

    key: int
    label: str
    texts: Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class SearchHit:
    """One found document: how many of the query's terms it matched and its score."""

    key: int
    terms_matched: int
    score: float


@dataclass(frozen=True)
class _Term:
    """One term of a query: its spellings (each a phrase of words) and how much each counts."""

    alternatives: tuple[tuple[tuple[str, ...], float, bool], ...]  # (words, quality, exact)


class SearchIndex:
    """An inverted index of documents' words by field, with the glossary for query terms."""

    def __init__(self, documents: Iterable[SearchDocument], *, glossary: Glossary) -> None:
        self._glossary = glossary
        self._postings: dict[str, dict[int, float]] = {}
        self._names: dict[int, frozenset[str]] = {}
        self._labels: dict[int, str] = {}
        for document in documents:
            self._labels[document.key] = document.label
            names: set[str] = set()
            for field_name, texts in document.texts.items():
                weight = FIELD_WEIGHTS[field_name]
                for text in texts:
                    if field_name in {"name", "type"}:
                        names.add(phrase_key(text))
                    for word in words(text):
                        postings = self._postings.setdefault(word, {})
                        if postings.get(document.key, 0.0) < weight:
                            postings[document.key] = weight
            self._names[document.key] = frozenset(names)
        self._vocabulary = sorted(self._postings)
        self._sounds: dict[str, list[str]] = {}
        for word in self._vocabulary:
            key = sound_key(word)
            if len(key) >= SOUND_KEY_MIN_LENGTH:
                self._sounds.setdefault(key, []).append(word)
        self._matches: dict[str, dict[str, float]] = {}

    def __len__(self) -> int:
        return len(self._labels)

    @property
    def vocabulary_size(self) -> int:
        return len(self._vocabulary)

    def word_matches(self, word: str) -> dict[str, float]:
        """Which indexed words `word` stands for, each with the quality of the match."""
        cached = self._matches.get(word)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if word in self._postings:
            found[word] = 1.0
            if len(word) >= PREFIX_MIN_LENGTH:
                for other in self._prefixed(word):
                    found.setdefault(other, PREFIX_QUALITY)
        else:
            if len(word) >= PREFIX_MIN_LENGTH:
                for other in self._prefixed(word):
                    found[other] = PREFIX_QUALITY
            if len(word) >= FUZZY_MIN_LENGTH:
                for other, similarity, _index in process.extract(
                    word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=20
                ):
                    quality = FUZZY_QUALITY * similarity / 100.0
                    found[other] = max(found.get(other, 0.0), quality)
            for other in self._sounds.get(sound_key(word), ()):
                found[other] = max(found.get(other, 0.0), SOUND_QUALITY)
        if len(self._matches) >= _MATCH_CACHE_SIZE:
            self._matches.clear()
        self._matches[word] = found
        return found

    def _prefixed(self, word: str) -> list[str]:
        start = bisect_left(self._vocabulary, word)
        result: list[str] = []
        for other in self._vocabulary[start:]:
            if not other.startswith(word):
                break
            if other != word:
                result.append(other)
        return result

    def _terms(self, query_words: list[str]) -> list[_Term]:
        """The query's words grouped into terms: the longest glossary phrase first."""
        terms: list[_Term] = []
        position = 0
        equivalents = self._glossary.equivalents
        while position < len(query_words):
            for size in range(
                min(self._glossary.longest_phrase, len(query_words) - position), 0, -1
            ):
                phrase = " ".join(query_words[position : position + size])
                if phrase in equivalents:
                    # The glossary's other spellings are matched as written: a spelling that no
                    # product uses must not find look-alike words ("makhane" / "machine").
                    alternatives = [(tuple(phrase.split()), 1.0, False)] + [
                        (tuple(other.split()), GLOSSARY_QUALITY, True)
                        for other in sorted(equivalents[phrase])
                        if other != phrase
                    ]
                    terms.append(_Term(alternatives=tuple(alternatives)))
                    position += size
                    break
            else:
                terms.append(_Term(alternatives=(((query_words[position],), 1.0, False),)))
                position += 1
        return terms

    def _word_scores(self, word: str, *, exact: bool) -> dict[int, float]:
        scores: dict[int, float] = {}
        matches = self.word_matches(word)
        if exact:
            matches = {other: quality for other, quality in matches.items() if quality == 1.0}
        for other, quality in matches.items():
            for key, weight in self._postings[other].items():
                value = quality * weight
                if scores.get(key, 0.0) < value:
                    scores[key] = value
        return scores

    def _term_scores(self, term: _Term) -> dict[int, float]:
        scores: dict[int, float] = {}
        for phrase, quality, exact in term.alternatives:
            per_word = [self._word_scores(word, exact=exact) for word in phrase]
            common = set(per_word[0]).intersection(*per_word[1:])
            for key in common:
                value = quality * min(word_scores[key] for word_scores in per_word)
                if scores.get(key, 0.0) < value:
                    scores[key] = value
        return scores

    def rank(self, query: str) -> list[SearchHit]:
        """The documents that match `query`, best first (an empty query matches nothing)."""
        query_words = words(query)
        if not query_words:
            return []
        matched: dict[int, int] = {}
        totals: dict[int, float] = {}
        for term in self._terms(query_words):
            for key, value in self._term_scores(term).items():
                matched[key] = matched.get(key, 0) + 1
                totals[key] = totals.get(key, 0.0) + value
        if not totals:
            return []
        whole = " ".join(query_words)
        for key in totals:
            names = self._names[key]
            if whole in names:
                totals[key] += PHRASE_BONUS
            elif any(name.startswith(whole) for name in names):
                totals[key] += PHRASE_START_BONUS
        most = max(matched.values())
        best = max(totals[key] for key in totals if matched[key] == most)
        hits = [
            SearchHit(key=key, terms_matched=most, score=round(total, 6))
            for key, total in totals.items()
            if matched[key] == most and total >= RELATIVE_FLOOR * best
        ]
        hits.sort(key=lambda hit: (-hit.score, self._labels[hit.key], hit.key))
        return hits
