"""A district's export profile and plan in Debian's Chromium on a phone-sized screen (issue #4,
"Done when": a browser test opens a district's export profile and plan and sees ranked markets
and products with their reasons). On the real national list and trade data: Moradabad's
district officer confirms the HS code of its metal craft, draws up and adopts the District
Export Action Plan; then a visitor opens the district, its export profile and the plan."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role
from odop.accounts.services import user_create
from odop.exports.models import Bottleneck, ExportPlan, PlanStatus
from odop.geography.models import District
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.registry.models import DistrictProduct

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 915}
PASSWORD = "a-long-test-password"
PAGE_SIZE_LIMIT = 150 * 1024
# HS 2022 830629: statuettes and other ornaments of base metal (Moradabad's brass art ware).
CODE = "830629"


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


def test_export_profile_and_plan(
    phone: BrowserContext, live_server: LiveServer, national_data: Path
) -> None:
    moradabad = District.objects.get(name="Moradabad")
    product = DistrictProduct.objects.get(district=moradabad)
    user_create(
        username="dio-moradabad", password=PASSWORD, role=Role.DISTRICT_OFFICER, district=moradabad
    )
    page = phone.new_page()
    sizes: dict[str, int] = {}

    def page_size(response: Response) -> None:
        if response.request.resource_type == "document" and response.status == 200:
            sizes[response.url] = len(response.body())

    page.on("response", page_size)

    # the district officer confirms the HS code of the district's product
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("dio-moradabad")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="HS codes").click()
    row = page.locator("tr.hs-row", has_text=product.product_type.name)
    row.get_by_label("HS 2022 code").fill(CODE)
    row.get_by_label("HS 2022 code").press("Enter")
    expect(page.locator(".messages")).to_contain_text(f"{CODE} confirmed")
    link = ProductHSCode.objects.get(product_type=product.product_type, hs_code__code=CODE)
    assert link.status == HSLinkStatus.CONFIRMED

    # draws up the plan with a target and a bottleneck, and adopts it
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Export plans").click()
    page.get_by_role("combobox", name="District").select_option(str(moradabad.pk))
    page.get_by_label("First year").fill("2026")
    page.get_by_label("Last year").fill("2030")
    page.get_by_label("Title").fill("Brass art ware to new markets")
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Moradabad, 2026–2030")
    page.get_by_text("Add a target or a progress reading").click()
    page.get_by_label("Kind").select_option("export_value_usd")
    page.locator("#id_target_form_target_value").fill("2500000")
    page.get_by_role("button", name="Add target").click()
    register = page.get_by_role("region", name="Bottleneck register")
    register.get_by_text("Record a bottleneck").click()
    register.get_by_label("Type").select_option("testing")
    register.get_by_label("Description").fill("Lead-content testing only in Delhi")
    register.get_by_label("Owner").fill("District Industries Centre")
    register.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_role("region", name="Bottleneck register")).to_contain_text(
        "Lead-content testing only in Delhi"
    )
    page.get_by_role("button", name="Adopt this plan").click()
    expect(page.get_by_role("main")).to_contain_text("Adopted")
    plan = ExportPlan.objects.get(district=moradabad)
    assert plan.status == PlanStatus.ADOPTED and Bottleneck.objects.filter(plan=plan).count() == 1
    page.locator(".site-header").get_by_role("button", name="Sign out").click()

    # a visitor opens the district and its export profile
    page.goto(f"{live_server.url}/districts/{moradabad.lgd_code}/")
    page.get_by_role("link", name="Export profile: markets and new products").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export profile of Moradabad")
    codes = page.get_by_role("region", name="Products and HS codes")
    expect(codes).to_contain_text(CODE)
    expect(codes).to_contain_text("confirmed")
    chapter = page.get_by_role("region", name="HS chapter 83", exact=False)
    expect(chapter).to_contain_text("Where India sells now")
    markets = chapter.locator("li.market")
    expect(markets).to_have_count(5)
    for reason in ("untapped of a potential", "Demand: US$", "Ease: India sells there"):
        expect(markets.first).to_contain_text(reason)
    new_products = page.locator("tr.new-product")
    expect(new_products.first).to_contain_text("rank 1 by")
    assert new_products.count() >= 1
    fits_the_screen(page)

    # and the plan, from the profile
    page.get_by_role("link", name="District Export Action Plan 2026–2030").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Moradabad")
    expect(page.get_by_role("main")).to_contain_text("Export value (USD)")
    suggested = page.get_by_role("region", name="Suggested markets and products")
    expect(suggested.locator("li.market")).to_have_count(5)
    expect(suggested.locator("li.market").first).to_contain_text("untapped")
    expect(suggested.locator("li.new-product").first).to_contain_text("proximity")
    expect(page.get_by_role("main")).not_to_contain_text("Lead-content testing")  # officers only
    fits_the_screen(page)
    assert sizes and max(sizes.values()) < PAGE_SIZE_LIMIT, sizes
