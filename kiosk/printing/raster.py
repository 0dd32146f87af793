"""Drawing a receipt as 1-bit raster bands at the paper's real width (thermal printers, PNG).

Thermal printers print 203 dots per inch: 384 dots across 58 mm paper, 576 across 80 mm.
The receipt is drawn with the bundled font into greyscale bands, thresholded to black and
white, and cut into *segments*: text images, and QR codes (which the ESC/POS renderer may
send as the printer's own QR command instead of pixels). :func:`render_image` stacks the
segments into one picture (PNG, docs, tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

from kiosk.printing.fonts import pil_font
from kiosk.printing.model import QrCode, Receipt, Row, Section
from kiosk.printing.money import unbreakable_amounts

PAPER_DOTS = {58: 384, 80: 576}
THRESHOLD = 150  # grey below this prints black: strokes a little bolder than 50 %
AMOUNT_GAP = 12  # dots between a fee's name and its amount
MAX_LABEL_LINES = 2  # a longer fee name takes the full width, its amount the line below
PROBE = "ẤẦẨẪẬỖỄÁjgpqyỵ"  # the tallest marks and deepest descenders of Vietnamese text
Align = Literal["left", "center", "right"]
Run = tuple[str, ImageFont.FreeTypeFont]


@dataclass(frozen=True, slots=True)
class Style:
    """Font sizes (pixels) and spacing for one paper width."""

    dots: int
    margin: int
    small: int
    body: int
    heading: int
    title: int
    code: int
    qr_module: int
    gap: int

    @property
    def inner(self) -> int:
        return self.dots - 2 * self.margin


STYLES = {
    384: Style(
        dots=384, margin=6, small=17, body=19, heading=20, title=24, code=28, qr_module=4, gap=8
    ),
    576: Style(
        dots=576, margin=10, small=19, body=22, heading=23, title=30, code=36, qr_module=5, gap=10
    ),
}


def style_for(dots: int) -> Style:
    if dots in STYLES:
        return STYLES[dots]
    base = STYLES[576] if dots > 480 else STYLES[384]  # e.g. 512 dots of a 180 dpi printer
    return Style(**{**_as_dict(base), "dots": dots})


def _as_dict(style: Style) -> dict[str, int]:
    return {name: getattr(style, name) for name in Style.__slots__}


@dataclass(frozen=True, slots=True)
class ImageSegment:
    image: Image.Image  # mode "1", width = paper dots


@dataclass(frozen=True)
class QrSegment:
    qr: QrCode
    module: int  # dots per module
    dots: int
    _drawn: list[Image.Image] = field(default_factory=list, repr=False, compare=False)

    @property
    def image(self) -> Image.Image:
        """The code drawn (mode "1", full width, centred, quiet zone included), on demand:
        a printer that draws QR codes itself never needs it."""
        if not self._drawn:
            self._drawn.append(qr_image(self.qr.content, self.module, self.dots))
        return self._drawn[0]


Segment = ImageSegment | QrSegment


@cache
def line_metrics(font: ImageFont.FreeTypeFont) -> tuple[int, int]:
    """(height of a line, baseline from its top): room for stacked tone marks (Ấ, Ỗ)."""
    _left, top, _right, bottom = font.getbbox(PROBE, anchor="ls")
    return int(bottom - top) + 3, int(-top) + 1


@lru_cache(maxsize=4096)
def length(font: ImageFont.FreeTypeFont, text: str) -> float:
    """Advance width of ``text`` in ``font`` (cached: receipts repeat their words)."""
    return font.getlength(text)


def wrap(runs: Sequence[Run], width: float, indent: float = 0) -> list[list[Run]]:
    """Greedy word wrap of styled runs; a word longer than a line is broken by characters."""
    words: list[Run] = []
    for text, font in runs:
        for word in text.split(" "):
            if word:
                words.extend(_split_long(word, font, width - indent))
    lines: list[list[Run]] = [[]]
    used = 0.0
    for word, font in words:
        space = length(font, " ") if lines[-1] else 0.0
        size = length(font, word)
        limit = width - (indent if len(lines) > 1 else 0)
        if lines[-1] and used + space + size > limit:
            lines.append([])
            used, space = 0.0, 0.0
        lines[-1].append((word, font))
        used += space + size
    return [line for line in lines if line]


def _split_long(word: str, font: ImageFont.FreeTypeFont, width: float) -> list[Run]:
    if length(font, word) <= width:
        return [(word, font)]
    pieces: list[Run] = []
    current = ""
    for ch in word:
        if current and length(font, current + ch) > width:
            pieces.append((current, font))
            current = ""
        current += ch
    return [*pieces, (current, font)]


class Sheet:
    """Collects greyscale bands, cut into segments at each QR code."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.segments: list[Segment] = []
        self._bands: list[Image.Image] = []

    # --- primitives ------------------------------------------------------------------

    def gap(self, height: int | None = None) -> None:
        self._bands.append(Image.new("L", (self.style.dots, height or self.style.gap), 255))

    def line(self, runs: Sequence[Run], align: Align = "left", indent: int = 0) -> None:
        runs = merge_runs(runs)
        fonts = [font for _text, font in runs]
        height, baseline = max(line_metrics(font) for font in fonts)
        band = Image.new("L", (self.style.dots, height), 255)
        draw = ImageDraw.Draw(band)
        width = _runs_width(runs)
        x = float(self.style.margin + indent)
        if align == "center":
            x = (self.style.dots - width) / 2
        elif align == "right":
            x = self.style.dots - self.style.margin - width
        for index, (text, font) in enumerate(runs):
            if index:
                x += length(font, " ")
            draw.text((x, baseline), text, font=font, fill=0, anchor="ls")
            x += length(font, text)
        self._bands.append(band)

    def paragraph(self, runs: Sequence[Run], align: Align = "left", indent: int = 0) -> None:
        runs = [(unbreakable_amounts(text), font) for text, font in runs]  # 1.500.000 ₫ whole
        for number, line in enumerate(wrap(runs, self.style.inner, indent)):
            self.line(line, align, indent if number else 0)

    def rule(self, dashed: bool = False) -> None:
        band = Image.new("L", (self.style.dots, 9), 255)
        draw = ImageDraw.Draw(band)
        left, right = self.style.margin, self.style.dots - self.style.margin
        step = 8 if dashed else right - left
        for x in range(left, right, step):
            draw.line((x, 4, min(x + (4 if dashed else step), right), 4), fill=0, width=2)
        self._bands.append(band)

    def inverted(self, text: str, font: ImageFont.FreeTypeFont) -> None:
        """White text on a black bar (the "BẢN SAO" mark of a reprint)."""
        height, baseline = line_metrics(font)
        band = Image.new("L", (self.style.dots, height + 6), 255)
        draw = ImageDraw.Draw(band)
        draw.rectangle((self.style.margin, 0, self.style.dots - self.style.margin, height + 5), 0)
        x = (self.style.dots - length(font, text)) / 2
        draw.text((x, baseline + 3), text, font=font, fill=255, anchor="ls")
        self._bands.append(band)

    def amount(self, label: Sequence[Run], value: Run) -> None:
        """Label on the left (wrapped), the amount flush right on the label's last line; a
        label that would need more than MAX_LABEL_LINES lines beside the amount takes the
        full width, and the amount the line below."""
        value_width = length(value[1], value[0])
        lines = wrap(label, self.style.inner - value_width - AMOUNT_GAP)
        if len(lines) > MAX_LABEL_LINES:
            lines = [*wrap(label, self.style.inner), []]
        for line in lines[:-1]:
            self.line(line)
        last = lines[-1] if lines else []
        self._amount_line(last, value)

    def _amount_line(self, label: Sequence[Run], value: Run) -> None:
        label = merge_runs(label)
        fonts = [font for _t, font in label] + [value[1]]
        height, baseline = max(line_metrics(font) for font in fonts)
        band = Image.new("L", (self.style.dots, height), 255)
        draw = ImageDraw.Draw(band)
        x = float(self.style.margin)
        for index, (text, font) in enumerate(label):
            x += length(font, " ") if index else 0
            draw.text((x, baseline), text, font=font, fill=0, anchor="ls")
            x += length(font, text)
        right = self.style.dots - self.style.margin
        draw.text((right, baseline), value[0], font=value[1], fill=0, anchor="rs")
        self._bands.append(band)

    def qr(self, code: QrCode) -> None:
        self._flush()
        module = self.style.qr_module
        self.segments.append(QrSegment(code, module, self.style.dots))

    def finish(self) -> list[Segment]:
        self._flush()
        return self.segments

    def _flush(self) -> None:
        if not self._bands:
            return
        height = sum(band.height for band in self._bands)
        sheet = Image.new("L", (self.style.dots, height), 255)
        y = 0
        for band in self._bands:
            sheet.paste(band, (0, y))
            y += band.height
        self._bands = []
        self.segments.append(ImageSegment(to_1bit(sheet)))


