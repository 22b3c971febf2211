"""The officers' statistics upload: placement by the district resolver, findings, scope,
whole-file refusals that write nothing, and idempotent re-uploads (issue #3)."""

import io
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from odop.core.tabular import table_from_xlsx_bytes
from odop.evidence.models import (
    DistrictStatistic,
    StatisticsProblem,
    StatisticsResolution,
    StatisticsUpload,
)
from odop.evidence.services import statistics_import
from odop.evidence.tests.uploads import csv_upload
from odop.registry.models import Sector
from odop.registry.vocabularies import product_type_key

# "Makhana" and "Makhana (Foxnut)" are one product type with one key (issue 13).
MAKHANA_KEY = product_type_key("Makhana")
pytestmark = pytest.mark.django_db

GOOD = """State,District,Product,Production,Unit,Workers,Units
Bihar,Patna,Makhana,"1,200",Tonnes,300,25
Bihar,East Champaran,Litchi,12500.5,MT,4000,120
Odisha,Balasore,Pattachitra,,,800,200
"""


def statistic(district: object, subject_key: str, year: int = 2022) -> DistrictStatistic:
    return DistrictStatistic.objects.get(district=district, subject_key=subject_key, year=year)


def test_upload_imports_every_placed_row(place: SimpleNamespace) -> None:
    # given
    national = place.users["national"]

    # when
    report = csv_upload(national, GOOD)

    # then
    assert (report.rows_read, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    assert report.findings == []
    makhana = statistic(place.patna, MAKHANA_KEY)
    assert makhana.product_type == place.makhana
    assert (makhana.production, makhana.production_unit) == (Decimal(1200), "tonnes")
    assert (makhana.workers, makhana.units, makhana.year) == (300, 25, 2022)
    upload = StatisticsUpload.objects.get()
    assert (upload.uploaded_by, upload.scope_state, upload.reference_year) == (national, None, 2022)
    assert (upload.rows_read, upload.rows_created, upload.rows_updated) == (3, 3, 0)
    assert len(upload.checksum) == 64
    assert set(DistrictStatistic.objects.values_list("upload", flat=True)) == {upload.pk}


def test_history_records_who_uploaded(place: SimpleNamespace) -> None:
    csv_upload(place.users["national"], GOOD)

    assert DistrictStatistic.history.count() == 3
    assert {row.history_user for row in DistrictStatistic.history.all()} == {
        place.users["national"]
    }


def test_district_spellings_are_resolved_within_their_state(place: SimpleNamespace) -> None:
    # "East Champaran" is Purbi Champaran (direction word), "Balasore" Baleshwar (alias).
    csv_upload(place.users["national"], GOOD)

    litchi = statistic(place.purbi, "litchi")
    assert (litchi.production, litchi.production_unit) == (Decimal("12500.5"), "tonnes")
    assert statistic(place.baleshwar, "pattachitra").workers == 800
    assert DistrictStatistic.objects.filter(district=place.pashchim).exists() is False


def test_unplaced_rows_are_reported_with_their_reason_and_not_imported(
    place: SimpleNamespace,
) -> None:
    # given
    text = (
        "State,District,Product,Workers\n"
        "Bihar,Patna,Makhana,10\n"
        "Narnia,Cair Paravel,Makhana,10\n"
        "Bihar,Champaran,Litchi,10\n"
        "Bihar,Atlantis,Litchi,10\n"
        "Bihar,,Litchi,10\n"
        "Bihar,Total,,40\n"
    )

    # when
    report = csv_upload(place.users["national"], text)

    # then
    assert report.created == 1
    problems = {(finding.row, finding.problem) for finding in report.findings}
    assert problems == {
        (3, StatisticsProblem.STATE_UNKNOWN),
        (4, StatisticsProblem.DISTRICT_AMBIGUOUS),
        (5, StatisticsProblem.DISTRICT_UNRECOGNISED),
        (6, StatisticsProblem.DISTRICT_EMPTY),
        (7, StatisticsProblem.DISTRICT_UNRECOGNISED),
    }
    assert {finding.resolution for finding in report.findings} == {StatisticsResolution.SKIPPED}
    ambiguous = next(finding for finding in report.findings if finding.row == 4)
    assert "PASHCHIM CHAMPARAN" in ambiguous.detail
    assert "PURBI CHAMPARAN" in ambiguous.detail
    assert (ambiguous.state, ambiguous.district, ambiguous.value) == (
        "Bihar",
        "Champaran",
        "Litchi",
    )
    assert DistrictStatistic.objects.get().district == place.patna
    assert StatisticsUpload.objects.get().findings == 5


def test_rows_without_subject_or_figures_are_reported(place: SimpleNamespace) -> None:
    text = (
        "State,District,Product,Production,Unit,Workers\n"
        "Bihar,Patna,,10,tonnes,3\n"
        "Bihar,Patna,Makhana,-,,NA\n"
    )

    report = csv_upload(place.users["national"], text)

    assert [(finding.row, finding.problem) for finding in report.findings] == [
        (2, StatisticsProblem.SUBJECT_EMPTY),
        (3, StatisticsProblem.NO_FIGURES),
    ]
    assert DistrictStatistic.objects.exists() is False
    assert StatisticsUpload.objects.exists() is False


@pytest.mark.parametrize(
    ("who", "imported", "outside"),
    [
        ("national", {"Patna", "Purbi Champaran", "Baleshwar"}, set()),
        ("state_officer", {"Patna", "Purbi Champaran"}, {"Balasore"}),
        ("district_officer", {"Patna"}, {"East Champaran", "Balasore"}),
    ],
)
def test_rows_outside_the_uploaders_scope_are_reported(
    place: SimpleNamespace, who: str, imported: set[str], outside: set[str]
) -> None:
    report = csv_upload(place.users[who], GOOD)

    assert set(DistrictStatistic.objects.values_list("district__name", flat=True)) == imported
    assert {finding.district for finding in report.findings} == outside
    assert {finding.problem for finding in report.findings} <= {StatisticsProblem.OUTSIDE_SCOPE}
    assert report.created == len(imported)


def test_scope_state_of_the_upload(place: SimpleNamespace) -> None:
    csv_upload(place.users["district_officer"], GOOD)

    assert StatisticsUpload.objects.get().scope_state == place.bihar


@pytest.mark.parametrize("who", ["producer", "buyer", "mission_officer"])
def test_non_officers_may_not_upload(place: SimpleNamespace, who: str) -> None:
    with pytest.raises(PermissionDenied):
        csv_upload(place.users[who], GOOD)

    assert DistrictStatistic.objects.exists() is False


def test_products_sectors_and_names_as_written(place: SimpleNamespace) -> None:
    # given: a registry product (any spelling), a sector, and a name the registry lacks
    text = (
        "State,District,Product,Sector,Workers\n"
        "Bihar,Patna,MAKHANA ,,10\n"
        "Bihar,Patna,Handlooms,,20\n"
        "Bihar,Patna,Bamboo craft,,30\n"
        "Bihar,Patna,,Food processing,40\n"
    )

    # when
    report = csv_upload(place.users["national"], text)

    # then
    assert report.created == 4
    assert statistic(place.patna, MAKHANA_KEY).product_type == place.makhana
    handloom = statistic(place.patna, "sector:handloom")
    assert (handloom.product_type, handloom.sector, handloom.subject_source) == (
        None,
        Sector.HANDLOOM,
        "Handlooms",
    )
    assert statistic(place.patna, "sector:food_processing").workers == 40
    bamboo = statistic(place.patna, "bamboo craft")
    assert (bamboo.product_type, bamboo.sector, bamboo.subject_name) == (None, "", "Bamboo craft")
    assert [(finding.row, finding.problem, finding.resolution) for finding in report.findings] == [
        (4, StatisticsProblem.SUBJECT_UNLISTED, StatisticsResolution.KEPT_AS_WRITTEN)
    ]


def test_header_spellings_units_and_years(place: SimpleNamespace) -> None:
    text = (
        "STATE/UT,District Name,Commodity,Financial Year,Production (MT),No. of Workers,"
        "Enterprises\n"
        'Bihar,Patna,Makhana,2021-22,"12,34,567",1 500,7\n'
        "Bihar,Patna,Litchi,,99,,\n"
    )

    csv_upload(place.users["national"], text, reference_year=2023)

    makhana = statistic(place.patna, MAKHANA_KEY, year=2021)
    assert (makhana.production, makhana.production_unit) == (Decimal(1234567), "tonnes")
    assert (makhana.workers, makhana.units) == (1500, 7)
    assert statistic(place.patna, "litchi", year=2023).production == Decimal(99)


def test_an_xlsx_sheet_imports_like_the_csv(place: SimpleNamespace) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["State", "District", "Product", "Production", "Unit", "Year"])
    sheet.append(["Bihar", "Patna", "Makhana", 1200.0, "tonnes", 2022])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = table_from_xlsx_bytes(buffer.getvalue(), name="statistics.xlsx")

    report = statistics_import(actor=place.users["national"], table=table, reference_year=None)

    assert report.created == 1
    assert statistic(place.patna, MAKHANA_KEY).production == Decimal(1200)


