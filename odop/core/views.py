"""Pages of the site frame itself, outside any app (issue 12)."""

from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

FAVICON = Path(__file__).resolve().parent / "static" / "core" / "favicon.ico"


@cache
def _favicon_bytes() -> bytes:
    return FAVICON.read_bytes()


@require_safe
def favicon_view(request: HttpRequest) -> HttpResponse:
    """`/favicon.ico`, which browsers ask for before reading any page's <link rel="icon">:
    served here (not a redirect to /static/) so the first visit is a 200, cached for a day."""
    response = HttpResponse(_favicon_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
