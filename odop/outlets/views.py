"""Pages of outlets and gift collections, mounted at /outlets/.

Public: the outlets by kind, an outlet's stock page (a mall's stalls too), published gift
collections. Signed in: the outlet's managers report sales, take back stock and read the
sales and the ledger; a producer places stock on consignment; curators build and publish
collections; buyers order a whole collection. Objects come only through the gates in
`outlets.permissions` and `bazaar.permissions` (404 when invisible); every write is one
service call, whose `ValidationError` is shown on the form (nothing written) and whose
`PermissionDenied` answers 403. POSTs carry `action`, naming the form they submit.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import Role, User, signed_in_user
from odop.bazaar.models import Listing, Order
from odop.bazaar.permissions import access_listing, orders_visible_to, producer_of
from odop.bazaar.selectors import ListingFilters, listings_find
from odop.core.forms import FormActions, FormFactory, FormWrite, post_action
from odop.geography.permissions import states_visible_to
from odop.outlets import permissions, selectors, services
from odop.outlets.forms import (
    CollectionForm,
    CollectionOrderForm,
    ConsignmentForm,
    GiftItemForm,
    ListingSearchForm,
    OutletCreateForm,
    OutletPlaceForm,
    PublishForm,
    ReturnForm,
    SaleReportForm,
)
from odop.outlets.models import GiftCollection, Outlet, OutletKind

# Gift collections hold only published listings of verified producers: the owner searches
# the public shop window, whatever else their role lets them see.
PUBLIC = AnonymousUser()
LEDGER_ROWS = 50
SEARCH_RESULTS = 10

STOCK_PAGE_SIZE = 100
type Write = FormWrite
type Actions = FormActions


# ---------------------------------------------------------------- outlets


def _may_open_outlets(user: User | None) -> bool:
    """Who sees the form: national admins anywhere, State officers in their State (the
    service decides for the State actually chosen)."""
    return user is not None and (user.is_national_admin or user.role == Role.STATE_OFFICER)


def _outlet_create_form(user: User, data: QueryDict | None = None) -> OutletCreateForm:
    states = states_visible_to(user)
    if not user.is_national_admin:
        # A State officer opens outlets in their own State only (the service checks it too).
        states = states.filter(pk=user.state_id) if user.state_id else states.none()
    return OutletCreateForm(data, states=states, auto_id="id_outlet_%s")


def _outlet_create(user: User) -> Write:
    def write(form: forms.Form) -> Outlet:
        data = form.cleaned_data
        return services.outlet_create(
            actor=user,
            kind=data["kind"],
            name=data["name"],
            city=data["city"],
            state=data["state"],
            country=data["country"],
            mission=data["mission"],
            managers=data["managers"],
        )

    return write


@require_http_methods(["GET", "HEAD", "POST"])
def outlets_view(request: HttpRequest) -> HttpResponse:
    """Outlets by kind, with what each holds; national admins and State officers open one."""
    user = signed_in_user(request.user)
    form: forms.Form | None = None
    if _may_open_outlets(user):
        assert user is not None
        form = _outlet_create_form(user)
    if request.method == "POST":
        if user is None:
            return redirect_to_login(request.get_full_path())
        if form is None:
            raise PermissionDenied
        creator = user
        _name, form, result = post_action(
            request,
            {
                "outlet": (
                    lambda data, files=None: _outlet_create_form(creator, data),
                    _outlet_create(creator),
                )
            },
        )
        if isinstance(result, Outlet):
            messages.success(request, _("Outlet opened."))
            return redirect("outlets:outlet", pk=result.pk)
    outlets = list(selectors.outlets_list(user=request.user))
    groups = [
        {"kind": kind, "outlets": [each for each in outlets if each.kind == kind]}
        for kind in OutletKind
    ]
    runs_outlets = permissions.outlets_managed_by(request.user).exists()
    return render(
        request,
        "outlets/outlets.html",
        {"groups": groups, "form": form, "runs_outlets": runs_outlets},
    )


def _stock_choices(stock: list[Any]) -> list[tuple[int, str]]:
    return [(row.listing_id, f"{row.listing.title} ({row.quantity})") for row in stock]


def _sale_report(user: User, outlet: Outlet, held: Mapping[int, Listing]) -> Write:
    def write(form: forms.Form) -> object:
        data = form.cleaned_data
        return services.outlet_sale_report(
            actor=user,
            outlet=outlet,
            listing=held[data["listing"]],
            quantity=data["quantity"],
            amount=data["amount"],
            on=data["on"],
            note=data["note"],
        )

    return write


def _return(user: User, outlet: Outlet, held: Mapping[int, Listing]) -> Write:
    def write(form: forms.Form) -> object:
        data = form.cleaned_data
        return services.consignment_return(
            actor=user,
            outlet=outlet,
            listing=held[data["listing"]],
            quantity=data["quantity"],
            note=data["note"],
        )

    return write


def _consign(user: User, outlet: Outlet, own: Mapping[int, Listing]) -> Write:
    def write(form: forms.Form) -> object:
        data = form.cleaned_data
        return services.consignment_place(
            actor=user,
            outlet=outlet,
            listing=own[data["listing"]],
            quantity=data["quantity"],
            note=data["note"],
        )

    return write


def _place(user: User, outlet: Outlet) -> Write:
    def write(form: forms.Form) -> object:
        data = form.cleaned_data
        try:
            listing = access_listing(PUBLIC, data["listing"])  # on sale: the shop window's
        except Http404:
            raise ValidationError(
                {"listing": _("No listing on sale has this number.")}, code="not_found"
            ) from None
        return services.consignment_place(
            actor=user,
            outlet=outlet,
            listing=listing,
            quantity=data["quantity"],
            note=data["note"],
        )

    return write


def _place_form(data: QueryDict | None = None, files: object = None) -> forms.Form:
    return OutletPlaceForm(data, auto_id="id_place_%s")


def _sales_bars(outlet: Outlet) -> list[dict[str, Any]]:
    lines = selectors.outlet_sales(outlet=outlet)
    largest = max((line.amount for line in lines), default=Decimal(0)) or Decimal(1)
    return [{"line": line, "width": round(float(line.amount / largest) * 100, 1)} for line in lines]


@require_http_methods(["GET", "HEAD", "POST"])
def outlet_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An outlet's stock page (a mall's stalls too). The people who run it place stock from
    listings on sale (`action` = `place`, with a search), report sales (`sale`) and take back
    stock (`return`); a producer places their own stock (`consign`)."""
    outlet = permissions.access_outlet(request.user, pk)
    user = signed_in_user(request.user)
    stock = list(selectors.outlet_stock(outlet=outlet))
    held = {row.listing_id: row.listing for row in stock}
    can_manage = permissions.can_manage_outlet(request.user, outlet)
    can_stock = permissions.can_stock_outlet(request.user, outlet)
    own: dict[int, Listing] = {}
    if outlet.is_active and producer_of(request.user) is not None:
        own = {
            listing.pk: listing
            for listing in listings_find(user=request.user, filters=ListingFilters(), mine=True)
        }
    held_choices = _stock_choices(stock)
    own_choices = [(listing.pk, f"{listing.title} ({listing.stock})") for listing in own.values()]

    def sale_form(data: QueryDict | None = None, files: object = None) -> forms.Form:
        return SaleReportForm(data, listings=held_choices, auto_id="id_sale_%s")

    def return_form(data: QueryDict | None = None, files: object = None) -> forms.Form:
        return ReturnForm(data, listings=held_choices, auto_id="id_return_%s")

    def consign_form(data: QueryDict | None = None, files: object = None) -> forms.Form:
        return ConsignmentForm(data, listings=own_choices, auto_id="id_consign_%s")

    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        if user is None:
            return redirect_to_login(request.get_full_path())
        actions: dict[str, tuple[FormFactory, Write]] = {}
        if can_manage:
            actions["sale"] = (sale_form, _sale_report(user, outlet, held))
            actions["return"] = (return_form, _return(user, outlet, held))
        if own:
            actions["consign"] = (consign_form, _consign(user, outlet, own))
        if can_stock:
            actions["place"] = (_place_form, _place(user, outlet))
        name, form, result = post_action(request, actions)
        if result is not None:
            messages.success(
                request,
                {
                    "sale": _("Sale recorded."),
                    "return": _("Stock returned to the seller."),
                    "consign": _("Stock placed with the outlet."),
                    "place": _("Stock placed with the outlet."),
                }[name],
            )
            return redirect("outlets:outlet", pk=outlet.pk)
        bound[name] = form
    context: dict[str, Any] = {
        "outlet": outlet,
        "stock": stock,
        # The public list is paged: an outlet can hold hundreds of listings (150 KB budget).
        "stock_page": Paginator(stock, STOCK_PAGE_SIZE).get_page(request.GET.get("page")),
        "units": sum(row.quantity for row in stock),
        "stalls": list(selectors.outlet_stalls(outlet=outlet)),
        "can_manage": can_manage,
        "can_stock": can_stock,
        "consign_form": (bound.get("consign") or consign_form()) if own else None,
    }
    if can_stock:
        search = ListingSearchForm(request.GET or None, auto_id="id_find_%s")
        found: list[Listing] = []
        if search.is_valid() and search.cleaned_data["q"]:
            filters = ListingFilters(text=search.cleaned_data["q"])
            found = list(listings_find(user=PUBLIC, filters=filters)[:SEARCH_RESULTS])
        context |= {"place_form": bound.get("place") or _place_form(), "search": search}
        context["found"] = found
    if can_manage:
        context |= {
            "sale_form": bound.get("sale") or sale_form(),
            "return_form": bound.get("return") or return_form(),
            "bars": _sales_bars(outlet),
            "moves": list(selectors.outlet_moves(outlet=outlet)[:LEDGER_ROWS]),
        }
    return render(request, "outlets/outlet.html", context)


