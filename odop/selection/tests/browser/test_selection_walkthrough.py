"""One candidate from proposal to publication in Debian's Chromium, on a phone-sized screen
(issue #3, "Done when"): a district officer proposes and seats three assessors, each assessor
scores, the State officer approves, the national admin publishes, and the public product page
shows the committee's score. Then the coverage dashboard over the real national data."""

from collections.abc import Iterator
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role
from odop.accounts.services import user_create
from odop.geography.models import District, State
from odop.registry.models import DistrictProduct, ProductType
from odop.registry.vocabularies import product_type_key
from odop.selection.models import Candidate, CandidateEvent, CandidateStatus
from odop.selection.services import scorecards_install

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 915}
PASSWORD = "a-long-test-password"
PAGE_SIZE_LIMIT = 150 * 1024
PRODUCT = "Patna Qalam miniature painting"
# Each assessor's scale values for the eight ODOP India criteria A1–A8 (no district statistics
# or registry entry exist for the product, so the computed A1 and A3 are scored by hand too).
SCORES = {
    "assessor-amit": [5, 4, 5, 4, 5, 4, 5, 4],
    "assessor-bela": [4, 4, 4, 4, 4, 4, 4, 4],
    "assessor-chandan": [3, 3, 3, 3, 3, 3, 4, 4],
}


def committee_mean(scores: dict[str, list[int]]) -> Decimal:
    """The committee mean by hand: a criterion worth 12.5 points scored 1–5 earns
    12.5 × (value − 1) / 4; the mean of the totals is rounded down to the hundredth."""
    totals = [
        sum(Decimal("12.5") * (value - 1) / 4 for value in values) for values in scores.values()
    ]
    return (sum(totals) / len(totals)).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context
    context.close()


def sign_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.locator(".site-header .username")).to_have_text(username)


def sign_out(page: Page) -> None:
    page.locator(".site-header").get_by_role("button", name="Sign out").click()
    expect(page.locator(".site-header").get_by_role("link", name="Sign in")).to_be_visible()


