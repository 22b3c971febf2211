"""The scheme pages in Debian's Chromium on a 360 px phone, in Hindi and English (issue 14):
a producer opens the list, reads the margin-money rules and computes a benefit with the
calculator; the result and its working show. axe-core finds nothing on any page, and none is
wider than the screen."""

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.core.tests.browser_support import checked
from odop.schemes.tests.factories import shipped_schemes_loaded, state_officer

pytestmark = pytest.mark.browser


def test_a_producer_computes_a_margin_money_benefit_on_a_phone(
    phone_hi: BrowserContext, live_server: LiveServer
) -> None:
    shipped_schemes_loaded()
    base = live_server.url
    page = phone_hi.new_page()

    # the list, in Hindi
    page.goto(f"{base}/hi/schemes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("सहायता योजनाएँ")
    checked(page)
    page.get_by_role("link", name="उत्तर प्रदेश ओडीओपी वित्तीय सहायता (मार्जिन मनी)").click()
    expect(page.get_by_role("heading", level=2, name="गणक")).to_be_visible()
    checked(page)

    # the calculator: ₹1.2 crore on a day of the 2018 rates
    page.get_by_label("इस तारीख को लागू नियम").fill("2024-04-01")
    page.get_by_label("परियोजना लागत (₹)").fill("12000000")
    page.get_by_role("button", name="गणना करें").click()
    expect(page.locator(".verdict")).to_have_text("पात्र: ₹18,00,000.00")
    checked(page)

    # the same in English, with a reason when the fair level is not configured
    page.goto(f"{base}/schemes/up-odop-mda/")
    page.get_by_label("Rules in force on").fill("2024-04-01")
    page.get_by_label("Level of the fair").select_option("national")
    page.get_by_label("Stall charge (₹)").fill("40000")
    page.get_by_label("Freight (₹)").fill("5000")
    page.get_by_label("Travel fare of one person (₹)").fill("2000")
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(".verdict")).to_have_text("Not eligible")
    expect(
        page.locator("#result").get_by_text("Only State-level fairs are configured")
    ).to_be_visible()
    checked(page)


def test_a_state_officer_approves_the_pending_change_on_a_phone(
    phone_hi: BrowserContext, live_server: LiveServer
) -> None:
    """issue 14: the later 10% third tier, approved by an officer of Uttar Pradesh."""
    up = shipped_schemes_loaded()
    state_officer(up, username="up-officer")
    base = live_server.url
    page = phone_hi.new_page()
    page.goto(f"{base}/hi/accounts/login/")
    page.locator("#id_username").fill("up-officer")
    page.locator("#id_password").fill("pass-word-123")
    page.locator("main form button[type=submit]").click()

    page.goto(f"{base}/hi/schemes/up-odop-margin-money/")
    expect(page.get_by_role("heading", name="स्वीकृति की प्रतीक्षा में बदलाव")).to_be_visible()
    checked(page)
    page.get_by_role("button", name="स्वीकृत करें").click()

    expect(page.get_by_text("कोई बदलाव प्रतीक्षा में नहीं है।")).to_be_visible()
    checked(page)
