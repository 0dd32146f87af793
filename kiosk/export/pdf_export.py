"""The session log and its summary as an A4 PDF (reportlab, the bundled DejaVu Sans).

Page 1 on: header (support point, ward, period, who exported, the audit-chain head), the
overview, the bar chart, the summary tables, the log table, signature lines for the volunteer
and the ward staff. Every string is NFC, so extracted text equals what was drawn.

The log table streams: the story is a list that refills itself from the log iterator as
reportlab consumes it (:class:`_StreamedStory`), in tables of :data:`ROWS_PER_TABLE` rows,
so a year's PDF is drawn in the memory of one such table.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.domain.text import nfc
from kiosk.export.pdf_chart import bar_chart
from kiosk.export.period import dmy, local
from kiosk.export.session_log import LogEntry
from kiosk.export.stats import Stats
from kiosk.export.summary import ExportInfo, cell_text, chart_title, overview, tables
from kiosk.export.summary import Table as SummaryTable
from kiosk.printing.fonts import register_pdf_fonts
from kiosk.printing.money import format_vnd

FONT, BOLD = register_pdf_fonts()
MARGIN = 12 * mm
WIDTH = A4[0] - 2 * MARGIN
TITLE = "BÁO CÁO HOẠT ĐỘNG ĐIỂM HỖ TRỢ DỊCH VỤ CÔNG TRỰC TUYẾN"
LOG_TITLE = "Nhật ký chi tiết"
SIGNERS = ("TÌNH NGUYỆN VIÊN", "CÁN BỘ PHƯỜNG")
ROWS_PER_TABLE = 400
LOG_FONT_SIZE = 6.5
KEPT_WITH_SIGNATURES = 4  # the log's last rows, on the signatures' page
DAY_ROW_MARK = "\x00day:"  # a row naming the day (several days), drawn across the table
DAY_FILL = colors.HexColor("#f2f2f2")
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
# header, width (mm)
LOG_COLUMNS = (  # each sized for its widest usual value at 6.5 pt (see test_pdf_log)
    ("Giờ", 12),
    ("Sự kiện", 37),
    ("Người", 12),
    ("Mã biên nhận", 24),
    ("Thủ tục", 13),
    ("Số tiền", 19),
    ("Gửi tỉnh", 27),
    ("Mã hồ sơ / ghi chú", 42),
)
GRID = colors.HexColor("#b0b0b0")
HEAD_FILL = colors.HexColor("#e8eef6")

_STYLES = {
    "title": ParagraphStyle("t", fontName=BOLD, fontSize=13, leading=17, alignment=TA_CENTER),
    "sub": ParagraphStyle("s", fontName=FONT, fontSize=10, leading=13, alignment=TA_CENTER),
    "h": ParagraphStyle("h", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=3),
    "body": ParagraphStyle("b", fontName=FONT, fontSize=8.5, leading=10.5),
    "point": ParagraphStyle("p", fontName=BOLD, fontSize=10, leading=13),
    "small": ParagraphStyle("sm", fontName=FONT, fontSize=8, leading=10, alignment=TA_CENTER),
    "signer": ParagraphStyle("sg", fontName=BOLD, fontSize=10, leading=13, alignment=TA_CENTER),
    "dated": ParagraphStyle("d", fontName=FONT, fontSize=9, leading=12, alignment=TA_CENTER),
}


def write_pdf(
    path: Path,
    entries: Iterable[LogEntry],
    stats: Stats,
    info: ExportInfo,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Draw the report to ``path``; the number of log rows drawn."""
    counter = _Counter(entries, progress)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=nfc(f"Nhật ký điểm hỗ trợ {info.period.label()}"),
        author=nfc(info.point.name),
        subject=info.point.kiosk_code,
        creator="kiosk",
        invariant=1,
        initialFontName=FONT,  # else an unused, unembedded Helvetica is listed
    )
    footer = _footer(info)
    story = _StreamedStory(_head(stats, info), _tail(stats, counter, info))
    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=_CompactCanvas)
    return counter.count


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(_escape(nfc(text)), _STYLES[style])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _head(stats: Stats, info: ExportInfo) -> list[Flowable]:
    story: list[Flowable] = [_p(info.point.name, "point"), _p(info.point.ward)]
    story += [Spacer(1, 4 * mm), _p(TITLE, "title"), _p(info.period.label().capitalize(), "sub")]
    story.append(Spacer(1, 3 * mm))
    rows = [(label, value) for label, value in info.lines()[3:]]
    story.append(_grid(rows, [52 * mm, WIDTH - 52 * mm], header=False))
    story += [_p("1. " + overview(stats).title, "h"), _summary_table(overview(stats))]
    story += [_p("2. " + chart_title(stats), "h"), bar_chart(stats, WIDTH, 62 * mm, FONT)]
    for number, table in enumerate(tables(stats), start=3):
        # a heading never ends a page: a new page unless some rows fit under it
        story += [CondPageBreak(30 * mm), _p(f"{number}. {table.title}", "h")]
        story.append(_summary_table(table))
    story += [CondPageBreak(40 * mm), _p(f"{len(tables(stats)) + 3}. {LOG_TITLE}", "h")]
    return story


