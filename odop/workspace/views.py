"""The "My work" page (issue 12): what waits for the signed-in person, from
`workspace.selectors`. Per person, so never cached (not in `core.page_cache.PAGE_POLICIES`,
and `never_cache` tells browsers and proxies the same)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from odop.accounts.models import signed_in_user
from odop.workspace.selectors import workspace_blocks


@never_cache
@require_safe
@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    """Each block of the person's work with its counts, its waiting rows and its pages."""
    user = signed_in_user(request.user)
    assert user is not None  # login_required
    blocks = workspace_blocks(user=user)
    return render(
        request,
        "workspace/home.html",
        {"blocks": blocks, "waiting": sum(block.waiting for block in blocks)},
    )
