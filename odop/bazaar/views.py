"""Pages of the ODOP Bazaar (issue #5), mounted at /bazaar/.

Public: the storefront (full-text search with facets), a listing's story page, a producer's
profile and "Made in <district>". Signed in: the seller's dashboard and listing editor, the
buyer's dashboard, one order's page, and the officers' page (verification, assisted
onboarding, the payment ageing list). Objects come only through the gates in
`bazaar.permissions` (404 when invisible); every write is one service call, whose
`ValidationError` is shown on the form (nothing written) and whose `PermissionDenied` answers
403. POSTs carry `action`, naming the form they submit.
"""

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import Role, User
from odop.bazaar import permissions, services
from odop.bazaar.forms import (
    AssistedProducerForm,
    CertificationForm,
    InquiryForm,
    ListingForm,
    ListingMoveForm,
    OrderForm,
    OrderMoveForm,
    PaymentForm,
    PhotoForm,
    ProducerForm,
    ProducerVerifyForm,
    QuoteAcceptForm,
    QuoteForm,
    StockForm,
    StorefrontForm,
)
from odop.bazaar.models import (
    Inquiry,
    Listing,
    ListingPhoto,
    ListingStatus,
    Order,
    OrderStatus,
    PaymentStatus,
    Producer,
    ProducerStatus,
    Quote,
)
from odop.bazaar.selectors import (
    ListingFilters,
    buyer_inquiries,
    buyer_orders,
    certifications_valid,
    gi_authorised_annotate,
    listing_facets,
    listing_gi_authorised,
    listings_find,
    orders_unpaid_ageing,
    reveals_of,
    seller_inquiries,
    seller_orders,
)
from odop.bazaar.services import LISTING_FIELDS
from odop.bazaar.workflow import LISTING_TRANSITIONS, ORDER_TRANSITIONS
from odop.core.forms import form_apply, post_action
from odop.geography.permissions import access_district

PAGE_SIZE = 20
# The storefront, producer and district pages are the public shop window: everyone sees the
# same listings there (published, of verified producers). A producer's drafts and an officer's
# scope live on their dashboards instead.
PUBLIC = AnonymousUser()

type Action = Callable[[forms.Form], object]


