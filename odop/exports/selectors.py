"""Read-side of export plans: a plan's progress, exporter counts, and State/national roll-ups.

Every selector runs a fixed number of queries whatever the number of plans, targets or
readings (the latest reading is a subquery, counts are one GROUP BY).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from odop.accounts.models import User
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
    TargetKind,
    TargetProgress,
)
from odop.exports.permissions import exporters_visible_to, plans_visible_to
from odop.exports.workflow import EXPORTER_STAGE_ORDER
from odop.geography.models import District, State

# Kinds whose targets add up across districts; "other" targets have no common unit.
ROLLUP_KINDS = (TargetKind.EXPORT_VALUE_USD, TargetKind.MARKETS, TargetKind.FIRST_TIME_EXPORTERS)


def percent_of(value: Decimal | None, target: Decimal) -> Decimal | None:
    """`value` as a percentage of `target`, to one decimal (None without a value)."""
    if value is None or not target:
        return None
    return (value * 100 / target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- plans


def plan_list(
    *,
    user: User | AnonymousUser,
    state: int | None = None,
    district: int | None = None,
    status: str | None = None,
) -> QuerySet[ExportPlan]:
    """Plans the user may see (filters by State and district LGD code, and status), each
    with its number of targets as `target_count`."""
    plans = plans_visible_to(user).annotate(target_count=Count("targets"))
    if state is not None:
        plans = plans.filter(district__state__lgd_code=state)
    if district is not None:
        plans = plans.filter(district__lgd_code=district)
    if status:
        plans = plans.filter(status=status)
    return plans.order_by("district__state__name", "district__name", "-start_year", "pk")


def public_plan_of_district(*, user: User | AnonymousUser, district: District) -> ExportPlan | None:
    """The plan to show on a district's pages: the newest adopted plan, else (for officers of
    the scope) the newest draft; None when the user may see none."""
    plans = plans_visible_to(user).filter(district=district)
    return (
        plans.filter(status=PlanStatus.ADOPTED).order_by("-start_year", "-pk").first()
        or plans.filter(status=PlanStatus.DRAFT).order_by("-start_year", "-pk").first()
    )


def _with_latest(targets: QuerySet[ExportTarget]) -> QuerySet[ExportTarget]:
    """Annotate each target with its latest reading (`latest_value`, `latest_date`)."""
    latest = TargetProgress.objects.filter(target=OuterRef("pk")).order_by("-date", "-pk")
    return targets.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_date=Subquery(latest.values("date")[:1]),
    )


@dataclass(frozen=True)
class TargetStanding:
    """Where one target stands: its baseline, latest reading and % of the target reached."""

    target: ExportTarget
    latest_value: Decimal | None
    latest_date: object
    percent: Decimal | None
    readings: list[TargetProgress]


def plan_progress(*, plan: ExportPlan, with_readings: bool = True) -> list[TargetStanding]:
    """Each target of the plan with its latest reading and % of target (latest / target;
    None before the first reading). Two queries (one without the readings)."""
    targets = _with_latest(ExportTarget.objects.filter(plan=plan)).order_by("kind", "pk")
    if with_readings:
        targets = targets.prefetch_related(
            Prefetch("progress", queryset=TargetProgress.objects.order_by("date", "pk"))
        )
    return [
        TargetStanding(
            target=target,
            latest_value=target.latest_value,  # type: ignore[attr-defined]
            latest_date=target.latest_date,  # type: ignore[attr-defined]
            percent=percent_of(target.latest_value, target.target_value),  # type: ignore[attr-defined]
            readings=list(target.progress.all()) if with_readings else [],
        )
        for target in targets
    ]


def exporter_counts_by_district(*, district_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Exporters per stage for each district (every stage present, zeros included). One
    query. Counts are not personal data: the public plan page shows them."""
    ids = list(district_ids)
    counts: dict[int, dict[str, int]] = {
        district_id: {stage.value: 0 for stage in EXPORTER_STAGE_ORDER} for district_id in ids
    }
    rows = (
        ExporterCandidate.objects.filter(district_id__in=ids)
        .values("district_id", "stage")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["district_id"]][row["stage"]] = row["count"]
    return counts


def plan_bottlenecks(*, plan: ExportPlan) -> QuerySet[Bottleneck]:
    """The plan's bottleneck register with each entry's history (officers only: the caller
    checks `can_view_plan_internals`)."""
    return (
        Bottleneck.objects.filter(plan=plan)
        .select_related("owner_user")
        .prefetch_related(
            Prefetch("events", queryset=BottleneckEvent.objects.select_related("actor"))
        )
    )


def plan_committee(*, plan: ExportPlan) -> QuerySet[CommitteeMember]:
    """The plan's DEPC members, chair first."""
    return CommitteeMember.objects.filter(plan=plan).select_related("user")


def plan_meetings(*, plan: ExportPlan) -> QuerySet[CommitteeMeeting]:
    """The plan's DEPC meetings, newest first, with their attendees."""
    return CommitteeMeeting.objects.filter(plan=plan).prefetch_related("attendees")


# ---------------------------------------------------------------- exporters


