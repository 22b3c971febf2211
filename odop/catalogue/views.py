"""The public catalogue: national, State, district, product and product-type pages, and search.

No login is needed. Views stay thin: objects come through the `access_*` gates (404 for unknown
codes), figures through selectors, and the State map from the pure `odop.catalogue.maps`.
Every page runs a fixed number of queries, whatever the number of rows.
"""

import functools
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from odop.catalogue.maps import MapError, StateMap, state_features_load, state_map_render
from odop.events.selectors import district_event_totals
from odop.geography.models import State
from odop.geography.permissions import access_district, access_state
from odop.geography.selectors import district_search, district_spellings
from odop.registry.permissions import access_district_product, access_product_type
from odop.registry.selectors import (
    SEARCH_QUERY_MAX_LENGTH,
    Coverage,
    coverage_by_state,
    coverage_national,
    coverage_state,
    district_product_search,
    district_products_of_product_type,
    districts_of_state,
    products_by_sector,
    products_of_district,
)
from odop.selection.selectors import candidate_result, selection_of_product

logger = logging.getLogger(__name__)

STATE_BOUNDARIES_FILE: Final = Path("boundaries") / "india_states_datta07_simplified.topo.json"
SEARCH_PAGE_SIZE: Final = 50
SEARCH_QUERY_MIN_LENGTH: Final = 2


@dataclass(frozen=True, slots=True)
class SectorBar:
    """One bar of a "products by sector" chart; `width` is the SVG width (0–100) as text."""

    label: str
    total: int
    width: str


def _sector_bars(rows: list[tuple[str, str, int]]) -> list[SectorBar]:
    largest = max((total for _value, _label, total in rows), default=0)
    return [
        # The width goes into an SVG attribute: a plain number, never localised.
        SectorBar(
            label=label, total=total, width=f"{100 * total / largest:.1f}" if largest else "0"
        )
        for _value, label, total in rows
    ]


def _percent(value: float) -> str:
    return _("%(percent)s%%") % {"percent": number_format(value, decimal_pos=0)}


MAP_METRICS: Final = ("coverage", "products")


def _state_map(states: list[tuple[State, Coverage]], metric: str) -> StateMap | None:
    """The State map coloured by `metric`: "coverage" (share of districts with a product, on a
    fixed 0–100% scale) or "products" (products per district, 0 to the largest State's value).
    None when the boundaries file is missing or unreadable."""
    path = Path(settings.ODOP_DATA_DIR) / STATE_BOUNDARIES_FILE
    if metric == "products":
        values = tuple(
            (state.lgd_code, coverage.products / coverage.districts if coverage.districts else None)
            for state, coverage in states
        )
    else:
        values = tuple(
            (state.lgd_code, coverage.percent if coverage.districts else None)
            for state, coverage in states
        )
    try:
        modified_ns = path.stat().st_mtime_ns
        return _state_map_rendered(
            str(path), modified_ns, values, metric, get_language() or settings.LANGUAGE_CODE
        )
    except MapError:
        logger.warning("State map unavailable: cannot read %s", path, exc_info=True)
        return None


def _per_district(value: float) -> str:
    return _("%(count)s per district") % {"count": number_format(value, decimal_pos=1)}


@functools.lru_cache(maxsize=16)
def _state_map_rendered(
    path: str,
    modified_ns: int,
    values: tuple[tuple[int, float | None], ...],
    metric: str,
    language: str,
) -> StateMap:
    """Drawing the SVG is the costliest part of the home page: draw it once per file version,
    set of values, metric and language (the values change only when the registry does)."""
    features = state_features_load(Path(path))
    if metric == "products":
        largest = max((value for _code, value in values if value is not None), default=1.0)
        options = {
            "title": _("District products per district, by State/UT"),
            "format_value": _per_district,
            "maximum": float(math.ceil(largest)),
        }
    else:
        options = {
            "title": _("Share of districts with at least one product, by State/UT"),
            "format_value": _percent,
        }
    return state_map_render(
        features,
        dict(values),
        links={code: reverse("catalogue:state", args=[code]) for code, _value in values},
        state_codes=[code for code, _value in values],
        no_data_label=_("no data"),
        **options,  # type: ignore[arg-type]
    )


