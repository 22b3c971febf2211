"""The OpenAPI schema states what the API really answers (issue 10).

drf-spectacular documents the success status of each operation only. This schema class adds,
to every operation, the error statuses it can return, derived from the view rather than listed
by hand, with the error bodies that `odop.api.exceptions.exception_handler` produces:

- 400 `ValidationError` when the operation takes input that is validated: a request body or
  query parameters other than the page number;
- 401 `Error` when the view authenticates at all: any request may carry a token, and a wrong or
  expired token is refused before anything else;
- 403 `Error` unless the operation is a read open to everybody: permission classes, the
  services' `can_*` checks and the CSRF check of session writes can all refuse;
- 404 `Error` when the path or the view's own query parameters (not a list's filters) name an
  object (missing or not visible), or the list is paged (a page past the end);
- 429 `Error` with `Retry-After` when the view is throttled.

It also makes decimal string patterns exact (drf-spectacular's accept "", "." and "-", which
the API then rejects) and adds the anonymous `{}` security entry wherever nobody needs to sign
in (drf-spectacular adds it only for an explicit AllowAny).
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions, serializers
from rest_framework.settings import api_settings

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Any error other than a 400: one message under `detail`.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}

VALIDATION_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "A refused input. Each field that was refused maps to its messages; errors not tied "
        "to one field come under `non_field_errors` (or `detail` when the body could not be "
        "read). `codes` has the same shape with each message replaced by its stable code "
        "(`required`, `invalid`, `insufficient_stock`, ...): clients test codes, never wording."
    ),
    "properties": {
        "codes": {"type": "object", "additionalProperties": True},
        api_settings.NON_FIELD_ERRORS_KEY: {"type": "array", "items": {"type": "string"}},
        "detail": {"type": "string"},
    },
    "required": ["codes"],
    "additionalProperties": True,
}

ERROR_DESCRIPTIONS = {
    "400": "The input was refused; `codes` says why, field by field.",
    "401": "Credentials are needed, or the token sent is wrong or expired.",
    "403": "The caller may not do this.",
    "404": "Not found, or not visible to the caller (the same answer for both).",
    "429": "Too many requests; `Retry-After` says how many seconds to wait.",
}

# The one query parameter that never answers 400: a page that is not a number is a 404.
PAGE_PARAMETER = "page"
PAGE_SIZE_PARAMETER = "page_size"


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema plus the error responses every operation can give."""

    def get_operation(self, *args: Any, **kwargs: Any) -> Any:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return operation
        self._filter_bounds(operation)
        self._filters_accept_empty_values(operation)
        responses = operation["responses"]
        for status_code in self._error_statuses(operation):
            if status_code not in responses:
                responses[status_code] = self._error_response(status_code)
        return operation

    def map_parsers(self) -> list[str]:
        """Request bodies are documented as JSON wherever JSON is accepted.

        DRF also parses form encodings, which cannot say `null`, a number or a nested object,
        so a form body means something else than the same JSON; the contract is JSON. Views
        that take files (multipart only) keep their own media types.
        """
        media_types: list[str] = super().map_parsers()
        return ["application/json"] if "application/json" in media_types else media_types

    def _filters_accept_empty_values(self, operation: dict[str, Any]) -> None:
        """`?sector=` means "any sector" to django-filter (the HTML forms send empty fields)
        and to DRF, so an optional text parameter has no minimum length and its choices
        include ""."""
        if self.method != "GET":
            return
        # DRF reads an empty optional query parameter as absent too (Field.get_value), so the
        # views' own Query serializers (`?sector=`, `?status=`) treat it the same way.
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query" or parameter.get("required"):
                continue
            schema = parameter.get("schema", {})
            if schema.get("type") in ("integer", "number") and parameter["name"] not in (
                PAGE_PARAMETER,
                PAGE_SIZE_PARAMETER,
            ):
                # `?state=` is "any State"; a page number or size left empty is still refused.
                parameter["schema"] = {"anyOf": [schema, {"type": "string", "enum": [""]}]}
                continue
            if schema.get("type") != "string":
                continue
            schema.pop("minLength", None)
            if "pattern" in schema:
                schema["pattern"] = f"(?:^$)|(?:{schema['pattern']})"
            if "enum" in schema and "" not in schema["enum"]:
                schema["enum"] = [*schema["enum"], ""]

    def _filter_bounds(self, operation: dict[str, Any]) -> None:
        """A list filter's range (`min_value`/`max_value` of `odop.core.filters`) in its
        parameter's schema: django-filter's own schema knows only the column's type."""
        filterset = getattr(self.view, "filterset_class", None)
        if filterset is None:
            return
        for parameter in operation.get("parameters", []):
            found = filterset.base_filters.get(parameter["name"])
            if parameter["in"] != "query" or found is None:
                continue
            schema = parameter.get("schema", {})
            for option, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
                if option in found.extra:
                    schema[keyword] = found.extra[option]

    def get_auth(self) -> list[dict[str, Any]]:
        auths: list[dict[str, Any]] = super().get_auth()
        if {} not in auths and self._open_to_anonymous():
            auths.append({})
        return auths

    def _open_to_anonymous(self) -> bool:
        """No permission class asks for a signed-in user (an empty list allows everybody)."""
        for permission in self.view.get_permissions():
            if isinstance(permission, permissions.AllowAny):
                continue
            if (
                isinstance(permission, permissions.IsAuthenticatedOrReadOnly)
                and self.method in permissions.SAFE_METHODS
            ):
                continue
            return False
        return True

    def _error_statuses(self, operation: dict[str, Any]) -> list[str]:
        parameters = operation.get("parameters", [])
        query = {p["name"] for p in parameters if p["in"] == "query"}
        statuses = []
        if "requestBody" in operation or query - {PAGE_PARAMETER}:
            statuses.append("400")
        if self.view.get_authenticators():
            statuses.append("401")
        if self.method not in permissions.SAFE_METHODS or not self._open_to_anonymous():
            statuses.append("403")
        # Filters only narrow a list; a view's own query parameters may name a row to fetch.
        filters = {p["name"] for p in self._get_filter_parameters()}
        own_query = query - filters - {PAGE_PARAMETER, PAGE_SIZE_PARAMETER}
        if any(p["in"] == "path" for p in parameters) or own_query or PAGE_PARAMETER in query:
            statuses.append("404")
        if self.view.get_throttles():
            statuses.append("429")
        return statuses

    def _error_response(self, status_code: str) -> dict[str, Any]:
        name, schema = (
            (VALIDATION_ERROR, VALIDATION_ERROR_SCHEMA)
            if status_code == "400"
            else (ERROR, ERROR_SCHEMA)
        )
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        response: dict[str, Any] = {
            "description": ERROR_DESCRIPTIONS[status_code],
            "content": {
                media_type: {"schema": component.ref}
                for media_type in self.map_renderers("media_type")
            },
        }
        if status_code == "429":
            response["headers"] = {
                "Retry-After": {
                    "schema": {"type": "integer", "minimum": 0},
                    "description": "Seconds to wait before trying again.",
                }
            }
        return response

    def get_serializer_name(self, serializer: Any, direction: Any) -> str:
        """`ListingCreateApi.Input` becomes `ListingCreateInput`, not `Input`.

        Views nest their `Input`/`Output` serializers (house style); named by the bare class
        name, the components of two views would collide and one would silently describe both.
        """
        outer, _, inner = type(serializer).__qualname__.rpartition(".")
        if not outer:
            return str(super().get_serializer_name(serializer, direction))
        outer = outer.split(".")[-1].removesuffix("Api")
        return f"{outer}{inner}"

    def _map_serializer_field(
        self, field: Any, direction: Any, bypass_extensions: bool = False
    ) -> Any:
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            direction == "response"
            and isinstance(schema, dict)
            and "$ref" not in schema
            and not schema.get("nullable")
            and _model_source_is_nullable(field)
        ):
            schema["nullable"] = True
        if (
            isinstance(field, serializers.DecimalField)
            and isinstance(schema, dict)
            and "pattern" in schema
            and field.max_whole_digits is not None
        ):
            schema["pattern"] = decimal_pattern(
                whole_digits=_whole_digits(field),
                decimal_places=field.decimal_places or 0,
                negative=field.min_value is None or field.min_value < 0,
            )
        return schema


