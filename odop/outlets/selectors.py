"""Read-side of outlets and gifting: stock pages, sales per outlet, a seller's consignments."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet, Sum

from odop.accounts.models import User
from odop.outlets import permissions
from odop.outlets.models import (
    GiftCollection,
    GiftItem,
    MoveKind,
    Outlet,
    OutletKind,
    OutletStock,
    Stall,
    StockMove,
)
from odop.producers.models import Producer


def outlets_list(
    *, user: User | AnonymousUser, kind: OutletKind | str | None = None
) -> QuerySet[Outlet]:
    """Outlets the user may see, with how many listings and units each holds."""
    outlets = permissions.outlets_visible_to(user)
    if kind:
        outlets = outlets.filter(kind=kind)
    return outlets.annotate(
        listings_held=Count("stock", distinct=True),
        units_held=Sum("stock__quantity"),
    )


def outlets_list_managed(*, user: User | AnonymousUser) -> QuerySet[Outlet]:
    """ "My outlets": the outlets the user runs, with how many listings and units each holds."""
    return (
        permissions.outlets_managed_by(user)
        .annotate(
            listings_held=Count("stock", filter=Q(stock__quantity__gt=0), distinct=True),
            units_held=Sum("stock__quantity"),
        )
        .order_by("kind", "country", "city", "name")
    )


def outlet_stock(*, outlet: Outlet) -> QuerySet[OutletStock]:
    """What an outlet holds now (the outlet's stock page), by State then district."""
    return (
        outlet.stock.filter(quantity__gt=0)
        .select_related("listing__producer", "listing__district", "listing__state")
        .order_by("listing__state__name", "listing__district__name", "listing__title")
    )


@dataclass(frozen=True)
class SalesLine:
    listing_id: int
    title: str
    units: int
    amount: Decimal


def outlet_sales(*, outlet: Outlet, since: dt.date | None = None) -> list[SalesLine]:
    """Units and takings per listing reported by an outlet (since a date, if given)."""
    moves = StockMove.objects.filter(outlet=outlet, kind=MoveKind.SOLD)
    if since is not None:
        moves = moves.filter(on__gte=since)
    rows = (
        moves.values("listing_id", "listing__title")
        .annotate(units=Sum("quantity"), amount=Sum("amount"))
        .order_by("-amount", "listing__title")
    )
    return [
        SalesLine(
            listing_id=row["listing_id"],
            title=row["listing__title"],
            units=int(row["units"] or 0),
            amount=row["amount"] or Decimal(0),
        )
        for row in rows
    ]


def outlet_moves(*, outlet: Outlet) -> QuerySet[StockMove]:
    """The outlet's stock movements, newest first (its ledger)."""
    return outlet.moves.select_related("listing", "actor")


def consignments_of(*, producer: Producer) -> QuerySet[OutletStock]:
    """Where a producer's stock sits on consignment, and how much."""
    return (
        OutletStock.objects.filter(listing__producer=producer, quantity__gt=0)
        .select_related("outlet", "listing")
        .order_by("outlet__name", "listing__title")
    )


def collections_list(*, user: User | AnonymousUser) -> QuerySet[GiftCollection]:
    """Gift collections the user may see, with their number of products."""
    return permissions.collections_visible_to(user).annotate(item_count=Count("items"))


def outlet_stalls(*, outlet: Outlet) -> QuerySet[Stall]:
    """A PM Ekta Mall's stalls, one per State/UT, by name (none for other outlets)."""
    if outlet.kind != OutletKind.EKTA_MALL:
        return Stall.objects.none()
    return outlet.stalls.select_related("state").order_by("state__name")


def collection_items(*, collection: GiftCollection) -> QuerySet[GiftItem]:
    """A gift collection's products in the order they were added."""
    return collection.items.select_related("listing__producer").order_by("pk")
