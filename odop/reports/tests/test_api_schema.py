"""The reports' API as the OpenAPI schema documents it: the file types it really answers with
and every status code (schemathesis checks the rest in CI)."""

from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def schema(db: None) -> dict[str, Any]:
    response = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    ("path", "media_type", "statuses"),
    [
        (
            "/api/v1/reports/mis.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            {"200", "400", "401", "404"},
        ),
        ("/api/v1/reports/mis.pdf", "application/pdf", {"200", "400", "401", "404", "503"}),
    ],
)
def test_reports_are_documented_as_files(
    schema: dict[str, Any], path: str, media_type: str, statuses: set[str]
) -> None:
    operation = schema["paths"][path]["get"]
    assert set(operation["responses"]) == statuses
    assert list(operation["responses"]["200"]["content"]) == [media_type]
    (state,) = operation["parameters"]
    assert (state["name"], state["in"], state.get("required", False)) == ("state", "query", False)
    # An empty `state=` reads as left out (the schema class adds the empty string).
    assert {"type": "integer", "minimum": 1, "maximum": 999_999} in state["schema"]["anyOf"]
    assert operation["responses"]["200"]["content"][media_type]["schema"] == {
        "type": "string",
        "format": "binary",
    }
