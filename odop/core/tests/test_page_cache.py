"""Anonymous pages from the cache (odop/core/page_cache.py). Ref: #10

Test settings turn the page cache off (rolled-back tests never bump a version); every test here
turns it on and starts from an empty cache. Writes happen inside the test's transaction, so
`django_capture_on_commit_callbacks(execute=True)` stands for the commit that bumps versions.
"""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.services import inquiry_create, listing_stock_set, order_place
from odop.bazaar.tests.factories import ListingFactory
from odop.core import page_cache
from odop.core.page_cache import CACHE_HEADER, PAGE_POLICIES, data_version
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.producers.services import producer_verify
from odop.registry.services import district_product_update
from odop.registry.tests.factories import DistrictProductFactory

pytestmark = pytest.mark.django_db

# CI runs the SQLite and PostgreSQL suites side by side, each with a Redis database of its own.
REDIS_TEST_URL = os.environ.get("ODOP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(autouse=True)
def page_cache_on(settings, tmp_path: Path) -> None:
    settings.ODOP_PAGE_CACHE = True
    settings.ODOP_DATA_DIR = tmp_path  # no boundaries: the home page skips its map
    cache.clear()
    page_cache.RECENT_PAGES.clear()


@pytest.fixture
def world() -> SimpleNamespace:
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    patna = DistrictFactory.create(lgd_code=212, name="Patna", state=bihar)
    product = DistrictProductFactory.create(district=patna, description="Fox nuts of the Kosi.")
    listing = ListingFactory.create(product=product, producer__district=patna, stock=40)
    return SimpleNamespace(state=bihar, district=patna, product=product, listing=listing)


def _get(client: Client, path: str, **extra: str):
    response = client.get(path, **extra)
    assert response.status_code == 200, path
    return response


def test_the_second_anonymous_request_is_served_from_the_cache(
    client: Client, world, django_assert_num_queries
):
    path = reverse("catalogue:district", args=[212])

    first = _get(client, path)
    with django_assert_num_queries(0):
        second = _get(client, path)

    assert first[CACHE_HEADER] == "miss"
    assert second[CACHE_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/states/10/",
        "/districts/212/",
        "/search/?q=patna",
        "/bazaar/",
        "/outlets/",
        "/api/v1/products/?state=10",
    ],
)
def test_public_pages_are_cached(client: Client, world, path):
    _get(client, path)

    assert _get(client, path)[CACHE_HEADER] == "hit"


def test_a_product_and_its_listing_are_cached(client: Client, world):
    for path in (
        reverse("catalogue:product", args=[world.product.pk]),
        reverse("bazaar:listing", args=[world.listing.pk]),
    ):
        _get(client, path)
        assert _get(client, path)[CACHE_HEADER] == "hit"


def test_a_description_changed_through_its_service_shows_on_the_next_request(
    client: Client, world, django_capture_on_commit_callbacks
):
    # given a cached product page
    path = reverse("catalogue:product", args=[world.product.pk])
    assert "Fox nuts of the Kosi." in _get(client, path).content.decode()
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=world.district)

    # when an officer corrects the description (and the transaction commits)
    with django_capture_on_commit_callbacks(execute=True):
        district_product_update(actor=officer, product=world.product, description="Makhana.")

    # then the next anonymous visitor gets the new page
    response = _get(client, path)
    assert response[CACHE_HEADER] == "miss"
    assert "Makhana." in response.content.decode()
    assert "Fox nuts of the Kosi." not in response.content.decode()


def test_a_version_moves_only_when_the_write_commits(
    client: Client, world, django_capture_on_commit_callbacks
):
    # A page computed between the bump and the commit would read the old rows and be stored
    # under the new version: the bump waits for the commit.
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=world.district)
    before = data_version(PAGE_POLICIES["catalogue:product"].scopes)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        district_product_update(actor=officer, product=world.product, description="Makhana.")
    assert data_version(PAGE_POLICIES["catalogue:product"].scopes) == before

    for callback in callbacks:
        callback()
    assert data_version(PAGE_POLICIES["catalogue:product"].scopes) != before


