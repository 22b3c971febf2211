"""How the suggester reads a product's name (pure): its words as the nomenclature spells them,
the head of each of its parts, and whether it is one word that is the goods alone."""

import re
from collections.abc import Iterable, Mapping
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import Indel

from odop.markets.hs_suggest.weights import TYPO_MIN_LENGTH
from odop.markets.hs_suggest.words import expand, token_normalise, tokens, words_of

# Words of state, never the head of a name ("Prodattur Raw (Kora) Silk Shirting").
_STATE_WORDS: Final = "raw fresh dry dried frozen natural organic pure processed handmade"
STATE_TOKENS: Final = frozenset(token_normalise(word) for word in _STATE_WORDS.split())
_NAME_PARTS: Final = re.compile(r"[()/,&;]|\s-\s|-")
# A name that says its goods are processed. "Processing" names an industry ("Food Processing",
# "Agro Processing"), not the goods' state.
NAME_SAYS_PROCESSED: Final = re.compile(r"\bprocessed\b", re.IGNORECASE)


class NameReader:
    """Reads product names against one nomenclature's words (`vocabulary`, in token form), its
    nouns in -ing, the synonyms and the glossary (`words.expand`)."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        nouns: frozenset[str],
        synonyms: Mapping[str, tuple[str, ...]],
        glossary: Mapping[str, tuple[str, ...]] | None,
    ) -> None:
        self._known = frozenset(vocabulary)
        self._vocabulary = sorted(self._known)
        self._nouns = nouns
        self._synonyms = synonyms
        self._glossary = glossary
        self._spelling: dict[str, str] = {}

    def spelt(self, word: str) -> str:
        """`word`, or the nomenclature's word it misspells: a name word the nomenclature, the
        synonyms and the glossary do not know, of at least `TYPO_MIN_LENGTH` letters, one
        letter short or over (no other edit: "chanderi" is no misspelt "chandeli") of exactly
        one nomenclature word with the same first letter ("jewllery": jewellery)."""
        if (
            word in self._known
            or word in self._synonyms
            or (self._glossary is not None and word in self._glossary)
            or len(word) < TYPO_MIN_LENGTH
        ):
            return word
        if word not in self._spelling:
            near = [
                found
                for found, _distance, _ in process.extract(
                    word, self._vocabulary, scorer=Indel.distance, score_cutoff=1, limit=2
                )
                if found[0] == word[0]
            ]
            self._spelling[word] = near[0] if len(near) == 1 else word
        return self._spelling[word]

    def bare(self, name: str) -> str | None:
        """The word of a one-word name ("Jute", "Pearl"), if the nomenclature knows it: the
        name is the goods and nothing else. A name with any other word is not bare, even one
        that says nothing of what the goods are: "Granite Products" are worked stone, not
        granite, and "Dry Fish" is fish in a state the nomenclature names."""
        words = words_of(name)
        found = [self.spelt(word) for word in tokens(words[0], self._nouns)] if words else []
        return found[0] if len(words) == 1 and len(found) == 1 and found[0] in self._known else None

    def heads(self, name: str) -> set[str]:
        """The head word of each part of `name` (its last meaningful word that is not a word of
        state such as "raw" or "dried"), or the nomenclature's words for it when the
        nomenclature does not use the head itself ("bedsheet": "bed", "linen")."""
        heads: set[str] = set()
        for part in _NAME_PARTS.split(name):
            words = [
                self.spelt(word) for word in tokens(part, self._nouns) if word not in STATE_TOKENS
            ]
            if not words:
                continue
            head = words[-1]
            heads |= (
                {head}
                if head in self._known
                else set(expand([head], self._glossary, self._synonyms)[1:])
            )
        return {word for word in heads if word in self._known}
