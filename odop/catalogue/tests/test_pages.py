"""The public catalogue pages: figures shown, 404s, query counts, page size, search."""

import re
from pathlib import Path
from types import SimpleNamespace

import factory
import pytest
from bharat_choropleth import DEFAULT_COLORS
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from odop.accounts.models import Role, User
from odop.catalogue.tests.conftest import BOUNDARIES_NAME
from odop.catalogue.tests.factories import (
    DistrictAliasFactory,
    DistrictFactory,
    DistrictProductFactory,
    ProductTypeFactory,
    StateFactory,
)
from odop.registry.selectors import Coverage

pytestmark = pytest.mark.django_db

PAGE_SIZE_LIMIT = 150 * 1024


def _text(response) -> str:
    """The page as text with tags removed and white space collapsed, for reading figures."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# --- Home ---------------------------------------------------------------------------------


def test_home_shows_the_national_figures(client: Client, world, boundaries_dir):
    response = client.get(reverse("catalogue:home"))

    assert response.status_code == 200
    assert response.context["national"] == Coverage(
        districts=8, districts_covered=6, products=7, gi_products=2
    )
    text = _text(response)
    assert "District products 7" in text
    assert "Districts covered 6 of 8" in text
    assert "States/UTs with products 3 of 4" in text
    assert "GI-tagged products 2" in text


def test_home_shows_products_by_sector_largest_first(client: Client, world, boundaries_dir):
    response = client.get(reverse("catalogue:home"))

    bars = [(bar.label, bar.total, bar.width) for bar in response.context["sectors"]]
    assert bars == [
        ("Agriculture", 4, "100.0"),
        ("Food processing", 1, "25.0"),
        ("Handicraft", 1, "25.0"),
        ("Handloom", 1, "25.0"),
    ]
    assert '<rect width="25.0" height="10"/>' in response.content.decode()


def test_home_table_lists_every_state_with_its_figures(client: Client, world, boundaries_dir):
    text = _text(client.get(reverse("catalogue:home")))

    assert "Bihar 3 / 4 4 1" in text
    assert "Goa 0 / 1 0 0" in text
    assert "Odisha 2 / 2 2 1" in text
    assert "The Dadra and Nagar Haveli and Daman and Diu 1 / 1 1 0" in text


def test_home_map_colours_and_links_states(client: Client, world, boundaries_dir):
    response = client.get(reverse("catalogue:home"))

    html = response.content.decode()
    fills = re.findall(r'<a href="([^"]*)"[^>]*><path d="[^"]*" fill="([^"]*)"', html)
    assert fills == [
        ("/states/10/", DEFAULT_COLORS[4]),  # 75 %
        ("/states/21/", DEFAULT_COLORS[-1]),
        ("/states/38/", DEFAULT_COLORS[-1]),  # Daman & Diu
        ("/states/38/", DEFAULT_COLORS[-1]),
    ]  # Dadra & Nagar Haveli
    # Goa has no shape: it is named under the map and stays in the table.
    assert "Not on the map (no boundary shape): Goa" in _text(response)
    assert f'href="{reverse("catalogue:state", args=[30])}"' in html


def test_home_renders_without_the_boundaries(client: Client, world, settings, tmp_path: Path):
    settings.ODOP_DATA_DIR = tmp_path / "nowhere"

    response = client.get(reverse("catalogue:home"))

    assert response.status_code == 200
    assert "The map is unavailable" in _text(response)
    assert "<svg xmlns" not in response.content.decode()
    assert "Bihar 3 / 4 4 1" in _text(response)


def test_home_page_with_the_real_boundaries_is_small(client: Client, world):
    path = Path(settings.ODOP_DATA_DIR) / "boundaries" / BOUNDARIES_NAME
    assert path.exists(), f"The real boundaries are expected at {path} (set ODOP_DATA_DIR)"

    response = client.get(reverse("catalogue:home"))

    assert response.context["state_map"] is not None
    assert len(response.content) <= PAGE_SIZE_LIMIT


def test_numbers_use_indian_digit_grouping():
    # A page with 1,23,456 products would need a big world: check the filter the pages use.
    assert intcomma(1241) == "1,241"
    assert intcomma(123456) == "1,23,456"


# --- State --------------------------------------------------------------------------------


def test_state_page_shows_coverage_sectors_and_districts(client: Client, world):
    response = client.get(reverse("catalogue:state", args=[10]))

    assert response.status_code == 200
    text = _text(response)
    assert "3 of 4 districts have at least one product" in text
    assert "District products 4" in text
    assert "GI-tagged products 1" in text
    assert [(bar.label, bar.total) for bar in response.context["sectors"]] == [
        ("Agriculture", 2),
        ("Food processing", 1),
        ("Handloom", 1),
    ]
    assert [
        (district.name, district.product_count) for district in response.context["districts"]
    ] == [("Bhagalpur", 1), ("Gaya", 0), ("Newdistrict", 1), ("Patna", 2)]
    assert "Newdistrict provisional — not in the LGD snapshot 1" in text
    assert f'href="{reverse("catalogue:district", args=[212])}"' in response.content.decode()


def test_state_page_of_a_single_district_state_uses_the_singular(client: Client, world):
    text = _text(client.get(reverse("catalogue:state", args=[38])))

    assert "1 of 1 district has at least one product" in text


def test_state_page_of_a_large_state_is_small(client: Client, world):
    # given a State the size of Uttar Pradesh: 75 districts with three products each
    state = StateFactory.create(lgd_code=9, name="Uttar Pradesh")
    for district in DistrictFactory.create_batch(75, state=state):
        DistrictProductFactory.create_batch(3, district=district)

    # when
    response = client.get(reverse("catalogue:state", args=[9]))

    # then
    assert "75 of 75 districts have at least one product" in _text(response)
    assert "District products 225" in _text(response)
    assert len(response.content) <= PAGE_SIZE_LIMIT


# --- District, product, product type -------------------------------------------------------


def test_district_page_shows_state_hq_spellings_and_products(client: Client, world):
    response = client.get(reverse("catalogue:district", args=[346]))

    assert response.status_code == 200
    text = _text(response)
    assert "State/UT Odisha" in text
    assert "Headquarters Balasore" in text
    # The upper-case LGD spelling is the district's own name: not another spelling.
    assert response.context["spellings"] == ["Balasore"]
    assert "Also spelled Balasore" in text
    assert "Pattachitra Handicraft Secondary" in text
    assert f'href="{reverse("catalogue:product", args=[world.pattachitra.pk])}"' in (
        response.content.decode()
    )


def test_district_page_marks_gi_products_and_provisional_districts(client: Client, world):
    gi_text = _text(client.get(reverse("catalogue:district", args=[192])))
    provisional_text = _text(client.get(reverse("catalogue:district", args=[799])))

    assert "Bhagalpur Silk GI Handloom Secondary Ministry of Textiles" in gi_text
    assert "provisional — not in the LGD snapshot" in provisional_text
    assert "provisional" not in gi_text


def test_product_page_shows_normalised_and_as_listed_values(client: Client, world):
    response = client.get(reverse("catalogue:product", args=[world.silk.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    text = _text(response)
    assert "The product of Bhagalpur district, Bihar." in text
    assert "Tussar silk woven in Bhagalpur." in text
    assert "Category Secondary Sector Handloom" in text
    assert "GI-tagged: registered as “Bhagalpur Silk” (GI registry no. 180)" in text
    assert "Ministry Ministry of Textiles" in text
    assert "Category Secondary Sector handlooms GI status yes" in text  # as listed
    assert "Ministry/Department Minsitry of Textile Row 17" in text
    assert f'href="{reverse("catalogue:product-type", args=["bhagalpur-silk"])}"' in html
    assert '<a href="https://example.org/silk.jpg" rel="external' in html
    assert "<img" not in html


def test_product_page_never_links_a_non_web_photo(client: Client, world):
    world.makhana.photo_url = "javascript:alert(1)"
    world.makhana.save()

    html = client.get(reverse("catalogue:product", args=[world.makhana.pk])).content.decode()

    assert "javascript:" not in html
    assert "Not GI-tagged" in html


def test_product_type_page_groups_districts_by_state(client: Client, world):
    response = client.get(reverse("catalogue:product-type", args=["turmeric"]))

    assert response.status_code == 200
    text = _text(response)
    assert "Chosen by 2 districts in 2 States/UTs." in text
    assert re.search(
        r"<h2><a href=\"/states/10/\">Bihar</a></h2>\s*<ul", (response.content.decode())
    )
    assert text.index("Bihar Patna : Turmeric") < text.index("Odisha Kandhamal : Kandhamal Haladi")


@pytest.mark.parametrize(
    ("name", "argument"),
    [
        ("catalogue:state", 999),
        ("catalogue:district", 999999),
        ("catalogue:product", 999999),
        ("catalogue:product-type", "no-such-type"),
    ],
)
def test_unknown_codes_give_404(client: Client, world, name, argument):
    assert client.get(reverse(name, args=[argument])).status_code == 404


# --- Search -------------------------------------------------------------------------------


def test_search_finds_a_product_by_part_of_its_name(client: Client, world):
    response = client.get(reverse("catalogue:search"), {"q": "haLAD"})

    assert response.status_code == 200
    assert [product.name for product in response.context["products"]] == ["Kandhamal Haladi"]
    assert "Products (1)" in _text(response)


def test_search_finds_products_by_their_type_name(client: Client, world):
    response = client.get(reverse("catalogue:search"), {"q": "turmeric"})

    # Ranked (issue 13): the product named "Turmeric" first, then the one of that type.
    assert [product.name for product in response.context["products"]] == [
        "Turmeric",
        "Kandhamal Haladi",
    ]


def test_search_finds_a_district_by_an_alias(client: Client, world):
    response = client.get(reverse("catalogue:search"), {"q": "balaso"})

    districts = list(response.context["districts"])
    assert [(district.name, district.matched_alias) for district in districts] == [
        ("Baleshwar", "Balasore")
    ]
    assert "Baleshwar Odisha · also spelled “Balasore”" in _text(response)


def test_search_ranks_exact_then_prefix_matches_first(client: Client, world):
    # given three more districts that contain "pur" (besides Bhagalpur)
    DistrictFactory.create(state=world.bihar, name="Nagpur")
    DistrictFactory.create(state=world.bihar, name="Purnia")
    DistrictFactory.create(state=world.bihar, name="Pur")

    # when
    response = client.get(reverse("catalogue:search"), {"q": "pur"})

    # then
    assert [district.name for district in response.context["districts"]] == [
        "Pur",
        "Purnia",
        "Bhagalpur",
        "Nagpur",
    ]


def test_search_pages_results_fifty_at_a_time(client: Client, world):
    DistrictProductFactory.create_batch(
        51, district=world.gaya, product_type=factory_sequence_of_types(51, "Khadi")
    )

    first = client.get(reverse("catalogue:search"), {"q": "khadi"})
    second = client.get(reverse("catalogue:search"), {"q": "khadi", "products_page": 2})

    assert len(first.context["products"]) == 50
    assert len(second.context["products"]) == 1
    assert "Products (51)" in _text(first)
    assert "Page 2 of 2" in _text(second)


def factory_sequence_of_types(count: int, prefix: str) -> factory.Iterator:
    """A factory_boy iterator over `count` new product types named "<prefix> 1", ..."""
    return factory.Iterator(
        [ProductTypeFactory.create(name=f"{prefix} {number}") for number in range(1, count + 1)]
    )


def test_search_with_a_too_short_query_runs_no_query(
    client: Client, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(0):
        response = client.get(reverse("catalogue:search"), {"q": "a"})

    assert "Type at least 2 characters." in _text(response)


# --- Query counts -------------------------------------------------------------------------

PAGES = [
    ("home", lambda world: reverse("catalogue:home"), 5),
    # +1: the policies in force and their coverage (outcomes.selectors.policy_coverage).
    ("state", lambda world: reverse("catalogue:state", args=[10]), 6),
    ("district", lambda world: reverse("catalogue:district", args=[212]), 4),  # + event totals
    # product: + 1 for the further GI links of a GI-linked product (issue 13)
    ("product", lambda world: reverse("catalogue:product", args=[world.silk.pk]), 3),
    ("product type", lambda world: reverse("catalogue:product-type", args=["turmeric"]), 2),
    # search: 4, plus 1 for the search index's fingerprint and 4 to rebuild the index, which
    # happens here because the data changed (issue 13)
    ("search", lambda world: reverse("catalogue:search") + "?q=ma", 9),
]


def _grow(world: SimpleNamespace) -> None:
    """Many more rows of every kind each page lists: States, districts, aliases, products."""
    for state in StateFactory.create_batch(3):
        for district in DistrictFactory.create_batch(4, state=state):
            DistrictProductFactory.create_batch(2, district=district)
    for district in DistrictFactory.create_batch(6, state=world.bihar, name="Araria"):
        DistrictAliasFactory.create_batch(2, district=district)
        DistrictProductFactory.create(
            district=district, product_type=world.turmeric, name="Turmeric of Araria", is_gi=True
        )
    for product_type in ProductTypeFactory.create_batch(4):
        DistrictProductFactory.create(district=world.patna, product_type=product_type)


def _query_count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("_case", "url_of", "bound"), PAGES)
def test_page_runs_a_fixed_number_of_queries(
    client: Client, world, boundaries_dir, django_assert_max_num_queries, _case, url_of, bound
):
    # given the small world
    url = url_of(world)
    with django_assert_max_num_queries(bound):
        client.get(url)
    before = _query_count(client, url)

    # when it grows
    _grow(world)

    # then the page runs exactly as many queries as before
    with django_assert_max_num_queries(bound):
        client.get(url)
    assert _query_count(client, url) == before


# --- The site-wide base template ----------------------------------------------------------


def test_anonymous_visitors_see_sign_in_and_no_officer_tools(client: Client, world):
    html = client.get(reverse("catalogue:district", args=[212])).content.decode()

    assert f'href="{reverse("accounts:login")}"' in html
    assert reverse("registry:data-quality") not in html
    assert reverse("geography:resolver") not in html
    assert 'href="/api/docs/"' in html
    assert 'href="/api/v1/"' in html


@pytest.mark.parametrize(
    ("_case", "role", "sees_officer_tools"),
    [
        ("a national admin sees the officer tools", Role.NATIONAL_ADMIN, True),
        ("a buyer does not", Role.BUYER, False),
    ],
)
def test_signed_in_users_see_their_name_and_sign_out(
    client: Client, world, _case, role, sees_officer_tools
):
    user = User.objects.create_user(username="asha", password="not-used", role=role)
    client.force_login(user)

    html = client.get(reverse("catalogue:district", args=[212])).content.decode()

    assert '<span class="username">asha</span>' in html
    assert f'<form method="post" action="{reverse("accounts:logout")}"' in html
    assert (reverse("registry:data-quality") in html) is sees_officer_tools
    assert (reverse("geography:resolver") in html) is sees_officer_tools


def test_pages_follow_the_language_of_their_url(client: Client, world):
    # Ref: #10 (the URL says the language, so a cached anonymous page is right for everyone)
    html = client.get("/hi/states/10/").content.decode()

    assert '<html lang="hi">' in html
    assert '<span lang="hi" aria-current="true">हिन्दी</span>' in html
    assert '<a href="/states/10/" hreflang="en" lang="en">English</a>' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_language_switch_links_to_the_same_page_in_hindi(client: Client, world):
    # Ref: #10 (a link, not a form posting a CSRF token)
    response = client.get(reverse("catalogue:search"), {"q": "turmeric"})
    html = response.content.decode()

    assert '<html lang="en">' in html
    assert '<a href="/hi/search/?q=turmeric" hreflang="hi" lang="hi">हिन्दी</a>' in html
    assert "csrfmiddlewaretoken" not in html
    assert settings.CSRF_COOKIE_NAME not in response.cookies


def test_pages_load_no_external_assets(client: Client, world, boundaries_dir):
    html = client.get(reverse("catalogue:home")).content.decode()

    assert re.findall(r'(?:src|href)="(?:https?:)?//[^"]*"', html) == []
    assert "<script" not in html


def test_home_map_can_colour_by_products_per_district(client: Client, world, boundaries_dir):
    response = client.get(reverse("catalogue:home"), {"map": "products"})
    html = response.content.decode()
    assert response.context["map_metric"] == "products"
    assert "District products per district, by State/UT" in html
    labels = re.findall(r'aria-label="([^"]*per district)"', html)
    assert labels and all(label.endswith(" per district") for label in labels)
    # An unknown choice falls back to coverage.
    assert client.get(reverse("catalogue:home"), {"map": "x"}).context["map_metric"] == "coverage"
