"""The outlets API: a mall opened, stock consigned by the seller, a sale reported by the
manager, the public stock page; a Mission officer's gift collection ordered in one call."""

from types import SimpleNamespace

from rest_framework.test import APIClient

from odop.accounts.models import User
from odop.bazaar.models import Order


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_mall_consignment_sale_and_stock_page(world: SimpleNamespace) -> None:
    admin = _client(world.users["national_admin"])
    created = admin.post(
        "/api/v1/outlets/",
        {
            "kind": "ekta_mall",
            "name": "PM Ekta Mall Patna",
            "city": "Patna",
            "state": 10,
            "managers": [world.users["state_officer_other"].username],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    outlet = created.json()["id"]
    refused = _client(world.users["state_officer_other"]).post(
        "/api/v1/outlets/",
        {"kind": "odop_wall", "name": "Wall", "city": "Patna", "state": 10},
        format="json",
    )
    assert refused.status_code == 403
    placed = _client(world.seller).post(
        f"/api/v1/outlets/{outlet}/consignments/",
        {"listing": world.listing.pk, "quantity": 5},
        format="json",
    )
    assert placed.status_code == 201, placed.content
    assert placed.json()["quantity"] == 5
    manager = _client(world.users["state_officer_other"])  # named manager of this mall
    sold = manager.post(
        f"/api/v1/outlets/{outlet}/sales/",
        {"listing": world.listing.pk, "quantity": 2, "amount": "500.00"},
        format="json",
    )
    assert sold.status_code == 201, sold.content
    assert sold.json()[0]["units"] == 2
    too_many = manager.post(
        f"/api/v1/outlets/{outlet}/sales/",
        {"listing": world.listing.pk, "quantity": 4, "amount": "1.00"},
        format="json",
    )
    assert too_many.json()["codes"]["quantity"] == ["insufficient_outlet_stock"]
    stock = _client(None).get(f"/api/v1/outlets/{outlet}/stock/").json()["results"]
    assert [(row["title"], row["quantity"]) for row in stock] == [("Sikki grass basket", 3)]
    assert _client(world.buyer).get(f"/api/v1/outlets/{outlet}/sales/").status_code == 404


def test_gift_collection_built_and_ordered(world: SimpleNamespace) -> None:
    mission = _client(world.users["mission_officer"])
    collection = mission.post(
        "/api/v1/outlets/gifts/", {"title": "Diwali at the High Commission"}, format="json"
    ).json()["id"]
    added = mission.post(
        f"/api/v1/outlets/gifts/{collection}/items/",
        {"listing": world.listing.pk, "quantity": 2},
        format="json",
    )
    assert added.status_code == 201, added.content
    assert (
        _client(world.buyer).post(f"/api/v1/outlets/gifts/{collection}/order/").status_code == 404
    )
    ordered = mission.post(f"/api/v1/outlets/gifts/{collection}/order/", {"sets": 4}, format="json")
    assert ordered.status_code == 201, ordered.content
    assert [row["quantity"] for row in ordered.json()] == [8]
    again = mission.post(f"/api/v1/outlets/gifts/{collection}/order/", {"sets": 7}, format="json")
    assert again.status_code == 400
    assert again.json()["codes"]["items"] == ["insufficient_stock"]
    assert Order.objects.count() == 1
