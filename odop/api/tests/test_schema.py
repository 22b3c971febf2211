"""The OpenAPI schema states what the API answers (issue 10): error statuses with the error
shape, exact decimal patterns, the anonymous security entry, GeoJSON's media type, paging."""

import re
from typing import Any

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from odop.api.schema import decimal_pattern
from odop.registry.tests.factories import DistrictProductFactory

ERROR_REF = "#/components/schemas/Error"
VALIDATION_ERROR_REF = "#/components/schemas/ValidationError"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("", False),
        (".", False),
        ("-", False),
        ("-.", False),
        ("1", True),
        ("12345678", True),
        ("123456789", False),
        ("1.5", True),
        ("1.", True),
        (".25", True),
        ("1.255", False),
        ("-1.5", True),
    ],
)
def test_decimal_pattern_needs_a_digit(text: str, accepted: bool) -> None:
    pattern = decimal_pattern(whole_digits=8, decimal_places=2, negative=True)
    assert bool(re.fullmatch(pattern, text)) is accepted


def test_decimal_pattern_has_no_sign_when_negatives_are_refused() -> None:
    pattern = decimal_pattern(whole_digits=8, decimal_places=2, negative=False)
    assert re.fullmatch(pattern, "5.00")
    assert not re.fullmatch(pattern, "-5.00")


def test_no_decimal_pattern_accepts_an_empty_string(schema: dict[str, Any]) -> None:
    """Bodies and responses only: an optional query parameter left empty means "absent"
    (DRF reads it so), and its schema says so (test below)."""
    patterns = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("in") == "query":
                return
            if node.get("format") == "decimal" and "pattern" in node:
                patterns.append(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert patterns
    for pattern in patterns:
        for text in ("", ".", "-"):
            assert not re.search(pattern, text), (pattern, text)


def test_an_optional_decimal_query_parameter_may_be_left_empty(schema: dict[str, Any]) -> None:
    parameters = schema["paths"]["/api/v1/bazaar/listings/"]["get"]["parameters"]
    price_min = next(p for p in parameters if p["name"] == "price_min")
    pattern = price_min["schema"]["pattern"]
    assert re.search(pattern, "")
    assert re.search(pattern, "250.50")
    for text in (".", "-", "12345678"):  # no digit, no sign, more than seven whole digits
        assert not re.search(pattern, text), text


def test_an_optional_whole_number_filter_may_be_left_empty(schema: dict[str, Any]) -> None:
    """`/api/v1/gi/?state=` lists every State's GIs (django-filter reads empty as absent)."""
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/gi/"]["get"]["parameters"]}
    state = parameters["state"]["schema"]
    assert {"type": "string", "enum": [""]} in state["anyOf"]
    whole = next(option for option in state["anyOf"] if option["type"] == "integer")
    assert whole["minimum"] >= 0
    # Paging stays strict: `?page_size=` is a 400, `?page=` a 404.
    assert parameters["page_size"]["schema"]["type"] == "integer"
    assert parameters["page"]["schema"]["type"] == "integer"


def test_every_operation_documents_its_errors(schema: dict[str, Any]) -> None:
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        has_path_parameter = "{" in path
        if has_path_parameter:
            assert "404" in responses, (method, path)
        if "requestBody" in operation:
            assert "400" in responses, (method, path)
        assert "401" in responses or not operation.get("security"), (method, path)
        for status_code in ("401", "403", "404"):
            if status_code in responses and "content" in responses[status_code]:
                for media in responses[status_code]["content"].values():
                    ref = media["schema"].get("$ref")
                    assert ref is None or ref == ERROR_REF or "Auth" in ref, (
                        method,
                        path,
                        status_code,
                    )


def test_validation_error_component_has_codes(schema: dict[str, Any]) -> None:
    component = schema["components"]["schemas"]["ValidationError"]
    assert component["required"] == ["codes"]
    products = schema["paths"]["/api/v1/products/"]["get"]["responses"]
    assert products["400"]["content"]["application/json"]["schema"]["$ref"] == (
        VALIDATION_ERROR_REF
    )


def test_public_reads_allow_anonymous_and_writes_need_a_token(schema: dict[str, Any]) -> None:
    detail = schema["paths"]["/api/v1/products/{id}/"]
    assert {} in detail["get"]["security"]
    assert {} not in detail["patch"]["security"]
    assert "403" not in detail["get"]["responses"]
    assert "403" in detail["patch"]["responses"]


def test_nested_serializers_get_distinct_component_names(schema: dict[str, Any]) -> None:
    names = set(schema["components"]["schemas"])
    assert "Output" not in names
    assert "InputRequest" not in names


def test_request_bodies_are_documented_as_json(schema: dict[str, Any]) -> None:
    for path, method, operation in _operations(schema):
        content = operation.get("requestBody", {}).get("content", {})
        assert "application/x-www-form-urlencoded" not in content, (method, path)


@pytest.mark.django_db
def test_districts_geojson_is_served_as_geojson(client: Client) -> None:
    response = client.get("/api/v1/districts.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response.json()["type"] == "FeatureCollection"


def test_districts_geojson_is_documented_as_geojson(schema: dict[str, Any]) -> None:
    responses = schema["paths"]["/api/v1/districts.geojson"]["get"]["responses"]
    assert list(responses["200"]["content"]) == ["application/geo+json"]


@pytest.mark.django_db
@pytest.mark.parametrize("size", ["abc", "0", "-3", "null"])
def test_a_bad_page_size_is_a_400_with_a_code(client: Client, size: str) -> None:
    response = client.get("/api/v1/products/", {"page_size": size})
    assert response.status_code == 400
    assert response.json()["codes"] == {"page_size": ["page_size_invalid"]}


@pytest.mark.django_db
def test_a_large_page_size_is_cut_to_the_maximum(client: Client) -> None:
    DistrictProductFactory.create_batch(2)
    response = client.get("/api/v1/products/", {"page_size": 10_000})
    assert response.status_code == 200
    assert response.json()["count"] == 2


@pytest.mark.django_db
def test_an_api_path_matching_no_route_is_a_json_404(client: Client) -> None:
    response = client.get("/api/v1/bazaar/listings/not-a-number/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@pytest.mark.django_db
def test_a_page_matching_no_route_keeps_the_html_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
