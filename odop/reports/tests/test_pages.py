"""The district map page and SVG, and the officers' MIS dashboard: figures counted both ways,
the role matrix, 404s for what a user may not see, and the cache per data version."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext

from odop.bazaar.models import Order, OrderStatus
from odop.core import page_cache
from odop.geography.models import District
from odop.producers.models import Producer, ProducerStatus
from odop.registry.models import DistrictProduct
from odop.registry.tests.factories import DistrictProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _client(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _paths(svg: str) -> dict[str, str]:
    return dict(re.findall(r'<path data-lgd="(\d+)"[^>]*><title>([^<]*)</title>', svg))


def test_the_national_map_draws_every_district_with_a_shape(world: SimpleNamespace) -> None:
    response = _client().get("/maps/districts.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    products = dict(
        DistrictProduct.objects.values_list("district__lgd_code").annotate(n=Count("pk"))
    )
    assert _paths(svg) == {
        "212": f"Patna, {products[212]}",
        "190": f"Bhagalpur, {products[190]}",
        "345": f"Balasore, {products[345]}",
    }
    # Every district is either drawn or counted as having no shape.
    assert District.objects.count() == len(_paths(svg)) + 1
    assert 'data-no-shape="1"' in svg


def test_the_map_page_lists_the_districts_with_no_shape(world: SimpleNamespace) -> None:
    page = _client().get("/maps/districts/?state=21&indicator=products")
    assert page.status_code == 200
    html = page.content.decode()
    assert set(re.findall(r'<path data-lgd="(\d+)"', html)) == {"345"}
    assert '<li data-lgd="799"><a href="/districts/799/">Newpur</a></li>' in html
    assert "1 districts drawn; 1 district has no shape" in html


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [("gi", {"212": "Patna, 1", "190": "Bhagalpur, 1"}), ("producers", {"212": "Patna, 2"})],
)
def test_each_indicator_counts_what_it_says(
    world: SimpleNamespace, indicator: str, expected: dict[str, str]
) -> None:
    svg = _client().get(f"/maps/districts.svg?state=10&indicator={indicator}").content.decode()
    gi = dict(
        DistrictProduct.objects.filter(is_gi=True)
        .values_list("district__lgd_code")
        .annotate(n=Count("pk"))
    )
    verified = dict(
        Producer.objects.filter(status=ProducerStatus.VERIFIED)
        .values_list("district__lgd_code")
        .annotate(n=Count("pk"))
    )
    counted = gi if indicator == "gi" else verified
    drawn = _paths(svg)
    for code, label in drawn.items():
        assert label.endswith(f", {counted.get(int(code), 0)}")
    for code, label in expected.items():
        assert drawn[code] == label


@pytest.mark.parametrize(
    "query", ["?state=999", "?state=abc", "?state=-1", "?indicator=secrets", "?state=١٠"]
)
def test_an_unknown_state_or_indicator_is_not_found(world: SimpleNamespace, query: str) -> None:
    assert _client().get(f"/maps/districts.svg{query}").status_code == 404
    assert _client().get(f"/maps/districts/{query}").status_code == 404


def test_the_map_is_drawn_once_per_data_version(
    world: SimpleNamespace,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    client = _client()
    first = client.get("/maps/districts.svg?state=10").content
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/maps/districts.svg?state=10").content
    assert again == first
    assert len(queries) <= 2  # the State, nothing about districts or products
    with django_capture_on_commit_callbacks(execute=True):  # the data version moves on commit
        DistrictProductFactory.create(district=world.bhagalpur, name="Katarni rice")
    changed = client.get("/maps/districts.svg?state=10").content.decode()
    assert _paths(changed)["190"] == "Bhagalpur, 2"


def test_without_boundaries_the_map_is_unavailable(world: SimpleNamespace, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ODOP_DATA_DIR = settings.ODOP_DATA_DIR / "missing"
    assert _client().get("/maps/districts.svg").status_code == 503
    page = _client().get("/maps/districts/")
    assert page.status_code == 503
    assert b"The map is unavailable" in page.content


# --- Dashboard ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "query", "status"),
    [
        ("national_admin", "", 200),
        ("national_admin", "?state=10", 200),
        ("national_admin", "?state=999", 404),
        ("state_officer", "", 200),
        ("state_officer", "?state=10", 200),
        ("state_officer", "?state=21", 404),
        ("district_officer", "", 200),
        ("district_officer", "?state=21", 404),
        ("buyer", "", 404),
        ("producer", "", 404),
        ("mission_officer", "", 404),
    ],
)
def test_dashboard_role_matrix(world: SimpleNamespace, role: str, query: str, status: int) -> None:
    assert _client(world.users[role]).get(f"/mis/{query}").status_code == status


def test_dashboard_asks_anonymous_visitors_to_sign_in(world: SimpleNamespace) -> None:
    response = _client().get("/mis/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def _figures(html: str, section: str) -> dict[str, str]:
    block = html.split(f'data-section="{section}"', 1)[1].split("</section>", 1)[0]
    return {
        label: re.sub(r"<[^>]+>", "", value).strip()
        for label, value in re.findall(r"<dt>([^<]*)</dt><dd>(.*?)</dd>", block)
    }


def test_dashboard_figures_equal_the_database(world: SimpleNamespace) -> None:
    html = _client(world.users["state_officer"]).get("/mis/").content.decode()
    bihar = DistrictProduct.objects.filter(district__state=world.bihar)
    coverage = _figures(html, "coverage")
    assert coverage["Districts"] == str(District.objects.filter(state=world.bihar).count())
    assert coverage["District products"] == str(bihar.count())
    assert coverage["GI-tagged district products"] == str(bihar.filter(is_gi=True).count())
    live = Order.objects.exclude(status=OrderStatus.CANCELLED)
    trade = _figures(html, "trade")
    assert trade["Orders (not cancelled)"] == str(live.count())
    value = live.aggregate(total=Sum("total"))["total"]
    assert value == Decimal("2501.00")
    assert trade["Order value"] == "₹2,501.00"
    producers = _figures(html, "producers")
    assert producers["Producers registered"] == str(
        Producer.objects.filter(district__state=world.bihar).count()
    )
    # Each figure links down to the list behind it, with the scope's filter.
    assert 'href="/api/v1/products/?state=10"' in html
    assert 'href="/api/v1/products/?gi=true&amp;state=10"' in html
    assert 'href="/producers/?status=verified"' in html


def test_a_district_officer_sees_their_district_only(world: SimpleNamespace) -> None:
    html = _client(world.users["district_officer"]).get("/mis/").content.decode()
    assert "Patna, Bihar" in html
    coverage = _figures(html, "coverage")
    assert coverage["District products"] == str(
        DistrictProduct.objects.filter(district=world.patna).count()
    )
    assert 'href="/api/v1/products/?district=212"' in html


def test_the_national_dashboard_lists_every_state(world: SimpleNamespace) -> None:
    html = _client(world.users["national_admin"]).get("/mis/").content.decode()
    rows = dict(re.findall(r'<tr data-lgd="(\d+)">\s*<th scope="row"><a[^>]*>([^<]*)</a>', html))
    assert rows == {"10": "Bihar", "21": "Odisha"}
    assert _figures(html, "coverage")["District products"] == str(DistrictProduct.objects.count())


@pytest.mark.parametrize("path", ["/maps/districts/?state=10", "/maps/districts.svg"])
def test_anonymous_map_pages_come_from_the_page_cache(
    world: SimpleNamespace,
    path: str,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.ODOP_PAGE_CACHE = True  # off in the test settings
    page_cache.RECENT_PAGES.clear()
    client = _client()
    first = client.get(path)
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert not first.has_header("Set-Cookie")
    assert client.get(path)["X-Cache"] == "hit"
