"""A participant's printable schedule (issue 16): one A4 page, Latin and Devanagari shaped.

Pure apart from reading the fonts: rows in, PDF bytes out. The document, its Noto fonts and
the HarfBuzz shaping that joins Devanagari conjuncts and matras come from core.pdf.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from odop.core.pdf import SANS, pdf_document


@dataclass(frozen=True)
class ScheduleRow:
    """One line of the schedule, already in the page's language and the event's time zone."""

    when: str
    table: str
    counterpart: str
    codes: str


def schedule_pdf(
    *, title: str, subtitle: str, person: str, headings: Sequence[str], rows: Sequence[ScheduleRow]
) -> bytes:
    """The schedule as PDF bytes. `headings` are the four column titles (translated)."""
    pdf = pdf_document()
    pdf.add_page()
    pdf.set_font(SANS, size=16)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SANS, size=11)
    pdf.multi_cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, person, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.table(col_widths=(30, 12, 48, 30), text_align="LEFT") as table:
        table.row(list(headings))
        for row in rows:
            table.row([row.when, row.table, row.counterpart, row.codes])
    return bytes(pdf.output())