def test_a_second_upload_of_the_same_file_changes_nothing(place: SimpleNamespace) -> None:
    # given
    csv_upload(place.users["national"], GOOD)
    stamps = dict(DistrictStatistic.objects.values_list("pk", "updated_at"))
    history = DistrictStatistic.history.count()

    # when
    report = csv_upload(place.users["national"], GOOD)

    # then
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert StatisticsUpload.objects.count() == 1
    assert DistrictStatistic.history.count() == history
    assert dict(DistrictStatistic.objects.values_list("pk", "updated_at")) == stamps


def test_a_changed_figure_updates_only_its_row(place: SimpleNamespace) -> None:
    # given
    csv_upload(place.users["national"], GOOD)
    first = StatisticsUpload.objects.get()

    # when
    report = csv_upload(place.users["national"], GOOD.replace("300,25", "310,25"))

    # then
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    second = StatisticsUpload.objects.exclude(pk=first.pk).get()
    assert (second.rows_created, second.rows_updated, second.rows_unchanged) == (0, 1, 2)
    assert statistic(place.patna, MAKHANA_KEY).workers == 310
    assert statistic(place.patna, MAKHANA_KEY).upload == second
    assert statistic(place.purbi, "litchi").upload == first
    assert DistrictStatistic.objects.count() == 3


