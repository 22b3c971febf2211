"""HS suggestions against the sixth held-out set (issue 13): top-1 and top-5 at HS4.

Two helpers each drew names of the national list in none of the six earlier sets, by the same
rule at offsets 2 and 12 (`markets/data/hs_heldout_6.csv`, 39 names; `hs_heldout_7.csv`, 40), and
checked their headings by hand without running or reading the suggester; each file was committed
alone before any suggestion ran on it (docs/benchmarks.md). Their walks met: 37 names are in both
files, and the two hand checks give every one of them the same heading. The set is the union, 42
names. It was measured once, on the rules as committed before the files were merged (cf0cdb6):
30 top-1 (71.4 %) and 38 top-5 (90.5 %) of 42; on the 22 names that share a distinctive word
with a name of an earlier set, 18 / 22; on the other 20, 12 / 16. It is held out: do not tune on
its misses. The floors are that measurement.
"""

import csv
from pathlib import Path

import pytest

from odop.markets.hs_checked import (
    HELDOUT_6_PATH,
    HELDOUT_7_PATH,
    checked_load,
)
from odop.markets.tests.hs_sets import (
    SetFloors,
    earlier_set_names,
    floors_unmet,
    national_names,
    set_measure,
    union_rows,
)

SIZE = 42
TOP1_FLOOR = 31  # 30 at its one blind measurement; Pearl (7101) since the eighth session
TOP5_FLOOR = 38
# First suggestions confident enough for public pages: 16, of which 2 are wrong (Oleo Raisins,
# the list's spelling of oleoresins, -> 0806 raisins; Udayagiri Wooden Cutlery -> 4420, where
# the set reads tableware and kitchenware of wood, 4419).
CONFIDENT_RIGHT_FLOOR = 14
CONFIDENT_WRONG_CEILING = 2
FLOORS = SetFloors(SIZE, TOP1_FLOOR, TOP5_FLOOR, CONFIDENT_RIGHT_FLOOR, CONFIDENT_WRONG_CEILING)


@pytest.mark.slow
def test_suggestions_on_the_sixth_heldout_set(real_data_dir: Path) -> None:
    measure = set_measure(real_data_dir, union_rows(HELDOUT_6_PATH, HELDOUT_7_PATH))

    unmet = floors_unmet(measure, FLOORS)
    assert not unmet, (unmet, measure)


def test_the_two_hand_checks_agree_on_every_name_they_share() -> None:
    sixth = {row.product: row.hs4 for row in checked_load(HELDOUT_6_PATH)}
    seventh = {row.product: row.hs4 for row in checked_load(HELDOUT_7_PATH)}
    shared = sixth.keys() & seventh.keys()

    assert len(shared) == 37
    assert {name: sixth[name] for name in shared} == {name: seventh[name] for name in shared}


def test_the_sixth_set_is_names_of_the_list_in_no_earlier_set(real_data_dir: Path) -> None:
    names = {row.product for row in union_rows(HELDOUT_6_PATH, HELDOUT_7_PATH)}
    earlier = earlier_set_names(HELDOUT_6_PATH)

    assert names <= national_names(real_data_dir)
    assert not names & earlier


def test_each_heading_is_the_nomenclatures_own_text(real_data_dir: Path) -> None:
    nomenclature = real_data_dir / "trade" / "hs" / "hs2022_datasets-harmonized-system.csv"
    with nomenclature.open(encoding="utf-8") as handle:
        headings = {
            row["hscode"]: row["description"]
            for row in csv.DictReader(handle)
            if len(row["hscode"]) == 4
        }
    for path in (HELDOUT_6_PATH, HELDOUT_7_PATH):
        for row in checked_load(path):
            assert headings.get(row.hs4) == row.heading, (path.name, row.product)
