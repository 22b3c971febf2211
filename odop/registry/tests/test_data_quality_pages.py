"""The data-quality report for officers: page, CSV and command (issue #2)."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory
from odop.registry.models import DataQualityFinding, Problem, Resolution
from odop.registry.services import ReferenceFiles, reference_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(reference_dir: Path) -> None:
    reference_import(files=ReferenceFiles.in_directory(reference_dir))


def test_officer_sees_every_finding(client: Client, imported: None) -> None:
    district = DistrictFactory(lgd_code=5000)
    client.force_login(UserFactory(role=Role.DISTRICT_OFFICER, district=district))
    response = client.get("/data-quality/")
    assert response.status_code == 200
    assert len(response.context["page"]) == DataQualityFinding.objects.count()
    assert "Mewat" in response.content.decode()


def test_filter_by_problem(client: Client, imported: None) -> None:
    client.force_login(UserFactory(role=Role.NATIONAL_ADMIN))
    response = client.get("/data-quality/", {"problem": "code_unknown"})
    assert [f.district for f in response.context["page"]] == ["Newdistrict"]


def test_csv_download(client: Client, imported: None) -> None:
    client.force_login(UserFactory(role=Role.NATIONAL_ADMIN))
    response = client.get("/data-quality.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == DataQualityFinding.objects.count()
    assert set(rows[0]) == {
        "source",
        "row",
        "state",
        "district",
        "code",
        "value",
        "problem",
        "resolution",
        "detail",
    }


def _hostile_finding() -> None:
    DataQualityFinding.objects.create(
        source="upload.csv",
        row=7,
        district='=HYPERLINK("http://x")',
        value="-2+3+cmd|' /C calc'!A0",
        problem=Problem.NAME_UNRECOGNISED,
        resolution=Resolution.SKIPPED,
    )


def test_csv_download_hands_no_formula_to_spreadsheets(client: Client) -> None:
    # given: a finding quoting an imported file's cells (issue 10, CSV injection)
    _hostile_finding()
    client.force_login(UserFactory(role=Role.NATIONAL_ADMIN))
    # when
    (row,) = csv.DictReader(io.StringIO(client.get("/data-quality.csv").content.decode()))
    # then
    assert row["district"] == '\'=HYPERLINK("http://x")'
    assert row["value"] == "'-2+3+cmd|' /C calc'!A0"
    assert row["row"] == "7"


def test_command_csv_hands_no_formula_to_spreadsheets(capsys: pytest.CaptureFixture[str]) -> None:
    _hostile_finding()
    call_command("data_quality", "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["district"] == '\'=HYPERLINK("http://x")'
    assert row["value"] == "'-2+3+cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), (Role.PRODUCER, 404), (Role.BUYER, 404), (Role.MISSION_OFFICER, 404)],
)
def test_not_for_the_public(client: Client, imported: None, role: Role | None, status: int) -> None:
    if role is not None:
        client.force_login(UserFactory(role=role))
    assert client.get("/data-quality/").status_code == status
    assert client.get("/data-quality.csv").status_code == status


def test_command_prints_json(imported: None) -> None:
    out = io.StringIO()
    call_command("data_quality", "--format", "json", stdout=out)
    findings = json.loads(out.getvalue())
    assert len(findings) == DataQualityFinding.objects.count()
    mewat = [f for f in findings if f["district"] == "Mewat" and f["problem"] == "code_other_state"]
    assert mewat == [
        {
            "source": "dpiit_odop_master.csv",
            "row": 5,
            "state": "Haryana",
            "district": "Mewat",
            "code": "192",
            "value": "",
            "problem": "code_other_state",
            "resolution": "placed_by_name",
            "detail": "Code 192 is BHAGALPUR in another State; the name is NUH",
        }
    ]


def test_platform_without_reference_data_says_how_to_import(client: Client, tmp_path: Path) -> None:
    err = io.StringIO()
    call_command("import_reference", "--data-dir", str(tmp_path / "missing"), stderr=err)
    assert "odop import_reference --data-dir" in err.getvalue()
    response = client.get("/")
    assert response.status_code == 200
    assert "odop import_reference --data-dir /path/to/shared/data" in response.content.decode()
