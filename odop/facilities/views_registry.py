"""Pages officers keep the registry with, and the producer's own bookings.

National admins, State officers and district officers register centres in their area, edit
them (particulars, products, scheme application, opening hours), add and edit machines and
name operators. A centre outside the officer's area answers 404, the same as no centre. The
producer's "My bookings" lists their bookings, upcoming and past, and cancels within the
notice rule. Every write is one service call; a refusal shows on the form with nothing
written.
"""

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from odop.accounts.models import User, signed_in_user
from odop.core.forms import form_apply as form_apply_plain
from odop.facilities import permissions, rules, selectors, services
from odop.facilities.forms import BookingActionForm
from odop.facilities.forms_registry import (
    CentreForm,
    EquipmentForm,
    OperatorForm,
    OperatorRemoveForm,
)
from odop.facilities.models import BookingStatus, Centre
from odop.registry.models import DistrictProduct
from odop.schemes.models import Application
from odop.schemes.permissions import applications_visible_to


def form_apply(form: forms.BaseForm, write: Callable[[], Any]) -> object | None:
    """`odop.core.forms.form_apply` for the model forms of these pages."""
    return form_apply_plain(cast(forms.Form, form), write)


def _keeper(request: HttpRequest) -> User:
    """The signed-in officer who may keep centres; anybody else 404 (before any lookup)."""
    user = signed_in_user(request.user)
    if user is None or not permissions.can_register_centres(user):
        raise Http404
    return user


def _centre_form(user: User, data: Any = None, centre: Centre | None = None) -> CentreForm:
    """The centre form with the choices of the officer's area."""
    districts = permissions.districts_kept_by(user)
    if centre is not None:
        districts = districts.filter(pk=centre.district_id)
    products: QuerySet[DistrictProduct] = DistrictProduct.objects.filter(
        district__in=districts
    ).order_by("district__name", "name")
    applications: QuerySet[Application] = applications_visible_to(user).filter(
        district__in=districts
    )
    return CentreForm(
        data,
        instance=centre,
        districts=districts.order_by("name"),
        products=products,
        applications=applications.order_by("-pk"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def centre_new_view(request: HttpRequest) -> HttpResponse:
    """Register a centre in the officer's area."""
    user = _keeper(request)
    form = _centre_form(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        centre = form_apply(
            form,
            lambda: services.centre_create(
                district=form.cleaned_data["district"],
                products=form.cleaned_data["products"],
                week=form.week(),
                **form.particulars(),
            ),
        )
        if isinstance(centre, Centre):
            messages.success(request, _("Centre registered. Add its machines and operators."))
            return redirect("facilities:centre-edit", centre.pk)
    return render(request, "facilities/centre_form.html", {"form": form, "centre": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def centre_edit_view(request: HttpRequest, centre_id: int) -> HttpResponse:
    """Edit a centre of the officer's area: particulars and hours, machines, operators."""
    user = _keeper(request)
    centre = permissions.access_centre_to_keep(user, centre_id)
    form = _centre_form(user, centre=centre)
    machine_form = EquipmentForm(prefix="machine")
    operator_form = OperatorForm(prefix="operator")
    if request.method == "POST":
        action = request.POST.get("action", "")
        done: object | None = None
        if action == "centre":
            form = _centre_form(user, request.POST, centre=centre)
            if form.is_valid():
                done = form_apply(
                    form,
                    lambda: services.centre_update(
                        centre=centre,
                        week=form.week(),
                        products=form.cleaned_data["products"],
                        **form.particulars(),
                    ),
                )
        elif action == "machine":
            machine_form = EquipmentForm(request.POST, prefix="machine")
            if machine_form.is_valid():
                done = form_apply(
                    machine_form,
                    lambda: services.equipment_add(centre=centre, **machine_form.cleaned_data),
                )
        elif action == "operator_add":
            operator_form = OperatorForm(request.POST, prefix="operator")
            if operator_form.is_valid():
                done = form_apply(
                    operator_form,
                    lambda: services.centre_operators_set(
                        centre=centre,
                        operators=[
                            *centre.operators.all(),
                            services.operator_find(operator_form.cleaned_data["operator"]),
                        ],
                    ),
                )
        elif action == "operator_remove":
            remove = OperatorRemoveForm(request.POST)
            if not remove.is_valid():
                raise Http404
            gone = remove.cleaned_data["user"]
            if not centre.operators.filter(pk=gone).exists():
                raise Http404
            services.centre_operators_set(
                centre=centre, operators=list(centre.operators.exclude(pk=gone))
            )
            done = True
        else:
            raise Http404
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("facilities:centre-edit", centre.pk)
    context = {
        "centre": centre,
        "form": form,
        "machine_form": machine_form,
        "operator_form": operator_form,
        "machines": list(centre.equipment.order_by("name", "pk")),
        "operators": list(centre.operators.order_by("username")),
    }
    return render(request, "facilities/centre_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def equipment_edit_view(request: HttpRequest, centre_id: int, equipment_id: int) -> HttpResponse:
    """Edit one machine of a centre of the officer's area (its status: working, under
    repair)."""
    user = _keeper(request)
    centre = permissions.access_centre_to_keep(user, centre_id)
    machine = permissions.access_equipment_to_keep(user, centre, equipment_id)
    form = EquipmentForm(request.POST or None, instance=machine)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if form_apply(form, lambda: services.equipment_update(equipment=machine, **data)):
            messages.success(request, _("Saved."))
            return redirect("facilities:centre-edit", centre.pk)
    return render(
        request,
        "facilities/equipment_form.html",
        {"centre": centre, "machine": machine, "form": form},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_bookings_view(request: HttpRequest) -> HttpResponse:
    """The producer's own bookings, upcoming and past; cancelling one within the rules."""
    user = signed_in_user(request.user)
    if user is None:
        raise Http404
    if request.method == "POST":
        form = BookingActionForm(request.POST)
        if not form.is_valid() or request.POST.get("action") != "cancel":
            raise Http404
        booking = permissions.access_booking(user, form.cleaned_data["booking"])
        if not permissions.can_cancel_own_booking(user, booking):
            raise Http404
        try:
            services.booking_transition(actor=user, booking=booking, to=BookingStatus.CANCELLED)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Booking cancelled."))
        return redirect("facilities:my-bookings")
    now = timezone.now()
    bookings = list(selectors.booking_list_for_producer(user=user))
    upcoming = sorted((b for b in bookings if b.end > now), key=lambda b: (b.start, b.pk))
    past = [b for b in bookings if b.end <= now]
    notice = rules.CANCEL_NOTICE_HOURS
    cancellable = {
        b.pk
        for b in upcoming
        if b.status in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)
        and (b.start - now).total_seconds() >= notice * 3600
    }
    return render(
        request,
        "facilities/my_bookings.html",
        {
            "upcoming": upcoming,
            "past": past,
            "cancellable": cancellable,
            "cancel_hours": notice,
        },
    )
