"""The exports API: what the public and officers see, error codes, roll-ups, query counts."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from odop.exports.models import ExporterStage, PlanStatus
from odop.exports.tests.factories import (
    BottleneckFactory,
    CommitteeMemberFactory,
    ExporterCandidateFactory,
    ExportPlanFactory,
    ExportTargetFactory,
    TargetProgressFactory,
)
from odop.geography.tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/exports"


def client_as(user: object = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_public_sees_the_summary_only(world: SimpleNamespace) -> None:
    plan = ExportPlanFactory.create(district=world.patna, status=PlanStatus.ADOPTED)
    target = ExportTargetFactory.create(plan=plan, target_value=Decimal(800), baseline=100)
    TargetProgressFactory.create(target=target, date=date(2025, 6, 30), value=200, note="DGCIS")
    BottleneckFactory.create(plan=plan)
    CommitteeMemberFactory.create(plan=plan, name="Smt. A. Kumari")
    ExporterCandidateFactory.create_batch(2, district=world.patna)
    public = client_as().get(f"{API}/plans/{plan.pk}/").json()
    assert public["bottlenecks"] is None
    assert public["committee"] is None
    assert public["meetings"] is None
    assert public["targets"][0]["latest_value"] == "200.00"
    assert public["targets"][0]["percent"] == "25.0"
    assert public["targets"][0]["readings"] == []
    assert public["exporters"]["interested"] == 2
    assert "Kumari" not in str(public)
    officer = client_as(world.officer).get(f"{API}/plans/{plan.pk}/").json()
    assert officer["committee"][0]["name"] == "Smt. A. Kumari"
    assert officer["bottlenecks"][0]["next_statuses"] == ["dropped", "in_progress", "resolved"]
    assert officer["targets"][0]["readings"][0]["note"] == "DGCIS"
    assert officer["can_manage"] is True


def test_drafts_are_hidden_from_the_public(world: SimpleNamespace) -> None:
    draft = ExportPlanFactory.create(district=world.patna)
    assert client_as().get(f"{API}/plans/{draft.pk}/").status_code == 404
    assert client_as().get(f"{API}/plans/").json()["count"] == 0
    assert client_as(world.officer).get(f"{API}/plans/").json()["count"] == 1


def test_plan_list_queries_do_not_grow(world: SimpleNamespace) -> None:
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client_as().get(f"{API}/plans/").status_code == 200
        return len(queries)

    ExportTargetFactory.create(plan__district=world.patna, plan__status=PlanStatus.ADOPTED)
    few = count_queries()
    for index in range(5):
        district = DistrictFactory.create(state=world.bihar)
        plan = ExportPlanFactory.create(district=district, status=PlanStatus.ADOPTED)
        ExportTargetFactory.create_batch(index + 1, plan=plan)
    assert count_queries() == few


def test_exporter_list_queries_do_not_grow(world: SimpleNamespace) -> None:
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client_as(world.users["national_admin"]).get(f"{API}/exporters/")
            assert response.status_code == 200
        return len(queries)

    ExporterCandidateFactory.create(district=world.patna)
    few = count_queries()
    ExporterCandidateFactory.create_batch(5, district=world.baleshwar)
    assert count_queries() == few


def test_exporters_are_private(world: SimpleNamespace) -> None:
    mine = ExporterCandidateFactory.create(district=world.patna, user=world.users["producer_own"])
    ExporterCandidateFactory.create(district=world.baleshwar)
    assert client_as().get(f"{API}/exporters/").status_code == 401
    assert client_as(world.users["buyer"]).get(f"{API}/exporters/").json()["count"] == 0
    own = client_as(world.users["producer_own"]).get(f"{API}/exporters/").json()
    assert [row["id"] for row in own["results"]] == [mine.pk]
    assert client_as(world.users["state_officer_own"]).get(f"{API}/exporters/").json()["count"] == 1
    detail = client_as(world.users["producer_own"]).get(f"{API}/exporters/{mine.pk}/").json()
    assert detail["next_stages"] == []
    assert detail["can_update_checklist"] is True


def test_not_ready_and_identifier_errors_carry_codes(world: SimpleNamespace) -> None:
    client = client_as(world.officer)
    response = client.post(
        f"{API}/exporters/",
        {"district": 212, "producer_name": "F", "product": "P", "gstin": "27AAPFU0939F1ZW"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["codes"]["gstin"] == ["gstin_check_failed"]
    created = client.post(
        f"{API}/exporters/",
        {"district": 212, "producer_name": "F", "product": "P", "has_gst": True},
        format="json",
    ).json()
    response = client.post(
        f"{API}/exporters/{created['id']}/transition/", {"to_stage": "registered"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["codes"]["non_field_errors"] == ["not_ready"]
    ticked = client.patch(
        f"{API}/exporters/{created['id']}/checklist/",
        {"has_iec": True, "iec_number": "aapfu0939f"},
        format="json",
    )
    assert ticked.json()["checklist_done"] == 2
    moved = client.post(
        f"{API}/exporters/{created['id']}/transition/", {"to_stage": "registered"}, format="json"
    ).json()
    assert moved["stage"] == ExporterStage.REGISTERED
    assert [event["to_stage"] for event in moved["events"]] == ["interested", "registered"]


def test_rollup_endpoint(world: SimpleNamespace) -> None:
    plan = ExportPlanFactory.create(district=world.patna, status=PlanStatus.ADOPTED)
    target = ExportTargetFactory.create(plan=plan, target_value=Decimal(1000))
    TargetProgressFactory.create(target=target, date=date(2025, 3, 1), value=250)
    ExporterCandidateFactory.create(district=world.patna, stage=ExporterStage.FIRST_INQUIRY)
    state = client_as().get(f"{API}/rollup/", {"state": 10, "year": 2026}).json()
    value = state["total"]["kinds"][0]
    assert (value["kind"], value["target_total"], value["current_total"], value["percent"]) == (
        "export_value_usd",
        "1000.00",
        "250.00",
        "25.0",
    )
    assert state["state"] == {"lgd_code": 10, "name": "Bihar"}
    assert [area["name"] for area in state["areas"]] == ["Patna"]
    assert state["total"]["exporters"]["first_inquiry"] == 1
    india = client_as().get(f"{API}/rollup/", {"year": 2026}).json()
    assert india["state"] is None
    assert india["total"]["name"] == "India"
    assert client_as().get(f"{API}/rollup/", {"state": 99}).status_code == 404


def test_schema_lists_the_endpoints(world: SimpleNamespace) -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = [path for path in schema["paths"] if path.startswith(API)]
    assert f"{API}/rollup/" in paths
    assert len(paths) == 14
