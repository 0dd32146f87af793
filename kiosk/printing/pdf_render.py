"""A receipt as PDF (reportlab): an A4 page for the resident or the ward's files, or a roll
(58/80 mm wide, as long as the receipt).

The bundled DejaVu Sans is embedded (reportlab's own fonts have no Vietnamese letters), every
string is NFC so that copying or extracting the text gives back exactly the same characters,
and the QR codes are vector squares (one filled path per code; they decode from ``pdftoppm``
pages). reportlab's own ``QrCodeWidget`` encodes twice and draws one shape per module: about
60 ms a code, against well under 1 ms here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.domain.text import nfc
from kiosk.printing.fonts import register_pdf_fonts
from kiosk.printing.model import QrCode, Receipt, Row, Section
from kiosk.printing.money import unbreakable_amounts
from kiosk.printing.raster import qr_matrix

PAPERS = ("a4", "80", "58")
AMOUNT_GAP = 6.0  # points between a fee's name and its amount
MAX_LABEL_LINES = 2  # a longer fee name takes the full width, its amount the line below
FONT_REGULAR, FONT_BOLD = register_pdf_fonts()


@dataclass(frozen=True, slots=True)
class PdfLayout:
    width: float  # points
    margin: float
    body: float  # font sizes, points
    small: float
    title: float
    code: float
    qr: float  # QR side, points


LAYOUTS = {
    "a4": PdfLayout(width=A4[0], margin=20 * mm, body=12, small=10, title=17, code=22, qr=36 * mm),
    "80": PdfLayout(width=80 * mm, margin=4 * mm, body=8.5, small=7, title=11, code=13, qr=30 * mm),
    "58": PdfLayout(width=58 * mm, margin=3 * mm, body=7, small=6, title=9, code=11, qr=26 * mm),
}
# A4 in the largest print that keeps the receipt on one sheet: 12 pt for most, smaller for a
# dossier with many papers; past the smallest, a second page
A4_STEPS = (
    LAYOUTS["a4"],
    replace(LAYOUTS["a4"], body=11, small=9, title=16, code=20, qr=34 * mm),
    replace(LAYOUTS["a4"], body=10, small=8, title=15, code=18, qr=32 * mm),
)


def build_pdf(receipt: Receipt, paper: str = "a4") -> bytes:
    """The receipt as a PDF document (one A4 page, or one roll-shaped page)."""
    if paper not in LAYOUTS:
        raise ValueError(f"paper must be one of {PAPERS}")
    page = _a4_layout(receipt) if paper == "a4" else LAYOUTS[paper]
    story = _story(receipt, page)
    # a roll is one page as long as the receipt (frame paddings 6 pt a side, some slack)
    height = A4[1] if paper == "a4" else _height(story, _inner(page)) * 1.02 + 2 * page.margin + 40
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=(page.width, height),
        leftMargin=page.margin,
        rightMargin=page.margin,
        topMargin=page.margin,
        bottomMargin=page.margin,
        title=nfc(f"{receipt.title.capitalize()} {receipt.receipt_code}"),
        author=nfc(receipt.point.name),
        subject=receipt.receipt_code,
        creator="kiosk",
        invariant=1,
        initialFontName=FONT_REGULAR,  # else an unused, unembedded Helvetica is listed
    )
    doc.build(story)
    return buffer.getvalue()


def _a4_layout(receipt: Receipt) -> PdfLayout:
    for page in A4_STEPS:
        story = _story(receipt, page, keep_codes_together=False)  # KeepTogether needs a canvas
        if _height(story, _inner(page)) <= A4[1] - 2 * page.margin - 12:
            return page
    return A4_STEPS[-1]


def _inner(page: PdfLayout) -> float:
    """Width inside the margins and the frame's 6 pt paddings."""
    return page.width - 2 * page.margin - 12


