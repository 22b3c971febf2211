"""Pages of export plans and first-time exporters (issue #4): what each role sees and may do,
forms that show the services' errors and write nothing, and the roll-up."""

import re

import pytest
from django.test import Client

from odop.exports.models import (
    Bottleneck,
    BottleneckEvent,
    BottleneckStatus,
    ExporterCandidate,
    ExporterEvent,
    ExporterStage,
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


def _client(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def adopted(world):  # type: ignore[no-untyped-def]
    plan = ExportPlanFactory(district=world.patna, status=PlanStatus.ADOPTED, start_year=2026)
    ExportTargetFactory(plan=plan)
    BottleneckFactory(plan=plan, description="Cold chain missing at the railhead")
    CommitteeMemberFactory(plan=plan, name="Collector of Patna")
    return plan


def test_public_sees_the_summary_not_the_internals(world, adopted) -> None:  # type: ignore[no-untyped-def]
    for user in (None, world.users["buyer"], world.users["district_officer_other"]):
        response = _client(user).get(f"/exports/plans/{adopted.pk}/")
        assert response.status_code == 200
        text = _text(response)
        assert "Export value (USD)" in text and "First-time exporters in the district" in text
        assert "Cold chain missing" not in text and "Collector of Patna" not in text
    text = _text(_client(world.officer).get(f"/exports/plans/{adopted.pk}/"))
    assert "Cold chain missing" in text and "Collector of Patna" in text


def test_drafts_are_invisible_outside_the_scope(world) -> None:  # type: ignore[no-untyped-def]
    draft = ExportPlanFactory(district=world.patna)
    assert _client().get(f"/exports/plans/{draft.pk}/").status_code == 404
    other = world.users["district_officer_other"]
    assert _client(other).get(f"/exports/plans/{draft.pk}/").status_code == 404
    assert (
        _client(other).post(f"/exports/plans/{draft.pk}/", {"action": "adopt"}).status_code == 404
    )
    assert _client(world.officer).get(f"/exports/plans/{draft.pk}/").status_code == 200
    assert draft.pk not in [p.pk for p in _client().get("/exports/").context["plans"]]


def test_officer_draws_up_and_runs_a_plan(world) -> None:  # type: ignore[no-untyped-def]
    client = _client(world.officer)
    response = client.post(
        "/exports/", {"district": world.patna.pk, "start_year": 2026, "end_year": 2030}
    )
    plan = ExportPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/exports/plans/{plan.pk}/"
    url = response["Location"]
    for data in (
        {"action": "target", "kind": "first_time_exporters", "target_value": "25"},
        {
            "action": "bottleneck",
            "type": "testing",
            "description": "No NABL lab",
            "owner_name": "DIC",
        },
        {"action": "member", "name": "District Magistrate", "role": "chair"},
        {"action": "meeting", "date": "2026-11-20", "minutes": "First meeting"},
        {"action": "adopt"},
    ):
        assert client.post(url, data).status_code == 302, data
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED
    target = ExportTarget.objects.get(plan=plan)
    client.post(url, {"action": "progress", "target": target.pk, "date": "2026-11-21", "value": 5})
    assert TargetProgress.objects.get(target=target).value == 5
    bottleneck = Bottleneck.objects.get(plan=plan)
    client.post(
        url, {"action": "bottleneck_move", "bottleneck": bottleneck.pk, "to_status": "resolved"}
    )
    bottleneck.refresh_from_db()
    assert bottleneck.status == BottleneckStatus.RESOLVED
    event = BottleneckEvent.objects.get(bottleneck=bottleneck, to_status="resolved")
    assert (event.actor, event.to_status) == (world.officer, "resolved")
    assert "20.0%" in _text(client.get(url))  # 5 of 25 first-time exporters


def test_bad_input_shows_the_error_and_writes_nothing(world, adopted) -> None:  # type: ignore[no-untyped-def]
    client = _client(world.officer)
    url = f"/exports/plans/{adopted.pk}/"
    response = client.post(url, {"action": "target", "kind": "markets", "target_value": "x"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    bad_market = {"action": "target", "kind": "markets", "target_value": "3", "market_iso3": "U1"}
    response = client.post(url, bad_market)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert ExportTarget.objects.filter(plan=adopted).count() == 1
    # A move the workflow does not allow: resolved → dropped.
    bottleneck = Bottleneck.objects.get(plan=adopted)
    client.post(
        url, {"action": "bottleneck_move", "bottleneck": bottleneck.pk, "to_status": "resolved"}
    )
    response = client.post(
        url, {"action": "bottleneck_move", "bottleneck": bottleneck.pk, "to_status": "dropped"}
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    bottleneck.refresh_from_db()
    assert bottleneck.status == BottleneckStatus.RESOLVED
    # Unknown action, and people outside the scope.
    assert client.post(url, {"action": "delete"}).status_code == 403
    other = _client(world.users["district_officer_other"])
    assert other.post(url, {"action": "member", "name": "X", "role": "member"}).status_code == 403
    assert _client().post(url, {"action": "adopt"}).status_code == 302  # to sign in


def test_rollup_adds_up_adopted_plans(world, adopted) -> None:  # type: ignore[no-untyped-def]
    ExportPlanFactory(district=world.bhagalpur, start_year=2026)  # a draft: not counted
    response = _client().get("/exports/rollup/", {"year": 2026})
    assert response.status_code == 200
    text = _text(response)
    assert "1 adopted plan covers this year" in text and "Bihar" in text
    response = _client().get("/exports/rollup/", {"year": 2026, "state": 10})
    assert "Patna" in _text(response)
    assert _client().get("/exports/rollup/", {"state": 999}).status_code == 404


def test_exporter_pipeline_enrol_checklist_and_move(world) -> None:  # type: ignore[no-untyped-def]
    client = _client(world.officer)
    bad = client.post(
        "/exports/exporters/",
        {
            "district": world.patna.pk,
            "producer_name": "Sita Crafts",
            "product": "Madhubani",
            "gstin": "10AAAAA0000A1Z0",
        },
    )
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    assert not ExporterCandidate.objects.exists()
    response = client.post(
        "/exports/exporters/",
        {"district": world.patna.pk, "producer_name": "Sita Crafts", "product": "Madhubani"},
    )
    exporter = ExporterCandidate.objects.get()
    url = f"/exports/exporters/{exporter.pk}/"
    assert response["Location"] == url
    # Registration needs IEC and GST ticked first.
    response = client.post(url, {"action": "move", "to_stage": "registered"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    saved = client.post(
        url, {"action": "checklist", "has_iec": "on", "has_gst": "on", "iec_number": "aapfu0939f"}
    )
    assert saved.status_code == 302, _text(saved)
    client.post(url, {"action": "move", "to_stage": "registered", "note": "Papers seen"})
    exporter.refresh_from_db()
    assert exporter.stage == ExporterStage.REGISTERED and exporter.iec_number == "AAPFU0939F"
    assert ExporterEvent.objects.get(exporter=exporter, to_stage="registered").note == "Papers seen"
    assert "Sita Crafts" in _text(client.get("/exports/exporters/"))


def test_exporter_records_are_private(world) -> None:  # type: ignore[no-untyped-def]
    mine = ExporterCandidateFactory(district=world.patna, user=world.users["producer_own"])
    url = f"/exports/exporters/{mine.pk}/"
    assert _client().get(url).status_code == 302  # sign in first
    for role in ("producer_other", "buyer", "district_officer_other"):
        assert _client(world.users[role]).get(url).status_code == 404, role
    producer = _client(world.users["producer_own"])
    assert producer.get(url).status_code == 200
    producer.post(url, {"action": "checklist", "has_rcmc": "on"})
    mine.refresh_from_db()
    assert mine.has_rcmc
    assert producer.post(url, {"action": "move", "to_stage": "dropped"}).status_code == 403
    assert producer.post("/exports/exporters/", {"producer_name": "X"}).status_code == 403
