"""The project's urls plus `/bench/bare/`: the least a request through Django can cost here.

The bare view goes through the same middleware as every page, so a page's throughput divided by
the bare view's shows what the page itself costs. Used only by bench/catalogue_bench.py.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def bare_view(request: HttpRequest) -> HttpResponse:
    """No database, no template: the baseline of the catalogue benchmark."""
    return HttpResponse("ok")


urlpatterns = [
    path("bench/bare/", bare_view, name="bench-bare"),
    # Spliced in, not include()d: the project's pages sit in i18n_patterns, which Django allows
    # only in the root URLconf.
    *project_urlpatterns,
]
