"""The officers' pages: upload (with its summary and unplaced rows), list (filters, pages,
fixed query count), and who may open them (issue #3)."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from odop.evidence.models import DistrictStatistic
from odop.evidence.tests.factories import DistrictStatisticFactory, StatisticsUploadFactory
from odop.evidence.tests.uploads import csv_file
from odop.evidence.uploads import MAX_UPLOAD_BYTES
from odop.geography.tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db

UPLOAD = reverse("evidence:statistics-upload")
LIST = reverse("evidence:statistics-list")


def test_urls() -> None:
    assert (UPLOAD, LIST) == ("/evidence/statistics/upload/", "/evidence/statistics/")


@pytest.mark.parametrize("url", [UPLOAD, LIST])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("national", 200),
        ("state_officer", 200),
        ("district_officer", 200),
        ("producer", 404),
        ("buyer", 404),
        ("mission_officer", 404),
    ],
)
def test_pages_are_for_officers(
    client: Client, place: SimpleNamespace, url: str, who: str, status: int
) -> None:
    if who != "anonymous":
        client.force_login(place.users[who])

    response = client.get(url)

    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


def test_upload_page_shows_the_summary_and_every_unplaced_row(
    client: Client, place: SimpleNamespace
) -> None:
    # given
    client.force_login(place.users["state_officer"])
    text = (
        "State,District,Product,Workers\n"
        "Bihar,Patna,Makhana,10\n"
        "Bihar,Atlantis,Litchi,3\n"
        "Odisha,Balasore,Pattachitra,4\n"
    )

    # when
    response = client.post(UPLOAD, {"file": csv_file(text), "reference_year": 2022})

    # then
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.rows_read, report.created) == (3, 1)
    html = response.content.decode()
    assert "Atlantis" in html
    assert "No district of the State has this name." in html
    assert "Balasore" in html
    assert "Baleshwar is outside your scope: you may upload figures of the State Bihar." in html
    assert DistrictStatistic.objects.get().district == place.patna


def test_upload_page_shows_why_a_file_was_refused(client: Client, place: SimpleNamespace) -> None:
    client.force_login(place.users["national"])
    text = "State,District,Product,Workers\nBihar,Patna,Makhana,-3\n"

    response = client.post(UPLOAD, {"file": csv_file(text), "reference_year": 2022})

    assert response.status_code == 200
    assert response.context["report"] is None
    errors = response.context["form"].non_field_errors().as_data()
    assert [error.code for error in errors] == ["negative_value"]
    assert DistrictStatistic.objects.exists() is False


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("data.pdf", b"%PDF-1.4"), "file_type"),
        (SimpleUploadedFile("data.xlsx", b"State,District\n"), "file_type"),
        (SimpleUploadedFile("big.csv", b"a" * (MAX_UPLOAD_BYTES + 1)), "file_size"),
    ],
)
def test_upload_page_refuses_other_file_types_and_large_files(
    client: Client, place: SimpleNamespace, upload: SimpleUploadedFile, code: str
) -> None:
    client.force_login(place.users["national"])

    response = client.post(UPLOAD, {"file": upload, "reference_year": 2022})

    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["file"]] == [code]
    assert DistrictStatistic.objects.exists() is False


def test_list_page_filters_by_state_and_district(client: Client, place: SimpleNamespace) -> None:
    # given
    upload = StatisticsUploadFactory.create()
    DistrictStatisticFactory.create(district=place.patna, product_type=place.makhana, upload=upload)
    DistrictStatisticFactory.create(district=place.purbi, product_type=place.litchi, upload=upload)
    DistrictStatisticFactory.create(
        district=place.baleshwar, product_type=place.pattachitra, upload=upload
    )
    client.force_login(place.users["district_officer"])

    # when
    by_state = client.get(LIST, {"state": 10})
    by_district = client.get(LIST, {"state": 10, "district": 213})

    # then
    assert by_state.context["page"].paginator.count == 2
    assert [district["name"] for district in by_state.context["districts"]] == [
        "Pashchim Champaran",
        "Patna",
        "Purbi Champaran",
    ]
    assert [row.district for row in by_district.context["page"]] == [place.purbi]
    assert "Litchi" in by_district.content.decode()


def test_list_page_is_paginated(client: Client, place: SimpleNamespace) -> None:
    upload = StatisticsUploadFactory.create()
    for year in range(1960, 2015):  # 55 rows, 50 a page
        DistrictStatisticFactory.create(
            district=place.patna, product_type=place.litchi, year=year, upload=upload
        )
    client.force_login(place.users["national"])

    first = client.get(LIST, {"state": 10})
    second = client.get(LIST, {"state": 10, "page": 2})

    assert len(first.context["page"]) == 50
    assert len(second.context["page"]) == 5
    assert "?state=10&amp;page=2" in first.content.decode()


def test_list_page_query_count_does_not_grow(client: Client, place: SimpleNamespace) -> None:
    # given
    client.force_login(place.users["national"])
    upload = StatisticsUploadFactory.create()
    for _number in range(3):
        DistrictStatisticFactory.create(upload=upload)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)

    # when
    for _number in range(30):
        DistrictStatisticFactory.create(district=DistrictFactory.create(), upload=upload)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)

    # then
    assert response.context["page"].paginator.count == 33
    assert len(many) == len(few)
