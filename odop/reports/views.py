"""Pages of the reports app: the district map (page and SVG) and the officers' MIS dashboard.

Views stay thin: the scope comes from `permissions`, figures from `sections`/`selectors`, the
map from `maps`. The map page and its SVG are public aggregates, cached per data version.
"""

import logging

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from odop.core.bounds import LGD_CODE_MAX
from odop.geography.models import State
from odop.reports import districtmap
from odop.reports.maps import MapPage, district_map, indicator_label
from odop.reports.permissions import (
    access_dashboard_scope,
    access_report_state,
    can_pick_state,
)
from odop.reports.sections import mis_sections
from odop.reports.selectors import INDICATORS, place_rows

logger = logging.getLogger(__name__)


def state_code_parse(raw: str | None) -> int | None:
    """`?state=` as an LGD code; None when absent. Http404 when not a code (as for an unknown
    State: no State has that code)."""
    if raw in (None, ""):
        return None
    text = str(raw).strip()
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= LGD_CODE_MAX:
        raise Http404
    return int(text)


def _indicator(request: HttpRequest) -> str:
    indicator = request.GET.get("indicator") or INDICATORS[0]
    if indicator not in INDICATORS:
        raise Http404
    return indicator


def _map_or_none(*, indicator: str, state: State | None) -> MapPage | None:
    try:
        return district_map(indicator=indicator, state=state)
    except districtmap.MapError:
        logger.warning("District map unavailable", exc_info=True)
        return None


@require_safe
def district_map_svg_view(request: HttpRequest) -> HttpResponse:
    """`/maps/districts.svg?state=&indicator=`: the map alone, as an SVG image."""
    state = access_report_state(request.user, state_code_parse(request.GET.get("state")))
    page = _map_or_none(indicator=_indicator(request), state=state)
    if page is None:
        return HttpResponse(
            "District boundaries unavailable", status=503, content_type="text/plain"
        )
    return HttpResponse(page.svg, content_type="image/svg+xml; charset=utf-8")


@require_safe
def district_map_view(request: HttpRequest) -> HttpResponse:
    """`/maps/districts/`: the map, its indicator and State pickers, and the districts that
    have no shape listed beside it."""
    state = access_report_state(request.user, state_code_parse(request.GET.get("state")))
    indicator = _indicator(request)
    page = _map_or_none(indicator=indicator, state=state)
    query = f"?indicator={indicator}" + (f"&state={state.lgd_code}" if state else "")
    return render(
        request,
        "reports/district_map.html",
        {
            "map": page,
            "state": state,
            "states": State.objects.order_by("name"),
            "indicator": indicator,
            "indicators": [(value, indicator_label(value)) for value in INDICATORS],
            "svg_url": reverse("reports:district-map-svg") + query,
        },
        status=200 if page is not None else 503,
    )


@login_required
@require_safe
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """`/mis/`: the officer's MIS, scoped to what they cover; a national admin may pick a State."""
    scope = access_dashboard_scope(request.user, state_code_parse(request.GET.get("state")))
    sections = mis_sections(scope)
    return render(
        request,
        "reports/dashboard.html",
        {
            "scope": scope,
            "sections": sections,
            "places": place_rows(scope=scope) if scope.district is None else [],
            "states": State.objects.order_by("name") if can_pick_state(request.user) else [],
            "report_query": f"?state={scope.state.lgd_code}" if scope.state else "",
        },
    )