@require_safe
def home_view(request: HttpRequest) -> HttpResponse:
    """National figures, products by sector, the coverage map and the table of States."""
    states = coverage_by_state()
    metric = request.GET.get("map", "coverage")
    metric = metric if metric in MAP_METRICS else "coverage"
    state_map = _state_map(states, metric)
    names = {state.lgd_code: state.name for state, _coverage in states}
    return render(
        request,
        "catalogue/home.html",
        {
            "national": coverage_national(),
            "states": states,
            "states_with_products": sum(1 for _state, coverage in states if coverage.products),
            "sectors": _sector_bars(products_by_sector()),
            "state_map": state_map,
            "map_metric": metric,
            "states_without_shape": [names[code] for code in state_map.states_without_shape]
            if state_map
            else [],
        },
    )


@require_safe
def state_view(request: HttpRequest, lgd_code: int) -> HttpResponse:
    """One State: coverage, products by sector and its districts with their product counts."""
    state = access_state(request.user, lgd_code)
    return render(
        request,
        "catalogue/state.html",
        {
            "state": state,
            "coverage": coverage_state(state=state),
            "sectors": _sector_bars(products_by_sector(state=state)),
            "districts": districts_of_state(state=state),
        },
    )


@require_safe
def district_view(request: HttpRequest, lgd_code: int) -> HttpResponse:
    """One district: its State, headquarters, other spellings and products."""
    district = access_district(request.user, lgd_code)
    return render(
        request,
        "catalogue/district.html",
        {
            "district": district,
            "spellings": district_spellings(district=district),
            "products": products_of_district(district=district),
            "event_totals": district_event_totals(district=district),
        },
    )


@require_safe
def product_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One district's product, with the values exactly as the national list gives them, and
    the scorecard summary of its selection when it was selected on the platform."""
    product = access_district_product(request.user, pk)
    # Only web links are shown (as plain links, never embedded): the list is not trusted.
    photo_url = (
        product.photo_url if product.photo_url.lower().startswith(("https://", "http://")) else ""
    )
    # The published selection behind the product, if it came through a scorecard (one query).
    selection = selection_of_product(product=product)
    return render(
        request,
        "catalogue/product.html",
        {
            "product": product,
            "photo_url": photo_url,
            "selection": selection,
            "selection_result": candidate_result(candidate=selection) if selection else None,
        },
    )


@require_safe
def product_type_view(request: HttpRequest, slug: str) -> HttpResponse:
    """A kind of product and every district that chose it, grouped by State."""
    product_type = access_product_type(request.user, slug)
    entries = list(district_products_of_product_type(user=request.user, product_type=product_type))
    return render(
        request,
        "catalogue/product_type.html",
        {
            "product_type": product_type,
            "entries": entries,
            "state_count": len({entry.district.state_id for entry in entries}),
        },
    )


@require_safe
def search_view(request: HttpRequest) -> HttpResponse:
    """Products (by name or type) and districts (by name or known spelling) matching `q`."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    searched = len(query) >= SEARCH_QUERY_MIN_LENGTH
    terms = query if searched else ""
    products = Paginator(
        district_product_search(user=request.user, query=terms), SEARCH_PAGE_SIZE
    ).get_page(request.GET.get("products_page"))
    districts = Paginator(
        district_search(user=request.user, query=terms), SEARCH_PAGE_SIZE
    ).get_page(request.GET.get("districts_page"))
    return render(
        request,
        "catalogue/search.html",
        {
            "query": query,
            "searched": searched,
            "too_short": bool(query) and not searched,
            "min_length": SEARCH_QUERY_MIN_LENGTH,
            "products": products,
            "districts": districts,
        },
    )
