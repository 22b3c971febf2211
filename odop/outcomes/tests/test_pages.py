"""The officers' upload page and the State page's policy coverage line."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.test import Client

from odop.outcomes.models import OutcomeReturn, OutcomeUpload
from odop.outcomes.services import policy_create, policy_products_link
from odop.outcomes.tests.uploads import MESSY, MISSING_COLUMN, upload

pytestmark = pytest.mark.django_db


def test_an_officer_uploads_and_reads_the_report(client: Client, world: SimpleNamespace):
    client.force_login(world.users["state_officer_own"])
    assert client.get("/outcomes/upload/").status_code == 200
    response = client.post("/outcomes/upload/", {"file": upload(MESSY)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rows not placed" in page
    assert "Odisha, Kandhamal, Turmeric, 2026-Q2" in page
    assert "Kandhamal is outside your scope." in page
    assert "a figure cannot be negative." in page
    assert OutcomeReturn.objects.count() == 3
    assert "return.csv" in client.get("/outcomes/upload/").content.decode()


def test_a_file_missing_a_column_is_refused_whole_on_the_page(
    client: Client, world: SimpleNamespace
):
    client.force_login(world.users["district_officer_own"])
    response = client.post("/outcomes/upload/", {"file": upload(MISSING_COLUMN)})
    assert response.status_code == 400
    assert "nothing was written" in response.content.decode()
    assert "exports_inr" in response.content.decode()
    assert not OutcomeUpload.objects.exists()


@pytest.mark.parametrize("who", ["buyer", "producer", "mission_officer", "trainer"])
def test_the_page_is_not_there_for_others(client: Client, world: SimpleNamespace, who: str):
    client.force_login(world.users[who])
    assert client.get("/outcomes/upload/").status_code == 404
    assert client.post("/outcomes/upload/", {"file": upload(MESSY)}).status_code == 404
    assert not OutcomeUpload.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, world: SimpleNamespace):
    response = client.get("/outcomes/upload/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_the_state_page_says_how_many_products_a_policy_covers(
    client: Client, world: SimpleNamespace
):
    assert "covered by" not in client.get("/states/10/").content.decode()  # no policy yet
    admin = world.users["national_admin"]
    policy = policy_create(
        actor=admin,
        state=world.bihar,
        name="Bihar Industrial Investment Promotion Policy",
        state_category="Category A",
        effective_from=date(2016, 9, 1),
        notification_url="https://state.bihar.gov.in/industries/",
    )
    policy_products_link(actor=admin, policy=policy, district_product_ids=[world.makhana.pk])
    page = client.get("/states/10/").content.decode()
    assert "1 of 3 products covered by" in page
    assert "Bihar Industrial Investment Promotion Policy" in page
    assert "Category A under it" in page
    assert "covered by" not in client.get("/states/21/").content.decode()


def test_the_policy_line_costs_one_query_whatever_the_policies(
    client: Client, world: SimpleNamespace
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = world.users["national_admin"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/states/10/").status_code == 200
        return len(captured)

    policy_create(actor=admin, state=world.bihar, name="One", effective_from=date(2020, 1, 1))
    one = queries()
    for name in ("Two", "Three"):
        policy = policy_create(
            actor=admin, state=world.bihar, name=name, effective_from=date(2020, 1, 1)
        )
        policy_products_link(
            actor=admin, policy=policy, district_product_ids=[world.makhana.pk, world.silk.pk]
        )
    policy_create(actor=admin, state=None, name="Central", effective_from=date(2020, 1, 1))
    assert queries() == one
    assert "2 of 3 products covered by" in client.get("/states/10/").content.decode()
