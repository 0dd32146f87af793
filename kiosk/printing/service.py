"""What the CLI and the UI call: a receipt by its code, rendered to ESC/POS, PDF or PNG;
exports (audited); the printer test page.

Printing a record's receipt goes through :class:`kiosk.printing.queue.PrintQueue`; this module
only renders and writes files, and sends the test page (which holds no personal data).
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Literal

from kiosk.printing.connections import connect
from kiosk.printing.escpos_render import PrinterSetup, build_escpos
from kiosk.printing.model import Receipt
from kiosk.printing.pdf_render import build_pdf
from kiosk.printing.prepare import prepare
from kiosk.printing.queue import PrinterSettings, send_with_deadline
from kiosk.printing.raster import render_image
from kiosk.printing.source import find_record, load_source, point_info
from kiosk.printing.testpage import build_test_page
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import write_session
from kiosk.store.models import utcnow

Format = Literal["escpos", "pdf", "png"]
FORMATS: tuple[Format, ...] = ("escpos", "pdf", "png")
PAPERS = ("58", "80", "a4")


class RenderRefused(ValueError):
    """A format/paper pair that does not exist (message Vietnamese)."""


def receipt_for(
    kiosk: Kiosk, receipt_code: str, *, copy_number: int = 0, at: datetime | None = None
) -> Receipt:
    """The receipt of the record behind ``receipt_code`` (ReceiptUnavailable if none)."""
    source = load_source(kiosk, receipt_code)
    return prepare(source, point_info(kiosk), copy_number=copy_number, printed_at=at or utcnow())


def render(receipt: Receipt, fmt: Format, paper: str, setup: PrinterSetup) -> bytes:
    """``receipt`` as a file's bytes: ESC/POS job (58/80), PDF (a4/80/58) or PNG (58/80)."""
    if fmt == "pdf":
        return build_pdf(receipt, paper)
    if paper not in ("58", "80"):
        raise RenderRefused(f"Định dạng {fmt} chỉ có khổ 58 hoặc 80 mm (dùng PDF cho A4).")
    sized = PrinterSetup(setup.profile, int(paper), setup.mode, setup.native_qr)
    if fmt == "escpos":
        return build_escpos(receipt, sized)
    buffer = io.BytesIO()
    render_image(receipt, sized.dots).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def export(
    kiosk: Kiosk,
    receipt_code: str,
    fmt: Format,
    paper: str,
    actor: str,
    *,
    copy: bool = False,
) -> bytes:
    """The receipt as a file (an export of personal data: audited, no path in the entry)."""
    receipt = receipt_for(kiosk, receipt_code, copy_number=1 if copy else 0)
    data = render(receipt, fmt, paper, PrinterSettings.of(kiosk).setup)
    with write_session(kiosk.engine) as session:
        kind, record = find_record(session, receipt_code)
        detail = {"receipt_code": record.receipt_code, "format": fmt, "paper": paper}
        audit.append(session, actor, "receipt.export", kind, record.id, detail)
    return data


def test_receipt(kiosk: Kiosk, paper: int | None = None) -> Receipt:
    printer = PrinterSettings.of(kiosk)
    width = paper or printer.setup.paper
    setup = PrinterSetup(printer.setup.profile, width, printer.setup.mode)
    return build_test_page(
        point_info(kiosk),
        printer=printer.uri,
        profile=printer.setup.profile,
        paper=width,
        dots=setup.dots,
        at=utcnow(),
    )


def print_test(kiosk: Kiosk, actor: str) -> int:
    """Send the test page straight to the configured printer; the bytes sent.

    Raises :class:`~kiosk.printing.connections.PrinterError` (Vietnamese message)."""
    printer = PrinterSettings.of(kiosk)
    data = build_escpos(test_receipt(kiosk), printer.setup)
    connection = connect(printer.uri, timeout=printer.timeout, check_status=printer.check_status)
    with write_session(kiosk.engine) as session:
        audit.append(session, actor, "print.test", detail={"printer": printer.uri})
    send_with_deadline(connection, data, printer.deadline)
    return len(data)
