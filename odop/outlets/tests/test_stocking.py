"""Outlets stocked from the site (issue 12, item 4): the people who run an outlet place stock
from listings on sale and report sales on its page; "my outlets" lists what they run. Also a
gift collection's shortfall is said in sets (issue 12, item 11)."""

import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from odop.bazaar.models import Listing, ListingStatus, Order
from odop.bazaar.tests.factories import ListingFactory
from odop.core.errors import error_code
from odop.outlets import services
from odop.outlets.models import MoveKind, Outlet, OutletKind, OutletStock, StockMove

pytestmark = pytest.mark.django_db


@pytest.fixture
def tokyo(world: SimpleNamespace) -> Outlet:
    """An ODOP store abroad whose manager is the Mission officer (issue 12's Tokyo store)."""
    return services.outlet_create(
        actor=world.users["national_admin"],
        kind=OutletKind.STORE_ABROAD,
        name="ODOP Store Tokyo",
        city="Tokyo",
        country="JP",
        mission="Embassy of India, Tokyo",
        managers=[world.users["mission_officer"]],
    )


def _stock(listing: Listing) -> int:
    return Listing.objects.get(pk=listing.pk).stock


def test_outlet_manager_places_stock_from_a_listing_on_sale(
    world: SimpleNamespace, tokyo: Outlet
) -> None:
    """issue 12: "The outlet holds no stock to sell" and no way to place any."""
    mission = world.users["mission_officer"]
    row = services.consignment_place(
        actor=mission, outlet=tokyo, listing=world.listing, quantity=5, note="Air freight 12"
    )
    assert row.quantity == 5
    assert _stock(world.listing) == 15
    move = StockMove.objects.get(outlet=tokyo)
    assert (move.kind, move.quantity, move.actor, move.note) == (
        MoveKind.PLACED,
        5,
        mission,
        "Air freight 12",
    )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("mission_officer_case", True),
        ("national_admin", True),
        ("buyer", False),
        ("state_officer_other", False),  # a store abroad is in no State's scope
        ("producer_other", False),
    ],
)
def test_who_places_stock_in_a_store_abroad(
    world: SimpleNamespace, tokyo: Outlet, role: str, allowed: bool
) -> None:
    """issue 12: the outlet's managers and national admins; nobody else."""
    user = world.users["mission_officer" if role == "mission_officer_case" else role]
    if allowed:
        services.consignment_place(actor=user, outlet=tokyo, listing=world.listing, quantity=1)
        assert _stock(world.listing) == 19
    else:
        with pytest.raises(PermissionDenied):
            services.consignment_place(actor=user, outlet=tokyo, listing=world.listing, quantity=1)
        assert _stock(world.listing) == 20
        assert StockMove.objects.exists() is False


def test_state_officer_places_stock_in_an_outlet_of_their_state(world: SimpleNamespace) -> None:
    """issue 12: an officer whose scope covers the outlet places stock; another State's not."""
    wall = services.outlet_create(
        actor=world.users["national_admin"],
        kind=OutletKind.ODOP_WALL,
        name="ODOP wall, Patna airport",
        city="Patna",
        state=world.bihar,
    )
    services.consignment_place(
        actor=world.users["state_officer_own"], outlet=wall, listing=world.listing, quantity=2
    )
    with pytest.raises(PermissionDenied):
        services.consignment_place(
            actor=world.users["state_officer_other"], outlet=wall, listing=world.listing, quantity=2
        )
    assert _stock(world.listing) == 18


def test_a_manager_places_only_listings_on_sale(world: SimpleNamespace, tokyo: Outlet) -> None:
    """issue 12: a draft is the producer's own business, not stock an outlet can take."""
    draft = ListingFactory.create(producer=world.producer, status=ListingStatus.DRAFT, stock=9)
    with pytest.raises(ValidationError) as error:
        services.consignment_place(
            actor=world.users["mission_officer"], outlet=tokyo, listing=draft, quantity=1
        )
    assert error_code(error.value) == "not_published"
    assert _stock(draft) == 9
    assert OutletStock.objects.filter(quantity__gt=0).exists() is False


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


