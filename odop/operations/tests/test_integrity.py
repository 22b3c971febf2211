"""`odop bounds_check` finds rows an older database holds that break today's bounds and
ledgers (issue #10), so they can be corrected before migrating."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from odop.bazaar.models import Listing, Order
from odop.bazaar.tests.conftest import world  # noqa: F401  (the bazaar's shared world)
from odop.core import bounds
from odop.operations.integrity import integrity_violations


def _checks_off() -> None:
    """Let this test write a row an older release could have written (the constraint
    did not exist then)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = ON")
    else:
        with connection.cursor() as cursor:
            # The fixture's deferred foreign-key checks must run before the table can change.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE bazaar_listing DROP CONSTRAINT bazaar_stock_range")


def _checks_on() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


def test_clean_database_passes(world: SimpleNamespace) -> None:  # noqa: F811
    assert integrity_violations() == []
    call_command("bounds_check")


def test_out_of_range_stock_is_reported_with_its_id(world: SimpleNamespace) -> None:  # noqa: F811
    _checks_off()
    try:
        Listing.objects.filter(pk=world.listing.pk).update(stock=bounds.STOCK_MAX + 1)
    finally:
        _checks_on()
    found = integrity_violations()
    assert [(item.model, item.rule, item.sample_ids) for item in found] == [
        ("bazaar.Listing", "bazaar_stock_range", (world.listing.pk,))
    ]
    with pytest.raises(CommandError):
        call_command("bounds_check")


def test_order_total_that_disagrees_is_reported(world: SimpleNamespace) -> None:  # noqa: F811
    order = Order.objects.create(
        listing=world.listing,
        buyer=world.buyer,
        quantity=2,
        unit_price=Decimal("10.00"),
        total=Decimal("25.00"),
    )
    found = integrity_violations()
    assert [(item.rule, item.sample_ids) for item in found] == [
        ("total = unit_price × quantity", (order.pk,))
    ]
