"""The producer registry's pages in Debian's Chromium on a 360 px phone, in Hindi (issue 11:
"pages work on a phone and in Hindi"): Patna's district officer finds a collective in the
registry, opens its 360 page and adds a member; the collective itself opens its own page and
records its bank account. axe-core finds nothing on any of these pages, and none is wider
than the screen."""

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.tests.browser_support import checked, sign_in
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.producers.models import ProducerMember, ProducerStatus
from odop.producers.tests.factories import ProducerFactory

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


def test_officer_and_collective_use_the_registry_on_a_phone_in_hindi(
    phone_hi: BrowserContext, live_server: LiveServer
) -> None:
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    patna = DistrictFactory.create(lgd_code=212, name="Patna", state=bihar)
    officer = UserFactory.create(
        username="patna-officer", role=Role.DISTRICT_OFFICER, district=patna, password=PASSWORD
    )
    seller = UserFactory.create(username="sikki", role=Role.PRODUCER, password=PASSWORD)
    collective = ProducerFactory.create(
        name="Patna Sikki Grass Collective",
        kind="shg",
        district=patna,
        user=seller,
        status=ProducerStatus.VERIFIED,
        verified_by=officer,
    )
    base = live_server.url
    page = phone_hi.new_page()

    # the district officer finds the collective in the registry, in Hindi
    sign_in(page, base, "patna-officer", prefix="/hi", password=PASSWORD)
    page.goto(f"{base}/hi/producers/?q=Sikki")
    expect(page.get_by_role("heading", level=1)).to_have_text("उत्पादक रजिस्टर")
    checked(page)
    page.get_by_role("link", name="Patna Sikki Grass Collective").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Patna Sikki Grass Collective")
    checked(page)

    # and adds a member with her full Aadhaar number, of which four digits are kept
    page.get_by_text("सदस्य जोड़ें", exact=True).first.click()
    page.locator("#id_member-name").fill("Sunita Devi")
    page.locator("#id_member-gender").select_option("female")
    page.locator("#id_member-social_category").select_option("sc")
    page.locator("#id_member-aadhaar").fill("2345 6789 0124")
    page.locator("form:has(#id_member-name) button[type=submit]").click()
    expect(page.get_by_role("cell", name="Sunita Devi")).to_be_visible()
    expect(page.get_by_role("cell", name="0124")).to_be_visible()
    checked(page)
    assert ProducerMember.objects.get(producer=collective).aadhaar_last_four == "0124"
    page.locator(".header-tools form button[type=submit]").click()

    # the collective opens its own page and records the account its subsidies go to
    sign_in(page, base, "sikki", prefix="/hi", password=PASSWORD)
    page.goto(f"{base}/hi/producers/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Patna Sikki Grass Collective")
    page.locator("summary", has_text="बैंक खाता").click()
    page.locator("#id_bank-holder").fill("Patna Sikki Grass Collective")
    page.locator("#id_bank-ifsc").fill("SBIN0001234")
    page.locator("#id_bank-account_number").fill("301234567890")
    page.locator("form:has(#id_bank-ifsc) button[type=submit]").click()
    expect(page.get_by_text("7890", exact=False).first).to_be_visible()
    assert "301234567890" not in page.content()
    checked(page)