@login_required
@require_safe
def outlets_mine_view(request: HttpRequest) -> HttpResponse:
    """ "My outlets": the outlets the user runs (named manager, the State's officer, national
    admin), with what each holds and a link to its page to place stock and report sales."""
    outlets = list(selectors.outlets_list_managed(user=request.user))
    return render(request, "outlets/mine.html", {"outlets": outlets})


# ---------------------------------------------------------------- gift collections


def _collection_create(user: User) -> Write:
    def write(form: forms.Form) -> GiftCollection:
        data = form.cleaned_data
        return services.collection_create(
            actor=user,
            title=data["title"],
            occasion=data["occasion"],
            description=data["description"],
        )

    return write


def _collection_form(data: QueryDict | None = None, files: object = None) -> forms.Form:
    return CollectionForm(data, auto_id="id_collection_%s")


@require_http_methods(["GET", "HEAD", "POST"])
def collections_view(request: HttpRequest) -> HttpResponse:
    """Published gift collections and the user's own; curators start a new one."""
    user = signed_in_user(request.user)
    can_create = permissions.can_create_collection(request.user)
    form = _collection_form() if can_create else None
    if request.method == "POST":
        if user is None:
            return redirect_to_login(request.get_full_path())
        actions: Actions = (
            {"collection": (_collection_form, _collection_create(user))} if can_create else {}
        )
        _name, form, result = post_action(request, actions)
        if isinstance(result, GiftCollection):
            messages.success(request, _("Collection started: add its products."))
            return redirect("outlets:collection", pk=result.pk)
    collections = selectors.collections_list(user=request.user)
    return render(
        request,
        "outlets/collections.html",
        {"collections": collections, "form": form, "user_id": user.pk if user else None},
    )


