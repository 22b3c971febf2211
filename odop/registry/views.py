"""Officers' pages of the registry: the data-quality report (page and CSV)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from odop.accounts.models import User
from odop.core.spreadsheets import SafeDictWriter
from odop.registry.models import Problem
from odop.registry.permissions import can_view_findings
from odop.registry.selectors import (
    FINDING_FIELDS,
    finding_as_dict,
    findings_list,
    findings_summary,
    vocabulary_normalisations,
)


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
    return render(
        request,
        "registry/data_quality.html",
        {
            "page": page,
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
