"""HS suggestions against the second held-out set (issue 13): top-1 and top-5 at HS4.

`markets/data/hs_heldout_2.csv` holds 42 names of the national list, in neither earlier set,
whose headings a helper checked by hand without running or reading the suggester, and committed
before any suggestion ran on them (docs/benchmarks.md says how they were chosen). Its first
measurement is the honest figure for names the rules were not written from: 25 / 42 top-1 and
32 / 42 top-5 (the code before the fourth session's changes: 23 and 35). It has been a
development set since (Warli, nouns in -ing, a heading's subject, the raw-goods prior), like the
other two; the newest set, `hs_heldout_4.csv`, is the one held out. The floors are the figures measured after
that work: a change that lowers them fails here.
"""

from pathlib import Path

import pytest

from odop.markets.hs_checked import heldout_2_load
from odop.markets.tests.hs_sets import SetFloors, floors_unmet, set_measure

SIZE = 42
TOP1_FLOOR = 34  # 28 / 33 before the fifth session's rules, 32 / 36 before the sixth's
TOP5_FLOOR = 38
# First suggestions confident enough for public pages: 12, all right (11 before).
CONFIDENT_RIGHT_FLOOR = 12
CONFIDENT_WRONG_CEILING = 0
FLOORS = SetFloors(SIZE, TOP1_FLOOR, TOP5_FLOOR, CONFIDENT_RIGHT_FLOOR, CONFIDENT_WRONG_CEILING)


@pytest.mark.slow
def test_suggestions_on_the_second_heldout_set(real_data_dir: Path) -> None:
    measure = set_measure(real_data_dir, heldout_2_load())

    unmet = floors_unmet(measure, FLOORS)
    assert not unmet, (unmet, measure)
