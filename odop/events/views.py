"""Pages of events (issue 16), mounted at /events/ (Hindi under /hi/events/).

The event page is public (details, exhibitors with their registry products, totals). Signed-in
visitors register on it; officers approve their district's sellers there; organisers make the
schedule and record outcomes there. Each participant has a phone page and a PDF of their own
schedule. Not in the page cache: what the page shows depends on who asks.
"""

import datetime
import zoneinfo
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import User, signed_in_user
from odop.bazaar.models import Order
from odop.core.forms import form_apply
from odop.events import permissions, selectors, services
from odop.events.forms import (
    EventCreateForm,
    OutcomeForm,
    RegistrationForm,
    StallAllocateForm,
    StallLayoutForm,
    StallsPerSellerForm,
)
from odop.events.models import (
    Event,
    Meeting,
    Registration,
    RegistrationStatus,
    Side,
    Stall,
)
from odop.events.pdf import ScheduleRow, schedule_pdf


def _zone(event: Event) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(event.time_zone)


@require_safe
def event_list_view(request: HttpRequest) -> HttpResponse:
    """Every event, newest first, and their totals by State and by country."""
    events = permissions.events_visible_to(request.user)
    return render(
        request,
        "events/event_list.html",
        {
            "events": events,
            "can_create": permissions.can_create_event(request.user),
            "by_district": selectors.event_totals_by_district(events),
            "by_state": selectors.event_totals_by_state(events),
            "by_country": selectors.event_totals_by_country(events),
            "missions": permissions.can_record_outreach(request.user),
            "follow_ups": selectors.follow_ups_due(
                permissions.events_organised_by(request.user), today=timezone.localdate()
            )[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create_view(request: HttpRequest) -> HttpResponse:
    """Organisers create an event with evenly spaced meeting slots on its day."""
    actor = signed_in_user(request.user)
    if actor is None or not permissions.can_create_event(actor):
        raise PermissionDenied
    form = EventCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        zone = zoneinfo.ZoneInfo("Asia/Kolkata")
        first = datetime.datetime.combine(data["starts_on"], data["first_slot"], tzinfo=zone)
        step = datetime.timedelta(minutes=data["slot_minutes"])
        event = form_apply(
            form,
            lambda: services.event_create(
                actor=actor,
                name=data["name"],
                kind=data["kind"],
                organiser_name=data["organiser_name"],
                venue=data["venue"],
                country=data["country"],
                city=data["city"],
                starts_on=data["starts_on"],
                ends_on=data["starts_on"],
                time_zone="Asia/Kolkata",
                tables=data["tables"],
                slot_starts=[first + step * n for n in range(data["slot_count"])],
            ),
        )
        if isinstance(event, Event):
            return redirect("events:event", event.pk)
    return render(request, "events/event_create.html", {"form": form})


def _own_registration(user: User | None, event: Event) -> Registration | None:
    if user is None:
        return None
    return event.registrations.filter(user=user).first()


def _event_post(request: HttpRequest, event: Event, actor: User) -> tuple[Any, HttpResponse | None]:
    """Run the POSTed action; return the registration form (to show errors) or a redirect."""
    action = request.POST.get("action", "")
    back = redirect("events:event", event.pk)
    if action == "register":
        form = RegistrationForm(request.POST, event=event)
        if form.is_valid() and form_apply(
            form,
            lambda: services.registration_create(actor=actor, event=event, **form.cleaned_data),
        ):
            messages.success(request, _("You are registered."))
            return form, back
        return form, None
    if action in ("approve", "reject"):
        registration = permissions.access_registration(
            actor, event, _id(request.POST.get("registration"))
        )
        try:
            services.registration_decide(
                actor=actor, registration=registration, approve=action == "approve"
            )
        except ValidationError as error:  # decided meanwhile by another officer
            messages.error(request, " ".join(error.messages))
        return None, back
    if action == "schedule":
        services.schedule_run(actor=actor, event=event)
        messages.success(request, _("The schedule is made."))
        return None, back
    if action == "outcome":
        outcome = OutcomeForm(request.POST)
        if not outcome.is_valid():
            messages.error(request, _("The outcome was not recorded: check the values."))
            return None, back
        meeting = permissions.access_meeting(actor, event, outcome.cleaned_data["meeting"])
        data = {k: v for k, v in outcome.cleaned_data.items() if k != "meeting"}
        if form_apply(
            outcome,
            lambda: services.meeting_outcome_record(actor=actor, meeting=meeting, **data),
        ):
            messages.success(request, _("Outcome recorded."))
        else:
            messages.error(request, " ".join(str(e) for e in outcome.non_field_errors()))
        return None, back
    if action == "followed_up":
        meeting = permissions.access_meeting(actor, event, _id(request.POST.get("meeting")))
        try:
            services.meeting_followed_up(actor=actor, meeting=meeting)
            messages.success(request, _("Marked followed up."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return None, back
    if action == "link_order":
        order = Order.objects.filter(buyer=actor, pk=_id(request.POST.get("order"))).first()
        if order is None:
            raise Http404
        try:
            services.event_order_link(actor=actor, event=event, order=order)
            messages.success(request, _("The order is counted for this event."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return None, back
    raise PermissionDenied


def _id(value: str | None) -> int:
    if value is None or not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


@require_http_methods(["GET", "POST"])
def event_view(request: HttpRequest, event_id: int) -> HttpResponse:
    """The event's public page; registration, approvals, schedule and outcomes for those who
    may act on them."""
    event = permissions.access_event(request.user, event_id)
    actor = signed_in_user(request.user)
    form = None
    if request.method == "POST":
        if actor is None:
            raise PermissionDenied
        form, response = _event_post(request, event, actor)
        if response is not None:
            return response
    own = _own_registration(actor, event)
    organiser = permissions.can_organise_event(request.user, event)
    pending = []
    if actor is not None and actor.is_officer:
        pending = [
            r
            for r in permissions.registrations_visible_to(actor, event).filter(
                side=Side.SELLER, status=RegistrationStatus.PENDING
            )
            if permissions.can_approve_registration(actor, r)
        ]
    zone = _zone(event)
    slots = [(slot, slot.starts_at.astimezone(zone)) for slot in event.slots.all()]
    meetings: list[Meeting] = []
    if organiser:
        meetings = list(
            permissions.meetings_visible_to(request.user, event).select_related("buyer", "seller")
        )
    return render(
        request,
        "events/event.html",
        {
            "event": event,
            "slots": slots,
            "totals": selectors.event_totals(event=event),
            "exhibitors": selectors.event_exhibitors(event=event),
            "own": own,
            "form": form
            if form is not None
            else (
                RegistrationForm(event=event)
                if actor and own is None and event.status == "open"
                else None
            ),
            "organiser": organiser,
            "pending": pending,
            "meetings": meetings,
            "results": OutcomeForm.base_fields["result"].choices,  # type: ignore[attr-defined]
            "halls": selectors.stall_layout(event=event),
            "linkable_orders": selectors.orders_linkable(user=actor, event=event, own=own),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def stalls_view(request: HttpRequest, event_id: int) -> HttpResponse:
    """The organiser lays out stalls (blocks of rows x columns), sets how many a seller may
    hold, and allocates them to approved sellers with the claim that pays (404 for others)."""
    event = permissions.access_event_to_organise(request.user, event_id)
    actor = signed_in_user(request.user)
    assert actor is not None  # login_required
    layout_form = StallLayoutForm(request.POST if request.POST.get("action") == "layout" else None)
    per_seller_form = StallsPerSellerForm(
        request.POST if request.POST.get("action") == "per_seller" else None,
        initial={"stalls_per_seller": event.stalls_per_seller},
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        done: object | None = None
        if action == "layout" and layout_form.is_valid():
            done = form_apply(
                layout_form,
                lambda: services.stalls_lay_out(
                    actor=actor,
                    event=event,
                    prefix=layout_form.cleaned_data["code_prefix"],
                    hall=layout_form.cleaned_data["hall"],
                    rows=layout_form.cleaned_data["rows"],
                    columns=layout_form.cleaned_data["columns"],
                    first_row=layout_form.cleaned_data["first_row"],
                    first_column=layout_form.cleaned_data["first_column"],
                    area_m2=layout_form.cleaned_data["area_m2"],
                ),
            )
        elif action == "per_seller" and per_seller_form.is_valid():
            done = form_apply(
                per_seller_form,
                lambda: services.stalls_per_seller_set(
                    actor=actor,
                    event=event,
                    count=per_seller_form.cleaned_data["stalls_per_seller"],
                ),
            )
        elif action == "allocate":
            done = _allocate(request, actor, event)
        elif action not in ("layout", "per_seller"):
            raise PermissionDenied
        if done:
            messages.success(request, _("Stalls saved."))
            return redirect("events:stalls", event.pk)
    sellers = list(
        event.registrations.filter(side=Side.SELLER, status=RegistrationStatus.APPROVED)
        .select_related("producer")
        .order_by("company")
    )
    claims = selectors.stall_claims(sellers=sellers)
    return render(
        request,
        "events/stalls.html",
        {
            "event": event,
            "stalls": selectors.event_stalls(event=event),
            "halls": selectors.stall_layout(event=event),
            "history": selectors.stall_history(event=event),
            "sellers": sellers,
            "claims": claims,
            "layout_form": layout_form,
            "per_seller_form": per_seller_form,
        },
    )


def _allocate(request: HttpRequest, actor: User, event: Event) -> bool:
    form = StallAllocateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The stall was not saved: check the values."))
        return False
    data = form.cleaned_data
    stall = Stall.objects.filter(event=event, pk=data["stall"]).first()
    if stall is None:
        raise Http404
    registration = None
    if data["registration"]:
        registration = event.registrations.filter(pk=data["registration"]).first()
        if registration is None:
            raise Http404
    claim = None
    if data["claim"]:
        claim = selectors.stall_claim_get(event=event, pk=data["claim"])
        if claim is None:
            raise Http404
    try:
        services.stall_allocate(actor=actor, stall=stall, registration=registration, claim=claim)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


def _schedule_rows(event: Event, registration: Registration) -> list[tuple[Meeting, Any, str]]:
    zone = _zone(event)
    rows = []
    for meeting in selectors.meetings_of_registration(registration=registration):
        other = meeting.seller if registration.side == Side.BUYER else meeting.buyer
        when = meeting.slot.starts_at.astimezone(zone) if meeting.slot else None
        rows.append((meeting, when, other.company))
    return rows


@login_required
@require_safe
def my_schedule_view(request: HttpRequest, event_id: int) -> HttpResponse:
    """The signed-in participant's meetings at this event, for a phone."""
    event = permissions.access_event(request.user, event_id)
    registration = _own_registration(signed_in_user(request.user), event)
    if registration is None:
        raise Http404
    return render(
        request,
        "events/my_schedule.html",
        {"event": event, "registration": registration, "rows": _schedule_rows(event, registration)},
    )


@login_required
@require_safe
def my_schedule_pdf_view(request: HttpRequest, event_id: int) -> HttpResponse:
    """The same schedule as a printable PDF."""
    event = permissions.access_event(request.user, event_id)
    registration = _own_registration(signed_in_user(request.user), event)
    if registration is None:
        raise Http404
    rows = [
        ScheduleRow(
            when=when.strftime("%d-%m-%Y %H:%M") if when else _("Waitlist"),
            table=str(meeting.table or "—"),
            counterpart=other,
            codes=", ".join(
                (meeting.seller if registration.side == Side.BUYER else meeting.buyer).hs_codes
            ),
        )
        for meeting, when, other in _schedule_rows(event, registration)
    ]
    content = schedule_pdf(
        title=event.name,
        subtitle=f"{event.venue}, {event.city} · {event.starts_on:%d-%m-%Y}",
        person=registration.company,
        headings=[_("Time"), _("Table"), _("With"), _("HS codes")],
        rows=rows,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="schedule-{event.pk}.pdf"'
    return response
