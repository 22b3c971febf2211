"""The officers' return upload page in Debian's Chromium on a 360 px phone (issue 17): a State
officer uploads a messy return and reads which rows were not placed and why; the State page
says how many products a policy covers. axe-core finds nothing, no page is wider than the
screen."""

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.core.tests.browser_support import checked
from odop.outcomes.services import policy_create, policy_products_link
from odop.outcomes.tests.uploads import MESSY

pytestmark = pytest.mark.browser


def test_a_state_officer_uploads_a_return_on_a_phone(
    phone: BrowserContext, live_server: LiveServer, world: SimpleNamespace, tmp_path: Path
) -> None:
    officer = world.users["state_officer_own"]
    officer.username = "bihar-officer"
    officer.save()
    base = live_server.url
    page = phone.new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill("bihar-officer")
    page.locator("#id_password").fill("pass-word-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/my/")

    page.goto(f"{base}/outcomes/upload/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload an outcome return")
    checked(page)
    path = tmp_path / "bihar-2026-q2.csv"
    path.write_text(MESSY)
    page.get_by_label("Outcome return (.csv or .xlsx)").set_input_files(path)
    page.get_by_role("button", name="Check and upload").click()
    expect(page.get_by_role("heading", name="Rows not placed")).to_be_visible()
    expect(page.get_by_text("Kandhamal is outside your scope.")).to_be_visible()
    checked(page)

    admin = world.users["national_admin"]
    policy = policy_create(
        actor=admin, state=world.bihar, name="Bihar Startup Policy", effective_from=date(2022, 1, 1)
    )
    policy_products_link(actor=admin, policy=policy, district_product_ids=[world.makhana.pk])
    page.goto(f"{base}/states/10/")
    expect(page.get_by_text("1 of 3 products covered by")).to_be_visible()
    checked(page)
