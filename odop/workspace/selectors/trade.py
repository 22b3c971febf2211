"""The trading blocks of "My work": a producer's shop, a buyer's purchases, the outlets a
person runs and a Mission officer's gift collections (issue 12)."""

import datetime as dt
from typing import Final

from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.bazaar.models import InquiryStatus, ListingStatus, OrderStatus, Quote, QuoteStatus
from odop.bazaar.permissions import inquiries_visible_to, listings_visible_to, orders_visible_to
from odop.outlets.models import Outlet, OutletStock
from odop.outlets.permissions import can_create_collection, collections_visible_to
from odop.producers.models import Certification, Producer, ProducerStatus
from odop.producers.permissions import producer_of
from odop.workspace.selectors.blocks import (
    ROWS,
    WorkBlock,
    WorkLink,
    WorkRow,
    page_url,
    status_counts,
)

CERTIFICATE_WARNING_DAYS: Final = 60


# ---------------------------------------------------------------- producers


def _certificates_due(producer: Producer, today: dt.date) -> QuerySet[Certification]:
    """Certificates expired or expiring within `CERTIFICATE_WARNING_DAYS`, unless renewed
    (a newer certificate of the same kind valid beyond that)."""
    horizon = today + dt.timedelta(days=CERTIFICATE_WARNING_DAYS)
    renewed = Certification.objects.filter(
        producer=producer, kind=OuterRef("kind"), valid_until__gt=horizon
    )
    return (
        Certification.objects.filter(producer=producer, valid_until__lte=horizon)
        .filter(~Exists(renewed))
        .order_by("valid_until", "pk")
    )


def producer_block(*, user: User, today: dt.date) -> WorkBlock:
    """A producer's shop: inquiries to answer, orders to confirm or ship, listings, expiring
    certificates, and their pages (or the way to register when they have no record)."""
    producer = producer_of(user)
    if producer is None:
        return WorkBlock(
            key="shop",
            title=_("My shop"),
            url=page_url("bazaar:sell"),
            note=_("Register your enterprise to sell on the ODOP Bazaar."),
            extra=(WorkLink(_("Register your enterprise"), 0, page_url("bazaar:sell")),),
        )
    inquiries = status_counts(
        inquiries_visible_to(user).filter(listing__producer=producer), [InquiryStatus.OPEN]
    )
    own_orders = orders_visible_to(user).filter(listing__producer=producer)
    orders = status_counts(own_orders, [OrderStatus.PLACED, OrderStatus.CONFIRMED])
    listings = status_counts(
        listings_visible_to(user).filter(producer=producer), ListingStatus.values
    )
    certificates = list(_certificates_due(producer, today)[:ROWS])
    page = page_url("producers:producer", pk=producer.pk)
    order_rows = tuple(
        WorkRow(
            label=order.listing.title,
            detail=order.get_status_display(),
            url=page_url("bazaar:order", pk=order.pk),
            when=order.created_at,
        )
        for order in own_orders.filter(status__in=[OrderStatus.PLACED, OrderStatus.CONFIRMED])
        .select_related("listing")
        .order_by("created_at", "pk")[:ROWS]
    )
    certificate_rows = tuple(
        WorkRow(
            label=certificate.get_kind_display(),
            detail=(_("Expired") if certificate.valid_until < today else _("Expires soon")),
            url=page,
            when=certificate.valid_until,
            urgent=certificate.valid_until < today,
        )
        for certificate in certificates
    )
    sell = page_url("bazaar:sell")
    extra = [WorkLink(_("My shop"), 0, sell), WorkLink(_("My producer page"), 0, page)]
    if producer.is_verified:
        extra.append(WorkLink(_("My public page"), 0, page_url("bazaar:producer", pk=producer.pk)))
    return WorkBlock(
        key="shop",
        title=_("My shop"),
        url=sell,
        note=(
            ""
            if producer.status != ProducerStatus.PENDING
            else _(
                "Your enterprise awaits verification by your district officer. You can "
                "prepare listings; they appear in the bazaar once you are verified."
            )
        ),
        links=(
            WorkLink(_("Inquiries to answer"), inquiries.get(InquiryStatus.OPEN, 0), sell),
            WorkLink(_("Orders to confirm"), orders.get(OrderStatus.PLACED, 0), sell),
            WorkLink(_("Orders to ship"), orders.get(OrderStatus.CONFIRMED, 0), sell),
            WorkLink(_("Draft listings"), listings.get(ListingStatus.DRAFT, 0), sell),
            WorkLink(
                _("Certificates expired or expiring within 60 days"),
                len(certificates),
                page,
                urgent=any(row.urgent for row in certificate_rows),
            ),
        ),
        rows=order_rows + certificate_rows,
        extra=(
            *extra,
            WorkLink(_("Published listings"), listings.get(ListingStatus.PUBLISHED, 0), sell),
        ),
    )


# ---------------------------------------------------------------- buyers


