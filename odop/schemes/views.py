"""Public pages of schemes: the list, and each scheme's rules in plain words with a calculator.

The calculator is a GET form (a read: bookmarkable, no cookie) that runs the same
`selectors.scheme_evaluate` as the API, server-side. The pages are not in the page cache: the
result depends on the visitor's facts.

Officers who keep a scheme's rules (national admins; a State scheme's State officers) also
see its pending parameter values there, propose a new dated value and approve or reject
another officer's proposal (POST `action` = propose / approve / reject, through
`odop.core.forms.post_action`; a service's refusal shows on the form, nothing written).
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import User, signed_in_user
from odop.core.forms import FormActions, post_action
from odop.schemes import engine, selectors, services
from odop.schemes.forms import (
    CalculatorForm,
    ParameterValueDecideForm,
    ParameterValueProposeForm,
    in_language,
)
from odop.schemes.models import ParameterValue, Scheme
from odop.schemes.permissions import (
    access_parameter_value,
    access_scheme,
    can_decide_parameter_value,
    can_propose_parameter_value,
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the rules or of a result, in the page's language."""

    name: str
    words: str
    rule: str = ""
    value: str = ""
    effective_from: Any = None
    reference: str = ""


def _scheme_words(scheme: Scheme) -> dict[str, str]:
    return {
        "name": in_language(en=scheme.name, hi=scheme.name_hi),
        "sponsor": in_language(en=scheme.sponsor, hi=scheme.sponsor_hi),
        "description": in_language(en=scheme.description, hi=scheme.description_hi),
    }


@require_safe
def schemes_view(request: HttpRequest) -> HttpResponse:
    """Every scheme the visitor may see, in the page's language."""
    schemes = [
        {"code": scheme.code, **_scheme_words(scheme)}
        for scheme in selectors.scheme_list(user=request.user)
    ]
    return render(request, "schemes/schemes.html", {"schemes": schemes})


def _result_lines(
    decision: engine.Decision, labels: dict[str, str]
) -> tuple[list[Line], list[Line]]:
    parameters = [
        Line(
            name=entry.name,
            words=labels.get(entry.name, entry.name),
            value=entry.value,
            effective_from=entry.effective_from,
            reference=entry.reference,
        )
        for entry in decision.trace
        if entry.kind == "parameter"
    ]
    steps = [
        Line(
            name=entry.name,
            words=labels.get(entry.name, entry.name),
            rule=entry.rule,
            # Shown to the paisa; the engine keeps every digit until the end.
            value=str(Decimal(entry.value).quantize(engine.PAISA))
            if entry.kind == "step"
            else entry.value,
        )
        for entry in decision.trace
        if entry.kind != "parameter"
    ]
    return parameters, steps


def _scheme_value(user: User, scheme: Scheme, form: forms.Form) -> ParameterValue:
    """The proposal the form names, if `user` keeps its scheme and it is this scheme's."""
    value = access_parameter_value(user, form.cleaned_data["value"])
    if value.parameter.scheme_id != scheme.pk:
        raise Http404
    return value


def _officer_actions(user: User, scheme: Scheme, choices: list[tuple[str, str]]) -> FormActions:
    def propose(form: forms.Form) -> object:
        data = form.cleaned_data
        return services.parameter_value_propose(
            actor=user,
            parameter=scheme.parameters.get(name=data["parameter"]),
            value=data["value"],
            effective_from=data["effective_from"],
            effective_to=data["effective_to"],
            reference=data["reference"],
        )

    def approve(form: forms.Form) -> object:
        return services.parameter_value_approve(
            actor=user, value=_scheme_value(user, scheme, form), note=form.cleaned_data["note"]
        )

    def reject(form: forms.Form) -> object:
        return services.parameter_value_reject(
            actor=user, value=_scheme_value(user, scheme, form), note=form.cleaned_data["note"]
        )

    def propose_form(*args: Any) -> forms.Form:
        return ParameterValueProposeForm(args[0], parameters=choices)

    def decide_form(*args: Any) -> forms.Form:
        return ParameterValueDecideForm(args[0])

    return {
        "propose": (propose_form, propose),
        "approve": (decide_form, approve),
        "reject": (decide_form, reject),
    }


