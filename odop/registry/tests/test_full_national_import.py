"""The real national data set from ODOP_DATA_DIR: every row placed or reported (issue #2)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from odop.geography.models import District
from odop.registry.models import DataQualityFinding, DistrictProduct, Problem
from odop.registry.selectors import coverage_national, coverage_state
from odop.registry.services import ReferenceFiles, reference_import

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_full_import_places_every_row_and_is_idempotent(real_data_dir: Path) -> None:
    files = ReferenceFiles.in_directory(real_data_dir)
    reports = reference_import(files=files)
    master = reports[-1]
    assert master.rows_read == 1241
    # Every row is a district product, or has a finding that says why not.
    skipped_rows = set(
        DataQualityFinding.objects.filter(
            source=files.odop_master.name,
            resolution="skipped",
            problem__in=[
                Problem.STATE_UNKNOWN,
                Problem.STATE_MULTIPLE,
                Problem.CODE_OTHER_STATE,
                Problem.CODE_MISSING,
                Problem.DUPLICATE_ROW,
            ],
        ).values_list("row", flat=True)
    )
    placed_rows = set(DistrictProduct.objects.values_list("source_row", flat=True))
    assert placed_rows | skipped_rows == set(range(2, 1243))
    assert DistrictProduct.objects.count() == 1241

    bihar = coverage_state(state=District.objects.get(lgd_code=212).state)
    assert (bihar.districts_covered, bihar.districts, bihar.products) == (38, 38, 87)
    national = coverage_national()
    assert national.products == 1241
    # The selection dashboard reads the same figures (issue #3).
    from odop.accounts.models import Role
    from odop.accounts.tests.factories import UserFactory
    from odop.selection.selectors import coverage_dashboard, districts_without_product

    officer = UserFactory(role=Role.NATIONAL_ADMIN)
    rows = {row.state.name: row for row in coverage_dashboard(user=officer)}
    assert (
        rows["Bihar"].districts_with_product,
        rows["Bihar"].districts,
        rows["Bihar"].products,
    ) == (38, 38, 87)
    assert sum(row.products for row in rows.values()) == 1241
    assert districts_without_product(user=officer).count() == 0

    # The quirks named in the data README are all reported.
    mewat = DistrictProduct.objects.filter(district_source="Mewat").first()
    assert mewat is not None and mewat.district.name == "Nuh"
    howrah = DistrictProduct.objects.filter(district_source="Howrah").first()
    assert howrah is not None and howrah.district.name == "Howrah"
    assert District.objects.filter(is_provisional=True).count() == 10
    problems = set(DataQualityFinding.objects.values_list("problem", flat=True))
    assert {
        Problem.CODE_OTHER_STATE,
        Problem.CODE_SHARED,
        Problem.CODE_UNKNOWN,
        Problem.NAME_OTHER_CODE,
        Problem.STATE_MULTIPLE,
    } <= problems

    before = sorted(DataQualityFinding.objects.values_list("pk", flat=True))
    again = reference_import(files=files)
    assert [(report.created, report.updated) for report in again] == [(0, 0)] * 4
    assert sorted(DataQualityFinding.objects.values_list("pk", flat=True)) == before

    out = StringIO()
    call_command("data_quality", "--format", "json", stdout=out)
    findings = json.loads(out.getvalue())
    assert len(findings) == DataQualityFinding.objects.count()
    assert set(findings[0]) >= {"row", "state", "district", "code", "problem", "resolution"}
