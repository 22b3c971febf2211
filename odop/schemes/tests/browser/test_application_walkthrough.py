"""A scheme application end to end in Debian's Chromium on a 360 px phone (issue 14): a
producer computes a margin-money benefit and applies, attaches the documents, a district
officer (the resource person's review) and the district committee move it, the bank officer
sanctions it, and the public tracking page shows each stage. Then time moves past the
disbursement deadline: the escalation job (run with an advanced `now`) escalates it to the
district officer, with a notification in the log. axe-core finds nothing on any page."""

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.tests.browser_support import checked, phone_context
from odop.geography.tests.factories import DistrictFactory
from odop.notifications.models import NotificationLog
from odop.notifications.services import consent_give
from odop.producers.tests.factories import ProducerFactory
from odop.schemes.models import Application
from odop.schemes.services import applications_escalate
from odop.schemes.tests.factories import shipped_schemes_loaded

pytestmark = pytest.mark.browser

PASSWORD = "pass-word-123"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def phone_page(browser: Browser, contexts: list[BrowserContext]) -> Page:
    context = phone_context(browser)
    contexts.append(context)
    return context.new_page()


def signed_in(browser: Browser, contexts: list[BrowserContext], base: str, username: str) -> Page:
    page = phone_page(browser, contexts)
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def test_apply_move_sanction_track_and_escalate(
    browser: Browser, contexts: list[BrowserContext], live_server: LiveServer, tmp_path: Path
) -> None:
    up = shipped_schemes_loaded()
    district = DistrictFactory.create(state=up, name="Varanasi")
    producer_user = UserFactory.create(username="asha", role=Role.PRODUCER, password=PASSWORD)
    ProducerFactory.create(district=district, user=producer_user, name="Asha Weaves")
    UserFactory.create(
        username="drp", role=Role.DISTRICT_OFFICER, district=district, password=PASSWORD
    )
    officer = UserFactory.create(
        username="committee", role=Role.DISTRICT_OFFICER, district=district, password=PASSWORD
    )
    consent_give(user=officer, channel="email", address="dc@example.in", source="sign-up form")
    UserFactory.create(
        username="bank", role=Role.BANK_OFFICER, district=district, password=PASSWORD
    )
    base = live_server.url
    report = tmp_path / "report.pdf"
    report.write_bytes(PDF)

    # The producer computes the benefit and applies with the same facts.
    page = signed_in(browser, contexts, base, "asha")
    page.goto(f"{base}/schemes/up-odop-margin-money/")
    page.get_by_label("Rules in force on").fill(dt.date.today().isoformat())
    page.get_by_label("Project cost (₹)").fill("1000000")
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(".verdict")).to_have_text("Eligible: ₹2,50,000.00")
    page.get_by_role("link", name="Apply with these facts").click()
    expect(page).to_have_url(re.compile(r"/schemes/up-odop-margin-money/apply/"))
    checked(page)
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator("#stage")).to_contain_text("Review by the district resource person")
    expect(page.get_by_text("Waiting for documents:")).to_be_visible()
    checked(page)
    for kind in ("Detailed project report", "Quotation for machinery or works"):
        page.locator("#id_kind").select_option(label=kind)
        page.get_by_label("File (PDF, JPEG or PNG, at most 5 MB)").set_input_files(str(report))
        page.get_by_role("button", name="Attach").click()
        expect(page.get_by_text("Document attached.")).to_be_visible()
    application = Application.objects.get()
    number = application.number
    assert number is not None
    detail = f"{base}/schemes/applications/{application.pk}/"

    # The resource person's review, the committee, the bank's sanction.
    for username, next_stage in (
        ("drp", "District level committee"),
        ("committee", "Loan sanction by the bank"),
        ("bank", "Disbursement"),
    ):
        page = signed_in(browser, contexts, base, username)
        page.goto(detail)
        checked(page)
        page.get_by_role("button", name="Move to the next stage").click()
        expect(page.locator("#stage")).to_contain_text(next_stage)

    # The bank attaches its sanction letter (the disbursement stage waits for it).
    page.locator("#id_kind").select_option(label="Bank's sanction letter")
    page.get_by_label("File (PDF, JPEG or PNG, at most 5 MB)").set_input_files(str(report))
    page.get_by_role("button", name="Attach").click()
    expect(page.get_by_text("Document attached.")).to_be_visible()

    # The public tracking page shows each stage, nothing personal.
    public = phone_page(browser, contexts)
    public.goto(f"{base}/schemes/track/{number}/")
    history = public.locator(".history")
    for stage in (
        "Review by the district resource person",
        "District level committee",
        "Loan sanction by the bank",
        "Disbursement",
    ):
        expect(history).to_contain_text(stage)
    expect(public.get_by_text("Asha Weaves")).to_have_count(0)
    checked(public)

    # Time passes the disbursement deadline: the job escalates it to the district officers.
    application.refresh_from_db()
    assert application.stage_due_by is not None
    assert applications_escalate(now=application.stage_due_by + dt.timedelta(days=1)) == 1
    log = NotificationLog.objects.get(
        user=officer, event="schemes.application_escalated", channel="email"
    )
    assert log.outcome == "sent" and number in log.subject
    public.reload()
    expect(public.locator(".history")).to_contain_text("Escalated")
    page = signed_in(browser, contexts, base, "committee")
    page.goto(f"{base}/my/")
    expect(page.get_by_role("link", name=number)).to_be_visible()
