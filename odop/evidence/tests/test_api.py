"""The statistics API: the upload's role matrix, 400s with codes, the list (officers, fixed
query count) and the evidence indicators (issue #3)."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from odop.evidence.models import DistrictStatistic, StatisticsProblem
from odop.evidence.tests.factories import DistrictStatisticFactory, StatisticsUploadFactory
from odop.evidence.tests.uploads import csv_file
from odop.evidence.uploads import MAX_UPLOAD_BYTES
from odop.geography.tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/api/v1/evidence/statistics/upload/"
LIST_URL = "/api/v1/evidence/statistics/"
EVIDENCE_URL = "/api/v1/evidence/"

# who → whose districts' figures they may upload (home = Patna, their district; neighbour =
# Purbi Champaran, same State; far = Baleshwar, another State)
MATRIX = {
    "anonymous": set(),
    "national": {"home", "neighbour", "far"},
    "state_officer": {"home", "neighbour"},
    "district_officer": {"home"},
    "producer": set(),
    "buyer": set(),
    "mission_officer": set(),
}
ROWS = {
    "home": "Bihar,Patna,Makhana,10",
    "neighbour": "Bihar,East Champaran,Litchi,20",
    "far": "Odisha,Balasore,Pattachitra,30",
}
OFFICERS = {"national", "state_officer", "district_officer"}


def client_for(place: SimpleNamespace, who: str) -> APIClient:
    client = APIClient()
    if who != "anonymous":
        client.force_authenticate(place.users[who])
    return client


@pytest.mark.parametrize("who", list(MATRIX))
@pytest.mark.parametrize("where", ["home", "neighbour", "far"])
def test_upload_role_matrix(place: SimpleNamespace, who: str, where: str) -> None:
    # given
    text = "State,District,Product,Workers\n" + ROWS[where] + "\n"

    # when
    response = client_for(place, who).post(
        UPLOAD_URL, {"file": csv_file(text), "reference_year": 2022}, format="multipart"
    )

    # then
    imported = DistrictStatistic.objects.exists()
    if who not in OFFICERS:
        assert response.status_code == (401 if who == "anonymous" else 403)
        assert imported is False
    elif where in MATRIX[who]:
        assert response.status_code == 201
        assert response.json()["created"] == 1
        assert imported is True
    else:
        assert response.status_code == 201
        body = response.json()
        assert body["created"] == 0
        assert [finding["problem"] for finding in body["findings"]] == [
            StatisticsProblem.OUTSIDE_SCOPE
        ]
        assert imported is False


def test_upload_returns_the_report(place: SimpleNamespace) -> None:
    text = "State,District,Product,Workers\nBihar,Patna,Makhana,10\nBihar,Atlantis,Litchi,3\n"

    response = client_for(place, "national").post(
        UPLOAD_URL, {"file": csv_file(text), "reference_year": 2022}, format="multipart"
    )

    assert response.status_code == 201
    body = response.json()
    assert {key: body[key] for key in ("source", "rows_read", "created", "updated")} == {
        "source": "statistics.csv",
        "rows_read": 2,
        "created": 1,
        "updated": 0,
    }
    (finding,) = body["findings"]
    assert finding["row"] == 3
    assert finding["problem"] == StatisticsProblem.DISTRICT_UNRECOGNISED
    assert finding["resolution"] == "skipped"
    assert finding["district"] == "Atlantis"
    assert finding["detail"]


@pytest.mark.parametrize(
    ("_case", "upload", "field", "code"),
    [
        ("a PDF", SimpleUploadedFile("data.pdf", b"%PDF-1.4"), "file", "file_type"),
        (
            "a CSV named .xlsx",
            SimpleUploadedFile("data.xlsx", b"State,District\n"),
            "file",
            "file_type",
        ),
        (
            "larger than 5 MB",
            SimpleUploadedFile("big.csv", b"a" * (MAX_UPLOAD_BYTES + 1)),
            "file",
            "file_size",
        ),
        (
            "a missing column",
            SimpleUploadedFile("data.csv", b"State,Product,Workers\nBihar,Makhana,3\n"),
            "non_field_errors",
            "missing_columns",
        ),
        (
            "a negative figure",
            SimpleUploadedFile(
                "data.csv", b"State,District,Product,Workers\nBihar,Patna,Makhana,-3\n"
            ),
            "non_field_errors",
            "negative_value",
        ),
    ],
)
def test_refused_uploads_answer_400_with_codes(
    place: SimpleNamespace, _case: str, upload: SimpleUploadedFile, field: str, code: str
) -> None:
    response = client_for(place, "national").post(
        UPLOAD_URL, {"file": upload, "reference_year": 2022}, format="multipart"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["codes"][field] == [code]
    assert body[field]  # the message, for people
    assert DistrictStatistic.objects.exists() is False


def test_upload_needs_a_file(place: SimpleNamespace) -> None:
    response = client_for(place, "national").post(UPLOAD_URL, {}, format="multipart")

    assert response.status_code == 400
    assert response.json()["codes"]["file"] == ["required"]


def test_list_is_for_officers(place: SimpleNamespace) -> None:
    DistrictStatisticFactory.create(district=place.patna, product_type=place.litchi)

    assert client_for(place, "anonymous").get(LIST_URL).status_code == 401
    assert client_for(place, "buyer").get(LIST_URL).json()["count"] == 0
    body = client_for(place, "district_officer").get(LIST_URL).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["district"] == {
        "lgd_code": 212,
        "name": "Patna",
        "state": {"lgd_code": 10, "name": "Bihar"},
    }
    assert (row["product_type"], row["production"], row["production_unit"]) == (
        "litchi",
        "100.000",
        "tonnes",
    )


def test_list_filters(place: SimpleNamespace) -> None:
    upload = StatisticsUploadFactory.create()
    DistrictStatisticFactory.create(district=place.patna, product_type=place.litchi, upload=upload)
    DistrictStatisticFactory.create(
        district=place.baleshwar, product_type=place.litchi, upload=upload
    )
    client = client_for(place, "national")

    assert client.get(LIST_URL, {"state": 21}).json()["count"] == 1
    assert client.get(LIST_URL, {"district": 212}).json()["count"] == 1
    assert client.get(LIST_URL, {"product_type": "litchi"}).json()["count"] == 2
    assert client.get(LIST_URL, {"sector": "spaceships"}).status_code == 400


def test_list_query_count_does_not_grow(place: SimpleNamespace) -> None:
    # given
    client = client_for(place, "national")
    upload = StatisticsUploadFactory.create()
    for _number in range(3):
        DistrictStatisticFactory.create(upload=upload)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST_URL)

    # when
    for _number in range(30):
        DistrictStatisticFactory.create(district=DistrictFactory.create(), upload=upload)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST_URL)

    # then
    assert response.json()["count"] == 33
    assert len(many) == len(few) == 2  # the count and one page of rows


def test_evidence_answers_with_sources(place: SimpleNamespace) -> None:
    DistrictStatisticFactory.create(
        district=place.patna, product_type=place.litchi, production=50, workers=5
    )

    response = client_for(place, "state_officer").get(
        EVIDENCE_URL, {"district": 212, "product_type": "litchi"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["district"]["lgd_code"] == 212
    assert (body["product_type"], body["year"]) == ("litchi", 2022)
    assert body["location_quotient_production"]["value"] == "1.0000"
    assert body["location_quotient_workers"]["value"] == "1.0000"
    assert body["other_districts_in_state"]["value"] == 0
    assert body["gi_registered"]["value"] is False
    assert body["producers"] == {
        "value": None,
        "source": "not yet available (bazaar not built)",
        "detail": "",
    }


@pytest.mark.parametrize(
    ("who", "query", "status"),
    [
        ("anonymous", {"district": 212, "product_type": "litchi"}, 401),
        ("buyer", {"district": 212, "product_type": "litchi"}, 404),
        ("producer", {"district": 212, "product_type": "litchi"}, 404),
        ("mission_officer", {"district": 212, "product_type": "litchi"}, 404),
        ("district_officer", {"district": 212, "product_type": "litchi"}, 200),
        ("national", {"district": 999999, "product_type": "litchi"}, 404),
        ("national", {"district": 212, "product_type": "no-such-type"}, 404),
        ("national", {"district": 212}, 400),
    ],
)
def test_evidence_is_for_officers(
    place: SimpleNamespace, who: str, query: dict, status: int
) -> None:
    assert client_for(place, who).get(EVIDENCE_URL, query).status_code == status


def test_the_schema_documents_the_endpoints(place: SimpleNamespace) -> None:
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()

    assert {LIST_URL, UPLOAD_URL, EVIDENCE_URL} <= set(schema["paths"])
