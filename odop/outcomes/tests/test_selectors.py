"""Totals, coverage, change against a year earlier (per district, State and sector), platform
figures computed from the platform's own records, and policy coverage."""

from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.models import Order, OrderStatus
from odop.bazaar.tests.factories import ListingFactory
from odop.outcomes import selectors
from odop.outcomes.figures import FigureProvider, figure_provider_register, figure_providers
from odop.outcomes.models import OutcomeReturn
from odop.outcomes.periods import PeriodKind
from odop.outcomes.returns import returns_upload
from odop.outcomes.services import policy_create, policy_products_link
from odop.outcomes.tests.uploads import CLEAN_2025, MESSY, table
from odop.outlets.models import MoveKind, Outlet, OutletKind, StockMove
from odop.producers.models import ProducerStatus
from odop.producers.tests.factories import ProducerFactory
from odop.registry.models import Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def returns(world: SimpleNamespace) -> SimpleNamespace:
    admin = world.users["national_admin"]
    returns_upload(actor=admin, table=table(MESSY))
    returns_upload(actor=admin, table=table(CLEAN_2025))
    return world


def test_totals_equal_the_rows_and_carry_their_coverage(returns: SimpleNamespace):
    totals = selectors.outcome_totals(period="2026-Q2", state=returns.bihar)
    rows = OutcomeReturn.objects.filter(period="2026-Q2", district__state=returns.bihar)
    assert totals.figures["jobs"] == sum(row.jobs for row in rows) == 5000
    assert totals.figures["sales_inr"] == sum(row.sales_inr for row in rows)
    assert totals.coverage == selectors.Coverage(
        districts_reported=3, districts=3, products_reported=3, products=3
    )
    # Shares weighted by jobs over the rows that state them: (1200*40 + 800*60) / 2000.
    assert totals.jobs_women_share == Decimal("48.00")
    assert totals.jobs_scst_share is None


def test_change_against_the_same_period_a_year_earlier(returns: SimpleNamespace):
    change = selectors.outcome_change(period="2026-Q2", state=returns.bihar)
    assert (change.period, change.baseline_period) == ("2026-Q2", "2025-Q2")
    jobs = change.figures["jobs"]
    assert (jobs.current, jobs.baseline, jobs.change) == (5000, 3500, 1500)
    assert jobs.percent == Decimal("42.9")
    # Fewer districts reported a year earlier: the coverage says so beside the figure.
    assert change.baseline.coverage.districts_reported == 2
    assert change.current.coverage.districts_reported == 3
    nothing = selectors.outcome_change(period="2027-Q2", state=returns.bihar)
    assert nothing.figures["jobs"].percent is None or nothing.figures["jobs"].baseline > 0


def test_change_per_district_and_sector(returns: SimpleNamespace):
    by_district = dict(selectors.outcome_change_by_district(period="2026-Q2", state=returns.bihar))
    assert by_district[returns.patna].figures["jobs"].change == 200
    assert by_district[returns.purbi].figures["jobs"].percent is None  # no baseline
    by_sector = {
        value: change
        for value, _label, change in selectors.outcome_change_by_sector(period="2026-Q2")
    }
    assert by_sector[Sector.HANDLOOM].figures["jobs"].current == 3000
    assert by_sector[Sector.AGRICULTURE].current.coverage.products == 2  # litchi, turmeric
    by_state = dict(selectors.outcome_change_by_state(period="2026-Q2"))
    assert by_state[returns.odisha].figures["jobs"].current == 50


def test_the_series_lists_periods_in_order(returns: SimpleNamespace):
    series = selectors.outcome_series(district=returns.patna, kind=PeriodKind.QUARTER)
    assert [(t.period, t.figures["jobs"]) for t in series] == [("2025-Q2", 1000), ("2026-Q2", 1200)]
    assert selectors.coverage(period="2025-Q2", district=returns.patna).districts_reported == 1


