"""`odop baci_year`: loading a BACI year for HS6 export potential and product-space positions
(issue #4, "whenever a BACI year is loaded"). Ref: #4"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from odop.markets.baci_store import baci_read
from odop.markets.selectors import Hs6Status, baci_year_current, hs6_markets_for
from odop.markets.tests.baci_files import baci_files_write

SHARED_BACI = (
    Path("trade") / "bilateral" / "baci_hs17_2020_partial_exporters_AFG_ZAF_iopspackage.csv.gz"
)


def _load(files: dict[str, Path], *extra: str) -> str:
    out = StringIO()
    call_command(
        "baci_year",
        str(files["trade"]),
        "--country-codes",
        str(files["country_codes"]),
        "--product-codes",
        str(files["product_codes"]),
        *extra,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def _folder_state(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in folder.glob("*") if path.is_file()}


def test_loads_a_generated_year_and_reports_skipped_rows(
    tmp_path: Path, markets_var_dirs: Path
) -> None:
    # given
    files = baci_files_write(tmp_path / "download")
    # when
    output = _load(files)
    # then
    manifest = json.loads((markets_var_dirs / "manifest.json").read_text())
    assert (manifest["year"], manifest["revision"], manifest["exporter"]) == (2020, "HS17", "IND")
    assert (manifest["rows"], manifest["rows_skipped"]) == (18, 1)
    assert manifest["source_file"] == "BACI_HS17_Y2020_V202301.csv"
    assert len(manifest["source_sha256"]) == 64
    assert [p.name for p in markets_var_dirs.glob("*.npz")] == [manifest["data_file"]]
    assert "Rows read: 19; kept: 18; skipped: 1." in output
    assert "skipped 1 rows: country code 490" in output
    year = baci_year_current()
    assert year is not None and year.manifest.source_sha256 == manifest["source_sha256"]
    assert year.base.exporter == "IND" and year.base.year == 2020
    # India's product-space position: carpets and rice with RCA ≥ 1, toys without.
    assert year.positions["570110"].m is True
    assert year.positions["100630"].m is True
    assert year.positions["950390"].m is False  # HS17 950300 is HS92 950390
    # Carpets' only neighbour with proximity is rice, which India exports too.
    assert year.positions["570110"].density == 1.0


def test_hs6_markets_convert_the_code_and_say_why_there_are_none(
    tmp_path: Path,
) -> None:
    _load(baci_files_write(tmp_path / "download"))
    year = baci_year_current()
    assert year is not None
    carpets = hs6_markets_for(hs2022="570110", year=year, top=5)
    assert carpets.status == Hs6Status.RANKED and carpets.code == "570110"
    assert [m.market for m in carpets.markets][:1] and {m.market for m in carpets.markets} <= {
        "USA",
        "DEU",
        "ARE",
    }
    untapped = [m.untapped for m in carpets.markets]
    assert untapped == sorted(untapped, reverse=True)
    assert hs6_markets_for(hs2022="950300", year=year).status == Hs6Status.NOT_EXPORTED
    assert hs6_markets_for(hs2022="520100", year=year).status == Hs6Status.RCA_BELOW_FLOOR
    assert hs6_markets_for(hs2022="010121", year=year).status == Hs6Status.NOT_TRADED
    assert hs6_markets_for(hs2022="999998", year=year).status == Hs6Status.NO_COUNTERPART


def test_the_same_file_again_is_already_loaded_and_changes_nothing(
    tmp_path: Path, markets_var_dirs: Path
) -> None:
    files = baci_files_write(tmp_path / "download")
    _load(files)
    before = _folder_state(markets_var_dirs)
    output = _load(files)
    assert "already loaded; nothing changed" in output
    assert _folder_state(markets_var_dirs) == before


def test_another_year_replaces_the_current_one(tmp_path: Path, markets_var_dirs: Path) -> None:
    _load(baci_files_write(tmp_path / "2020"))
    _load(baci_files_write(tmp_path / "2019", year=2019))
    manifest = json.loads((markets_var_dirs / "manifest.json").read_text())
    assert manifest["year"] == 2019
    assert [p.name for p in markets_var_dirs.glob("*.npz")] == [manifest["data_file"]]
    year = baci_year_current()
    assert year is not None and year.base.year == 2019


@pytest.mark.parametrize(
    ("extra_lines", "message"),
    [
        ("2020,699,842,570110,abc,NA\n", "line 22, column v"),
        ("2020,699,842,999999,1.0,NA\n", "product 999999 is not in the product code file"),
        ("2020,699,842,570110,1.0,NA\n", "repeats 2020/699/842/570110"),
    ],
    ids=["not_a_number_case", "unknown_product_case", "duplicate_case"],
)
def test_a_malformed_file_is_refused_and_nothing_is_written(
    tmp_path: Path, markets_var_dirs: Path, extra_lines: str, message: str
) -> None:
    files = baci_files_write(tmp_path / "download", extra_lines="\n" + extra_lines)
    with pytest.raises(CommandError, match=message):
        _load(files)
    assert not markets_var_dirs.exists() or _folder_state(markets_var_dirs).keys() <= {".lock"}
    assert baci_year_current() is None


def test_a_year_for_an_exporter_not_in_the_file_is_refused(
    tmp_path: Path, markets_var_dirs: Path
) -> None:
    with pytest.raises(CommandError, match="AFG"):
        _load(baci_files_write(tmp_path / "download"), "--exporter", "AFG")
    assert not (markets_var_dirs / "manifest.json").exists()


def test_chunked_reading_gives_file_line_numbers_and_catches_repeats_across_chunks(
    tmp_path: Path,
) -> None:
    files = baci_files_write(tmp_path / "download", extra_lines="2020,699,842,570110,x,NA\n")
    with pytest.raises(ValidationError) as error:
        baci_read(
            files["trade"],
            country_codes=files["country_codes"],
            product_codes=files["product_codes"],
            chunk_rows=4,
        )
    assert error.value.code == "not_a_number" and error.value.params["line"] == 21
    files = baci_files_write(tmp_path / "again", extra_lines="2020,699,842,570110,1,NA\n")
    with pytest.raises(ValidationError) as error:
        baci_read(
            files["trade"],
            country_codes=files["country_codes"],
            product_codes=files["product_codes"],
            chunk_rows=4,
        )
    assert error.value.code == "duplicate_rows"
    table = baci_read(
        baci_files_write(tmp_path / "good")["trade"],
        country_codes=files["country_codes"],
        product_codes=files["product_codes"],
        chunk_rows=4,
    )
    assert len(table.value) == 18 and table.unknown_country_codes == {"490": 1}


def test_the_partial_shared_baci_file_loads_for_south_africa(markets_var_dirs: Path) -> None:
    # The shared file is HS17 2020 for AFG and ZAF only (SOURCES.md §6): format test only.
    path = Path(django_settings.ODOP_DATA_DIR) / SHARED_BACI
    out = StringIO()
    call_command("baci_year", str(path), "--exporter", "ZAF", stdout=out, stderr=StringIO())
    output = out.getvalue()
    assert "Rows read: 70,920; kept: 69,926; skipped: 994." in output
    assert "skipped 631 rows: country code 381" in output
    assert "skipped 363 rows: country code 490" in output
    manifest = json.loads((markets_var_dirs / "manifest.json").read_text())
    assert (manifest["year"], manifest["revision"], manifest["exporter"]) == (2020, "HS17", "ZAF")
    # India is not an exporter in that file, so it cannot be loaded for India.
    with pytest.raises(CommandError, match="IND"):
        call_command("baci_year", str(path), stdout=StringIO(), stderr=StringIO())
    assert json.loads((markets_var_dirs / "manifest.json").read_text()) == manifest
