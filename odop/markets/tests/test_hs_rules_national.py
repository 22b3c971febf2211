"""Rules of the HS suggester on the national list's own rows (issue 13): each test names the
list's products a rule is for, shows the heading they get, and shows that without the rule they
got another (so the test fails if the rule stops working). Real data from ODOP_DATA_DIR: the
HS 2022 nomenclature and each name's descriptions and sectors, as `hs_suggestions_refresh`
reads them."""

import functools
from pathlib import Path

import pytest

from odop.markets.hs_suggest import HSIndex, ProductText
from odop.markets.tests.hs_sets import set_index, set_texts

_set_index = functools.cache(set_index)


@pytest.fixture
def index(real_data_dir: Path) -> HSIndex:
    """The real nomenclature's index, built once for the module's tests."""
    return _set_index(real_data_dir)


def _first(index: HSIndex, text: ProductText) -> str:
    return index.suggest(text, distinct_headings=True)[0].code[:4]


@pytest.mark.parametrize(
    ("name", "heading", "without"),
    [
        # the goods themselves, not articles of them (7116), yarn of them (5307) nor butter
        # derived from them (0405)
        ("Pearl", "7101", "7116"),
        ("Jute", "5303", "5307"),
        ("Milk", "0401", "0405"),
    ],
)
def test_a_name_that_is_the_goods_alone_gets_the_heading_of_those_goods(
    index: HSIndex,
    real_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    heading: str,
    without: str,
) -> None:
    text = set_texts(real_data_dir, {name})[name]
    assert _first(index, text) == heading
    monkeypatch.setattr("odop.markets.hs_suggest.index.BARE_WEIGHT", 0.0)
    assert _first(index, text) == without


def test_a_bare_name_does_not_ask_for_the_goods_prepared(
    index: HSIndex, real_data_dir: Path
) -> None:
    # 2003 "Mushrooms and truffles; prepared or preserved ..." names mushrooms as its subject too
    text = set_texts(real_data_dir, {"Mushroom"})["Mushroom"]
    assert _first(index, text) == "0709"


def test_goods_the_name_says_are_processed_are_read_as_prepared(
    index: HSIndex, real_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "Processed cashew nuts"
    text = set_texts(real_data_dir, {name})[name]
    assert _first(index, text) == "2008"
    # the same words without "processed" stay with the nuts as they are
    plain = ProductText("Cashew nuts", text.descriptions, text.sectors)
    assert _first(index, plain) == "0801"
    monkeypatch.setattr("odop.markets.hs_suggest.index.PROCESSED_WEIGHT", 0.0)
    assert _first(index, text) == "0801"


def test_a_misspelt_name_word_is_read_as_the_nomenclatures_word(
    index: HSIndex, real_data_dir: Path
) -> None:
    name = "Studded gold jewllery"
    text = set_texts(real_data_dir, {name})[name]
    codes = [candidate.code[:4] for candidate in index.suggest(text, distinct_headings=True)]
    assert "7113" in codes  # precious-metal jewellery; before, none of the five was jewellery
    assert "7108" in codes[1:]  # gold, which the name's one known word had made first
