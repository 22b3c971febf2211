"""`odop complexity`: output files and columns, text codes, Stata's numbers, bad input refused.

No database is touched. Ref: #4
"""

import csv
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

TOLERANCE = 1e-9
SAMPLE_HEADER = "year,origin,hs92,export_val\n"


def run(input_path: Path, out: Path, *extra: str) -> None:
    call_command(
        "complexity",
        str(input_path),
        "--country",
        "origin",
        "--product",
        "hs92",
        "--value",
        "export_val",
        "--out",
        str(out),
        *extra,
    )


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


SMALL = (
    "origin,hs92,export_val\n"
    "ind,0101,4\nind,0201,4\nind,1001,4\n"
    "bgd,0101,6\nbgd,1001,1\n"
    "npl,0201,3\nnpl,1001,5\n"
)


def test_writes_four_files_with_their_columns(tmp_path: Path) -> None:
    # given: 3 countries × 3 products, two pairs absent (zero)
    source = write(tmp_path / "in.csv", SMALL)
    # when
    run(source, tmp_path / "out")
    # then
    header, rows = read(tmp_path / "out" / "country_product.csv")
    assert header == ["country", "product", "rca", "m", "density", "cog"]
    assert len(rows) == 9
    header, rows = read(tmp_path / "out" / "country.csv")
    assert header == ["country", "eci", "diversity", "coi"]
    assert [row["country"] for row in rows] == ["bgd", "ind", "npl"]
    header, rows = read(tmp_path / "out" / "product.csv")
    assert header == ["product", "pci", "ubiquity"]
    assert [(row["product"], row["ubiquity"]) for row in rows] == [
        ("0101", "1"),
        ("0201", "2"),
        ("1001", "1"),
    ]
    header, rows = read(tmp_path / "out" / "proximity.csv")
    assert header == ["product_a", "product_b", "proximity"]
    # only npl exports both 0201 and 1001: φ = 1 / max(2, 1); zero pairs are left out
    assert rows == [{"product_a": "0201", "product_b": "1001", "proximity": "0.5"}]


