"""The reviewed bilingual glossary of product words (`registry/data/glossary.csv`, issue 13).

`glossary_parse` is pure; `glossary_load` reads the packaged file once per process. Search
treats every spelling of one row as the same word; HS suggestions read its English words.
"""

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from django.core.exceptions import ValidationError

from odop.registry.search.text import phrase_key

GLOSSARY_PATH: Final = Path(__file__).resolve().parent.parent / "data" / "glossary.csv"
COLUMNS: Final = ("hindi", "romanised", "english", "source")


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept: its Hindi word, romanised spellings, English words and where it is from."""

    hindi: str
    romanised: tuple[str, ...]
    english: tuple[str, ...]
    source: str

    @property
    def phrases(self) -> frozenset[str]:
        """Every spelling of the concept as a search phrase (the Hindi one romanised)."""
        spellings = (self.hindi, *self.romanised, *self.english)
        return frozenset(key for key in (phrase_key(text) for text in spellings) if key)


@dataclass(frozen=True)
class Glossary:
    """The glossary's entries and, for each phrase, the phrases that mean the same."""

    entries: tuple[GlossaryEntry, ...]

    @functools.cached_property
    def equivalents(self) -> dict[str, frozenset[str]]:
        result: dict[str, set[str]] = {}
        for entry in self.entries:
            phrases = entry.phrases
            for phrase in phrases:
                result.setdefault(phrase, set()).update(phrases)
        return {phrase: frozenset(others) for phrase, others in result.items()}

    @functools.cached_property
    def longest_phrase(self) -> int:
        return max((len(phrase.split()) for phrase in self.equivalents), default=1)

    def english_of(self, word: str) -> tuple[str, ...]:
        """The English words of every entry that `word` (any spelling) belongs to."""
        key = phrase_key(word)
        found: list[str] = []
        for entry in self.entries:
            if key in entry.phrases:
                found.extend(entry.english)
        return tuple(found)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def glossary_parse(lines: Iterable[str]) -> Glossary:
    """Parse the glossary file; a row without a Hindi word, an English word or a source is an
    error (code `glossary_row_incomplete`), as is a header other than `COLUMNS`."""
    reader = csv.DictReader(lines)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValidationError(
            "Glossary columns must be %(columns)s",
            code="glossary_columns",
            params={"columns": ", ".join(COLUMNS)},
        )
    entries: list[GlossaryEntry] = []
    for number, row in enumerate(reader, start=2):
        entry = GlossaryEntry(
            hindi=(row["hindi"] or "").strip(),
            romanised=_split(row["romanised"] or ""),
            english=_split(row["english"] or ""),
            source=(row["source"] or "").strip(),
        )
        if not (entry.hindi and entry.english and entry.source):
            raise ValidationError(
                "Glossary row %(row)s lacks a Hindi word, an English word or a source",
                code="glossary_row_incomplete",
                params={"row": number},
            )
        entries.append(entry)
    return Glossary(entries=tuple(entries))


@functools.cache
def glossary_load() -> Glossary:
    """The packaged glossary, parsed once per process (it changes only with the code)."""
    with GLOSSARY_PATH.open(encoding="utf-8", newline="") as handle:
        return glossary_parse(handle)