def exporter_list(
    *,
    user: User | AnonymousUser,
    state: int | None = None,
    district: int | None = None,
    stage: str | None = None,
) -> QuerySet[ExporterCandidate]:
    """Exporter records the user may see (filters by State and district LGD code, stage)."""
    exporters = exporters_visible_to(user)
    if state is not None:
        exporters = exporters.filter(district__state__lgd_code=state)
    if district is not None:
        exporters = exporters.filter(district__lgd_code=district)
    if stage:
        exporters = exporters.filter(stage=stage)
    return exporters


def exporter_events(*, exporter: ExporterCandidate) -> QuerySet[ExporterEvent]:
    """The exporter's moves, oldest first."""
    return ExporterEvent.objects.filter(exporter=exporter).select_related("actor")


# ---------------------------------------------------------------- roll-ups


@dataclass
class KindTotal:
    """The sum of district-wide targets of one kind, and of their current levels."""

    kind: str
    targets: int = 0
    target_total: Decimal = Decimal(0)
    baseline_total: Decimal = Decimal(0)
    current_total: Decimal = Decimal(0)
    reporting: int = 0  # targets with at least one reading

    @property
    def percent(self) -> Decimal | None:
        return percent_of(self.current_total, self.target_total)


@dataclass
class AreaRollup:
    """Totals of one area (a district in a State roll-up, a State in the national one)."""

    lgd_code: int
    name: str
    plans: int = 0
    kinds: dict[str, KindTotal] = field(default_factory=dict)
    exporters: dict[str, int] = field(default_factory=dict)


@dataclass
class Rollup:
    """A State's or India's plans added up for one year."""

    state: State | None
    year: int
    total: AreaRollup
    areas: list[AreaRollup]


def _empty_area(lgd_code: int, name: str) -> AreaRollup:
    return AreaRollup(
        lgd_code=lgd_code,
        name=name,
        kinds={kind.value: KindTotal(kind=kind.value) for kind in ROLLUP_KINDS},
        exporters={stage.value: 0 for stage in EXPORTER_STAGE_ORDER},
    )


def _add_target(area: AreaRollup, target: ExportTarget) -> None:
    total = area.kinds[target.kind]
    latest = target.latest_value  # type: ignore[attr-defined]
    total.targets += 1
    total.target_total += target.target_value
    total.baseline_total += target.baseline
    total.current_total += target.baseline if latest is None else latest
    total.reporting += latest is not None


def export_rollup(*, state: State | None, year: int) -> Rollup:
    """Adopted plans covering `year`, added up for one State (by district) or for India
    (by State). Three queries.

    Rules: only district-wide targets count (no HS code, no market: a product or market
    target is part of a district total and adding it would count twice), and only the
    kinds with a common unit (`ROLLUP_KINDS`). A target's current level is its latest
    reading, or its baseline before the first reading. Exporters are counted per stage
    over all records of the area (the pipeline is not tied to a plan's period).
    """
    scope = Q(plan__status=PlanStatus.ADOPTED, plan__start_year__lte=year)
    scope &= Q(plan__end_year__gte=year, hs_code="", market_iso3="", kind__in=ROLLUP_KINDS)
    plans = ExportPlan.objects.filter(
        status=PlanStatus.ADOPTED, start_year__lte=year, end_year__gte=year
    )
    exporters = ExporterCandidate.objects.all()
    if state is not None:
        scope &= Q(plan__district__state=state)
        plans = plans.filter(district__state=state)
        exporters = exporters.filter(district__state=state)
        area_of = ("district__lgd_code", "district__name")
    else:
        area_of = ("district__state__lgd_code", "district__state__name")

    total = _empty_area(state.lgd_code if state else 0, state.name if state else "India")
    areas: dict[int, AreaRollup] = {}

    def area(lgd_code: int, name: str) -> AreaRollup:
        if lgd_code not in areas:
            areas[lgd_code] = _empty_area(lgd_code, name)
        return areas[lgd_code]

    for row in plans.values(*area_of).annotate(count=Count("pk")).order_by():
        area(row[area_of[0]], row[area_of[1]]).plans += row["count"]
        total.plans += row["count"]
    targets = _with_latest(ExportTarget.objects.filter(scope)).annotate(
        area_code=F(f"plan__{area_of[0]}"), area_name=F(f"plan__{area_of[1]}")
    )
    for target in targets:
        _add_target(area(target.area_code, target.area_name), target)  # type: ignore[attr-defined]
        _add_target(total, target)
    for row in exporters.values(*area_of, "stage").annotate(count=Count("pk")).order_by():
        area(row[area_of[0]], row[area_of[1]]).exporters[row["stage"]] += row["count"]
        total.exporters[row["stage"]] += row["count"]
    return Rollup(
        state=state,
        year=year,
        total=total,
        areas=sorted(areas.values(), key=lambda item: item.name),
    )


def exporter_candidates_unmatched() -> QuerySet[ExporterCandidate]:
    """Candidates not linked to a producer record: the ones migration 0004 could not match by
    account, IEC or GSTIN (kept with their free-text name), for an officer to link."""
    return (
        ExporterCandidate.objects.filter(producer__isnull=True)
        .select_related("district__state")
        .order_by("district__state__name", "district__name", "pk")
    )
