"""Outlets and gifting: malls with a stall per State, consignment stock that moves between
the bazaar and an outlet without loss, sales reports, gift collections ordered all-or-none."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.models import Listing, Order
from odop.bazaar.tests.factories import ListingFactory
from odop.core.errors import error_code
from odop.geography.models import State
from odop.outlets import permissions, selectors, services
from odop.outlets.models import MoveKind, OutletKind, StockMove


@pytest.fixture
def mall(world: SimpleNamespace) -> SimpleNamespace:
    admin = world.users["national_admin"]
    outlet = services.outlet_create(
        actor=admin,
        kind=OutletKind.EKTA_MALL,
        name="PM Ekta Mall Patna",
        city="Patna",
        state=world.bihar,
        managers=[world.users["state_officer_own"]],
    )
    return outlet


def test_an_ekta_mall_has_a_stall_for_every_state(world, mall) -> None:  # type: ignore[no-untyped-def]
    assert mall.stalls.count() == State.objects.count() == 2


def test_state_officers_open_outlets_only_in_their_state(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.outlet_create(
            actor=world.users["state_officer_own"],
            kind=OutletKind.ODOP_WALL,
            name="ODOP wall, Bhubaneswar airport",
            city="Bhubaneswar",
            state=world.odisha,
        )
    wall = services.outlet_create(
        actor=world.users["state_officer_own"],
        kind=OutletKind.ODOP_WALL,
        name="ODOP wall, Patna airport",
        city="Patna",
        state=world.bihar,
    )
    assert wall.stalls.count() == 0


def test_a_store_abroad_is_abroad(world) -> None:  # type: ignore[no-untyped-def]
    admin = world.users["national_admin"]
    with pytest.raises(ValidationError) as error:
        services.outlet_create(
            actor=admin, kind=OutletKind.STORE_ABROAD, name="ODOP store", city="Delhi"
        )
    assert error_code(error.value) == "abroad_in_india"
    store = services.outlet_create(
        actor=admin,
        kind=OutletKind.STORE_ABROAD,
        name="ODOP store Singapore",
        city="Singapore",
        country="sg",
        mission="High Commission of India, Singapore",
        managers=[world.users["mission_officer"]],
    )
    assert store.country == "SG"
    assert permissions.can_manage_outlet(world.users["mission_officer"], store)
    assert not permissions.can_manage_outlet(world.users["state_officer_own"], store)


def test_consignment_moves_stock_and_sales_are_reported(world, mall) -> None:  # type: ignore[no-untyped-def]
    held = services.consignment_place(
        actor=world.seller, outlet=mall, listing=world.listing, quantity=8
    )
    world.listing.refresh_from_db()
    assert (world.listing.stock, held.quantity) == (12, 8)
    with pytest.raises(PermissionDenied):  # the seller does not report the mall's sales
        services.outlet_sale_report(
            actor=world.seller, outlet=mall, listing=world.listing, quantity=1, amount=Decimal(1)
        )
    manager = world.users["state_officer_own"]
    services.outlet_sale_report(
        actor=manager, outlet=mall, listing=world.listing, quantity=3, amount=Decimal("750")
    )
    with pytest.raises(ValidationError) as error:
        services.outlet_sale_report(
            actor=manager, outlet=mall, listing=world.listing, quantity=6, amount=Decimal("1")
        )
    assert error_code(error.value) == "insufficient_outlet_stock"
    services.consignment_return(actor=manager, outlet=mall, listing=world.listing, quantity=2)
    world.listing.refresh_from_db()
    assert world.listing.stock == 14
    assert [(row.listing, row.quantity) for row in selectors.outlet_stock(outlet=mall)] == [
        (world.listing, 3)
    ]
    [line] = selectors.outlet_sales(outlet=mall)
    assert (line.units, line.amount) == (3, Decimal("750"))
    kinds = sorted(StockMove.objects.values_list("kind", flat=True))
    assert kinds == sorted([MoveKind.PLACED, MoveKind.SOLD, MoveKind.RETURNED])
    # Nothing lost: online + at the outlet + sold = what there was.
    assert world.listing.stock + 3 + 3 == 20


def test_consigning_more_than_the_stock_fails_whole(world, mall) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.consignment_place(
            actor=world.seller, outlet=mall, listing=world.listing, quantity=21
        )
    assert error_code(error.value) == "insufficient_stock"
    assert Listing.objects.get(pk=world.listing.pk).stock == 20
    assert not StockMove.objects.exists()


def test_only_the_seller_consigns(world, mall) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.consignment_place(
            actor=world.users["producer_other"], outlet=mall, listing=world.listing, quantity=1
        )


def test_mission_officer_builds_and_orders_a_collection(world) -> None:  # type: ignore[no-untyped-def]
    mission = world.users["mission_officer"]
    second = ListingFactory.create(producer=world.producer, product=world.listing.product, stock=4)
    collection = services.collection_create(
        actor=mission, title="Republic Day gifts, Singapore", occasion="Republic Day 2027"
    )
    with pytest.raises(ValidationError) as error:
        services.collection_publish(actor=mission, collection=collection)
    assert error_code(error.value) == "collection_empty"
    services.collection_item_add(
        actor=mission, collection=collection, listing=world.listing, quantity=2
    )
    services.collection_item_add(actor=mission, collection=collection, listing=second)
    assert not permissions.can_order_collection(world.buyer, collection)  # a draft
    orders = services.collection_order(buyer=mission, collection=collection, sets=3)
    assert sorted((order.listing_id, order.quantity) for order in orders) == sorted(
        [(world.listing.pk, 6), (second.pk, 3)]
    )
    # Two more sets need two of `second`, which has one left: nothing is ordered.
    with pytest.raises(ValidationError) as error:
        services.collection_order(buyer=mission, collection=collection, sets=2)
    assert error_code(error.value) == "insufficient_stock"
    assert Order.objects.count() == 2
    assert Listing.objects.get(pk=world.listing.pk).stock == 14


def test_collections_are_for_curators_and_buyers(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.collection_create(actor=world.buyer, title="Mine")
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=world.patna)
    collection = services.collection_create(actor=officer, title="Ministry delegation kit")
    services.collection_item_add(actor=officer, collection=collection, listing=world.listing)
    services.collection_publish(actor=officer, collection=collection)
    with pytest.raises(PermissionDenied):  # officers curate but do not buy
        services.collection_order(buyer=officer, collection=collection)
    [order] = services.collection_order(buyer=world.buyer, collection=collection)
    assert order.buyer == world.buyer
    assert list(permissions.collections_visible_to(AnonymousUser())) == [collection]
