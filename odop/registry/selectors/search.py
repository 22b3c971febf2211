"""Read side of the registry: the ranked search over every district product (issue 13)."""

import threading
from collections.abc import Iterator
from typing import Final

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import (
    Case,
    IntegerField,
    QuerySet,
    Value,
    When,
)

from odop.accounts.models import User
from odop.geography.models import District, DistrictAlias
from odop.geography.services import state_aliases
from odop.registry.models import (
    DistrictProduct,
    DistrictProductGILink,
    GIEntry,
    ProductTypeName,
)
from odop.registry.permissions import district_products_visible_to
from odop.registry.search import SearchDocument, SearchIndex, glossary_load
from odop.registry.vocabularies import gi_places

SEARCH_QUERY_MAX_LENGTH: Final = 100  # characters of a query read (page and API)

_SEARCH_SOURCES: Final = (
    DistrictProduct,
    ProductTypeName,
    DistrictAlias,
    District,
    GIEntry,
    DistrictProductGILink,
)


def _search_fingerprint() -> tuple[object, ...]:
    """What the search index was built from, in one query: the row count and latest change of
    every table it reads, so a product, type name, district spelling or GI added, removed or
    changed gives a different value. (The page cache's data versions are bumped only on
    commit, so they cannot serve inside a test's transaction or a long import.)"""
    quote = connection.ops.quote_name
    parts = []
    for model in _SEARCH_SOURCES:
        table = quote(model._meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        parts.append(f"(SELECT MAX({quote('updated_at')}) FROM {table})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return (connection.alias, *row)


def _search_documents() -> Iterator[SearchDocument]:
    type_names: dict[int, list[str]] = {}
    for type_id, name in ProductTypeName.objects.values_list("product_type_id", "name"):
        type_names.setdefault(type_id, []).append(name)
    aliases: dict[int, list[str]] = {}
    for district_id, name in DistrictAlias.objects.values_list("district_id", "name"):
        aliases.setdefault(district_id, []).append(name)
    # The further GIs of a product whose name lists several (Lucknow: Chikan Craft, Zardozi).
    more_gis: dict[int, list[str]] = {}
    for product_id, gi_name in DistrictProductGILink.objects.order_by(
        "district_product_id", "position"
    ).values_list("district_product_id", "gi_entry__name"):
        more_gis.setdefault(product_id, []).append(gi_name)
    products = DistrictProduct.objects.values_list(
        "pk",
        "name",
        "description",
        "product_type_id",
        "product_type__name",
        "gi_entry__name",
        "district_id",
        "district__name",
        "district__name_lgd",
        "district__hq_name",
        "district__state__name",
        "district__state__name_lgd",
        "district__lgd_code",
        "district__state__lgd_code",
    )
    places = gi_places()
    state_names = state_aliases()
    for (
        key,
        name,
        description,
        type_id,
        type_name,
        gi_name,
        district_id,
        district_name,
        district_lgd,
        hq_name,
        state_name,
        state_lgd,
        district_code,
        state_code,
    ) in products.iterator(chunk_size=2000):
        yield SearchDocument(
            key=key,
            label=f"{name} {district_name}".lower(),
            texts={
                "name": (name,),
                "type": (type_name, *type_names.get(type_id, ())),
                "gi": ((gi_name,) if gi_name else ()) + tuple(more_gis.get(key, ())),
                "district": (
                    district_name,
                    district_lgd,
                    hq_name,
                    *aliases.get(district_id, ()),
                    *places.get(("district", district_code), ()),
                ),
                "state": (
                    state_name,
                    state_lgd,
                    *state_names.get(state_code, ()),
                    *places.get(("state", state_code), ()),
                ),
                "description": (description,),
            },
        )


_SEARCH_INDEX_LOCK = threading.Lock()
_search_index: tuple[tuple[object, ...], SearchIndex] | None = None


def search_index_current() -> SearchIndex:
    """The ranked-search index of every district product, rebuilt when the data changes.

    One index per process, kept while `_search_fingerprint` is unchanged (about 1,250
    products: built in well under a second, see docs/benchmarks.md "Catalogue search").
    The index holds every product: callers restrict the hits to what a user may see.
    """
    global _search_index
    fingerprint = _search_fingerprint()
    current = _search_index
    if current is not None and current[0] == fingerprint:
        return current[1]
    with _SEARCH_INDEX_LOCK:
        current = _search_index
        if current is None or current[0] != fingerprint:
            index = SearchIndex(_search_documents(), glossary=glossary_load())
            current = (fingerprint, index)
            _search_index = current
    return current[1]


def district_product_ids_ranked(*, query: str) -> list[int]:
    """Ids of the district products that match `query`, most relevant first (none if empty)."""
    return [hit.key for hit in search_index_current().rank(query)]


def district_products_ranked(
    products: QuerySet[DistrictProduct], *, query: str
) -> QuerySet[DistrictProduct]:
    """`products` narrowed to those that match `query`, ordered by relevance.

    The ranking is the pure `registry.search` over the cached index; the queryset keeps any
    earlier filter (visibility, the API's filters) and gets the order as a CASE expression.
    """
    ids = district_product_ids_ranked(query=query)
    if not ids:
        return products.none()
    order = Case(
        *(When(pk=key, then=Value(position)) for position, key in enumerate(ids)),
        output_field=IntegerField(),
    )
    return products.filter(pk__in=ids).annotate(rank=order).order_by("rank", "pk")


def district_product_search(*, user: User | AnonymousUser, query: str) -> QuerySet[DistrictProduct]:
    """District products `user` may see that match `query`, most relevant first.

    Matches product names, product types and every name of a type, descriptions, the district
    (any spelling, HQ town) and State, and the linked GI; typos, Devanagari, romanised Hindi
    and the glossary's other words are understood (`registry.search`). An empty query matches
    nothing.
    """
    if not query:
        return DistrictProduct.objects.none()
    return district_products_ranked(district_products_visible_to(user), query=query)
