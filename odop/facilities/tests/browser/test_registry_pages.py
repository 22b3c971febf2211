"""A district officer registers a centre and adds a machine on a 360 px phone (issue 15):
axe-core finds nothing on the pages, and none is wider than the screen."""

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.tests.browser_support import checked, sign_in
from odop.facilities.models import Centre
from odop.geography.tests.factories import DistrictFactory
from odop.registry.tests.factories import DistrictProductFactory

pytestmark = pytest.mark.browser


def test_a_district_officer_registers_a_centre_with_a_machine(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    district = DistrictFactory.create(name="Prayagraj")
    product = DistrictProductFactory.create(district=district, name="Moonj craft")
    UserFactory.create(username="officer", role=Role.DISTRICT_OFFICER, district=district)
    base = live_server.url
    page = phone.new_page()
    sign_in(page, base, "officer")

    page.goto(f"{base}/cfcs/new/")
    checked(page)
    page.locator("#id_name").fill("Moonj Craft CFC")
    page.locator("#id_district").select_option(str(district.pk))
    page.locator(f"input[name=products][value='{product.pk}']").check()
    page.locator("#id_category").select_option("B")
    page.locator("#id_sanctioned_cost").fill("15000000")
    page.locator("#id_address").fill("Industrial Estate, Plot 4, Naini")
    for weekday in range(5):
        page.locator(f"#id_opens_{weekday}").fill("09:00")
        page.locator(f"#id_closes_{weekday}").fill("18:00")
    page.locator("button[value=centre]").click()
    page.wait_for_url("**/edit/")
    checked(page)

    page.locator("#id_machine-name").fill("Moonj dryer")
    page.locator("#id_machine-capacity").fill("40")
    page.locator("#id_machine-unit").fill("kg per hour")
    page.locator("#id_machine-hourly_rate").fill("250")
    page.locator("button[value=machine]").click()
    expect(page.locator("section[aria-labelledby=machines-heading] li a")).to_have_count(1)
    checked(page)

    centre = Centre.objects.get()
    assert centre.district == district and list(centre.products.all()) == [product]
    assert centre.opening_hours.count() == 5
    assert centre.equipment.get().name == "Moonj dryer"
    page.goto(f"{base}/cfcs/{centre.pk}/")
    checked(page)
