"""Uploading returns: a messy file reported row by row, structural faults writing nothing,
re-uploads replacing a period with history, and the uploader's scope."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from odop.outcomes.models import OutcomeReturn, OutcomeUpload
from odop.outcomes.returns import returns_upload
from odop.outcomes.tests.uploads import CLEAN_2025, HEADER, MESSY, MISSING_COLUMN, table

pytestmark = pytest.mark.django_db


def test_a_messy_return_keeps_what_it_can_and_reports_the_rest(world: SimpleNamespace):
    officer = world.users["state_officer_own"]
    report = returns_upload(actor=officer, table=table(MESSY))

    refused = {refusal.line: (refusal.code, refusal.column) for refusal in report.refused}
    assert refused == {
        5: ("duplicate_row", "product"),
        6: ("unknown_product", "product"),
        7: ("out_of_scope", "district"),
        8: ("negative_number", "jobs"),
        9: ("district_unresolved", "district"),
        10: ("bad_period", "period"),
    }
    # Each refusal carries the row's own values and a reason a person can act on.
    by_line = {refusal.line: refusal for refusal in report.refused}
    assert by_line[5].values["district"] == "Purbi Champaran"
    assert "line 4" in by_line[5].reason
    assert "Makhana" in by_line[6].reason  # what Patna does list
    assert by_line[7].values["state"] == "Odisha"
    assert by_line[8].values["jobs"] == "-5"

    assert (report.rows_read, report.placed, report.created) == (9, 3, 3)
    rows = {row.district_product_id: row for row in OutcomeReturn.objects.all()}
    assert set(rows) == {world.makhana.pk, world.silk.pk, world.litchi.pk}
    assert rows[world.makhana.pk].sales_inr == Decimal("4500000.00")  # Indian grouping read
    assert rows[world.makhana.pk].jobs_women_share == Decimal("40")
    assert rows[world.silk.pk].district == world.bhagalpur  # "Bhagalpore" resolved
    assert rows[world.litchi.pk].jobs == 800  # the first of the duplicated rows is kept
    assert rows[world.litchi.pk].period_start.isoformat() == "2026-04-01"

    upload = OutcomeUpload.objects.get()
    assert (upload.placed, upload.refused, upload.uploaded_by) == (3, 6, officer)
    assert [entry["line"] for entry in upload.report] == [5, 6, 7, 8, 9, 10]


def test_a_missing_column_writes_nothing(world: SimpleNamespace):
    with pytest.raises(ValidationError) as caught:
        returns_upload(actor=world.users["national_admin"], table=table(MISSING_COLUMN))
    assert caught.value.error_list[0].code == "missing_columns"
    assert "exports_inr" in caught.value.messages[0]
    assert not OutcomeReturn.objects.exists()
    assert not OutcomeUpload.objects.exists()


def test_an_empty_file_writes_nothing(world: SimpleNamespace):
    with pytest.raises(ValidationError) as caught:
        returns_upload(actor=world.users["national_admin"], table=table(HEADER))
    assert caught.value.error_list[0].code == "empty_file"
    assert not OutcomeUpload.objects.exists()


def test_uploading_a_period_again_replaces_it_with_history(world: SimpleNamespace):
    officer = world.users["national_admin"]
    returns_upload(actor=officer, table=table(MESSY))
    again = HEADER + (
        "Bihar,Patna,Makhana (Foxnut),2026-Q2,1300,4600000,0,40,DIC Patna\n"  # a synonym
        "Bihar,East Champaran,Litchi,2026-Q2,800,2000000,0,60,\n"  # unchanged
    )
    report = returns_upload(actor=officer, table=table(again))
    assert (report.updated, report.unchanged, report.created) == (1, 1, 0)
    assert report.replaced == 0  # Bhagalpur's row is another district's slice: kept
    makhana = OutcomeReturn.objects.get(district_product=world.makhana)
    assert makhana.jobs == 1300
    assert [h.jobs for h in makhana.history.order_by("history_date")] == [1200, 1300]

    # A file for Bhagalpur's 2026-Q2 without the silk row removes it, keeping its history.
    bhagalpur_only = HEADER + "Bihar,Bhagalpur,Mango,2026-Q2,1,1,0,,\n"
    report = returns_upload(actor=officer, table=table(bhagalpur_only))
    assert report.placed == 0 and report.replaced == 0  # nothing placed: nothing replaced
    assert OutcomeReturn.objects.filter(district_product=world.silk).exists()


def test_a_refused_row_keeps_the_earlier_figure_of_its_product(world: SimpleNamespace):
    officer = world.users["national_admin"]
    returns_upload(actor=officer, table=table(CLEAN_2025))
    # Patna's 2025-Q2 again: makhana refused (negative), so its earlier row stays.
    returns_upload(actor=officer, table=table(HEADER + "Bihar,Patna,Makhana,2025-Q2,-1,1,0,,\n"))
    assert OutcomeReturn.objects.get(district_product=world.makhana, period="2025-Q2").jobs == 1000


def test_a_district_officer_places_only_their_district(world: SimpleNamespace):
    report = returns_upload(actor=world.users["district_officer_own"], table=table(MESSY))
    placed = set(OutcomeReturn.objects.values_list("district_id", flat=True))
    assert placed == {world.patna.pk}
    out_of_scope = {r.line for r in report.refused if r.code == "out_of_scope"}
    assert out_of_scope == {3, 4, 5, 7}  # scope is checked before duplicates


@pytest.mark.parametrize(
    "who", ["producer", "buyer", "mission_officer", "assessor", "trainer", "bank_officer"]
)
def test_other_roles_cannot_upload(world: SimpleNamespace, who: str):
    with pytest.raises(PermissionDenied):
        returns_upload(actor=world.users[who], table=table(MESSY))
    assert not OutcomeUpload.objects.exists()


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("abc", "not_a_number"),
        ("1.5", "not_a_number"),
        ("200000000", "out_of_range"),
        ("", "missing_value"),
    ],
)
def test_bad_job_counts_are_refused(world: SimpleNamespace, cell: str, code: str):
    text = HEADER + f"Bihar,Patna,Makhana,2026-04,{cell},1,0,,\n"
    report = returns_upload(actor=world.users["national_admin"], table=table(text))
    assert [(r.code, r.column) for r in report.refused] == [(code, "jobs")]
    assert not OutcomeReturn.objects.exists()


def test_a_share_above_100_is_refused(world: SimpleNamespace):
    text = HEADER + "Bihar,Patna,Makhana,2026-04,1,1,0,101,\n"
    report = returns_upload(actor=world.users["national_admin"], table=table(text))
    assert [(r.code, r.column) for r in report.refused] == [("out_of_range", "jobs_women_share")]


def test_a_headquarters_town_names_its_district(world: SimpleNamespace):
    world.purbi.hq_name = "Motihari"
    world.purbi.save()
    text = HEADER + "Bihar,Motihari,Litchi,2026-04,5,5,0,,\nBihar,Atlantis,Litchi,2026-04,5,5,0,,\n"
    report = returns_upload(actor=world.users["national_admin"], table=table(text))
    assert report.placed == 1
    assert [r.code for r in report.refused] == ["district_unresolved"]
    assert OutcomeReturn.objects.get().district == world.purbi
