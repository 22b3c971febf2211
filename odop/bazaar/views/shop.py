"""The public shop window: storefront search with facets, a listing's story page, a producer's
profile (contact details revealed to buyers, logged), "Made in <district>"."""

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import signed_in_user
from odop.bazaar import permissions, services
from odop.bazaar.forms import (
    InquiryForm,
    OrderForm,
    StorefrontForm,
)
from odop.bazaar.matches import RegistryMatches, registry_matches
from odop.bazaar.models import Inquiry, Listing, Order
from odop.bazaar.selectors import (
    ListingFilters,
    RankedListings,
    certifications_valid,
    listing_facets,
    listing_gi_authorised,
    listings_find,
)
from odop.bazaar.views.common import (
    PAGE_SIZE,
    PUBLIC,
    HtmxHttpRequest,
    form_factory,
    listing_cards,
)
from odop.core.forms import post_action
from odop.geography.permissions import access_district
from odop.registry.models import DistrictProduct

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
        product=data["product"],
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
def storefront_view(request: HtmxHttpRequest) -> HttpResponse:
    """The storefront: full-text search and facets as GET parameters, 20 results a page."""
    form = StorefrontForm(request.GET or None, auto_id="id_search_%s")
    filters = _filters_from(form)
    listings = listings_find(user=PUBLIC, filters=filters)
    matches = RegistryMatches()
    registry_fallback = False
    if form.is_bound and not form.is_valid():
        # A query the form refuses (over 100 characters, a price that is not a number) finds
        # nothing and says why, rather than silently showing every product (issue 12).
        listings = listings.none()
    elif filters.text and filters.product is None:
        # What the registry's ranking says the words mean (old place names, Hindi, GI names,
        # misspellings): facets to follow, and the results when no listing has the words.
        unworded = listings_find(user=PUBLIC, filters=replace(filters, text=""))
        matches = registry_matches(unworded, text=filters.text)
        if matches.ranked_ids and not listings.exists():
            listings = matches.listings(unworded)
            registry_fallback = True
    paginator: Paginator[Listing] = Paginator(
        RankedListings(listings, load=listing_cards), PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    facets = listing_facets(listings, with_districts=filters.state is not None)
    query = request.GET
    # HTMX (the live search as the buyer types) asks for the results alone: a few KB instead
    # of the whole page on a slow connection. Without JavaScript the form simply submits.
    template = "bazaar/_storefront_results.html" if request.htmx else "bazaar/storefront.html"
    response = render(
        request,
        template,
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
            "matched_products": [
                {
                    "label": m.label,
                    "count": m.count,
                    "url": _link(query, q=None, product=m.product_id),
                }
                for m in matches.products
            ],
            "matched_districts": [
                {
                    "label": m.label,
                    "count": m.count,
                    "url": _link(query, q=None, state=m.state_lgd, district=m.district_lgd),
                }
                for m in matches.districts
            ],
            "registry_fallback": registry_fallback,
            "chosen_product": (
                DistrictProduct.objects.filter(pk=filters.product)
                .select_related("district")
                .first()
                if filters.product is not None
                else None
            ),
            "all_products_link": _link(query, product=None),
        },
    )
    patch_vary_headers(response, ["HX-Request"])  # the two answers must not share a cache
    return response


# ---------------------------------------------------------------- listing, producer, district


@require_http_methods(["GET", "HEAD", "POST"])
def listing_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A listing's story page; buyers send an inquiry or order from it (`action` = `inquiry`
    or `order`). A failed order shows the service's error and takes no stock."""
    listing = permissions.access_listing(request.user, pk)
    user = signed_in_user(request.user)
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
                "inquiry": (form_factory(InquiryForm, "inquiry"), inquire),
                "order": (form_factory(OrderForm, "order"), order),
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
        user = signed_in_user(request.user)
        if user is None:
            return redirect_to_login(request.get_full_path())
        contact = services.contact_reveal(viewer=user, producer=producer)
    elif permissions.can_edit_producer(request.user, producer):
        contact = services.Contact(
            phone=producer.phone, email=producer.email, address=producer.address
        )
    listings = listings_find(user=PUBLIC, filters=ListingFilters(producer=producer.pk))
    page = Paginator(listing_cards(listings), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "bazaar/producer.html",
        {
            "producer": producer,
            "certifications": certifications_valid(producer=producer),
            "page": page,
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
    page = Paginator(listing_cards(listings), PAGE_SIZE).get_page(request.GET.get("page"))
    producers = permissions.producers_visible_to(PUBLIC).filter(district=district)
    return render(
        request,
        "bazaar/district.html",
        {"district": district, "page": page, "producers": producers},
    )
