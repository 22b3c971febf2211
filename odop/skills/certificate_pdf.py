"""A certificate as an A4 PDF (fpdf2, text shaped by HarfBuzz so Devanagari joins right).

Takes plain values and returns bytes: no ORM. The document and its fonts come from core.pdf;
without the fonts there is no PDF (`CertificatePdfUnavailable`, core.pdf.PdfFontsMissing); the
printable page (A4 print CSS) still works.
"""

import io
from dataclasses import dataclass

import segno

from odop.core.pdf import SANS, PdfFontsMissing, pdf_document

CertificatePdfUnavailable = PdfFontsMissing  # the fonts the PDF needs are not installed


@dataclass(frozen=True, slots=True)
class CertificateText:
    """What the PDF says, already in the reader's words."""

    title: str
    certify: str
    holder: str
    completed: str
    issued: str
    number_label: str
    number: str
    check_label: str
    verify_url: str
    revoked: str  # empty unless revoked


def certificate_pdf(text: CertificateText) -> bytes:
    """The certificate on one A4 page, with the QR code of its public check."""
    pdf = pdf_document()
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 190, 277)
    width = 170

    def line(words: str, *, size: int, bold: bool = False, gap: float = 6) -> None:
        pdf.set_font(SANS, style="B" if bold else "", size=size)
        pdf.set_x(20)
        pdf.multi_cell(width, size * 0.5, words, align="C")
        pdf.ln(gap)

    pdf.set_y(35)
    if text.revoked:
        pdf.set_text_color(183, 28, 28)
        line(text.revoked, size=14, bold=True)
        pdf.set_text_color(0, 0, 0)
    line(text.title, size=26, bold=True, gap=12)
    line(text.certify, size=14)
    line(text.holder, size=24, bold=True, gap=8)
    line(text.completed, size=14, gap=10)
    line(text.issued, size=12)
    line(f"{text.number_label}: {text.number}", size=12, gap=8)
    qr = io.BytesIO()
    segno.make(text.verify_url, error="m").save(qr, kind="png", scale=8, border=2)
    qr.seek(0)
    pdf.image(qr, x=75, y=pdf.get_y(), w=60, h=60)
    pdf.set_y(pdf.get_y() + 64)
    line(text.check_label, size=10, gap=1)
    line(text.verify_url, size=10)
    return bytes(pdf.output())
