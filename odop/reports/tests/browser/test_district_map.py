"""The district map page in Debian's Chromium on a 360 px phone (issue 17): it draws, nothing
is wider than the screen, and axe-core finds no violation, in English and Hindi."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.core.tests.browser_support import checked
from odop.reports.tests.conftest import world_create

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None, district_boundaries: Path) -> SimpleNamespace:
    """The small world, in a database the live server reads."""
    cache.clear()
    return world_create()


def test_the_district_map_on_a_phone(
    phone: BrowserContext, live_server: LiveServer, world: SimpleNamespace
) -> None:
    page = phone.new_page()
    page.goto(f"{live_server.url}/maps/districts/")
    expect(page.locator("path[data-lgd]")).to_have_count(3)
    expect(
        page.get_by_role("heading", level=2, name="Districts with no shape on the map")
    ).to_be_visible()
    checked(page)
    page.get_by_label("State/UT").select_option(label="Odisha")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("path[data-lgd]")).to_have_count(1)
    checked(page)
    page.goto(f"{live_server.url}/hi/maps/districts/?indicator=gi")
    expect(page.locator("path[data-lgd]")).to_have_count(3)
    checked(page)
