"""The API's front door: what is here and where the schema is."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView


class ApiRootApi(APIView):
    """Links to every open-data list and the OpenAPI schema."""

    @extend_schema(responses=dict)
    def get(self, request: Request) -> Response:
        names = [
            "state-list",
            "district-list",
            "district-geojson",
            "product-list",
            "product-csv",
            "gi-list",
        ]
        links = {name: reverse(name, request=request) for name in names}
        links["schema"] = reverse("schema", request=request)
        links["docs"] = reverse("api-docs", request=request)
        return Response(links)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 handler: under /api/ a path that matches no route (`/listings/abc/` where
    an id is expected) answers in the API's error shape, as JSON, like every other API 404;
    pages keep the HTML page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)
