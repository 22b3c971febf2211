"""Read-side queries of outcomes and policies, for the pages, the API, dashboards and reports.

Every figure comes with its coverage: how many districts (and district products) of the place
reported in the period, out of how many. A change compares a period with the same period a year
earlier (`periods.Period.year_earlier`), each side with its own coverage, so a reader sees when
a rise is only more districts reporting.

Selectors take places, not users: they give aggregates (no personal data). Lists of rows for a
user go through `permissions.outcome_returns_visible_to` first.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from odop.geography.models import District, State
from odop.outcomes.figures import figure_providers, platform_figures_by_product
from odop.outcomes.models import OutcomeReturn, Policy
from odop.outcomes.periods import Period, PeriodKind, period_parse, periods_sorted
from odop.registry.models import DistrictProduct, Sector

# The summed figures of returns. Production is left out: each return states its own unit.
RETURN_FIGURES = ("jobs", "producers", "sales_inr", "exports_inr", "exports_usd")


@dataclass(frozen=True)
class Coverage:
    """How much of a place reported: districts and district products with a return."""

    districts_reported: int
    districts: int
    products_reported: int
    products: int


@dataclass(frozen=True)
class Totals:
    """Summed figures of the returns of a place and period, with the coverage beside them.

    The women's and SC/ST shares are weighted by jobs, over the returns that state them.
    """

    period: str
    figures: dict[str, Decimal]
    jobs_women_share: Decimal | None
    jobs_scst_share: Decimal | None
    coverage: Coverage


@dataclass(frozen=True)
class FigureChange:
    current: Decimal
    baseline: Decimal
    change: Decimal
    percent: Decimal | None  # None when the baseline is zero


@dataclass(frozen=True)
class Change:
    """This period against the same one a year earlier."""

    period: str
    baseline_period: str
    current: Totals
    baseline: Totals
    figures: dict[str, FigureChange] = field(default_factory=dict)


def _period(value: Period | str) -> Period:
    return value if isinstance(value, Period) else period_parse(value)


def _place_products(
    *, state: State | None, district: District | None, sector: str | None
) -> QuerySet[DistrictProduct]:
    products = DistrictProduct.objects.all()
    if state is not None:
        products = products.filter(district__state=state)
    if district is not None:
        products = products.filter(district=district)
    if sector:
        products = products.filter(sector=sector)
    return products


def _place_districts(*, state: State | None, district: District | None) -> QuerySet[District]:
    districts = District.objects.all()
    if state is not None:
        districts = districts.filter(state=state)
    if district is not None:
        districts = districts.filter(pk=district.pk)
    return districts


def outcome_returns(
    *,
    state: State | None = None,
    district: District | None = None,
    period: Period | str | None = None,
    sector: str | None = None,
) -> QuerySet[OutcomeReturn]:
    """The return rows of a place (and period, and sector), every figure as uploaded."""
    rows = OutcomeReturn.objects.select_related("district__state", "district_product__product_type")
    if state is not None:
        rows = rows.filter(district__state=state)
    if district is not None:
        rows = rows.filter(district=district)
    if period is not None:
        rows = rows.filter(period=_period(period).text)
    if sector:
        rows = rows.filter(district_product__sector=sector)
    return rows


def _weighted_share(rows: QuerySet[OutcomeReturn], name: str) -> Decimal | None:
    stated = rows.filter(**{f"{name}__isnull": False}).aggregate(
        weight=Sum("jobs"), weighted=Sum(F("jobs") * F(name))
    )
    if not stated["weight"]:
        return None
    return (Decimal(stated["weighted"]) / Decimal(stated["weight"])).quantize(Decimal("0.01"))


def outcome_totals(
    *,
    period: Period | str,
    state: State | None = None,
    district: District | None = None,
    sector: str | None = None,
) -> Totals:
    """The returns of a place and period summed, with how many districts reported."""
    wanted = _period(period)
    rows = outcome_returns(state=state, district=district, period=wanted, sector=sector)
    sums = rows.aggregate(
        **{name: Sum(name) for name in RETURN_FIGURES},
        districts_reported=Count("district", distinct=True),
        products_reported=Count("district_product", distinct=True),
    )
    return Totals(
        period=wanted.text,
        figures={name: Decimal(sums[name] or 0) for name in RETURN_FIGURES},
        jobs_women_share=_weighted_share(rows, "jobs_women_share"),
        jobs_scst_share=_weighted_share(rows, "jobs_scst_share"),
        coverage=Coverage(
            districts_reported=sums["districts_reported"],
            districts=_place_districts(state=state, district=district).count(),
            products_reported=sums["products_reported"],
            products=_place_products(state=state, district=district, sector=sector).count(),
        ),
    )


def coverage(
    *,
    period: Period | str,
    state: State | None = None,
    district: District | None = None,
    sector: str | None = None,
) -> Coverage:
    """How many districts and district products of a place reported in a period."""
    return outcome_totals(period=period, state=state, district=district, sector=sector).coverage


def outcome_periods(
    *,
    state: State | None = None,
    district: District | None = None,
    kind: PeriodKind | None = None,
) -> list[Period]:
    """The periods with at least one return in a place, oldest first."""
    texts = outcome_returns(state=state, district=district).values_list("period", flat=True)
    periods = [period_parse(text) for text in set(texts)]
    return periods_sorted([p for p in periods if kind is None or p.kind == kind])


def outcome_series(
    *,
    state: State | None = None,
    district: District | None = None,
    sector: str | None = None,
    kind: PeriodKind | None = None,
) -> list[Totals]:
    """The totals of every period with returns (of one kind, if given), oldest first."""
    return [
        outcome_totals(period=period, state=state, district=district, sector=sector)
        for period in outcome_periods(state=state, district=district, kind=kind)
    ]


def _figure_change(current: Decimal, baseline: Decimal) -> FigureChange:
    percent = ((current - baseline) * 100 / baseline).quantize(Decimal("0.1")) if baseline else None
    return FigureChange(
        current=current, baseline=baseline, change=current - baseline, percent=percent
    )


def outcome_change(
    *,
    period: Period | str,
    state: State | None = None,
    district: District | None = None,
    sector: str | None = None,
) -> Change:
    """A period's returns against the same period a year earlier, each with its coverage."""
    wanted = _period(period)
    earlier = wanted.year_earlier()
    current = outcome_totals(period=wanted, state=state, district=district, sector=sector)
    baseline = outcome_totals(period=earlier, state=state, district=district, sector=sector)
    return Change(
        period=wanted.text,
        baseline_period=earlier.text,
        current=current,
        baseline=baseline,
        figures={
            name: _figure_change(current.figures[name], baseline.figures[name])
            for name in RETURN_FIGURES
        },
    )


