"""One error shape for the whole API: services' ValidationErrors become 400s with codes."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def error_codes(detail: Any) -> Any:
    """The `code` of every message in a DRF error detail, in the same shape."""
    if isinstance(detail, Mapping):
        return {key: error_codes(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [error_codes(item) for item in detail]
    return getattr(detail, "code", None)


def exception_handler(error: Exception, context: dict[str, Any]) -> Response | None:
    """Translate service errors into DRF errors so every endpoint answers the same way.

    A 400 carries its messages and, under `codes`, the same shape with each message's code
    (`invalid_transition`, `insufficient_stock`, ...): clients test codes, never wording. Errors
    not tied to a field come under `non_field_errors`.
    """
    if isinstance(error, DjangoValidationError):
        detail = as_serializer_error(error)
        if "__all__" in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop("__all__")
        error = exceptions.ValidationError(detail)
    elif isinstance(error, Http404):
        error = exceptions.NotFound()
    elif isinstance(error, PermissionDenied):
        error = exceptions.PermissionDenied()
    response = drf_exception_handler(error, context)
    if (
        response is not None
        and response.status_code == status.HTTP_400_BAD_REQUEST
        and isinstance(response.data, dict)
        and "codes" not in response.data
    ):
        response.data["codes"] = error_codes(response.data)
    return response
