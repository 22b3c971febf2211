"""Words, sounds and the glossary of the catalogue search (issue 13; pure, no database)."""

import pytest
from django.core.exceptions import ValidationError

from odop.registry.search import glossary_load, glossary_parse
from odop.registry.search.text import devanagari_romanise, phrase_key, sound_key, words


@pytest.mark.parametrize(
    ("devanagari", "romanised"),
    [
        ("हल्दी", "haldi"),
        ("रेशम", "resham"),  # the final consonant's inherent vowel is not spoken
        ("मखाना", "makhana"),
        ("पुलवामा", "pulavama"),
        ("इलाहाबाद", "ilahabad"),
        ("गुड़", "gur"),  # ड़ is an r
    ],
)
def test_devanagari_is_romanised_as_written_in_india(devanagari: str, romanised: str) -> None:
    assert devanagari_romanise(devanagari) == romanised


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Pulwama", "pulavama"),
        ("Allahabad", "ilahabad"),
        ("kaleen", "kalin"),
        ("chikankari", "chikanakari"),
        ("phulkari", "fulkari"),
    ],
)
def test_spellings_of_one_sound_share_a_key(one: str, other: str) -> None:
    assert sound_key(one) == sound_key(other)


def test_different_words_keep_different_keys() -> None:
    assert sound_key("silk") != sound_key("salt")
    assert sound_key("mango") != sound_key("mint")


def test_words_are_folded_singular_and_romanised_without_stop_words() -> None:
    assert words("Makhana (Foxnut) and हल्दी, Potteries of Khurja") == [
        "makhana",
        "foxnut",
        "haldi",
        "pottery",
        "khurja",
    ]
    assert phrase_key("  Fox   NUTS ") == "fox nut"


def test_the_glossary_file_is_complete_and_each_spelling_means_one_thing() -> None:
    glossary = glossary_load()

    assert len(glossary.entries) >= 50
    owners: dict[str, str] = {}
    for entry in glossary.entries:
        assert entry.source.startswith("McGregor OHED s.v."), entry
        assert all(phrase for phrase in entry.phrases)
        for phrase in entry.phrases:
            # A spelling that belonged to two rows would join two different goods.
            assert owners.setdefault(phrase, entry.hindi) == entry.hindi, phrase


@pytest.mark.parametrize(
    ("word", "english"),
    [("हल्दी", "turmeric"), ("haldi", "turmeric"), ("रेशम", "silk"), ("makhana", "fox nut")],
)
def test_glossary_gives_the_english_of_hindi_and_romanised_words(word: str, english: str) -> None:
    assert english in glossary_load().english_of(word)


def test_a_glossary_row_without_a_source_is_refused() -> None:
    lines = ["hindi,romanised,english,source", "हल्दी,haldi,turmeric,"]

    with pytest.raises(ValidationError) as error:
        glossary_parse(lines)

    assert error.value.code == "glossary_row_incomplete"


def test_a_glossary_with_other_columns_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        glossary_parse(["hindi,english", "हल्दी,turmeric"])

    assert error.value.code == "glossary_columns"
