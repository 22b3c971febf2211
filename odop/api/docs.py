"""The API's documentation pages (Swagger UI, Redoc) under the site's Content-Security-Policy.

drf-spectacular's pages start Swagger UI with an inline script and load Redoc's fonts from
Google. Here Swagger UI's start-up script is a second request to the same page (`?script`, the
split view), the page styles are a static file, and nothing comes from another site, so the
pages run under `script-src 'self'` with no nonce (a nonce would make a cached page invalid).
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


def redoc_policy() -> dict[str, Any]:
    """The site's policy, except that styles may be inline: Redoc (styled-components) writes
    its CSS into <style> elements at run time. Scripts stay `'self'` only; its search runs in a
    worker started from a blob."""
    return {
        **settings.SECURE_CSP,
        "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
        "worker-src": [CSP.SELF, "blob:"],
    }


class ApiDocsSwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI at /api/docs/: every script is a file or a same-site request."""

    template_name = "api/swagger_ui.html"


class ApiDocsRedocView(SpectacularRedocView):
    """Redoc at /api/redoc/: no inline script, no third-party fonts; inline styles allowed."""

    template_name = "api/redoc.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        view = csp_override(redoc_policy())(super().dispatch)
        response: HttpResponseBase = view(request, *args, **kwargs)
        return response
