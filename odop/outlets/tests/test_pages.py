"""Pages of outlets and gift collections: who may open which page and submit which form,
consignments and sales through the pages (errors shown, nothing written), ordering a
collection all-or-none, page weight and query counts."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.models import Listing, Order
from odop.bazaar.tests.factories import ListingFactory
from odop.geography.tests.factories import StateFactory
from odop.outlets import services
from odop.outlets.models import (
    GiftCollection,
    GiftItem,
    MoveKind,
    Outlet,
    OutletKind,
    OutletStock,
    StockMove,
)

pytestmark = pytest.mark.django_db

PAGE_SIZE_LIMIT = 150 * 1024
ROLES = (
    "anonymous",
    "buyer",
    "mission_officer",
    "producer_own",
    "producer_other",
    "district_officer_own",
    "district_officer_other",
    "state_officer_own",
    "state_officer_other",
    "national_admin",
    "assessor",
)
OK, LOGIN, FORBIDDEN, MISSING = 200, 302, 403, 404
DONE = 302  # a successful POST redirects too; these tests tell it from LOGIN by Location


def _client(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def scene(world: SimpleNamespace) -> SimpleNamespace:
    """The world plus a mall in Bihar holding 5 of the basket, a store abroad run by the
    Mission officer, a closed wall, a published collection of the Mission officer's and a
    draft of the Bihar State officer's."""
    admin = world.users["national_admin"]
    world.mall = services.outlet_create(
        actor=admin, kind=OutletKind.EKTA_MALL, name="PM Ekta Mall Patna", city="Patna",
        state=world.bihar,
    )  # fmt: skip
    world.store = services.outlet_create(
        actor=admin,
        kind=OutletKind.STORE_ABROAD,
        name="ODOP store Singapore",
        city="Singapore",
        country="SG",
        mission="High Commission of India, Singapore",
        managers=[world.users["mission_officer"]],
    )
    world.closed = services.outlet_create(
        actor=admin, kind=OutletKind.ODOP_WALL, name="ODOP wall, Patna Junction", city="Patna",
        state=world.bihar,
    )  # fmt: skip
    Outlet.objects.filter(pk=world.closed.pk).update(is_active=False)
    services.consignment_place(
        actor=world.seller, outlet=world.mall, listing=world.listing, quantity=5
    )
    curator = world.users["mission_officer"]
    world.collection = services.collection_create(actor=curator, title="Diwali gifts for Singapore")
    services.collection_item_add(
        actor=curator, collection=world.collection, listing=world.listing, quantity=2
    )
    services.collection_publish(actor=curator, collection=world.collection)
    world.draft = services.collection_create(
        actor=world.users["state_officer_own"], title="Delegation to Kuwait"
    )
    return world


# ---------------------------------------------------------------- pages by role

EVERYONE_OK = dict.fromkeys(ROLES, OK)
PAGES: dict[str, dict[str, int]] = {
    "outlets": EVERYONE_OK,
    "mall": EVERYONE_OK,
    "store": EVERYONE_OK,
    "closed": {
        **dict.fromkeys(ROLES, MISSING),
        "state_officer_own": OK,
        "national_admin": OK,
    },
    "collections": EVERYONE_OK,
    "collection": EVERYONE_OK,
    "draft": {**dict.fromkeys(ROLES, MISSING), "state_officer_own": OK},
}


def _url(page: str, scene: SimpleNamespace) -> str:
    return {
        "outlets": "/outlets/",
        "mall": f"/outlets/{scene.mall.pk}/",
        "store": f"/outlets/{scene.store.pk}/",
        "closed": f"/outlets/{scene.closed.pk}/",
        "collections": "/outlets/gifts/",
        "collection": f"/outlets/gifts/{scene.collection.pk}/",
        "draft": f"/outlets/gifts/{scene.draft.pk}/",
    }[page]


