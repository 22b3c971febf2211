"""Fixtures shared by every app's tests: a small reference data set and the browser set-up."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import Browser, BrowserContext, expect

# Playwright's sync API runs an event loop in the test thread; pytest-django's database
# set-up then needs this, or it raises SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# CI runs the SQLite and PostgreSQL suites side by side on two cores, so a page (its server
# thread, the database and chromium sharing them) can take longer to settle than Playwright's
# 5 s default for `expect`; a real fault still fails, only later.
expect.set_options(timeout=20_000)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def _language_default() -> Iterator[None]:
    """Each test starts in English: a request to a /hi/ page activates Hindi in the test's
    thread (LocaleMiddleware), and `reverse()` in the next test would then give /hi/ paths."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Drive Debian's chromium (never a downloaded browser)."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """A 360 px phone in Chromium (English browser)."""
    from odop.core.tests.browser_support import phone_context

    context = phone_context(browser)
    yield context
    context.close()


@pytest.fixture
def phone_hi(browser: Browser) -> Iterator[BrowserContext]:
    """A 360 px phone whose browser asks for Hindi."""
    from odop.core.tests.browser_support import phone_context

    context = phone_context(browser, locale="hi-IN")
    yield context
    context.close()


LGD_STATES = """S.No.,State Code,State Version,State Name,State Name,Census 2001 Code,Census 2011 Code,State or UT
1,10,1,BIHAR,BIHAR,10,10,S
2,21,1,ODISHA,ODISHA,21,21,S
3,6,1,HARYANA,HARYANA,6,6,S
4,9,1,UTTAR PRADESH,UTTAR PRADESH,9,9,S
5,38,1,THE DADRA AND NAGAR HAVELI AND DAMAN AND DIU,THE DADRA AND NAGAR HAVELI AND DAMAN AND DIU,,,U
"""

LGD_DISTRICTS = """"State Code","State Name","District Code","District Name","Census 2001 Code","Census 2011 Code"
10,BIHAR,211,"PASHCHIM CHAMPARAN",1,203
10,BIHAR,213,"PURBI CHAMPARAN",2,204
10,BIHAR,212,PATNA,28,230
10,BIHAR,192,BHAGALPUR,25,225
21,ODISHA,346,BALESHWAR,8,377
21,ODISHA,345,BALANGIR,24,393
21,ODISHA,359,KANDHAMAL,21,390
6,HARYANA,604,NUH,,87
9,"UTTAR PRADESH",144,"GAUTAM BUDDHA NAGAR",11,141
9,"UTTAR PRADESH",157,"KANPUR NAGAR",34,164
9,"UTTAR PRADESH",156,"KANPUR DEHAT",33,163
38,"THE DADRA AND NAGAR HAVELI AND DAMAN AND DIU",465,"DADRA AND NAGAR HAVELI",,
"""

HQ_POINTS = """source_file,state,district,hq_name,lgd_district_code,census2011_district_code,census2011_state_code,year_status,lon,lat
x,BIHAR,Patna,Patna,212,230,10,2011_c,85.14,25.59
x,BIHAR,Purba Champaran,Motihari,213,204,10,2011_c,84.92,26.65
x,HARYANA,Mewat,Nuh,604,087,06,2011_c,77.00,28.10
"""

GI_REGISTRY = """S.No,Geographical Indications,Goods,State,State 2,State 3,State 4,State 5,State 6,State 7
1,Bhagalpur Silk,Handicrafts,Bihar,,,,,,
2,Sikki Grass Products of Bihar,Handicraft,Bihar,,,,,,
3,Kandhamal Haladi,Agricultural,Orissa,,,,,,
4,Prosciutto di Parma,Food stuff,Italy,,,,,,
5,Odisha Rasagola,Food Stuff,Odisha,,,,,,
"""

HS_2022 = """section,hscode,description,parent,level
I,01,Animals; live,TOTAL,2
I,0101,"Horses, asses, mules and hinnies; live",01,4
I,010121,"Horses; live, pure-bred breeding animals",0101,6
XI,50,Silk,TOTAL,2
XI,5007,Woven fabrics of silk or of silk waste,50,4
"""

MASTER_COLUMNS = (
    "State,Product,District,LGD Code,Category,Sector,Description,GI Status,Photo,"
    "Ministry/ Department"
)

MASTER = (
    MASTER_COLUMNS
    + """
Bihar,Bhagalpur Silk,Bhagalpur,192,Secondary,Handloom,Silk of Bhagalpur,Yes,https://example.org/p/1,DC Handloom
Bihar,Litchi,East Champaran,213,Primary,Agriculture,Litchi,No ,,Ministry of Agriculture & Farmers Welfare
Bihar,Makhana,Patna,212,primary,Food processing,Fox nut,NO ,,Ministry of Food Processing
Haryana,Honey,Mewat,192,Primary,Agriculture,Honey of Nuh,No,,MSME
Odisha,Pattachitra,Balasore,345,Secondary ,handicraft,Painting,no,,DC handicraft
Odisha,Turmeric,Kandhamal,359,Primary,Agriculture,Kandhamal turmeric,yes ,,Ministry of Agriculture & Farmers' Welfare
Uttar Pradesh,Ready-made garments,G. B. Nagar,144,Secondary,Textile,Garments,No,,Minsitry of Textile
Uttar Pradesh,Leather,Kanpur Nagar,157,Secondary,Manufacturing,Leather,No,,MSME
Uttar Pradesh,Mango,Newdistrict,799,Primary,Agriculture,Mango,No,,Ministry of Agriculture & Farmers' Welfare
"Dadra & Nagar Haveli (UT)
Daman & Diu (UT)",Mango,Dadra & Nagar Haveli,465,Primary,Agriculture,Mango,No,,Ministry of Agriculture & Farmers' Welfare
"""
)


def reference_dir_write(root: Path, *, master: str = MASTER) -> Path:
    """Write a small reference data directory laid out like ../shared/data."""
    (root / "districts").mkdir(parents=True, exist_ok=True)
    (root / "gi").mkdir(exist_ok=True)
    (root / "odop").mkdir(exist_ok=True)
    (root / "trade" / "hs").mkdir(parents=True, exist_ok=True)
    (root / "districts" / "lgd_states.csv").write_text(LGD_STATES)
    (root / "districts" / "lgd_districts_2022-12.csv").write_text(LGD_DISTRICTS)
    (root / "districts" / "district_hq_points.csv").write_text(HQ_POINTS)
    (root / "gi" / "ipindia_registered_gi.csv").write_text(GI_REGISTRY)
    (root / "trade" / "hs" / "hs2022_datasets-harmonized-system.csv").write_text(HS_2022)
    (root / "odop" / "dpiit_odop_master.csv").write_text(master, encoding="utf-8")
    return root


@pytest.fixture
def reference_dir(tmp_path: Path) -> Path:
    """A small reference data directory (States, districts, GI, HS, national list)."""
    return reference_dir_write(tmp_path / "data")


@pytest.fixture
def real_data_dir() -> Path:
    """The real shared data set; the full-data tests fail (never skip) without it."""
    from django.conf import settings

    path = Path(settings.ODOP_DATA_DIR)
    assert (path / "odop" / "dpiit_odop_master.xlsx").exists(), (
        f"The real reference data is expected at {path} (set ODOP_DATA_DIR)"
    )
    return path
