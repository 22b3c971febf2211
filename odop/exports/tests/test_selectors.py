"""Plan progress and State/national roll-ups: exact figures, constant query counts."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from odop.exports.models import ExporterStage, PlanStatus, TargetKind
from odop.exports.selectors import export_rollup, plan_progress
from odop.exports.tests.factories import (
    ExporterCandidateFactory,
    ExportPlanFactory,
    ExportTargetFactory,
    TargetProgressFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


def adopted_plan(district, value_target, value_baseline, readings, markets=None):  # type: ignore[no-untyped-def]
    plan = ExportPlanFactory.create(district=district, status=PlanStatus.ADOPTED)
    value = ExportTargetFactory.create(
        plan=plan, target_value=D(value_target), baseline=D(value_baseline)
    )
    for day, reading in readings:
        TargetProgressFactory.create(target=value, date=day, value=D(reading))
    if markets is not None:
        ExportTargetFactory.create(
            plan=plan, kind=TargetKind.MARKETS, target_value=D(markets), baseline=D(2)
        )
    # A market-specific target is part of the district total: never added in roll-ups.
    ExportTargetFactory.create(plan=plan, target_value=D(999), market_iso3="USA")
    return plan


def test_plan_progress_takes_the_latest_reading(world: SimpleNamespace) -> None:
    plan = adopted_plan(
        world.patna,
        1_000_000,
        200_000,
        [(date(2025, 3, 31), 300_000), (date(2025, 12, 31), 450_000), (date(2025, 6, 30), 900)],
        markets=8,
    )
    with CaptureQueriesContext(connection) as queries:
        standings = plan_progress(plan=plan)
    assert len(queries) == 2
    figures = [
        (s.target.kind, s.target.baseline, s.latest_value, s.latest_date, s.percent)
        for s in standings
    ]
    assert figures == [
        ("export_value_usd", D(200000), D(450000), date(2025, 12, 31), D("45.0")),
        ("export_value_usd", D(0), None, None, None),
        ("markets", D(2), None, None, None),
    ]
    assert [r.value for r in standings[0].readings] == [D(300000), D(900), D(450000)]


def test_state_and_national_rollups(world: SimpleNamespace) -> None:
    adopted_plan(world.patna, 1_000_000, 200_000, [(date(2025, 12, 31), 450_000)], markets=8)
    adopted_plan(world.bhagalpur, 500_000, 100_000, [], markets=4)
    adopted_plan(world.baleshwar, 300_000, 0, [(date(2025, 9, 1), 30_000)])
    ExportPlanFactory.create(district=world.patna, start_year=2030, end_year=2032)  # draft
    for district, stage, count in [
        (world.patna, ExporterStage.INTERESTED, 3),
        (world.patna, ExporterStage.FIRST_SHIPMENT, 1),
        (world.bhagalpur, ExporterStage.REGISTERED, 2),
        (world.baleshwar, ExporterStage.INTERESTED, 5),
    ]:
        ExporterCandidateFactory.create_batch(count, district=district, stage=stage)

    with CaptureQueriesContext(connection) as queries:
        bihar = export_rollup(state=world.bihar, year=2025)
    assert len(queries) == 3
    value = bihar.total.kinds["export_value_usd"]
    assert (value.targets, value.target_total, value.baseline_total) == (2, D(1500000), D(300000))
    # Patna's latest reading, Bhagalpur's baseline (no reading yet).
    assert (value.current_total, value.reporting, value.percent) == (D(550000), 1, D("36.7"))
    markets = bihar.total.kinds["markets"]
    assert (markets.target_total, markets.current_total, markets.percent) == (
        D(12),
        D(4),
        D("33.3"),
    )
    assert bihar.total.plans == 2
    assert bihar.total.exporters == {
        "interested": 3,
        "registered": 2,
        "first_inquiry": 0,
        "first_shipment": 1,
        "dropped": 0,
    }
    assert [(a.name, a.plans, a.kinds["export_value_usd"].current_total) for a in bihar.areas] == [
        ("Bhagalpur", 1, D(100000)),
        ("Patna", 1, D(450000)),
    ]

    with CaptureQueriesContext(connection) as queries:
        india = export_rollup(state=None, year=2025)
    assert len(queries) == 3
    assert india.total.kinds["export_value_usd"].target_total == D(1800000)
    assert india.total.kinds["export_value_usd"].current_total == D(580000)
    assert india.total.exporters["interested"] == 8
    assert [(a.lgd_code, a.plans) for a in india.areas] == [(10, 2), (21, 1)]

    assert export_rollup(state=None, year=2029).total.plans == 0
