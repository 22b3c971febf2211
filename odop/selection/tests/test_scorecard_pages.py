"""Scorecard management pages: national admins derive and publish versions, State officers
adopt one for their State (issue #3)."""

import pytest
from django.test import Client

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.selection.models import ScorecardAdoption, ScorecardStatus, ScorecardVersion
from odop.selection.services import scorecards_install

pytestmark = pytest.mark.django_db

EQUAL = {f"weight-A{n}": "12.5" for n in range(1, 9)}


@pytest.fixture
def odop_india() -> ScorecardVersion:
    scorecards_install()
    return ScorecardVersion.objects.get(key="odop-india", version="1")


def test_national_admin_derives_and_publishes(client: Client, odop_india) -> None:
    client.force_login(UserFactory(role=Role.NATIONAL_ADMIN))
    weights = {**EQUAL, "weight-A1": "20", "weight-A2": "5"}
    response = client.post(
        f"/selection/scorecards/{odop_india.pk}/derive/", {"version": "2", **weights}
    )
    derived = ScorecardVersion.objects.get(key="odop-india", version="2")
    assert response.status_code == 302
    assert derived.status == ScorecardStatus.DRAFT
    assert derived.definition["criteria"][0]["max_points"] == "20"
    client.post(f"/selection/scorecards/{derived.pk}/publish/")
    derived.refresh_from_db()
    assert derived.status == ScorecardStatus.PUBLISHED


def test_weights_that_break_the_total_are_refused(client: Client, odop_india) -> None:
    client.force_login(UserFactory(role=Role.NATIONAL_ADMIN))
    response = client.post(
        f"/selection/scorecards/{odop_india.pk}/derive/",
        {"version": "2", **EQUAL, "weight-A1": "30"},
        follow=True,
    )
    assert ScorecardVersion.objects.filter(version="2").exists() is False
    assert list(response.context["messages"])


@pytest.mark.parametrize(
    "role", [Role.STATE_OFFICER, Role.DISTRICT_OFFICER, Role.PRODUCER, Role.ASSESSOR]
)
def test_only_national_admins_derive(client: Client, odop_india, role: Role) -> None:
    if role == Role.STATE_OFFICER:
        user = UserFactory(role=role, state=StateFactory())
    elif role == Role.DISTRICT_OFFICER:
        user = UserFactory(role=role, district=DistrictFactory())
    else:
        user = UserFactory(role=role)
    client.force_login(user)
    response = client.post(
        f"/selection/scorecards/{odop_india.pk}/derive/", {"version": "2", **EQUAL}
    )
    assert response.status_code == 403
    assert ScorecardVersion.objects.filter(version="2").exists() is False


def test_state_officer_adopts_for_their_state(client: Client, odop_india) -> None:
    state = StateFactory(name="Bihar")
    ocop = ScorecardVersion.objects.get(key="ocop-vietnam", version="2023")
    client.force_login(UserFactory(role=Role.STATE_OFFICER, state=state))
    page = client.get("/selection/scorecards/")
    assert "Use for Bihar" in page.content.decode()
    client.post(f"/selection/scorecards/{ocop.pk}/adopt/")
    assert ScorecardAdoption.objects.get(state=state, is_current=True).scorecard == ocop


def test_others_cannot_adopt(client: Client, odop_india) -> None:
    client.force_login(UserFactory(role=Role.BUYER))
    assert client.post(f"/selection/scorecards/{odop_india.pk}/adopt/").status_code == 403
    assert ScorecardAdoption.objects.exists() is False
