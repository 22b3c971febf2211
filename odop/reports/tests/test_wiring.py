"""Issue 17's wiring: scheme applications and outcomes in the MIS (dashboard, XLSX, PDF) and
on the district maps, every figure checked against the database computed a second way."""

import datetime as dt
import io
import re
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.services import order_payment_record, order_place
from odop.bazaar.tests.factories import ListingFactory
from odop.core import page_cache
from odop.outcomes.models import OutcomeReturn
from odop.producers.tests.factories import ProducerFactory
from odop.registry.models import DistrictProduct
from odop.reports import maps
from odop.reports.sections import MisScope, mis_sections
from odop.reports.selectors import district_indicator_values
from odop.schemes.models import Application, ApplicationStatus, Scheme, SchemeVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _scheme(code: str, name: str) -> SchemeVersion:
    scheme = Scheme.objects.create(
        code=code, name=name, name_hi=name, sponsor="MoFPI", sponsor_hi="MoFPI"
    )
    return SchemeVersion.objects.create(scheme=scheme, number=1)


def _application(version: SchemeVersion, district, status: str, due: dt.datetime | None):  # type: ignore[no-untyped-def]
    producer = ProducerFactory.create(district=district)
    return Application.objects.create(
        scheme=version.scheme,
        version=version,
        producer=producer,
        district=district,
        applicant=UserFactory.create(role=Role.PRODUCER),
        as_of=date(2026, 4, 1),
        eligible=True,
        benefit=Decimal("100000.00"),
        status=status,
        stage="drp_review",
        stage_entered_at=timezone.now(),
        stage_due_by=due if status == ApplicationStatus.IN_PROGRESS else None,
    )


def _return(product: DistrictProduct, period: str, start: date, end: date, jobs: int, sales: str):  # type: ignore[no-untyped-def]
    return OutcomeReturn.objects.create(
        district_product=product,
        district=product.district,
        period=period,
        period_start=start,
        period_end=end,
        jobs=jobs,
        sales_inr=Decimal(sales),
        exports_inr=Decimal("0"),
    )


@pytest.fixture
def wired(world: SimpleNamespace) -> SimpleNamespace:
    """Bihar: 3 applications in Patna (one overdue, one approved), 1 in Bhagalpur; Odisha 1.
    Returns for FY2025-26 in Patna and FY2024-25 (a year earlier) in Patna too."""
    past, future = timezone.now() - dt.timedelta(days=2), timezone.now() + dt.timedelta(days=9)
    pmfme = _scheme("pmfme-individual", "PMFME individual")
    margin = _scheme("up-odop-margin-money", "UP ODOP margin money")
    _application(pmfme, world.patna, ApplicationStatus.IN_PROGRESS, past)
    _application(pmfme, world.patna, ApplicationStatus.APPROVED, None)
    _application(margin, world.patna, ApplicationStatus.IN_PROGRESS, future)
    _application(margin, world.bhagalpur, ApplicationStatus.REJECTED, None)
    _application(pmfme, world.balasore, ApplicationStatus.IN_PROGRESS, past)
    makhana = DistrictProduct.objects.get(name="Makhana")
    silk = DistrictProduct.objects.get(name="Bhagalpur Silk")
    _return(makhana, "FY2025-26", date(2025, 4, 1), date(2026, 3, 31), 120, "4500000.00")
    _return(silk, "FY2025-26", date(2025, 4, 1), date(2026, 3, 31), 30, "500000.50")
    _return(makhana, "FY2024-25", date(2024, 4, 1), date(2025, 3, 31), 100, "4000000.00")
    world.pmfme, world.margin = pmfme.scheme, margin.scheme
    return world


def _figures(scope: MisScope, key: str) -> dict[str, object]:
    section = next(s for s in mis_sections(scope) if s.key == key)
    return {figure.label: figure.value for figure in section.figures}


def test_application_figures_equal_the_databases(wired: SimpleNamespace) -> None:
    figures = _figures(MisScope(state=wired.bihar), "applications")
    bihar = Application.objects.filter(district__state=wired.bihar)
    pending = bihar.filter(status=ApplicationStatus.IN_PROGRESS)
    assert figures["Applications received"] == bihar.count() == 4
    assert figures["Applications approved"] == bihar.filter(status="approved").count() == 1
    assert figures["Applications pending"] == pending.count() == 2
    assert (
        figures["Applications overdue"] == pending.filter(stage_due_by__lt=timezone.now()).count()
    )
    assert figures["Applications overdue"] == 1
    for scheme in (wired.pmfme, wired.margin):
        rows = bihar.filter(scheme=scheme)
        assert figures[f"{scheme.name}: received"] == rows.count()
        assert figures[f"{scheme.name}: pending"] == rows.filter(status="in_progress").count()
    national = _figures(MisScope(), "applications")
    assert national["Applications received"] == Application.objects.count() == 5
    district = _figures(MisScope(district=wired.bhagalpur), "applications")
    assert district["Applications received"] == 1 and district["Applications pending"] == 0


