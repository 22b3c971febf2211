"""Regression tests for issue #10 in the outlets: a sale dated in the year 1193 was accepted."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from odop.accounts.models import Role
from odop.outlets import services
from odop.outlets.models import Outlet, OutletKind, StockMove


@pytest.fixture
def mall(world: SimpleNamespace) -> Outlet:
    outlet = services.outlet_create(
        actor=world.users["national_admin"],
        kind=OutletKind.EKTA_MALL,
        name="PM Ekta Mall Patna",
        city="Patna",
        state=world.bihar,
        managers=[world.users["state_officer_other"]],
    )
    services.consignment_place(actor=world.seller, outlet=outlet, listing=world.listing, quantity=5)
    return outlet


def test_sale_dated_in_1193_is_refused(world: SimpleNamespace, mall: Outlet) -> None:
    import datetime as dt
    from decimal import Decimal

    assert world.users["state_officer_other"].role == Role.STATE_OFFICER
    with pytest.raises(ValidationError) as error:
        services.outlet_sale_report(
            actor=world.users["state_officer_other"],
            outlet=mall,
            listing=world.listing,
            quantity=1,
            amount=Decimal("100.00"),
            on=dt.date(1193, 5, 1),
        )
    assert "on" in error.value.message_dict
    assert not StockMove.objects.filter(kind="sold").exists()
    assert mall.stock.get().quantity == 5


def test_sale_date_over_the_api_is_checked(world: SimpleNamespace, mall: Outlet) -> None:
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.users["state_officer_other"])
    response = client.post(
        f"/api/v1/outlets/{mall.pk}/sales/",
        {"listing": world.listing.pk, "quantity": 1, "amount": "10.00", "on": "1193-05-01"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "on" in response.json()["codes"]
    huge = client.post(
        f"/api/v1/outlets/{mall.pk}/sales/",
        {"listing": world.listing.pk, "quantity": 10**20, "amount": "10.00"},
        format="json",
    )
    assert huge.status_code == 400