def _summary_table(table: SummaryTable) -> Flowable:
    rows: list[tuple[Any, ...]] = [tuple(table.header)]
    rows += [tuple(cell_text(v) for v in row) for row in table.rows]
    if not table.rows:
        rows.append((table.empty, *[""] * (len(table.header) - 1)))
    if table.total is not None:
        rows.append(tuple(cell_text(v) for v in table.total))
    widths = _summary_widths(len(table.header))
    rows = [tuple(_wrap(c, w) for c, w in zip(row, widths, strict=True)) for row in rows]
    sample = [*table.rows, *([table.total] if table.total else [])]
    numeric = [i for i in range(len(widths)) if any(isinstance(r[i], int) for r in sample)]
    grid = _grid(rows, widths, header=True, total=table.total is not None, right=numeric)
    if not table.rows:
        grid.setStyle(TableStyle([("SPAN", (0, 1), (-1, 1))]))
    return grid


def _summary_widths(columns: int) -> list[float]:
    """Every summary table spans the page: text first, numbers in 30 mm columns."""
    if columns == 4:  # code, name, two counts
        return [22 * mm, WIDTH - 82 * mm, 30 * mm, 30 * mm]
    if columns <= 3:
        return [WIDTH - 30 * mm * (columns - 1), *[30 * mm] * (columns - 1)]
    first = 24 * mm
    rest = (WIDTH - first) / (columns - 1)
    return [first, *[rest] * (columns - 1)]


def _wrap(text: Any, width: float) -> Any:
    """Long text wraps (a Paragraph); short text stays a plain string (much faster)."""
    if isinstance(text, str) and stringWidth(text, FONT, 8.5) > width - 8:
        return _p(text)
    return nfc(text) if isinstance(text, str) else text


def _grid(
    rows: list[tuple[Any, ...]],
    widths: list[float],
    *,
    header: bool,
    total: bool = False,
    right: list[int] | None = None,
) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        style += [("FONT", (0, 0), (-1, 0), BOLD, 8.5), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]
    if total:
        style.append(("FONT", (0, -1), (-1, -1), BOLD, 8.5))
    for column in right or []:
        style.append(("ALIGN", (column, 1), (column, -1), "RIGHT"))
    table.setStyle(TableStyle(style))
    return table


# --- the log table, streamed --------------------------------------------------------------


class _Counter:
    def __init__(self, entries: Iterable[LogEntry], progress: Callable[[int], None] | None):
        self.entries = iter(entries)
        self.progress = progress
        self.count = 0

    def chunks(self, size: int) -> Iterator[list[LogEntry]]:
        while chunk := list(itertools.islice(self.entries, size)):
            self.count += len(chunk)
            if self.progress is not None:
                self.progress(self.count)
            yield chunk


def _tail(stats: Stats, counter: _Counter, info: ExportInfo) -> Iterator[Flowable]:
    """The log in tables of :data:`ROWS_PER_TABLE` rows; over several days a row names each
    day (a "dd/mm HH:MM" cell did not fit its column); the last rows stay with the
    signatures, so that a page never holds the signatures alone."""
    widths = [w * mm for _, w in LOG_COLUMNS]
    one_day = stats.period.one_day
    header = tuple(name for name, _ in LOG_COLUMNS)
    day: date | None = None
    pending: list[tuple[str, ...]] = []
    for chunk in counter.chunks(ROWS_PER_TABLE):
        for entry in chunk:
            if not one_day and entry.local_at.date() != day:
                day = entry.local_at.date()
                pending.append(_day_row(day))
            pending.append(_log_row(entry, widths))
        while len(pending) > ROWS_PER_TABLE + KEPT_WITH_SIGNATURES:
            yield _log_table([header, *pending[:ROWS_PER_TABLE]], widths)
            del pending[:ROWS_PER_TABLE]
    if not pending:
        yield _p("Không có hoạt động nào trong thời gian này.")
        yield _signatures(info)
        return
    kept = min(KEPT_WITH_SIGNATURES, len(pending))
    if len(pending) > kept:
        yield _log_table([header, *pending[:-kept]], widths)
    yield KeepTogether([_log_table([header, *pending[-kept:]], widths), _signatures(info)])


def _day_row(day: date) -> tuple[str, ...]:
    return (f"{DAY_ROW_MARK}Ngày {dmy(day)} ({WEEKDAYS[day.weekday()]})", *[""] * 7)


