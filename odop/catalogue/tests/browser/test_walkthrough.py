"""A visitor's and an officer's walk through the site in Debian's Chromium, over the real data.

Every figure the pages show is checked against the same figure counted here from the ORM, so
the tests hold whatever the national list says; the few names used (Bihar, Patna, Baleshwar,
Mewat) are stable facts of the real data set.
"""

from pathlib import Path

import pytest
from django.db.models import Count
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role
from odop.accounts.services import user_create
from odop.geography.models import District, State
from odop.registry.models import DataQualityFinding, DistrictProduct

pytestmark = pytest.mark.browser

MOBILE_VIEWPORT = {"width": 412, "height": 915}


def indian(number: int) -> str:
    """A whole number with Indian digit grouping, as the pages show it: 12,34,567."""
    digits = str(number)
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while head:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([*groups, tail])


def fact(page: Page, term: str):
    """The value (<dd>) given for `term` (<dt>) in a page's main facts list."""
    return page.locator(f'main dl.facts:not(.small) > dt:text-is("{term}") + dd')


def figure(page: Page, term: str):
    """The value (<dd>) of one of the big figures (<dl class="figures">)."""
    return page.locator(f'main dl.figures dt:text-is("{term}") + dd')


def test_indian_grouping_helper():
    assert [indian(n) for n in (7, 999, 1241, 12345, 1234567)] == [
        "7",
        "999",
        "1,241",
        "12,345",
        "12,34,567",
    ]


