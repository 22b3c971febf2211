"""HS suggestions against the first held-out set (issue 13): top-1 and top-5 at HS4.

`markets/data/hs_heldout.csv` holds 45 names of the national list, none in `hs_checked.csv`,
whose headings were checked by hand before any suggestion was run on them (docs/benchmarks.md
says how they were chosen). It was held out until its first measurement (51 % / 69 %); since
then its misses have been read to improve `hs_suggest` (word forms, head words, glossary), so
it is a development set like the checked set, and the set that says how the suggestions do on
names they were not tuned on is the newest, `hs_heldout_4.csv` (`test_hs_heldout_4.py`). The floors are
the figures measured after that work: a change that lowers them fails here.
"""

import re
from pathlib import Path

import pytest

from odop.markets.hs_checked import checked_load, heldout_load, hs_accuracy
from odop.markets.tests.hs_sets import national_names, set_measure, set_suggestions

HELDOUT_SIZE = 45
TOP1_FLOOR = 34  # of 45 (32 before the fifth session's rules)
TOP5_FLOOR = 40
# First suggestions confident enough for public pages (CONFIDENCE_PUBLIC_MIN, set on this set
# and the checked set): 18, all right; 21 since the fifth session's rules.
CONFIDENT_RIGHT_FLOOR = 22  # 21 before the sixth session's rules
CONFIDENT_WRONG_CEILING = 0


def _spelling(name: str) -> str:
    """A name without case, spaces, punctuation or a final plural s."""
    letters = re.sub(r"[^a-z]", "", name.casefold())
    return letters.removesuffix("es") if letters.endswith("ies") else letters.removesuffix("s")


@pytest.mark.slow
def test_suggestions_meet_the_measured_floor_on_the_heldout_set(real_data_dir: Path) -> None:
    heldout = heldout_load()

    accuracy = hs_accuracy(heldout, set_suggestions(real_data_dir, {r.product for r in heldout}))

    assert accuracy.size == HELDOUT_SIZE
    assert accuracy.top1 >= TOP1_FLOOR, accuracy
    assert accuracy.top5 >= TOP5_FLOOR, accuracy


@pytest.mark.slow
def test_confident_first_suggestions_are_mostly_right_on_the_heldout_set(
    real_data_dir: Path,
) -> None:
    measure = set_measure(real_data_dir, heldout_load())

    assert measure.confident_right >= CONFIDENT_RIGHT_FLOOR, measure
    assert len(measure.confident_wrong) <= CONFIDENT_WRONG_CEILING, measure


@pytest.mark.slow
def test_every_heldout_product_is_a_name_of_the_national_list(real_data_dir: Path) -> None:
    assert {row.product for row in heldout_load()} <= national_names(real_data_dir)


def test_the_heldout_set_shares_no_name_or_spelling_with_the_checked_set() -> None:
    heldout = [row.product for row in heldout_load()]
    checked = {row.product for row in checked_load()}

    assert len(heldout) == len(set(heldout)) == HELDOUT_SIZE
    assert not set(heldout) & checked
    assert not {_spelling(name) for name in heldout} & {_spelling(name) for name in checked}


def test_spellings_compare_without_case_punctuation_or_plural() -> None:
    assert _spelling("Chillies") == _spelling("Chilli")
    assert _spelling("Apples") == _spelling("apple")
    assert _spelling("Buck Wheat") == _spelling("Buckwheat")
    assert _spelling("Chilli - Mizo") != _spelling("Chillies")