def test_outcome_figures_carry_coverage_and_change(wired: SimpleNamespace) -> None:
    figures = _figures(MisScope(state=wired.bihar), "outcomes")
    latest = OutcomeReturn.objects.filter(district__state=wired.bihar, period="FY2025-26")
    earlier = OutcomeReturn.objects.filter(district__state=wired.bihar, period="FY2024-25")
    jobs = latest.aggregate(n=Sum("jobs"))["n"]
    assert figures["Jobs"] == jobs == 150
    assert figures["Sales"] == latest.aggregate(n=Sum("sales_inr"))["n"]
    assert figures["Districts reported"] == 2
    assert figures["Districts of the place"] == 2
    assert figures["Districts reported a year earlier"] == 1
    assert figures["Jobs, change on a year earlier"] == jobs - earlier.aggregate(n=Sum("jobs"))["n"]
    assert figures["Sales, change on a year earlier"] == Decimal("1000000.50")
    # A place with no return has no outcomes section at all.
    assert all(s.key != "outcomes" for s in mis_sections(MisScope(state=wired.odisha)))


def _sheet(workbook, title: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {row[0]: row[1] for row in workbook[title].iter_rows(min_row=2, values_only=True)}


def test_xlsx_carries_applications_and_outcomes(wired: SimpleNamespace) -> None:
    response = Client().get("/api/v1/reports/mis.xlsx?state=10")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[-3:] == ["Scheme applications", "Outcomes", "Districts"]
    applications = _sheet(workbook, "Scheme applications")
    assert applications["Applications received"] == 4
    assert isinstance(applications["Applications received"], int)
    outcomes = _sheet(workbook, "Outcomes")
    assert (
        outcomes["Jobs"]
        == OutcomeReturn.objects.filter(period="FY2025-26").aggregate(n=Sum("jobs"))["n"]
    )
    assert Decimal(str(outcomes["Sales"])) == Decimal("5000000.50")


def test_pdf_carries_applications_and_outcomes(wired: SimpleNamespace) -> None:
    content = Client().get("/api/v1/reports/mis.pdf?state=10").content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert re.search(r"Applications received / \S.* 4\n", text)
    assert re.search(r"Applications overdue / \S.* 1\n", text)
    assert "₹50,00,000.50" in text  # the latest period's sales, Indian grouping
    assert "FY2025-26" in text


def test_dashboard_shows_them_with_links(wired: SimpleNamespace) -> None:
    client = Client()
    client.force_login(wired.users["state_officer"])
    page = client.get("/mis/").content.decode()
    assert "Scheme applications" in page and "Outcomes" in page
    assert 'href="/schemes/applications/counts/"' in page
    assert 'href="/outcomes/upload/"' in page


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ("applications", {212: 3, 190: 1}),
        ("jobs", {212: 120, 190: 30}),
        ("sales", {212: 4500000, 190: 500000}),
    ],
)
def test_map_indicators_per_district(wired: SimpleNamespace, indicator: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert district_indicator_values(indicator=indicator, state=wired.bihar) == expected
    svg = Client().get(f"/maps/districts.svg?state=10&indicator={indicator}")
    assert svg.status_code == 200


def test_report_scopes_match_the_page_cache() -> None:
    reported_private = set(page_cache.REPORTED_PRIVATE.values())
    assert set(maps.REPORT_SCOPES) <= page_cache.DATA_SCOPES | reported_private
    assert reported_private <= set(maps.REPORT_SCOPES)


def test_an_order_makes_a_new_report_version_and_keeps_the_storefronts(
    wired: SimpleNamespace,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    """The MIS sums the bazaar's orders and their value: a paid or cancelled order must not
    wait for the nightly rebuild; the storefront shows no order and keeps its cached pages."""
    seller = UserFactory.create(role=Role.PRODUCER)
    listing = ListingFactory.create(stock=10, producer__user=seller)
    buyer = UserFactory.create(role=Role.BUYER)
    with django_capture_on_commit_callbacks(execute=True):
        order = order_place(buyer=buyer, listing=listing, quantity=2)
    reports_before = page_cache.data_version(maps.REPORT_SCOPES)
    storefront = page_cache.PAGE_POLICIES["bazaar:storefront"].scopes
    storefront_before = page_cache.data_version(storefront)

    with django_capture_on_commit_callbacks(execute=True):
        order_payment_record(actor=seller, order=order)

    assert page_cache.data_version(maps.REPORT_SCOPES) != reports_before
    assert page_cache.data_version(storefront) == storefront_before


def test_a_new_return_makes_a_new_report_version(
    wired: SimpleNamespace,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    before = page_cache.data_version(maps.REPORT_SCOPES)
    product = DistrictProduct.objects.get(name="Pattachitra")
    with django_capture_on_commit_callbacks(execute=True):
        _return(product, "FY2025-26", date(2025, 4, 1), date(2026, 3, 31), 5, "10.00")
    assert page_cache.data_version(maps.REPORT_SCOPES) != before
