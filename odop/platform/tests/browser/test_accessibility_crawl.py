"""Accessibility and phone layout as tests (issue 12, "Done when"): axe-core reports no
violation, and no page scrolls sideways at 360 px, on every page that an anonymous visitor
and each role reach by following links from the home page, in English and Hindi.

The crawl discovers pages by their links (odop/platform/tests/crawl.py), so pages other apps
add are checked without a list here. One browser; one context per role, signed in with a
session cookie. Each new page is checked at 1,366 px and 390 px (axe-core, bundled by
axe-playwright-python: offline) and measured at 360 px; a page already checked for an earlier
role is visited (for its links) but not checked again.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from odop.platform.tests.crawl import crawl
from odop.platform.tests.site_world import SiteWorld, site_world_create

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Each role checks at most this many new pages, and visits (for their links) at most
# VISITS_PER_ROLE: a page an earlier role checked is visited again but not checked again.
PAGES_PER_ROLE = 40
VISITS_PER_ROLE = 100
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 360, "height": 740}
AXE = Axe()


@pytest.fixture
def site(transactional_db: None, settings, tmp_path: Path) -> Iterator[SiteWorld]:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    yield site_world_create()


def _violations(page: Page) -> list[str]:
    """axe-core's violations on the page as it is laid out now: rule, then the first node."""
    results = AXE.run(page)
    return [
        f"{violation['id']}: {violation['nodes'][0]['target']} ({violation['help']})"
        for violation in results.response["violations"]
    ]


def _page_width(page: Page) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth"))


def test_every_page_each_role_reaches_is_accessible_and_fits_a_phone(
    browser: Browser, live_server: LiveServer, site: SiteWorld
) -> None:
    """Issue 12: 0 axe-core violations in English and Hindi at 1,366 and 390 px; no page
    wider than a 360 px screen."""
    problems: dict[str, list[str]] = {}
    checked: set[str] = set()
    checked_by_role: dict[str, int] = {}
    for role, user in [("anonymous", None), *site.users.items()]:
        checked_by_role[role] = 0
        context = browser.new_context(viewport=DESKTOP)
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": live_server.url,
                    }
                ]
            )
        page = context.new_page()

        def fetch(path: str, page: Page = page, role: str = role) -> str | None:
            page.set_viewport_size(DESKTOP)
            response = page.goto(live_server.url + path)
            if response is None or response.status != 200:
                return None
            if "html" not in (response.headers.get("content-type") or ""):
                return None
            html = page.content()
            if path in checked or checked_by_role[role] >= PAGES_PER_ROLE:
                return html
            checked.add(path)
            checked_by_role[role] += 1
            found = [f"1366 px {v}" for v in _violations(page)]
            page.set_viewport_size(PHONE)
            found += [f"390 px {v}" for v in _violations(page)]
            page.set_viewport_size(NARROWEST)
            width = _page_width(page)
            if width > NARROWEST["width"]:
                found.append(f"{width} px wide at 360 px")
            if found:
                problems[f"{path} ({role})"] = found
            return html

        crawl(fetch, starts=["/", "/hi/"], base=live_server.url, limit=VISITS_PER_ROLE)
        context.close()
    print(f"checked {len(checked)} pages:", sorted(checked), checked_by_role)
    # the crawl reached the pages of the issue
    assert f"/bazaar/listings/{site.listing.pk}/" in checked
    assert "/markets/hs-codes/" in checked
    assert f"/districts/{site.district.lgd_code}/exports/" in checked
    assert f"/districts/{site.district.lgd_code}/" in checked
    assert any(path.startswith("/hi/") for path in checked)
    assert problems == {}, "\n".join(f"{page}: {found}" for page, found in problems.items())


def test_the_checks_find_what_they_look_for(browser: Browser) -> None:
    """The crawl's checks themselves: a photo without a text alternative and a box wider
    than the screen are found."""
    context = browser.new_context(viewport=NARROWEST)
    page = context.new_page()
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<div style="width: 600px">wide</div></main></body></html>'
    )
    assert any(violation.startswith("image-alt") for violation in _violations(page))
    assert _page_width(page) > NARROWEST["width"]
    context.close()
