"""The officers' GI queue on a 360 px phone in Hindi (issue 13): a State officer opens a
product linked to two GIs, unticks the further one and records why; the decision is listed
with the GIs it stated. axe-core finds nothing on the pages, and none is wider than the
screen."""

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.tests.browser_support import checked, sign_in
from odop.geography.models import State
from odop.registry.models import DistrictProduct, GILinkDecision
from odop.registry.tests.test_gi_more_links import import_master

pytestmark = pytest.mark.browser


def test_a_state_officer_states_the_further_gis_on_a_phone(
    phone_hi: BrowserContext, live_server: LiveServer, tmp_path: Path
) -> None:
    import_master(tmp_path / "data")  # Bhagalpur: silk, with Sikki grass as a further GI
    product = DistrictProduct.objects.get(district__lgd_code=192)
    officer = UserFactory.create(role=Role.STATE_OFFICER, state=State.objects.get(name="Bihar"))
    base = live_server.url
    page = phone_hi.new_page()
    sign_in(page, base, officer.username, prefix="/hi")

    page.goto(f"{base}/hi/gi-queue/{product.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(product.name)
    further = page.get_by_role("checkbox", name="Sikki Grass Products of Bihar")
    expect(further).to_be_checked()  # the matcher's further GI, shown as it stands
    checked(page)

    page.locator("input[name=action][value=confirm]").check()
    further.uncheck()
    page.locator("textarea[name=note]").fill("घास के उत्पाद दूसरे ज़िले के हैं")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(f"{base}/hi/gi-queue/")
    checked(page)

    decision = GILinkDecision.objects.get()
    assert decision.more_stated and decision.more_gi_in_order == []
    page.goto(f"{base}/hi/gi-queue/{product.pk}/")
    expect(page.get_by_text("घास के उत्पाद दूसरे ज़िले के हैं", exact=False)).to_be_visible()
    page.locator("summary", has_text="अतिरिक्त जीआई").click()  # closed: none is ticked now
    expect(page.get_by_role("checkbox", name="Sikki Grass Products of Bihar")).not_to_be_checked()
    checked(page)
