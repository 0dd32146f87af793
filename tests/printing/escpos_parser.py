"""An independent ESC/POS decoder for the tests: bytes → commands and the printed page.

Written from the Epson ESC/POS command reference, not from the kiosk's code. It knows the
commands a receipt job may use and refuses anything else (so a stray byte fails a test):

    ESC @          initialise             ESC a n        justification (0 left, 1 centre)
    ESC J n        feed n dots            ESC d n        print and feed n lines
    ESC t n        code page              ESC E n / ESC ! n / GS ! n   text style
    GS v 0 m xL xH yL yH d…   raster bit image (xL+xH·256 bytes a row, yL+yH·256 rows)
    GS ( k pL pH cn fn …      2-D code (QR: cn 49; fn 65 model, 67 size, 69 EC, 80 store, 81 print)
    GS V m [n]     cut                    LF             print the line
    DLE EOT n      real-time status       other bytes    text

:func:`page` draws what a printer would put on paper: rasters, feeds, and native QR codes
(drawn from the stored data with the ``qrcode`` package at the module size asked for);
text lines are not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import qrcode
from PIL import Image

LINE_DOTS = 30  # ESC d n: a text line's height in dots (Epson default 1/6 inch ≈ 34 at 203 dpi)


@dataclass
class Raster:
    width: int  # dots
    height: int
    data: bytes  # row-major, 1 bit per dot, 1 = black


@dataclass
class Qr:
    data: bytes
    module: int
    ec: int
    align: int


@dataclass
class Job:
    commands: list[str] = field(default_factory=list)
    # what the paper shows, in order: Raster, Qr, ("feed", dots) or ("text", bytes)
    items: list[object] = field(default_factory=list)
    code_page: int | None = None

    @property
    def rasters(self) -> list[Raster]:
        return [i for i in self.items if isinstance(i, Raster)]

    @property
    def qrs(self) -> list[Qr]:
        return [i for i in self.items if isinstance(i, Qr)]

    @property
    def text(self) -> bytes:
        return b"".join(i[1] for i in self.items if isinstance(i, tuple) and i[0] == "text")


class ParseError(ValueError):
    pass


def parse(data: bytes) -> Job:
    job = Job()
    state = {"align": 0, "qr_module": 3, "qr_ec": 48, "qr_data": b""}
    pos, text = 0, bytearray()
    while pos < len(data):
        byte = data[pos]
        if byte in (0x1B, 0x1D, 0x10):
            if text:
                job.items.append(("text", bytes(text)))
                text = bytearray()
            pos = _command(data, pos, job, state)
        else:
            text.append(byte)
            pos += 1
    if text:
        job.items.append(("text", bytes(text)))
    return job


def _need(data: bytes, pos: int, count: int) -> bytes:
    if pos + count > len(data):
        raise ParseError(f"truncated command at {pos}")
    return data[pos : pos + count]


def _command(data: bytes, pos: int, job: Job, state: dict[str, object]) -> int:
    head = _need(data, pos, 2)
    if head == b"\x1b@":
        job.commands.append("ESC @")
        return pos + 2
    if head[0] == 0x1B and head[1] in b"aJdtE!":
        n = _need(data, pos + 2, 1)[0]
        name = {0x61: "ESC a", 0x4A: "ESC J", 0x64: "ESC d", 0x74: "ESC t"}.get(
            head[1], "ESC style"
        )
        job.commands.append(f"{name} {n}")
        if head[1] == 0x61:
            state["align"] = n
        elif head[1] == 0x4A:
            job.items.append(("feed", n))
        elif head[1] == 0x64:
            job.items.append(("feed", n * LINE_DOTS))
        elif head[1] == 0x74:
            job.code_page = n
        return pos + 3
    if head == b"\x1d!":
        job.commands.append("GS !")
        return pos + 3
    if head == b"\x1dv":
        return _raster(data, pos, job)
    if head == b"\x1d(":
        return _two_d(data, pos, job, state)
    if head == b"\x1dV":
        m = _need(data, pos + 2, 1)[0]
        job.commands.append(f"GS V {m}")
        return pos + (4 if m in (65, 66) else 3)
    if head == b"\x10\x04":
        job.commands.append(f"DLE EOT {_need(data, pos + 2, 1)[0]}")
        return pos + 3
    raise ParseError(f"unknown command {head.hex()} at {pos}")


def _raster(data: bytes, pos: int, job: Job) -> int:
    header = _need(data, pos, 8)
    if header[2] != 0x30:
        raise ParseError("GS v must be GS v 0")
    width_bytes = header[4] + 256 * header[5]
    height = header[6] + 256 * header[7]
    body = _need(data, pos + 8, width_bytes * height)
    job.commands.append(f"GS v 0 {width_bytes * 8}x{height}")
    job.items.append(Raster(width_bytes * 8, height, body))
    return pos + 8 + width_bytes * height


def _two_d(data: bytes, pos: int, job: Job, state: dict[str, object]) -> int:
    header = _need(data, pos, 7)
    if header[2] != 0x6B:
        raise ParseError("only GS ( k is known")
    size = header[3] + 256 * header[4]
    cn, fn = header[5], header[6]
    params = _need(data, pos + 7, size - 2)
    if cn != 49:
        raise ParseError(f"2-D code type {cn} is not QR")
    job.commands.append(f"GS ( k QR fn={fn}")
    if fn == 67:
        state["qr_module"] = params[0]
    elif fn == 69:
        state["qr_ec"] = params[0]
    elif fn == 80:
        state["qr_data"] = params[1:]  # m = '0', then the data
    elif fn == 81:
        job.items.append(
            Qr(
                bytes(state["qr_data"]),  # type: ignore[arg-type]
                int(state["qr_module"]),  # type: ignore[call-overload]
                int(state["qr_ec"]),  # type: ignore[call-overload]
                int(state["align"]),  # type: ignore[call-overload]
            )
        )
    return pos + 5 + size


def raster_image(raster: Raster) -> Image.Image:
    """A raster as a picture (white paper, black dots)."""
    inverted = bytes(b ^ 0xFF for b in raster.data)  # PIL "1" raw: 1 = white
    return Image.frombytes("1", (raster.width, raster.height), inverted)


def qr_picture(qr: Qr, width: int) -> Image.Image:
    levels = {48: qrcode.constants.ERROR_CORRECT_L, 49: qrcode.constants.ERROR_CORRECT_M}
    levels |= {50: qrcode.constants.ERROR_CORRECT_Q, 51: qrcode.constants.ERROR_CORRECT_H}
    code = qrcode.QRCode(error_correction=levels[qr.ec], box_size=qr.module, border=0)
    code.add_data(qr.data)
    code.make(fit=True)
    symbol = code.make_image().get_image().convert("1")
    band = Image.new("1", (width, symbol.height), 1)
    x = (width - symbol.width) // 2 if qr.align == 1 else 0
    band.paste(symbol, (x, 0))
    return band


def page(job: Job) -> Image.Image:
    """The printed paper (text lines left blank)."""
    width = max((r.width for r in job.rasters), default=576)
    parts: list[Image.Image] = []
    for item in job.items:
        if isinstance(item, Raster):
            parts.append(raster_image(item))
        elif isinstance(item, Qr):
            parts.append(qr_picture(item, width))
        elif isinstance(item, tuple) and item[0] == "feed":
            parts.append(Image.new("1", (width, int(item[1])), 1))
    out = Image.new("1", (width, sum(p.height for p in parts) + 20), 1)
    y = 10
    for part in parts:
        out.paste(part, (0, y))
        y += part.height
    return out
