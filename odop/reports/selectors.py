"""Reads of the MIS: figures per district and per State, and the scope an officer sees.

Aggregates only (counts and sums): the public reports and maps are built from these, so no
row here names a person or an enterprise.
"""

from dataclasses import dataclass
from typing import Final

from django.db.models import Count, Q, Sum

from odop.geography.models import District, State
from odop.outcomes.selectors import outcome_periods, outcome_returns
from odop.producers.models import Producer, ProducerStatus
from odop.registry.models import DistrictProduct
from odop.reports.sections import MisScope
from odop.schemes.models import Application

INDICATORS: Final = ("products", "gi", "producers", "jobs", "sales", "applications")
"""What a district map can show: district products, GI-tagged ones, verified producers, the
jobs and sales (whole rupees) of the latest period with returns in the place, and scheme
applications received."""


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One State's or district's line of the reports' place table."""

    lgd_code: int
    name: str
    districts: int
    districts_covered: int
    products: int
    gi_products: int
    producers_verified: int


def district_indicator_values(*, indicator: str, state: State | None) -> dict[int, int]:
    """The indicator per district (LGD code → value; districts with none are absent).

    Two queries at most whatever the number of districts. Raises ValueError for an indicator
    not in `INDICATORS` (the views check first).
    """
    where = Q(district__state=state.pk) if state is not None else Q()
    if indicator in ("jobs", "sales"):
        return _latest_outcomes(field="jobs" if indicator == "jobs" else "sales_inr", state=state)
    if indicator == "products":
        rows = DistrictProduct.objects.filter(where)
    elif indicator == "gi":
        rows = DistrictProduct.objects.filter(where, is_gi=True)
    elif indicator == "producers":
        rows = Producer.objects.filter(where, status=ProducerStatus.VERIFIED)  # type: ignore[assignment]
    elif indicator == "applications":
        rows = Application.objects.filter(where)  # type: ignore[assignment]
    else:
        raise ValueError(f"unknown indicator {indicator!r}")
    return dict(
        rows.values_list("district__lgd_code")
        .annotate(total=Count("pk"))
        .values_list("district__lgd_code", "total")
    )


def latest_outcome_period(*, state: State | None) -> str | None:
    """The latest period with a return in the place (the maps' jobs and sales), or None."""
    periods = outcome_periods(state=state)
    return periods[-1].text if periods else None


def _latest_outcomes(*, field: str, state: State | None) -> dict[int, int]:
    period = latest_outcome_period(state=state)
    if period is None:
        return {}
    rows = (
        outcome_returns(state=state, period=period)
        .order_by()
        .values("district__lgd_code")
        .annotate(total=Sum(field))
    )
    return {row["district__lgd_code"]: int(row["total"] or 0) for row in rows}


def districts_for_map(*, state: State | None) -> list[District]:
    """The districts a map shows (all of them, or one State's), in name order."""
    districts = District.objects.select_related("state")
    if state is not None:
        districts = districts.filter(state=state.pk)
    return list(districts.order_by("state__name", "name"))


def place_rows(*, scope: MisScope) -> list[PlaceRow]:
    """Nationally one row per State; for a State one row per district. Four queries."""
    products = {
        "products": district_indicator_values(indicator="products", state=scope.state),
        "gi": district_indicator_values(indicator="gi", state=scope.state),
        "producers": district_indicator_values(indicator="producers", state=scope.state),
    }
    districts = districts_for_map(state=scope.state)
    if scope.state is not None:
        return [
            PlaceRow(
                lgd_code=district.lgd_code,
                name=district.name,
                districts=1,
                districts_covered=int(district.lgd_code in products["products"]),
                products=products["products"].get(district.lgd_code, 0),
                gi_products=products["gi"].get(district.lgd_code, 0),
                producers_verified=products["producers"].get(district.lgd_code, 0),
            )
            for district in districts
        ]
    by_state: dict[int, list[District]] = {}
    names: dict[int, str] = {}
    for district in districts:
        by_state.setdefault(district.state.lgd_code, []).append(district)
        names[district.state.lgd_code] = district.state.name
    for state in State.objects.exclude(lgd_code__in=list(by_state)):
        by_state[state.lgd_code], names[state.lgd_code] = [], state.name
    return sorted(
        (
            PlaceRow(
                lgd_code=code,
                name=names[code],
                districts=len(members),
                districts_covered=sum(d.lgd_code in products["products"] for d in members),
                products=sum(products["products"].get(d.lgd_code, 0) for d in members),
                gi_products=sum(products["gi"].get(d.lgd_code, 0) for d in members),
                producers_verified=sum(products["producers"].get(d.lgd_code, 0) for d in members),
            )
            for code, members in by_state.items()
        ),
        key=lambda row: row.name,
    )