@pytest.mark.parametrize(
    ("page", "role", "expected"),
    [
        pytest.param(page, role, expected, id=f"{page}-{role}_case")
        for page, row in PAGES.items()
        for role, expected in row.items()
    ],
)
def test_page_answers_by_role(scene: SimpleNamespace, page: str, role: str, expected: int) -> None:
    assert _client(scene.users[role]).get(_url(page, scene)).status_code == expected


def test_unknown_outlet_and_collection_answer_404(world: SimpleNamespace) -> None:
    assert _client().get("/outlets/99999/").status_code == 404
    assert _client().get("/outlets/gifts/99999/").status_code == 404


# Which forms each role is shown (the field names are the forms' ids).
FORMS_SHOWN: dict[str, tuple[str, str, frozenset[str]]] = {
    "open an outlet": (
        "outlets",
        'id="id_outlet_kind"',
        frozenset({"state_officer_own", "state_officer_other", "national_admin"}),
    ),
    "report a mall's sale": (
        "mall",
        'id="id_sale_quantity"',
        frozenset({"state_officer_own", "national_admin"}),
    ),
    "report a store's sale": (
        "store",
        'id="sale-heading"',  # the store holds nothing yet: the section, without a form
        frozenset({"mission_officer", "national_admin"}),
    ),
    "return stock": (
        "mall",
        'id="id_return_quantity"',
        frozenset({"state_officer_own", "national_admin"}),
    ),
    "ledger": ("mall", 'id="ledger-heading"', frozenset({"state_officer_own", "national_admin"})),
    "place stock": ("mall", 'id="id_consign_quantity"', frozenset({"producer_own"})),
    "new collection": (
        "collections",
        'id="id_collection_title"',
        frozenset(
            {
                "mission_officer",
                "district_officer_own",
                "district_officer_other",
                "state_officer_own",
                "state_officer_other",
                "national_admin",
            }
        ),
    ),
    "order a collection": (
        "collection",
        'id="id_order_sets"',
        frozenset({"buyer", "mission_officer"}),
    ),
    "add a product": ("collection", 'id="id_item_listing"', frozenset({"mission_officer"})),
}


@pytest.mark.parametrize(
    ("form", "role"),
    [pytest.param(form, role, id=f"{form}-{role}_case") for form in FORMS_SHOWN for role in ROLES],
)
def test_forms_shown_by_role(scene: SimpleNamespace, form: str, role: str) -> None:
    page, marker, roles = FORMS_SHOWN[form]
    html = _client(scene.users[role]).get(_url(page, scene)).content.decode()
    assert (marker in html) is (role in roles)


# ---------------------------------------------------------------- posts by role


def _post(scene: SimpleNamespace, role: str, page: str, data: dict[str, object]):  # type: ignore[no-untyped-def]
    return _client(scene.users[role]).post(_url(page, scene), data)


def _outlet_data(scene: SimpleNamespace) -> dict[str, object]:
    return {
        "action": "outlet",
        "kind": OutletKind.ODOP_WALL,
        "name": "ODOP wall, Patna airport",
        "city": "Patna",
        "state": scene.bihar.lgd_code,
        "country": "IN",
    }


POSTS: dict[str, tuple[str, dict[str, int]]] = {
    "open outlet": (
        "outlets",
        {
            **dict.fromkeys(ROLES, FORBIDDEN),
            "anonymous": LOGIN,
            "state_officer_own": DONE,
            "state_officer_other": OK,  # Bihar is not among its choices: the form's error
            "national_admin": DONE,
        },
    ),
    "sale": (
        "mall",
        {
            **dict.fromkeys(ROLES, FORBIDDEN),
            "anonymous": LOGIN,
            "state_officer_own": DONE,
            "national_admin": DONE,
        },
    ),
    "consign": (
        "mall",
        {**dict.fromkeys(ROLES, FORBIDDEN), "anonymous": LOGIN, "producer_own": DONE},
    ),
    "collection": (
        "collections",
        {
            **dict.fromkeys(ROLES, DONE),
            "anonymous": LOGIN,
            "buyer": FORBIDDEN,
            "producer_own": FORBIDDEN,
            "producer_other": FORBIDDEN,
            "assessor": FORBIDDEN,
        },
    ),
    "order": (
        "collection",
        {
            **dict.fromkeys(ROLES, FORBIDDEN),
            "anonymous": LOGIN,
            "buyer": DONE,
            "mission_officer": DONE,
        },
    ),
    "item": (
        "collection",
        {**dict.fromkeys(ROLES, FORBIDDEN), "anonymous": LOGIN, "mission_officer": DONE},
    ),
}


