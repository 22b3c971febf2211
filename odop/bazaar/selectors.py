"""Read-side of the bazaar: storefront search with facets, dashboards, the payment ageing list.

Full-text search runs on the database's own index (migration 0002): a generated `tsvector`
column with a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite. Both index
`Listing.search_document` with no language stemming ('simple' / unicode61), because listings
mix English, Hindi and transliterated craft names that an English stemmer would mangle.
"""

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import overload

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from odop.accounts.models import User
from odop.bazaar import permissions
from odop.bazaar.models import Inquiry, Listing, Order, OrderStatus, PaymentStatus
from odop.bazaar.workflow import AGEING_BUCKETS
from odop.producers.models import Certification, CertificationKind, Producer

# Producers' reads live in the producer registry; named here for the bazaar's views and API.
from odop.producers.selectors import certifications_valid as certifications_valid
from odop.producers.selectors import reveals_of as reveals_of
from odop.registry.models import DistrictProductGILink, Sector

# A word: letters and digits, with the Indic scripts' vowel signs and viramas (Python's \w
# alone splits "पीतल" at its matras) and Latin combining accents.
_WORD = re.compile(r"[\w\u0300-\u036f\u0900-\u0dff]+")


def _tsquery(text: str) -> str:
    """A safe `to_tsquery` text: the words ANDed, the last one a prefix (`:*`), so results
    come while the buyer is still typing, as with FTS5 below. Words hold no operators."""
    words = [word.lower() for word in _WORD.findall(text)]
    if not words:
        return ""
    return " & ".join([*words[:-1], words[-1] + ":*"])


def _fts5_query(text: str) -> str:
    """A safe FTS5 query: every word quoted (no operators from users), the last one a prefix
    so that results come while the buyer is still typing."""
    words = _WORD.findall(text)
    if not words:
        return ""
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def listings_text_filter(listings: QuerySet[Listing], text: str) -> QuerySet[Listing]:
    """Listings whose search document matches `text`, best match first.

    PostgreSQL: `to_tsquery` over the words (see `_tsquery`) against the GIN-indexed
    `search_vector` of the row itself, ranked by `ts_rank`. (Filtering with `pk IN (SELECT id
    ... @@ ...)` instead made the planner scan the table twice: 2.3 s against 1.5 s for a
    common word in 1M listings, `bench/bazaar_search.py`.)

    SQLite: the FTS5 table joined once, MATCH with quoted words, ranked by bm25 (FTS5's `rank`;
    lower is better, so it is negated to sort like ts_rank). A correlated subquery for the rank
    re-ran the MATCH for every hit, quadratic in the hits: 43 s against 93 ms at 100k. The join
    needs `QuerySet.extra` (FTS5 tables are not Django models); its SQL is fixed text with the
    user's words passed as a parameter.
    """
    text = text.strip()
    if not text:
        return listings
    if connection.vendor == "postgresql":
        tsquery = _tsquery(text)
        if not tsquery:
            return listings.none()
        query = "to_tsquery('simple', %s)"
        return (
            listings.filter(
                RawSQL(
                    f"bazaar_listing.search_vector @@ {query}",
                    [tsquery],
                    output_field=BooleanField(),
                )
            )
            .annotate(
                relevance=RawSQL(
                    f"ts_rank(bazaar_listing.search_vector, {query})",
                    [tsquery],
                    output_field=FloatField(),
                )
            )
            .order_by("-relevance", "-published_at", "-pk")
        )
    match = _fts5_query(text)
    if not match:
        return listings.none()
    return listings.extra(
        tables=["bazaar_listing_fts"],
        where=["bazaar_listing_fts.rowid = bazaar_listing.id", "bazaar_listing_fts MATCH %s"],
        params=[match],
        select={"relevance": "-bazaar_listing_fts.rank"},
    ).order_by("-relevance", "-published_at", "-pk")


@dataclass(frozen=True)
class ListingFilters:
    """What a buyer chose on the storefront. Empty values filter nothing."""

    text: str = ""
    state: int | None = None  # LGD code
    district: int | None = None  # LGD code
    sector: str = ""
    gi_only: bool = False
    export_ready: bool = False
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    producer: int | None = None
    product: int | None = None  # a district product (the registry's matches link to one)


