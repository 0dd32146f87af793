"""Printer connections from the ``printer.uri`` setting, on python-escpos's printer classes.

==========================  =====================================================
``tcp:HOST[:PORT]``          network printer, raw port 9100 (``escpos.printer.Network``)
``usb:VID:PID``              USB, ids in hex, e.g. ``usb:04b8:0e15`` (``Usb``; pyusb)
``serial:DEVICE[:BAUD]``     serial / Bluetooth SPP, ``serial:/dev/ttyUSB0:9600``,
                             ``serial:COM3:9600`` (``Serial``; pyserial)
``cups:QUEUE``               a raw CUPS queue (``CupsPrinter``; pycups)
``win32:PRINTER``            a Windows printer, raw (``Win32Raw``; pywin32)
``file:PATH``                a device file (``/dev/usb/lp0``) or any file (``File``)
``none``                     no printer: print jobs fail at once, receipts go to PDF
==========================  =====================================================

:meth:`Connection.send` opens, optionally asks the printer's status (``DLE EOT 1`` online /
``DLE EOT 4`` paper, on connections that can read: tcp, usb, serial), writes the job's bytes
exactly, and closes. Every failure becomes a :class:`PrinterError` with a Vietnamese message
and whether waiting and trying again can help. Sockets have a time-out; the worker also puts
a deadline around the whole send (:mod:`kiosk.printing.queue`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.printing import escpos_lib

log = logging.getLogger(__name__)

STATUS_ONLINE = b"\x10\x04\x01"  # DLE EOT 1: printer status
STATUS_PAPER = b"\x10\x04\x04"  # DLE EOT 4: roll paper sensor status
SCHEMES = ("tcp", "usb", "serial", "cups", "win32", "file", "none")
READABLE = ("tcp", "usb", "serial")

# code → (Vietnamese message for the volunteer, worth retrying)
MESSAGES: dict[str, tuple[str, bool]] = {
    "not_configured": (
        "Chưa cài đặt máy in. Hồ sơ đã được lưu; có thể in biên nhận sau hoặc lưu thành PDF.",
        False,
    ),
    "bad_uri": ("Địa chỉ máy in trong phần cài đặt không đúng dạng.", False),
    "refused": (
        "Máy in từ chối kết nối: máy in chưa bật xong hoặc đang bận. Hãy kiểm tra máy in.",
        True,
    ),
    "unreachable": (
        "Không kết nối được máy in: hãy kiểm tra máy in đã bật và đã cắm dây mạng.",
        True,
    ),
    "not_found": (
        "Không tìm thấy máy in: hãy kiểm tra dây cáp và công tắc nguồn của máy in.",
        True,
    ),
    "timeout": (
        "Máy in không phản hồi: hãy kiểm tra máy in đã bật chưa, đèn báo có sáng không.",
        True,
    ),
    "offline": (
        "Máy in đang tạm dừng (có thể nắp đang mở hoặc máy báo lỗi): hãy kiểm tra máy in.",
        True,
    ),
    "paper_out": ("Máy in hết giấy: hãy lắp cuộn giấy mới.", True),
    "io_error": ("Gửi dữ liệu tới máy in bị gián đoạn: hãy kiểm tra dây cáp.", True),
    "driver_missing": (
        "Máy tính chưa có thư viện cho kiểu kết nối máy in này; hãy gọi kỹ thuật viên.",
        False,
    ),
}


class PrinterError(Exception):
    """A print that did not reach the printer; ``message`` is Vietnamese."""

    def __init__(self, code: str, detail: str = "") -> None:
        message, retry = MESSAGES.get(code, (MESSAGES["io_error"][0], True))
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.message = message
        self.retry = retry
        self.detail = detail


@dataclass(frozen=True, slots=True)
class PrinterAddress:
    scheme: str
    target: str  # host, device, queue or path
    port: int = 9100
    baudrate: int = 9600
    vendor: int = 0
    product: int = 0

    @property
    def readable(self) -> bool:
        return self.scheme in READABLE

    def describe(self) -> str:
        if self.scheme == "tcp":
            return f"tcp:{self.target}:{self.port}"
        return f"{self.scheme}:{self.target}" if self.target else self.scheme


def parse_uri(uri: str) -> PrinterAddress:
    """``tcp:192.168.1.50:9100`` → PrinterAddress; PrinterError("bad_uri") if malformed."""
    text = uri.strip()
    if text in ("", "none"):
        return PrinterAddress("none", "")
    scheme, _, rest = text.partition(":")
    try:
        return _PARSERS[scheme](rest.removeprefix("//"))
    except (KeyError, ValueError, IndexError):
        raise PrinterError("bad_uri", uri) from None


def _tcp(rest: str) -> PrinterAddress:
    host, _, port = rest.rpartition(":") if rest.count(":") == 1 else (rest, "", "")
    host = host.strip("[]")
    if not host:
        raise ValueError("no host")
    return PrinterAddress("tcp", host, port=int(port) if port else 9100)


def _usb(rest: str) -> PrinterAddress:
    vendor, product = rest.split(":")[:2]
    return PrinterAddress("usb", rest, vendor=int(vendor, 16), product=int(product, 16))


def _serial(rest: str) -> PrinterAddress:
    device, _, baud = rest.rpartition(":") if rest.rsplit(":", 1)[-1].isdigit() else (rest, "", "")
    if not device:
        raise ValueError("no device")
    return PrinterAddress("serial", device, baudrate=int(baud) if baud else 9600)


def _named(scheme: str) -> Callable[[str], PrinterAddress]:
    def parse(rest: str) -> PrinterAddress:
        if not rest:
            raise ValueError("no name")
        return PrinterAddress(scheme, rest)

    return parse


_PARSERS: dict[str, Callable[[str], PrinterAddress]] = {
    "tcp": _tcp,
    "usb": _usb,
    "serial": _serial,
    "cups": _named("cups"),
    "win32": _named("win32"),
    "file": _named("file"),
}


class Connection:
    """One printer reached through python-escpos; :meth:`send` is one complete job."""

    def __init__(self, address: PrinterAddress, *, timeout: float, check_status: bool) -> None:
        self.address = address
        self.timeout = timeout
        self.check_status = check_status and address.readable

    def send(self, data: bytes) -> None:
        if self.address.scheme == "none":
            raise PrinterError("not_configured")
        printer = self._open()
        try:
            if self.check_status:
                self._check(printer)
            printer._raw(data)
        except PrinterError:
            raise
        except Exception as exc:
            raise classify(exc) from None
        finally:
            _close(printer)

    def _open(self) -> Any:
        try:
            printer = open_printer(self.address, self.timeout)
            printer.open()
        except PrinterError:
            raise
        except Exception as exc:
            raise classify(exc) from None
        return printer

    def _check(self, printer: Any) -> None:
        online = _ask(printer, STATUS_ONLINE)
        if online is not None and online & 0x08:
            raise PrinterError("offline", f"status {online:#04x}")
        paper = _ask(printer, STATUS_PAPER)
        if paper is not None and paper & 0x60:
            raise PrinterError("paper_out", f"status {paper:#04x}")


def _ask(printer: Any, query: bytes) -> int | None:
    """One real-time status byte; None if the answer is not a status byte. No answer at all
    within the time-out is a silent printer: PrinterError("timeout")."""
    printer._raw(query)
    try:
        answer: bytes = printer._read()
    except TimeoutError:
        raise PrinterError("timeout", "no status answer") from None
    if not answer:
        raise PrinterError("timeout", "connection closed without a status answer")
    first = answer[0]
    return first if first & 0x93 == 0x12 else None


def _close(printer: Any) -> None:
    try:
        printer.close()
    except Exception:  # closing a broken connection may fail too; nothing more to do
        log.debug("printer close failed", exc_info=True)


def open_printer(address: PrinterAddress, timeout: float) -> Any:
    """The python-escpos printer object (not yet opened) for ``address``."""
    escpos_lib.load()
    from escpos import printer as p

    factories: dict[str, Any] = {
        "tcp": lambda: p.Network(address.target, port=address.port, timeout=timeout),
        "usb": lambda: p.Usb(address.vendor, address.product, timeout=int(timeout * 1000)),
        "serial": lambda: p.Serial(address.target, baudrate=address.baudrate, timeout=timeout),
        "cups": lambda: p.CupsPrinter(printer_name=address.target),
        "win32": lambda: p.Win32Raw(printer_name=address.target),
        "file": lambda: p.File(address.target, auto_flush=True),
    }
    printer = factories[address.scheme]()
    if hasattr(printer, "is_usable") and not printer.is_usable():
        raise PrinterError("driver_missing", address.scheme)
    return printer


def classify(exc: BaseException) -> PrinterError:
    """Any exception from opening or writing → the PrinterError a volunteer can act on."""
    cause = exc.__cause__ or exc.__context__ or exc
    for candidate in (exc, cause):
        if isinstance(candidate, TimeoutError):
            return PrinterError("timeout", type(candidate).__name__)
        if isinstance(candidate, ConnectionRefusedError):
            return PrinterError("refused", str(candidate))
        if isinstance(candidate, ConnectionError | BrokenPipeError):
            return PrinterError("io_error", str(candidate))
    name = type(exc).__name__
    if name in ("DeviceNotFoundError", "USBNotFoundError") or isinstance(exc, FileNotFoundError):
        if isinstance(cause, OSError) and cause is not exc:
            return PrinterError("unreachable", str(cause))
        return PrinterError("not_found", str(exc))
    if isinstance(exc, OSError):
        return PrinterError("io_error", str(exc))
    return PrinterError("io_error", f"{name}: {exc}")


def connect(uri: str, *, timeout: float, check_status: bool) -> Connection:
    return Connection(parse_uri(uri), timeout=timeout, check_status=check_status)


@functools.cache
def usb_backend() -> Any | None:
    """The first libusb backend pyusb can load, looked for once a process (each look for a
    missing library runs ``ldconfig`` and a C compiler: ~0.1 s), or None."""
    try:
        from usb.backend import libusb0, libusb1, openusb
    except ImportError:
        return None
    for module in (libusb1, libusb0, openusb):
        try:
            backend = module.get_backend()
        except Exception:  # a broken install of the library: the next one
            log.warning("libusb backend %s cannot load", module.__name__, exc_info=True)
            continue
        if backend is not None:
            return backend
    return None