def _post_data(action: str, scene: SimpleNamespace) -> dict[str, object]:
    other = ListingFactory.create(producer=scene.producer, title="Sikki grass tray")
    return {
        "open outlet": _outlet_data(scene),
        "sale": {"action": "sale", "listing": scene.listing.pk, "quantity": 1, "amount": "450"},
        "consign": {"action": "consign", "listing": scene.listing.pk, "quantity": 1},
        "collection": {"action": "collection", "title": "Gifts for a delegation"},
        "order": {"action": "order", "sets": 1},
        "item": {"action": "item", "listing": other.pk, "quantity": 1},
    }[action]


@pytest.mark.parametrize(
    ("action", "role", "expected"),
    [
        pytest.param(action, role, expected, id=f"{action}-{role}_case")
        for action, (_page, row) in POSTS.items()
        for role, expected in row.items()
    ],
)
def test_post_answers_by_role(
    scene: SimpleNamespace, action: str, role: str, expected: int
) -> None:
    # given
    page = POSTS[action][0]
    data = _post_data(action, scene)
    moves, orders, collections = (
        StockMove.objects.count(),
        Order.objects.count(),
        GiftCollection.objects.count(),
    )
    outlets, items = Outlet.objects.count(), GiftItem.objects.count()
    # when
    response = _post(scene, role, page, data)
    # then
    assert response.status_code == expected
    if expected == LOGIN and role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    wrote = (
        StockMove.objects.count() - moves
        + Order.objects.count() - orders
        + GiftCollection.objects.count() - collections
        + Outlet.objects.count() - outlets
        + GiftItem.objects.count() - items
    )  # fmt: skip
    assert wrote == (1 if expected == DONE and role != "anonymous" else 0)


# ---------------------------------------------------------------- outlets


def test_opening_a_mall_through_the_page_gives_it_stalls(world: SimpleNamespace) -> None:
    # when
    response = _client(world.users["national_admin"]).post(
        "/outlets/",
        {
            "action": "outlet",
            "kind": OutletKind.EKTA_MALL,
            "name": "PM Ekta Mall Patna",
            "city": "Patna",
            "state": world.bihar.lgd_code,
            "country": "IN",
            "managers": f"{world.users['state_officer_own'].username}",
        },
    )
    # then
    mall = Outlet.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/outlets/{mall.pk}/"
    assert list(mall.managers.all()) == [world.users["state_officer_own"]]
    text = _text(_client().get(f"/outlets/{mall.pk}/"))
    assert "Stalls of the States and UTs" in text and "Bihar" in text and "Odisha" in text


def test_opening_a_store_abroad_in_india_shows_the_error(world: SimpleNamespace) -> None:
    response = _client(world.users["national_admin"]).post(
        "/outlets/",
        {
            "action": "outlet",
            "kind": OutletKind.STORE_ABROAD,
            "name": "ODOP store",
            "city": "Delhi",
            "country": "IN",
        },
    )
    assert response.status_code == 200
    assert "A store abroad is in another country than India." in _text(response)
    assert Outlet.objects.exists() is False


def test_an_unknown_country_code_shows_the_error(world: SimpleNamespace) -> None:
    data = {**_outlet_data(world), "kind": OutletKind.STORE_ABROAD, "country": "QZ"}
    response = _client(world.users["national_admin"]).post("/outlets/", data)
    assert response.status_code == 200 and "QZ is not an ISO 3166 country code" in _text(response)
    assert Outlet.objects.exists() is False


