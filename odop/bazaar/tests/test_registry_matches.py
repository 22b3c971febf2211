"""The storefront's product and district facets from the registry's ranked search (issue 13):
words a listing does not hold (an old district name, a misspelling) still find its product."""

from types import SimpleNamespace

import pytest
from django.test import Client

from odop.bazaar.matches import registry_matches
from odop.bazaar.selectors import ListingFilters, listings_find
from odop.bazaar.tests.factories import ListingFactory
from odop.geography.tests.factories import DistrictAliasFactory
from odop.registry.selectors import search_index_current


@pytest.fixture
def azimabad(world: SimpleNamespace) -> SimpleNamespace:
    """Patna's historic name as a reviewed spelling, and a second listing elsewhere."""
    DistrictAliasFactory.create(district=world.patna, name="Azimabad")
    silk = ListingFactory.create(
        title="Tussar silk stole", producer__district=world.bhagalpur, product__name="Tussar Silk"
    )
    search_index_current()  # built after the rows above (the fingerprint sees them anyway)
    return SimpleNamespace(sikki=world.listing, silk=silk)


def _storefront(query: str) -> str:
    response = Client().get("/bazaar/" + query)
    assert response.status_code == 200
    return response.content.decode()


def test_an_old_district_name_finds_its_listings_through_the_registry(world, azimabad) -> None:  # type: ignore[no-untyped-def]
    # given: no listing holds the word (the database's own full-text search finds nothing)
    assert not list(listings_find(user=world.buyer, filters=ListingFilters(text="Azimabad")))

    page = _storefront("?q=Azimabad")

    # then: the registry knows the district by that name; its listing is shown, and said why
    assert "Sikki grass basket" in page
    assert "Tussar silk stole" not in page
    assert "these are listings of the products they name" in page
    assert "Products that match your words" in page
    assert f"?product={world.listing.product_id}" in page
    assert f"state={world.bihar.lgd_code}&amp;district={world.patna.lgd_code}" in page


def test_a_misspelt_product_finds_its_listing(world, azimabad) -> None:  # type: ignore[no-untyped-def]
    page = _storefront("?q=tusar+silk")

    assert "Tussar silk stole" in page
    assert "Sikki grass basket" not in page


def test_when_listings_hold_the_words_the_results_are_theirs_and_the_facets_added(
    world, azimabad
) -> None:  # type: ignore[no-untyped-def]
    page = _storefront("?q=sikki")

    assert "Sikki grass basket" in page
    assert "these are listings of the products they name" not in page
    assert f"?product={world.listing.product_id}" in page


def test_matches_count_only_within_the_other_filters(world, azimabad) -> None:  # type: ignore[no-untyped-def]
    public = listings_find(user=world.buyer, filters=ListingFilters())
    in_odisha = listings_find(user=world.buyer, filters=ListingFilters(state=21))

    found = registry_matches(public, text="Azimabad")
    assert [m.product_id for m in found.products] == [world.listing.product_id]
    assert [(m.district_lgd, m.count) for m in found.districts] == [(world.patna.lgd_code, 1)]
    assert registry_matches(in_odisha, text="Azimabad").products == []
    assert registry_matches(public, text="   ").products == []


def test_a_product_link_shows_only_that_products_listings(world, azimabad) -> None:  # type: ignore[no-untyped-def]
    page = _storefront(f"?product={azimabad.silk.product_id}")

    assert "Tussar silk stole" in page
    assert "Sikki grass basket" not in page
    assert "Show every product" in page
    assert _storefront("?product=0").count("Sikki grass basket") == 0  # refused, finds nothing