def _log_row(entry: LogEntry, widths: list[float]) -> tuple[str, ...]:
    if entry.ma_ho_so and entry.record_kind not in (None, "dossier"):
        last = f"HS: {entry.ma_ho_so}"  # the dossier's official code, not the record's own
    else:
        last = entry.ma_ho_so or "; ".join(t for t in (entry.subject, entry.detail) if t)
    cells = (
        f"{entry.local_at:%H:%M:%S}",
        entry.label,
        entry.actor,
        entry.receipt_code or "",
        entry.procedure_code or "",
        format_vnd(entry.amount_vnd) if entry.amount_vnd is not None else "",
        entry.sync_state_label,
        last,
    )
    return tuple(_fit(nfc(text), width) for text, width in zip(cells, widths, strict=True))


def _fit(text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit a log column (no wrapping: fixed row height)."""
    room = width - 4
    if stringWidth(text, FONT, LOG_FONT_SIZE) <= room:
        return text
    while text and stringWidth(text + "…", FONT, LOG_FONT_SIZE) > room:
        text = text[: max(len(text) - max(1, len(text) // 8), 0)]
    return text + "…"


def _log_table(rows: list[tuple[str, ...]], widths: list[float]) -> Table:
    days = [n for n, row in enumerate(rows) if row[0].startswith(DAY_ROW_MARK)]
    rows = [(row[0].removeprefix(DAY_ROW_MARK), *row[1:]) for row in rows]
    table = Table(rows, colWidths=widths, repeatRows=1, rowHeights=9.6)
    day_styles = [
        style
        for n in days
        for style in (
            ("SPAN", (0, n), (-1, n)),
            ("FONT", (0, n), (-1, n), BOLD, LOG_FONT_SIZE),
            ("BACKGROUND", (0, n), (-1, n), DAY_FILL),
        )
    ]
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, LOG_FONT_SIZE),
                ("FONT", (0, 0), (-1, 0), BOLD, LOG_FONT_SIZE),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
                ("ALIGN", (5, 1), (5, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (5, 0), (5, -1), 5),
                *day_styles,
            ]
        )
    )
    return table


def _signatures(info: ExportInfo) -> Flowable:
    """Place and date over the ward staff's place (as on an administrative paper), then two
    signature places side by side: name, hint, room to sign, a short line."""
    side = 84 * mm  # "Phường Nha Trang, ngày 23 tháng 11 năm 2026" on one line at 9 pt
    gap = (WIDTH - 2 * side) / 3
    at = local(info.exported_at)
    place = info.point.ward.split(",")[0].strip()
    dated = _p(f"{place}, ngày {at.day:02d} tháng {at.month:02d} năm {at.year}", "dated")
    names = [_p(name, "signer") for name in SIGNERS]
    hints = [_p("(Ký, ghi rõ họ tên)", "small") for _ in SIGNERS]
    rows = [
        ["", "", "", dated, ""],
        ["", names[0], "", names[1], ""],
        ["", hints[0], "", hints[1], ""],
        [""] * 5,
    ]
    table = Table(rows, colWidths=[gap, side, gap, side, gap], rowHeights=[16, 16, 12, 24 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8),
                ("LINEBELOW", (1, 3), (1, 3), 0.5, colors.black),
                ("LINEBELOW", (3, 3), (3, 3), 0.5, colors.black),
            ]
        )
    )
    return KeepTogether([Spacer(1, 6 * mm), table])


def _footer(info: ExportInfo) -> Callable[[Canvas, Any], None]:
    at = local(info.exported_at)
    text = nfc(
        f"{info.point.kiosk_code} · {info.period.label()} · xuất lúc "
        f"{dmy(at.date())} {at:%H:%M} bởi {info.exported_by}"
    )

    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, 8 * mm, text)
        canvas.drawRightString(A4[0] - MARGIN, 8 * mm, f"Trang {doc.page}")
        canvas.restoreState()

    return draw


class _CompactCanvas(Canvas):  # type: ignore[misc]
    """reportlab keeps every finished page in memory until it writes the file, each as the
    text of its drawing operators; this canvas deflates a page's text as soon as the page is
    done (what reportlab would do at the end anyway), so a long log costs a fraction of the
    memory. If reportlab's page objects ever change shape, pages are simply left as they are.
    """

    def showPage(self) -> None:
        super().showPage()
        pages = getattr(getattr(self._doc, "Pages", None), "pages", None)
        if not pages:
            return
        page = pages[-1]
        text = getattr(page, "stream", None)
        if not isinstance(text, str) or getattr(page, "Contents", None) or not page.compression:
            return
        stream = pdfdoc.PDFStream(content=pdfdoc.PDFZCompress.encode(text))
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
        stream.__Comment__ = "page stream"
        page.Contents, page.stream = stream, None


class _StreamedStory(list[Flowable]):
    """A story list that refills itself from ``tail`` as reportlab takes flowables off its
    front, so only a few flowables exist at a time."""

    def __init__(self, head: list[Flowable], tail: Iterator[Flowable]) -> None:
        super().__init__(head)
        self._tail = tail
        self._fill()

    def _fill(self) -> None:
        while len(self) < 2:
            following = next(self._tail, None)
            if following is None:
                return
            self.append(following)

    def __delitem__(self, key: Any) -> None:
        super().__delitem__(key)
        self._fill()
