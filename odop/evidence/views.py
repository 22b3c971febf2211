"""Officers' pages of district statistics: the upload and the list (thin: services and
selectors do the work)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from odop.accounts.models import User
from odop.core.imports import Finding, ImportReport
from odop.evidence.forms import StatisticsUploadForm
from odop.evidence.models import StatisticsProblem, StatisticsResolution
from odop.evidence.permissions import can_upload_statistics, can_view_statistics
from odop.evidence.selectors import statistic_list, statistics_upload_list
from odop.evidence.services import statistics_import
from odop.evidence.uploads import upload_table_read
from odop.geography.permissions import districts_visible_to, states_visible_to

PAGE_SIZE = 50
LIST_FILTERS = ("state", "district", "year", "product_type", "sector", "q")


def _findings_rows(report: ImportReport) -> list[dict[str, Any]]:
    """Findings with their problem and resolution in words, for the template."""
    problems = dict(StatisticsProblem.choices)
    resolutions = dict(StatisticsResolution.choices)

    def row(finding: Finding) -> dict[str, Any]:
        return {
            "finding": finding,
            "problem": problems.get(finding.problem, finding.problem),
            "resolution": resolutions.get(finding.resolution, finding.resolution),
            "is_skipped": finding.resolution == StatisticsResolution.SKIPPED,
        }

    return [row(finding) for finding in report.findings]


@login_required
def statistics_upload_view(request: HttpRequest) -> HttpResponse:
    """An officer uploads district statistics and sees what was imported and every row that
    was not, with the reason."""
    if not can_upload_statistics(request.user):
        raise Http404
    assert isinstance(request.user, User)
    form = StatisticsUploadForm(request.POST or None, request.FILES or None)
    report: ImportReport | None = None
    if request.method == "POST" and form.is_valid():
        try:
            table = upload_table_read(form.cleaned_data["file"])
            report = statistics_import(
                actor=request.user,
                table=table,
                reference_year=form.cleaned_data["reference_year"],
            )
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "evidence/statistics_upload.html",
        {
            "form": form,
            "report": report,
            "findings": _findings_rows(report) if report is not None else [],
            "skipped": sum(
                finding.resolution == StatisticsResolution.SKIPPED
                for finding in (report.findings if report is not None else [])
            ),
            "uploads": statistics_upload_list(user=request.user)[:10],
        },
    )


@login_required
def statistics_list_view(request: HttpRequest) -> HttpResponse:
    """Every uploaded statistic, filtered by State, district, year, product type or subject."""
    if not can_view_statistics(request.user):
        raise Http404
    filters = {name: request.GET[name] for name in LIST_FILTERS if request.GET.get(name)}
    statistics = statistic_list(user=request.user, filters=filters)
    page = Paginator(statistics, PAGE_SIZE).get_page(request.GET.get("page"))
    state = filters.get("state", "")
    districts = (
        districts_visible_to(request.user)
        .filter(state__lgd_code=int(state))
        .order_by("name")
        .values("lgd_code", "name")
        if state.isdigit()
        else []
    )
    return render(
        request,
        "evidence/statistics_list.html",
        {
            "page": page,
            "filters": filters,
            "states": states_visible_to(request.user).order_by("name").values("lgd_code", "name"),
            "districts": districts,
        },
    )