def outcome_change_by_district(
    *, period: Period | str, state: State
) -> list[tuple[District, Change]]:
    """The change of every district of a State (for a State's dashboard), by district name."""
    return [
        (district, outcome_change(period=period, district=district))
        for district in state.districts.order_by("name")
    ]


def outcome_change_by_state(*, period: Period | str) -> list[tuple[State, Change]]:
    """The change of every State (for the national dashboard), by State name."""
    return [(state, outcome_change(period=period, state=state)) for state in State.objects.all()]


def outcome_change_by_sector(
    *, period: Period | str, state: State | None = None
) -> list[tuple[str, str, Change]]:
    """(sector value, label, change) for every sector of the national list."""
    return [
        (value, str(label), outcome_change(period=period, state=state, sector=value))
        for value, label in Sector.choices
    ]


def platform_figures(
    *,
    period: Period | str,
    state: State | None = None,
    district: District | None = None,
    sector: str | None = None,
) -> dict[str, Decimal]:
    """Every platform figure (see `outcomes.figures`) of a place and period, summed."""
    wanted = _period(period)
    products = _place_products(state=state, district=district, sector=sector)
    by_product = platform_figures_by_product(products=products, start=wanted.start, end=wanted.end)
    return {key: sum(values.values(), Decimal(0)) for key, values in by_product.items()}


def platform_change(
    *,
    period: Period | str,
    state: State | None = None,
    district: District | None = None,
    sector: str | None = None,
) -> dict[str, FigureChange]:
    """Platform figures of a period against the same period a year earlier."""
    wanted = _period(period)
    current = platform_figures(period=wanted, state=state, district=district, sector=sector)
    baseline = platform_figures(
        period=wanted.year_earlier(), state=state, district=district, sector=sector
    )
    return {key: _figure_change(current[key], baseline[key]) for key in current}


def platform_figure_labels() -> dict[str, str]:
    return {provider.key: str(provider.label) for provider in figure_providers()}


@dataclass(frozen=True)
class PolicyCoverage:
    """How much of a State's ODOP list one policy covers."""

    policy: Policy
    covered_products: int
    state_products: int
    covered_districts: int
    state_districts: int


def policies_of_state(*, state: State) -> QuerySet[Policy]:
    """A State's own policies and the central ones (which apply everywhere)."""
    return Policy.objects.filter(Q(state=state) | Q(state__isnull=True)).select_related("state")


def policy_coverage(*, state: State) -> list[PolicyCoverage]:
    """Each policy that applies in a State with the State's district products it covers, out of
    all the State's products (and the districts those products lie in, out of all). One query
    whatever the number of policies (the State page shows it)."""
    in_state = Q(district_products__district__state=state)
    state_products = (
        DistrictProduct.objects.filter(district__state=state)
        .order_by()
        .values("district__state")
        .annotate(n=Count("pk"))
        .values("n")
    )
    state_districts = (
        District.objects.filter(state=state)
        .order_by()
        .values("state")
        .annotate(n=Count("pk"))
        .values("n")
    )
    policies = policies_of_state(state=state).annotate(
        covered=Count("district_products", filter=in_state, distinct=True),
        covered_districts=Count("district_products__district", filter=in_state, distinct=True),
        state_products=Coalesce(Subquery(state_products), 0),
        state_districts=Coalesce(Subquery(state_districts), 0),
    )
    return [
        PolicyCoverage(
            policy=policy,
            covered_products=policy.covered,
            state_products=policy.state_products,
            covered_districts=policy.covered_districts,
            state_districts=policy.state_districts,
        )
        for policy in policies
    ]
