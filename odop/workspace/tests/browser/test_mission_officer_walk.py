"""A Mission officer's main task from "My work", on a 390 px phone (issue 12, "Done when"):
they sign in, land on "My work", start a gift collection from its "Gift collections" block,
find two products in the bazaar's listings and add them per set, publish it and order sets:
one bazaar order per product, each taking its stock. Asking for more sets than the stock
allows says how many sets can be made and orders nothing (issue 12, item 11)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.bazaar.models import Listing, Order, OrderStatus
from odop.bazaar.tests.factories import ListingFactory
from odop.outlets.models import GiftCollection
from odop.workspace.tests.browser.conftest import PASSWORD, fits_the_screen, sign_in_to_my_work

pytestmark = pytest.mark.browser

TITLE = "Republic Day gifts for Tokyo"


def test_a_mission_officer_builds_and_orders_a_gift_collection(
    phone: BrowserContext, live_server: LiveServer, world: SimpleNamespace
) -> None:
    """Issue 12: the Mission officer had no workspace; gift orders spoke in units, not sets."""
    officer = world.users["mission_officer"]
    officer.set_password(PASSWORD)
    officer.save()
    basket = world.listing  # Sikki grass basket, ₹250, 20 in stock
    painting = ListingFactory.create(
        title="Madhubani painting on handmade paper",
        story="Painted in Madhubani",
        price=Decimal("1800.00"),
        stock=9,
    )
    base = live_server.url
    page = phone.new_page()

    # the Mission officer signs in, lands on "My work" and starts a collection from there
    sign_in_to_my_work(page, base, officer.username)
    gifts = page.get_by_role("region", name="Gift collections")
    gifts.get_by_role("heading", name="Gift collections").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gift collections")
    new = page.get_by_role("region", name="New collection")
    new.get_by_label("Title").fill(TITLE)
    new.get_by_label("Occasion").fill("Republic Day reception, Embassy of India, Tokyo")
    new.get_by_role("button", name="Start collection").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    fits_the_screen(page)

    # finds two products among the published listings and adds them per set
    add = page.get_by_role("region", name="Add a product")
    for query, listing, per_set in (("sikki", basket, 2), ("madhubani", painting, 1)):
        add.get_by_role("search").get_by_label("Find published products").fill(query)
        add.get_by_role("search").get_by_role("button", name="Search").click()
        found = page.locator("li.search-result", has_text=listing.title)
        found.get_by_label("Per set").fill(str(per_set))
        found.get_by_role("button", name="Add").click()
        expect(page.locator("tr.gift-item", has_text=listing.title)).to_be_visible()
    expect(page.locator("tr.gift-item")).to_have_count(2)
    expect(page.locator(".set-total")).to_have_text("2,300.00")  # 2 × 250 + 1 × 1,800
    fits_the_screen(page)

    # publishes it
    page.get_by_role("region", name="Draft: only you see it").get_by_role(
        "button", name="Publish"
    ).click()
    expect(page.get_by_role("heading", name="Published: every buyer sees it")).to_be_visible()
    collection = GiftCollection.objects.get(title=TITLE)
    assert collection.is_published and collection.owner_id == officer.pk

    # more sets than the paintings allow: the page says how many sets can be made
    ordering = page.get_by_role("region", name="Order sets")
    ordering.get_by_label("Number of sets").fill("10")
    ordering.get_by_role("button", name="Order").click()
    expect(page.get_by_role("region", name="Order sets")).to_contain_text(
        "Madhubani painting on handmade paper: only 9 sets can be made (9 in stock, 1 a set)."
    )
    assert not Order.objects.filter(buyer=officer).exists()
    fits_the_screen(page)

    # orders three sets: one order per product, each taking its stock
    ordering = page.get_by_role("region", name="Order sets")
    ordering.get_by_label("Number of sets").fill("3")
    ordering.get_by_role("button", name="Order").click()
    expect(page.locator(".messages")).to_contain_text("Collection ordered: one order per product.")
    placed = page.get_by_role("region", name="Your orders")
    expect(placed.locator("li")).to_have_count(2)
    fits_the_screen(page)
    orders = {order.listing_id: order for order in Order.objects.filter(buyer=officer)}
    assert {pk: (o.quantity, o.total, o.status) for pk, o in orders.items()} == {
        basket.pk: (6, Decimal("1500.00"), OrderStatus.PLACED),
        painting.pk: (3, Decimal("5400.00"), OrderStatus.PLACED),
    }
    assert Listing.objects.get(pk=basket.pk).stock == 20 - 6
    assert Listing.objects.get(pk=painting.pk).stock == 9 - 3

    # and follows one to its order page
    placed.get_by_role("link", name=f"Order {orders[painting.pk].pk}").click()
    expect(page.locator("dd.order-status")).to_have_text("Placed")
    fits_the_screen(page)
