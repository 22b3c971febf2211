"""A producer's main task from "My work", on a 390 px phone (issue 12, "Done when"): they sign
in, land on "My work", open their shop, list a product with a photo 1,600 px wide, publish it,
and the listing's page shows the photo at a real size (issue 12, item 1: a photo 1,000 px or
wider got `width="1,500"` and rendered at 1×1 px)."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.bazaar.models import Listing, ListingStatus
from odop.workspace.tests.browser.conftest import (
    PASSWORD,
    fits_the_screen,
    media_served,
    sign_in_to_my_work,
)

pytestmark = pytest.mark.browser

TITLE = "Sikki grass peacock"
PHOTO_WIDTH = 1600


def wide_photo(path: Path) -> Path:
    """A 1,600 × 1,200 JPEG with some detail (a flat colour compresses to almost nothing)."""
    image = Image.new("RGB", (PHOTO_WIDTH, 1200), (201, 160, 60))
    for x in range(0, PHOTO_WIDTH, 40):
        image.paste((120, 80, 20), (x, 0, x + 8, 1200))
    image.save(path, "JPEG", quality=85)
    return path


def test_a_producer_lists_a_product_with_a_wide_photo_that_shows(
    phone: BrowserContext,
    live_server: LiveServer,
    world: SimpleNamespace,
    tmp_path: Path,
) -> None:
    """Issue 12, item 1: a listing photo 1,000 px or wider was invisible on the listing page."""
    seller = world.seller
    seller.set_password(PASSWORD)
    seller.save()
    base = live_server.url
    media_served(phone, base=base)
    page = phone.new_page()

    # the producer signs in, lands on "My work" and opens their shop
    sign_in_to_my_work(page, base, seller.username)
    shop = page.get_by_role("region", name="My shop")
    shop.get_by_role("heading", name="My shop").get_by_role("link").click()
    page.get_by_role("link", name="Add a listing").click()

    # lists a product as a draft
    page.get_by_role("combobox", name="Product").select_option(str(world.listing.product.pk))
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("The product's story").fill("A peacock woven from golden sikki grass.")
    page.get_by_label("Price per unit (₹)").fill("1250")
    page.get_by_label("Stock").fill("8")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)

    # uploads a photo 1,600 px wide and publishes
    page.get_by_label("Photo (JPEG, PNG or WebP)").set_input_files(
        wide_photo(tmp_path / "peacock.jpg")
    )
    page.get_by_label("Caption").fill("The peacock, front")
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_role("img", name="The peacock, front")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Published")
    fits_the_screen(page)
    listing = Listing.objects.get(title=TITLE)
    assert listing.status == ListingStatus.PUBLISHED
    (photo,) = listing.photos.all()
    assert photo.width == PHOTO_WIDTH

    # the listing's page shows the photo at a real size, within the screen
    page.get_by_role("link", name="See the listing's page").click()
    image = page.get_by_role("img", name="The peacock, front")
    expect(image).to_be_visible()
    image.scroll_into_view_if_needed()  # the photo loads lazily
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    size = image.evaluate(
        "(img) => ({natural: img.naturalWidth, client: img.clientWidth,"
        " width: img.getAttribute('width'), height: img.getAttribute('height')})"
    )
    assert size["natural"] > 100 and size["client"] > 100, size
    fits_the_screen(page)
