"""HS suggestions against the second held-out set (issue 13): top-1 and top-5 at HS4.

`markets/data/hs_heldout_2.csv` holds 42 names of the national list, in neither earlier set,
whose headings a helper checked by hand without running or reading the suggester, and committed
before any suggestion ran on them (docs/benchmarks.md says how they were chosen). Its first
measurement is the honest figure for names the rules were not written from: 25 / 42 top-1 and
32 / 42 top-5 (the code before this session's changes: 23 and 35). One defect it showed was
fixed since (Snowball reading "Warli" as "war"), so it is no longer blind for that name; do not
tune on the rest. The floors are the figures measured: a change that lowers them fails here.
"""

from pathlib import Path

import pytest

from odop.markets.hs_checked import heldout_2_load, hs_accuracy
from odop.markets.hs_suggest import CONFIDENCE_PUBLIC_MIN
from odop.markets.tests.hs_sets import set_candidates

SIZE = 42
TOP1_FLOOR = 25
TOP5_FLOOR = 32
# First suggestions confident enough for public pages: 12, of which 1 is wrong (Prodattur
# "Raw (Kora) Silk Shirting" -> 5002 raw silk; woven silk, 5007, is right).
CONFIDENT_RIGHT_FLOOR = 11
CONFIDENT_WRONG_CEILING = 1


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
