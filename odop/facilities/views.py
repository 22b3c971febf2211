"""Pages of Common Facility Centres, mounted at /cfcs/ (namespace "facilities").

Public: the list of centres (by State and district) and each centre's page with its machines
and hours. On a centre's page a verified producer books a machine and cancels their
bookings; its operators confirm bookings and mark them used or no-show. The utilisation page
(operators and the officers of the area) draws the centre's months as SVG charts with data
tables; operators file or correct a month there, typed or uploaded. Officers see their area's
centres by utilisation. Every write is one service call (POST `action`), its refusal shown on
the form with nothing written.
"""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import signed_in_user
from odop.core.forms import form_errors_add
from odop.core.tabular import table_from_csv_bytes, table_from_xlsx_bytes
from odop.facilities import charts, permissions, rules, selectors, services
from odop.facilities.forms import (
    BookingActionForm,
    BookingForm,
    UtilisationForm,
    UtilisationUploadForm,
)
from odop.facilities.models import BookingStatus, Centre, EquipmentStatus, UtilisationReport
from odop.facilities.services.utilisation import UPLOAD_COLUMNS, MonthFigures
from odop.geography.models import District, State

ACTIONS = {
    "confirm": BookingStatus.CONFIRMED,
    "use": BookingStatus.USED,
    "no_show": BookingStatus.NO_SHOW,
    "cancel": BookingStatus.CANCELLED,
}


def _lgd(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) <= 6 else None


@require_safe
def centres_view(request: HttpRequest) -> HttpResponse:
    """Centres, filtered by `state` and `district` (LGD codes)."""
    state = _lgd(request.GET.get("state"))
    district = _lgd(request.GET.get("district"))
    centres = selectors.centre_list(user=request.user, state_lgd=state, district_lgd=district)
    with_centres = permissions.centres_visible_to(request.user)
    context = {
        "centres": centres,
        "states": State.objects.filter(districts__centres__in=with_centres).distinct(),
        "districts": District.objects.filter(centres__in=with_centres)
        .select_related("state")
        .distinct()
        .order_by("name"),
        "state": state,
        "district": district,
        "can_register": permissions.can_register_centres(request.user),
        "can_book": permissions.can_book(request.user),
    }
    return render(request, "facilities/centres.html", context)


def _booking_post(request: HttpRequest, centre: Centre, form: BookingForm) -> bool:
    """Book from the page's form; False (errors on the form) when refused."""
    if not form.is_valid():
        return False
    machine = permissions.access_equipment(request.user, form.cleaned_data["equipment"])
    if machine.centre_id != centre.pk:
        raise Http404
    start, end = form.times()
    user = signed_in_user(request.user)
    assert user is not None
    try:
        services.booking_create(actor=user, equipment=machine, start=start, end=end)
    except ValidationError as error:
        form_errors_add(form, error)
        return False
    return True


def _booking_action(request: HttpRequest, action: str) -> None:
    """Confirm, mark used or no-show, or cancel the posted booking (messages say how)."""
    form = BookingActionForm(request.POST)
    if not form.is_valid():
        raise Http404
    user = signed_in_user(request.user)
    assert user is not None
    booking = permissions.access_booking(user, form.cleaned_data["booking"])
    try:
        services.booking_transition(actor=user, booking=booking, to=ACTIONS[action])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))


@require_http_methods(["GET", "HEAD", "POST"])
def centre_view(request: HttpRequest, centre_id: int) -> HttpResponse:
    """A centre: its products, hours and machines; booking for verified producers; the
    bookings to handle for its operators."""
    centre = permissions.access_centre(request.user, centre_id)
    machines = list(centre.equipment.order_by("name", "pk"))
    bookable = [m for m in machines if m.status == EquipmentStatus.WORKING]
    can_book = permissions.can_book(request.user)
    operator = permissions.is_operator(request.user, centre)
    form = BookingForm(machines=bookable) if can_book else None
    if request.method == "POST":
        if signed_in_user(request.user) is None:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action == "book":
            if not can_book:
                raise PermissionDenied
            form = BookingForm(request.POST, machines=bookable)
            if _booking_post(request, centre, form):
                messages.success(request, _("Booked. The centre will confirm your booking."))
                return redirect(request.path + "#bookings")
        elif action in ACTIONS:
            _booking_action(request, action)
            return redirect(request.path + "#bookings")
        else:
            raise PermissionDenied
    context: dict[str, Any] = {
        "centre": centre,
        "machines": machines,
        "hours": centre.opening_hours.all(),
        "products": centre.products.all(),
        "form": form,
        "operator": operator,
        "can_keep": permissions.centres_kept_by(request.user).filter(pk=centre.pk).exists(),
        "can_view_utilisation": permissions.can_view_utilisation(request.user, centre),
        "bookings": list(selectors.centre_bookings_upcoming(user=request.user, centre=centre))
        if signed_in_user(request.user)
        else [],
        "cancel_hours": rules.CANCEL_NOTICE_HOURS,
        "now": timezone.now(),
    }
    return render(request, "facilities/centre.html", context)


