"""Workflows of bottlenecks, exporters and plans: allowed and refused moves, history rows,
the readiness rule and the database's invariants."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from odop.exports import services
from odop.exports.models import (
    BottleneckEvent,
    BottleneckStatus,
    BottleneckType,
    CommitteeRole,
    ExporterCandidate,
    ExporterEvent,
    ExporterStage,
    PlanStatus,
)
from odop.exports.tests.factories import (
    BottleneckFactory,
    ExporterCandidateFactory,
    ExportPlanFactory,
)
from odop.exports.workflow import BOTTLENECK_TRANSITIONS, EXPORTER_TRANSITIONS

pytestmark = pytest.mark.django_db
B, E = BottleneckStatus, ExporterStage


def test_every_status_has_an_entry() -> None:
    assert set(BOTTLENECK_TRANSITIONS) == set(B)
    assert set(EXPORTER_TRANSITIONS) == set(E)


def test_bottleneck_life_with_history(world: SimpleNamespace) -> None:
    plan = ExportPlanFactory.create(district=world.patna)
    bottleneck = services.bottleneck_add(
        actor=world.officer,
        plan=plan,
        type=BottleneckType.LOGISTICS,
        description="No ICD within 150 km",
        owner_name="DGFT regional office",
        due_date=date(2025, 12, 31),
    )
    for to_status in (B.IN_PROGRESS, B.RESOLVED, B.IN_PROGRESS, B.DROPPED, B.OPEN):
        services.bottleneck_transition(
            actor=world.officer, bottleneck=bottleneck, to_status=to_status, note="x"
        )
    moves = list(
        BottleneckEvent.objects.filter(bottleneck=bottleneck).values_list(
            "from_status", "to_status", "actor"
        )
    )
    assert moves == [
        (B.OPEN, B.OPEN, world.officer.pk),
        (B.OPEN, B.IN_PROGRESS, world.officer.pk),
        (B.IN_PROGRESS, B.RESOLVED, world.officer.pk),
        (B.RESOLVED, B.IN_PROGRESS, world.officer.pk),
        (B.IN_PROGRESS, B.DROPPED, world.officer.pk),
        (B.DROPPED, B.OPEN, world.officer.pk),
    ]
    bottleneck.refresh_from_db()
    assert bottleneck.status == B.OPEN
    assert bottleneck.history.first().history_user == world.officer


@pytest.mark.parametrize(("start", "to"), [(B.RESOLVED, B.DROPPED), (B.DROPPED, B.RESOLVED)])
def test_bottleneck_refused_moves_write_nothing(world: SimpleNamespace, start: B, to: B) -> None:
    bottleneck = BottleneckFactory.create(plan__district=world.patna, status=start)
    with pytest.raises(ValidationError) as error:
        services.bottleneck_transition(actor=world.officer, bottleneck=bottleneck, to_status=to)
    assert error.value.code == "invalid_transition"
    bottleneck.refresh_from_db()
    assert bottleneck.status == start
    assert not BottleneckEvent.objects.exists()


def test_bottleneck_owner_may_progress_but_not_drop(world: SimpleNamespace) -> None:
    owner = world.users["buyer"]
    bottleneck = BottleneckFactory.create(plan__district=world.patna, owner_user=owner)
    services.bottleneck_transition(actor=owner, bottleneck=bottleneck, to_status=B.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        services.bottleneck_transition(actor=owner, bottleneck=bottleneck, to_status=B.DROPPED)


def exporter_in(world: SimpleNamespace, **fields: object) -> ExporterCandidate:
    return services.exporter_create(
        actor=world.officer,
        district=world.patna,
        producer_name="Ganga Brass Works",
        product="Brass lamps",
        **fields,  # type: ignore[arg-type]
    )


def test_exporter_pipeline_to_first_shipment(world: SimpleNamespace) -> None:
    exporter = exporter_in(world, iec_number="aapfu0939f", checklist={"has_iec": True})
    assert exporter.iec_number == "AAPFU0939F"
    services.exporter_checklist_update(
        actor=world.officer, exporter=exporter, checklist={"has_gst": True}
    )
    for to_stage in (E.REGISTERED, E.FIRST_INQUIRY, E.FIRST_SHIPMENT):
        services.exporter_transition(actor=world.officer, exporter=exporter, to_stage=to_stage)
    stages = list(
        ExporterEvent.objects.filter(exporter=exporter).values_list("from_stage", "to_stage")
    )
    assert stages == [
        (E.INTERESTED, E.INTERESTED),
        (E.INTERESTED, E.REGISTERED),
        (E.REGISTERED, E.FIRST_INQUIRY),
        (E.FIRST_INQUIRY, E.FIRST_SHIPMENT),
    ]
    with pytest.raises(ValidationError) as error:
        services.exporter_transition(actor=world.officer, exporter=exporter, to_stage=E.DROPPED)
    assert error.value.code == "invalid_transition"


@pytest.mark.parametrize(
    "checklist",
    [{}, {"has_gst": True}, {"has_rcmc": True, "has_labelling": True, "has_gst": True}],
)
def test_registration_needs_iec_and_gst(world: SimpleNamespace, checklist: dict) -> None:
    exporter = exporter_in(world, checklist=checklist)
    with pytest.raises(ValidationError) as error:
        services.exporter_transition(actor=world.officer, exporter=exporter, to_stage=E.REGISTERED)
    assert error.value.code == "not_ready"
    exporter.refresh_from_db()
    assert exporter.stage == E.INTERESTED
    assert ExporterEvent.objects.filter(exporter=exporter).count() == 1


def test_registered_exporter_keeps_iec_and_gst(world: SimpleNamespace) -> None:
    exporter = exporter_in(
        world, iec_number="AAPFU0939F", checklist={"has_iec": True, "has_gst": True}
    )
    services.exporter_transition(actor=world.officer, exporter=exporter, to_stage=E.REGISTERED)
    with pytest.raises(ValidationError) as error:
        services.exporter_checklist_update(
            actor=world.officer, exporter=exporter, checklist={"has_gst": False}
        )
    assert error.value.error_dict["has_gst"][0].code == "stage_requires_item"


def test_dropped_producer_can_start_again(world: SimpleNamespace) -> None:
    exporter = exporter_in(world)
    services.exporter_transition(actor=world.officer, exporter=exporter, to_stage=E.DROPPED)
    services.exporter_transition(actor=world.officer, exporter=exporter, to_stage=E.INTERESTED)
    assert ExporterEvent.objects.filter(exporter=exporter).count() == 3


def test_iec_tick_needs_the_number(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError) as error:
        exporter_in(world, checklist={"has_iec": True})
    assert error.value.error_dict["__all__"][0].code == "iec_missing"
    with pytest.raises(IntegrityError), transaction.atomic():
        ExporterCandidateFactory.create(district=world.patna, has_iec=True, iec_number="")


def test_bad_identifiers_are_refused(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError) as error:
        exporter_in(world, iec_number="12345ABCDE", gstin="27AAPFU0939F1ZW")
    assert set(error.value.message_dict) == {"iec_number", "gstin"}
    exporter = exporter_in(world, gstin="27aapfu0939f1zv")
    assert exporter.gstin == "27AAPFU0939F1ZV"


def test_only_producers_are_linked(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError) as error:
        exporter_in(world, user=world.users["buyer"])
    assert error.value.error_dict["user"][0].code == "not_a_producer"


def test_one_adopted_plan_per_period(world: SimpleNamespace) -> None:
    first = ExportPlanFactory.create(district=world.patna, start_year=2025, end_year=2027)
    services.plan_transition(actor=world.officer, plan=first, to_status=PlanStatus.ADOPTED)
    overlapping = ExportPlanFactory.create(district=world.patna, start_year=2027, end_year=2029)
    with pytest.raises(ValidationError) as error:
        services.plan_transition(
            actor=world.officer, plan=overlapping, to_status=PlanStatus.ADOPTED
        )
    assert error.value.code == "overlapping_plan"
    later = ExportPlanFactory.create(district=world.patna, start_year=2028, end_year=2030)
    services.plan_transition(actor=world.officer, plan=later, to_status=PlanStatus.ADOPTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExportPlanFactory.create(district=world.patna, status=PlanStatus.ADOPTED)
    services.plan_transition(actor=world.officer, plan=first, to_status=PlanStatus.ARCHIVED)
    with pytest.raises(ValidationError) as error:
        services.plan_transition(actor=world.officer, plan=first, to_status=PlanStatus.ADOPTED)
    assert error.value.code == "invalid_transition"


def test_plan_period_must_run_forward(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError):
        services.plan_create(
            actor=world.officer, district=world.patna, start_year=2027, end_year=2025
        )


def test_one_chair_and_attendees_from_the_committee(world: SimpleNamespace) -> None:
    plan = ExportPlanFactory.create(district=world.patna)
    other_plan = ExportPlanFactory.create(district=world.patna, start_year=2030, end_year=2031)
    chair = services.committee_member_add(
        actor=world.officer, plan=plan, name="District Magistrate", role=CommitteeRole.CHAIR
    )
    with pytest.raises(ValidationError):
        services.committee_member_add(
            actor=world.officer, plan=plan, name="Someone", role=CommitteeRole.CHAIR
        )
    stranger = services.committee_member_add(actor=world.officer, plan=other_plan, name="X")
    with pytest.raises(ValidationError) as error:
        services.meeting_add(
            actor=world.officer, plan=plan, date=date(2025, 5, 1), attendees=[chair, stranger]
        )
    assert error.value.error_dict["attendees"][0].code == "not_a_member"
    meeting = services.meeting_add(
        actor=world.officer, plan=plan, date=date(2025, 5, 1), minutes="m", attendees=[chair]
    )
    assert list(meeting.attendees.all()) == [chair]


def test_progress_after_the_period_is_refused(world: SimpleNamespace) -> None:
    plan = ExportPlanFactory.create(district=world.patna, start_year=2025, end_year=2027)
    target = services.target_add(
        actor=world.officer, plan=plan, kind="markets", target_value=Decimal(10)
    )
    with pytest.raises(ValidationError) as error:
        services.progress_add(
            actor=world.officer, target=target, date=date(2028, 1, 1), value=Decimal(3)
        )
    assert error.value.code == "outside_period"


@pytest.mark.parametrize(("field", "value"), [("hs_code", "74181"), ("market_iso3", "us")])
def test_target_codes_are_checked(world: SimpleNamespace, field: str, value: str) -> None:
    plan = ExportPlanFactory.create(district=world.patna)
    with pytest.raises(ValidationError) as error:
        services.target_add(
            actor=world.officer,
            plan=plan,
            kind="markets",
            target_value=Decimal(10),
            **{field: value},  # type: ignore[arg-type]
        )
    assert field in error.value.message_dict
