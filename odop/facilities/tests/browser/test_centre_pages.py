"""The centre pages in Debian's Chromium on a 360 px phone (issue 15): the operator reports
last month and sees the charts; a producer books a machine, in Hindi. axe-core finds nothing
on any page, and none is wider than the screen. Locators use ids and values, not words, so
the Hindi pages are found whatever the catalogue holds."""

import datetime as dt
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from odop.facilities.models import Booking, UtilisationReport
from odop.facilities.tests.conftest import next_monday
from odop.facilities.tests.factories import (
    CentreFactory,
    EquipmentFactory,
    OperatorFactory,
    verified_producer_user,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
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


def sign_in(page: Page, base: str, username: str, prefix: str = "") -> None:
    page.goto(f"{base}{prefix}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pass-word-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/my/**")


def test_the_operator_reports_a_month_and_sees_the_charts(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    centre = CentreFactory.create(name="Brass CFC")
    operator = OperatorFactory.create(username="operator")
    centre.operators.add(operator)
    machine = EquipmentFactory.create(centre=centre, name="Lathe")
    base = live_server.url
    page = phone.new_page()
    sign_in(page, base, "operator")

    page.goto(f"{base}/cfcs/{centre.pk}/utilisation/")
    checked(page)
    first = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    page.locator("#id_month").fill(f"{first.year}-{first.month:02d}")
    page.locator("#id_users_served").fill("14")
    page.locator("#id_income").fill("32000")
    page.locator("#id_expenses").fill("21000")
    page.locator(f"#id_hours_{machine.pk}").fill("60")
    page.locator("button[value=file]").click()

    expect(page.locator("svg.chart")).to_have_count(3)
    expect(page.locator("svg.chart title").first).to_have_text("Income (₹)")
    checked(page)
    assert UtilisationReport.objects.get(centre=centre).users_served == 14


def test_a_producer_books_a_machine_in_hindi(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    centre = CentreFactory.create(name="Brass CFC")
    machine = EquipmentFactory.create(centre=centre, name="Lathe")
    producer = verified_producer_user(district=centre.district)
    producer.username = "producer"  # type: ignore[attr-defined]
    producer.save()  # type: ignore[attr-defined]
    monday = next_monday(10)
    base = live_server.url
    page = phone.new_page()
    sign_in(page, base, "producer", prefix="/hi")

    page.goto(f"{base}/hi/cfcs/")
    checked(page)
    page.goto(f"{base}/hi/cfcs/{centre.pk}/")
    checked(page)
    page.locator("#id_equipment").select_option(str(machine.pk))
    page.locator("#id_day").fill(monday.date().isoformat())
    page.locator("#id_start").fill("10:00")
    page.locator("#id_end").fill("12:00")
    page.locator("button[value=book]").click()

    expect(page.locator("#bookings li")).to_have_count(1)
    expect(page.locator("#bookings li")).to_contain_text("Lathe")
    checked(page)
    booking = Booking.objects.get()
    assert (booking.start, booking.end) == (monday, monday + dt.timedelta(hours=2))
