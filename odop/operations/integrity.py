"""Rows an existing database holds that break today's bounds or ledgers (issue #10).

Bounds are enforced by named `CheckConstraint`s from `odop.core.bounds`; a database filled
before they existed may hold rows that break them (an order total that overflowed its column,
stock of 10²⁰). Migrating such a database stops at the constraint, naming it; this check finds
the rows first, so an operator can correct them (through the admin, with history) and then
migrate. It also checks what must add up: an outlet's consigned stock equals what was placed,
minus what was sold and returned; an order's total is its unit price times its quantity.

Reads only. Works on a database whose newest migrations are not applied yet, as long as the
columns exist (it reads only primary keys and the constrained columns).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db import DatabaseError, models
from django.db.models import Sum

from odop.bazaar.models import Order
from odop.outlets.models import MoveKind, OutletStock, StockMove

SAMPLE = 20


@dataclass(frozen=True)
class Violation:
    """Rows of one model that break one rule: the rule's name and up to `SAMPLE` ids."""

    model: str
    rule: str
    count: int
    sample_ids: tuple[int, ...]


def constraint_violations() -> list[Violation]:
    """Every row of the platform's models that breaks one of their `CheckConstraint`s."""
    found: list[Violation] = []
    for model in apps.get_models():
        if not model.__module__.startswith("odop.") or model._meta.proxy:
            continue
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.CheckConstraint):
                continue
            try:
                rows = model._default_manager.exclude(constraint.condition).order_by("pk")
                count = rows.count()
                sample = tuple(rows.values_list("pk", flat=True)[:SAMPLE]) if count else ()
            except DatabaseError as error:  # a column not migrated yet
                found.append(Violation(model._meta.label, f"{constraint.name}: {error}", 0, ()))
                continue
            if count:
                found.append(Violation(model._meta.label, constraint.name, count, sample))
    return found


def ledger_violations() -> list[Violation]:
    """Orders whose total is not price × quantity; outlet stock that is not placed − sold −
    returned by the ledger."""
    found: list[Violation] = []
    wrong_totals = [
        pk
        for pk, unit_price, quantity, total in Order.objects.order_by("pk").values_list(
            "pk", "unit_price", "quantity", "total"
        )
        if Decimal(unit_price) * quantity != Decimal(total)
    ]
    if wrong_totals:
        found.append(
            Violation(
                Order._meta.label,
                "total = unit_price × quantity",
                len(wrong_totals),
                tuple(wrong_totals[:SAMPLE]),
            )
        )
    moved: dict[tuple[int, int], int] = defaultdict(int)
    sign = {MoveKind.PLACED: 1, MoveKind.SOLD: -1, MoveKind.RETURNED: -1}
    for outlet_id, listing_id, kind, units in StockMove.objects.values_list(
        "outlet_id", "listing_id", "kind"
    ).annotate(units=Sum("quantity")):
        moved[(outlet_id, listing_id)] += sign[MoveKind(kind)] * units
    wrong_stock = [
        pk
        for pk, outlet_id, listing_id, quantity in OutletStock.objects.order_by("pk").values_list(
            "pk", "outlet_id", "listing_id", "quantity"
        )
        if moved.pop((outlet_id, listing_id), 0) != quantity
    ]
    # Ledger moves with no stock row at all are as wrong as a stock row that disagrees.
    orphaned = [key for key, units in moved.items() if units]
    if wrong_stock or orphaned:
        found.append(
            Violation(
                OutletStock._meta.label,
                "quantity = placed − sold − returned",
                len(wrong_stock) + len(orphaned),
                tuple(wrong_stock[:SAMPLE]),
            )
        )
    return found


def integrity_violations() -> list[Violation]:
    """Everything `odop bounds_check` reports."""
    return constraint_violations() + ledger_violations()