def _signed_in(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _thumbnails() -> "Prefetch[Any]":
    return Prefetch("photos", queryset=ListingPhoto.objects.order_by("pk"), to_attr="photo_list")


def _listing_cards(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    """What a listing card shows: the GI badge (only for authorised users) and a thumbnail."""
    return gi_authorised_annotate(listings).prefetch_related(_thumbnails())


def _order_moves(user: User, orders: list[Order]) -> list[Order]:
    """Attach to each order the moves and payment recording this user may do."""
    for order in orders:
        order.moves = [  # type: ignore[attr-defined]
            OrderStatus(status)
            for status in ORDER_TRANSITIONS[OrderStatus(order.status)]
            if permissions.can_move_order(user, order, OrderStatus(status))
        ]
        order.can_pay = (  # type: ignore[attr-defined]
            permissions.can_record_payment(user, order)
            and order.payment_status == PaymentStatus.UNPAID
            and order.status != OrderStatus.CANCELLED
        )
    return orders


def _order_move(user: User) -> Action:
    def write(form: forms.Form) -> Order:
        order = permissions.access_order(user, form.cleaned_data["order"])
        return services.order_transition(
            actor=user, order=order, to_status=OrderStatus(form.cleaned_data["to_status"])
        )

    return write


def _payment_record(user: User) -> Action:
    def write(form: forms.Form) -> Order:
        order = permissions.access_order(user, form.cleaned_data["order"])
        return services.order_payment_record(
            actor=user, order=order, note=form.cleaned_data["note"]
        )

    return write


def _form(form_class: type[forms.Form], prefix: str, **kwargs: Any) -> Callable[..., forms.Form]:
    """A form factory with unique ids on a page of several forms."""

    def make(data: QueryDict | None = None, files: Any = None) -> forms.Form:
        return form_class(data, files, auto_id=f"id_{prefix}_%s", **kwargs)

    return make


# ---------------------------------------------------------------- storefront


def _filters_from(form: StorefrontForm) -> ListingFilters:
    if not form.is_valid():
        return ListingFilters()
    data = form.cleaned_data
    return ListingFilters(
        text=data["q"],
        state=data["state"],
        district=data["district"],
        sector=data["sector"],
        gi_only=bool(data["gi_only"]),
        export_ready=bool(data["export_ready"]),
        price_min=data["price_min"],
        price_max=data["price_max"],
    )


def _link(query: QueryDict, **changes: object) -> str:
    """The storefront's query string with some parameters changed (None drops one); the page
    number always resets, since the results change."""
    params = {key: value for key, value in query.items() if value and key != "page"}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


def _facet_links(
    query: QueryDict, name: str, rows: list[tuple[str, str, int]], current: object
) -> list[dict[str, Any]]:
    drop: dict[str, object] = {name: None}
    if name == "state":
        drop["district"] = None  # a district belongs to one State
    return [
        {
            "label": label,
            "count": count,
            "current": str(current) == value,
            "url": _link(query, **(drop if str(current) == value else {name: value})),
        }
        for value, label, count in rows
    ]


@require_safe
def storefront_view(request: HttpRequest) -> HttpResponse:
    """The storefront: full-text search and facets as GET parameters, 20 results a page."""
    form = StorefrontForm(request.GET or None, auto_id="id_search_%s")
    filters = _filters_from(form)
    listings = listings_find(user=PUBLIC, filters=filters)
    page = Paginator(_listing_cards(listings), PAGE_SIZE).get_page(request.GET.get("page"))
    facets = listing_facets(listings, with_districts=filters.state is not None)
    query = request.GET
    return render(
        request,
        "bazaar/storefront.html",
        {
            "form": form,
            "page": page,
            "filters": filters,
            "state_facets": _facet_links(
                query,
                "state",
                [(f.value, f.label, f.count) for f in facets["state"]],
                filters.state,
            ),
            "district_facets": _facet_links(
                query,
                "district",
                [(f.value, f.label, f.count) for f in facets["district"]],
                filters.district,
            ),
            "sector_facets": _facet_links(
                query,
                "sector",
                [(f.value, f.label, f.count) for f in facets["sector"]],
                filters.sector,
            ),
            "page_link": _link(query),
        },
    )


# ---------------------------------------------------------------- listing, producer, district


@require_http_methods(["GET", "HEAD", "POST"])
def listing_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A listing's story page; buyers send an inquiry or order from it (`action` = `inquiry`
    or `order`). A failed order shows the service's error and takes no stock."""
    listing = permissions.access_listing(request.user, pk)
    user = _signed_in(request)
    initial = {"quantity": listing.minimum_order}
    inquiry_form: forms.Form = InquiryForm(auto_id="id_inquiry_%s", initial=initial)
    order_form: forms.Form = OrderForm(auto_id="id_order_%s", initial=initial)
    if request.method == "POST":
        if user is None:
            return redirect_to_login(request.get_full_path())
        if not permissions.can_buy(user, listing):
            raise PermissionDenied
        buyer = user

        def inquire(form: forms.Form) -> Inquiry:
            return services.inquiry_create(
                buyer=buyer,
                listing=listing,
                quantity=form.cleaned_data["quantity"],
                message=form.cleaned_data["message"],
            )

        def order(form: forms.Form) -> Order:
            return services.order_place(
                buyer=buyer, listing=listing, quantity=form.cleaned_data["quantity"]
            )

        name, form, result = post_action(
            request,
            {
                "inquiry": (_form(InquiryForm, "inquiry"), inquire),
                "order": (_form(OrderForm, "order"), order),
            },
        )
        if isinstance(result, Order):
            messages.success(request, _("Order placed."))
            return redirect("bazaar:order", pk=result.pk)
        if isinstance(result, Inquiry):
            messages.success(request, _("Inquiry sent to the producer."))
            return redirect("bazaar:buy")
        if name == "inquiry":
            inquiry_form = form
        else:
            order_form = form
    return render(
        request,
        "bazaar/listing.html",
        {
            "listing": listing,
            "photos": list(listing.photos.all()),
            "certifications": certifications_valid(producer=listing.producer),
            "gi_authorised": listing_gi_authorised(listing),
            "can_buy": permissions.can_buy(request.user, listing),
            "can_edit": permissions.can_edit_listing(request.user, listing),
            "inquiry_form": inquiry_form,
            "order_form": order_form,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def producer_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A producer's public profile. A signed-in buyer POSTs to see the contact details (each
    time logged by `contact_reveal`); the producer and their officers see them as they are."""
    producer = permissions.access_producer(request.user, pk)
    contact: services.Contact | None = None
    if request.method == "POST":
        user = _signed_in(request)
        if user is None:
            return redirect_to_login(request.get_full_path())
        contact = services.contact_reveal(viewer=user, producer=producer)
    elif permissions.can_edit_producer(request.user, producer):
        contact = services.Contact(
            phone=producer.phone, email=producer.email, address=producer.address
        )
    listings = listings_find(user=PUBLIC, filters=ListingFilters(producer=producer.pk))
    return render(
        request,
        "bazaar/producer.html",
        {
            "producer": producer,
            "certifications": certifications_valid(producer=producer),
            "listings": _listing_cards(listings),
            "contact": contact,
            "is_buyer": permissions.is_buyer(request.user),
            "can_reveal": permissions.can_see_contact(request.user, producer),
        },
    )


@require_safe
def district_view(request: HttpRequest, lgd_code: int) -> HttpResponse:
    """ "Made in <district>": the district's published listings and its verified producers."""
    district = access_district(request.user, lgd_code)
    listings = listings_find(user=PUBLIC, filters=ListingFilters(district=lgd_code))
    page = Paginator(_listing_cards(listings), PAGE_SIZE).get_page(request.GET.get("page"))
    producers = permissions.producers_visible_to(PUBLIC).filter(district=district)
    return render(
        request,
        "bazaar/district.html",
        {"district": district, "page": page, "producers": producers},
    )


# ---------------------------------------------------------------- seller


def _stock_set(user: User) -> Action:
    def write(form: forms.Form) -> Listing:
        listing = permissions.access_listing(user, form.cleaned_data["listing"])
        return services.listing_stock_set(
            actor=user, listing=listing, stock=form.cleaned_data["stock"]
        )

    return write


def _listing_move(user: User) -> Action:
    def write(form: forms.Form) -> Listing:
        listing = permissions.access_listing(user, form.cleaned_data["listing"])
        return services.listing_transition(
            actor=user, listing=listing, to_status=form.cleaned_data["to_status"]
        )

    return write


def _listing_moves(listing: Listing) -> list[ListingStatus]:
    return sorted(
        (ListingStatus(s) for s in LISTING_TRANSITIONS[ListingStatus(listing.status)]),
        key=lambda status: status != ListingStatus.PUBLISHED,  # publish first
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def sell_view(request: HttpRequest) -> HttpResponse:
    """The seller's dashboard (role producer): their record (or a form to register one),
    listings with stock and status, inquiries to quote, orders to move, who saw their contact
    details, and their certificates."""
    user = _signed_in(request)
    if user is None or user.role != Role.PRODUCER:
        raise PermissionDenied
    producer = permissions.producer_of(user)
    if producer is None:
        return _producer_register(request, user)

    def quote(form: forms.Form) -> Quote:
        data = form.cleaned_data
        inquiry = permissions.access_inquiry(user, data["inquiry"])
        return services.quote_create(
            actor=user,
            inquiry=inquiry,
            unit_price=data["unit_price"],
            quantity=data["quantity"],
            valid_until=data["valid_until"],
            note=data["note"],
        )

    def certify(form: forms.Form) -> object:
        data = form.cleaned_data
        return services.certification_add(actor=user, producer=producer, **data)

    actions: dict[str, tuple[Callable[..., forms.Form], Action]] = {
        "stock": (_form(StockForm, "stock"), _stock_set(user)),
        "listing_move": (_form(ListingMoveForm, "listing_move"), _listing_move(user)),
        "quote": (_form(QuoteForm, "quote"), quote),
        "order_move": (_form(OrderMoveForm, "order_move"), _order_move(user)),
        "payment": (_form(PaymentForm, "payment"), _payment_record(user)),
        "certification": (_form(CertificationForm, "certification", producer=producer), certify),
    }
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        name, form, result = post_action(request, actions)
        if result is not None:
            messages.success(request, _("Saved."))
            return redirect("bazaar:sell")
        bound[name] = form
    return render(request, "bazaar/sell.html", _sell_context(user, producer, actions, bound))


def _sell_context(
    user: User,
    producer: Producer,
    actions: Mapping[str, tuple[Callable[..., forms.Form], Action]],
    bound: dict[str, forms.Form],
) -> dict[str, Any]:
    listings = list(listings_find(user=user, filters=ListingFilters(), mine=True))
    for listing in listings:
        listing.moves = _listing_moves(listing)  # type: ignore[attr-defined]
    # The dashboard shows the producer's own trade, not what an officer role might add.
    inquiries = list(seller_inquiries(user=user, producer=producer))
    quote_bound = bound.get("quote")
    for inquiry in inquiries:
        is_bound = quote_bound is not None and str(quote_bound.data.get("inquiry")) == str(
            inquiry.pk
        )
        inquiry.quote_form = (  # type: ignore[attr-defined]
            quote_bound
            if is_bound
            else QuoteForm(
                auto_id=f"id_quote_{inquiry.pk}_%s",
                initial={
                    "inquiry": inquiry.pk,
                    "quantity": inquiry.quantity,
                    "unit_price": inquiry.listing.price,
                },
            )
        )
    orders = _order_moves(user, list(seller_orders(user=user, producer=producer)))
    return {
        "producer": producer,
        "listings": listings,
        "inquiries": inquiries,
        "orders": orders,
        "reveals": reveals_of(producer=producer)[:50],
        "certifications": producer.certifications.select_related("gi_entry"),
        "certification_form": bound.get("certification") or actions["certification"][0](),
        "bound": bound,
    }


def _producer_register(request: HttpRequest, user: User) -> HttpResponse:
    """A producer account without a producer record registers one (then awaits verification)."""
    form = ProducerForm(request.POST or None, auto_id="id_producer_%s")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form_apply(
            form,
            lambda: services.producer_register(
                actor=user,
                district=data["district"],
                name=data["name"],
                kind=data["kind"],
                pin_code=data["pin_code"],
                **form.producer_fields(),
            ),
        ):
            messages.success(request, _("Registered. Your district officer will verify you."))
            return redirect("bazaar:sell")
    return render(request, "bazaar/sell_register.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def listing_new_view(request: HttpRequest) -> HttpResponse:
    """A new listing (a draft) of one of the producer's district's products. Officers list
    for a producer of their scope with `?producer=<id>`."""
    user = _signed_in(request)
    assert user is not None
    producer_id = request.GET.get("producer", "")
    if producer_id.isdigit():
        producer: Producer | None = permissions.access_producer(user, int(producer_id))
    else:
        producer = permissions.producer_of(user)
        if producer is None and user.role == Role.PRODUCER:
            messages.info(request, _("Register as a producer first."))
            return redirect("bazaar:sell")
    if producer is None or not permissions.can_create_listing(user, producer):
        raise PermissionDenied
    form = ListingForm(
        request.POST or None, producer=producer, creating=True, auto_id="id_listing_%s"
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        listing = form_apply(
            form,
            lambda: services.listing_create(
                actor=user,
                producer=producer,
                product=data["product"],
                stock=data["stock"],
                **form.listing_fields(),
            ),
        )
        if isinstance(listing, Listing):
            messages.success(request, _("Listing saved as a draft. Add photos, then publish it."))
            return redirect("bazaar:listing-edit", pk=listing.pk)
    return render(
        request, "bazaar/listing_form.html", {"form": form, "producer": producer, "listing": None}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def listing_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a listing's facts, add photos, set the stock, publish or pause it."""
    user = _signed_in(request)
    assert user is not None
    listing = permissions.access_listing(user, pk)
    if not permissions.can_edit_listing(user, listing):
        raise PermissionDenied
    producer = listing.producer

    def edit(form: forms.Form) -> Listing:
        assert isinstance(form, ListingForm)
        return services.listing_update(actor=user, listing=listing, **form.listing_fields())

    def photo(form: forms.Form) -> ListingPhoto:
        return services.listing_photo_add(
            actor=user,
            listing=listing,
            upload=form.cleaned_data["photo"],
            caption=form.cleaned_data["caption"],
        )

    actions: dict[str, tuple[Callable[..., forms.Form], Action]] = {
        "edit": (_form(ListingForm, "listing", producer=producer, creating=False), edit),
        "photo": (_form(PhotoForm, "photo"), photo),
        "stock": (_form(StockForm, "stock"), _stock_set(user)),
        "listing_move": (_form(ListingMoveForm, "listing_move"), _listing_move(user)),
    }
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        name, form, result = post_action(request, actions)
        if result is not None:
            messages.success(request, _("Saved."))
            return redirect("bazaar:listing-edit", pk=listing.pk)
        bound[name] = form
    initial = {name: getattr(listing, name) for name in LISTING_FIELDS}
    edit_form = bound.get("edit") or ListingForm(
        initial=initial, producer=producer, creating=False, auto_id="id_listing_%s"
    )
    return render(
        request,
        "bazaar/listing_form.html",
        {
            "form": edit_form,
            "producer": producer,
            "listing": listing,
            "moves": _listing_moves(listing),
            "photos": list(listing.photos.all()),
            "photo_form": bound.get("photo") or actions["photo"][0](),
            "stock_form": bound.get("stock")
            or StockForm(
                auto_id="id_stock_%s", initial={"listing": listing.pk, "stock": listing.stock}
            ),
            "move_form": bound.get("listing_move"),
        },
    )


# ---------------------------------------------------------------- buyer and orders


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def buy_view(request: HttpRequest) -> HttpResponse:
    """The buyer's dashboard (buyers and Mission officers): inquiries with their quotes (accept
    one to order), orders with their history and the moves left to the buyer."""
    user = _signed_in(request)
    if user is None or not permissions.is_buyer(user):
        raise PermissionDenied

    def accept(form: forms.Form) -> Order:
        try:
            quote = permissions.access_quote(user, form.cleaned_data["quote"])
        except Http404 as error:
            raise ValidationError(_("No such quote."), code="not_found") from error
        return services.quote_accept(buyer=user, quote=quote)

    actions: dict[str, tuple[Callable[..., forms.Form], Action]] = {
        "accept": (_form(QuoteAcceptForm, "accept"), accept),
        "order_move": (_form(OrderMoveForm, "order_move"), _order_move(user)),
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
    orders = _order_moves(user, list(buyer_orders(user=user)))
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
    user = _signed_in(request)
    assert user is not None
    order = permissions.access_order(user, pk)
    actions: dict[str, tuple[Callable[..., forms.Form], Action]] = {
        "order_move": (_form(OrderMoveForm, "order_move"), _order_move(user)),
        "payment": (_form(PaymentForm, "payment"), _payment_record(user)),
    }
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        name, form, result = post_action(request, actions)
        if result is not None:
            messages.success(request, _("Saved."))
            return redirect("bazaar:order", pk=order.pk)
        bound[name] = form
    _order_moves(user, [order])
    return render(
        request,
        "bazaar/order.html",
        {
            "order": order,
            "events": order.events.select_related("actor"),
            "bound": bound,
        },
    )


# ---------------------------------------------------------------- officers


def _onboard(user: User) -> Action:
    def write(form: forms.Form) -> Producer:
        assert isinstance(form, AssistedProducerForm)
        data = form.cleaned_data
        account: User | None = None
        if data["account"]:
            account = User.objects.filter(username=data["account"]).first()
            if account is None:
                raise ValidationError(
                    {"account": _("No account has this username.")}, code="account_unknown"
                )
        # One transaction: a producer whose account could not be linked is not registered.
        with transaction.atomic():
            producer = services.producer_register(
                actor=user,
                district=data["district"],
                name=data["name"],
                kind=data["kind"],
                pin_code=data["pin_code"],
                consent_note=data["consent_note"],
                **form.producer_fields(),
            )
            if account is not None:
                services.producer_account_link(actor=user, producer=producer, user=account)
        return producer

    return write


def _verify(user: User) -> Action:
    def write(form: forms.Form) -> Producer:
        producer = permissions.access_producer(user, form.cleaned_data["producer"])
        return services.producer_verify(
            actor=user, producer=producer, verified=form.cleaned_data["verified"]
        )

    return write


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def officer_view(request: HttpRequest) -> HttpResponse:
    """Officers: producers of their scope awaiting verification, assisted onboarding (with the
    producer's consent) and the unpaid orders by age."""
    user = _signed_in(request)
    if user is None or not user.is_officer:
        raise PermissionDenied
    actions: dict[str, tuple[Callable[..., forms.Form], Action]] = {
        "verify": (_form(ProducerVerifyForm, "verify"), _verify(user)),
        "onboard": (_form(AssistedProducerForm, "onboard", user=user), _onboard(user)),
    }
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        name, form, result = post_action(request, actions)
        if isinstance(result, Producer):
            if name == "onboard":
                messages.success(
                    request, _("%(name)s registered; verify them below.") % {"name": result.name}
                )
            elif result.status == ProducerStatus.VERIFIED:
                messages.success(request, _("%(name)s verified.") % {"name": result.name})
            else:
                messages.success(request, _("%(name)s suspended.") % {"name": result.name})
            return redirect("bazaar:officer")
        bound[name] = form
    ageing = orders_unpaid_ageing(user=user)
    largest = max((bucket.total for bucket in ageing), default=Decimal(0)) or Decimal(1)
    bars = [
        {
            "bucket": bucket,
            "width": round(float(bucket.total / largest) * 100, 1),
        }
        for bucket in ageing
    ]
    pending = permissions.producers_visible_to(user).filter(status=ProducerStatus.PENDING)
    return render(
        request,
        "bazaar/officer.html",
        {
            "pending": pending,
            "onboard_form": bound.get("onboard") or actions["onboard"][0](),
            "verify_form": bound.get("verify"),
            "bars": bars,
            "unpaid_count": sum(len(bucket.orders) for bucket in ageing),
        },
    )
