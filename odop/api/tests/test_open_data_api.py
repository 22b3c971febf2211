"""The read API: lists, filters, paging with `count`, CSV and GeoJSON, schema (issue #2)."""

import csv
import io
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from odop.registry.services import ReferenceFiles, reference_import
from odop.registry.tests.factories import DistrictProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(reference_dir: Path) -> None:
    reference_import(files=ReferenceFiles.in_directory(reference_dir))


def test_products_list_is_paginated_with_count(client: Client, imported: None) -> None:
    body = client.get("/api/v1/products/", {"page_size": 4}).json()
    assert body["count"] == 10
    assert len(body["results"]) == 4
    assert body["next"] is not None
    first = body["results"][0]
    assert set(first) >= {"id", "name", "state", "district", "sector", "category", "is_gi"}


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({"state": 10}, 3),
        ({"district": 212}, 1),
        ({"sector": "agriculture"}, 5),
        ({"category": "secondary"}, 4),
        ({"gi": "true"}, 2),
        ({"gi": "false"}, 8),
        ({"state": 99}, 0),
        ({"q": "mango"}, 2),
        ({"provisional": "true"}, 1),
    ],
)
def test_products_filters(client: Client, imported: None, query: dict, count: int) -> None:
    assert client.get("/api/v1/products/", query).json()["count"] == count


def test_bad_filter_value_is_400(client: Client, imported: None) -> None:
    assert client.get("/api/v1/products/", {"sector": "spaceships"}).status_code == 400


def test_products_list_query_count_does_not_grow(client: Client) -> None:
    DistrictProductFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/products/")
    DistrictProductFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v1/products/")
    assert response.json()["count"] == 33
    assert len(many) == len(few)


def test_states_and_districts(client: Client, imported: None) -> None:
    bihar = client.get("/api/v1/states/10/").json()
    assert (bihar["districts"], bihar["districts_covered"], bihar["products"]) == (4, 3, 3)
    districts = client.get("/api/v1/districts/", {"state": 10}).json()
    assert districts["count"] == 4
    assert client.get("/api/v1/districts/799/").json()["is_provisional"] is True
    assert client.get("/api/v1/states/77/").status_code == 404


def test_gi_entries(client: Client, imported: None) -> None:
    assert client.get("/api/v1/gi/").json()["count"] == 5
    assert client.get("/api/v1/gi/", {"state": 10}).json()["count"] == 2
    assert client.get("/api/v1/gi/", {"foreign": "true"}).json()["count"] == 1


def test_products_csv(client: Client, imported: None) -> None:
    response = client.get("/api/v1/products.csv", {"state": 21})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted(row["product"] for row in rows) == ["Pattachitra", "Turmeric"]
    assert {row["state"] for row in rows} == {"Odisha"}


def test_products_csv_hands_no_formula_to_spreadsheets(client: Client) -> None:
    # given: an officer typed a formula as a description (issue 10, CSV injection)
    product = DistrictProductFactory(description='=HYPERLINK("http://x")', name="@SUM(A1)")
    # when
    response = client.get("/api/v1/products.csv")
    # then: text cells are quoted, the numbers and booleans are still plain values
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["description"] == '\'=HYPERLINK("http://x")'
    assert row["product"] == "'@SUM(A1)"
    assert row["id"] == str(product.pk)
    assert row["gi"] == "False"


def test_districts_geojson_keeps_districts_without_points(client: Client, imported: None) -> None:
    body = client.get("/api/v1/districts.geojson").json()
    assert body["type"] == "FeatureCollection"
    features = {feature["properties"]["lgd_code"]: feature for feature in body["features"]}
    assert len(features) == 13  # 12 LGD districts + 1 provisional
    assert features[212]["geometry"] == {"type": "Point", "coordinates": [85.14, 25.59]}
    assert features[212]["properties"]["products"] == 1
    assert features[799]["geometry"] is None


def test_schema_and_docs_are_served_without_cdn(client: Client) -> None:
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/products/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn." not in docs.content.lower()


def test_token_authentication(client: Client) -> None:
    from odop.accounts.tests.factories import UserFactory

    UserFactory(username="asha")
    response = client.post("/api/v1/auth/token/", {"username": "asha", "password": "pass-word-123"})
    assert response.status_code == 200
    assert len(response.json()["token"]) == 64
    bad = client.post("/api/v1/auth/token/", {"username": "asha", "password": "wrong"})
    assert bad.status_code == 400
