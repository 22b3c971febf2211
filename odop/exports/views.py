"""Pages of District Export Action Plans and the first-time exporter pipeline (issue 4).

Plans: the list, a plan's page (public summary for everyone; committee, meetings and the
bottleneck register for officers of the scope, with the forms that change them), the State
and national roll-ups. Exporters: officers' pipeline by stage and one record's readiness
checklist and moves; a producer sees their own record. Objects come only through the gates in
`exports.permissions` (404 when invisible); every write is one service call, whose
`ValidationError` is shown on the form and whose `PermissionDenied` answers 403.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import User, signed_in_user
from odop.core.forms import Form, form_apply
from odop.exports import services
from odop.exports.forms import (
    BottleneckForm,
    BottleneckMoveForm,
    ChecklistForm,
    ExporterCreateForm,
    ExporterMoveForm,
    MeetingForm,
    MemberForm,
    PlanCreateForm,
    ProgressForm,
    TargetForm,
    checklist_label,
)
from odop.exports.models import (
    CHECKLIST_FIELDS,
    BottleneckStatus,
    BottleneckType,
    ExporterCandidate,
    ExporterStage,
    ExportPlan,
    PlanStatus,
    TargetKind,
)
from odop.exports.permissions import (
    access_exporter,
    access_plan,
    can_manage_plan,
    can_move_exporter,
    can_update_checklist,
    can_view_plan_internals,
)
from odop.exports.selectors import (
    export_rollup,
    exporter_counts_by_district,
    exporter_events,
    exporter_list,
    plan_bottlenecks,
    plan_committee,
    plan_list,
    plan_meetings,
    plan_progress,
    public_plan_of_district,
)
from odop.exports.workflow import BOTTLENECK_TRANSITIONS, EXPORTER_STAGE_ORDER, EXPORTER_TRANSITIONS
from odop.geography.models import State
from odop.geography.permissions import access_district, access_state
from odop.markets.profile import district_export_profile

# ---------------------------------------------------------------- plans


@require_http_methods(["GET", "HEAD", "POST"])
def plans_view(request: HttpRequest) -> HttpResponse:
    """Plans the user may see, and (for officers) a form to draw up a new one."""
    user = signed_in_user(request.user)
    form = PlanCreateForm(request.POST or None, user=user) if user and user.is_officer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            created: list[ExportPlan] = []
            if form_apply(
                form,
                lambda: created.append(
                    services.plan_create(
                        actor=user,  # type: ignore[arg-type]
                        district=data["district"],
                        start_year=data["start_year"],
                        end_year=data["end_year"],
                        title=data["title"],
                    )
                ),
            ):
                messages.success(request, _("Plan drafted."))
                return redirect("exports:plan", pk=created[0].pk)
    return render(
        request,
        "exports/plans.html",
        {"plans": plan_list(user=request.user), "form": form, "year": date.today().year},
    )


PlanAction = Callable[[HttpRequest, User, ExportPlan, forms.Form], object]


def _target_add(request: HttpRequest, user: User, plan: ExportPlan, form: forms.Form) -> object:
    data = form.cleaned_data
    return services.target_add(
        actor=user,
        plan=plan,
        kind=TargetKind(data["kind"]),
        target_value=data["target_value"],
        baseline=data["baseline"] or Decimal(0),
        description=data["description"],
        hs_code=data["hs_code"],
        market_iso3=data["market_iso3"].upper(),
    )


def _progress_add(request: HttpRequest, user: User, plan: ExportPlan, form: forms.Form) -> object:
    data = form.cleaned_data
    target = plan.targets.filter(pk=data["target"]).first()
    if target is None:
        raise ValidationError(_("No such target in this plan."), code="not_found")
    return services.progress_add(
        actor=user, target=target, date=data["date"], value=data["value"], note=data["note"]
    )


def _bottleneck_add(request: HttpRequest, user: User, plan: ExportPlan, form: forms.Form) -> object:
    data = form.cleaned_data
    return services.bottleneck_add(
        actor=user,
        plan=plan,
        type=BottleneckType(data["type"]),
        description=data["description"],
        owner_name=data["owner_name"],
        due_date=data["due_date"],
    )


def _bottleneck_move(
    request: HttpRequest, user: User, plan: ExportPlan, form: forms.Form
) -> object:
    data = form.cleaned_data
    bottleneck = plan.bottlenecks.filter(pk=data["bottleneck"]).first()
    if bottleneck is None:
        raise ValidationError(_("No such bottleneck in this plan."), code="not_found")
    return services.bottleneck_transition(
        actor=user,
        bottleneck=bottleneck,
        to_status=BottleneckStatus(data["to_status"]),
        note=data["note"],
    )


def _member_add(request: HttpRequest, user: User, plan: ExportPlan, form: forms.Form) -> object:
    data = form.cleaned_data
    return services.committee_member_add(
        actor=user,
        plan=plan,
        name=data["name"],
        role=data["role"],
        organisation=data["organisation"],
    )


def _meeting_add(request: HttpRequest, user: User, plan: ExportPlan, form: forms.Form) -> object:
    data = form.cleaned_data
    return services.meeting_add(
        actor=user,
        plan=plan,
        date=data["date"],
        minutes=data["minutes"],
        decisions=data["decisions"],
        attendees=plan.committee.all(),
    )


class _NoFields(Form):
    pass


def _adopt(request: HttpRequest, user: User, plan: ExportPlan, form: forms.Form) -> object:
    return services.plan_transition(actor=user, plan=plan, to_status=PlanStatus.ADOPTED)


PLAN_ACTIONS: dict[str, tuple[type[forms.Form], PlanAction, str]] = {
    "target": (TargetForm, _target_add, "target_form"),
    "progress": (ProgressForm, _progress_add, "progress_form"),
    "bottleneck": (BottleneckForm, _bottleneck_add, "bottleneck_form"),
    "bottleneck_move": (BottleneckMoveForm, _bottleneck_move, "move_form"),
    "member": (MemberForm, _member_add, "member_form"),
    "meeting": (MeetingForm, _meeting_add, "meeting_form"),
    "adopt": (_NoFields, _adopt, "adopt_form"),
}


@require_http_methods(["GET", "HEAD", "POST"])
def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One plan: targets with progress, exporter counts and the district's suggested markets
    for everyone; the bottleneck register, committee and meetings for officers of the scope.
    POST carries `action` (one of `PLAN_ACTIONS`) and that form's fields."""
    plan = access_plan(request.user, pk)
    user = signed_in_user(request.user)
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        if user is None:
            return redirect_to_login(request.get_full_path())
        action = PLAN_ACTIONS.get(request.POST.get("action", ""))
        if action is None or not can_manage_plan(user, plan):
            raise PermissionDenied
        form_class, write, name = action
        form = form_class(request.POST, auto_id=f"id_{name}_%s")
        if form.is_valid() and form_apply(form, lambda: write(request, user, plan, form)):
            messages.success(request, _("Saved."))
            return redirect("exports:plan", pk=plan.pk)
        bound[name] = form
    return render(request, "exports/plan.html", _plan_context(request, plan, bound))


