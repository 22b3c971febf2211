"""The reference import on a small hand-made data set: placement rules, findings, atomicity,
idempotency and clear refusals of bad files (issue #2)."""

from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from conftest import GI_REGISTRY, MASTER, MASTER_COLUMNS, reference_dir_write
from odop.geography.models import District, DistrictAlias, State
from odop.registry.models import (
    DataQualityFinding,
    DistrictProduct,
    GIEntry,
    HSCode,
    Problem,
    ProductType,
    Resolution,
    Sector,
)
from odop.registry.services import ReferenceFiles, reference_import

pytestmark = pytest.mark.django_db


def run(data_dir: Path, **kwargs: object) -> list:
    return reference_import(files=ReferenceFiles.in_directory(data_dir, **kwargs))  # type: ignore[arg-type]


def product(district_code: int, name: str) -> DistrictProduct:
    return DistrictProduct.objects.get(district__lgd_code=district_code, name=name)


def finding(row: int, problem: str) -> DataQualityFinding:
    return DataQualityFinding.objects.get(source="dpiit_odop_master.csv", row=row, problem=problem)


def test_every_row_is_placed_or_reported(reference_dir: Path) -> None:
    reports = run(reference_dir)
    master = reports[-1]
    assert master.rows_read == 10
    assert DistrictProduct.objects.count() == 10
    assert master.created == 10


def test_code_of_another_state_is_resolved_by_name(reference_dir: Path) -> None:
    run(reference_dir)
    # Row 5: Haryana / Mewat / 192 (192 is Bhagalpur, Bihar) → Nuh by its former name.
    assert product(604, "Honey").district.name == "Nuh"
    found = finding(5, Problem.CODE_OTHER_STATE)
    assert found.resolution == Resolution.PLACED_BY_NAME
    assert "BHAGALPUR" in found.detail


def test_name_matching_another_code_wins_within_the_state(reference_dir: Path) -> None:
    run(reference_dir)
    # Row 6: Odisha / Balasore / 345 (345 is Balangir) → Baleshwar (346).
    assert product(346, "Pattachitra").district.name == "Baleshwar"
    assert finding(6, Problem.NAME_OTHER_CODE).resolution == Resolution.PLACED_BY_NAME


def test_code_shared_by_two_districts_is_reported(reference_dir: Path) -> None:
    run(reference_dir)
    # Code 192 is used by Bhagalpur (row 2) and by Mewat (row 5).
    assert finding(2, Problem.CODE_SHARED).resolution == Resolution.PLACED_BY_CODE
    assert finding(5, Problem.CODE_SHARED).resolution == Resolution.PLACED_BY_NAME


def test_unknown_code_becomes_a_provisional_district(reference_dir: Path) -> None:
    run(reference_dir)
    district = District.objects.get(lgd_code=799)
    assert district.is_provisional is True
    assert district.state.lgd_code == 9
    assert district.name == "Newdistrict"
    assert finding(10, Problem.CODE_UNKNOWN).resolution == Resolution.PROVISIONAL


def test_two_state_names_in_one_cell_resolve_to_the_merged_ut(reference_dir: Path) -> None:
    run(reference_dir)
    assert product(465, "Mango").district.state.lgd_code == 38
    assert finding(11, Problem.STATE_MULTIPLE).resolution == Resolution.NORMALISED


def test_one_product_type_many_districts(reference_dir: Path) -> None:
    run(reference_dir)
    mango = ProductType.objects.get(key="mango")
    assert sorted(mango.district_products.values_list("district__lgd_code", flat=True)) == [
        465,
        799,
    ]


def test_vocabularies_are_normalised_and_sources_kept(reference_dir: Path) -> None:
    run(reference_dir)
    makhana = product(212, "Makhana")
    assert (makhana.category, makhana.category_source) == ("primary", "primary")
    assert (makhana.sector, makhana.sector_source) == (Sector.FOOD_PROCESSING, "Food processing")
    assert (makhana.is_gi, makhana.gi_status_source) == (False, "NO")
    assert makhana.ministry is not None
    assert makhana.ministry.name == "Ministry of Food Processing Industries"
    garments = product(144, "Ready-made garments")
    assert garments.ministry is not None
    assert garments.ministry.name == "Ministry of Textiles"  # "Minsitry of Textile"
    assert garments.ministry_source == "Minsitry of Textile"
    assert product(346, "Pattachitra").ministry.name == (  # type: ignore[union-attr]
        "Development Commissioner (Handicrafts)"
    )


def test_gi_products_link_to_the_registry_of_their_state(reference_dir: Path) -> None:
    run(reference_dir)
    silk = product(192, "Bhagalpur Silk")
    assert silk.gi_entry is not None and silk.gi_entry.name == "Bhagalpur Silk"
    # "Turmeric" and "Kandhamal Haladi" share no word, but the reviewed glossary says haladi
    # is turmeric (without it the product is left unlinked: test_gi_queue).
    turmeric = product(359, "Turmeric")
    assert turmeric.gi_entry is not None and turmeric.gi_entry.name == "Kandhamal Haladi"
    assert not DataQualityFinding.objects.filter(problem=Problem.GI_UNLINKED).exists()


