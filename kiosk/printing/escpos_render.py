"""A receipt as the bytes of an ESC/POS print job, built with python-escpos.

The default is the **raster** mode: the receipt drawn by :mod:`kiosk.printing.raster` at the
paper's width, sent as ``GS v 0`` raster images. Runs of blank rows are not sent as pixels but
as paper feeds (``ESC J n``), which keeps a typical 80 mm receipt well under 60 KB. QR codes
use the printer's own QR command (``GS ( k``) when the profile has it, and pixels otherwise.
The job starts with ``ESC @`` (initialise) and ends with a feed and a cut where the profile
can cut.

The **text** modes (:mod:`kiosk.printing.text_mode`) are last resorts: CP1258 where the
profile really lists that code page, else ASCII without diacritics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from PIL import Image

from kiosk.printing import escpos_lib
from kiosk.printing.model import Receipt
from kiosk.printing.raster import PAPER_DOTS, ImageSegment, QrSegment, layout
from kiosk.printing.text_mode import ascii_fold, encode_cp1258, text_layout

Mode = Literal["raster", "text", "ascii"]
MODES: tuple[Mode, ...] = ("raster", "text", "ascii")
INIT = b"\x1b@"
MIN_FEED = 6  # blank runs shorter than this stay pixels (a feed command costs 3 bytes)
MAX_FEED = 255
QR_EC_M = 1  # python-escpos QR_ECLEVEL_M


@dataclass(frozen=True, slots=True)
class PrinterSetup:
    """What the job is built for: profile (python-escpos capability DB), paper, mode."""

    profile: str = "TM-T20II"
    paper: int = 80  # mm: 58 or 80
    mode: Mode = "raster"
    native_qr: bool | None = None  # None: when the profile has the QR command

    @property
    def dots(self) -> int:
        return paper_dots(self.paper, self.profile)

    @property
    def uses_native_qr(self) -> bool:
        if self.native_qr is not None:
            return self.native_qr
        return escpos_lib.supports(self.profile, "qrCode")

    @property
    def columns(self) -> int:
        """Characters per line of the printer's font A (text modes)."""
        fonts = escpos_lib.profile_data(self.profile).get("fonts", {})
        columns = fonts.get("0", {}).get("columns")
        wanted = 48 if self.paper == 80 else 32
        return min(columns, wanted) if isinstance(columns, int) and columns >= 24 else wanted


def paper_dots(paper: int, profile: str) -> int:
    """384 dots for 58 mm, 576 for 80 mm; fewer if the profile says its head is narrower
    (e.g. 512 on a 180 dpi TM-T88V)."""
    dots = PAPER_DOTS[paper]
    stated = escpos_lib.profile_dots(profile)
    return min(dots, stated) if stated else dots


def build_escpos(receipt: Receipt, setup: PrinterSetup) -> bytes:
    """The complete print job for ``receipt``."""
    printer = _dummy(setup.profile)
    printer._raw(INIT)
    if setup.mode == "raster":
        _raster(printer, receipt, setup)
    else:
        _text(printer, receipt, setup)
    printer.cut()
    data: bytes = printer.output
    return data


def _dummy(profile: str) -> Any:
    escpos_lib.load()
    from escpos.printer import Dummy

    return Dummy(profile=profile)


def _raster(printer: Any, receipt: Receipt, setup: PrinterSetup) -> None:
    native = setup.uses_native_qr
    for segment in layout(receipt, setup.dots):
        if isinstance(segment, ImageSegment):
            send_image(printer, segment.image)
        elif native:
            _native_qr(printer, segment)
        else:
            send_image(printer, segment.image)


def _native_qr(printer: Any, segment: QrSegment) -> None:
    printer._raw(b"\x1bJ" + bytes([4 * segment.module]))  # quiet zone above
    printer.set(align="center")
    printer.qr(segment.qr.content, ec=QR_EC_M, size=segment.module, native=True)
    printer.set(align="left")
    printer._raw(b"\x1bJ" + bytes([4 * segment.module]))  # and below


def send_image(printer: Any, image: Image.Image) -> None:
    """Ink runs as ``GS v 0`` rasters (full width), blank runs as ``ESC J`` feeds."""
    for start, end, blank in row_runs(image):
        if blank:
            feed(printer, end - start)
        else:
            printer.image(image.crop((0, start, image.width, end)), impl="bitImageRaster")


def feed(printer: Any, dots: int) -> None:
    while dots > 0:
        step = min(dots, MAX_FEED)
        printer._raw(b"\x1bJ" + bytes([step]))
        dots -= step


def row_runs(image: Image.Image) -> list[tuple[int, int, bool]]:
    """``(start, end, blank)`` runs of rows; blank runs shorter than MIN_FEED join the ink."""
    one_bit = image if image.mode == "1" else image.convert("1")
    stride = (one_bit.width + 7) // 8
    packed = one_bit.tobytes()
    white = b"\xff" * stride
    blank = [packed[y * stride : (y + 1) * stride] == white for y in range(one_bit.height)]
    runs: list[tuple[int, int, bool]] = []
    for y, is_blank in enumerate(blank):
        if runs and runs[-1][2] == is_blank:
            runs[-1] = (runs[-1][0], y + 1, is_blank)
        else:
            runs.append((y, y + 1, is_blank))
    return _merge_short_blanks(runs)


def _merge_short_blanks(runs: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    merged: list[tuple[int, int, bool]] = []
    for start, end, blank in runs:
        if blank and end - start < MIN_FEED and merged and not merged[-1][2]:
            blank = False
        if merged and merged[-1][2] == blank:
            merged[-1] = (merged[-1][0], end, blank)
        else:
            merged.append((start, end, blank))
    return merged


def _text(printer: Any, receipt: Receipt, setup: PrinterSetup) -> None:
    """The receipt as printer text; each QR code after its caption, drawn by the printer's QR
    command where the profile has one (else its details in words: no code, no caption)."""
    page = escpos_lib.code_page(setup.profile, "CP1258") if setup.mode == "text" else None
    if page is not None:
        printer._raw(b"\x1bt" + bytes([page]))
    native = setup.uses_native_qr
    pending: list[str] = []
    for item in text_layout(receipt, setup.columns, qr_printed=native):
        if isinstance(item, str):
            pending.append(item)
            continue
        _text_lines(printer, pending, page)
        pending = []
        printer.set(align="center")
        printer.qr(item.content, ec=QR_EC_M, size=setup.dots // 96, native=True)
        printer.set(align="left")
    _text_lines(printer, pending, page)


def _text_lines(printer: Any, lines: list[str], page: int | None) -> None:
    if page is not None:
        printer._raw(b"".join(encode_cp1258(line) + b"\n" for line in lines))
    else:
        printer._raw(b"".join(ascii_fold(line).encode("ascii") + b"\n" for line in lines))
