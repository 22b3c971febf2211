"""A buyer becomes a buyer, on a phone (issue 12, "Done when"): from the sign-in page they
create an account, open the link the email brings, confirm it, sign in and land on "My work".
Every page fits a 390 px screen, and axe-core finds no violation on it."""

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role, User

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PASSWORD = "a-long-test-password"
EMAIL = "aiko.tanaka@example.jp"


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context
    context.close()


def fits_the_screen(page: Page) -> None:
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"] + 1, (page.url, widths)


def accessible(page: Page) -> None:
    """axe-core (bundled, offline) finds no violation on the page."""
    results = Axe().run(page)
    assert results.violations_count == 0, (page.url, results.generate_report())


def checked(page: Page) -> None:
    fits_the_screen(page)
    accessible(page)


def test_a_buyer_signs_up_confirms_the_email_and_lands_on_my_work(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    """Issue 12: there was no sign-up: a buyer who found a product could not become one."""
    cache.clear()  # the sign-up throttle counts in the process's cache
    mail.outbox.clear()
    base = live_server.url
    page = phone.new_page()

    # the sign-in page leads to sign-up
    page.goto(f"{base}/accounts/login/")
    checked(page)
    page.get_by_role("link", name="New buyer? Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a buyer account")
    checked(page)

    # an empty form says everything that is missing at once
    page.get_by_role("main").get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("Organisation")
    checked(page)

    page.get_by_label("Your name").fill("Aiko Tanaka")
    page.get_by_label("Organisation").fill("Kyoto Crafts KK")
    page.get_by_label("Country").fill("Japan")
    page.get_by_label("Email").fill(EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    checked(page)
    assert User.objects.get(username=EMAIL).is_active is False

    # the email's link asks to confirm, then sends the buyer to sign in
    (message,) = mail.outbox
    (link,) = re.findall(r"https?://\S+", message.body)
    assert link.startswith(base)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email")
    checked(page)
    page.get_by_role("button", name="Confirm my email").click()
    expect(page.get_by_role("status")).to_contain_text("Your email is confirmed")

    # signing in lands on "My work", which the navigation names
    page.get_by_label("Username or email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_role("heading", name="My purchases")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="My work")).to_have_attribute("aria-current", "page")
    checked(page)
    user = User.objects.get(username=EMAIL)
    assert (user.role, user.is_active) == (Role.BUYER, True)