def test_product_codes_keep_leading_zeros_through_the_round_trip(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", SMALL)
    run(source, tmp_path / "out")
    _, pairs = read(tmp_path / "out" / "country_product.csv")
    assert {row["product"] for row in pairs} == {"0101", "0201", "1001"}
    by_pair = {(row["country"], row["product"]): row for row in pairs}
    assert by_pair[("bgd", "0101")]["m"] == "1"
    assert by_pair[("ind", "0101")]["m"] == "0"
    # density of 0101 is undefined (no neighbour): an empty cell, not "nan"
    assert by_pair[("ind", "0101")]["density"] == ""
    assert by_pair[("ind", "1001")]["density"] == "1.0"


def test_codes_with_commas_and_quotes_are_quoted_in_every_file(tmp_path: Path) -> None:
    # given: SMALL with awkward product codes (a comma, a quote)
    text = SMALL.replace("0201", '"02,01"').replace("1001", '"10""01"')
    source = write(tmp_path / "in.csv", text)
    # when
    run(source, tmp_path / "out")
    # then
    _, rows = read(tmp_path / "out" / "proximity.csv")
    assert rows == [{"product_a": "02,01", "product_b": '10"01', "proximity": "0.5"}]
    _, rows = read(tmp_path / "out" / "product.csv")
    assert [row["product"] for row in rows] == ["0101", "02,01", '10"01']


def test_codes_and_years_reach_no_spreadsheet_as_formulas(tmp_path: Path) -> None:
    # given: SMALL with formula codes in both columns and a formula year (issue 10)
    text = SMALL.replace("0201", '"=HYPERLINK(""http://x"")"').replace("npl", "@npl")
    lines = text.splitlines()
    text = "year," + lines[0] + "\n" + "".join(f"-1+1,{line}\n" for line in lines[1:])
    source = write(tmp_path / "in.csv", text)
    # when
    run(source, tmp_path / "out", "--year", "year")
    # then: every text cell of every file is quoted; numbers (negative ECIs too) are not
    link = '\'=HYPERLINK("http://x")'
    _, rows = read(tmp_path / "out" / "proximity.csv")
    assert rows == [{"product_a": "1001", "product_b": link, "year": "'-1+1", "proximity": "0.5"}]
    _, rows = read(tmp_path / "out" / "product.csv")
    assert [row["product"] for row in rows] == ["0101", "1001", link]
    _, rows = read(tmp_path / "out" / "country.csv")
    assert [row["country"] for row in rows] == ["'@npl", "bgd", "ind"]
    assert {row["year"] for row in rows} == {"'-1+1"}
    assert any(row["eci"].startswith("-") for row in rows)
    assert all(float(row["eci"]) == float(row["eci"]) for row in rows)
    _, rows = read(tmp_path / "out" / "country_product.csv")
    assert {row["country"] for row in rows} == {"'@npl", "bgd", "ind"}
    assert {row["product"] for row in rows} == {"0101", "1001", link}
    assert {row["year"] for row in rows} == {"'-1+1"}


def test_year_column_adds_year_to_every_file(tmp_path: Path) -> None:
    lines = SMALL.splitlines()
    text = "year," + lines[0] + "\n"
    text += "".join(f"{year},{line}\n" for year in (2021, 2022) for line in lines[1:])
    source = write(tmp_path / "in.csv", text)
    run(source, tmp_path / "out", "--year", "year")
    expected = {
        "country_product.csv": (["country", "product", "year", "rca", "m", "density", "cog"], 18),
        "country.csv": (["country", "year", "eci", "diversity", "coi"], 6),
        "product.csv": (["product", "year", "pci", "ubiquity"], 6),
        "proximity.csv": (["product_a", "product_b", "year", "proximity"], 2),
    }
    for name, (columns, count) in expected.items():
        header, rows = read(tmp_path / "out" / name)
        assert header == columns
        assert len(rows) == count
        assert {row["year"] for row in rows} == {"2021", "2022"}


def test_command_reproduces_stata_ground_truth(tmp_path: Path) -> None:
    # given: the sample as Stata stored it (float32), written exactly, codes as text
    folder = Path(settings.ODOP_DATA_DIR) / "trade" / "complexity"
    assert (folder / "stata_ground_truth.csv").exists(), f"expected the ground truth in {folder}"
    _, sample = read(folder / "trade_data_sample.csv")
    text = SAMPLE_HEADER + "".join(
        f"{r['year']},{r['origin']},{r['hs92']},{float(np.float32(r['export_val']))!r}\n"
        for r in sample
    )
    source = write(tmp_path / "in.csv", text)
    # when
    run(source, tmp_path / "out", "--year", "year")
    # then
    _, truth = read(folder / "stata_ground_truth.csv")
    _, pairs = read(tmp_path / "out" / "country_product.csv")
    _, countries = read(tmp_path / "out" / "country.csv")
    _, products = read(tmp_path / "out" / "product.csv")
    pair = {(r["year"], r["country"], r["product"]): r for r in pairs}
    country = {(r["year"], r["country"]): r for r in countries}
    product = {(r["year"], r["product"]): r for r in products}
    worst = 0.0
    for row in truth:
        ours = {
            **pair[(row["year"], row["origin"], row["hs92"])],
            **country[(row["year"], row["origin"])],
            **product[(row["year"], row["hs92"])],
        }
        ours["M"] = ours["m"]
        for column in ("rca", "M", "density", "cog", "eci", "diversity", "coi", "pci", "ubiquity"):
            worst = max(worst, abs(float(ours[column]) - float(row[column])))
    assert len(truth) == len(pairs) == 600
    assert worst <= TOLERANCE


def test_country_with_zero_exports_is_left_out_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "in.csv", SMALL + "bhu,0101,0\nbhu,1001,0\n")
    run(source, tmp_path / "out")
    _, rows = read(tmp_path / "out" / "country.csv")
    assert [row["country"] for row in rows] == ["bgd", "ind", "npl"]
    assert "countries left out for exporting nothing (1): bhu" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "empty", id="empty_file"),
        pytest.param("origin,hs92,export_val\n", "no data rows", id="header_only"),
        pytest.param("origin,hs,export_val\nind,0101,1\n", "missing column(s) hs92", id="column"),
        pytest.param(
            "origin,hs92,export_val\nind,0101,1\nind,0201,abc\n",
            "not a number on line(s) 3",
            id="non_numeric",
        ),
        pytest.param(
            "origin,hs92,export_val\nind,0101,1\nind,0201,\n",
            "not a number on line(s) 3",
            id="empty_value",
        ),
        pytest.param(
            "origin,hs92,export_val\nind,0101,1\nind,0201,nan\n",
            "not a finite number on line(s) 3",
            id="nan",
        ),
        pytest.param(
            "origin,hs92,export_val\nind,0101,1\nind,0201,-5\n",
            "negative value on line(s) 3",
            id="negative",
        ),
        pytest.param(
            "origin,hs92,export_val\nind,0101,1\nind,0101,2\n",
            "repeated (country, product) rows: (ind, 0101)",
            id="duplicate",
        ),
        pytest.param(
            "origin,hs92,export_val\nind,,1\n", "empty country, product or year code", id="code"
        ),
        pytest.param("origin,hs92,export_val\nind,0101\n", "line 2 has 2 fields", id="short"),
        pytest.param("origin,hs92,export_val\nind,0101,0\n", "no country and product", id="zero"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    tmp_path: Path, text: str, message: str
) -> None:
    # given: an output folder that already holds a file of the analyst's
    source = write(tmp_path / "in.csv", text)
    out = tmp_path / "out"
    out.mkdir()
    write(out / "notes.txt", "keep me")
    # when / then
    with pytest.raises(CommandError) as error:
        run(source, out)
    assert message in str(error.value)
    assert sorted(path.name for path in out.iterdir()) == ["notes.txt"]


def test_duplicate_within_a_year_is_refused_naming_the_year(tmp_path: Path) -> None:
    text = SAMPLE_HEADER + "1995,ind,0101,1\n1996,ind,0101,1\n1996,ind,0101,2\n"
    source = write(tmp_path / "in.csv", text)
    with pytest.raises(CommandError, match=r"year 1996: repeated"):
        run(source, tmp_path / "out", "--year", "year")
    assert not (tmp_path / "out").exists()


def test_missing_year_column_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", SMALL)
    with pytest.raises(CommandError, match=r"missing column\(s\) year"):
        run(source, tmp_path / "out", "--year", "year")
    assert not (tmp_path / "out").exists()


def test_missing_input_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot be read"):
        run(tmp_path / "absent.csv", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_rca_threshold_option_changes_presence(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", SMALL)
    run(source, tmp_path / "out", "--rca-threshold", "2")
    _, rows = read(tmp_path / "out" / "country_product.csv")
    # only bgd,0101 has RCA ≥ 2: (6/7) / (10/27) = 2.31
    assert [(r["country"], r["product"]) for r in rows if r["m"] == "1"] == [("bgd", "0101")]
