"""Officers' page: producers awaiting verification, assisted onboarding with consent, and the
ageing list of orders received but not paid."""

from collections.abc import Callable
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from odop.accounts.models import User, signed_in_user
from odop.bazaar import permissions, services
from odop.bazaar.forms import (
    AssistedProducerForm,
    ProducerVerifyForm,
)
from odop.bazaar.selectors import (
    orders_unpaid_ageing,
)
from odop.bazaar.views.common import (
    Action,
    form_factory,
)
from odop.core.forms import post_action
from odop.producers.models import Producer, ProducerStatus
from odop.producers.selectors import producers_onboarded_by

# ---------------------------------------------------------------- officers


def _onboard(user: User) -> Action:
    def write(form: forms.Form) -> Producer:
        assert isinstance(form, AssistedProducerForm)
        data = form.cleaned_data
        account: User | None = None
        if data["account"]:
            account = User.objects.filter(username=data["account"]).first()
            if account is None:
                raise ValidationError(
                    {"account": _("No account has this username.")}, code="account_unknown"
                )
        # One transaction: a producer whose account could not be linked is not registered.
        with transaction.atomic():
            producer = services.producer_register(
                actor=user,
                district=data["district"],
                name=data["name"],
                kind=data["kind"],
                pin_code=data["pin_code"],
                consent_note=data["consent_note"],
                **form.producer_fields(),
            )
            if account is not None:
                services.producer_account_link(actor=user, producer=producer, user=account)
        return producer

    return write


def _verify(user: User) -> Action:
    def write(form: forms.Form) -> Producer:
        producer = permissions.access_producer(user, form.cleaned_data["producer"])
        return services.producer_verify(
            actor=user, producer=producer, verified=form.cleaned_data["verified"]
        )

    return write


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def officer_view(request: HttpRequest) -> HttpResponse:
    """Officers: producers of their scope awaiting verification, assisted onboarding (with the
    producer's consent) and the unpaid orders by age."""
    user = signed_in_user(request.user)
    if user is None or not user.is_officer:
        raise PermissionDenied
    actions: dict[str, tuple[Callable[..., forms.Form], Action]] = {
        "verify": (form_factory(ProducerVerifyForm, "verify"), _verify(user)),
        "onboard": (form_factory(AssistedProducerForm, "onboard", user=user), _onboard(user)),
    }
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        name, form, result = post_action(request, actions)
        if isinstance(result, Producer):
            if name == "onboard":
                messages.success(
                    request, _("%(name)s registered; verify them below.") % {"name": result.name}
                )
            elif result.status == ProducerStatus.VERIFIED:
                messages.success(request, _("%(name)s verified.") % {"name": result.name})
            else:
                messages.success(request, _("%(name)s suspended.") % {"name": result.name})
            return redirect("bazaar:officer")
        bound[name] = form
    ageing = orders_unpaid_ageing(user=user)
    largest = max((bucket.total for bucket in ageing), default=Decimal(0)) or Decimal(1)
    bars = [
        {
            "bucket": bucket,
            "width": round(float(bucket.total / largest) * 100, 1),
        }
        for bucket in ageing
    ]
    pending = permissions.producers_visible_to(user).filter(status=ProducerStatus.PENDING)
    return render(
        request,
        "bazaar/officer.html",
        {
            "pending": pending,
            "onboarded": producers_onboarded_by(user=user),
            "onboard_form": bound.get("onboard") or actions["onboard"][0](),
            "verify_form": bound.get("verify"),
            "bars": bars,
            "unpaid_count": sum(len(bucket.orders) for bucket in ageing),
        },
    )
