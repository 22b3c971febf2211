"""A participant's printable schedule (issue 16): one A4 page, Latin and Devanagari shaped.

Pure apart from reading the fonts: rows in, PDF bytes out. Fonts are Noto Sans and Noto Sans
Devanagari from ODOP_PDF_FONT_DIR (default /usr/share/fonts/truetype/noto, installed by
`make system-test-deps`); HarfBuzz shaping (`set_text_shaping`) joins the Devanagari conjuncts
and matras that a plain TTF renderer would print as broken letters.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from fpdf import FPDF

FONT_DIR_DEFAULT = "/usr/share/fonts/truetype/noto"


@dataclass(frozen=True)
class ScheduleRow:
    """One line of the schedule, already in the page's language and the event's time zone."""

    when: str
    table: str
    counterpart: str
    codes: str


def font_dir() -> Path:
    return Path(getattr(settings, "ODOP_PDF_FONT_DIR", FONT_DIR_DEFAULT))


def schedule_pdf(
    *, title: str, subtitle: str, person: str, headings: Sequence[str], rows: Sequence[ScheduleRow]
) -> bytes:
    """The schedule as PDF bytes. `headings` are the four column titles (translated)."""
    fonts = font_dir()
    pdf = FPDF(format="A4")
    pdf.set_creator("ODOP Platform")
    pdf.add_font("NotoSans", fname=str(fonts / "NotoSans-Regular.ttf"))
    pdf.add_font("NotoSans", style="B", fname=str(fonts / "NotoSans-Bold.ttf"))
    pdf.add_font("NotoSansDevanagari", fname=str(fonts / "NotoSansDevanagari-Regular.ttf"))
    pdf.add_font("NotoSansDevanagari", style="B", fname=str(fonts / "NotoSansDevanagari-Bold.ttf"))
    pdf.set_fallback_fonts(["NotoSansDevanagari"])
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_font("NotoSans", size=16)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("NotoSans", size=11)
    pdf.multi_cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, person, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.table(col_widths=(30, 12, 48, 30), text_align="LEFT") as table:
        table.row(list(headings))
        for row in rows:
            table.row([row.when, row.table, row.counterpart, row.codes])
    return bytes(pdf.output())
