"""The grievance pages in Debian's Chromium on a 360 px phone (issue 14): a buyer files a
grievance in Hindi and gets its number; the district officer answers it from the queue; the
public tracking page shows it answered. axe-core finds nothing on any page, and none is wider
than the screen."""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from odop.grievances.models import Grievance, GrievanceStatus
from odop.grievances.tests.factories import place_with_officers

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="hi-IN")
    yield context
    context.close()


def checked(page: Page) -> None:
    """No axe-core violation, nothing wider than the screen."""
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"] + 1, (page.url, widths)
    results = Axe().run(page)
    assert results.violations_count == 0, (page.url, results.generate_report())


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/hi/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pass-word-123")
    page.locator("main form button[type=submit]").click()


def test_a_grievance_filed_in_hindi_on_a_phone_and_answered_by_the_officer(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    place = place_with_officers()
    base = live_server.url
    page = phone.new_page()

    # the buyer files a grievance in Hindi about training, in the district
    sign_in(page, base, place.buyer.username)
    page.goto(f"{base}/hi/grievances/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("शिकायत दर्ज करें")
    checked(page)
    page.locator("#id_category").select_option(label="प्रशिक्षण")
    page.locator("#id_subject").fill("प्रशिक्षण रद्द हुआ")
    page.locator("#id_description").fill("10 जनवरी का प्रशिक्षण बिना सूचना के रद्द हुआ।")
    page.locator("#id_district").select_option(value=str(place.district.pk))
    page.locator("main form button[type=submit]").click()

    grievance = Grievance.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(grievance.number or "")
    expect(page.get_by_text("दर्ज हुई", exact=False).first).to_be_visible()
    checked(page)

    # the district officer answers it from the queue
    officer = phone.new_page()
    sign_in(officer, base, place.district_officer.username)
    officer.goto(f"{base}/hi/grievances/queue/")
    checked(officer)
    officer.get_by_role("link", name=grievance.number or "").click()
    checked(officer)
    officer.locator("#id_reply-reply").fill("प्रशिक्षण 20 जनवरी को होगा।")
    officer.locator("form:has(input[value=reply]) button[type=submit]").click()
    expect(officer.locator("dd", has_text="प्रशिक्षण 20 जनवरी को होगा।")).to_be_visible()
    grievance.refresh_from_db()
    assert grievance.status == GrievanceStatus.ANSWERED

    # anyone tracks it by number: answered, nothing personal
    public = phone.new_page()
    public.goto(f"{base}/hi/grievances/track/")
    public.locator("#id_number").fill(grievance.number or "")
    public.locator("main form button[type=submit]").click()
    expect(public.get_by_role("heading", level=2)).to_have_text(grievance.number or "")
    expect(public.get_by_text("प्रशिक्षण 20 जनवरी")).to_have_count(0)
    checked(public)
