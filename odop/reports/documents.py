"""The public MIS report as files: XLSX (one sheet per section, numbers as numbers) and PDF
(English and Hindi side by side, Devanagari shaped by HarfBuzz, bar charts and the district map).

Built from the same `Section`s as the dashboards, computed once in English and once in Hindi
(`translation.override`), so the file's figures are the pages' figures.
"""

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass
from typing import Final

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from openpyxl import Workbook

from odop.core.money import money_format, number_grouped
from odop.core.pdf import SANS, PdfFontsMissing, pdf_document
from odop.core.spreadsheets import sheet_row_append
from odop.geography.models import State
from odop.reports import districtmap
from odop.reports.maps import district_map
from odop.reports.sections import Figure, MisScope, Section, mis_sections
from odop.reports.selectors import PlaceRow, place_rows

logger = logging.getLogger(__name__)

SHEET_TITLE_MAX: Final = 31  # Excel's limit on a sheet name


FontsMissing = PdfFontsMissing  # the fonts are not in ODOP_FONT_DIR (`make system-test-deps`)


@dataclass(frozen=True, slots=True)
class MisReport:
    """The report's content in both languages: the same sections, figure for figure."""

    place_en: str
    place_hi: str
    sections_en: tuple[Section, ...]
    sections_hi: tuple[Section, ...]
    places: tuple[PlaceRow, ...]
    state: State | None
    built_at: dt.datetime


def mis_report_collect(*, state: State | None) -> MisReport:
    """The figures of the public report for the nation (None) or one State."""
    scope = MisScope(state=state)
    with translation.override("en"):
        sections_en = tuple(mis_sections(scope))
        place_en = state.name if state else _("India")
    with translation.override("hi"):
        sections_hi = tuple(mis_sections(scope))
        place_hi = state.name if state else _("India")
    return MisReport(
        place_en=place_en,
        place_hi=place_hi,
        sections_en=sections_en,
        sections_hi=sections_hi,
        places=tuple(place_rows(scope=scope)),
        state=state,
        built_at=timezone.now(),
    )


# --- XLSX ---------------------------------------------------------------------------------


def _sheet_title(title: str, taken: set[str]) -> str:
    clean = "".join(" " if char in "[]:*?/\\" else char for char in title)[:SHEET_TITLE_MAX]
    candidate, number = clean, 2
    while candidate in taken:
        suffix = f" {number}"
        candidate, number = clean[: SHEET_TITLE_MAX - len(suffix)] + suffix, number + 1
    taken.add(candidate)
    return candidate


def mis_xlsx_build(report: MisReport) -> bytes:
    """One sheet per section (figure, value, Hindi label), a sheet of States or districts, and
    an "About" sheet. Numbers are numbers (money a Decimal with a rupee format); every text
    cell goes through `cell_safe`, so no cell is a formula."""
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = "About"
    taken = {"About"}
    with translation.override("en"):
        sheet_row_append(about, [_("MIS report"), report.place_en])
        sheet_row_append(about, [_("Built at"), report.built_at.isoformat(timespec="seconds")])
        sheet_row_append(
            about,
            [_("Contents"), _("Aggregate figures of the ODOP platform; no personal data.")],
        )
        for section_en, section_hi in zip(report.sections_en, report.sections_hi, strict=True):
            sheet = workbook.create_sheet(_sheet_title(section_en.title, taken))
            sheet_row_append(sheet, [_("Figure"), _("Value"), _("In Hindi")])
            for figure_en, figure_hi in zip(section_en.figures, section_hi.figures, strict=True):
                sheet_row_append(sheet, [figure_en.label, figure_en.value, figure_hi.label])
                if figure_en.unit == "inr":
                    sheet.cell(row=sheet.max_row, column=2).number_format = "#,##0.00"
            if section_en.note:
                sheet_row_append(sheet, [section_en.note, None, section_hi.note])
            sheet.column_dimensions["A"].width = 48
            sheet.column_dimensions["C"].width = 48
        places = workbook.create_sheet(
            _sheet_title(_("Districts") if report.state else _("States and UTs"), taken)
        )
        sheet_row_append(
            places,
            [
                _("LGD code"),
                _("Name"),
                _("Districts"),
                _("Districts with at least one product"),
                _("District products"),
                _("GI-tagged district products"),
                _("Verified producers"),
            ],
        )
        for row in report.places:
            sheet_row_append(
                places,
                [
                    row.lgd_code,
                    row.name,
                    row.districts,
                    row.districts_covered,
                    row.products,
                    row.gi_products,
                    row.producers_verified,
                ],
            )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- PDF ----------------------------------------------------------------------------------


def _value_text(figure: Figure) -> str:
    if figure.unit == "inr":
        return money_format(figure.value, currency="INR", decimals=2)
    return number_grouped(figure.value, decimals=0, indian=True)


class _ReportPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(SANS, size=8)
        self.cell(0, 6, f"{self.page_no()}", align="C")


