"""Doctor checks that reach out: the provincial server (``/health``), the token endpoint with
the stored credentials, the clock skew measured on that answer, and the printer.

Every probe has a short time-out, so a dead network costs a few seconds, not minutes.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

from kiosk.domain.masking import redact_text
from kiosk.printing.connections import PrinterAddress, PrinterError, parse_uri, usb_backend
from kiosk.services.context import Kiosk
from kiosk.services.doctor import (
    AMBER,
    GREEN,
    MEASURED_NOW,
    RED,
    Check,
    check_clock,
    clock_from_skew,
    configured,
    not_set_up,
)
from kiosk.store import secrets
from kiosk.sync import inbound
from kiosk.sync.client import ProvincialClient
from kiosk.sync.errors import AuthFailed, NotSent, SecretUnavailable, SyncError

CONNECT_TIMEOUT_S = 3.0
READ_TIMEOUT_S = 5.0
PRINTER_TIMEOUT_S = 2.0


def doctor_client(kiosk: Kiosk) -> ProvincialClient:
    from kiosk.sync.engine import secret_name

    client_id = kiosk.settings.get_str("server.client_id")
    return ProvincialClient(
        kiosk.settings.get_str("server.url"),
        client_id,
        lambda: secrets.get_secret(secret_name(client_id)),
        timeout_s=READ_TIMEOUT_S,
        connect_timeout_s=CONNECT_TIMEOUT_S,
    )


def province_checks(kiosk: Kiosk) -> list[Check]:
    """``server``, ``token`` and ``clock``: one /health probe (which also measures the skew),
    then the token endpoint with the keyring's secret."""
    if not configured(kiosk):
        return [not_set_up("server"), not_set_up("token"), check_clock(kiosk)]
    try:
        client = doctor_client(kiosk)
    except ValueError as exc:
        bad = Check(
            "server", RED, str(exc), "Sửa địa chỉ máy chủ: kiosk setup", "fix the server URL"
        )
        return [bad, _skipped("token"), check_clock(kiosk)]
    try:
        server, skew = _server(kiosk, client)
        if server.status != GREEN:
            return [server, _skipped("token"), check_clock(kiosk)]
        clock = clock_from_skew(skew, MEASURED_NOW) if skew is not None else None
        return [server, _token(client), clock or check_clock(kiosk)]
    finally:
        client.close()


def _server(kiosk: Kiosk, client: ProvincialClient) -> tuple[Check, float | None]:
    url = kiosk.settings.get_str("server.url")
    started = time.perf_counter()
    try:
        skew = inbound.probe_health(kiosk, client)
    except NotSent as exc:
        return (
            Check(
                "server",
                RED,
                f"{url}: {redact_text(exc.detail)}",
                "Không kết nối được máy chủ tỉnh: kiểm tra mạng, địa chỉ máy chủ, tường lửa",
                "cannot reach the provincial server: check network, URL, firewall",
            ),
            None,
        )
    except SyncError as exc:
        return (
            Check(
                "server",
                RED,
                f"{url}: {type(exc).__name__} {redact_text(exc.detail)}",
                "Máy chủ tỉnh trả lời lỗi; thử lại sau hoặc báo Trung tâm",
                "the server answers with errors: retry later or tell the province",
            ),
            None,
        )
    ms = (time.perf_counter() - started) * 1000
    vi, en = f"{url} trả lời sau {ms:.0f} ms", f"{url} answered in {ms:.0f} ms"
    return Check("server", GREEN, vi, detail_en=en), skew


def _token(client: ProvincialClient) -> Check:
    try:
        client.token()
    except SecretUnavailable as exc:
        return Check(
            "token",
            RED,
            f"{client.client_id}: {redact_text(exc.detail)}",
            "Không đọc được mã bí mật trong kho khóa của máy: mở khóa hoặc cài đặt kho khóa",
            "the client secret cannot be read from the keyring: unlock or install a keyring",
        )
    except AuthFailed as exc:
        return Check(
            "token",
            RED,
            f"{client.client_id}: {redact_text(exc.detail)}",
            "Tỉnh từ chối mã client/mã bí mật: nhập lại (kiosk setup) hoặc xin cấp lại",
            "the province refuses the client id/secret: enter them again or ask for new ones",
        )
    except SyncError as exc:
        return Check(
            "token",
            RED,
            f"{type(exc).__name__}: {redact_text(exc.detail)}",
            "Không lấy được token; thử lại sau",
            "no token obtained; try again later",
        )
    return Check("token", GREEN, f"{client.client_id}: token ok")


