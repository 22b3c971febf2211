"""Fixtures of the "My work" browser walks (issue 12, "Done when"): the bazaar's small world
(a verified Patna producer with an account and a published listing of 20 units, one user of
every role) instead of the workspace's busier one, a phone, sign-in and page checks."""

import mimetypes
from collections.abc import Iterator

import pytest
from django.core.files.storage import default_storage
from playwright.sync_api import Browser, BrowserContext, Page, Route, ViewportSize, expect

from odop.bazaar.tests.conftest import world

__all__ = ["world"]

PHONE: ViewportSize = {"width": 390, "height": 844}
PASSWORD = "a-long-test-password"


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context
    context.close()


def media_served(context: BrowserContext, *, base: str) -> None:
    """Serve /media/ from the default storage (in memory in tests), as the production web
    server serves uploads (Django serves them only with DEBUG on; the test server has it off)."""

    def fulfil(route: Route) -> None:
        name = route.request.url.removeprefix(f"{base}/media/").split("?")[0]
        if not default_storage.exists(name):
            route.fulfill(status=404)
            return
        with default_storage.open(name) as file:
            body = file.read()
        route.fulfill(body=body, content_type=mimetypes.guess_type(name)[0] or "")

    context.route(f"{base}/media/**", fulfil)


def fits_the_screen(page: Page) -> None:
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"] + 1, (page.url, widths)


def sign_in_to_my_work(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    """Sign in from the sign-in page and land on "My work", which the navigation names."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="My work")).to_have_attribute("aria-current", "page")
    fits_the_screen(page)


def sign_out(page: Page) -> None:
    page.locator(".site-header").get_by_role("button", name="Sign out").click()
    expect(page.locator(".site-header").get_by_role("link", name="Sign in")).to_be_visible()
