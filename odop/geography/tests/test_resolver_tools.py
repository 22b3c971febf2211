"""The resolver as officers use it: the upload page and `odop resolve_districts` (issue #2)."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.registry.services import ReferenceFiles, reference_import

pytestmark = pytest.mark.django_db

OFFICER_FILE = (
    "Sr,State,District\n"
    "1,Bihar,East Champaran\n"
    "2,Uttar Pradesh,Kanpur Dehaat\n"
    "3,Orissa,Balasore\n"
    "4,Uttar Pradesh,Kanpur\n"
    "5,Narnia,Cair Paravel\n"
    "6,Bihar,Atlantis\n"
)


@pytest.fixture
def imported(reference_dir: Path) -> None:
    reference_import(files=ReferenceFiles.in_directory(reference_dir))


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


EXPECTED = [
    ("213", "alias"),
    ("156", "fuzzy"),
    ("346", "alias"),
    ("", "ambiguous"),
    ("", "unknown_state"),
    ("", "no_candidate"),
]


def test_command_writes_codes_and_match(imported: None, tmp_path: Path) -> None:
    source = tmp_path / "officer.csv"
    source.write_text(OFFICER_FILE)
    out = tmp_path / "out.csv"
    call_command(
        "resolve_districts",
        str(source),
        "--state-col",
        "State",
        "--district-col",
        "District",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    rows = _rows(out.read_text())
    assert [(row["lgd_code"], row["match"]) for row in rows] == EXPECTED
    assert rows[0]["Sr"] == "1" and rows[0]["District"] == "East Champaran"
    assert rows[3]["match_note"] == "KANPUR DEHAT; KANPUR NAGAR"


def test_command_names_a_missing_column(imported: None, tmp_path: Path) -> None:
    source = tmp_path / "officer.csv"
    source.write_text(OFFICER_FILE)
    with pytest.raises(CommandError, match="Zila"):
        call_command(
            "resolve_districts",
            str(source),
            "--state-col",
            "State",
            "--district-col",
            "Zila",
            "--out",
            str(tmp_path / "out.csv"),
        )


def test_page_resolves_an_upload(client: Client, imported: None) -> None:
    client.force_login(UserFactory(role=Role.NATIONAL_ADMIN))
    upload = SimpleUploadedFile("officer.csv", OFFICER_FILE.encode("cp1252"))
    response = client.post(
        "/tools/district-resolver/",
        {"file": upload, "state_column": "State", "district_column": "District"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="officer-lgd.csv"'
    rows = _rows(response.content.decode())
    assert [(row["lgd_code"], row["match"]) for row in rows] == EXPECTED


HOSTILE_FILE = (
    "=Sr,State,District,Note,Change\n"
    '1,Bihar,"=HYPERLINK(""http://x"")",@SUM(A1),-12.5\n'
    "2,+Narnia,Atlantis,-1+1,+3\n"
)
HOSTILE_EXPECTED = [
    {
        "'=Sr": "1",
        "State": "Bihar",
        "District": '\'=HYPERLINK("http://x")',
        "Note": "'@SUM(A1)",
        "Change": "-12.5",
        "lgd_code": "",
        "match": "no_candidate",
    },
    {
        "'=Sr": "2",
        "State": "'+Narnia",
        "District": "Atlantis",
        "Note": "'-1+1",
        "Change": "+3",
        "lgd_code": "",
        "match": "unknown_state",
    },
]


def test_page_hands_no_formula_back(client: Client, imported: None) -> None:
    # given: an upload whose header and cells are formulas (issue 10, CSV injection)
    client.force_login(UserFactory(role=Role.NATIONAL_ADMIN))
    upload = SimpleUploadedFile("officer.csv", HOSTILE_FILE.encode())
    # when
    response = client.post(
        "/tools/district-resolver/",
        {"file": upload, "state_column": "State", "district_column": "District"},
    )
    # then: formulas come back quoted; plain signed numbers come back as they were
    rows = [
        {key: value for key, value in row.items() if key != "match_note"}
        for row in _rows(response.content.decode())
    ]
    assert rows == HOSTILE_EXPECTED


def test_command_hands_no_formula_back(imported: None, tmp_path: Path) -> None:
    source = tmp_path / "officer.csv"
    source.write_text(HOSTILE_FILE)
    out = tmp_path / "out.csv"
    arguments = ["--state-col", "State", "--district-col", "District", "--out", str(out)]
    call_command("resolve_districts", str(source), *arguments, stdout=io.StringIO())
    rows = _rows(out.read_text(encoding="utf-8"))
    assert [row["District"] for row in rows] == ['\'=HYPERLINK("http://x")', "Atlantis"]
    assert [row["'=Sr"] for row in rows] == ["1", "2"]


def test_page_refuses_other_file_types(client: Client, imported: None) -> None:
    client.force_login(UserFactory(role=Role.NATIONAL_ADMIN))
    upload = SimpleUploadedFile("officer.pdf", b"%PDF-1.4")
    response = client.post(
        "/tools/district-resolver/",
        {"file": upload, "state_column": "State", "district_column": "District"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0] == "Upload a .csv or .xlsx file."


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        (Role.PRODUCER, 404),
        (Role.BUYER, 404),
        (Role.MISSION_OFFICER, 404),
        (Role.NATIONAL_ADMIN, 200),
    ],
)
def test_page_is_for_officers(client: Client, role: Role | None, status: int) -> None:
    if role is not None:
        client.force_login(UserFactory(role=role))
    assert client.get("/tools/district-resolver/").status_code == status
