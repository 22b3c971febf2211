"""PDF documents whose Hindi reads right: fpdf2 with HarfBuzz shaping on Debian's Noto fonts.

Every PDF the platform writes (MIS reports, training certificates, meeting schedules) starts
from `pdf_document`, which registers two font families from ODOP_FONT_DIR (fonts-noto-core,
installed by `make system-test-deps`): "sans" (Noto Sans, Latin) and "deva" (Noto Sans
Devanagari), each regular and bold, with "deva" as the fallback for any character "sans" lacks
and text shaping on, so conjuncts and matras join instead of printing as broken letters.
"""

from pathlib import Path
from typing import Final

from django.conf import settings
from fpdf import FPDF

SANS: Final = "sans"
DEVANAGARI: Final = "deva"
FONT_FILES: Final[dict[tuple[str, str], str]] = {
    (SANS, ""): "NotoSans-Regular.ttf",
    (SANS, "B"): "NotoSans-Bold.ttf",
    (DEVANAGARI, ""): "NotoSansDevanagari-Regular.ttf",
    (DEVANAGARI, "B"): "NotoSansDevanagari-Bold.ttf",
}


class PdfFontsMissing(RuntimeError):
    """A font the PDF needs is not in ODOP_FONT_DIR (install fonts-noto-core)."""


def pdf_font_directory() -> Path:
    """ODOP_FONT_DIR, checked: PdfFontsMissing names the first font file that is not there."""
    directory = Path(settings.ODOP_FONT_DIR)
    for name in FONT_FILES.values():
        if not (directory / name).is_file():
            raise PdfFontsMissing(f"{name} not found in {directory} (ODOP_FONT_DIR)")
    return directory


def pdf_document(pdf_class: type[FPDF] = FPDF, **options: object) -> FPDF:
    """A new A4 document (unless `options` say otherwise) with the "sans" and "deva" families
    registered, "deva" as fallback and shaping on. Raises PdfFontsMissing."""
    directory = pdf_font_directory()
    pdf = pdf_class(**{"format": "A4", **options})  # type: ignore[arg-type]
    pdf.set_creator("ODOP Platform")
    for (family, style), name in FONT_FILES.items():
        pdf.add_font(family, style=style, fname=str(directory / name))
    pdf.set_fallback_fonts([DEVANAGARI])
    pdf.set_text_shaping(True)
    return pdf
