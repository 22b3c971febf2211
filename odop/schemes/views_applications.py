"""Pages of scheme applications: apply from the scheme page after computing a benefit, the
list of one's applications and the officer's queue, one application (documents, moves,
history), the officers' counts, and the public tracking page by number.

Every page reads through `odop.schemes.permissions` and writes through the services; a
service's refusal shows on the form and writes nothing.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import Role, User
from odop.core.forms import form_apply
from odop.producers.permissions import access_producer, producer_of
from odop.schemes import selectors, services, stages
from odop.schemes.forms import CalculatorForm, DocumentForm, MoveForm, OnBehalfForm, in_language
from odop.schemes.models import Application
from odop.schemes.permissions import (
    access_application,
    access_scheme,
    can_attach_document,
    can_move_application,
    can_see_application_counts,
)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def stage_label(scheme_code: str, code: str) -> str:
    """A stage's name in the page's language (also for approved / rejected)."""
    stage = stages.stage_of(scheme_code, code)
    if stage is not None:
        return stage.name
    return {stages.APPROVED: _("Approved"), stages.REJECTED: _("Rejected")}.get(code, code)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_apply_view(request: HttpRequest, code: str) -> HttpResponse:
    """Apply with the facts the calculator was given: GET shows the benefit and asks to
    confirm; POST submits. Producers for themselves; officers for a producer of their scope,
    with the producer's consent."""
    user = _user(request)
    scheme = access_scheme(user, code)
    officer = user.is_officer
    if not officer and user.role != Role.PRODUCER:
        raise PermissionDenied
    version = selectors.scheme_version_published(scheme=scheme)
    if version is None:
        raise Http404
    rules = selectors.version_spec(version=version)
    data = request.POST if request.method == "POST" else request.GET
    form = CalculatorForm(data, version=rules)
    behalf = OnBehalfForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {
        "scheme": scheme,
        "name": in_language(en=scheme.name, hi=scheme.name_hi),
        "form": form,
        "officer": officer,
        "behalf": behalf,
        "no_producer": not officer and producer_of(user) is None,
    }
    if not form.is_valid():
        return render(request, "schemes/application_apply.html", context, status=400)
    decision = form_apply(
        form,
        lambda: selectors.scheme_evaluate(
            scheme=scheme, as_of=timezone.localdate(), facts=form.facts()
        ),
    )
    if decision is None:
        return render(request, "schemes/application_apply.html", context, status=400)
    context["decision"] = decision
    if request.method == "POST":
        if officer and not behalf.is_valid():
            return render(request, "schemes/application_apply.html", context, status=400)
        producer = access_producer(user, behalf.cleaned_data["producer"]) if officer else None
        application = form_apply(
            form,
            lambda: services.application_submit(
                user=user,
                scheme=scheme,
                facts=form.facts(),
                producer=producer,
                consent_reference=behalf.cleaned_data.get("consent_reference", "")
                if officer
                else "",
            ),
        )
        if isinstance(application, Application):
            messages.success(
                request,
                _("Application %(number)s submitted.") % {"number": application.number},
            )
            return redirect("schemes:application", application_id=application.pk)
    return render(request, "schemes/application_apply.html", context)


@login_required
@require_safe
def applications_view(request: HttpRequest) -> HttpResponse:
    """One's applications, and for officers the ones waiting for them (most overdue first)."""
    user = _user(request)
    queue = list(selectors.application_queue(user=user)[:50])
    mine = list(
        selectors.application_list(user=user).filter(producer__user=user)[:50]
        if user.role == Role.PRODUCER
        else []
    )
    now = timezone.now()
    return render(
        request,
        "schemes/applications.html",
        {
            "queue": [(a, stage_label(a.scheme.code, a.stage)) for a in queue],
            "mine": [(a, stage_label(a.scheme.code, a.stage)) for a in mine],
            "now": now,
            "counts": can_see_application_counts(user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_view(request: HttpRequest, application_id: int) -> HttpResponse:
    """One application: its evaluation, documents, stage and history; the forms to attach a
    document and, for the officer who owns its stage, to move it on or refuse it."""
    user = _user(request)
    application = access_application(user, application_id)
    kinds = [(kind, stages.document_name(kind)) for kind in stages.document_kinds()]
    document_form = DocumentForm(kinds=kinds)
    move_form = MoveForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "document":
            if not can_attach_document(user, application):
                raise PermissionDenied
            document_form = DocumentForm(request.POST, request.FILES, kinds=kinds)
            if document_form.is_valid() and form_apply(
                document_form,
                lambda: services.application_document_attach(
                    user=user,
                    application=application,
                    kind=document_form.cleaned_data["kind"],
                    upload=document_form.cleaned_data["file"],
                ),
            ):
                messages.success(request, _("Document attached."))
                return redirect("schemes:application", application_id=application.pk)
        elif action in ("approve", "refuse"):
            if not can_move_application(user, application):
                raise PermissionDenied
            move_form = MoveForm(request.POST)
            if move_form.is_valid() and form_apply(
                move_form,
                lambda: services.application_move(
                    user=user,
                    application=application,
                    approve=action == "approve",
                    note=move_form.cleaned_data["note"],
                ),
            ):
                messages.success(request, _("Application moved."))
                return redirect("schemes:application", application_id=application.pk)
        else:
            raise PermissionDenied
    stage = stages.stage_of(application.scheme.code, application.stage)
    attached = set(application.documents.values_list("kind", flat=True))
    return render(
        request,
        "schemes/application.html",
        {
            "application": application,
            "scheme_name": in_language(en=application.scheme.name, hi=application.scheme.name_hi),
            "stage": stage_label(application.scheme.code, application.stage),
            "missing": [stages.document_name(k) for k in stages.missing_documents(stage, attached)]
            if stage
            else [],
            "history": _history(application),
            "documents": [
                (document, stages.document_name(document.kind))
                for document in application.documents.all()
            ],
            "may_attach": can_attach_document(user, application),
            "may_move": can_move_application(user, application),
            "document_form": document_form,
            "move_form": move_form,
            "trace": application.evaluation.get("trace", []),
        },
    )


def _history(application: Application) -> list[dict[str, Any]]:
    code = application.scheme.code
    return [
        {
            "event": event,
            "from": stage_label(code, event.from_stage) if event.from_stage else "",
            "to": stage_label(code, event.to_stage) if event.to_stage else "",
        }
        for event in selectors.application_history(application=application)
    ]


@require_safe
def application_track_view(request: HttpRequest, number: str) -> HttpResponse:
    """Public: where the application with this number stands, and the dates of its moves.
    Nothing personal (no names, facts, amounts or people)."""
    application = selectors.application_by_number(number=number)
    if application is None:
        raise Http404
    return render(
        request,
        "schemes/application_track.html",
        {
            "application": application,
            "scheme_name": in_language(en=application.scheme.name, hi=application.scheme.name_hi),
            "stage": stage_label(application.scheme.code, application.stage),
            "history": _history(application),
        },
    )


@login_required
@require_safe
def application_counts_view(request: HttpRequest) -> HttpResponse:
    """Applications received, approved, pending and overdue by district and scheme."""
    user = _user(request)
    if not can_see_application_counts(user):
        raise PermissionDenied
    return render(
        request,
        "schemes/application_counts.html",
        {"rows": selectors.application_counts(user=user)},
    )
