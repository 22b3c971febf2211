"""The seller's side: dashboard (listings, stock, inquiries and quotes, orders, payments, who saw
the contact details, certificates), registration, the listing editor with photos."""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from odop.accounts.models import Role, User, signed_in_user
from odop.bazaar import permissions, services
from odop.bazaar.forms import (
    CertificationForm,
    ListingForm,
    ListingMoveForm,
    OrderMoveForm,
    PaymentForm,
    PhotoDeleteForm,
    PhotoForm,
    ProducerForm,
    QuoteForm,
    StockForm,
)
from odop.bazaar.models import Listing, ListingPhoto, ListingStatus, Quote
from odop.bazaar.selectors import (
    ListingFilters,
    listings_find,
    reveals_of,
    seller_inquiries,
    seller_orders,
)
from odop.bazaar.services import LISTING_FIELDS
from odop.bazaar.views.common import (
    Action,
    form_factory,
    order_move,
    order_moves,
    payment_record,
)
from odop.bazaar.workflow import LISTING_TRANSITIONS
from odop.core.forms import form_apply, post_action
from odop.producers.models import Producer

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
    user = signed_in_user(request.user)
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
            made_to_order=data["made_to_order"],
            lead_time_days=data["lead_time_days"],
        )

    def certify(form: forms.Form) -> object:
        data = form.cleaned_data
        return services.certification_add(actor=user, producer=producer, **data)

    actions: dict[str, tuple[Callable[..., forms.Form], Action]] = {
        "stock": (form_factory(StockForm, "stock"), _stock_set(user)),
        "listing_move": (form_factory(ListingMoveForm, "listing_move"), _listing_move(user)),
        "quote": (form_factory(QuoteForm, "quote"), quote),
        "order_move": (form_factory(OrderMoveForm, "order_move"), order_move(user)),
        "payment": (form_factory(PaymentForm, "payment"), payment_record(user)),
        "certification": (
            form_factory(CertificationForm, "certification", producer=producer),
            certify,
        ),
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
        # More wanted than held: the quote starts as made to order with the listing's lead
        # time, since a quote from stock could not be met (issue 12).
        beyond_stock = inquiry.quantity > inquiry.listing.stock
        inquiry.quote_form = (  # type: ignore[attr-defined]
            quote_bound
            if is_bound
            else QuoteForm(
                auto_id=f"id_quote_{inquiry.pk}_%s",
                initial={
                    "inquiry": inquiry.pk,
                    "quantity": inquiry.quantity,
                    "unit_price": inquiry.listing.price,
                    "made_to_order": beyond_stock,
                    "lead_time_days": max(inquiry.listing.lead_time_days, 1)
                    if beyond_stock
                    else None,
                },
            )
        )
    orders = order_moves(user, list(seller_orders(user=user, producer=producer)))
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
    user = signed_in_user(request.user)
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
    user = signed_in_user(request.user)
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

    def photo_delete(form: forms.Form) -> bool:
        # Only this listing's photos: another listing's number is simply not found here.
        found = listing.photos.filter(pk=form.cleaned_data["photo"]).first()
        if found is None:
            raise ValidationError(_("This listing has no such photo."), code="not_found")
        services.listing_photo_delete(actor=user, photo=found)
        return True

    actions: dict[str, tuple[Callable[..., forms.Form], Action]] = {
        "edit": (form_factory(ListingForm, "listing", producer=producer, creating=False), edit),
        "photo": (form_factory(PhotoForm, "photo"), photo),
        "photo_delete": (form_factory(PhotoDeleteForm, "photo_delete"), photo_delete),
        "stock": (form_factory(StockForm, "stock"), _stock_set(user)),
        "listing_move": (form_factory(ListingMoveForm, "listing_move"), _listing_move(user)),
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
            "can_delete_photos": permissions.can_delete_listing_photo(user, listing),
            "photo_delete_form": bound.get("photo_delete"),
            "photo_form": bound.get("photo") or actions["photo"][0](),
            "stock_form": bound.get("stock")
            or StockForm(
                auto_id="id_stock_%s", initial={"listing": listing.pk, "stock": listing.stock}
            ),
            "move_form": bound.get("listing_move"),
        },
    )