def merge_runs(runs: Sequence[Run]) -> list[Run]:
    """Neighbouring words of one font as one string: one text drawing per font change."""
    merged: list[Run] = []
    for text, font in runs:
        if merged and merged[-1][1] is font:
            merged[-1] = (f"{merged[-1][0]} {text}", font)
        else:
            merged.append((text, font))
    return merged


def _runs_width(runs: Sequence[Run]) -> float:
    spaces = sum(length(font, " ") for _t, font in runs[1:])
    return spaces + sum(length(font, text) for text, font in runs)


def to_1bit(image: Image.Image) -> Image.Image:
    return image.point(lambda v: 255 if v >= THRESHOLD else 0, mode="1")


@lru_cache(maxsize=64)
def qr_matrix(content: str) -> tuple[tuple[bool, ...], ...]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(content)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def qr_image(content: str, module: int, dots: int) -> Image.Image:
    """The code centred on a full-width white band, a 4-module quiet zone above and below."""
    matrix = qr_matrix(content)
    size = len(matrix) * module
    quiet = 4 * module
    band = Image.new("1", (dots, size + 2 * quiet), 1)
    draw = ImageDraw.Draw(band)
    left = (dots - size) // 2
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                x0, y0 = left + x * module, quiet + y * module
                draw.rectangle((x0, y0, x0 + module - 1, y0 + module - 1), fill=0)
    return band


