"""The admin pages of the bazaar and outlets open for a national admin; trade records and the
consignment ledger cannot be changed there (only through the services)."""

from types import SimpleNamespace

import pytest
from django.test import Client

from odop.accounts.models import User
from odop.bazaar.models import Order


def _admin_client(admin: User) -> Client:
    admin.is_staff = admin.is_superuser = True  # as accounts.services.user_create makes them
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/producers/producer/",
        "/admin/bazaar/listing/",
        "/admin/bazaar/order/",
        "/admin/producers/contactreveal/",
        "/admin/outlets/outlet/",
        "/admin/outlets/stockmove/",
    ],
)
def test_admin_lists_open(world: SimpleNamespace, path: str) -> None:
    assert _admin_client(world.users["national_admin"]).get(path).status_code == 200


def test_orders_are_read_only_in_the_admin(world: SimpleNamespace) -> None:
    order = Order.objects.create(
        listing=world.listing, buyer=world.buyer, quantity=1, unit_price=1, total=1
    )
    client = _admin_client(world.users["national_admin"])
    page = client.get(f"/admin/bazaar/order/{order.pk}/change/")
    assert page.status_code == 200
    assert b'name="quantity"' not in page.content  # shown, not editable
    assert client.get("/admin/bazaar/order/add/").status_code == 403
