"""HS suggestions against the third held-out set (issue 13): top-1 and top-5 at HS4.

`markets/data/hs_heldout_3.csv` holds 42 names of the national list, in none of the three
earlier sets, whose headings a helper checked by hand without running or reading the suggester,
and committed before any suggestion ran on them (docs/benchmarks.md says how they were chosen).
It was measured once, after the fourth session's changes (28 / 36 of 42): that is its honest
figure. Its misses were read in the fifth session, so it is a development set like the others
(Indian English idioms, parts headings, residual headings, purpose words); `hs_heldout_4.csv`
is the one held out. The floors are the figures measured after that work.
"""

from pathlib import Path

import pytest

from odop.markets.hs_checked import HELDOUT_3_PATH, checked_load
from odop.markets.tests.hs_sets import SetFloors, floors_unmet, set_measure

SIZE = 42
TOP1_FLOOR = 37  # 28 / 36 at its one blind measurement, 36 before the eighth session's rules
TOP5_FLOOR = 42
# First suggestions confident enough for public pages: 14, of which 1 is wrong (Goldsmith
# Industry -> 7114 goldsmiths' wares; the set reads the description's jewellery, 7113). At the
# blind measurement 13, of which 2 wrong (Custard Apple -> 0808, Lady Finger -> 4407). The
# sixth session's material rule gave Etikoppaka's wooden toys (9503) a near rival in chapter 44
# (4420, articles of wood), so that first suggestion, still right, is no longer confident (16 ->
# 14 with Chinnaur Rice, whose margin fell just under the threshold).
CONFIDENT_RIGHT_FLOOR = 13
CONFIDENT_WRONG_CEILING = 1
FLOORS = SetFloors(SIZE, TOP1_FLOOR, TOP5_FLOOR, CONFIDENT_RIGHT_FLOOR, CONFIDENT_WRONG_CEILING)


@pytest.mark.slow
def test_suggestions_on_the_third_heldout_set(real_data_dir: Path) -> None:
    measure = set_measure(real_data_dir, checked_load(HELDOUT_3_PATH))

    unmet = floors_unmet(measure, FLOORS)
    assert not unmet, (unmet, measure)