def test_home_to_product_walkthrough(page: Page, live_server: LiveServer, national_data: Path):
    products = DistrictProduct.objects.count()
    districts = District.objects.count()
    districts_covered = District.objects.filter(products__isnull=False).distinct().count()
    gi_products = DistrictProduct.objects.filter(is_gi=True).count()
    assert products == 1241  # the real national list

    # Home: the national figures.
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("One District One Product")
    expect(figure(page, "District products")).to_have_text(indian(products))
    expect(figure(page, "Districts covered")).to_have_text(
        f"{indian(districts_covered)} of {indian(districts)}"
    )
    expect(figure(page, "GI-tagged products")).to_have_text(indian(gi_products))

    # The States table leads to Bihar.
    bihar = State.objects.get(name="Bihar")
    bihar_districts = bihar.districts.count()
    bihar_covered = bihar.districts.filter(products__isnull=False).distinct().count()
    bihar_products = DistrictProduct.objects.filter(district__state=bihar).count()
    assert (bihar_covered, bihar_districts, bihar_products) == (38, 38, 87)
    states_table = page.get_by_role("table", name="States and Union Territories")
    states_table.get_by_role("link", name="Bihar", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/states/{bihar.lgd_code}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bihar")
    expect(page.locator("main p.lead")).to_have_text(
        f"{bihar_covered} of {bihar_districts} districts have at least one product"
    )
    expect(figure(page, "District products")).to_have_text(indian(bihar_products))
    district_links = page.get_by_role("region", name="Districts").get_by_role("link")
    expect(district_links).to_have_text(
        list(bihar.districts.order_by("name").values_list("name", flat=True))
    )

    # A district: Patna and its products.
    patna = District.objects.get(state=bihar, name="Patna")
    district_links.get_by_text("Patna", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/districts/{patna.lgd_code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Patna")
    expect(fact(page, "State/UT")).to_have_text("Bihar")
    patna_products = list(patna.products.order_by("name"))
    assert patna_products
    product_links = page.get_by_role("region", name="Products").get_by_role("link")
    expect(product_links).to_have_text([product.name for product in patna_products])

    # A product: what the page says is the database row.
    product = patna_products[0]
    product_links.get_by_text(product.name, exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/products/{product.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(product.name)
    expect(fact(page, "District")).to_have_text(product.district.name)
    expect(fact(page, "State/UT")).to_have_text(product.district.state.name)
    expect(fact(page, "Sector")).to_have_text(str(product.get_sector_display() or "—"))
    expect(fact(page, "Category")).to_have_text(str(product.get_category_display() or "—"))
    expect(page.locator("main p.lead")).to_have_text(
        f"The product of {product.district.name} district, {product.district.state.name}."
    )


def test_search_finds_a_district_by_old_spelling(
    page: Page, live_server: LiveServer, national_data: Path
):
    baleshwar = District.objects.get(name="Baleshwar")
    assert baleshwar.aliases.filter(name="Balasore").exists()

    page.goto(live_server.url)
    search = page.get_by_role("search")
    search.get_by_label("Search products and districts").fill("Balasore")
    search.get_by_role("button", name="Search").click()

    expect(page).to_have_url(f"{live_server.url}/search/?q=Balasore")
    districts = page.get_by_role("region", name="Districts (")
    expect(districts.get_by_role("link", name="Baleshwar", exact=True)).to_be_visible()
    expect(districts.get_by_role("listitem").filter(has_text="Baleshwar")).to_contain_text(
        "Odisha · also spelled “Balasore”"
    )
    districts.get_by_role("link", name="Baleshwar", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/districts/{baleshwar.lgd_code}/")


def test_hindi_switch(page: Page, live_server: LiveServer, national_data: Path):
    products = DistrictProduct.objects.count()

    page.goto(live_server.url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # A plain link to the same page under /hi/ (no form: anonymous pages carry no CSRF token).
    page.get_by_role("navigation", name="Language").get_by_role("link", name="हिन्दी").click()

    expect(page.locator("html")).to_have_attribute("lang", "hi")
    expect(page).to_have_url(f"{live_server.url}/hi/")
    expect(page.locator("main dl.figures dd").first).to_have_text(indian(products))
    # The choice sticks for the next page: the Hindi page's links stay under /hi/.
    page.locator('.site-nav a[href="/hi/search/"]').click()
    expect(page).to_have_url(f"{live_server.url}/hi/search/")
    expect(page.locator("html")).to_have_attribute("lang", "hi")


def test_mobile_layout(
    browser: Browser,
    live_server: LiveServer,
    national_data: Path,
    pytestconfig: pytest.Config,
):
    context = browser.new_context(
        viewport=MOBILE_VIEWPORT, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(live_server.url)

        state_map = page.locator("main figure.state-map > svg")
        expect(state_map).to_be_visible()
        box = state_map.bounding_box()
        assert box is not None and box["width"] <= MOBILE_VIEWPORT["width"]
        widths = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert widths["client"] == MOBILE_VIEWPORT["width"]
        assert widths["scroll"] <= widths["client"] + 1, widths

        artifacts = pytestconfig.rootpath / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        page.screenshot(path=artifacts / "home-mobile.png", full_page=True)
    finally:
        context.close()


def test_officer_signs_in_and_sees_data_quality(
    page: Page, live_server: LiveServer, national_data: Path
):
    user_create(username="asha", password="a-long-test-password", role=Role.NATIONAL_ADMIN)
    findings = DataQualityFinding.objects.order_by("source", "row", "problem")  # as the page
    mewat = findings.filter(district="Mewat").first()
    assert mewat is not None

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("asha")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("main").get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{live_server.url}/my/")  # sign-in lands on "My work" (issue 12)
    expect(page.locator(".site-header .username")).to_have_text("asha")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Data quality").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Data quality of the reference imports"
    )
    rows = page.get_by_role("row").filter(has_text="Mewat")
    expect(rows.first).to_be_visible()
    expect(rows.first).to_contain_text(mewat.state)
    expect(rows.first).to_contain_text(mewat.detail)
    # Each problem's chip gives the same count as the database.
    by_problem = DataQualityFinding.objects.values("problem").annotate(total=Count("pk"))
    chips = page.locator("main ul.chips")
    for row in by_problem:
        expect(chips.locator(f'a[href="?problem={row["problem"]}"]')).to_contain_text(
            f"({row['total']})"
        )
