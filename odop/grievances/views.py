"""Pages of grievances, mounted at /grievances/ (namespace "grievances").

Signed-in people file a grievance and follow theirs ("My grievances"); officers work their
queue (the earliest due first, with counts by district) and reply, give an interim reply or
escalate on a grievance's page; the filer rates the reply there. The tracking page is public
and shows status and dates only: nothing per visitor, nothing personal.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import User
from odop.core.forms import form_apply, post_action
from odop.grievances import permissions, selectors, services
from odop.grievances.forms import (
    EscalateForm,
    GrievanceFileForm,
    InterimForm,
    RateForm,
    ReplyForm,
    TrackForm,
    in_language,
)
from odop.grievances.models import Grievance
from odop.grievances.numbers import grievance_number_normalise
from odop.producers.permissions import producers_visible_to


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


def _file_form(request: HttpRequest, user: User, data: Any = None) -> GrievanceFileForm:
    return GrievanceFileForm(data, categories=selectors.category_list(), on_behalf=user.is_officer)


def _file_write(user: User, form: GrievanceFileForm) -> Grievance | None:
    data = form.cleaned_data
    producer = None
    if data.get("producer"):
        producer = producers_visible_to(user).filter(pk=data["producer"]).first()
        if producer is None:
            form.add_error("producer", _("No producer with this number in your scope."))
            return None
    result = form_apply(
        form,
        lambda: services.grievance_file(
            actor=user,
            category=data["category"],
            subject=data["subject"],
            description=data["description"],
            district=data["district"],
            producer=producer,
            consent_note=data.get("consent_note") or "",
        ),
    )
    return result if isinstance(result, Grievance) else None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def grievance_file_view(request: HttpRequest) -> HttpResponse:
    """File a grievance; on success, its page with the number and the date it is due by."""
    user = _user(request)
    form = _file_form(request, user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        grievance = _file_write(user, form)
        if grievance is not None:
            messages.success(
                request,
                _("Grievance %(number)s filed. A reply is due by %(date)s.")
                % {
                    "number": grievance.number,
                    "date": date_format(grievance.due_by, "SHORT_DATE_FORMAT"),
                },
            )
            return redirect("grievances:grievance", grievance_id=grievance.pk)
    return render(request, "grievances/file.html", {"form": form})


@login_required
@require_safe
def grievances_mine_view(request: HttpRequest) -> HttpResponse:
    """The grievances the user filed or that were filed for them."""
    grievances = list(selectors.grievance_list_filed(user=_user(request)))
    return render(request, "grievances/mine.html", {"grievances": _rows(grievances)})


def _rows(grievances: list[Grievance]) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        {
            "grievance": grievance,
            "category": in_language(en=grievance.category.name, hi=grievance.category.name_hi),
            "overdue": grievance.is_waiting and grievance.reply_due_by < today,
        }
        for grievance in grievances
    ]


@login_required
@require_safe
def grievance_queue_view(request: HttpRequest) -> HttpResponse:
    """The officer's queue (the earliest due first) and counts by district of their scope."""
    user = _user(request)
    if not user.is_officer:
        raise PermissionDenied
    queue = list(selectors.grievance_queue(user=user))
    counts = selectors.grievance_counts_by_district(user=user, today=timezone.localdate())
    return render(request, "grievances/queue.html", {"grievances": _rows(queue), "counts": counts})


def _actions(user: User, grievance: Grievance) -> dict[str, Any]:
    """The forms this user may post on this grievance: name → (factory, write)."""
    actions: dict[str, Any] = {}
    if permissions.can_handle_grievance(user, grievance):
        actions |= {
            "reply": (
                lambda data=None, files=None: ReplyForm(data, prefix="reply"),
                lambda form: services.grievance_reply(
                    actor=user, grievance=grievance, reply=form.cleaned_data["reply"]
                ),
            ),
            "interim": (
                lambda data=None, files=None: InterimForm(data, prefix="interim"),
                lambda form: services.grievance_interim_reply(
                    actor=user, grievance=grievance, **form.cleaned_data
                ),
            ),
            "escalate": (
                lambda data=None, files=None: EscalateForm(data, prefix="escalate"),
                lambda form: services.grievance_escalate(
                    actor=user, grievance=grievance, note=form.cleaned_data["note"]
                ),
            ),
        }
    if permissions.can_rate_grievance(user, grievance):
        actions["rate"] = (
            lambda data=None, files=None: RateForm(data, prefix="rate"),
            lambda form: services.grievance_rate(
                actor=user, grievance=grievance, **form.cleaned_data
            ),
        )
    return actions


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def grievance_view(request: HttpRequest, grievance_id: int) -> HttpResponse:
    """One grievance with its moves; the answering officer's and the filer's forms."""
    user = _user(request)
    grievance = permissions.access_grievance(user, grievance_id)
    actions = _actions(user, grievance)
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        name, form, result = post_action(request, actions)
        if result is not None:
            messages.success(request, _("Saved."))
            return redirect("grievances:grievance", grievance_id=grievance.pk)
        bound[name] = form
    context = {
        "grievance": grievance,
        "category": in_language(en=grievance.category.name, hi=grievance.category.name_hi),
        "events": list(selectors.grievance_events(grievance=grievance)),
        "overdue": grievance.is_waiting and grievance.reply_due_by < timezone.localdate(),
        "forms": {name: bound.get(name) or make() for name, (make, _write) in actions.items()},
    }
    return render(request, "grievances/grievance.html", context)


@require_safe
def grievance_track_view(request: HttpRequest, number: str = "") -> HttpResponse:
    """Public tracking: a form for the number, and the status and dates of the grievance."""
    form = TrackForm(request.GET or None)
    if not number and form.is_valid():
        return redirect(
            "grievances:track-number",
            number=grievance_number_normalise(form.cleaned_data["number"]),
        )
    grievance = selectors.grievance_track(number=number) if number else None
    context: dict[str, Any] = {"form": form if not number else TrackForm(), "grievance": None}
    if grievance is not None:
        context |= {
            "grievance": grievance,
            "category": in_language(en=grievance.category.name, hi=grievance.category.name_hi),
            "history": [
                {
                    "kind": event.get_kind_display(),
                    "level": event.get_level_display(),
                    "at": event.created_at,
                }
                for event in grievance.events.only("kind", "level", "created_at")
            ],
        }
    return render(request, "grievances/track.html", context)
