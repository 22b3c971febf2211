"""Pages of the producer registry (thin: selectors and services do the work).

/producers/<id>/ is the producer 360 page: for the officers of the producer's district, and
for the producer themselves without officers' notes. /producers/upload/ is the officers' bulk
registration.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.links import signup_email_send
from odop.accounts.models import User, signed_in_user
from odop.accounts.throttle import throttled, throttled_response
from odop.core.forms import FormActions, FormFactory, FormWrite, post_action
from odop.core.imports import ImportReport
from odop.geography.permissions import officer_scope
from odop.producers import bulk, permissions, selectors, services
from odop.producers.forms import (
    BankForm,
    MemberForm,
    MergeForm,
    ProducerSignupForm,
    ProducerUploadForm,
    ProductsForm,
)
from odop.producers.models import COLLECTIVE_KINDS, Producer, ProducerStatus

LIST_ROWS = 200


@require_safe
@login_required
def producer_list_view(request: HttpRequest) -> HttpResponse:
    """Officers' registry: the producers of their scope, any status, searchable by name."""
    user = signed_in_user(request.user)
    if user is None or not user.is_officer:
        raise Http404
    text = request.GET.get("q", "")[:200]
    status = request.GET.get("status", "")
    producers = selectors.producers_find(
        user=user,
        text=text,
        status=status if status in ProducerStatus.values else "",
    ).filter(officer_scope(user))
    return render(
        request,
        "producers/producer_list.html",
        {
            "producers": producers[:LIST_ROWS],
            "q": text,
            "status": status,
            "statuses": ProducerStatus.choices,
            "can_upload": permissions.can_bulk_register(user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def producer_360_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Identity and verification, certificates, members, products, bank (masked), and each
    module's section (listings and orders, exporter stage, ...).

    Whoever may edit the record (the producer, their officers) adds members, sets the bank
    account and the products made here; a national admin merges a duplicate into it. Each form
    posts its `action`; the services decide and record.
    """
    producer = permissions.access_producer_360(request.user, pk)
    user = signed_in_user(request.user)
    assert user is not None  # login_required
    actions = _actions(user, producer)
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        name, form, result = post_action(request, actions)
        if result is not None:
            messages.success(request, _("Saved."))
            target = result if isinstance(result, Producer) else producer
            return redirect("producers:producer", pk=target.pk)
        bound[name] = form
    view = selectors.producer_360(user=request.user, producer=producer)
    context: dict[str, Any] = {"view": view, "producer": producer}
    context["forms"] = {name: bound.get(name) or make() for name, (make, _write) in actions.items()}
    return render(request, "producers/producer_360.html", context, status=400 if bound else 200)


def _actions(user: User, producer: Producer) -> FormActions:
    """The forms this user may use on this producer's page (none for those who only look)."""
    actions: dict[str, tuple[FormFactory, FormWrite]] = {}
    if permissions.can_edit_producer(user, producer):
        if producer.kind in COLLECTIVE_KINDS:
            actions["member"] = (
                lambda data=None, files=None: MemberForm(data, prefix="member"),
                lambda form: services.producer_member_add(
                    actor=user, producer=producer, **form.cleaned_data
                ),
            )
        actions["bank"] = (
            lambda data=None, files=None: BankForm(data, prefix="bank"),
            lambda form: services.producer_bank_set(
                actor=user, producer=producer, **form.cleaned_data
            ),
        )
        actions["products"] = (
            lambda data=None, files=None: ProductsForm(
                data,
                prefix="products",
                district=producer.district,
                initial={"products": list(producer.products.values_list("pk", flat=True))},
            ),
            lambda form: services.producer_products_set(
                actor=user, producer=producer, products=form.cleaned_data["products"]
            ),
        )
    if permissions.can_merge_producers(user):
        actions["merge"] = (
            lambda data=None, files=None: MergeForm(data, prefix="merge"),
            lambda form: services.producer_merge(
                actor=user,
                survivor=producer,
                duplicate=_duplicate(user, form.cleaned_data["duplicate"]),
                note=form.cleaned_data["note"],
            ),
        )
    return actions


def _duplicate(user: User, producer_id: int) -> Producer:
    """The record to merge, fetched through the gate (the caller may merge: checked first)."""
    try:
        return permissions.access_producer_360(user, producer_id)
    except Http404 as error:
        raise ValidationError(
            {"duplicate": [_("There is no producer record with this number.")]},
            code="not_found",
        ) from error


@require_safe
@login_required
def producer_mine_view(request: HttpRequest) -> HttpResponse:
    """A producer's own 360 page."""
    producer = permissions.producer_of(request.user)
    if producer is None:
        raise Http404
    return redirect("producers:producer", pk=producer.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def producer_upload_view(request: HttpRequest) -> HttpResponse:
    """Officers register a list of producers; a refused file shows every refused row."""
    user = signed_in_user(request.user)
    if user is None or not permissions.can_bulk_register(user):
        raise Http404
    form = ProducerUploadForm(request.POST or None, request.FILES or None)
    report: ImportReport | None = None
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            table = bulk.upload_table_read(form.cleaned_data["file"])
            report = bulk.producers_import(actor=user, table=table)
        except ValidationError as error:
            problems = list(error.messages)
    status = 400 if problems else 200
    return render(
        request,
        "producers/upload.html",
        {"form": form, "report": report, "problems": problems},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def producer_signup_view(request: HttpRequest) -> HttpResponse:
    """A producer signs up on their own (issue 12): an account that works once its email is
    confirmed, and a producer record awaiting their district officer's verification."""
    if request.method == "POST" and throttled(request, group="signup"):
        return throttled_response(request)
    form = ProducerSignupForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user, _producer = services.producer_signup(
                    email=data["email"],
                    password=data["password"],
                    person_name=data["name"],
                    district=data["district"],
                    name=data["enterprise"],
                    kind=data["kind"],
                    pin_code=data["pin_code"],
                    phone=data["phone"],
                )
                signup_email_send(request, user=user, email=data["email"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect("accounts:signup-sent")
    return render(request, "producers/signup.html", {"form": form})


# The service names the producer's fields; the form names some of them differently.
SIGNUP_FIELD_NAMES = {"name": "enterprise", "__all__": None}


def _errors_to_form(form: ProducerSignupForm, error: ValidationError) -> None:
    """Show a service's refusal on the form field it concerns (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = SIGNUP_FIELD_NAMES.get(name, name)
        form.add_error(field if field in form.fields else None, errors)
