"""The ODOP Bazaar in Debian's Chromium on a phone-sized screen (issue #5, "Done when"), on the
real national list and HS 2022 nomenclature: Moradabad's district officer registers a brass
workshop on its behalf (with its consent) and verifies it; the workshop lists a product with
12 in stock and publishes it; a buyer finds it by search and asks for a quotation; the workshop
quotes; the buyer accepts (an order, which takes the stock); the workshop confirms and ships,
and the buyer marks it received. Every step leaves its event row."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role
from odop.accounts.services import user_create
from odop.bazaar.models import (
    Inquiry,
    InquiryStatus,
    Listing,
    ListingStatus,
    Order,
    OrderStatus,
    Quote,
    QuoteStatus,
)
from odop.core.tests.browser_support import storefront_search
from odop.geography.models import District
from odop.producers.models import Producer, ProducerStatus
from odop.registry.models import DistrictProduct

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 915}
PASSWORD = "a-long-test-password"
PAGE_SIZE_LIMIT = 150 * 1024
# HS 2022 830629: statuettes and other ornaments of base metal (Moradabad's brass art ware).
CODE = "830629"
WORKSHOP = "Moradabad Brass Karigar Samiti"
TITLE = "Hand-engraved brass diya"


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


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.locator(".site-header").get_by_role("button", name="Sign out").click()


def open_bazaar(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Bazaar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ODOP Bazaar")


def test_bazaar_from_onboarding_to_receipt(
    phone: BrowserContext, live_server: LiveServer, national_data: Path
) -> None:
    # given Moradabad's product on the national list and three accounts
    moradabad = District.objects.get(name="Moradabad")
    product = DistrictProduct.objects.get(district=moradabad)
    user_create(
        username="dio-moradabad", password=PASSWORD, role=Role.DISTRICT_OFFICER, district=moradabad
    )
    user_create(username="karigar-samiti", password=PASSWORD, role=Role.PRODUCER)
    user_create(username="delhi-buyer", password=PASSWORD, role=Role.BUYER)
    base = live_server.url
    page = phone.new_page()
    sizes: dict[str, int] = {}

    def page_size(response: Response) -> None:
        if response.request.resource_type == "document" and response.status == 200:
            sizes[response.url] = len(response.body())

    page.on("response", page_size)

    # the district officer registers the workshop on its behalf, with consent, and verifies it
    sign_in(page, base, "dio-moradabad")
    open_bazaar(page)
    page.get_by_role("link", name="Bazaar: officers").click()
    onboarding = page.get_by_role("region", name="Register a producer on their behalf")
    onboarding.get_by_text("Assisted onboarding").click()
    onboarding.get_by_label("Name of the producer or group").fill(WORKSHOP)
    onboarding.get_by_label("Kind").select_option("cooperative")
    onboarding.get_by_label("District").select_option(str(moradabad.pk))
    onboarding.get_by_label("PIN code").fill("244001")
    onboarding.get_by_label("Phone").fill("+91 94120 00000")
    onboarding.get_by_label("How the producer gave consent").fill(
        "Signed consent form kept at the DIC, Moradabad"
    )
    onboarding.get_by_label("Producer's account (username), if they have one").fill(
        "karigar-samiti"
    )
    onboarding.get_by_role("button", name="Register producer").click()
    expect(page.locator(".messages")).to_contain_text(f"{WORKSHOP} registered")
    fits_the_screen(page)
    waiting = page.locator("article.pending-producer", has_text=WORKSHOP)
    waiting.get_by_role("button", name="Verify").click()
    expect(page.locator(".messages")).to_contain_text(f"{WORKSHOP} verified")
    producer = Producer.objects.get(name=WORKSHOP)
    assert producer.status == ProducerStatus.VERIFIED
    assert producer.user is not None and producer.user.username == "karigar-samiti"
    assert producer.consent_recorded_at is not None
    sign_out(page)

    # the workshop lists a product with 12 in stock and publishes it
    sign_in(page, base, "karigar-samiti")
    open_bazaar(page)
    page.get_by_role("link", name="My shop").click()
    page.get_by_role("link", name="Add a listing").click()
    page.get_by_role("combobox", name="Product").select_option(str(product.pk))
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("The product's story").fill(
        "A brass lamp engraved by hand in the Peetal Nagri of Moradabad."
    )
    page.get_by_label("Price per unit (₹)").fill("450")
    page.get_by_label("Stock").fill("12")
    page.get_by_label("HS code").fill(CODE)
    page.get_by_label("Export ready").check()
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Published")
    fits_the_screen(page)
    listing = Listing.objects.get(title=TITLE)
    assert (listing.status, listing.stock, listing.hs_code) == (ListingStatus.PUBLISHED, 12, CODE)
    sign_out(page)

    # a buyer finds it by search and asks for a quotation
    sign_in(page, base, "delhi-buyer")
    open_bazaar(page)
    storefront_search(page, "engraved brass")
    results = page.get_by_role("region", name="1 product")
    expect(results).to_contain_text("Moradabad, Uttar Pradesh")
    fits_the_screen(page)
    results.get_by_role("link", name=TITLE).click()
    expect(page.locator(".stock")).to_have_text("12")
    fits_the_screen(page)
    page.get_by_role("link", name=WORKSHOP).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSHOP)
    page.go_back()
    inquiry_form = page.get_by_role("region", name="Ask for a quotation")
    inquiry_form.get_by_label("Quantity").fill("5")
    inquiry_form.get_by_label("Message to the producer").fill("For our Diwali gift boxes")
    inquiry_form.get_by_role("button", name="Send inquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My purchases")
    expect(page.locator("article.inquiry")).to_contain_text("Waiting for the producer's quote")
    sign_out(page)

    # the workshop quotes
    sign_in(page, base, "karigar-samiti")
    open_bazaar(page)
    page.get_by_role("link", name="My shop").click()
    inquiry = page.locator("article.inquiry", has_text=TITLE)
    expect(inquiry).to_contain_text("For our Diwali gift boxes")
    inquiry.get_by_text("Send a quote").click()
    inquiry.get_by_label("Price per unit (₹)").fill("420")
    inquiry.get_by_label("Quantity").fill("5")
    inquiry.get_by_role("button", name="Send quote").click()
    expect(page.locator(".messages")).to_contain_text("Saved")
    fits_the_screen(page)
    sign_out(page)

    # the buyer accepts the quote: an order, which takes the stock
    sign_in(page, base, "delhi-buyer")
    open_bazaar(page)
    page.get_by_role("link", name="My purchases").click()
    page.locator("article.inquiry", has_text=TITLE).get_by_role(
        "button", name="Accept and order"
    ).click()
    expect(page.locator(".messages")).to_contain_text("Quote accepted: order placed.")
    expect(page.locator("dd.order-status")).to_have_text("Placed")
    fits_the_screen(page)
    order = Order.objects.get(listing=listing)
    listing.refresh_from_db()
    assert listing.stock == 12 - 5
    assert (order.quantity, str(order.unit_price), order.total) == (5, "420.00", 2100)
    assert list(order.events.values_list("kind", flat=True)) == ["placed"]
    assert Quote.objects.get().status == QuoteStatus.ACCEPTED
    assert Inquiry.objects.get().status == InquiryStatus.ORDERED
    sign_out(page)

    # the workshop confirms and ships
    sign_in(page, base, "karigar-samiti")
    page.goto(f"{base}/bazaar/sell/")
    page.locator("article.order").get_by_role("button", name="Confirm").click()
    expect(page.locator("article.order .order-status")).to_have_text("Confirmed")
    page.locator("article.order").get_by_role("button", name="Mark shipped").click()
    expect(page.locator("article.order .order-status")).to_have_text("Shipped")
    fits_the_screen(page)
    sign_out(page)

    # the buyer marks it received
    sign_in(page, base, "delhi-buyer")
    page.goto(f"{base}/bazaar/buy/")
    page.locator("article.order").get_by_role("button", name="Mark received").click()
    expect(page.locator("article.order .order-status")).to_have_text("Received")
    order.refresh_from_db()
    assert order.status == OrderStatus.RECEIVED and order.received_at is not None
    events = list(order.events.values_list("kind", "actor__username"))
    assert events == [
        ("placed", "delhi-buyer"),
        ("confirmed", "karigar-samiti"),
        ("shipped", "karigar-samiti"),
        ("received", "delhi-buyer"),
    ]
    listing.refresh_from_db()
    assert listing.stock == 7
    assert sizes and max(sizes.values()) < PAGE_SIZE_LIMIT, sizes
