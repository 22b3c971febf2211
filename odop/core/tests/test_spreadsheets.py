"""Cells written for spreadsheets never run as formulas (issue 10, CSV injection)."""

import csv
import datetime
import io
from decimal import Decimal

import numpy as np
import pytest
from openpyxl import Workbook, load_workbook

from odop.core.spreadsheets import (
    FORMULA_TRIGGERS,
    SafeCsvWriter,
    SafeDictWriter,
    cell_safe,
    row_safe,
    sheet_row_append,
    text_safe,
)


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_every_trigger_character_is_quoted(trigger: str) -> None:
    assert cell_safe(f"{trigger}HYPERLINK(1)") == f"'{trigger}HYPERLINK(1)"


def test_owasp_list_is_covered() -> None:
    assert set(FORMULA_TRIGGERS) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x","Click")',
        "=cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "+91 98765 43210",
        "@SUM(A1:A9)",
        "-1+1",
        "-inf",
        "-nan",
        "-",
        "=",
        "-12.5\n=1+1",
        "\t=1+1",
        "\r=1+1",
        "-١٢",  # digits of another script are not a plain number
    ],
)
def test_formulas_and_lookalikes_are_quoted(text: str) -> None:
    assert cell_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["-12.5", "+12", "-0", "-.5", "-3.", "-3e5", "+1.5E-3"])
def test_text_that_is_only_a_signed_number_is_left_alone(text: str) -> None:
    assert cell_safe(text) == text


@pytest.mark.parametrize(
    "value",
    [-12.5, -3, 0, Decimal("-99.01"), True, False, np.float64(-0.25), np.int64(-7), float("nan")],
)
def test_numbers_are_untouched_and_keep_their_type(value: object) -> None:
    assert cell_safe(value) is value


@pytest.mark.parametrize(
    "value", [None, "", "Pattachitra", "'=already quoted", "a=b", "1-2", " =x", "'-1+1"]
)
def test_harmless_values_are_untouched(value: object) -> None:
    assert cell_safe(value) is value


def test_quoting_is_idempotent() -> None:
    once = cell_safe("=1+1")
    assert cell_safe(once) == once == "'=1+1"


def test_other_objects_are_judged_by_their_text() -> None:
    class Formula:
        def __str__(self) -> str:
            return "=1+1"

    day = datetime.date(2024, 1, 2)
    assert cell_safe(day) is day
    assert cell_safe(Formula()) == "'=1+1"


def test_text_safe_matches_cell_safe() -> None:
    assert text_safe("@x") == cell_safe("@x") == "'@x"
    assert text_safe("-1") == "-1"


def test_row_safe() -> None:
    assert row_safe(["=x", -1.5, None, "ok"]) == ["'=x", -1.5, None, "ok"]


def test_csv_writer_quotes_cells_and_keeps_numbers() -> None:
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, lineterminator="\n")
    writer.writerow(["=name", "value"])
    writer.writerows([['=HYPERLINK("http://x")', -12.5], ["plain, with comma", None]])
    assert buffer.getvalue() == (
        '\'=name,value\n"\'=HYPERLINK(""http://x"")",-12.5\n"plain, with comma",\n'
    )


def test_csv_writer_returns_the_written_line_to_a_pseudo_buffer() -> None:
    class Echo:
        def write(self, value: str) -> str:
            return value

    assert SafeCsvWriter(Echo(), lineterminator="\n").writerow(["+1+1", 2]) == "'+1+1,2\n"


def test_dict_writer_quotes_header_and_values() -> None:
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, fieldnames=["=col", "n"], lineterminator="\n")
    writer.writeheader()
    writer.writerow({"=col": "@evil", "n": -4})
    writer.writerows([{"=col": "fine", "n": Decimal("-1.50")}])
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert rows == [["'=col", "n"], ["'@evil", "-4"], ["fine", "-1.50"]]


def test_dict_writer_still_refuses_unknown_keys() -> None:
    writer = SafeDictWriter(io.StringIO(), fieldnames=["a"])
    with pytest.raises(ValueError, match="not in fieldnames"):
        writer.writerow({"b": "=x"})


def test_sheet_rows_hold_text_not_formulas() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet_row_append(sheet, ['=HYPERLINK("http://x")', -2.5, "-1+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    cells = next(load_workbook(buffer).active.iter_rows())  # type: ignore[union-attr]
    assert [cell.value for cell in cells] == ['\'=HYPERLINK("http://x")', -2.5, "'-1+1"]
    assert [cell.data_type for cell in cells] == ["s", "n", "s"]