def test_manager_places_stock_and_reports_a_sale_on_the_outlet_page(
    world: SimpleNamespace, tokyo: Outlet
) -> None:
    """issue 12: the Mission officer named as manager has the actions on the outlet page."""
    mission = _client(world.users["mission_officer"])
    url = f"/outlets/{tokyo.pk}/"
    page = _text(mission.get(url, {"q": "sikki"}).content)
    assert "Place stock in this outlet" in page
    assert f"No. {world.listing.pk}: Sikki grass basket" in page
    placed = mission.post(url, {"action": "place", "listing": world.listing.pk, "quantity": 6})
    assert placed.status_code == 302, _text(placed.content)
    assert OutletStock.objects.get(outlet=tokyo).quantity == 6
    sold = mission.post(
        url, {"action": "sale", "listing": world.listing.pk, "quantity": 2, "amount": "1200"}
    )
    assert sold.status_code == 302, _text(sold.content)
    assert OutletStock.objects.get(outlet=tokyo).quantity == 4
    assert StockMove.objects.filter(kind=MoveKind.SOLD, quantity=2).count() == 1
    # an unknown listing number is a form error, and nothing moves
    unknown = mission.post(url, {"action": "place", "listing": 999999, "quantity": 1})
    assert unknown.status_code == 200
    assert "No listing on sale has this number." in _text(unknown.content)
    assert _stock(world.listing) == 14


def test_others_get_no_place_form_and_cannot_post_one(
    world: SimpleNamespace, tokyo: Outlet
) -> None:
    """issue 12: the place form is only for the people who run the outlet."""
    buyer = _client(world.buyer)
    url = f"/outlets/{tokyo.pk}/"
    assert "Place stock in this outlet" not in _text(buyer.get(url).content)
    refused = buyer.post(url, {"action": "place", "listing": world.listing.pk, "quantity": 1})
    assert refused.status_code == 403
    assert _stock(world.listing) == 20


def test_my_outlets_lists_the_outlets_a_user_runs(world: SimpleNamespace, tokyo: Outlet) -> None:
    """issue 12: the Mission officer had no navigation entry for their workspace."""
    url = reverse("outlets:mine")
    assert url == "/outlets/mine/"
    services.outlet_create(
        actor=world.users["national_admin"],
        kind=OutletKind.STORE_ABROAD,
        name="ODOP Store Dubai",
        city="Dubai",
        country="AE",
    )
    mine = _text(_client(world.users["mission_officer"]).get(url).content)
    assert "ODOP Store Tokyo" in mine
    assert "ODOP Store Dubai" not in mine
    everything = _text(_client(world.users["national_admin"]).get(url).content)
    assert "ODOP Store Tokyo" in everything and "ODOP Store Dubai" in everything
    assert "You run no outlet" in _text(_client(world.buyer).get(url).content)
    assert Client().get(url).status_code == 302  # sign in first
    # and the outlets page links to it for those who run one
    assert (
        'href="/outlets/mine/"'
        in _client(world.users["mission_officer"]).get("/outlets/").content.decode()
    )
    assert 'href="/outlets/mine/"' not in _client(world.buyer).get("/outlets/").content.decode()


def test_gift_order_beyond_stock_says_how_many_sets_can_be_made(world: SimpleNamespace) -> None:
    """issue 12: 25 sets with 40 in stock said "Only 40 left"; it says how many sets can be
    made (here 2 a set with 20 in stock: 10 sets)."""
    mission = world.users["mission_officer"]
    collection = services.collection_create(actor=mission, title="Diwali gifts")
    services.collection_item_add(
        actor=mission, collection=collection, listing=world.listing, quantity=2
    )
    with pytest.raises(ValidationError) as error:
        services.collection_order(buyer=mission, collection=collection, sets=25)
    assert error_code(error.value) == "insufficient_stock"
    assert "only 10 sets can be made" in " ".join(error.value.messages)
    assert Order.objects.exists() is False
    assert _stock(world.listing) == 20
