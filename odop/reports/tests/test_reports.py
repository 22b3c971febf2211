"""The public MIS reports: XLSX read back with openpyxl and PDF text extracted with pypdf,
every figure checked against the database; the API's answers, the cache per data version and
the background job that keeps the files fresh."""

import io
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from odop.bazaar.models import Order, OrderStatus
from odop.geography.models import District
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.producers.models import Producer
from odop.registry.models import DistrictProduct, Sector
from odop.registry.tests.factories import DistrictProductFactory
from odop.reports.files import mis_files_refresh
from odop.reports.tasks import mis_reports_refresh_run

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _sheet(workbook, title: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {row[0]: row[1] for row in workbook[title].iter_rows(min_row=2, values_only=True)}


def test_xlsx_has_a_sheet_per_section_with_the_databases_numbers(world: SimpleNamespace) -> None:
    response = Client().get("/api/v1/reports/mis.xlsx?state=10")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="odop-mis-10.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "About",
        "Coverage",
        "Products by sector",
        "Products by category",
        "Geographical Indications",
        "Selection pipeline",
        "Producers",
        "Bazaar trade",
        "Scheme applications",
        "Districts",
    ]
    bihar = DistrictProduct.objects.filter(district__state=world.bihar)
    coverage = _sheet(workbook, "Coverage")
    assert coverage["Districts"] == District.objects.filter(state=world.bihar).count()
    assert coverage["District products"] == bihar.count()
    assert coverage["GI-tagged district products"] == bihar.filter(is_gi=True).count()
    sectors = _sheet(workbook, "Products by sector")
    for value, label in Sector.choices:
        assert sectors[label] == bihar.filter(sector=value).count()
        assert isinstance(sectors[label], int)
    trade = _sheet(workbook, "Bazaar trade")
    live = Order.objects.filter(listing__district__state=world.bihar).exclude(
        status=OrderStatus.CANCELLED
    )
    assert trade["Orders (not cancelled)"] == live.count()
    assert Decimal(str(trade["Order value"])) == live.aggregate(v=Sum("total"))["v"]
    producers = _sheet(workbook, "Producers")
    assert producers["Producers registered"] == Producer.objects.count()
    districts = list(workbook["Districts"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1], row[4]) for row in districts] == [
        (190, "Bhagalpur", bihar.filter(district=world.bhagalpur).count()),
        (212, "Patna", bihar.filter(district=world.patna).count()),
    ]
    # The Hindi label beside each figure.
    assert workbook["Coverage"]["C2"].value == "ज़िले"


def test_national_xlsx_has_a_row_per_state(world: SimpleNamespace) -> None:
    workbook = load_workbook(io.BytesIO(Client().get("/api/v1/reports/mis.xlsx").content))
    rows = list(workbook["States and UTs"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[2], row[3], row[4]) for row in rows] == [
        (10, 2, 2, DistrictProduct.objects.filter(district__state=world.bihar).count()),
        (21, 2, 1, DistrictProduct.objects.filter(district__state=world.odisha).count()),
    ]
    assert _sheet(workbook, "Coverage")["District products"] == DistrictProduct.objects.count()


def test_xlsx_cells_are_never_formulas(world: SimpleNamespace) -> None:
    state = StateFactory.create(lgd_code=33, name='=HYPERLINK("http://x")')
    DistrictFactory.create(state=state, name="@SUM(A1)")
    workbook = load_workbook(io.BytesIO(Client().get("/api/v1/reports/mis.xlsx").content))
    for row in workbook["States and UTs"].iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    names = [row[1] for row in workbook["States and UTs"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x")' in names


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_says_the_databases_figures_in_english_and_hindi(world: SimpleNamespace) -> None:
    response = Client().get("/api/v1/reports/mis.pdf?state=10")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    bihar = DistrictProduct.objects.filter(district__state=world.bihar)
    assert "MIS report: Bihar" in text
    # pypdf maps a shaped glyph back to its letters, but a vowel sign drawn before its
    # consonant (ि) may come out of order: words without one are checked letter for letter.
    districts = District.objects.filter(state=world.bihar).count()
    assert re.search(rf"Districts / \S+ {districts}\n", text)
    assert re.search(rf"District products / \S+ उत्पाद {bihar.count()}\n", text)
    assert "₹2,501.00" in text
    # The map page: drawn districts and those with no shape.
    assert "2 districts drawn; 0 with no shape" in text
    national = _pdf_text(Client().get("/api/v1/reports/mis.pdf").content)
    assert "भारत" in national
    assert "3 districts drawn; 1 with no shape (created after 2019): Newpur." in national.replace(
        "\n", " "
    )


def test_pdf_without_its_fonts_answers_503(world: SimpleNamespace, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.ODOP_FONT_DIR = tmp_path
    response = Client().get("/api/v1/reports/mis.pdf")
    assert response.status_code == 503
    assert "NotoSans-Regular.ttf not found" in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "status"), [("?state=abc", 400), ("?state=0", 400), ("?state=999", 404)]
)
def test_report_bad_state(world: SimpleNamespace, query: str, status: int) -> None:
    for kind in ("xlsx", "pdf"):
        response = Client().get(f"/api/v1/reports/mis.{kind}{query}")
        assert response.status_code == status
        if status == 400:
            assert response.json()["codes"]["state"]


def test_an_empty_state_reads_as_the_nation(world: SimpleNamespace) -> None:
    response = Client().get("/api/v1/reports/mis.xlsx?state=")
    assert response.status_code == 200
    assert 'filename="odop-mis-india.xlsx"' in response["Content-Disposition"]


def test_report_files_are_cached_per_data_version(
    world: SimpleNamespace,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    client = Client()
    first = client.get("/api/v1/reports/mis.xlsx?state=21")
    assert first["X-Report-Cache"] == "miss"
    assert client.get("/api/v1/reports/mis.xlsx?state=21")["X-Report-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        DistrictProductFactory.create(district=world.newpur, name="Cashew")
    fresh = client.get("/api/v1/reports/mis.xlsx?state=21")
    assert fresh["X-Report-Cache"] == "miss"
    coverage = _sheet(load_workbook(io.BytesIO(fresh.content)), "Coverage")
    assert (
        coverage["District products"]
        == 2
        == DistrictProduct.objects.filter(district__state=world.odisha).count()
    )


def test_the_refresh_job_builds_what_is_missing_once(world: SimpleNamespace) -> None:
    assert mis_files_refresh(kinds=("xlsx",)) == 3  # India, Bihar, Odisha
    assert mis_files_refresh(kinds=("xlsx",)) == 0
    assert Client().get("/api/v1/reports/mis.xlsx")["X-Report-Cache"] == "hit"
    cache.clear()
    result = mis_reports_refresh_run.enqueue(day="2026-12-03")
    assert result.return_value == 6  # both kinds, three places