def _height(story: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for flowable in story:
        _w, h = flowable.wrap(width, 10_000)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


class _Styles:
    def __init__(self, page: PdfLayout) -> None:
        regular, bold = register_pdf_fonts()
        lead = 1.3
        self.body = ParagraphStyle(
            "body", fontName=regular, fontSize=page.body, leading=page.body * lead
        )
        self.small = ParagraphStyle(
            "small", parent=self.body, fontSize=page.small, leading=page.small * lead
        )
        self.center = ParagraphStyle("center", parent=self.body, alignment=TA_CENTER)
        self.small_center = ParagraphStyle("small_center", parent=self.small, alignment=TA_CENTER)
        self.heading = ParagraphStyle(
            "heading", parent=self.body, fontName=bold, spaceBefore=page.body * 0.6
        )
        self.title = ParagraphStyle(
            "title",
            parent=self.center,
            fontName=bold,
            fontSize=page.title,
            leading=page.title * lead,
            spaceBefore=page.body * 0.5,
        )
        self.code = ParagraphStyle(
            "code", parent=self.title, fontSize=page.code, leading=page.code * lead, spaceBefore=0
        )
        self.point = ParagraphStyle("point", parent=self.center, fontName=bold)
        hanging = stringWidth("• ", regular, page.body)  # a wrapped paper name lines up
        self.bullet = ParagraphStyle(
            "bullet", parent=self.body, leftIndent=hanging, firstLineIndent=-hanging
        )
        self.bold = bold
        self.regular = regular


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text; an amount (``1.500.000 ₫``) is never broken over lines."""
    return Paragraph(escape(unbreakable_amounts(nfc(text))), style)


def _story(
    receipt: Receipt, page: PdfLayout, *, keep_codes_together: bool = True
) -> list[Flowable]:
    s = _Styles(page)
    story: list[Flowable] = [
        _p(receipt.point.name, s.point),
        _p(receipt.point.ward, s.small_center),
        HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceBefore=3, spaceAfter=3),
        _p(receipt.title, s.title),
    ]
    if receipt.copy_label:
        story.append(_copy_bar(receipt.copy_label, page, s))
        if receipt.printed_at:
            story.append(_p(f"In lại lúc {receipt.printed_at}", s.small_center))
    story += [
        Spacer(1, page.body * 0.4),
        _p(receipt.code_label, s.small_center),
        _p(receipt.receipt_code, s.code),
        _p(f"Thời gian: {receipt.issued_at}", s.center),
        _rule(),
    ]
    inner = _inner(page)
    for section in receipt.sections:
        story += _section(section, s, inner)
    story.append(_rule())
    codes: list[Flowable] = [_qr_table(receipt.qr_codes, page, s, inner), _rule()]
    # on A4 a page break never parts a code from its caption (a receipt with many papers);
    # a roll is one page as long as its story
    together = keep_codes_together and page.width == A4[0]
    story += [KeepTogether(codes)] if together else codes
    story += [_p(line, s.small) for line in (*receipt.footer, receipt.point.privacy)]
    if receipt.point.hotline:  # unset until the technician enters the ward's
        story.append(Spacer(1, page.body * 0.4))
        story.append(_p(f"Đường dây nóng: {receipt.point.hotline}", s.point))
    return story


def _table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """Every table names the embedded font: a cell otherwise selects Helvetica (unembedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR), *commands])


def _rule() -> HRFlowable:
    return HRFlowable(
        width="100%", thickness=0.5, color=colors.black, dash=(2, 2), spaceBefore=4, spaceAfter=4
    )


def _copy_bar(label: str, page: PdfLayout, s: _Styles) -> Table:
    white = ParagraphStyle("copy", parent=s.center, fontName=s.bold, textColor=colors.white)
    table = Table([[_p(label, white)]], colWidths=[_inner(page)])
    table.setStyle(_table_style([("BACKGROUND", (0, 0), (-1, -1), colors.black)]))
    return table


def _section(section: Section, s: _Styles, inner: float) -> list[Flowable]:
    out: list[Flowable] = []
    if section.heading:
        out.append(_p(section.heading, s.heading))
    out += _rows(section.rows, s, inner)
    out += [_p(f"• {item}", s.bullet) for item in section.items]
    if section.note:
        out.append(_p(section.note, s.small))
    return out


def _rows(rows: Sequence[Row], s: _Styles, inner: float) -> list[Flowable]:
    out: list[Flowable] = []
    amounts: list[Row] = []
    for row in rows:
        if row.amount:
            amounts.append(row)
            continue
        out += _flush_amounts(amounts, s, inner)
        text = escape(unbreakable_amounts(nfc(row.value)))
        value = f"<b>{text}</b>" if row.strong else text
        out.append(Paragraph(f"<b>{escape(nfc(row.label))}:</b> {value}", s.body))
    return out + _flush_amounts(amounts, s, inner)


