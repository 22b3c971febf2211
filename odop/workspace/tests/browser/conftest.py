"""Fixtures of the "My work" browser walks (issue 12, "Done when"): the bazaar's small world
(a verified Patna producer with an account and a published listing of 20 units, one user of
every role) instead of the workspace's busier one, a phone, sign-in and page checks."""

from collections.abc import Iterator
from pathlib import Path

import pytest
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


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Uploads go to a temporary directory (never the checkout's media/)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def media_served(context: BrowserContext, *, base: str, root: Path) -> None:
    """Serve /media/ from `root`, as the production web server does (Django serves uploads
    only with DEBUG on, and the test server runs with it off)."""

    def fulfil(route: Route) -> None:
        relative = route.request.url.removeprefix(f"{base}/media/").split("?")[0]
        path = (root / relative).resolve()
        if root.resolve() not in path.parents or not path.is_file():
            route.fulfill(status=404)
            return
        route.fulfill(path=path)

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