def _skipped(name: str) -> Check:
    return Check(
        name,
        AMBER,
        "chưa kiểm tra được vì máy chủ không trả lời",
        "Sửa kết nối máy chủ trước",
        "fix the server connection first",
        "not checked: the server does not answer",
    )


# --- the printer ---------------------------------------------------------------------------


def check_printer(kiosk: Kiosk) -> Check:
    uri = kiosk.settings.get_str("printer.uri")
    try:
        address = parse_uri(uri)
    except PrinterError:
        return Check(
            "printer", RED, uri, "Sửa địa chỉ máy in: kiosk setup", "fix printer.uri (kiosk setup)"
        )
    if address.scheme == "none":
        return Check(
            "printer",
            AMBER,
            "chưa cài máy in",
            "Cài máy in: kiosk setup",
            "set the printer up: kiosk setup",
            "no printer set up",
        )
    probe = _PROBES.get(address.scheme, _not_checkable)
    return probe(address)


def _tcp(address: PrinterAddress) -> Check:
    where = f"{address.target}:{address.port}"
    try:
        with socket.create_connection((address.target, address.port), PRINTER_TIMEOUT_S):
            pass
    except OSError as exc:
        return Check(
            "printer",
            RED,
            f"tcp {where}: {type(exc).__name__}",
            "Không kết nối được máy in: kiểm tra máy in đã bật, dây mạng, địa chỉ IP",
            "printer unreachable: check power, network cable, IP address",
        )
    return Check("printer", GREEN, f"tcp {where} kết nối được", detail_en=f"tcp {where} reachable")


def _file(address: PrinterAddress) -> Check:
    path = Path(address.target)
    target = path if path.exists() else path.parent
    if target.exists() and os.access(target, os.W_OK):
        return Check("printer", GREEN, f"file {path} ghi được", detail_en=f"file {path} writable")
    return Check(
        "printer",
        RED,
        f"file {path} không ghi được",
        "Kiểm tra dây cáp máy in và quyền ghi thiết bị (nhóm lp)",
        "check the cable and the device's permissions (lp group)",
        f"file {path} not writable",
    )


def _serial(address: PrinterAddress) -> Check:
    if sys.platform == "win32":
        return _not_checkable(address)
    if Path(address.target).exists():
        where = f"serial {address.target}"
        return Check("printer", GREEN, f"{where} có mặt", detail_en=f"{where} present")
    return Check(
        "printer",
        RED,
        f"serial {address.target} không có",
        "Kiểm tra dây cáp và nguồn máy in",
        "check the printer's cable and power",
        f"serial {address.target} absent",
    )


def _usb(address: PrinterAddress) -> Check:
    backend = usb_backend()
    if backend is None:
        return _not_checkable(address)
    try:
        import usb.core

        found = usb.core.find(idVendor=address.vendor, idProduct=address.product, backend=backend)
    except Exception:
        return _not_checkable(address)
    if found is not None:
        where = f"usb {address.target}"
        return Check("printer", GREEN, f"{where} có mặt", detail_en=f"{where} present")
    return Check(
        "printer",
        RED,
        f"usb {address.target} không thấy",
        "Kiểm tra dây USB và nguồn máy in",
        "check the USB cable and the printer's power",
        f"usb {address.target} not found",
    )


def _not_checkable(address: PrinterAddress) -> Check:
    return Check(
        "printer",
        AMBER,
        f"{address.describe()}: không kiểm tra được từ đây",
        "In trang thử: kiosk print-test",
        "print a test page: kiosk print-test",
        f"{address.describe()}: cannot be probed from here",
    )


_PROBES = {"tcp": _tcp, "file": _file, "serial": _serial, "usb": _usb}
