"""A buyer-seller meet end to end in Debian's Chromium on a 360 px phone (issue 16): an
organiser creates the meet, a seller registers and their district officer approves them, a
buyer registers, the organiser makes the schedule, the seller sees it on their phone, the
outcome is recorded and the totals appear on the event's page (English and Hindi) and on the
seller's district page. axe-core finds nothing on any page and none is wider than the screen."""

import re

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.tests.browser_support import checked, signed_in
from odop.events.tests.factories import verified_producer

pytestmark = pytest.mark.browser


def test_a_buyer_seller_meet_from_creation_to_results(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    base = live_server.url
    UserFactory.create(role=Role.NATIONAL_ADMIN, username="organiser")
    UserFactory.create(role=Role.BUYER, username="buyer")
    seller_user, producer = verified_producer()
    seller_user.username = "seller"
    seller_user.save()
    officer = producer.verified_by
    officer.username = "officer"
    officer.save()

    # The organiser creates the meet.
    page = signed_in(phone, base, "organiser")
    page.goto(f"{base}/events/new/")
    checked(page)
    page.locator("#id_name").fill("Handloom buyer-seller meet")
    page.locator("#id_kind").select_option("buyer_seller_meet")
    page.locator("#id_organiser_name").fill("Department of Handloom and Textiles")
    page.locator("#id_venue").fill("Srimanta Sankaradeva Kalakshetra")
    page.locator("#id_city").fill("Guwahati")
    page.locator("#id_starts_on").fill("2027-01-15")
    page.locator("#id_first_slot").fill("10:00")
    page.locator("#id_slot_minutes").fill("30")
    page.locator("#id_slot_count").fill("2")
    page.locator("#id_tables").fill("3")
    page.get_by_role("button", name="Create the event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handloom buyer-seller meet")
    event_url = page.url
    checked(page)

    # The seller registers; a bad HS code is refused first, with nothing written.
    page = signed_in(phone, base, "seller")
    page.goto(event_url)
    page.locator("#id_side").select_option("seller")
    page.locator("#id_hs_codes").fill("123456")
    page.locator("#id_available_0").check()
    page.locator("#id_available_1").check()
    page.locator("#id_max_meetings").fill("2")
    page.locator("form button[type=submit]", has_text="Register").click()
    expect(page.get_by_text("123456 is not in the HS 2022 nomenclature.").first).to_be_visible()
    checked(page)
    page.locator("#id_hs_codes").fill("630492")
    page.locator("form button[type=submit]", has_text="Register").click()
    expect(page.get_by_text("Awaiting approval")).to_be_visible()

    # Their district officer approves them.
    page = signed_in(phone, base, "officer")
    page.goto(event_url)
    checked(page)
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text(producer.name)).to_be_visible()

    # A buyer from abroad registers.
    page = signed_in(phone, base, "buyer")
    page.goto(event_url)
    page.locator("#id_side").select_option("buyer")
    page.locator("#id_company").fill("Nordic Home AB")
    page.locator("#id_country").fill("SE")
    page.locator("#id_hs_codes").fill("6304")
    page.locator("#id_available_1").check()
    page.locator("#id_max_meetings").fill("3")
    page.locator("form button[type=submit]", has_text="Register").click()
    expect(page.get_by_text("You are registered.")).to_be_visible()

    # The organiser makes the schedule.
    page = signed_in(phone, base, "organiser")
    page.goto(event_url)
    page.get_by_role("button", name="Make the schedule").click()
    expect(page.get_by_text("s02 · table 1")).to_be_visible()
    checked(page)

    # The seller sees it on their phone.
    page = signed_in(phone, base, "seller")
    page.goto(f"{event_url}my-schedule/")
    expect(page.locator(".my-meetings li")).to_have_text(
        re.compile(r"10:30 · table 1 — Nordic Home AB")
    )
    checked(page)

    # The organiser records the outcome; the totals show on the event page and district page.
    page = signed_in(phone, base, "organiser")
    page.goto(event_url)
    page.locator(".outcome input[name=held]").check()
    page.locator(".outcome select[name=result]").select_option("order")
    page.locator(".outcome input[name=value]").fill("150000")
    page.locator(".outcome input[name=currency]").fill("INR")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Outcome recorded.")).to_be_visible()
    phone.clear_cookies()
    page.goto(event_url)
    expect(page.locator('[data-total="held"]')).to_have_text("1")
    expect(page.locator('[data-total="orders"]')).to_have_text("1")
    expect(page.locator('[data-total="value-INR"]')).to_have_text("₹1,50,000.00")
    checked(page)
    page.goto(event_url.replace(base, f"{base}/hi"))
    expect(page.locator('[data-total="orders"]')).to_have_text("1")
    checked(page)
    page.goto(f"{base}/districts/{producer.district.lgd_code}/")
    expect(page.locator('[data-total="orders"]')).to_have_text("1")