def upload_refused(actor: object, raw: str | bytes, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as error:
        csv_upload(actor, raw, **kwargs)  # type: ignore[arg-type]
    return str(error.value.code)


@pytest.mark.parametrize(
    ("_case", "raw", "code"),
    [
        ("no District column", "State,Product,Workers\nBihar,Makhana,3\n", "missing_columns"),
        ("no product or sector", "State,District,Workers\nBihar,Patna,3\n", "missing_columns"),
        ("no measure", "State,District,Product\nBihar,Patna,Makhana\n", "missing_columns"),
        ("two product columns", "State,District,Product,Crop,Workers\n", "duplicate_columns"),
        ("an empty file", "", "empty_file"),
        ("a header only", "State,District,Product,Workers\n", "empty_file"),
        (
            "neither UTF-8 nor Windows-1252",
            b"State,District,Product,Workers\nBihar,Patna,\x81\x8d,3\n",
            "bad_encoding",
        ),
        ("UTF-16", "State,District\n".encode("utf-16"), "bad_encoding"),
        (
            "a negative figure",
            "State,District,Product,Workers\nBihar,Patna,Makhana,-5\n",
            "negative_value",
        ),
        (
            "text for a figure",
            "State,District,Product,Workers\nBihar,Patna,Makhana,many\n",
            "not_a_number",
        ),
        (
            "a fractional number of workers",
            "State,District,Product,Workers\nBihar,Patna,Makhana,2.5\n",
            "not_a_number",
        ),
        (
            "too many decimals",
            "State,District,Product,Production,Unit\nBihar,Patna,Makhana,1.23456,t\n",
            "not_a_number",
        ),
        (
            "not a finite number",
            "State,District,Product,Workers\nBihar,Patna,Makhana,Infinity\n",
            "not_a_number",
        ),
        (
            "production without a unit",
            "State,District,Product,Production\nBihar,Patna,Makhana,10\n",
            "missing_unit",
        ),
        (
            "a year that is no year",
            "State,District,Product,Year,Workers\nBihar,Patna,Makhana,20x2,3\n",
            "bad_year",
        ),
        (
            "a financial year that does not follow on",
            "State,District,Product,Year,Workers\nBihar,Patna,Makhana,2021-25,3\n",
            "bad_year",
        ),
        (
            "the same row twice",
            "State,District,Product,Workers\nBihar,Patna,Makhana,3\nBihar,Patna,makhana,4\n",
            "duplicate_rows",
        ),
        (
            "two spellings of one district",
            "State,District,Product,Workers\n"
            "Bihar,East Champaran,Litchi,3\nBihar,Purbi Champaran,Litchi,4\n",
            "duplicate_rows",
        ),
    ],
)
def test_bad_files_are_refused_whole_and_write_nothing(
    place: SimpleNamespace, _case: str, raw: str | bytes, code: str
) -> None:
    assert upload_refused(place.users["national"], raw) == code

    assert DistrictStatistic.objects.exists() is False
    assert StatisticsUpload.objects.exists() is False


def test_a_bad_row_after_good_ones_refuses_the_whole_file(place: SimpleNamespace) -> None:
    text = GOOD + "Bihar,Patna,Litchi,-1,tonnes,,\n"

    assert upload_refused(place.users["national"], text) == "negative_value"

    assert DistrictStatistic.objects.exists() is False


def test_a_file_without_years_needs_a_reference_year(place: SimpleNamespace) -> None:
    code = upload_refused(place.users["national"], GOOD, reference_year=None)

    assert code == "missing_year"
    assert DistrictStatistic.objects.exists() is False


def test_an_implausible_reference_year_is_refused(place: SimpleNamespace) -> None:
    assert upload_refused(place.users["national"], GOOD, reference_year=1066) == "bad_year"
