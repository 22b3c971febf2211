"""An outlet stocked from the site, in Debian's Chromium at 390 px (issue 12, item 4): the
Mission officer named as manager of the ODOP store in Tokyo opens "My outlets", finds a
listing on sale, places six units in the store and reports a sale of two; the ledger and the
listing's online stock say so, and no page scrolls sideways."""

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from odop.bazaar.models import Listing
from odop.outlets import services
from odop.outlets.models import MoveKind, OutletKind, OutletStock, StockMove

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PASSWORD = "a-long-test-password"


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
    assert widths["scroll"] <= widths["client"] + 1, widths


def test_outlet_manager_places_stock_and_reports_a_sale(
    phone: BrowserContext, live_server: LiveServer, world: SimpleNamespace
) -> None:
    """issue 12: "The outlet holds no stock to sell" and no form to place any."""
    # given the ODOP store in Tokyo, run by the Mission officer
    manager = world.users["mission_officer"]
    manager.set_password(PASSWORD)
    manager.save()
    tokyo = services.outlet_create(
        actor=world.users["national_admin"],
        kind=OutletKind.STORE_ABROAD,
        name="ODOP Store Tokyo",
        city="Tokyo",
        country="JP",
        mission="Embassy of India, Tokyo",
        managers=[manager],
    )
    page = phone.new_page()
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(manager.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()

    # when the manager lands on "My work" and follows "Outlets I run" to the store's page
    page.wait_for_url(f"{base}/my/")
    page.get_by_role("region", name="Outlets I run").get_by_role(
        "heading", name="Outlets I run"
    ).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My outlets")
    fits_the_screen(page)
    page.get_by_role("link", name="ODOP Store Tokyo").click()
    expect(page.get_by_role("heading", name="Place stock in this outlet")).to_be_visible()
    fits_the_screen(page)

    # and finds the sikki basket, places six units
    page.get_by_label("Find a listing on sale").fill("sikki")
    page.get_by_role("button", name="Search").click()
    found = page.locator(f"#found-{world.listing.pk}")
    expect(found).to_contain_text("Sikki grass basket")
    expect(found).to_contain_text("20 in stock")
    fits_the_screen(page)
    found.get_by_label("Units to place").fill("6")
    found.get_by_role("button", name="Place stock").click()
    expect(page.get_by_text("Stock placed with the outlet.")).to_be_visible()

    # and reports a sale of two for ₹1,200
    page.locator("#id_sale_listing").select_option(label="Sikki grass basket (6)")
    page.get_by_label("Units sold").fill("2")
    page.get_by_label("Amount taken (₹)").fill("1200")
    page.get_by_role("button", name="Record sale").click()
    expect(page.get_by_text("Sale recorded.")).to_be_visible()
    fits_the_screen(page)

    # then the store holds four, the ledger has both moves and the online stock is 14
    assert OutletStock.objects.get(outlet=tokyo, listing=world.listing).quantity == 4
    moves = StockMove.objects.filter(outlet=tokyo).order_by("pk")
    assert [(move.kind, move.quantity, move.actor_id) for move in moves] == [
        (MoveKind.PLACED, 6, manager.pk),
        (MoveKind.SOLD, 2, manager.pk),
    ]
    assert Listing.objects.get(pk=world.listing.pk).stock == 14
    expect(page.locator("tr.move")).to_have_count(2)
