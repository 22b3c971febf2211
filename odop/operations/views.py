"""Operations pages for national admins: failed background jobs."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from odop.operations.permissions import can_view_task_failures
from odop.operations.selectors import scheduled_runs_recent, task_failures_list


@login_required
def task_failures_view(request: HttpRequest) -> HttpResponse:
    """Jobs that failed after their retries, with their tracebacks, and the scheduler's record.
    Anyone but a national admin gets the same 404 as a page that does not exist."""
    if not can_view_task_failures(request.user):
        raise Http404
    return render(
        request,
        "operations/task_failures.html",
        {"failures": task_failures_list(), "scheduled_runs": scheduled_runs_recent()},
    )