def buying_block(*, user: User, today: dt.date) -> WorkBlock:
    """A buyer's purchases: quotations offered (still valid), receipts to confirm, orders with
    the seller, inquiries awaiting a quotation."""
    own_inquiries = inquiries_visible_to(user).filter(buyer=user)
    quotes = (
        Quote.objects.filter(inquiry__in=own_inquiries, status=QuoteStatus.OFFERED)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("inquiry__listing")
        .order_by("valid_until", "pk")
    )
    waiting = status_counts(own_inquiries, [InquiryStatus.OPEN])
    own_orders = orders_visible_to(user).filter(buyer=user)
    orders = status_counts(
        own_orders, [OrderStatus.PLACED, OrderStatus.CONFIRMED, OrderStatus.SHIPPED]
    )
    buy = page_url("bazaar:buy")
    quote_rows = tuple(
        WorkRow(
            label=quote.inquiry.listing.title,
            detail=_("Quotation offered"),
            url=buy,
            when=quote.valid_until,
        )
        for quote in quotes[:ROWS]
    )
    shipped_rows = tuple(
        WorkRow(
            label=order.listing.title,
            detail=_("Shipped: mark it received when it arrives"),
            url=page_url("bazaar:order", pk=order.pk),
            when=order.created_at,
        )
        for order in own_orders.filter(status=OrderStatus.SHIPPED)
        .select_related("listing")
        .order_by("created_at", "pk")[:ROWS]
    )
    return WorkBlock(
        key="buying",
        title=_("My purchases"),
        url=buy,
        links=(
            WorkLink(_("Quotations offered to you"), quotes.count(), buy),
            WorkLink(_("Receipts to confirm"), orders.get(OrderStatus.SHIPPED, 0), buy),
            WorkLink(
                _("Orders with the seller"),
                orders.get(OrderStatus.PLACED, 0) + orders.get(OrderStatus.CONFIRMED, 0),
                buy,
            ),
            WorkLink(_("Inquiries awaiting a quotation"), waiting.get(InquiryStatus.OPEN, 0), buy),
        ),
        rows=quote_rows + shipped_rows,
        extra=(WorkLink(_("Browse the bazaar"), 0, page_url("bazaar:storefront")),),
    )


# ---------------------------------------------------------------- outlets and gifting


def _outlets_managed(user: User) -> QuerySet[Outlet]:
    """Outlets this person runs: every one for a national admin, their State's for a State
    officer, and those that name them as a manager (`outlets.permissions.can_manage_outlet`)."""
    if user.is_national_admin:
        return Outlet.objects.all()
    runs = Q(pk__in=Outlet.managers.through.objects.filter(user=user).values("outlet_id"))
    if user.role == Role.STATE_OFFICER:
        runs |= Q(state_id=user.state_id)
    return Outlet.objects.filter(runs)


def outlets_block(*, user: User) -> WorkBlock | None:
    """The outlets a person runs with the units each holds; None when they run none."""
    units = (
        OutletStock.objects.filter(outlet=OuterRef("pk"))
        .order_by()
        .values("outlet")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    outlets = _outlets_managed(user).annotate(
        units=Coalesce(Subquery(units, output_field=IntegerField()), 0)
    )
    rows = [
        WorkRow(
            label=str(outlet),
            detail=_("%(units)s units in stock") % {"units": outlet.units},
            url=page_url("outlets:outlet", pk=outlet.pk),
            urgent=not outlet.units,
        )
        for outlet in outlets.order_by("name", "pk")[:ROWS]
    ]
    if not rows:
        return None
    empty = outlets.filter(units=0).count()
    return WorkBlock(
        key="outlets",
        title=_("Outlets I run"),
        url=page_url("outlets:mine"),
        # Only empty outlets are work; how many are run is a plain link.
        links=(WorkLink(_("Outlets without stock"), empty, page_url("outlets:mine"), urgent=True),),
        rows=tuple(rows),
        extra=(WorkLink(_("Outlets"), outlets.count(), page_url("outlets:mine")),),
    )


def gifts_block(*, user: User) -> WorkBlock | None:
    """A Mission officer's gift collections (drafts are work); None for people who curate none."""
    own = collections_visible_to(user).filter(owner=user)
    rows = tuple(
        WorkRow(
            label=collection.title,
            detail=_("Published") if collection.is_published else _("Draft"),
            url=page_url("outlets:collection", pk=collection.pk),
        )
        for collection in own.order_by("-created_at", "-pk")[:ROWS]
    )
    # Officers may curate collections too, but only a Mission officer's work is gifting:
    # an officer sees the block once they own a collection.
    if not rows and not (user.role == Role.MISSION_OFFICER and can_create_collection(user)):
        return None
    return WorkBlock(
        key="gifts",
        title=_("Gift collections"),
        url=page_url("outlets:collections"),
        links=(
            WorkLink(
                _("Draft collections"),
                own.filter(is_published=False).count(),
                page_url("outlets:collections"),
            ),
        ),
        rows=rows,
    )
