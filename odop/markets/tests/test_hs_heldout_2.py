"""HS suggestions against the second held-out set (issue 13): top-1 and top-5 at HS4.

`markets/data/hs_heldout_2.csv` holds 42 names of the national list, in neither earlier set,
whose headings a helper checked by hand without running or reading the suggester, and committed
before any suggestion ran on them (docs/benchmarks.md says how they were chosen). Its first
measurement is the honest figure for names the rules were not written from: 25 / 42 top-1 and
32 / 42 top-5 (the code before the fourth session's changes: 23 and 35). It has been a
development set since (Warli, nouns in -ing, a heading's subject, the raw-goods prior), like the
other two; `hs_heldout_3.csv` is the one held out. The floors are the figures measured after
that work: a change that lowers them fails here.
"""

from pathlib import Path

import pytest

from odop.markets.hs_checked import heldout_2_load, hs_accuracy
from odop.markets.hs_suggest import CONFIDENCE_PUBLIC_MIN
from odop.markets.tests.hs_sets import set_candidates

SIZE = 42
TOP1_FLOOR = 28
TOP5_FLOOR = 33
# First suggestions confident enough for public pages: 11, all right.
CONFIDENT_RIGHT_FLOOR = 11
CONFIDENT_WRONG_CEILING = 0


@pytest.mark.slow
def test_suggestions_on_the_second_heldout_set(real_data_dir: Path) -> None:
    rows = heldout_2_load()
    candidates = set_candidates(real_data_dir, {row.product for row in rows})

    accuracy = hs_accuracy(
        rows, {name: [c.code for c in found] for name, found in candidates.items()}
    )
    confident = [
        (row, candidates[row.product][0])
        for row in rows
        if candidates[row.product]
        and candidates[row.product][0].confidence >= CONFIDENCE_PUBLIC_MIN
    ]
    wrong = [row.product for row, first in confident if first.code[:4] != row.hs4]

    assert accuracy.size == SIZE
    assert accuracy.top1 >= TOP1_FLOOR, accuracy
    assert accuracy.top5 >= TOP5_FLOOR, accuracy
    assert len(confident) - len(wrong) >= CONFIDENT_RIGHT_FLOOR, confident
    assert len(wrong) <= CONFIDENT_WRONG_CEILING, wrong
