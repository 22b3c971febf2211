"""The outcomes and policies API: the role matrix, 404s, reports and bad input writing nothing."""

from types import SimpleNamespace
from typing import Any

import pytest
from rest_framework.test import APIClient

from odop.accounts.models import User
from odop.outcomes.models import OutcomeReturn, OutcomeUpload, Policy, PolicyProduct
from odop.outcomes.tests.uploads import MESSY, MISSING_COLUMN, upload

pytestmark = pytest.mark.django_db

OFFICERS = ["national_admin", "state_officer_own", "district_officer_own"]
NOT_OFFICERS = [
    "producer",
    "buyer",
    "mission_officer",
    "assessor",
    "cfc_operator",
    "trainer",
    "bank_officer",
]


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _upload(user: User | None, text: str = MESSY, name: str = "return.csv") -> Any:
    return _client(user).post(
        "/api/v1/outcomes/uploads/", {"file": upload(text, name)}, format="multipart"
    )


def test_upload_answers_placed_and_the_report(world: SimpleNamespace):
    response = _upload(world.users["state_officer_own"])
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["rows_read"], body["placed"], body["periods"]) == (9, 3, ["2026-Q2"])
    refused = {(entry["line"], entry["code"]) for entry in body["report"]}
    assert refused == {
        (5, "duplicate_row"),
        (6, "unknown_product"),
        (7, "out_of_scope"),
        (8, "negative_number"),
        (9, "district_unresolved"),
        (10, "bad_period"),
    }
    line_7 = next(entry for entry in body["report"] if entry["line"] == 7)
    assert line_7["values"]["district"] == "Kandhamal"
    assert line_7["column"] == "district"


def test_a_file_missing_a_column_is_a_400_and_writes_nothing(world: SimpleNamespace):
    response = _upload(world.users["national_admin"], MISSING_COLUMN)
    assert response.status_code == 400
    assert response.json()["codes"]["non_field_errors"] == ["missing_columns"]
    assert not OutcomeReturn.objects.exists() and not OutcomeUpload.objects.exists()


def test_a_file_that_is_not_csv_is_a_400(world: SimpleNamespace):
    response = _upload(world.users["national_admin"], "PK\x03\x04junk", name="return.xlsx")
    assert response.status_code == 400
    assert not OutcomeUpload.objects.exists()


@pytest.mark.parametrize("who", NOT_OFFICERS)
def test_only_officers_upload(world: SimpleNamespace, who: str):
    assert _upload(world.users[who]).status_code == 403
    assert not OutcomeUpload.objects.exists()


def test_anonymous_cannot_upload_or_list(world: SimpleNamespace):
    assert _upload(None).status_code in (401, 403)
    assert _client().get("/api/v1/outcomes/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("who", "districts"),
    [
        # A national admin's upload places Kandhamal (359) too: it is in their scope.
        ("national_admin", {212, 192, 213, 359}),
        ("state_officer_own", {212, 192, 213}),
        ("state_officer_other", {359}),
        ("district_officer_own", {212}),
        ("district_officer_other", {192}),
        ("buyer", set()),
        ("mission_officer", set()),
    ],
)
def test_the_list_shows_the_callers_districts(world: SimpleNamespace, who: str, districts: set):
    _upload(world.users["national_admin"])
    response = _client(world.users[who]).get("/api/v1/outcomes/", {"period": "2026-Q2"})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {row["district"]["lgd_code"] for row in rows} == districts


def test_the_list_names_district_and_product_and_filters(world: SimpleNamespace):
    _upload(world.users["national_admin"])
    client = _client(world.users["national_admin"])
    rows = client.get("/api/v1/outcomes/", {"state": 10, "district": 212}).json()["results"]
    assert len(rows) == 1
    row = rows[0]
    assert row["district"] == {
        "lgd_code": 212,
        "name": "Patna",
        "state": {"lgd_code": 10, "name": "Bihar"},
    }
    assert row["product"]["id"] == world.makhana.pk
    assert row["product"]["product_type"] == "Makhana (Fox Nut)"
    assert (row["period"], row["jobs"], row["sales_inr"]) == ("2026-Q2", 1200, "4500000.00")
    assert client.get("/api/v1/outcomes/", {"period": "2025-Q2"}).json()["results"] == []
    bad = client.get("/api/v1/outcomes/", {"period": "FY2026-28"})
    assert bad.status_code == 400
    assert bad.json()["codes"]["period"] == ["bad_period"]
    assert client.get("/api/v1/outcomes/", {"period": "2026-Q9"}).status_code == 400
    assert len(client.get("/api/v1/outcomes/", {"period": ""}).json()["results"]) == 4