def mis_pdf_build(report: MisReport) -> bytes:
    """The report as an A4 PDF: every section with its English and Hindi labels and the
    value, bars for the sections that are distributions, the district map (drawn from the
    same SVG as /maps/districts.svg) and the table of places. Raises FontsMissing."""
    pdf = pdf_document(_ReportPdf)
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(True, margin=16)
    with translation.override("en"):
        title_en = _("MIS report")
    with translation.override("hi"):
        title_hi = _("MIS report")
    pdf.set_title(f"{title_en}: {report.place_en}")
    pdf.add_page()
    width = pdf.epw
    pdf.set_font(SANS, style="B", size=16)
    pdf.multi_cell(width, 9, f"{title_en}: {report.place_en}")
    pdf.set_font(SANS, style="B", size=15)
    pdf.multi_cell(width, 9, f"{title_hi}: {report.place_hi}")
    pdf.set_font(SANS, size=9)
    pdf.multi_cell(
        width,
        5,
        f"{report.built_at:%d-%m-%Y %H:%M} UTC · "
        "Aggregate figures of the ODOP platform; no personal data.",
    )
    pdf.ln(2)
    for section_en, section_hi in zip(report.sections_en, report.sections_hi, strict=True):
        _pdf_section(pdf, section_en, section_hi)
    _pdf_map(pdf, report)
    _pdf_places(pdf, report)
    return bytes(pdf.output())


def _pdf_section(pdf: FPDF, section_en: Section, section_hi: Section) -> None:
    width = pdf.epw
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.set_font(SANS, style="B", size=12)
    pdf.cell(width, 8, f"{section_en.title} / {section_hi.title}", new_x="LMARGIN", new_y="NEXT")
    label_width, value_width = width * 0.62, width * 0.18
    largest = max((float(figure.value) for figure in section_en.figures), default=0.0)
    for figure_en, figure_hi in zip(section_en.figures, section_hi.figures, strict=True):
        pdf.set_font(SANS, size=9)
        y = pdf.get_y()
        pdf.multi_cell(
            label_width, 5, f"{figure_en.label} / {figure_hi.label}", new_x="RIGHT", new_y="TOP"
        )
        pdf.cell(value_width, 5, _value_text(figure_en), align="R")
        if section_en.chart and largest > 0:
            bar = (width - label_width - value_width - 4) * float(figure_en.value) / largest
            pdf.set_fill_color(31, 119, 180)
            pdf.rect(pdf.get_x() + 2, y + 1, max(bar, 0.2), 3, style="F")
        pdf.set_y(max(pdf.get_y(), y + 5))
        pdf.ln(5 if pdf.get_y() == y else 0)
    if section_en.note:
        pdf.set_font(SANS, size=8)
        for note in (section_en.note, section_hi.note):
            pdf.multi_cell(width, 4, note, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _pdf_map(pdf: FPDF, report: MisReport) -> None:
    """The district map of products. fpdf2 draws SVG paths itself; `<title>` and `<text>` are
    left out by it, so the legend and the "no shape" count are written here as text."""
    try:
        page = district_map(indicator="products", state=report.state)
    except districtmap.MapError:
        logger.warning("District map left out of the PDF", exc_info=True)
        return
    pdf.add_page()
    pdf.set_font(SANS, style="B", size=12)
    with translation.override("hi"):
        heading_hi = _("District products")
    pdf.cell(
        pdf.epw, 8, f"District products by district / {heading_hi}", new_x="LMARGIN", new_y="NEXT"
    )
    # The SVG's legend is text in the page's font; here it is written below in the PDF's.
    shapes_only = re.sub(r"<text[^>]*>[^<]*</text>|<rect[^>]*/>", "", page.svg)
    try:
        pdf.image(io.BytesIO(shapes_only.encode("utf-8")), w=pdf.epw * 0.9)
    except Exception:  # fpdf2's SVG parser raises many kinds; the PDF is still useful without
        logger.warning("fpdf2 could not draw the district map", exc_info=True)
    pdf.set_font(SANS, size=9)
    pdf.multi_cell(
        pdf.epw,
        5,
        f"{number_grouped(page.drawn, decimals=0, indian=True)} districts drawn; "
        f"{number_grouped(len(page.without_shape), decimals=0, indian=True)} with no shape "
        "(created after 2019): "
        + (", ".join(name for _code, name, _state in page.without_shape) or "none")
        + ".",
    )


def _pdf_places(pdf: FPDF, report: MisReport) -> None:
    pdf.add_page()
    pdf.set_font(SANS, style="B", size=12)
    with translation.override("hi"):
        heading_hi = _("Districts") if report.state else _("States and UTs")
    heading_en = "Districts" if report.state else "States and UTs"
    pdf.cell(pdf.epw, 8, f"{heading_en} / {heading_hi}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SANS, size=8)
    with pdf.table(
        col_widths=(40, 14, 14, 14, 14), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")
    ) as table:
        table.row(["Name", "Districts covered", "Products", "GI", "Verified producers"])
        for row in report.places:
            table.row(
                [
                    row.name,
                    f"{row.districts_covered} / {row.districts}",
                    number_grouped(row.products, decimals=0, indian=True),
                    number_grouped(row.gi_products, decimals=0, indian=True),
                    number_grouped(row.producers_verified, decimals=0, indian=True),
                ]
            )
