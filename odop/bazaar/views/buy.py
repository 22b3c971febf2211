"""The buyer's side: dashboard (inquiries, quotes to accept, orders to mark received) and one
order's page with its history and the moves left to the user."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from odop.accounts.models import signed_in_user
from odop.bazaar import permissions, services
from odop.bazaar.forms import (
    OrderMoveForm,
    PaymentForm,
    QuoteAcceptForm,
)
from odop.bazaar.models import Order
from odop.bazaar.selectors import (
    buyer_inquiries,
    buyer_orders,
)
from odop.bazaar.views.common import (
    Action,
    form_factory,
    order_move,
    order_moves,
    payment_record,
)
from odop.core.forms import post_action

# ---------------------------------------------------------------- buyer and orders


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def buy_view(request: HttpRequest) -> HttpResponse:
    """The buyer's dashboard (buyers and Mission officers): inquiries with their quotes (accept
    one to order), orders with their history and the moves left to the buyer."""
    user = signed_in_user(request.user)
    if user is None or not permissions.is_buyer(user):
        raise PermissionDenied

    def accept(form: forms.Form) -> Order:
        try:
            quote = permissions.access_quote(user, form.cleaned_data["quote"])
        except Http404 as error:
            raise ValidationError(_("No such quote."), code="not_found") from error
        return services.quote_accept(buyer=user, quote=quote)

    actions: dict[str, tuple[Callable[..., forms.Form], Action]] = {
        "accept": (form_factory(QuoteAcceptForm, "accept"), accept),
        "order_move": (form_factory(OrderMoveForm, "order_move"), order_move(user)),
    }
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        name, form, result = post_action(request, actions)
        if isinstance(result, Order) and name == "accept":
            messages.success(request, _("Quote accepted: order placed."))
            return redirect("bazaar:order", pk=result.pk)
        if result is not None:
            messages.success(request, _("Saved."))
            return redirect("bazaar:buy")
        bound[name] = form
    inquiries = buyer_inquiries(user=user)
    orders = order_moves(user, list(buyer_orders(user=user)))
    return render(
        request,
        "bazaar/buy.html",
        {"inquiries": inquiries, "orders": orders, "bound": bound},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def order_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One order, its event history and the moves the user may make (`action` = `order_move`
    or `payment`)."""
    user = signed_in_user(request.user)
    assert user is not None
    order = permissions.access_order(user, pk)
    actions: dict[str, tuple[Callable[..., forms.Form], Action]] = {
        "order_move": (form_factory(OrderMoveForm, "order_move"), order_move(user)),
        "payment": (form_factory(PaymentForm, "payment"), payment_record(user)),
    }
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        name, form, result = post_action(request, actions)
        if result is not None:
            messages.success(request, _("Saved."))
            return redirect("bazaar:order", pk=order.pk)
        bound[name] = form
    order_moves(user, [order])
    return render(
        request,
        "bazaar/order.html",
        {
            "order": order,
            "events": order.events.select_related("actor"),
            "bound": bound,
        },
    )