def _policy_data(**extra: Any) -> dict[str, Any]:
    return {
        "state": 10,
        "name": "Bihar Industrial Investment Promotion Policy",
        "state_category": "Category A",
        "effective_from": "2016-09-01",
        **extra,
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("national_admin", 201),
        ("state_officer_own", 201),
        ("state_officer_other", 403),
        ("district_officer_own", 403),
        ("buyer", 403),
        ("producer", 403),
    ],
)
def test_who_records_a_state_policy(world: SimpleNamespace, who: str, expected: int):
    response = _client(world.users[who]).post("/api/v1/policies/", _policy_data(), format="json")
    assert response.status_code == expected
    assert Policy.objects.count() == (1 if expected == 201 else 0)
    if expected == 201:
        body = response.json()
        assert body["state"] == {"lgd_code": 10, "name": "Bihar"}
        assert body["state_category"] == "Category A"


def test_a_central_policy_is_for_national_admins(world: SimpleNamespace):
    data = _policy_data(state=None, name="PM Formalisation of Micro Food Enterprises")
    denied = _client(world.users["state_officer_own"]).post(
        "/api/v1/policies/", data, format="json"
    )
    assert denied.status_code == 403
    made = _client(world.users["national_admin"]).post("/api/v1/policies/", data, format="json")
    assert made.status_code == 201 and made.json()["state"] is None


def test_bad_policy_input_writes_nothing(world: SimpleNamespace):
    client = _client(world.users["national_admin"])
    backwards = client.post(
        "/api/v1/policies/", _policy_data(effective_to="2016-01-01"), format="json"
    )
    assert backwards.status_code == 400
    assert "dates_out_of_order" in str(backwards.json()["codes"])
    assert (
        client.post("/api/v1/policies/", _policy_data(state=999), format="json").status_code == 404
    )
    assert (
        client.post("/api/v1/policies/", _policy_data(effective_from="1900-01-01"), format="json")
    ).status_code == 400
    assert not Policy.objects.exists()


def _policy(world: SimpleNamespace) -> int:
    response = _client(world.users["national_admin"]).post(
        "/api/v1/policies/", _policy_data(), format="json"
    )
    return int(response.json()["id"])


def test_linking_products_and_the_coverage(world: SimpleNamespace):
    policy_id = _policy(world)
    client = _client(world.users["state_officer_own"])
    url = f"/api/v1/policies/{policy_id}/products/"
    response = client.post(
        url, {"district_products": [world.makhana.pk, world.silk.pk]}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["linked"] == 2
    again = client.post(url, {"district_products": [world.makhana.pk]}, format="json")
    assert again.json()["linked"] == 0  # already linked: nothing added
    coverage = _client().get("/api/v1/policies/coverage/", {"state": 10})
    assert coverage.status_code == 200
    (row,) = coverage.json()["policies"]
    assert (row["covered_products"], row["state_products"]) == (2, 3)
    assert (row["covered_districts"], row["state_districts"]) == (2, 3)
    assert coverage.json()["state"] == {"lgd_code": 10, "name": "Bihar"}


def test_linking_refuses_products_outside_the_state_or_scope(world: SimpleNamespace):
    policy_id = _policy(world)
    url = f"/api/v1/policies/{policy_id}/products/"
    admin = _client(world.users["national_admin"])
    response = admin.post(
        url, {"district_products": [world.makhana.pk, world.turmeric.pk, 999999]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["codes"]["district_products"] == ["product_out_of_scope"]
    assert not PolicyProduct.objects.exists()  # all or none
    other = _client(world.users["state_officer_other"])
    assert (
        other.post(url, {"district_products": [world.makhana.pk]}, format="json").status_code == 403
    )
    assert (
        admin.post(
            "/api/v1/policies/999999/products/", {"district_products": [1]}, format="json"
        ).status_code
        == 404
    )
    assert admin.post(url, {"district_products": []}, format="json").status_code == 400


def test_coverage_of_an_unknown_state_is_a_404(world: SimpleNamespace):
    assert _client().get("/api/v1/policies/coverage/", {"state": 999}).status_code == 404
    assert _client().get("/api/v1/policies/coverage/").status_code == 400


def test_policies_are_public(world: SimpleNamespace):
    _policy(world)
    response = _client().get("/api/v1/policies/", {"state": 10})
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == [
        "Bihar Industrial Investment Promotion Policy"
    ]
    assert _client().get("/api/v1/policies/", {"state": 21}).json()["results"] == []


def test_a_central_policy_is_recorded_once(world: SimpleNamespace):
    client = _client(world.users["national_admin"])
    data = _policy_data(state=None, name="PMFME")
    assert client.post("/api/v1/policies/", data, format="json").status_code == 201
    again = client.post("/api/v1/policies/", data, format="json")
    assert again.status_code == 400
    assert Policy.objects.count() == 1
