"""Public pages of schemes: the list, and each scheme's rules in plain words with a calculator.

The calculator is a GET form (a read: bookmarkable, no cookie) that runs the same
`selectors.scheme_evaluate` as the API, server-side. The pages are not in the page cache: the
result depends on the visitor's facts.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from odop.schemes import engine, selectors
from odop.schemes.forms import CalculatorForm, in_language
from odop.schemes.models import Scheme
from odop.schemes.permissions import access_scheme


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


@require_safe
def scheme_view(request: HttpRequest, code: str) -> HttpResponse:
    """A scheme's rules in plain words, the values in force today with their orders, and the
    calculator (`?as_of=...&<fact>=...` runs the evaluation)."""
    scheme = access_scheme(request.user, code)
    version = selectors.scheme_version_published(scheme=scheme)
    context: dict[str, Any] = {"scheme": scheme, "words": _scheme_words(scheme), "version": version}
    if version is None:
        return render(request, "schemes/scheme.html", context)
    rules = selectors.version_spec(version=version)
    parameters = {
        parameter.name: parameter for parameter in selectors.parameter_list(scheme=scheme)
    }
    labels = {
        name: in_language(en=parameter.label, hi=parameter.label_hi)
        for name, parameter in parameters.items()
    }
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
        request.GET if "as_of" in request.GET else None, version=rules, prefix=None
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