def _item_add(user: User, collection: GiftCollection) -> Write:
    def write(form: forms.Form) -> object:
        data = form.cleaned_data
        try:
            listing = access_listing(user, data["listing"])
        except Http404:
            raise ValidationError(
                {"listing": _("No published listing has this number.")}, code="not_found"
            ) from None
        return services.collection_item_add(
            actor=user,
            collection=collection,
            listing=listing,
            quantity=data["quantity"],
            note=data["note"],
        )

    return write


def _publish(user: User, collection: GiftCollection) -> Write:
    def write(form: forms.Form) -> object:
        return services.collection_publish(
            actor=user, collection=collection, published=form.cleaned_data["published"]
        )

    return write


def _order(user: User, collection: GiftCollection) -> Write:
    def write(form: forms.Form) -> object:
        return services.collection_order(
            buyer=user, collection=collection, sets=form.cleaned_data["sets"]
        )

    return write


def _orders_placed(user: User | None, query: QueryDict) -> list[Order]:
    """The orders named in `?orders=` (after ordering a collection), through the orders gate."""
    numbers = [int(each) for each in query.get("orders", "").split(",") if each.isdigit()]
    if user is None or not numbers:
        return []
    return list(orders_visible_to(user).filter(pk__in=numbers[:100]).order_by("pk"))


