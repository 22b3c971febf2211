"""Storefront full-text search on the database's own index (PostgreSQL tsvector + GIN, SQLite
FTS5): the same answers on both, including Hindi words, prefixes and hostile input."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from odop.bazaar import selectors, services
from odop.bazaar.models import Listing, ListingStatus
from odop.bazaar.selectors import ListingFilters
from odop.bazaar.tests.factories import ListingFactory
from odop.registry.models import Sector


def _find(world: SimpleNamespace, **filters: object) -> list[Listing]:
    return list(
        selectors.listings_find(user=world.buyer, filters=ListingFilters(**filters))  # type: ignore[arg-type]
    )


@pytest.fixture
def shelf(world: SimpleNamespace) -> SimpleNamespace:
    brass = ListingFactory.create(
        title="पीतल का दीया",
        story="मुरादाबाद की कारीगरी, hand-engraved brass lamp",
        price=Decimal("900"),
        export_ready=True,
        producer__district=world.bhagalpur,
        product__sector=Sector.MANUFACTURING,
    )
    silk = ListingFactory.create(
        title="Tussar silk stole",
        price=Decimal("1800"),
        producer__district=world.bhagalpur,
        product__sector=Sector.HANDLOOM,
    )
    return SimpleNamespace(brass=brass, silk=silk, sikki=world.listing)


def test_words_match_anywhere_in_the_document(world: SimpleNamespace, shelf) -> None:  # type: ignore[no-untyped-def]
    assert _find(world, text="golden") == [shelf.sikki]  # from the story
    assert _find(world, text="Patna") == [shelf.sikki]  # the district, not typed by the seller
    assert _find(world, text="STOLE") == [shelf.silk]


def test_all_words_must_match_and_the_last_may_be_a_prefix(world: SimpleNamespace, shelf) -> None:  # type: ignore[no-untyped-def]
    assert _find(world, text="tussar sto") == [shelf.silk]
    assert _find(world, text="tussar basket") == []


def test_hindi_words_are_whole_words(world: SimpleNamespace, shelf) -> None:  # type: ignore[no-untyped-def]
    assert _find(world, text="पीतल") == [shelf.brass]
    assert _find(world, text="मुराद") == [shelf.brass]  # prefix of मुरादाबाद
    assert _find(world, text="दीया brass") == [shelf.brass]


@pytest.mark.parametrize("text", ['sikki" OR "silk', "(silk", "silk AND NOT", "*", "'; DROP"])
def test_operators_typed_by_users_are_only_words(world: SimpleNamespace, shelf, text: str) -> None:  # type: ignore[no-untyped-def]
    found = _find(world, text=text)  # no syntax error, whatever was typed
    assert shelf.brass not in found


def test_facets_combine_with_text(world: SimpleNamespace, shelf) -> None:  # type: ignore[no-untyped-def]
    assert _find(world, text="brass", district=192) == [shelf.brass]
    assert _find(world, text="brass", district=212) == []
    assert _find(world, export_ready=True) == [shelf.brass]
    assert _find(world, sector=Sector.HANDLOOM) == [shelf.silk]
    assert _find(world, price_min=Decimal("1000")) == [shelf.silk]
    assert set(_find(world, state=10)) == {shelf.brass, shelf.silk, shelf.sikki}
    assert _find(world, state=21) == []


def test_the_index_follows_edits_and_status(world: SimpleNamespace, shelf) -> None:  # type: ignore[no-untyped-def]
    services.listing_update(actor=world.seller, listing=shelf.sikki, title="Sikki grass tray")
    assert _find(world, text="tray") == [shelf.sikki]
    assert _find(world, text="basket") == []
    services.listing_transition(
        actor=world.seller, listing=shelf.sikki, to_status=ListingStatus.PAUSED
    )
    assert _find(world, text="tray") == []


def test_facet_counts(world: SimpleNamespace, shelf) -> None:  # type: ignore[no-untyped-def]
    facets = selectors.listing_facets(
        selectors.listings_find(user=world.buyer, filters=ListingFilters())
    )
    assert [(facet.label, facet.count) for facet in facets["state"]] == [("Bihar", 3)]
    assert {facet.value: facet.count for facet in facets["sector"]} == {
        "agriculture": 1,
        "handloom": 1,
        "manufacturing": 1,
    }


def test_ranked_pages_keep_the_rank_order(world: SimpleNamespace, shelf) -> None:  # type: ignore[no-untyped-def]
    """The storefront ranks ids on narrow rows, then loads the page: same order, same count."""
    for number in range(5):
        ListingFactory.create(title=f"Brass bell {number}", producer__district=world.bhagalpur)
    listings = selectors.listings_find(user=world.buyer, filters=ListingFilters(text="brass"))
    ranked = selectors.RankedListings(listings, load=selectors.gi_authorised_annotate)
    expected = list(listings)
    assert ranked.count() == len(ranked) == len(expected) == 6
    assert ranked[0:3] + ranked[3:10] == expected
    assert ranked[1] == expected[1]
    assert all(hasattr(listing, "gi_authorised") for listing in ranked[0:6])
    with pytest.raises(IndexError):
        ranked[6]