def _whole_digits(field: serializers.DecimalField) -> int:
    """The whole digits a decimal field accepts: fewer than its column allows when its
    `max_value` is all nines (₹99,99,999.99 is seven), so the pattern states the limit
    exactly; a pattern cannot express any other maximum."""
    digits = int(field.max_whole_digits or 0)
    maximum = field.max_value
    if maximum is None:
        return digits
    whole = int(maximum)
    places = field.decimal_places or 0
    if str(whole).strip("9") == "" and Decimal(maximum) == Decimal(10 ** len(str(whole))) - (
        Decimal(1).scaleb(-places)
    ):
        return min(digits, len(str(whole)))
    return digits


def decimal_pattern(*, whole_digits: int, decimal_places: int, negative: bool) -> str:
    """A pattern that accepts exactly the decimal strings DRF's DecimalField accepts.

    drf-spectacular's `^-?\\d{0,W}(?:\\.\\d{0,D})?$` lets "", "." and "-" through; a number
    needs at least one digit, and a sign only where negative values are allowed.
    """
    sign = "-?" if negative else ""
    if decimal_places == 0:
        return f"^{sign}[0-9]{{1,{max(whole_digits, 1)}}}$"
    fraction = f"\\.[0-9]{{1,{decimal_places}}}"
    if whole_digits == 0:
        return f"^{sign}(?:0|0?{fraction})$"
    return f"^{sign}(?:[0-9]{{1,{whole_digits}}}(?:\\.[0-9]{{0,{decimal_places}}})?|{fraction})$"


def _model_source_is_nullable(field: Any) -> bool:
    """Whether a model serializer's field reads a column (or follows a relation) that may be
    NULL: declared fields such as `SlugRelatedField(read_only=True)` do not carry the model's
    `null=True` into the schema, and the API then answers `null` where the schema says never."""
    parent = getattr(field, "parent", None)
    meta = getattr(parent, "Meta", None)
    model = getattr(meta, "model", None)
    attributes = getattr(field, "source_attrs", None)
    if model is None or not attributes:
        return False
    for attribute in attributes:
        try:
            model_field = model._meta.get_field(attribute)
        except FieldDoesNotExist:  # a property or method, not a column: nothing to say
            return False
        if not getattr(model_field, "concrete", False):  # a reverse relation: a list, never null
            return False
        if getattr(model_field, "null", False):
            return True
        model = getattr(model_field, "related_model", None)
        if model is None:
            return False
    return False