def listings_find(
    *, user: User | AnonymousUser, filters: ListingFilters, mine: bool = False
) -> QuerySet[Listing]:
    """The storefront's query: listings the user may see, narrowed by the filters and the text.

    `mine` keeps only the signed-in producer's own listings (any status).
    """
    listings = permissions.listings_visible_to(user)
    if mine:
        producer = permissions.producer_of(user)
        listings = listings.filter(producer=producer) if producer else listings.none()
    if filters.state is not None:
        listings = listings.filter(state__lgd_code=filters.state)
    if filters.district is not None:
        listings = listings.filter(district__lgd_code=filters.district)
    if filters.sector:
        listings = listings.filter(sector=filters.sector)
    if filters.gi_only:
        listings = listings.filter(is_gi=True)
    if filters.export_ready:
        listings = listings.filter(export_ready=True)
    if filters.price_min is not None:
        listings = listings.filter(price__gte=filters.price_min)
    if filters.price_max is not None:
        listings = listings.filter(price__lte=filters.price_max)
    if filters.producer is not None:
        listings = listings.filter(producer_id=filters.producer)
    if filters.product is not None:
        listings = listings.filter(product_id=filters.product)
    return listings_text_filter(listings, filters.text)


class RankedListings:
    """A result set for `Paginator` that ranks narrow rows and loads wide ones only for the page.

    Slicing a queryset with `select_related` makes the database join every match to the
    producer, product, district and State, and sort those wide rows, before it keeps 20. Here
    the page's ids are ranked and cut on the listing table (joined only as far as the filters
    need), then `load` fetches those few rows with whatever the page shows, in rank order.
    `bench/bazaar_search.py` times it against the database's own full-text query.
    """

    def __init__(
        self,
        listings: QuerySet[Listing],
        *,
        load: Callable[[QuerySet[Listing]], QuerySet[Listing]] = lambda rows: rows,
    ) -> None:
        self.listings = listings
        self.load = load

    def count(self) -> int:
        return self.listings.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Listing]:
        return iter(self[0 : self.count()])  # all of it: for completeness, pages use slices

    @overload
    def __getitem__(self, window: int) -> Listing: ...

    @overload
    def __getitem__(self, window: slice) -> list[Listing]: ...

    def __getitem__(self, window: int | slice) -> Listing | list[Listing]:
        if isinstance(window, int):
            found = self[window : window + 1]
            if not found:
                raise IndexError(window)
            return found[0]
        ids = list(self.listings.values_list("pk", flat=True)[window])
        rows = {
            listing.pk: listing
            for listing in self.load(
                Listing.objects.filter(pk__in=ids).select_related(
                    "producer", "product", "district", "state"
                )
            )
        }
        return [rows[pk] for pk in ids if pk in rows]


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int


