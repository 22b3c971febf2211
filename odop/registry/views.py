"""Officers' pages of the registry: the data-quality report (page and CSV) and the GI queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.spreadsheets import SafeDictWriter
from odop.registry.forms import GILinkDecisionForm
from odop.registry.gi_queue import (
    GI_PROBLEMS,
    gi_decisions_of,
    gi_products_of_rows,
    gi_queue,
    gi_queue_item,
    gi_state_choices,
)
from odop.registry.models import Problem
from odop.registry.permissions import access_gi_queue_product, can_view_findings, can_view_gi_queue
from odop.registry.selectors import (
    FINDING_FIELDS,
    finding_as_dict,
    findings_list,
    findings_summary,
    vocabulary_normalisations,
)
from odop.registry.services.gi_links import gi_link_decide


def _officer(request: HttpRequest) -> User:
    if not can_view_findings(request.user):
        raise Http404
    assert isinstance(request.user, User)
    return request.user


@login_required
def data_quality_view(request: HttpRequest) -> HttpResponse:
    """Every row the imports could not place cleanly, why, and what they did about it."""
    user = _officer(request)
    problem = request.GET.get("problem") or None
    source = request.GET.get("source") or None
    findings = findings_list(user=user, source=source, problem=problem)
    page = Paginator(findings, 100).get_page(request.GET.get("page"))
    findings_shown = list(page.object_list)
    # A GI finding links to its product's decision page, when the officer may decide it.
    gi_products = gi_products_of_rows(
        user, [f.row for f in findings_shown if f.problem in GI_PROBLEMS and f.row is not None]
    )
    rows = [
        (f, gi_products.get(f.row) if f.problem in GI_PROBLEMS and f.row is not None else None)
        for f in findings_shown
    ]
    return render(
        request,
        "registry/data_quality.html",
        {
            "page": page,
            "rows": rows,
            "summary": findings_summary(user=user),
            "problems": Problem.choices,
            "problem": problem,
            "source": source,
            "normalisations": vocabulary_normalisations(),
        },
    )


@login_required
def data_quality_csv_view(request: HttpRequest) -> HttpResponse:
    """The same findings as a CSV download (filters as on the page)."""
    user = _officer(request)
    findings = findings_list(
        user=user,
        source=request.GET.get("source") or None,
        problem=request.GET.get("problem") or None,
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="odop-data-quality.csv"'
    writer = SafeDictWriter(response, fieldnames=FINDING_FIELDS, lineterminator="\n")
    writer.writeheader()
    for finding in findings.iterator():
        writer.writerow(finding_as_dict(finding))
    return response


@login_required
def gi_queue_view(request: HttpRequest) -> HttpResponse:
    """Officers' GI queue: GI-flagged products in their scope with no link and no decision."""
    if not can_view_gi_queue(request.user):
        raise Http404
    assert isinstance(request.user, User)
    items = gi_queue(request.user)
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/gi_queue.html",
        {
            "page": page,
            "total": len(items),
            "not_flagged": gi_queue(request.user, not_flagged=True),
        },
    )


@login_required
def gi_queue_product_view(request: HttpRequest, product_id: int) -> HttpResponse:
    """One product's GI candidates, the State's GIs to pick from, and the decision form."""
    product = access_gi_queue_product(request.user, product_id)
    assert isinstance(request.user, User)
    query = request.GET.get("q", "").strip()[:100]
    item = gi_queue_item(product)
    state_gis = gi_state_choices(product, query)
    choices = [candidate.record.id for candidate in item.candidates]
    all_choices = gi_state_choices(product)
    form = GILinkDecisionForm(
        request.POST or None,
        choices=all_choices,
        initial={"more_gi_entries": [entry.pk for entry in product.gi_entries[1:]]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            gi_link_decide(
                actor=request.user,
                product=product,
                action=form.cleaned_data["action"],
                gi_entry=form.cleaned_data["gi_entry"],
                note=form.cleaned_data["note"],
                more_gi_entries=form.more_in_order(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("registry:gi-queue")
    return render(
        request,
        "registry/gi_queue_product.html",
        {
            "product": product,
            "item": item,
            "candidate_ids": choices,
            "state_gis": state_gis,
            "query": query,
            "form": form,
            "decisions": gi_decisions_of(product),
        },
        status=400 if request.method == "POST" else 200,
    )
