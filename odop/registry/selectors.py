"""Read-side queries of the registry: figures for the catalogue, lists for officers."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import translation
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.geography.models import District, DistrictAlias, State
from odop.geography.services import state_aliases
from odop.registry.models import (
    Category,
    DataQualityFinding,
    DistrictProduct,
    GIEntry,
    Problem,
    ProductType,
    ProductTypeName,
    Sector,
)
from odop.registry.permissions import district_products_visible_to, findings_visible_to
from odop.registry.search import SearchDocument, SearchIndex, glossary_load
from odop.registry.vocabularies import gi_places


@dataclass(frozen=True)
class Coverage:
    """How much of a place the national list covers."""

    districts: int
    districts_covered: int
    products: int
    gi_products: int

    @property
    def percent(self) -> float:
        return 100.0 * self.districts_covered / self.districts if self.districts else 0.0


def _covered_districts(districts: QuerySet[District]) -> QuerySet[District]:
    return districts.annotate(
        has_product=Exists(DistrictProduct.objects.filter(district=OuterRef("pk")))
    )


def coverage_national() -> Coverage:
    """National figures: districts (LGD and provisional), those with a product, products, GI."""
    districts = District.objects.aggregate(
        total=Count("pk"),
        covered=Count("pk", filter=Q(pk__in=DistrictProduct.objects.values("district_id"))),
    )
    products = DistrictProduct.objects.aggregate(
        total=Count("pk"), gi=Count("pk", filter=Q(is_gi=True))
    )
    return Coverage(
        districts=districts["total"],
        districts_covered=districts["covered"],
        products=products["total"],
        gi_products=products["gi"],
    )


def coverage_by_state() -> list[tuple[State, Coverage]]:
    """Every State with its coverage, in two queries."""
    covered_ids = DistrictProduct.objects.values("district_id")
    states = State.objects.annotate(
        district_total=Count("districts", distinct=True),
        district_covered=Count("districts", filter=Q(districts__pk__in=covered_ids), distinct=True),
    ).order_by("name")
    products: dict[int, dict[str, int]] = {
        row["district__state_id"]: {"total": row["total"], "gi": row["gi"]}
        for row in DistrictProduct.objects.values("district__state_id").annotate(
            total=Count("pk"), gi=Count("pk", filter=Q(is_gi=True))
        )
    }
    return [
        (
            state,
            Coverage(
                districts=state.district_total,
                districts_covered=state.district_covered,
                products=products.get(state.pk, {}).get("total", 0),
                gi_products=products.get(state.pk, {}).get("gi", 0),
            ),
        )
        for state in states
    ]


def coverage_state(*, state: State) -> Coverage:
    """One State's coverage: districts with at least one product out of all its districts."""
    districts = _covered_districts(state.districts.all())
    counts = districts.aggregate(total=Count("pk"), covered=Count("pk", filter=Q(has_product=True)))
    products = DistrictProduct.objects.filter(district__state=state).aggregate(
        total=Count("pk"), gi=Count("pk", filter=Q(is_gi=True))
    )
    return Coverage(
        districts=counts["total"],
        districts_covered=counts["covered"],
        products=products["total"],
        gi_products=products["gi"],
    )


def products_by_sector(
    *, state: State | None = None, district: District | None = None
) -> list[tuple[str, str, int]]:
    """(sector value, label, count) for every sector with products, largest first."""
    products = DistrictProduct.objects.all()
    if state is not None:
        products = products.filter(district__state=state)
    if district is not None:
        products = products.filter(district=district)
    labels = dict(Sector.choices)
    rows = products.values("sector").annotate(total=Count("pk")).order_by("-total", "sector")
    return [(row["sector"], str(labels.get(row["sector"], "—")), row["total"]) for row in rows]


def districts_of_state(*, state: State) -> QuerySet[District]:
    """A State's districts with their product counts, provisional ones included."""
    return state.districts.annotate(product_count=Count("products")).order_by("name")


