"""The GST State codes (issue 12): every LGD State has its code, and the codes that follow the
Census 2011 State codes agree with the LGD file's Census column."""

import csv

import pytest
from django.conf import settings

from odop.geography.gst import gst_codes_by_lgd_state, gstin_state_agrees

# GST codes assigned after the Census 2011 codes (Telangana, divided Andhra Pradesh, Ladakh)
# and the merged UT of Dadra and Nagar Haveli and Daman and Diu (25 and 26 before 2020).
LATER = {36, 28, 37, 38}


def test_every_lgd_state_has_a_gst_code_that_agrees_with_census_2011() -> None:
    path = settings.ODOP_DATA_DIR / "districts" / "lgd_states.csv"
    if not path.exists():
        pytest.skip("the shared reference data is not on this machine")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))[1:]
    codes = gst_codes_by_lgd_state()
    assert {int(row[1]) for row in rows} == set(codes)
    for row in rows:
        lgd, census = int(row[1]), row[6]
        if lgd not in LATER:
            assert codes[lgd] == frozenset({census}), row[3]


@pytest.mark.parametrize(
    ("gstin", "lgd_state", "agrees"),
    [
        ("27AAPFU0939F1ZV", 9, False),  # Maharashtra's GSTIN, a producer in Uttar Pradesh
        ("09AAPFU0939F1ZV", 9, True),
        ("37AAPFU0939F1ZV", 28, True),  # Andhra Pradesh's code since 2014
        ("38AAPFU0939F1ZV", 37, True),  # Ladakh
        ("25AAPFU0939F1ZV", 38, True),  # Daman and Diu before the 2020 merger
        ("27AAPFU0939F1ZV", 999, None),  # a State with no known code: nothing to check
    ],
)
def test_gstin_state_agrees(gstin: str, lgd_state: int, agrees: bool | None) -> None:
    """issue 12: a GSTIN's first two digits must be its producer's State's GST code."""
    assert gstin_state_agrees(gstin=gstin, lgd_state_code=lgd_state) is agrees
