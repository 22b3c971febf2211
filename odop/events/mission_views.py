"""Pages of Missions' work (issue 16), mounted under /events/: the world view of outreach,
recording outreach, and consignments (list, record, move planned → dispatched → delivered).

The world view is not public: its table carries the Missions' own notes of results (buyers and
firms they met, sometimes by name), so it is for Mission officers and the national admin, the
same people who may read outreach records (odop.events.permissions.outreach_visible_to).
Consignments are seen as the permissions module allows (Missions and the national admin all;
officers their origin districts'). Not in the page cache: every page depends on who asks.
"""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import User, signed_in_user
from odop.core.countries import country_name
from odop.core.forms import form_apply
from odop.events import permissions, selectors, services, worldmap
from odop.events.forms import ConsignmentForm, OutreachForm
from odop.events.models import Consignment, ConsignmentStatus, Outreach, OutreachKind
from odop.events.workflow import CONSIGNMENT_TRANSITIONS
from odop.geography.permissions import officer_scope
from odop.registry.models import DistrictProduct


def _mission_actor(request: HttpRequest) -> User:
    """The signed-in Mission officer or national admin, else 403."""
    actor = signed_in_user(request.user)
    if actor is None or not permissions.can_record_outreach(actor):
        raise PermissionDenied
    return actor


def _map_label(code: str, count: int) -> str:
    return ngettext(
        "%(country)s: %(count)s activity", "%(country)s: %(count)s activities", count
    ) % {"country": country_name(code), "count": count}


@login_required
@require_safe
def missions_view(request: HttpRequest) -> HttpResponse:
    """The world view: a map shaded by outreach count and the table by country, then the
    records themselves, newest first."""
    actor = _mission_actor(request)
    outreach = permissions.outreach_visible_to(actor)
    rows = selectors.outreach_by_country(outreach)
    kinds = dict(OutreachKind.choices)
    world = None
    try:
        shapes = worldmap.shapes_load(Path(settings.ODOP_DATA_DIR))
    except worldmap.MapError:
        shapes = None  # the page says the map is unavailable; the table still stands
    if shapes is not None:
        world = worldmap.world_map_render(
            shapes,
            {row.country: row.total for row in rows},
            title=_("Missions' outreach by country"),
            label=_map_label,
        )
    return render(
        request,
        "events/missions.html",
        {
            "world": world,
            "rows": [
                (row, [(kinds.get(kind, kind), count) for kind, count in row.by_kind])
                for row in rows
            ],
            "records": outreach.order_by("-held_on", "-pk")[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def outreach_create_view(request: HttpRequest) -> HttpResponse:
    """A Mission records one outreach activity."""
    actor = _mission_actor(request)
    form = OutreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outreach = form_apply(
            form,
            lambda: services.outreach_record(
                actor=actor,
                kind=data["kind"],
                country=data["country"],
                held_on=data["held_on"],
                products=list(data["products"]),
                results=data["results"],
            ),
        )
        if isinstance(outreach, Outreach):
            messages.success(request, _("Outreach recorded."))
            return redirect("events:missions")
    return render(request, "events/outreach_create.html", {"form": form})


def _recordable_products(actor: User) -> QuerySet[DistrictProduct]:
    products = DistrictProduct.objects.select_related("district").order_by("name")
    if permissions.can_record_outreach(actor):
        return products
    return products.filter(officer_scope(actor, district_field="district"))


@login_required
@require_safe
def consignment_list_view(request: HttpRequest) -> HttpResponse:
    """The consignments the visitor may see, newest first."""
    actor = signed_in_user(request.user)
    assert actor is not None
    consignments = permissions.consignments_visible_to(actor).select_related("product")
    return render(
        request,
        "events/consignments.html",
        {
            "consignments": consignments,
            "can_record": _recordable_products(actor).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consignment_create_view(request: HttpRequest) -> HttpResponse:
    """Record a planned consignment of a product the visitor may record for."""
    actor = signed_in_user(request.user)
    assert actor is not None
    products = _recordable_products(actor)
    if not products.exists():
        raise PermissionDenied
    form = ConsignmentForm(request.POST or None, products=products)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consignment = form_apply(form, lambda: services.consignment_create(actor=actor, **data))
        if isinstance(consignment, Consignment):
            messages.success(request, _("Consignment recorded."))
            return redirect("events:consignment", consignment.pk)
    return render(request, "events/consignment_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def consignment_view(request: HttpRequest, consignment_id: int) -> HttpResponse:
    """One consignment with its history; who may record it moves it to its next status."""
    actor = signed_in_user(request.user)
    assert actor is not None
    consignment = permissions.access_consignment(actor, consignment_id)
    can_move = permissions.can_record_consignment(actor, consignment.product)
    error = ""
    if request.method == "POST":
        if not can_move:
            raise PermissionDenied
        status = request.POST.get("status", "")
        if status not in CONSIGNMENT_TRANSITIONS[consignment.status]:
            error = _("This consignment cannot move to that status.")
        else:
            try:
                services.consignment_status_change(
                    actor=actor, consignment=consignment, status=status
                )
            except ValidationError:  # moved by someone else meanwhile
                error = _("This consignment cannot move to that status.")
            else:
                messages.success(request, _("Status changed."))
                return redirect("events:consignment", consignment.pk)
    return render(
        request,
        "events/consignment.html",
        {
            "consignment": consignment,
            "history": consignment.events.select_related("actor"),
            "next_statuses": [
                (status, ConsignmentStatus(status).label)
                for status in CONSIGNMENT_TRANSITIONS[consignment.status]
            ]
            if can_move
            else [],
            "error": error,
        },
        status=400 if error else 200,
    )
