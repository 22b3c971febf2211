"""The grievance pages in Debian's Chromium on a 360 px phone (issue 14): a buyer files a
grievance in Hindi and gets its number; the district officer answers it from the queue; the
public tracking page shows it answered. axe-core finds nothing on any page, and none is wider
than the screen."""

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.core.tests.browser_support import checked, sign_in
from odop.grievances.models import Grievance, GrievanceStatus
from odop.grievances.tests.factories import place_with_officers

pytestmark = pytest.mark.browser


def test_a_grievance_filed_in_hindi_on_a_phone_and_answered_by_the_officer(
    phone_hi: BrowserContext, live_server: LiveServer
) -> None:
    place = place_with_officers()
    base = live_server.url
    page = phone_hi.new_page()

    # the buyer files a grievance in Hindi about training, in the district
    sign_in(page, base, place.buyer.username, prefix="/hi")
    page.goto(f"{base}/hi/grievances/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("शिकायत दर्ज करें")
    checked(page)
    page.locator("#id_category").select_option(label="प्रशिक्षण")
    page.locator("#id_subject").fill("प्रशिक्षण रद्द हुआ")
    page.locator("#id_description").fill("10 जनवरी का प्रशिक्षण बिना सूचना के रद्द हुआ।")
    page.locator("#id_district").select_option(value=str(place.district.pk))
    page.locator("main form button[type=submit]").click()

    # the page that says it was filed comes after the write: read the row only then
    expect(page.get_by_text("दर्ज हुई", exact=False).first).to_be_visible()
    grievance = Grievance.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(grievance.number or "")
    checked(page)

    # the district officer answers it from the queue
    officer = phone_hi.new_page()
    sign_in(officer, base, place.district_officer.username, prefix="/hi")
    officer.goto(f"{base}/hi/grievances/queue/")
    checked(officer)
    officer.get_by_role("link", name=grievance.number or "").click()
    # the click navigates: check the grievance's page, not the queue while it is replaced
    expect(officer).to_have_url(f"{base}/hi/grievances/{grievance.pk}/")
    checked(officer)
    officer.locator("#id_reply-reply").fill("प्रशिक्षण 20 जनवरी को होगा।")
    officer.locator("form:has(input[value=reply]) button[type=submit]").click()
    expect(officer.locator("dd", has_text="प्रशिक्षण 20 जनवरी को होगा।")).to_be_visible()
    grievance.refresh_from_db()
    assert grievance.status == GrievanceStatus.ANSWERED

    # anyone tracks it by number: answered, nothing personal
    public = phone_hi.new_page()
    public.goto(f"{base}/hi/grievances/track/")
    public.locator("#id_number").fill(grievance.number or "")
    public.locator("main form button[type=submit]").click()
    expect(public.get_by_role("heading", level=2)).to_have_text(grievance.number or "")
    expect(public.get_by_text("प्रशिक्षण 20 जनवरी")).to_have_count(0)
    checked(public)
