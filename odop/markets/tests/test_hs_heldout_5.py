"""HS suggestions against the fifth held-out set (issue 13): top-1 and top-5 at HS4.

`markets/data/hs_heldout_5.csv` holds 40 names of the national list, in none of the five
earlier sets, whose headings a helper checked by hand without running or reading the suggester,
and committed before any suggestion ran on them (docs/benchmarks.md). It was measured once, on
the rules and glossary as committed before the set was merged (7fa0ab6): 30 top-1 and 37 top-5
of 40. Nineteen of its names contain every word of a name of an earlier set (15 / 17); on the
other 21: 15 / 20. Since that measurement it is a development set: the sixth session's rules
were made from its misses, and the sixth held-out set measured them (test_hs_heldout_6.py).
"""

from pathlib import Path

import pytest

from odop.markets.hs_checked import HELDOUT_5_PATH, checked_load
from odop.markets.tests.hs_sets import (
    SetFloors,
    earlier_set_names,
    floors_unmet,
    national_names,
    set_measure,
)

SIZE = 40
# 30 / 37 at its one blind measurement; a development set since (the sixth session's rules)
TOP1_FLOOR = 37
TOP5_FLOOR = 39
# First suggestions confident enough for public pages: 13, all right. At the blind measurement
# 13, of which 1 wrong (Cashew Processing -> 0801 cashew nuts, 0.71; the set reads roasted
# kernels as 2008): it is still first, at 0.69, just under the threshold.
CONFIDENT_RIGHT_FLOOR = 13
CONFIDENT_WRONG_CEILING = 1
FLOORS = SetFloors(SIZE, TOP1_FLOOR, TOP5_FLOOR, CONFIDENT_RIGHT_FLOOR, CONFIDENT_WRONG_CEILING)


@pytest.mark.slow
def test_suggestions_on_the_fifth_heldout_set(real_data_dir: Path) -> None:
    measure = set_measure(real_data_dir, checked_load(HELDOUT_5_PATH))

    unmet = floors_unmet(measure, FLOORS)
    assert not unmet, (unmet, measure)


def test_the_fifth_set_is_names_of_the_list_in_no_earlier_set(real_data_dir: Path) -> None:
    names = {row.product for row in checked_load(HELDOUT_5_PATH)}
    earlier = earlier_set_names(HELDOUT_5_PATH)

    assert names <= national_names(real_data_dir)
    assert not names & earlier