def test_unknown_manager_usernames_are_named(world: SimpleNamespace) -> None:
    data = {**_outlet_data(world), "managers": "nobody-here"}
    response = _client(world.users["national_admin"]).post("/outlets/", data)
    assert response.status_code == 200 and "nobody-here" in _text(response)
    assert Outlet.objects.exists() is False


def test_outlets_list_shows_what_each_holds(scene: SimpleNamespace) -> None:
    text = _text(_client().get("/outlets/"))
    assert "PM Ekta Mall Patna Patna Bihar 1 5" in text
    assert "Singapore · High Commission of India, Singapore 0 0" in text  # name, not "SG"
    assert "Patna Junction" not in text  # closed


def test_stock_page_groups_by_state_and_district_and_links_listings(scene: SimpleNamespace) -> None:
    html = _client().get(f"/outlets/{scene.mall.pk}/").content.decode()
    assert f'href="/bazaar/listings/{scene.listing.pk}/"' in html
    text = _text_of(html)
    assert "Bihar Patna Sikki grass basket" in text and "5 in the outlet" in text


def _text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_consignment_through_the_page_moves_stock(scene: SimpleNamespace) -> None:
    # when the producer places 3 more with the mall
    response = _client(scene.seller).post(
        f"/outlets/{scene.mall.pk}/",
        {"action": "consign", "listing": scene.listing.pk, "quantity": 3, "note": "Diwali"},
    )
    # then
    assert response.status_code == 302 and response["Location"] == f"/outlets/{scene.mall.pk}/"
    assert Listing.objects.get(pk=scene.listing.pk).stock == 12
    assert OutletStock.objects.get(outlet=scene.mall, listing=scene.listing).quantity == 8
    move = StockMove.objects.filter(kind=MoveKind.PLACED).latest("pk")
    assert (move.quantity, move.note, move.actor) == (3, "Diwali", scene.seller)


def test_a_consignment_over_the_online_stock_shows_the_error(scene: SimpleNamespace) -> None:
    response = _client(scene.seller).post(
        f"/outlets/{scene.mall.pk}/",
        {"action": "consign", "listing": scene.listing.pk, "quantity": 16},
    )
    assert response.status_code == 200 and "Only 15 left in stock." in _text(response)
    assert Listing.objects.get(pk=scene.listing.pk).stock == 15
    assert StockMove.objects.count() == 1


def test_a_sale_over_the_stock_held_shows_the_error_and_changes_nothing(
    scene: SimpleNamespace,
) -> None:
    # when the State officer reports 6 sold of the 5 held
    response = _client(scene.users["state_officer_own"]).post(
        f"/outlets/{scene.mall.pk}/",
        {"action": "sale", "listing": scene.listing.pk, "quantity": 6, "amount": "2700"},
    )
    # then
    assert response.status_code == 200
    assert "The outlet holds only 5 of these." in _text(response)
    assert OutletStock.objects.get(outlet=scene.mall, listing=scene.listing).quantity == 5
    assert StockMove.objects.filter(kind=MoveKind.SOLD).exists() is False


def test_a_sale_and_a_return_through_the_page(scene: SimpleNamespace) -> None:
    # given
    manager = _client(scene.users["state_officer_own"])
    url = f"/outlets/{scene.mall.pk}/"
    # when
    sold = manager.post(
        url, {"action": "sale", "listing": scene.listing.pk, "quantity": 2, "amount": "900"}
    )
    returned = manager.post(url, {"action": "return", "listing": scene.listing.pk, "quantity": 1})
    # then
    assert sold.status_code == returned.status_code == 302
    assert OutletStock.objects.get(outlet=scene.mall, listing=scene.listing).quantity == 2
    assert Listing.objects.get(pk=scene.listing.pk).stock == 16
    sale = StockMove.objects.get(kind=MoveKind.SOLD)
    assert (sale.quantity, sale.amount) == (2, Decimal("900.00"))
    html = manager.get(url).content.decode()
    assert "Sale recorded." in html and "Stock returned to the seller." in html
    assert re.search(r"<rect width=\"100(\.0)?\"", html)  # one bar, the largest
    assert len(re.findall(r'class="move"', html)) == 3