def _plan_context(
    request: HttpRequest, plan: ExportPlan, bound: dict[str, forms.Form]
) -> dict[str, Any]:
    internals = can_view_plan_internals(request.user, plan)
    manage = can_manage_plan(request.user, plan)
    counts = exporter_counts_by_district(district_ids=[plan.district_id])[plan.district_id]
    context: dict[str, Any] = {
        "plan": plan,
        "standings": plan_progress(plan=plan, with_readings=internals),
        "stage_counts": [(stage.label, counts[stage.value]) for stage in EXPORTER_STAGE_ORDER],
        "profile": district_export_profile(district=plan.district),
        "internals": internals,
        "manage": manage,
    }
    if internals:
        bottlenecks = list(plan_bottlenecks(plan=plan))
        for bottleneck in bottlenecks:
            bottleneck.moves = [  # type: ignore[attr-defined]
                BottleneckStatus(status)
                for status in BOTTLENECK_TRANSITIONS[BottleneckStatus(bottleneck.status)]
            ]
        context |= {
            "bottlenecks": bottlenecks,
            "committee": plan_committee(plan=plan),
            "meetings": plan_meetings(plan=plan),
        }
    if manage:
        for _action, (form_class, _write, name) in PLAN_ACTIONS.items():
            # One page, several forms: field ids carry the form's name to stay unique.
            context[name] = bound.get(name) or form_class(auto_id=f"id_{name}_%s")
        context["can_adopt"] = plan.status == PlanStatus.DRAFT
    return context


