"""The bazaar's sections of the producer 360 page: listings and orders (issue 11).

Registered in `BazaarConfig.ready()`; the producer registry shows them without importing the
bazaar. Rows are read through the bazaar's own gates, so a user sees only what they may.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import User
from odop.bazaar.permissions import listings_visible_to, orders_visible_to
from odop.producers.models import Producer
from odop.producers.selectors import ProducerSection, producer_section_register

SECTION_ROWS = 50


def listings_rows(user: User | AnonymousUser, producer: Producer) -> Sequence[Mapping[str, Any]]:
    """The producer's listings in any status the user may see, newest first."""
    listings = listings_visible_to(user).filter(producer=producer).order_by("-pk")
    return [
        {
            "id": listing.pk,
            "title": listing.title,
            "status": listing.status,
            "stock": listing.stock,
            "price": str(listing.price),
        }
        for listing in listings[:SECTION_ROWS]
    ]


def orders_rows(user: User | AnonymousUser, producer: Producer) -> Sequence[Mapping[str, Any]]:
    """Orders of the producer's listings the user may see, newest first."""
    orders = orders_visible_to(user).filter(listing__producer=producer).order_by("-pk")
    return [
        {
            "id": order.pk,
            "listing": order.listing.title,
            "status": order.status,
            "payment": order.payment_status,
            "total": str(order.total),
            "placed": order.created_at.date().isoformat(),
        }
        for order in orders[:SECTION_ROWS]
    ]


def sections_register() -> None:
    producer_section_register(
        ProducerSection(
            key="listings",
            title=_("Listings"),
            rows=listings_rows,
            order=10,
            columns={
                "id": _("No."),
                "title": _("Title"),
                "status": _("Status"),
                "stock": _("Stock"),
                "price": _("Price (₹)"),
            },
        )
    )
    producer_section_register(
        ProducerSection(
            key="orders",
            title=_("Orders"),
            rows=orders_rows,
            order=20,
            columns={
                "id": _("No."),
                "listing": _("Listing"),
                "status": _("Status"),
                "payment": _("Payment"),
                "total": _("Total (₹)"),
                "placed": _("Placed on"),
            },
        )
    )
