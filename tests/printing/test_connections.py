"""Printer addresses from settings, and what each failure tells the volunteer."""

from __future__ import annotations

import pytest

from kiosk.printing.connections import PrinterError, classify, parse_uri


@pytest.mark.parametrize(
    ("uri", "scheme", "target", "extra"),
    [
        ("tcp:192.168.1.50", "tcp", "192.168.1.50", {"port": 9100}),
        ("tcp:192.168.1.50:9101", "tcp", "192.168.1.50", {"port": 9101}),
        ("tcp://printer.local:9100", "tcp", "printer.local", {"port": 9100}),
        ("usb:04b8:0e15", "usb", "04b8:0e15", {"vendor": 0x04B8, "product": 0x0E15}),
        ("serial:/dev/ttyUSB0:19200", "serial", "/dev/ttyUSB0", {"baudrate": 19200}),
        ("serial:COM3", "serial", "COM3", {"baudrate": 9600}),
        ("cups:Receipt", "cups", "Receipt", {}),
        ("win32:POS-80", "win32", "POS-80", {}),
        ("file:/dev/usb/lp0", "file", "/dev/usb/lp0", {}),
        ("none", "none", "", {}),
    ],
)
def test_addresses(uri: str, scheme: str, target: str, extra: dict[str, int]) -> None:
    address = parse_uri(uri)
    assert (address.scheme, address.target) == (scheme, target)
    for key, value in extra.items():
        assert getattr(address, key) == value
    assert address.readable is (scheme in ("tcp", "usb", "serial"))


@pytest.mark.parametrize("uri", ["tcp:", "usb:zz:01", "serial:", "lpt1:", "cups:", "tcp:h:x"])
def test_bad_addresses(uri: str) -> None:
    with pytest.raises(PrinterError) as bad:
        parse_uri(uri)
    assert bad.value.code == "bad_uri" and not bad.value.retry


class USBNotFoundError(Exception):
    """Named like python-escpos's: a USB printer unplugged or switched off."""


class DeviceNotFoundError(Exception):
    pass


def _wrapped(cause: Exception) -> Exception:
    try:
        try:
            raise cause
        except OSError:
            raise DeviceNotFoundError("Could not open socket") from None
    except DeviceNotFoundError as exc:
        exc.__context__ = cause
        return exc


@pytest.mark.parametrize(
    ("exc", "code", "words"),
    [
        (USBNotFoundError("Device not found"), "not_found", "dây cáp"),
        (_wrapped(ConnectionRefusedError(111, "refused")), "refused", "từ chối"),
        (_wrapped(TimeoutError("timed out")), "timeout", "không phản hồi"),
        (_wrapped(OSError(113, "No route to host")), "unreachable", "dây mạng"),
        (BrokenPipeError(32, "Broken pipe"), "io_error", "gián đoạn"),
        (FileNotFoundError(2, "/dev/usb/lp0"), "not_found", "dây cáp"),
    ],
)
def test_failures_become_messages_a_volunteer_can_act_on(
    exc: Exception, code: str, words: str
) -> None:
    error = classify(exc)
    assert error.code == code and words in error.message and error.retry