def test_gi_registry_states_and_foreign_entries(reference_dir: Path) -> None:
    run(reference_dir)
    parma = GIEntry.objects.get(name="Prosciutto di Parma")
    assert parma.is_foreign is True and parma.states.count() == 0
    haladi = GIEntry.objects.get(name="Kandhamal Haladi")
    assert list(haladi.states.values_list("lgd_code", flat=True)) == [21]  # "Orissa"
    assert HSCode.objects.get(code="010121").parent_code == "0101"


def test_second_run_changes_nothing(reference_dir: Path) -> None:
    run(reference_dir)
    findings = sorted(DataQualityFinding.objects.values_list("pk", "source", "row", "problem"))
    aliases = DistrictAlias.objects.count()
    history = DistrictProduct.history.count()  # type: ignore[attr-defined]
    reports = run(reference_dir)
    assert [(r.created, r.updated) for r in reports] == [(0, 0)] * 4
    assert sorted(DataQualityFinding.objects.values_list("pk", "source", "row", "problem")) == (
        findings
    )
    assert DistrictAlias.objects.count() == aliases
    assert DistrictProduct.history.count() == history  # type: ignore[attr-defined]


def test_changed_row_is_updated_with_history(reference_dir: Path) -> None:
    run(reference_dir)
    reference_dir_write(reference_dir, master=MASTER.replace("Fox nut", "Fox nut popped"))
    reports = run(reference_dir)
    assert (reports[-1].created, reports[-1].updated) == (0, 1)
    makhana = product(212, "Makhana")
    assert makhana.description == "Fox nut popped"
    assert makhana.history.first().history_change_reason == "import dpiit_odop_master.csv"  # type: ignore[attr-defined]


def test_windows_1252_and_xlsx_are_read(reference_dir: Path) -> None:
    text = MASTER.replace("Garments", "Garments – export quality")
    (reference_dir / "odop" / "dpiit_odop_master.csv").write_bytes(text.encode("cp1252"))
    run(reference_dir)
    assert product(144, "Ready-made garments").description == "Garments – export quality"

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in [MASTER_COLUMNS, "Bihar,Litchi,Patna,212,Primary,Agriculture,Sweet,No,,MSME"]:
        sheet.append([int(v) if v.isdigit() else v for v in line.split(",")])
    workbook.save(reference_dir / "odop" / "master.xlsx")
    run(reference_dir, master=reference_dir / "odop" / "master.xlsx")
    assert DistrictProduct.objects.get().name == "Litchi"


def _assert_refused(
    reference_dir: Path, code: str, *, master: bytes | None = None, gi: str | None = None
) -> None:
    if master is not None:
        (reference_dir / "odop" / "dpiit_odop_master.csv").write_bytes(master)
    if gi is not None:
        (reference_dir / "gi" / "ipindia_registered_gi.csv").write_text(gi)
    with pytest.raises(ValidationError) as error:
        run(reference_dir)
    assert error.value.error_list[0].code == code
    assert State.objects.exists() is False
    assert DistrictProduct.objects.exists() is False
    assert GIEntry.objects.exists() is False
    assert DataQualityFinding.objects.exists() is False


def test_missing_column_writes_nothing(reference_dir: Path) -> None:
    _assert_refused(
        reference_dir, "missing_columns", master=MASTER.replace("LGD Code,", "Code,").encode()
    )


def test_empty_file_writes_nothing(reference_dir: Path) -> None:
    _assert_refused(reference_dir, "empty_file", master=b"")


def test_header_only_writes_nothing(reference_dir: Path) -> None:
    _assert_refused(reference_dir, "empty_file", master=(MASTER_COLUMNS + "\n").encode())


def test_wrong_encoding_writes_nothing(reference_dir: Path) -> None:
    _assert_refused(reference_dir, "bad_encoding", master=MASTER.encode("utf-16"))


def test_duplicate_rows_write_nothing(reference_dir: Path) -> None:
    lines = MASTER.splitlines()
    _assert_refused(
        reference_dir, "duplicate_rows", master=("\n".join([*lines, lines[3]]) + "\n").encode()
    )


def test_broken_later_file_undoes_earlier_files(reference_dir: Path) -> None:
    """The GI file is read after LGD: its error must undo the LGD import too."""
    _assert_refused(
        reference_dir, "unknown_value", gi=GI_REGISTRY.replace("Food stuff", "Spaceships")
    )


def test_unknown_state_codes_in_lgd_write_nothing(reference_dir: Path) -> None:
    path = reference_dir / "districts" / "lgd_districts_2022-12.csv"
    path.write_text(path.read_text() + "77,NARNIA,9999,CAIR PARAVEL,,\n")
    with pytest.raises(ValidationError) as error:
        run(reference_dir)
    assert error.value.error_list[0].code == "unknown_codes"
    assert District.objects.exists() is False
