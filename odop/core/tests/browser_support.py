"""What every browser test does the same way: a phone-sized Chromium context, the page check
(axe-core finds nothing, nothing is wider than the screen) and signing in. The `phone` and
`phone_hi` fixtures in the root conftest.py are built from `phone_context`."""

import re
from urllib.parse import quote

from playwright.sync_api import Browser, BrowserContext, Page, expect

PHONE = {"width": 360, "height": 800}
PASSWORD = "pass-word-123"  # odop.accounts.tests.factories.UserFactory's password


def phone_context(browser: Browser, *, locale: str | None = None) -> BrowserContext:
    """A 360 px touch screen; `locale` sets the browser's language (e.g. "hi-IN")."""
    options: dict[str, object] = {"viewport": PHONE, "is_mobile": True, "has_touch": True}
    if locale:
        options["locale"] = locale
    return browser.new_context(**options)  # type: ignore[arg-type]


def checked(page: Page) -> None:
    """No axe-core violation, nothing wider than the screen.

    A caller that clicked a link waits for the new page's URL or content first; the wait for
    the load event here only keeps a page that is still arriving from being measured."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"] + 1, (page.url, widths)
    results = Axe().run(page)
    assert results.violations_count == 0, (page.url, results.generate_report())


def sign_in(
    page: Page, base: str, username: str, *, prefix: str = "", password: str = PASSWORD
) -> None:
    """Sign in through the form (`prefix` "/hi" for the Hindi pages) and wait for "My work",
    where sign-in lands."""
    page.goto(f"{base}{prefix}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/my/**")


def signed_in(context: BrowserContext, base: str, username: str, *, prefix: str = "") -> Page:
    """A new page of `context` signed in as `username` (the context's earlier session ended)."""
    context.clear_cookies()
    page = context.new_page()
    sign_in(page, base, username, prefix=prefix)
    return page


def storefront_search(page: Page, text: str) -> None:
    """Search the bazaar's storefront as a buyer does, and wait until the results have settled.

    HTMX swaps the results in, with the facets that match the words above them; a click aimed
    before that lands where the layout used to be (a walk failed so on a loaded machine). The
    URL gets the words when the swap is done; the live search's later answer is the same page.
    """
    search = page.get_by_role("search")
    search.get_by_label("Search products").fill(text)
    search.get_by_role("button", name="Search").click()
    words = r"(\+|%20)".join(re.escape(quote(word)) for word in text.split())
    expect(page).to_have_url(re.compile(r"[?&]q=" + words + r"(&|$)"))
    expect(page.locator(".htmx-request")).to_have_count(0)