def _item_form(data: QueryDict | None = None, files: object = None) -> forms.Form:
    return GiftItemForm(data, auto_id="id_item_%s")


def _publish_form(data: QueryDict | None = None, files: object = None) -> forms.Form:
    return PublishForm(data, auto_id="id_publish_%s")


def _order_form(data: QueryDict | None = None, files: object = None) -> forms.Form:
    return CollectionOrderForm(data, auto_id="id_order_%s")


@require_http_methods(["GET", "HEAD", "POST"])
def collection_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A gift collection. The owner adds products (`action` = `item`, with a search of
    published listings) and publishes it (`publish`); buyers order N sets (`order`)."""
    collection = permissions.access_collection(request.user, pk)
    user = signed_in_user(request.user)
    can_edit = permissions.can_edit_collection(request.user, collection)
    can_order = permissions.can_order_collection(request.user, collection)
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        if user is None:
            return redirect_to_login(request.get_full_path())
        actions: dict[str, tuple[FormFactory, Write]] = {}
        if can_edit:
            actions["item"] = (_item_form, _item_add(user, collection))
            actions["publish"] = (_publish_form, _publish(user, collection))
        if can_order:
            actions["order"] = (_order_form, _order(user, collection))
        name, form, result = post_action(request, actions)
        url = reverse("outlets:collection", kwargs={"pk": collection.pk})
        if isinstance(result, list):
            messages.success(request, _("Collection ordered: one order per product."))
            return redirect(url + "?orders=" + ",".join(str(order.pk) for order in result))
        if result is not None:
            messages.success(request, _("Saved."))
            return redirect(url)
        bound[name] = form
    items = list(selectors.collection_items(collection=collection))
    totals = [item.listing.price * item.quantity for item in items]
    rows = [{"item": item, "total": total} for item, total in zip(items, totals, strict=True)]
    search = ListingSearchForm(request.GET or None, auto_id="id_search_%s")
    results: list[Listing] = []
    if can_edit and search.is_valid() and search.cleaned_data["q"]:
        filters = ListingFilters(text=search.cleaned_data["q"])
        results = list(listings_find(user=PUBLIC, filters=filters)[:SEARCH_RESULTS])
    return render(
        request,
        "outlets/collection.html",
        {
            "collection": collection,
            "rows": rows,
            "set_total": sum(totals, Decimal(0)),
            "can_edit": can_edit,
            "can_order": can_order,
            "item_form": bound.get("item") or _item_form(),
            "publish_errors": bound["publish"].non_field_errors() if "publish" in bound else None,
            "order_form": bound.get("order") or _order_form(),
            "search": search,
            "results": results,
            "orders": _orders_placed(user, request.GET),
        },
    )
