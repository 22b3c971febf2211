"""Platform figures: what the platform's own records say per district product and period.

Each figure comes from a *provider*: a key, a label, a unit and a function that, given the
district products in question and a period's first and last day, answers {district product id:
value}. The providers of the modules that exist are registered below (producers registered and
verified, bazaar orders and their value, outlet sales); a module added later (trainings,
buyer-seller meets, scheme applications) registers its own with `figure_provider_register`
from its AppConfig.ready, and every selector and report picks it up without a change here.
Figures are computed on demand, never stored, so they always equal the records behind them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from odop.bazaar.models import Order, OrderStatus
from odop.outlets.models import MoveKind, StockMove
from odop.producers.models import Producer, ProducerStatus
from odop.registry.models import DistrictProduct

Compute = Callable[[QuerySet[DistrictProduct], date, date], dict[int, Decimal]]


@dataclass(frozen=True)
class FigureProvider:
    """One platform figure: how it is named, its unit ("count" or "inr"), how it is computed."""

    key: str
    label: str | Promise
    unit: str
    compute: Compute


_PROVIDERS: dict[str, FigureProvider] = {}


def figure_provider_register(provider: FigureProvider) -> None:
    """Add (or replace, by key) a provider of platform figures."""
    _PROVIDERS[provider.key] = provider


def figure_providers() -> list[FigureProvider]:
    """Every registered provider, in the order they were registered."""
    return list(_PROVIDERS.values())


def _as_decimal(rows: QuerySet, key: str, value: str) -> dict[int, Decimal]:  # type: ignore[type-arg]
    return {row[key]: Decimal(row[value] or 0) for row in rows if row[key] is not None}


def _producers_registered(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[int, Decimal]:
    rows = (
        Producer.objects.filter(
            products__in=products, created_at__date__gte=start, created_at__date__lte=end
        )
        .values("products")
        .annotate(n=Count("pk", distinct=True))
    )
    return _as_decimal(rows, "products", "n")


def _producers_verified(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[int, Decimal]:
    rows = (
        Producer.objects.filter(
            products__in=products,
            status=ProducerStatus.VERIFIED,
            verified_at__date__gte=start,
            verified_at__date__lte=end,
        )
        .values("products")
        .annotate(n=Count("pk", distinct=True))
    )
    return _as_decimal(rows, "products", "n")


def _orders(products: QuerySet[DistrictProduct], start: date, end: date) -> QuerySet[Order]:
    return Order.objects.filter(
        listing__product__in=products, created_at__date__gte=start, created_at__date__lte=end
    ).exclude(status=OrderStatus.CANCELLED)


def _bazaar_orders(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[int, Decimal]:
    rows = _orders(products, start, end).values("listing__product").annotate(n=Count("pk"))
    return _as_decimal(rows, "listing__product", "n")


def _bazaar_value(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[int, Decimal]:
    rows = _orders(products, start, end).values("listing__product").annotate(n=Sum("total"))
    return _as_decimal(rows, "listing__product", "n")


def _outlet_sales(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[int, Decimal]:
    rows = (
        StockMove.objects.filter(
            kind=MoveKind.SOLD, listing__product__in=products, on__gte=start, on__lte=end
        )
        .values("listing__product")
        .annotate(n=Sum("amount"))
    )
    return _as_decimal(rows, "listing__product", "n")


for _provider in (
    FigureProvider(
        "producers_registered", _("Producers registered"), "count", _producers_registered
    ),
    FigureProvider("producers_verified", _("Producers verified"), "count", _producers_verified),
    FigureProvider("bazaar_orders", _("Bazaar orders"), "count", _bazaar_orders),
    FigureProvider("bazaar_value", _("Bazaar order value (INR)"), "inr", _bazaar_value),
    FigureProvider("outlet_sales", _("Outlet sales (INR)"), "inr", _outlet_sales),
):
    figure_provider_register(_provider)


def platform_figures_by_product(
    *, products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[str, dict[int, Decimal]]:
    """{figure key: {district product id: value}} for every registered provider."""
    return {provider.key: provider.compute(products, start, end) for provider in figure_providers()}