# --- the receipt --------------------------------------------------------------------------


def layout(receipt: Receipt, dots: int) -> list[Segment]:
    """The receipt as segments, ``dots`` wide."""
    style = style_for(dots)
    sheet = Sheet(style)
    _header(sheet, receipt)
    for section in receipt.sections:
        _section(sheet, section)
    sheet.rule(dashed=True)
    for code in receipt.qr_codes:
        _qr_block(sheet, code)
    _footer(sheet, receipt)
    return sheet.finish()


def render_image(receipt: Receipt, dots: int) -> Image.Image:
    """The whole receipt as one black-and-white picture (QR codes drawn as pixels)."""
    return stack([segment.image for segment in layout(receipt, dots)], dots)


def stack(images: Iterable[Image.Image], width: int) -> Image.Image:
    parts = list(images)
    out = Image.new("1", (width, sum(p.height for p in parts)), 1)
    y = 0
    for part in parts:
        out.paste(part, (0, y))
        y += part.height
    return out


def _fonts(style: Style) -> dict[str, ImageFont.FreeTypeFont]:
    return {
        "small": pil_font(style.small),
        "small_bold": pil_font(style.small, bold=True),
        "heading_small": pil_font(style.body - 2, bold=True),
        "body": pil_font(style.body),
        "bold": pil_font(style.body, bold=True),
        "heading": pil_font(style.heading, bold=True),
        "title": pil_font(style.title, bold=True),
        "code": pil_font(style.code, bold=True),
    }


def _header(sheet: Sheet, receipt: Receipt) -> None:
    f = _fonts(sheet.style)
    sheet.paragraph([(receipt.point.name, f["heading_small"])], "center")
    sheet.paragraph([(receipt.point.ward, f["small"])], "center")
    sheet.rule()
    sheet.gap()
    sheet.paragraph([(receipt.title, f["title"])], "center")
    if receipt.subtitle:
        sheet.paragraph([(receipt.subtitle, f["small"])], "center")
    if receipt.copy_label:
        sheet.gap(4)
        sheet.inverted(receipt.copy_label, f["bold"])
        if receipt.printed_at:
            sheet.paragraph([(f"In lại lúc {receipt.printed_at}", f["small"])], "center")
    sheet.gap()
    sheet.paragraph([(receipt.code_label, f["small"])], "center")
    sheet.paragraph([(receipt.receipt_code, f["code"])], "center")
    sheet.paragraph([(f"Thời gian: {receipt.issued_at}", f["body"])], "center")
    sheet.gap(4)
    sheet.rule(dashed=True)


def _section(sheet: Sheet, section: Section) -> None:
    f = _fonts(sheet.style)
    sheet.gap(6)
    if section.heading:
        sheet.paragraph([(section.heading, f["heading"])])
    for row in section.rows:
        _row(sheet, row, f)
    bullet_indent = int(f["body"].getlength("• "))
    for item in section.items:
        sheet.paragraph([(f"• {item}", f["body"])], indent=bullet_indent)
    if section.note:
        sheet.paragraph([(section.note, f["small"])])


def _row(sheet: Sheet, row: Row, f: dict[str, ImageFont.FreeTypeFont]) -> None:
    if row.amount:
        label_font = f["bold"] if row.strong else f["body"]
        sheet.amount([(row.label, label_font)], (row.value, f["bold"] if row.strong else f["body"]))
        return
    value_font = f["bold"] if row.strong else f["body"]
    sheet.paragraph([(f"{row.label}:", f["small_bold"]), (row.value, value_font)])


def _qr_block(sheet: Sheet, code: QrCode) -> None:
    f = _fonts(sheet.style)
    sheet.gap(6)
    for number, line in enumerate(code.caption):
        sheet.paragraph([(line, f["bold"] if number == 0 else f["small"])], "center")
    sheet.qr(code)


def _footer(sheet: Sheet, receipt: Receipt) -> None:
    f = _fonts(sheet.style)
    sheet.rule(dashed=True)
    for line in receipt.footer:
        sheet.paragraph([(line, f["small"])])
    sheet.paragraph([(receipt.point.privacy, f["small"])])
    if receipt.point.hotline:  # unset until the technician enters the ward's
        sheet.gap(4)
        sheet.paragraph([(f"Đường dây nóng: {receipt.point.hotline}", f["bold"])], "center")
    sheet.gap(4)