def listing_facets(
    listings: QuerySet[Listing], *, with_districts: bool = False
) -> dict[str, list[FacetCount]]:
    """Counts per State and per sector of a result set, for the storefront's filter links;
    per district too when asked (once a State is chosen: 780 links would not fit a phone)."""
    base = listings.order_by()
    states = (
        base.values("state__lgd_code", "state__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "state__name")[:40]
    )
    sectors = base.values("sector").annotate(count=Count("pk")).order_by("-count")
    labels = dict(Sector.choices)
    facets = {
        "state": [
            FacetCount(str(row["state__lgd_code"]), row["state__name"], row["count"])
            for row in states
        ],
        "sector": [
            FacetCount(row["sector"], str(labels.get(row["sector"], row["sector"])), row["count"])
            for row in sectors
            if row["sector"]
        ],
        "district": [],
    }
    if with_districts:
        districts = (
            base.values("district__lgd_code", "district__name")
            .annotate(count=Count("pk"))
            .order_by("district__name")
        )
        facets["district"] = [
            FacetCount(str(row["district__lgd_code"]), row["district__name"], row["count"])
            for row in districts
        ]
    return facets


def gi_authorised_annotate(
    listings: QuerySet[Listing], *, on: dt.date | None = None
) -> QuerySet[Listing]:
    """Mark each listing `gi_authorised`: the GI badge shows only for a GI product whose
    seller is an authorised user of that GI with a certificate in force (a GI's name belongs
    to its registered authorised users). When the registry could not link the product to a
    GI entry, any GI authorised-user certificate of the seller counts."""
    day = on or timezone.localdate()
    certificates = Certification.objects.filter(
        producer=OuterRef("producer"),
        kind=CertificationKind.GI_AUTHORISED_USER,
        valid_until__gte=day,
    )
    further_gis = DistrictProductGILink.objects.filter(
        district_product=OuterRef(OuterRef("product"))
    ).values("gi_entry")
    # The product's GI, or one of its further GIs when its name lists several (issue 13).
    of_this_gi = Exists(
        certificates.filter(Q(gi_entry=OuterRef("product__gi_entry")) | Q(gi_entry__in=further_gis))
    )
    of_any_gi = Exists(certificates)
    badge = Q(is_gi=True) & (of_this_gi | (Q(product__gi_entry__isnull=True) & of_any_gi))
    return listings.annotate(gi_authorised=ExpressionWrapper(badge, output_field=BooleanField()))


def listing_gi_authorised(listing: Listing, *, on: dt.date | None = None) -> bool:
    """`gi_authorised_annotate` for one listing."""
    annotated = gi_authorised_annotate(Listing.objects.filter(pk=listing.pk), on=on).get()
    return bool(getattr(annotated, "gi_authorised", False))


# Dashboards show the latest this many; the API pages through all of them.
DASHBOARD_ROWS = 100


def seller_inquiries(*, user: User, producer: Producer) -> QuerySet[Inquiry]:
    """Inquiries on a producer's listings, newest first (the producer's own trade, not what
    an officer role might add)."""
    return (
        permissions.inquiries_visible_to(user)
        .filter(listing__producer=producer)
        .select_related("listing")
        .prefetch_related("quotes__events")[:DASHBOARD_ROWS]
    )


def seller_orders(*, user: User, producer: Producer) -> QuerySet[Order]:
    """Orders of a producer's listings, newest first, with their events."""
    return (
        permissions.orders_visible_to(user)
        .filter(listing__producer=producer)
        .prefetch_related("events__actor")[:DASHBOARD_ROWS]
    )


def buyer_inquiries(*, user: User) -> QuerySet[Inquiry]:
    """A buyer's own inquiries with their quotes (and each quote's moves, so a lapsed quote
    shows why), newest first."""
    return (
        permissions.inquiries_visible_to(user)
        .filter(buyer=user)
        .select_related("listing")
        .prefetch_related("quotes__events")[:DASHBOARD_ROWS]
    )


def buyer_orders(*, user: User) -> QuerySet[Order]:
    """A buyer's own orders with their events, newest first."""
    return (
        permissions.orders_visible_to(user)
        .filter(buyer=user)
        .prefetch_related("events__actor")[:DASHBOARD_ROWS]
    )


@dataclass(frozen=True)
class AgeingBucket:
    days_from: int
    days_to: int | None
    orders: Sequence[Order]
    total: Decimal


def orders_unpaid_ageing(
    *, user: User | AnonymousUser, today: dt.date | None = None
) -> list[AgeingBucket]:
    """Orders received but not paid, by days since receipt (0-14, 15-29, 30-59, 60-89, 90+):
    the list that shows where payments are stuck."""
    now = today or timezone.localdate()
    unpaid = (
        permissions.orders_visible_to(user)
        .filter(status=OrderStatus.RECEIVED, payment_status=PaymentStatus.UNPAID)
        .order_by("received_at", "pk")
    )
    buckets: list[AgeingBucket] = []
    bounds: list[int | None] = [*AGEING_BUCKETS, None]
    rows = [
        (order, (now - timezone.localtime(order.received_at).date()).days)
        for order in unpaid
        if order.received_at
    ]
    for lower, upper in itertools.pairwise(bounds):
        assert lower is not None
        members = [order for order, age in rows if age >= lower and (upper is None or age < upper)]
        buckets.append(
            AgeingBucket(
                days_from=lower,
                days_to=None if upper is None else upper - 1,
                orders=members,
                total=sum((order.total for order in members), Decimal(0)),
            )
        )
    return buckets
