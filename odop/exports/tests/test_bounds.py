"""Regression tests for issue #10: a committee-meeting attendee id of 10²⁰ was a 500 before
the permission check, and a small id told any signed-in user whether it existed."""

from types import SimpleNamespace

from rest_framework.test import APIClient

from odop.exports.models import CommitteeMeeting
from odop.exports.tests.factories import CommitteeMemberFactory, ExportPlanFactory


def _api(user: object) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_attendee_ids_are_checked_after_the_permission_and_only_in_the_plans_committee(
    world: SimpleNamespace,
) -> None:
    plan = ExportPlanFactory.create(district=world.patna)
    member = CommitteeMemberFactory.create(plan=plan)
    elsewhere = CommitteeMemberFactory.create(plan=ExportPlanFactory.create(district=world.patna))
    url = f"/api/v1/exports/plans/{plan.pk}/meetings/"
    body = {"date": "2026-11-30", "attendees": [10**20]}
    # A user who may see the plan but not record its meetings is refused before any lookup.
    outsider = _api(world.users["producer_own"]).post(url, body, format="json")
    assert outsider.status_code in (403, 404)
    manager = _api(world.officer)
    huge = manager.post(url, body, format="json")
    assert huge.status_code == 400, huge.content
    assert "attendees" in huge.json()["codes"]
    other_plan = manager.post(
        url, {"date": "2026-11-30", "attendees": [elsewhere.pk]}, format="json"
    )
    unknown = manager.post(url, {"date": "2026-11-30", "attendees": [999_999]}, format="json")
    # A member of another plan and an id that exists nowhere get the same answer.
    assert other_plan.status_code == unknown.status_code == 400
    assert other_plan.json()["codes"] == unknown.json()["codes"]
    assert not CommitteeMeeting.objects.exists()
    created = manager.post(url, {"date": "2026-11-30", "attendees": [member.pk]}, format="json")
    assert created.status_code == 201, created.content


def test_meeting_dated_in_the_twelfth_century_is_refused(world: SimpleNamespace) -> None:
    plan = ExportPlanFactory.create(district=world.patna)
    response = _api(world.officer).post(
        f"/api/v1/exports/plans/{plan.pk}/meetings/", {"date": "1193-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert "date" in response.json()["codes"]
