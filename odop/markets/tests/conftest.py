"""Markets test fixtures: every test starts with no BACI year loaded, whatever the machine's
var/ folder holds, and shares one disk cache of parsed trade inputs for the session."""

from pathlib import Path

import pytest
from pytest_django.fixtures import Settings


@pytest.fixture(autouse=True)
def markets_var_dirs(
    settings: Settings, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """ODOP_BACI_DIR per test (empty), ODOP_MARKETS_CACHE_DIR per session; returns the BACI
    folder."""
    settings.ODOP_BACI_DIR = tmp_path / "baci"
    settings.ODOP_MARKETS_CACHE_DIR = tmp_path_factory.getbasetemp() / "markets-cache"
    return tmp_path / "baci"


@pytest.fixture(scope="session")
def baci_year_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated BACI HS17 2020 year for India (`tests.baci_files`), loaded once per
    session with `baci_year_load`; tests read it, never change it."""
    from django.test import override_settings

    from odop.markets.services import baci_year_load
    from odop.markets.tests.baci_files import baci_files_write

    root = tmp_path_factory.mktemp("baci-loaded")
    files = baci_files_write(root / "download")
    cache = tmp_path_factory.getbasetemp() / "markets-cache"
    with override_settings(ODOP_BACI_DIR=root / "baci", ODOP_MARKETS_CACHE_DIR=cache):
        baci_year_load(
            path=files["trade"],
            country_codes=files["country_codes"],
            product_codes=files["product_codes"],
        )
    return root / "baci"


@pytest.fixture
def baci_year_loaded(settings: Settings, baci_year_folder: Path) -> Path:
    """The session's generated BACI year is the current one for this test."""
    settings.ODOP_BACI_DIR = baci_year_folder
    return baci_year_folder