def _officer_context(
    request: HttpRequest, officer: User, scheme: Scheme, labels: dict[str, str]
) -> dict[str, Any] | HttpResponse:
    """The pending proposals and the propose form; on POST, run the action and redirect."""
    choices = list(labels.items())
    propose_form: forms.Form = ParameterValueProposeForm(parameters=choices)
    if request.method == "POST":
        action, form, result = post_action(request, _officer_actions(officer, scheme, choices))
        if result is not None:
            messages.success(request, _("Saved."))
            return redirect(request.path + "#proposals")
        if action != "propose":
            errors = [str(error) for errors in form.errors.values() for error in errors]
            messages.error(request, " ".join(errors))
            return redirect(request.path + "#proposals")
        propose_form = form
    return {
        "keeper": True,
        "propose_form": propose_form,
        "pending": [
            (
                value,
                labels.get(value.parameter.name, value.parameter.name),
                can_decide_parameter_value(officer, value),
            )
            for value in selectors.parameter_values_pending(scheme=scheme)
        ],
    }


@require_http_methods(["GET", "HEAD", "POST"])
def scheme_view(request: HttpRequest, code: str) -> HttpResponse:
    """A scheme's rules in plain words, the values in force today with their orders, and the
    calculator (`?as_of=...&<fact>=...` runs the evaluation); for the officers who keep the
    scheme, its pending values and the forms to propose and decide (POST)."""
    scheme = access_scheme(request.user, code)
    officer = signed_in_user(request.user)
    keeper = officer is not None and can_propose_parameter_value(officer, scheme)
    if request.method == "POST":
        if officer is None:
            return redirect_to_login(request.get_full_path())
        if not keeper:
            raise PermissionDenied
    version = selectors.scheme_version_published(scheme=scheme)
    context: dict[str, Any] = {"scheme": scheme, "words": _scheme_words(scheme), "version": version}
    parameters = {
        parameter.name: parameter for parameter in selectors.parameter_list(scheme=scheme)
    }
    labels = {
        name: in_language(en=parameter.label, hi=parameter.label_hi)
        for name, parameter in parameters.items()
    }
    if keeper and officer is not None:
        officer_part = _officer_context(request, officer, scheme, dict(labels))
        if isinstance(officer_part, HttpResponse):
            return officer_part
        context |= officer_part
    if version is None:
        return render(request, "schemes/scheme.html", context)
    rules = selectors.version_spec(version=version)
    labels |= {step.name: in_language(en=step.en, hi=step.hi) for step in rules.steps}
    labels |= {
        criterion.name: in_language(en=criterion.en or criterion.reason_en, hi=criterion.hi)
        for criterion in rules.criteria
    }
    in_force = engine.parameters_as_of(
        values=selectors.parameter_values(scheme=scheme), as_of=timezone.localdate()
    )
    context |= {
        "criteria": [Line(name=c.name, words=labels[c.name], rule=c.rule) for c in rules.criteria],
        "steps": [Line(name=s.name, words=labels[s.name], rule=s.rule) for s in rules.steps],
        "parameters": [
            Line(
                name=name,
                words=labels.get(name, name),
                value=str(used.value),
                effective_from=used.effective_from,
                reference=used.reference,
            )
            for name, used in sorted(in_force.items())
        ],
    }
    form = CalculatorForm(
        request.GET if "as_of" in request.GET and request.method != "POST" else None,
        version=rules,
        prefix=None,
    )
    if form.is_bound and form.is_valid():
        try:
            decision = selectors.scheme_evaluate(
                scheme=scheme, as_of=form.as_of_date(), facts=form.facts()
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            used, computed = _result_lines(decision, labels)
            context |= {
                "decision": decision,
                "reasons": [in_language(en=r.en, hi=r.hi) for r in decision.reasons],
                "used": used,
                "computed": computed,
            }
    context["form"] = form
    return render(request, "schemes/scheme.html", context)