def open_candidate(page: Page, name: str) -> None:
    """From any page: the Selection link in the header, then the candidate in the list."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Selection").click()
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


def move(page: Page, button: str, note: str = "") -> None:
    page.get_by_label("Note (recorded in the history)").fill(note)
    page.get_by_role("button", name=button, exact=True).click()


def fits_the_screen(page: Page) -> None:
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["client"] == PHONE["width"]
    assert widths["scroll"] <= widths["client"] + 1, widths


def test_candidate_from_proposal_to_publication(
    phone: BrowserContext, live_server: LiveServer, national_data: Path, pytestconfig
):
    # given the real places, the shipped scorecards and the people of one Bihar selection
    scorecards_install()
    bihar = State.objects.get(name="Bihar")
    patna = District.objects.get(state=bihar, name="Patna")
    assert ProductType.objects.filter(key=product_type_key(PRODUCT)).exists() is False
    user_create(username="dio-patna", password=PASSWORD, role=Role.DISTRICT_OFFICER, district=patna)
    user_create(username="so-bihar", password=PASSWORD, role=Role.STATE_OFFICER, state=bihar)
    user_create(username="national", password=PASSWORD, role=Role.NATIONAL_ADMIN)
    for username in SCORES:
        user_create(username=username, password=PASSWORD, role=Role.ASSESSOR)
    page = phone.new_page()

    # the district officer proposes a product for Patna
    sign_in(page, live_server, "dio-patna")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Selection").click()
    page.get_by_role("link", name="Propose a product").click()
    expect(page.get_by_label("District")).to_have_value(str(patna.pk))
    page.get_by_label("Product name").fill(PRODUCT)
    page.get_by_label("Description").fill("Miniature painting of the Patna Qalam school.")
    page.get_by_label("Sector").select_option(label="Handicraft")
    page.get_by_label("Producer organisation").fill("Patna Qalam Artists' Cooperative")
    page.get_by_role("button", name="Save the proposal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PRODUCT)
    expect(page.locator("h1 .status")).to_have_text("Draft")
    move(page, "Propose", "Sent by the District Industries Centre")
    expect(page.locator("h1 .status")).to_have_text("Proposed by the district")

    # seats three assessors and opens scoring
    committee = page.get_by_role("region", name="Committee", exact=True)
    for username in SCORES:
        committee.get_by_label("Assessor's username").fill(username)
        committee.get_by_label("Assessor's organisation").fill("Bihar Museum")
        committee.get_by_role("button", name="Add to the committee").click()
        expect(page.locator(".messages")).to_contain_text(f"{username} joined the committee.")
    expect(committee.get_by_role("listitem")).to_have_count(3)
    move(page, "Open scoring")
    expect(page.locator("h1 .status")).to_have_text("Committee scoring")
    fits_the_screen(page)
    sign_out(page)

    # each assessor scores on their own and submits
    for username, values in SCORES.items():
        sign_in(page, live_server, username)
        open_candidate(page, PRODUCT)
        page.get_by_role("link", name="Score this candidate").click()
        for number, value in enumerate(values, start=1):
            page.locator(f'input[name="value_A{number}"]').fill(str(value))
        page.locator('textarea[name="note_A2"]').fill(f"{username}: dries out in the monsoon")
        page.get_by_role("button", name="Submit", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("Your assessment is submitted.")
        expect(
            page.get_by_role("region", name="Committee", exact=True)
            .get_by_role("listitem")
            .filter(has_text=username)
        ).to_contain_text("✓ submitted")
        sign_out(page)

    mean = committee_mean(SCORES)
    candidate = Candidate.objects.get(name=PRODUCT)
    assert (candidate.status, candidate.score_mean, candidate.assessor_count) == (
        CandidateStatus.SCORED,
        mean,
        3,
    )

    # the State officer sees the result and approves (the phone screenshot of the page)
    sign_in(page, live_server, "so-bihar")
    open_candidate(page, PRODUCT)
    result = page.get_by_role("region", name="Committee result")
    expect(result.locator('dt:text-is("Mean total") + dd')).to_have_text(f"{mean} of 100")
    expect(result.locator('dt:text-is("Assessors") + dd')).to_have_text("3")
    fits_the_screen(page)
    artifacts = pytestconfig.rootpath / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=artifacts / "selection-candidate-mobile.png", full_page=True)
    move(page, "Approve", "Approved in the State-level committee")
    expect(page.locator("h1 .status")).to_have_text(
        "Approved by the State, awaiting national review"
    )
    sign_out(page)

    # the national admin publishes it into the registry
    sign_in(page, live_server, "national")
    open_candidate(page, PRODUCT)
    move(page, "Publish", "Published after national review")
    expect(page.locator("h1 .status")).to_have_text("Published in the registry")
    history = page.get_by_role("region", name="History").get_by_role("listitem")
    expect(history).to_have_count(6)
    expect(history.last).to_contain_text("national")
    expect(history.last).to_contain_text("Published after national review")
    product_url = page.get_by_role("link", name="Public product page").get_attribute("href")
    sign_out(page)

    # then the public product page, without signing in, shows the product with its score
    product = DistrictProduct.objects.get(district=patna, name=PRODUCT)
    assert product_url == f"/products/{product.pk}/"
    page.goto(f"{live_server.url}{product_url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(PRODUCT)
    summary = page.get_by_role("region", name="Selected by scorecard")
    expect(summary.locator('dt:text-is("Committee score") + dd')).to_have_text(f"{mean} of 100")
    expect(summary.locator('dt:text-is("Assessors") + dd')).to_have_text("3")
    expect(summary.locator('dt:text-is("Scorecard") + dd')).to_contain_text(
        "ODOP product identification (India)"
    )
    assert list(
        CandidateEvent.objects.filter(candidate=candidate).values_list("to_status", flat=True)
    ) == ["draft", "proposed", "scoring", "scored", "state_approved", "published"]


def test_dashboard_reads_the_national_coverage_on_a_phone(
    phone: BrowserContext, live_server: LiveServer, national_data: Path, pytestconfig
):
    bihar = State.objects.get(name="Bihar")
    districts = bihar.districts.count()
    covered = bihar.districts.filter(products__isnull=False).distinct().count()
    assert (covered, districts) == (38, 38)
    user_create(username="so-bihar", password=PASSWORD, role=Role.STATE_OFFICER, state=bihar)
    page = phone.new_page()

    sign_in(page, live_server, "so-bihar")
    page.goto(f"{live_server.url}/selection/dashboard/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Coverage and gaps")
    bihar_row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Bihar", exact=True)
    )
    expect(bihar_row.locator(".coverage-figure")).to_have_text("38 of 38")
    expect(page.get_by_role("region", name="Districts with no product yet")).to_contain_text(
        "Every district in your scope has at least one product."
    )
    fits_the_screen(page)
    artifacts = pytestconfig.rootpath / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=artifacts / "selection-dashboard-mobile.png", full_page=True)


def test_national_dashboard_lists_every_state_and_the_gaps(
    page: Page, live_server: LiveServer, national_data: Path
):
    user_create(username="national", password=PASSWORD, role=Role.NATIONAL_ADMIN)
    gaps = District.objects.filter(products__isnull=True).count()

    sign_in(page, live_server, "national")
    page.goto(f"{live_server.url}/selection/dashboard/")

    rows = page.get_by_role("region", name="Coverage by State").locator("tbody tr")
    expect(rows).to_have_count(State.objects.count())
    bihar_row = rows.filter(has=page.get_by_role("rowheader", name="Bihar", exact=True))
    expect(bihar_row.locator(".coverage-figure")).to_have_text("38 of 38")
    expect(
        page.locator('main dl.figures dt:text-is("Districts without a product") + dd')
    ).to_have_text(str(gaps))
    # The largest selection pages for a national admin (every State with its sectors and
    # every gap; every district of India to propose in) stay small.
    for path in ("/selection/dashboard/", "/selection/candidates/new/"):
        assert len(page.request.get(f"{live_server.url}{path}").body()) <= PAGE_SIZE_LIMIT, path