@require_safe
def rollup_view(request: HttpRequest) -> HttpResponse:
    """Adopted plans added up for India (by State) or for one State (by district)."""
    state: State | None = None
    state_code = request.GET.get("state", "")
    if state_code.isdigit():
        state = access_state(request.user, int(state_code))
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
    year = year or date.today().year
    rollup = export_rollup(state=state, year=year)
    kinds = [TargetKind(kind) for kind in rollup.total.kinds]
    return render(
        request,
        "exports/rollup.html",
        {
            "rollup": rollup,
            "kinds": kinds,
            "stages": EXPORTER_STAGE_ORDER,
            "states": State.objects.order_by("name"),
        },
    )


# ---------------------------------------------------------------- first-time exporters


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def exporters_view(request: HttpRequest) -> HttpResponse:
    """The pipeline the user may see, grouped by stage; officers enrol producers here."""
    user = signed_in_user(request.user)
    assert user is not None
    form = ExporterCreateForm(request.POST or None, user=user) if user.is_officer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            created: list[ExporterCandidate] = []
            if form_apply(
                form,
                lambda: created.append(
                    services.exporter_create(
                        actor=user,
                        district=data["district"],
                        producer_name=data["producer_name"],
                        product=data["product"],
                        iec_number=data["iec_number"],
                        gstin=data["gstin"].upper(),
                    )
                ),
            ):
                messages.success(request, _("Producer enrolled."))
                return redirect("exports:exporter", pk=created[0].pk)
    exporters = exporter_list(user=user).order_by("district__name", "producer_name")
    columns = [
        (stage, [e for e in exporters if e.stage == stage.value]) for stage in EXPORTER_STAGE_ORDER
    ]
    return render(
        request,
        "exports/exporters.html",
        {"columns": columns, "form": form, "total": len(exporters)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def exporter_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One producer's readiness checklist, stage and history. POST `action` is `checklist`
    or `move`."""
    user = signed_in_user(request.user)
    assert user is not None
    exporter = access_exporter(user, pk)
    initial = {name: getattr(exporter, name) for name in CHECKLIST_FIELDS}
    initial |= {"iec_number": exporter.iec_number, "gstin": exporter.gstin}
    checklist_form = ChecklistForm(initial=initial)
    move_form = ExporterMoveForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "checklist":
            if not can_update_checklist(user, exporter):
                raise PermissionDenied
            checklist_form = ChecklistForm(request.POST)
            if checklist_form.is_valid() and form_apply(
                checklist_form,
                lambda: services.exporter_checklist_update(
                    actor=user,
                    exporter=exporter,
                    checklist=checklist_form.checklist(),
                    iec_number=checklist_form.cleaned_data["iec_number"],
                    gstin=checklist_form.cleaned_data["gstin"].upper(),
                ),
            ):
                messages.success(request, _("Checklist saved."))
                return redirect("exports:exporter", pk=exporter.pk)
        elif action == "move":
            move_form = ExporterMoveForm(request.POST)
            if move_form.is_valid():
                to_stage = ExporterStage(move_form.cleaned_data["to_stage"])
                if not can_move_exporter(user, exporter, to_stage):
                    raise PermissionDenied
                if form_apply(
                    move_form,
                    lambda: services.exporter_transition(
                        actor=user,
                        exporter=exporter,
                        to_stage=to_stage,
                        note=move_form.cleaned_data["note"],
                    ),
                ):
                    messages.success(
                        request, _("Moved to “%(stage)s”.") % {"stage": to_stage.label}
                    )
                    return redirect("exports:exporter", pk=exporter.pk)
        else:
            raise PermissionDenied
    return render(
        request,
        "exports/exporter.html",
        {
            "exporter": exporter,
            "checklist_items": [
                (checklist_label(name), getattr(exporter, name)) for name in CHECKLIST_FIELDS
            ],
            "events": exporter_events(exporter=exporter),
            "checklist_form": checklist_form if can_update_checklist(user, exporter) else None,
            "move_form": move_form,
            "moves": [
                ExporterStage(stage)
                for stage in EXPORTER_TRANSITIONS[ExporterStage(exporter.stage)]
                if can_move_exporter(user, exporter, ExporterStage(stage))
            ],
        },
    )


# ---------------------------------------------------------------- export profile


@require_safe
def district_exports_view(request: HttpRequest, lgd_code: int) -> HttpResponse:
    """A district's export profile: its products and HS codes, India's markets for them and
    their growth, markets with untapped potential (with the reasons) and new products."""
    district = access_district(request.user, lgd_code)
    return render(
        request,
        "exports/district_exports.html",
        {
            "profile": district_export_profile(district=district),
            "district": district,
            "plan": public_plan_of_district(user=request.user, district=district),
        },
    )
