"""The Missions' world view on a 360 px phone in Debian's Chromium (issue 16): a Mission officer
records outreach in a country, the map shades it with its accessible name, the table names
the country, in English and Hindi; axe-core finds nothing and nothing is wider than the screen."""

import datetime

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.tests.browser_support import checked, signed_in
from odop.events import services
from odop.registry.tests.factories import DistrictProductFactory

pytestmark = pytest.mark.browser


def test_world_view_on_a_phone(phone: BrowserContext, live_server: LiveServer) -> None:
    mission = UserFactory.create(role=Role.MISSION_OFFICER, username="mission")
    product = DistrictProductFactory.create()
    services.outreach_record(
        actor=mission,
        kind="showcase",
        country="AE",
        held_on=datetime.date(2026, 11, 20),
        products=[product],
        results="Three importers asked for price lists.",
    )
    page = signed_in(phone, live_server.url, "mission")
    page.goto(f"{live_server.url}/events/missions/")
    expect(page.locator('path[data-country="AE"]')).to_have_attribute(
        "aria-label", "United Arab Emirates: 1 activity"
    )
    expect(page.locator('path[data-country="IN"]')).to_have_count(1)
    expect(page.locator("table")).to_contain_text("United Arab Emirates")
    checked(page)
    page.goto(f"{live_server.url}/hi/events/missions/")
    expect(page.locator("table")).to_contain_text("संयुक्त अरब अमीरात")
    checked(page)
