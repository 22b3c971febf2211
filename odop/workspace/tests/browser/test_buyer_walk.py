"""A buyer's main task from "My work", on a 390 px phone (issue 12, "Done when"): they
register, confirm the email's link, sign in and land on "My work", find a sikki basket in the
bazaar and ask for more than the producer holds; the producer, from their "My work", quotes
it as made to order with a lead time; the buyer accepts it from "My work" and gets a
made-to-order order with its ready-by date, and the stock stays as it was."""

import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role, User
from odop.bazaar.models import Inquiry, InquiryStatus, Listing, Order, Quote, QuoteStatus
from odop.core.tests.browser_support import storefront_search
from odop.workspace.tests.browser.conftest import (
    PASSWORD,
    fits_the_screen,
    sign_in_to_my_work,
    sign_out,
)

pytestmark = pytest.mark.browser

EMAIL = "meera.iyer@example.in"
WANTED = 50  # the listing holds 20
LEAD_TIME = 21


def test_a_new_buyer_gets_a_made_to_order_quote_beyond_stock_and_an_order(
    phone: BrowserContext, live_server: LiveServer, world: SimpleNamespace
) -> None:
    """Issue 12: a buyer could not register, and a quote above the stock was a dead end."""
    cache.clear()  # the sign-up throttle counts in the process's cache
    mail.outbox.clear()
    seller = world.seller
    seller.set_password(PASSWORD)
    seller.save()
    base = live_server.url
    page = phone.new_page()

    # the buyer registers from the sign-in page
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="New buyer? Create an account").click()
    page.get_by_label("Your name").fill("Meera Iyer")
    page.get_by_label("Organisation").fill("Chennai Handloom Traders")
    page.get_by_label("Country").fill("India")
    page.get_by_label("Email").fill(EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    # and confirms the email's link
    (message,) = mail.outbox
    (link,) = re.findall(r"https?://\S+", str(message.body))
    page.goto(link)
    page.get_by_role("button", name="Confirm my email").click()
    expect(page.get_by_role("status")).to_contain_text("Your email is confirmed")

    # signs in, lands on "My work" and finds the basket in the bazaar
    sign_in_to_my_work(page, base, EMAIL)
    buyer = User.objects.get(username=EMAIL)
    assert (buyer.role, buyer.is_active) == (Role.BUYER, True)
    purchases = page.get_by_role("region", name="My purchases")
    purchases.get_by_role("link", name="Browse the bazaar").click()
    storefront_search(page, "sikki")
    page.get_by_role("link", name="Sikki grass basket").click()
    expect(page.locator(".stock")).to_have_text("20")
    fits_the_screen(page)

    # asks for 50, more than the 20 in stock
    inquiry_form = page.get_by_role("region", name="Ask for a quotation")
    inquiry_form.get_by_label("Quantity").fill(str(WANTED))
    inquiry_form.get_by_label("Message to the producer").fill("For our Pongal gift hampers")
    inquiry_form.get_by_role("button", name="Send inquiry").click()
    expect(page.locator("article.inquiry")).to_contain_text("Waiting for the producer's quote")
    assert Inquiry.objects.get(buyer=buyer).quantity == WANTED
    sign_out(page)

    # the producer finds it under "Inquiries to answer" and quotes it as made to order
    sign_in_to_my_work(page, base, seller.username)
    shop = page.get_by_role("region", name="My shop")
    expect(shop.locator("li", has_text="Inquiries to answer")).to_contain_text("1")
    shop.get_by_role("link", name="Inquiries to answer").click()
    inquiry = page.locator("article.inquiry", has_text="Sikki grass basket")
    expect(inquiry).to_contain_text("For our Pongal gift hampers")
    expect(inquiry).to_contain_text("20 in stock")
    inquiry.get_by_text("Send a quote").click()
    inquiry.get_by_label("Price per unit (₹)").fill("380")
    inquiry.get_by_label("Quantity").fill(str(WANTED))
    inquiry.get_by_label("Made to order (more than I hold in stock)").check()
    inquiry.get_by_label("Ready in (days), if made to order").fill(str(LEAD_TIME))
    inquiry.get_by_role("button", name="Send quote").click()
    expect(page.locator(".messages")).to_contain_text("Saved")
    expect(page.locator("article.inquiry .made-to-order")).to_contain_text(
        f"made to order, ready in {LEAD_TIME} days"
    )
    fits_the_screen(page)
    sign_out(page)

    # the buyer accepts it from "My work" and gets a made-to-order order
    sign_in_to_my_work(page, base, EMAIL)
    purchases = page.get_by_role("region", name="My purchases")
    expect(purchases.locator("li", has_text="Quotations offered to you")).to_contain_text("1")
    purchases.get_by_role("link", name="Quotations offered to you").click()
    quote = page.locator("article.inquiry", has_text="Sikki grass basket")
    expect(quote).to_contain_text(f"made to order, ready in {LEAD_TIME} days")
    quote.get_by_role("button", name="Accept and order").click()
    expect(page.locator(".messages")).to_contain_text("Quote accepted: order placed.")
    order = Order.objects.get(buyer=buyer)
    assert order.ready_by is not None
    made_to_order = page.locator("p.made-to-order")
    expect(made_to_order).to_contain_text(f"ready in {LEAD_TIME} days (by ")
    with translation.override("en"):  # whichever one date format the page settles on
        ready_by = {
            date_format(order.ready_by, name) for name in ("SHORT_DATE_FORMAT", "DATE_FORMAT")
        } | {date_format(order.ready_by, "j M Y"), order.ready_by.strftime("%d-%m-%Y")}
    shown = made_to_order.inner_text()
    assert any(f"(by {date})" in shown for date in ready_by), (shown, ready_by)
    fits_the_screen(page)

    # the rows say the same: an order made to order, the quote accepted, the stock untouched
    assert (order.listing_id, order.quantity, order.made_to_order, order.lead_time_days) == (
        world.listing.pk,
        WANTED,
        True,
        LEAD_TIME,
    )
    assert str(order.unit_price) == "380.00" and order.total == 380 * WANTED
    assert Quote.objects.get(inquiry__buyer=buyer).status == QuoteStatus.ACCEPTED
    assert Inquiry.objects.get(buyer=buyer).status == InquiryStatus.ORDERED
    assert Listing.objects.get(pk=world.listing.pk).stock == 20