@pytest.mark.parametrize("how", ["seller sets the stock", "a buyer orders"])
def test_a_stock_change_shows_on_the_listing_page(
    client: Client, world, django_capture_on_commit_callbacks, how
):
    # given the listing page cached with 40 in stock
    path = reverse("bazaar:listing", args=[world.listing.pk])
    assert '<dd class="stock">40</dd>' in _get(client, path).content.decode()

    seller = UserFactory.create(role=Role.PRODUCER)
    world.listing.producer.user = seller
    world.listing.producer.save(update_fields=["user"])  # its bump never commits

    # when the stock changes: a save (signal) or an order's F() update (explicit bump)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "seller sets the stock":
            listing_stock_set(actor=seller, listing=world.listing, stock=7)
        else:
            buyer = UserFactory.create(role=Role.BUYER)
            order_place(buyer=buyer, listing=world.listing, quantity=33)

    # then
    response = _get(client, path)
    assert response[CACHE_HEADER] == "miss"
    assert '<dd class="stock">7</dd>' in response.content.decode()


def test_a_producer_suspended_disappears_from_the_cached_producer_page(
    client: Client, world, django_capture_on_commit_callbacks
):
    # Producers live in their own app since issue 11: its writes must empty the bazaar's pages.
    path = reverse("bazaar:producer", args=[world.listing.producer.pk])
    _get(client, path)
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=world.district)

    with django_capture_on_commit_callbacks(execute=True):
        producer_verify(actor=officer, producer=world.listing.producer, verified=False)

    assert client.get(path).status_code == 404


def test_a_private_write_leaves_the_cached_pages_alone(
    client: Client, world, django_capture_on_commit_callbacks
):
    # A buyer's inquiry shows on no public page: the listing's page stays cached.
    path = reverse("bazaar:listing", args=[world.listing.pk])
    _get(client, path)

    with django_capture_on_commit_callbacks(execute=True):
        inquiry_create(buyer=UserFactory.create(role=Role.BUYER), listing=world.listing, quantity=5)

    assert _get(client, path)[CACHE_HEADER] == "hit"


def test_a_signed_in_user_gets_a_live_page_and_leaves_the_cache_untouched(client: Client, world):
    path = reverse("catalogue:district", args=[212])
    user = UserFactory.create(username="asha", role=Role.BUYER)

    # a signed-in visit first: not served from the cache, not stored either
    client.force_login(user)
    signed_in = _get(client, path)
    assert CACHE_HEADER not in signed_in
    assert '<span class="username">asha</span>' in signed_in.content.decode()

    anonymous = Client()
    first = _get(anonymous, path)
    assert first[CACHE_HEADER] == "miss"
    assert "asha" not in first.content.decode()

    # and once the anonymous page is cached, the signed-in user still gets their own
    again = _get(client, path)
    assert CACHE_HEADER not in again
    assert '<span class="username">asha</span>' in again.content.decode()


def test_an_api_call_with_a_token_is_never_served_from_the_cache(client: Client, world):
    path = "/api/v1/products/?state=10"
    _get(client, path)

    response = client.get(path, headers={"authorization": "Token not-a-real-token"})

    assert CACHE_HEADER not in response


def test_hindi_and_english_are_cached_apart(client: Client, world):
    english = _get(client, "/states/10/")
    hindi = _get(client, "/hi/states/10/")
    hindi_again = _get(client, "/hi/states/10/")
    english_again = _get(client, "/states/10/")

    assert (english[CACHE_HEADER], hindi[CACHE_HEADER]) == ("miss", "miss")
    assert (english_again[CACHE_HEADER], hindi_again[CACHE_HEADER]) == ("hit", "hit")
    assert '<html lang="en">' in english_again.content.decode()
    assert '<html lang="hi">' in hindi_again.content.decode()
    assert hindi_again["Content-Language"] == "hi"


def test_the_api_caches_json_and_the_browsable_page_apart(client: Client, world):
    path = "/api/v1/products/?state=10"
    json_first = _get(client, path, HTTP_ACCEPT="application/json")
    json_again = _get(client, path, HTTP_ACCEPT="application/json")
    html = client.get(path, HTTP_ACCEPT="text/html")

    assert json_again[CACHE_HEADER] == "hit"
    assert json_again["Content-Type"] == json_first["Content-Type"] == "application/json"
    assert html["Content-Type"].startswith("text/html")
    assert html.get(CACHE_HEADER) != "hit"


