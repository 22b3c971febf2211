"""Pages of outcomes, mounted at /outcomes/ (namespace "outcomes"): officers upload returns
and read what each upload placed and refused."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from odop.accounts.models import signed_in_user
from odop.outcomes import permissions
from odop.outcomes.forms import ReturnUploadForm
from odop.outcomes.returns import ReturnsReport, returns_upload
from odop.producers.bulk import upload_table_read

RECENT_UPLOADS = 10


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def return_upload_view(request: HttpRequest) -> HttpResponse:
    """Upload a return; the page shows what was placed and every refused row with its reason.
    A file with a structural fault (a missing column, unreadable) is refused whole."""
    user = signed_in_user(request.user)
    if user is None or not permissions.can_upload_returns(user):
        raise Http404
    form = ReturnUploadForm(request.POST or None, request.FILES or None)
    report: ReturnsReport | None = None
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            table = upload_table_read(form.cleaned_data["file"])
            report = returns_upload(actor=user, table=table)
        except ValidationError as error:
            problems = list(error.messages)
    return render(
        request,
        "outcomes/upload.html",
        {
            "form": form,
            "report": report,
            "problems": problems,
            "uploads": permissions.outcome_uploads_visible_to(user)[:RECENT_UPLOADS],
        },
        status=400 if problems or (request.method == "POST" and not form.is_valid()) else 200,
    )
