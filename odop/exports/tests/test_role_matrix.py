"""Role matrix for every write of the exports API (issue #4): each role against each write
endpoint, the expected status, and on refusal no change in the database.

The plan and the exporter live in Patna (Bihar). "own" officers cover it; "other" ones do
not (Odisha's State officer, Bhagalpur's district officer). The plan is adopted, so it is
visible to all (a refusal is 403); exporter records are visible only to officers of the
scope and their producer (others get 404). The own producer is linked to the exporter.
"""

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from rest_framework.test import APIClient

from odop.exports.models import (
    Bottleneck,
    BottleneckEvent,
    CommitteeMeeting,
    CommitteeMember,
    ExporterCandidate,
    ExporterEvent,
    ExportPlan,
    ExportTarget,
    PlanStatus,
    TargetProgress,
)
from odop.exports.tests.factories import (
    BottleneckFactory,
    CommitteeMemberFactory,
    ExporterCandidateFactory,
    ExportPlanFactory,
    ExportTargetFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/exports"
ROLES = [
    "anonymous",
    "national_admin",
    "state_officer_own",
    "state_officer_other",
    "district_officer_own",
    "district_officer_other",
    "producer_own",
    "producer_other",
    "buyer",
    "mission_officer",
    "assessor",
]
OFFICERS_OWN = {"national_admin", "state_officer_own", "district_officer_own"}


def database_state() -> dict[str, Any]:
    return {
        "plans": list(ExportPlan.objects.order_by("pk").values_list("pk", "status")),
        "targets": ExportTarget.objects.count(),
        "progress": TargetProgress.objects.count(),
        "bottlenecks": list(Bottleneck.objects.order_by("pk").values_list("pk", "status")),
        "bottleneck_events": BottleneckEvent.objects.count(),
        "members": CommitteeMember.objects.count(),
        "meetings": CommitteeMeeting.objects.count(),
        "exporters": list(
            ExporterCandidate.objects.order_by("pk").values_list("pk", "stage", "has_rcmc")
        ),
        "exporter_events": ExporterEvent.objects.count(),
    }


def setup(world: SimpleNamespace) -> SimpleNamespace:
    plan = ExportPlanFactory.create(district=world.patna, status=PlanStatus.ADOPTED)
    draft = ExportPlanFactory.create(district=world.patna, start_year=2030, end_year=2031)
    target = ExportTargetFactory.create(plan=plan)
    bottleneck = BottleneckFactory.create(plan=plan)
    member = CommitteeMemberFactory.create(plan=plan)
    exporter = ExporterCandidateFactory.create(
        district=world.patna,
        user=world.users["producer_own"],
        iec_number="AAPFU0939F",
        has_iec=True,
        has_gst=True,
    )
    return SimpleNamespace(
        plan=plan,
        draft=draft,
        target=target,
        bottleneck=bottleneck,
        member=member,
        exporter=exporter,
    )


# name → (request maker, expected status for an allowed user, who is allowed, refusal for
# users who cannot see the object (None: the object is public, so 403))
Write = tuple[Callable[[APIClient, SimpleNamespace, SimpleNamespace], Any], int, set[str], int]
WRITES: dict[str, Write] = {
    "plan_create": (
        lambda c, w, o: c.post(
            f"{API}/plans/",
            {"district": 212, "start_year": 2032, "end_year": 2034},
            format="json",
        ),
        201,
        OFFICERS_OWN,
        403,
    ),
    "plan_adopt": (
        lambda c, w, o: c.post(
            f"{API}/plans/{o.draft.pk}/transition/", {"to_status": "adopted"}, format="json"
        ),
        200,
        OFFICERS_OWN,
        404,
    ),
    "target_add": (
        lambda c, w, o: c.post(
            f"{API}/plans/{o.plan.pk}/targets/",
            {"kind": "markets", "target_value": "12", "baseline": "3"},
            format="json",
        ),
        201,
        OFFICERS_OWN,
        403,
    ),
    "progress_add": (
        lambda c, w, o: c.post(
            f"{API}/plans/{o.plan.pk}/targets/{o.target.pk}/progress/",
            {"date": "2025-09-30", "value": "250000"},
            format="json",
        ),
        201,
        OFFICERS_OWN,
        403,
    ),
    "bottleneck_add": (
        lambda c, w, o: c.post(
            f"{API}/plans/{o.plan.pk}/bottlenecks/",
            {"type": "finance", "description": "No packing credit", "owner_name": "LDM"},
            format="json",
        ),
        201,
        OFFICERS_OWN,
        403,
    ),
    "bottleneck_transition": (
        lambda c, w, o: c.post(
            f"{API}/plans/{o.plan.pk}/bottlenecks/{o.bottleneck.pk}/transition/",
            {"to_status": "in_progress"},
            format="json",
        ),
        200,
        OFFICERS_OWN,
        403,
    ),
    "member_add": (
        lambda c, w, o: c.post(
            f"{API}/plans/{o.plan.pk}/members/",
            {"name": "Lead District Manager", "organisation": "SBI"},
            format="json",
        ),
        201,
        OFFICERS_OWN,
        403,
    ),
    "meeting_add": (
        lambda c, w, o: c.post(
            f"{API}/plans/{o.plan.pk}/meetings/",
            {"date": "2025-05-02", "minutes": "Discussed testing", "attendees": [o.member.pk]},
            format="json",
        ),
        201,
        OFFICERS_OWN,
        403,
    ),
    "exporter_create": (
        lambda c, w, o: c.post(
            f"{API}/exporters/",
            {"district": 212, "producer_name": "New Firm", "product": "Makhana"},
            format="json",
        ),
        201,
        OFFICERS_OWN,
        403,
    ),
    "exporter_transition": (
        lambda c, w, o: c.post(
            f"{API}/exporters/{o.exporter.pk}/transition/",
            {"to_stage": "registered"},
            format="json",
        ),
        200,
        OFFICERS_OWN,
        404,
    ),
    "exporter_checklist": (
        lambda c, w, o: c.patch(
            f"{API}/exporters/{o.exporter.pk}/checklist/", {"has_rcmc": True}, format="json"
        ),
        200,
        OFFICERS_OWN | {"producer_own"},
        404,
    ),
}

# The own producer sees their exporter record, so a refused move is 403 for them.
VISIBLE_EXPORTER = OFFICERS_OWN | {"producer_own"}


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("write", list(WRITES))
def test_write(world: SimpleNamespace, who: str, write: str) -> None:
    objects = setup(world)
    make, allowed_status, allowed, hidden_status = WRITES[write]
    client = APIClient()
    if who != "anonymous":
        client.force_authenticate(world.users[who])
    before = database_state()
    response = make(client, world, objects)
    if who in allowed:
        assert response.status_code == allowed_status, response.content
        assert database_state() != before
        return
    if who == "anonymous":
        expected = 401
    elif write.startswith("exporter_") and write != "exporter_create":
        expected = 403 if who in VISIBLE_EXPORTER else hidden_status
    elif write == "plan_adopt":
        expected = hidden_status  # a draft is visible to officers of the scope only
    else:
        expected = 403
    assert response.status_code == expected, response.content
    assert database_state() == before


def test_bottleneck_owner_moves_their_bottleneck(world: SimpleNamespace) -> None:
    objects = setup(world)
    owner = world.users["mission_officer"]
    Bottleneck.objects.filter(pk=objects.bottleneck.pk).update(owner_user=owner)
    client = APIClient()
    client.force_authenticate(owner)
    url = f"{API}/plans/{objects.plan.pk}/bottlenecks/{objects.bottleneck.pk}/transition/"
    assert client.post(url, {"to_status": "resolved"}, format="json").status_code == 200
    assert client.post(url, {"to_status": "in_progress"}, format="json").status_code == 200
    assert client.post(url, {"to_status": "dropped"}, format="json").status_code == 403


def test_archived_plans_are_closed(world: SimpleNamespace) -> None:
    objects = setup(world)
    ExportPlan.objects.filter(pk=objects.plan.pk).update(status=PlanStatus.ARCHIVED)
    client = APIClient()
    client.force_authenticate(world.users["national_admin"])
    response = client.post(
        f"{API}/plans/{objects.plan.pk}/targets/",
        {"kind": "markets", "target_value": "12"},
        format="json",
    )
    assert response.status_code == 403
    assert ExportTarget.objects.count() == 1