def test_the_order_of_query_parameters_does_not_matter(client: Client, world):
    _get(client, "/api/v1/products/?state=10&sector=agriculture")

    assert _get(client, "/api/v1/products/?sector=agriculture&state=10")[CACHE_HEADER] == "hit"


def test_a_head_request_is_answered_from_the_cache(client: Client, world):
    _get(client, "/bazaar/")

    response = client.head("/bazaar/")

    assert response.status_code == 200
    assert response[CACHE_HEADER] == "hit"


@pytest.mark.parametrize(
    "name",
    ["catalogue:home", "catalogue:district", "bazaar:storefront", "bazaar:listing"],
)
def test_anonymous_pages_carry_no_csrf_token(client: Client, world, name):
    args = {"catalogue:district": [212], "bazaar:listing": [world.listing.pk]}.get(name, [])
    path = reverse(name, args=args)

    for response in (_get(client, path), _get(client, path)):
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert settings.CSRF_COOKIE_NAME not in response.cookies
        assert not response.has_header("Set-Cookie")
    assert response[CACHE_HEADER] == "hit"


def test_a_response_that_sets_a_cookie_is_never_stored(client: Client, world, monkeypatch):
    # The login page has a form with a CSRF token, so it sets the csrftoken cookie: even opted
    # in, it is computed for every visitor.
    monkeypatch.setitem(page_cache.PAGE_POLICIES, "accounts:login", page_cache.PagePolicy(()))
    path = reverse("accounts:login")

    first = Client().get(path)
    second = Client().get(path)

    assert settings.CSRF_COOKIE_NAME in first.cookies
    assert CACHE_HEADER not in first
    assert CACHE_HEADER not in second
    assert settings.CSRF_COOKIE_NAME in second.cookies


def test_a_visitor_with_a_session_or_messages_cookie_gets_a_live_page(client: Client, world):
    path = "/bazaar/"
    _get(client, path)

    for name in (settings.SESSION_COOKIE_NAME, "messages"):
        visitor = Client()
        visitor.cookies[name] = "x"
        assert CACHE_HEADER not in _get(visitor, path)


def test_a_lost_version_counter_makes_its_pages_fresh(client: Client, world):
    # The cache may evict a counter: the one created next has a value never used before.
    path = "/bazaar/"
    _get(client, path)

    cache.delete(page_cache._version_key(PAGE_POLICIES["bazaar:storefront"].scopes))

    assert _get(client, path)[CACHE_HEADER] == "miss"


def test_pages_are_served_live_when_the_cache_is_switched_off(client: Client, world, settings):
    settings.ODOP_PAGE_CACHE = False
    _get(client, "/bazaar/")

    assert CACHE_HEADER not in _get(client, "/bazaar/")


def test_redis_serves_and_invalidates_pages(
    client: Client, world, settings, django_capture_on_commit_callbacks
):
    # CI starts Redis at 127.0.0.1:6379; this test fails, never skips, when it cannot reach it.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": "odop-test",
        }
    }
    cache.set("odop:ping", "pong")
    assert cache.get("odop:ping") == "pong"
    cache.clear()
    path = reverse("catalogue:product", args=[world.product.pk])
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=world.district)

    assert _get(client, path)[CACHE_HEADER] == "miss"
    assert _get(client, path)[CACHE_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        district_product_update(actor=officer, product=world.product, description="Makhana.")
    fresh = _get(client, path)

    assert fresh[CACHE_HEADER] == "miss"
    assert "Makhana." in fresh.content.decode()
    cache.clear()


def test_a_hit_is_kept_in_the_process_but_a_bump_still_makes_it_fresh(
    client: Client, world, django_capture_on_commit_callbacks
):
    """The process keeps recent pages (one shared-cache read per hit instead of two); the key
    holds the data version, so a write elsewhere still reaches every process at once."""
    path = reverse("catalogue:product", args=[world.product.pk])
    _get(client, path)
    cache.delete_many([key for key in page_cache.RECENT_PAGES.entries])  # the shared copy
    assert _get(client, path)[CACHE_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        district_product_update(
            actor=UserFactory.create(role=Role.NATIONAL_ADMIN),
            product=world.product,
            description="Makhana, the fox nut of Patna.",
        )
    fresh = _get(client, path)
    assert fresh[CACHE_HEADER] == "miss"
    assert "the fox nut of Patna" in fresh.content.decode()