def _chart_context(reports: list[UtilisationReport]) -> list[dict[str, Any]]:
    """Three charts (income, expenses, capacity used) over the reported months."""
    labels = [f"{report.year}-{report.month:02d}" for report in reports]
    series = [
        ("income", _("Income (₹)"), [r.income for r in reports], ""),
        ("expenses", _("Expenses (₹)"), [r.expenses for r in reports], ""),
        ("capacity", _("Capacity used (%)"), [r.capacity_used for r in reports], "%"),
    ]
    charts_out = []
    for key, title, values, unit in series:
        points = [
            charts.Point(label=label, value=Decimal(v))
            for label, v in zip(labels, values, strict=True)
        ]
        description = _(
            "%(title)s by month, %(first)s to %(last)s; the table below lists the values."
        ) % {
            "title": title,
            "first": labels[0] if labels else "-",
            "last": labels[-1] if labels else "-",
        }
        svg = charts.line_chart_svg(
            chart_id=f"chart-{key}", title=title, description=description, points=points, unit=unit
        )
        charts_out.append({"key": key, "title": title, "svg": mark_safe(svg)})
    return charts_out


def _figures(form: UtilisationForm) -> MonthFigures:
    year, month = form.cleaned_data["month"]
    return MonthFigures(
        year=year,
        month=month,
        users_served=form.cleaned_data["users_served"],
        income=form.cleaned_data["income"],
        expenses=form.cleaned_data["expenses"],
        hours=form.hours(),
    )


def _utilisation_post(
    request: HttpRequest, centre: Centre, form: UtilisationForm, upload: UtilisationUploadForm
) -> bool:
    """File, correct or upload; False when refused (errors on the form)."""
    user = signed_in_user(request.user)
    assert user is not None
    action = request.POST.get("action", "")
    try:
        if action == "upload":
            if not upload.is_valid():
                return False
            file = upload.cleaned_data["file"]
            raw = file.read()
            read = (
                table_from_xlsx_bytes
                if file.name.lower().endswith(".xlsx")
                else table_from_csv_bytes
            )
            services.utilisation_upload(actor=user, centre=centre, table=read(raw, name=file.name))
            return True
        if not form.is_valid():
            return False
        figures = _figures(form)
        if action == "correct":
            report = (
                permissions.utilisation_reports_visible_to(user)
                .filter(centre=centre, year=figures.year, month=figures.month)
                .first()
            )
            if report is None:
                raise ValidationError(
                    {
                        "month": ValidationError(
                            _("This month is not reported yet."), code="not_reported"
                        )
                    }
                )
            services.utilisation_report_correct(
                actor=user, report=report, figures=figures, note=form.cleaned_data["note"]
            )
        else:
            services.utilisation_report_file(actor=user, centre=centre, figures=figures)
    except ValidationError as error:
        form_errors_add(upload if action == "upload" else form, error)
        return False
    return True


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def utilisation_view(request: HttpRequest, centre_id: int) -> HttpResponse:
    """A centre's months as charts and a table; operators file, correct or upload a month."""
    centre = permissions.access_centre(request.user, centre_id)
    if not permissions.can_view_utilisation(request.user, centre):
        raise Http404
    reporter = permissions.can_report_utilisation(request.user, centre)
    machines = list(centre.equipment.order_by("name", "pk"))
    year, month = rules.month_previous(timezone.localdate())
    booked = selectors.booking_hours_used(centre=centre, year=year, month=month)
    initial = {"month": f"{year}-{month:02d}"} | {
        f"hours_{machine}": hours for machine, hours in booked.items()
    }
    form = UtilisationForm(machines=machines, initial=initial)
    upload = UtilisationUploadForm()
    if request.method == "POST":
        if not reporter:
            raise PermissionDenied
        form = UtilisationForm(request.POST, machines=machines)
        upload = UtilisationUploadForm(request.POST, request.FILES)
        if request.POST.get("action") == "upload":
            form = UtilisationForm(machines=machines, initial=initial)
        else:
            upload = UtilisationUploadForm()
        if _utilisation_post(request, centre, form, upload):
            messages.success(request, _("Saved."))
            return redirect(request.path)
    reports = selectors.utilisation_series(user=request.user, centre=centre)
    context = {
        "centre": centre,
        "reports": reports,
        "charts": _chart_context(reports),
        "reporter": reporter,
        "form": form,
        "upload": upload,
        "machines": machines,
        "columns": UPLOAD_COLUMNS,
    }
    return render(request, "facilities/utilisation.html", context)


@login_required
@require_safe
def state_utilisation_view(request: HttpRequest) -> HttpResponse:
    """The officer's area's centres by average capacity used over the last twelve months."""
    user = signed_in_user(request.user)
    if user is None or not permissions.can_view_state_utilisation(user):
        raise Http404
    rows = selectors.state_utilisation_table(user=user, today=timezone.localdate())
    return render(request, "facilities/state.html", {"rows": rows})
