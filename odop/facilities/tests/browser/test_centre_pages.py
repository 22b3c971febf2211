"""The centre pages in Debian's Chromium on a 360 px phone (issue 15): the operator reports
last month and sees the charts; a producer books a machine, in Hindi. axe-core finds nothing
on any page, and none is wider than the screen. Locators use ids and values, not words, so
the Hindi pages are found whatever the catalogue holds."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.core.tests.browser_support import checked, sign_in
from odop.facilities.models import Booking, UtilisationReport
from odop.facilities.tests.conftest import next_monday
from odop.facilities.tests.factories import (
    CentreFactory,
    EquipmentFactory,
    OperatorFactory,
    verified_producer_user,
)

pytestmark = pytest.mark.browser


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