def test_a_producer_cannot_place_another_producers_listing(scene: SimpleNamespace) -> None:
    stranger = ListingFactory.create(title="Brass lamp", stock=9)
    response = _client(scene.seller).post(
        f"/outlets/{scene.mall.pk}/", {"action": "consign", "listing": stranger.pk, "quantity": 1}
    )
    assert response.status_code == 200  # not among the form's choices
    assert Listing.objects.get(pk=stranger.pk).stock == 9


# ---------------------------------------------------------------- gift collections


def test_collections_list_shows_published_and_own(scene: SimpleNamespace) -> None:
    assert "Delegation to Kuwait" not in _text(_client().get("/outlets/gifts/"))
    own = _text(_client(scene.users["state_officer_own"]).get("/outlets/gifts/"))
    assert "Delegation to Kuwait draft" in own and "Diwali gifts for Singapore" in own


def test_collection_page_shows_price_quantity_and_total_per_set(scene: SimpleNamespace) -> None:
    price = scene.listing.price
    text = _text(_client().get(f"/outlets/gifts/{scene.collection.pk}/"))
    assert f"Sikki grass basket {price:,.2f} 2 {price * 2:,.2f}" in text


def test_ordering_a_collection_through_the_page_creates_the_orders(scene: SimpleNamespace) -> None:
    # given a second product in the collection
    curator = scene.users["mission_officer"]
    lamp = ListingFactory.create(producer=scene.producer, title="Sikki grass tray", stock=10)
    services.collection_item_add(
        actor=curator, collection=scene.collection, listing=lamp, quantity=1
    )
    buyer = _client(scene.buyer)
    # when
    response = buyer.post(f"/outlets/gifts/{scene.collection.pk}/", {"action": "order", "sets": 3})
    # then
    orders = list(Order.objects.order_by("listing_id"))
    assert [(order.listing_id, order.quantity, order.buyer) for order in orders] == [
        (scene.listing.pk, 6, scene.buyer),
        (lamp.pk, 3, scene.buyer),
    ]
    assert response.status_code == 302
    page = buyer.get(response["Location"])
    assert all(f'href="/bazaar/orders/{order.pk}/"' in page.content.decode() for order in orders)


def test_a_collection_order_lacking_stock_names_the_item_and_orders_nothing(
    scene: SimpleNamespace,
) -> None:
    # when 8 sets need 16 baskets and 15 are online
    response = _client(scene.buyer).post(
        f"/outlets/gifts/{scene.collection.pk}/", {"action": "order", "sets": 8}
    )
    # then
    assert response.status_code == 200
    assert "Sikki grass basket:" in _text(response)
    assert Order.objects.exists() is False
    assert Listing.objects.get(pk=scene.listing.pk).stock == 15


def test_the_orders_parameter_shows_only_the_users_own_orders(scene: SimpleNamespace) -> None:
    response = _client(scene.buyer).post(
        f"/outlets/gifts/{scene.collection.pk}/", {"action": "order", "sets": 1}
    )
    order = Order.objects.get()
    other = _client(UserFactory.create(role=Role.BUYER)).get(response["Location"])
    assert f"/bazaar/orders/{order.pk}/" not in other.content.decode()


def test_the_owner_finds_and_adds_a_product_then_publishes(scene: SimpleNamespace) -> None:
    # given
    owner = _client(scene.users["state_officer_own"])
    url = f"/outlets/gifts/{scene.draft.pk}/"
    # when an empty collection is published
    empty = owner.post(url, {"action": "publish", "published": "1"})
    # then
    assert empty.status_code == 200 and "Add products before publishing." in _text(empty)
    # when the owner searches and adds the basket
    found = owner.get(url, {"q": "sikki"}).content.decode()
    assert 'class="search-result">Sikki grass basket' in found
    added = owner.post(url, {"action": "item", "listing": scene.listing.pk, "quantity": 4})
    published = owner.post(url, {"action": "publish", "published": "1"})
    # then
    assert added.status_code == published.status_code == 302
    assert GiftItem.objects.get(collection=scene.draft).quantity == 4
    assert GiftCollection.objects.get(pk=scene.draft.pk).is_published is True


