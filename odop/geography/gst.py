"""GST State codes: the first two digits of a GSTIN name the State or UT of registration.

The codes are the GST system's State code list (GSTN/CBIC), which follows the Census 2011
State codes, adds 36 Telangana, 37 Andhra Pradesh (after the 2014 division) and 38 Ladakh,
and gives the merged UT of Dadra and Nagar Haveli and Daman and Diu 26 (25, Daman and Diu's
code before 26 January 2020, is still read as that UT). Source: the GST system's State code
list (public; as reproduced at https://www.tipa.in/blog/gst-state-code-list-of-india/ and
https://gstbillgenerator.com/gst-state-code-finder/, which agree), matched to the LGD State
codes of
/work/shared/data/districts/lgd_states.csv; codes 01-35 agree with that file's Census 2011
codes (checked in `geography/tests/test_gst.py`). 97 (Other Territory) and 99 (Centre
Jurisdiction) name no State and are left out, as is 28 (undivided Andhra Pradesh, before GST).

Pure: reads `data/gst_state_codes.csv` once; no ORM.
"""

import csv
from functools import cache
from pathlib import Path
from typing import Final

GST_STATE_CODES_FILE: Final = Path(__file__).parent / "data" / "gst_state_codes.csv"


@cache
def gst_codes_by_lgd_state() -> dict[int, frozenset[str]]:
    """LGD State code -> the GST State codes a GSTIN registered there may begin with."""
    codes: dict[int, set[str]] = {}
    with GST_STATE_CODES_FILE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            codes.setdefault(int(row["lgd_code"]), set()).add(row["gst_code"])
    return {state: frozenset(each) for state, each in codes.items()}


def gstin_state_agrees(*, gstin: str, lgd_state_code: int) -> bool | None:
    """Whether a GSTIN's State code is one of the State's; None when the State has no known
    GST code (nothing to check against, so no refusal)."""
    known = gst_codes_by_lgd_state().get(lgd_state_code)
    if not known:
        return None
    return gstin[:2] in known
