"""HS suggestions against every hand-checked name at once (issue 13's done-when: top-1 >= 85 %
and top-5 >= 95 % at HS4 on the hand-checked set).

The nine files (`markets/data/hs_*.csv`) hold 325 distinct names: by the sets' own test of a
name clear enough for one heading, every such name of the national list (the last draws found
no more, docs/benchmarks.md). 276 of them were read to make the rules; the 49 of the sixth to
ninth files were measured once blind, at 36 top-1 and 45 top-5 (73.5 % and 91.8 %), before the
eighth session's rules, which were made after reading every file. So these figures say how the
suggester does on the list it serves, not on names it has never seen.
"""

from pathlib import Path

import pytest

from odop.markets.hs_checked import CHECKED_PATH
from odop.markets.tests.hs_sets import SetFloors, floors_unmet, set_measure, union_rows

# 281 (86.5 %) top-1, 312 (96.0 %) top-5 since the eighth session's rules (277 and 311 before);
# confident wrong: Goldsmith Industry, Oleo Raisins, Udayagiri Wooden Cutlery.
FLOORS = SetFloors(size=325, top1=281, top5=312, confident_right=135, confident_wrong_most=3)


@pytest.mark.slow
def test_suggestions_on_every_hand_checked_name(real_data_dir: Path) -> None:
    paths = sorted(CHECKED_PATH.parent.glob("hs_*.csv"))
    measure = set_measure(real_data_dir, union_rows(*paths))

    assert not floors_unmet(measure, FLOORS), (floors_unmet(measure, FLOORS), measure)
    assert measure.accuracy.top1_share >= 0.85
    assert measure.accuracy.top5_share >= 0.95