def test_adding_an_unknown_or_duplicate_listing_shows_the_error(scene: SimpleNamespace) -> None:
    owner = _client(scene.users["mission_officer"])
    url = f"/outlets/gifts/{scene.collection.pk}/"
    unknown = owner.post(url, {"action": "item", "listing": 99999, "quantity": 1})
    duplicate = owner.post(url, {"action": "item", "listing": scene.listing.pk, "quantity": 1})
    assert "No published listing has this number." in _text(unknown)
    assert "This listing is already in the collection." in _text(duplicate)
    assert GiftItem.objects.count() == 1


# ---------------------------------------------------------------- weight and queries


@pytest.fixture
def crowd(scene: SimpleNamespace) -> SimpleNamespace:
    """36 States and UTs, 30 outlets, a mall holding 40 listings: a full-size public page."""
    for number in range(34):
        StateFactory.create(lgd_code=100 + number, name=f"State {number}")
    admin = scene.users["national_admin"]
    for number in range(30):
        services.outlet_create(
            actor=admin,
            kind=OutletKind.ODOP_WALL,
            name=f"ODOP wall {number}",
            city="Patna",
            state=scene.bihar,
        )
    big_mall = services.outlet_create(
        actor=admin,
        kind=OutletKind.EKTA_MALL,
        name="PM Ekta Mall Bhagalpur",
        city="Bhagalpur",
        state=scene.bihar,
    )
    for number in range(40):
        listing = ListingFactory.create(
            producer=scene.producer, title=f"Sikki grass piece {number}", stock=9
        )
        services.consignment_place(actor=scene.seller, outlet=big_mall, listing=listing, quantity=3)
    scene.big_mall = big_mall
    return scene


def test_public_pages_stay_under_150_kb(crowd: SimpleNamespace) -> None:
    for url in (
        "/outlets/",
        f"/outlets/{crowd.big_mall.pk}/",
        "/outlets/gifts/",
        f"/outlets/gifts/{crowd.collection.pk}/",
    ):
        response = _client().get(url)
        assert response.status_code == 200
        assert len(response.content) < PAGE_SIZE_LIMIT, url


def test_outlets_list_query_count_does_not_grow_with_outlets(
    crowd: SimpleNamespace,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    client = _client()
    with django_assert_max_num_queries(1):  # the outlets with their State and holdings
        response = client.get("/outlets/")
    assert response.content.decode().count('href="/outlets/') >= 33


def test_stock_page_query_count_does_not_grow_with_stock(
    crowd: SimpleNamespace,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    client = _client()
    with django_assert_max_num_queries(3):  # the outlet, its stock, its stalls
        response = client.get(f"/outlets/{crowd.big_mall.pk}/")
    assert response.content.decode().count('href="/bazaar/listings/') == 40


def test_managers_stock_page_query_count_does_not_grow_with_stock(
    crowd: SimpleNamespace,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    client = _client(crowd.users["state_officer_own"])
    # session, user, outlet, stock, stalls, sales, ledger (+ messages, savepoints)
    with django_assert_max_num_queries(10):
        response = client.get(f"/outlets/{crowd.big_mall.pk}/")
    assert len(re.findall(r'class="move"', response.content.decode())) == 40


def test_stock_page_pages_a_large_holding(
    crowd: SimpleNamespace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An outlet holding many listings shows them a page at a time (the 150 KB budget)."""
    from odop.outlets import views

    monkeypatch.setattr(views, "STOCK_PAGE_SIZE", 15)
    first = _client().get(f"/outlets/{crowd.big_mall.pk}/").content.decode()
    last = _client().get(f"/outlets/{crowd.big_mall.pk}/", {"page": 3}).content.decode()
    assert first.count('href="/bazaar/listings/') == 15
    assert 'rel="next"' in first
    assert last.count('href="/bazaar/listings/') == 10
    assert "120 units of 40 products" in first  # the total is of the whole holding