def products_of_district(*, district: District) -> QuerySet[DistrictProduct]:
    return district.products.select_related("product_type", "ministry", "gi_entry").order_by("name")


def findings_list(
    *, user: User, source: str | None = None, problem: str | None = None
) -> QuerySet[DataQualityFinding]:
    """The data-quality findings `user` may see, optionally of one source or problem."""
    findings = findings_visible_to(user)
    if source:
        findings = findings.filter(source=source)
    if problem:
        findings = findings.filter(problem=problem)
    return findings.order_by("source", "row", "problem")


def findings_all() -> QuerySet[DataQualityFinding]:
    """Every finding, for the operator's command line (no user scope: shell access is admin)."""
    return DataQualityFinding.objects.order_by("source", "row", "problem")


FINDING_FIELDS = (
    "source",
    "row",
    "state",
    "district",
    "code",
    "value",
    "problem",
    "resolution",
    "detail",
)


def finding_as_dict(finding: DataQualityFinding) -> dict[str, object]:
    return {name: getattr(finding, name) for name in FINDING_FIELDS}


def findings_summary(*, user: User) -> list[tuple[str, str, int]]:
    """(problem, label, count) of the findings `user` may see, most frequent first."""
    labels = dict(Problem.choices)
    rows = (
        findings_visible_to(user)
        .values("problem")
        .annotate(total=Count("pk"))
        .order_by("-total", "problem")
    )
    return [
        (row["problem"], str(labels.get(row["problem"], row["problem"])), row["total"])
        for row in rows
    ]


def vocabulary_normalisations() -> list[tuple[str, str, str, int]]:
    """How the national list's free-text spellings were normalised: (column, as written,
    value, rows), for the spellings that differ from the value's English label.

    The comparison is with the English label (the language of the source file), whatever the
    reader's language; the label shown is translated.
    """
    result: list[tuple[str, str, str, int]] = []
    for column, source_field, value_field, choices in (
        (_("Category"), "category_source", "category", Category),
        (_("Sector"), "sector_source", "sector", Sector),
    ):
        with translation.override("en"):
            english = {value: str(label) for value, label in choices.choices}
        labels = dict(choices.choices)
        rows = (
            DistrictProduct.objects.values(source_field, value_field)
            .annotate(total=Count("pk"))
            .order_by(value_field, source_field)
        )
        for row in rows:
            if row[source_field] != english.get(row[value_field], "—"):
                label = str(labels.get(row[value_field], "—"))
                result.append((str(column), row[source_field], label, row["total"]))
    rows = (
        DistrictProduct.objects.values("gi_status_source", "is_gi")
        .annotate(total=Count("pk"))
        .order_by("is_gi", "gi_status_source")
    )
    for row in rows:
        if row["gi_status_source"] != ("Yes" if row["is_gi"] else "No"):
            label = _("Yes") if row["is_gi"] else _("No")
            result.append((_("GI Status"), row["gi_status_source"], str(label), row["total"]))
    rows = (
        DistrictProduct.objects.values("ministry_source", "ministry__name")
        .annotate(total=Count("pk"))
        .order_by("ministry__name", "ministry_source")
    )
    for row in rows:
        if row["ministry_source"] != row["ministry__name"]:
            result.append(
                (
                    _("Ministry/ Department"),
                    row["ministry_source"],
                    row["ministry__name"] or "—",
                    row["total"],
                )
            )
    return result


def district_products_of_product_type(
    *, user: User | AnonymousUser, product_type: ProductType
) -> QuerySet[DistrictProduct]:
    """Every district's entry for one product type that `user` may see, with district and
    State loaded, ordered by State then district (ready for grouping by State)."""
    return (
        district_products_visible_to(user)
        .filter(product_type=product_type)
        .order_by("district__state__name", "district__name", "pk")
    )


SEARCH_QUERY_MAX_LENGTH: Final = 100  # characters of a query read (page and API)
_SEARCH_SOURCES: Final = (DistrictProduct, ProductTypeName, DistrictAlias, District, GIEntry)


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
                "gi": (gi_name,) if gi_name else (),
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
