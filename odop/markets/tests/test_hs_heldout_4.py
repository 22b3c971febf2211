"""HS suggestions against the fourth held-out set (issue 13): top-1 and top-5 at HS4.

`markets/data/hs_heldout_4.csv` holds 40 names of the national list, in none of the four
earlier sets, whose headings a helper checked by hand without running or reading the suggester,
and committed before any suggestion ran on them (docs/benchmarks.md says how they were chosen).
It was measured once, on the fifth session's rules as committed before the set was merged: 33
top-1 and 38 top-5 of 40 (the code at the session's start: 30 and 38). Nineteen of its names
contain every word of a name of an earlier set; on the other 21 the figures were 14 and 19.
Its misses were then read (ingots, millets, towels, mats, fabric jewellery), so it is a
development set like the others (the held-out set now is the sixth, test_hs_heldout_6.py). The floors are the
figures after that work: a change that lowers them fails here.
"""

from pathlib import Path

import pytest

from odop.markets.hs_checked import HELDOUT_4_PATH, checked_load
from odop.markets.tests.hs_sets import (
    SetFloors,
    earlier_set_names,
    floors_unmet,
    national_names,
    set_measure,
)

SIZE = 40
TOP1_FLOOR = 38  # 33 / 38 at its one blind measurement
TOP5_FLOOR = 40
# First suggestions confident enough for public pages: 22, all right. At the blind measurement
# 19, of which 1 wrong (Textile-Towels -> 5802 terry towelling; towels are 6302 toilet linen).
CONFIDENT_RIGHT_FLOOR = 22  # 20 before the sixth session's rules
CONFIDENT_WRONG_CEILING = 0
FLOORS = SetFloors(SIZE, TOP1_FLOOR, TOP5_FLOOR, CONFIDENT_RIGHT_FLOOR, CONFIDENT_WRONG_CEILING)


@pytest.mark.slow
def test_suggestions_on_the_fourth_heldout_set(real_data_dir: Path) -> None:
    measure = set_measure(real_data_dir, checked_load(HELDOUT_4_PATH))

    unmet = floors_unmet(measure, FLOORS)
    assert not unmet, (unmet, measure)


def test_the_fourth_set_is_names_of_the_list_in_no_earlier_set(real_data_dir: Path) -> None:
    names = {row.product for row in checked_load(HELDOUT_4_PATH)}
    earlier = earlier_set_names(HELDOUT_4_PATH)

    assert names <= national_names(real_data_dir)
    assert not names & earlier