def _flush_amounts(amounts: list[Row], s: _Styles, inner: float) -> list[Flowable]:
    """Money rows as a two-column table: the amount column as wide as the widest amount (an
    amount is never broken), the label wrapped beside it; a label that would need more than
    :data:`MAX_LABEL_LINES` lines there takes the full width, its amount on the line below."""
    if not amounts:
        return []
    value_width = _amount_column(amounts, s.body.fontSize)
    label_width = inner - value_width
    data: list[list[Flowable | str]] = []
    spans: list[tuple[object, ...]] = []
    for row in amounts:
        label, value = _amount_cells(row, s)
        if _line_count(label, label_width) > MAX_LABEL_LINES:
            spans.append(("SPAN", (0, len(data)), (1, len(data))))
            data += [[label, ""], ["", value]]
        else:
            data.append([label, value])
    table = Table(data, colWidths=[label_width, value_width])
    table.setStyle(
        _table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                # the empty cell beside an amount on its own line: a body line, not 10 pt
                ("FONTSIZE", (0, 0), (-1, -1), s.body.fontSize),
                ("LEADING", (0, 0), (-1, -1), s.body.leading),
                *spans,
            ]
        )
    )
    amounts.clear()
    return [table]


def _amount_column(rows: Sequence[Row], size: float) -> float:
    """Points for the amount column: the widest amount (bold where the row is strong) and a
    gap before it."""
    widest = max(
        float(stringWidth(nfc(row.value), FONT_BOLD if row.strong else FONT_REGULAR, size))
        for row in rows
    )
    return widest + AMOUNT_GAP


def _amount_cells(row: Row, s: _Styles) -> tuple[Paragraph, Paragraph]:
    font = s.bold if row.strong else s.regular
    label = ParagraphStyle("amount", parent=s.body, fontName=font, alignment=TA_LEFT)
    value = ParagraphStyle("value", parent=s.body, fontName=font, alignment=TA_RIGHT)
    return _p(row.label, label), _p(row.value, value)


def _line_count(paragraph: Paragraph, width: float) -> int:
    _w, height = paragraph.wrap(width, 100_000)
    return round(float(height) / float(paragraph.style.leading))


class QrFlowable(Flowable):  # type: ignore[misc]
    """A QR code, ``side`` points square, quiet zone of 4 modules included."""

    def __init__(self, content: str, side: float) -> None:
        super().__init__()
        self.matrix = qr_matrix(content)
        self.side = side

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        count = len(self.matrix) + 8
        unit = self.side / count
        path = self.canv.beginPath()
        for row_number, row in enumerate(self.matrix):
            y = self.side - (row_number + 5) * unit
            for start, end in _dark_runs(row):
                path.rect((start + 4) * unit, y, (end - start) * unit, unit)
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


def _dark_runs(row: Sequence[bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for x, dark in enumerate((*row, False)):
        if dark and start is None:
            start = x
        elif not dark and start is not None:
            runs.append((start, x))
            start = None
    return runs


def _qr_table(codes: Sequence[QrCode], page: PdfLayout, s: _Styles, inner: float) -> Table:
    """A4: the codes side by side, caption above each; roll: one under the other."""
    cells = [[_caption(code, s), QrFlowable(code.content, page.qr)] for code in codes]
    if page.width == LAYOUTS["a4"].width and len(cells) > 1:
        data = [[cell[0] for cell in cells], [cell[1] for cell in cells]]
        widths = [inner / len(cells)] * len(cells)
    else:
        data = [row for cell in cells for row in ([cell[0]], [cell[1]])]
        widths = [inner]
    table = Table(data, colWidths=widths)
    table.setStyle(
        _table_style([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def _caption(code: QrCode, s: _Styles) -> list[Flowable]:
    first = ParagraphStyle("qr_first", parent=s.small_center, fontName=s.bold)
    return [_p(line, first if n == 0 else s.small_center) for n, line in enumerate(code.caption)]