def test_platform_figures_come_from_the_platforms_records(world: SimpleNamespace):
    officer = world.users["national_admin"]
    in_q2 = timezone.make_aware(datetime(2026, 5, 10, 12))
    producer = ProducerFactory.create(
        district=world.patna, status=ProducerStatus.VERIFIED, verified_by=officer, verified_at=in_q2
    )
    producer.products.add(world.makhana)
    type(producer).objects.filter(pk=producer.pk).update(created_at=in_q2)
    listing = ListingFactory.create(producer=producer, product=world.makhana)
    buyer = UserFactory.create(role=Role.BUYER)
    for total, state in (
        (Decimal("500.00"), OrderStatus.PLACED),
        (Decimal("900.00"), OrderStatus.CANCELLED),
    ):
        order = Order.objects.create(
            listing=listing, buyer=buyer, quantity=1, unit_price=total, total=total, status=state
        )
        Order.objects.filter(pk=order.pk).update(created_at=in_q2)
    outlet = Outlet.objects.create(
        kind=OutletKind.values[0], name="Bihar Emporium", city="Patna", state=world.bihar
    )
    StockMove.objects.create(
        outlet=outlet,
        listing=listing,
        kind=MoveKind.SOLD,
        quantity=2,
        amount=Decimal("700.00"),
        on=date(2026, 6, 1),
        actor=officer,
    )
    figures = selectors.platform_figures(period="2026-Q2", state=world.bihar)
    assert figures == {
        "producers_registered": 1,
        "producers_verified": 1,
        "bazaar_orders": 1,  # the cancelled order does not count
        "bazaar_value": Decimal("500.00"),
        "outlet_sales": Decimal("700.00"),
        # The other modules' figures (their own tests give them records): none here.
        "training_certificates": 0,
        "meetings_held": 0,
        "meeting_orders_value": 0,
        "cfc_hours_used": 0,
        "scheme_benefits_sanctioned": 0,
        "scheme_benefits_value": 0,
    }
    assert selectors.platform_figures(period="2026-Q3", state=world.bihar)["bazaar_value"] == 0
    assert selectors.platform_figures(period="2026-Q2", state=world.odisha)["bazaar_orders"] == 0
    change = selectors.platform_change(period="2026-Q2", district=world.patna)
    assert change["outlet_sales"].baseline == 0 and change["outlet_sales"].percent is None


def test_another_module_plugs_in_a_figure(world: SimpleNamespace):
    def trainings(products, start, end):  # type: ignore[no-untyped-def]
        return {product.pk: Decimal(7) for product in products}

    before = list(figure_providers())
    figure_provider_register(FigureProvider("trainings", "Trainings", "count", trainings))
    try:
        figures = selectors.platform_figures(period="2026-04", district=world.patna)
        assert figures["trainings"] == 7
    finally:
        from odop.outcomes import figures as module

        module._PROVIDERS.pop("trainings")
    assert figure_providers() == before


def test_policy_coverage_counts_the_states_products(world: SimpleNamespace):
    admin = world.users["national_admin"]
    state_policy = policy_create(
        actor=admin, state=world.bihar, name="Bihar Startup Policy", effective_from=date(2022, 1, 1)
    )
    central = policy_create(actor=admin, state=None, name="PMFME", effective_from=date(2020, 6, 29))
    policy_products_link(actor=admin, policy=state_policy, district_product_ids=[world.makhana.pk])
    policy_products_link(
        actor=admin, policy=central, district_product_ids=[world.makhana.pk, world.turmeric.pk]
    )
    rows = {row.policy.name: row for row in selectors.policy_coverage(state=world.bihar)}
    assert (
        rows["Bihar Startup Policy"].covered_products,
        rows["Bihar Startup Policy"].state_products,
    ) == (1, 3)
    assert rows["PMFME"].covered_products == 1  # Kandhamal's turmeric is not Bihar's
    assert {row.policy.name for row in selectors.policy_coverage(state=world.odisha)} == {"PMFME"}
    assert [h.history_type for h in state_policy.links.get().history.all()] == ["+"]
