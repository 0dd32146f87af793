"""The bundled Vietnamese font (DejaVu Sans, ``resources/fonts/``) for Pillow and reportlab.

Every receipt is drawn with this font, never a system one: a kiosk PC may have no font with
Vietnamese glyphs, and reportlab's built-in Helvetica silently drops them.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from PIL import ImageFont

from kiosk.paths import asset

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
PDF_REGULAR = "KioskSans"  # names the PDF renderer registers the TTFs under
PDF_BOLD = "KioskSans-Bold"
_pdf_lock = threading.Lock()


def font_path(bold: bool = False) -> Path:
    return asset("fonts", BOLD if bold else REGULAR)


@cache
def pil_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """A Pillow font of ``size`` pixels (cached: loading a TTF takes a few milliseconds)."""
    return ImageFont.truetype(str(font_path(bold)), size)


def register_pdf_fonts() -> tuple[str, str]:
    """Register the TTFs with reportlab once per process (embedded, subset, in every PDF)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _pdf_lock:
        registered = pdfmetrics.getRegisteredFontNames()
        if PDF_REGULAR not in registered:
            pdfmetrics.registerFont(TTFont(PDF_REGULAR, str(font_path(False))))
            pdfmetrics.registerFont(TTFont(PDF_BOLD, str(font_path(True))))
            pdfmetrics.registerFontFamily(
                PDF_REGULAR,
                normal=PDF_REGULAR,
                bold=PDF_BOLD,
                italic=PDF_REGULAR,
                boldItalic=PDF_BOLD,
            )
    return PDF_REGULAR, PDF_BOLD
