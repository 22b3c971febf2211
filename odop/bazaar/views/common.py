"""Shared pieces of the bazaar pages: the public user, result cards, order moves, form factories."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, QueryDict
from django_htmx.middleware import HtmxDetails

from odop.accounts.models import User
from odop.bazaar import permissions, services
from odop.bazaar.models import Listing, ListingPhoto, Order, OrderStatus, PaymentStatus
from odop.bazaar.selectors import (
    gi_authorised_annotate,
)
from odop.bazaar.workflow import ORDER_TRANSITIONS


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it: `request.htmx` says whether HTMX sent
    it (a partial update) or the browser did (a whole page)."""

    htmx: HtmxDetails


PAGE_SIZE = 20
# The storefront, producer and district pages are the public shop window: everyone sees the
# same listings there (published, of verified producers). A producer's drafts and an officer's
# scope live on their dashboards instead.
PUBLIC = AnonymousUser()

type Action = Callable[[forms.Form], object]


def thumbnails() -> "Prefetch[Any]":
    return Prefetch("photos", queryset=ListingPhoto.objects.order_by("pk"), to_attr="photo_list")


def listing_cards(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    """What a listing card shows: the GI badge (only for authorised users) and a thumbnail."""
    return gi_authorised_annotate(listings).prefetch_related(thumbnails())


def _move_rank(status: OrderStatus) -> tuple[bool, int]:
    """The next step of the workflow first, cancelling last (issue 12: "Cancel order" came
    before "Confirm", in the arbitrary order of a set)."""
    return (status == OrderStatus.CANCELLED, list(OrderStatus).index(status))


def order_moves(user: User, orders: list[Order]) -> list[Order]:
    """Attach to each order the moves and payment recording this user may do."""
    for order in orders:
        order.moves = sorted(  # type: ignore[attr-defined]
            (
                OrderStatus(status)
                for status in ORDER_TRANSITIONS[OrderStatus(order.status)]
                if permissions.can_move_order(user, order, OrderStatus(status))
            ),
            key=_move_rank,
        )
        order.can_pay = (  # type: ignore[attr-defined]
            permissions.can_record_payment(user, order)
            and order.payment_status == PaymentStatus.UNPAID
            and order.status != OrderStatus.CANCELLED
        )
    return orders


def order_move(user: User) -> Action:
    def write(form: forms.Form) -> Order:
        order = permissions.access_order(user, form.cleaned_data["order"])
        return services.order_transition(
            actor=user, order=order, to_status=OrderStatus(form.cleaned_data["to_status"])
        )

    return write


def payment_record(user: User) -> Action:
    def write(form: forms.Form) -> Order:
        order = permissions.access_order(user, form.cleaned_data["order"])
        return services.order_payment_record(
            actor=user, order=order, note=form.cleaned_data["note"]
        )

    return write


def form_factory(
    form_class: type[forms.Form], prefix: str, **kwargs: Any
) -> Callable[..., forms.Form]:
    """A form factory with unique ids on a page of several forms."""

    def make(data: QueryDict | None = None, files: Any = None) -> forms.Form:
        return form_class(data, files, auto_id=f"id_{prefix}_%s", **kwargs)

    return make
