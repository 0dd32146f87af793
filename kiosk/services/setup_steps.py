"""First-run setup, step by step: what the touch wizard and ``kiosk setup`` both call.

Each step is a plain function that validates, stores and audits; a refused value raises
:class:`~kiosk.domain.errors.ValidationError` (bilingual field errors, as the save path does)
and stores nothing. :data:`STEPS` lists them in wizard order with their labels;
:func:`current` gives the values to pre-fill (never a secret or a PIN).

Every value is checked by its declaration in :mod:`kiosk.settings` (the same checks as
``kiosk config set`` and the settings panel; nothing is checked twice in two ways here).

1. :func:`set_identity` — kiosk code, support-point name, receipt-code prefix;
2. :func:`set_location` — province and ward, checked against the bundled units (2025 list);
3. :func:`set_server` (and :func:`check_server`) — the provincial server URL;
4. :func:`set_credentials` — client id + secret, verified at the token endpoint, then stored in
   the OS keyring (never in settings);
5. :func:`set_printer` + :func:`print_test_page` — printer URI, paper width, a test page;
6. :func:`set_receipt_details` — the ward's hotline and the account fees are transferred to
   (VietQR), both may stay empty;
7. :func:`save_account` — staff and technician PINs, volunteer accounts;
8. :func:`finish` — marks the kiosk set up, makes the first backup, returns the doctor report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.domain.errors import FieldError, ValidationError
from kiosk.domain.units import Ward, default_units
from kiosk.printing.connections import PrinterError, usb_backend
from kiosk.services import backup, doctor, payments, users
from kiosk.services.context import Kiosk
from kiosk.settings import SettingError, Value, declared
from kiosk.store import audit
from kiosk.store.db import read_session, write_session
from kiosk.store.models import Meta, User, utcnow
from kiosk.sync.client import ProvincialClient
from kiosk.sync.errors import AuthFailed, NotSent, SyncError

CHECK_TIMEOUT_S = 8.0


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    label: str  # Vietnamese
    label_en: str


STEPS: tuple[Step, ...] = (
    Step("identity", "Mã và tên điểm hỗ trợ", "Support point code and name"),
    Step("location", "Tỉnh và phường/xã", "Province and ward"),
    Step("server", "Máy chủ của tỉnh", "Provincial server"),
    Step("credentials", "Mã client và mã bí mật", "Client ID and secret"),
    Step("printer", "Máy in và khổ giấy", "Printer and paper"),
    Step("receipt", "Đường dây nóng và tài khoản nhận tiền", "Hotline and payee account"),
    Step("accounts", "Mã PIN và tài khoản", "PINs and accounts"),
    Step("finish", "Kiểm tra tổng thể", "Final check"),
)


def _error(field: str, code: str, message: str, message_en: str) -> ValidationError:
    return ValidationError([FieldError(field, code, message, message_en)])


def _field_error(exc: SettingError) -> FieldError:
    return FieldError(exc.key, exc.code, exc.message, exc.message_en)


def _parse(typed: Mapping[str, str]) -> dict[str, Value]:
    """Each typed text cleaned and checked by its declaration; every refusal at once."""
    values: dict[str, Value] = {}
    errors: list[FieldError] = []
    for key, raw in typed.items():
        try:
            values[key] = declared(key).parse(raw)
        except SettingError as exc:
            errors.append(_field_error(exc))
    if errors:
        raise ValidationError(errors)
    return values


def _store(kiosk: Kiosk, values: Mapping[str, Value]) -> None:
    """Checked again with what relates them to the other settings, and written at once."""
    try:
        kiosk.settings.set_many(values)
    except SettingError as exc:
        raise ValidationError([_field_error(exc)]) from None


def _set(kiosk: Kiosk, key: str, value: Value) -> None:
    _store(kiosk, {key: value})


def _audit(kiosk: Kiosk, actor: str, step: str, detail: dict[str, Any]) -> None:
    with write_session(kiosk.engine) as session:
        audit.append(session, actor, f"setup.{step}", detail=detail)


def current(kiosk: Kiosk) -> dict[str, Any]:
    """Values to pre-fill the steps with (no secret, no PIN)."""
    s = kiosk.settings
    with read_session(kiosk.engine) as session:
        done = session.get(Meta, "setup.completed_at")
        accounts = [(u.code, u.role) for u in session.query(User).order_by(User.code)]
    return {
        "kiosk_code": s.get_str("kiosk.code"),
        "kiosk_name": s.get_str("kiosk.name"),
        "receipt_prefix": s.get_str("kiosk.receipt_prefix"),
        "province": s.get_str("kiosk.province_code"),
        "ward": s.get_str("kiosk.ward_code"),
        "server_url": s.get_str("server.url"),
        "client_id": s.get_str("server.client_id"),
        "printer_uri": s.get_str("printer.uri"),
        "paper": s.get_int("printer.paper"),
        **{name: s.get_str(key) for name, key in RECEIPT_KEYS.items()},
        "accounts": accounts,
        "completed_at": done.value if done else None,
    }


# --- 1. identity, 2. location ------------------------------------------------------------


def set_identity(
    kiosk: Kiosk, code: str, name: str, receipt_prefix: str | None = None, actor: str = "setup"
) -> None:
    prefix = receipt_prefix or kiosk.settings.get_str("kiosk.receipt_prefix")
    values = _parse({"kiosk.code": code, "kiosk.name": name, "kiosk.receipt_prefix": prefix})
    _store(kiosk, values)
    detail = {"kiosk_code": values["kiosk.code"], "receipt_prefix": values["kiosk.receipt_prefix"]}
    _audit(kiosk, actor, "identity", detail)


def set_location(kiosk: Kiosk, province_code: str, ward_code: str, actor: str = "setup") -> Ward:
    values = _parse({"kiosk.province_code": province_code, "kiosk.ward_code": ward_code})
    _store(kiosk, values)  # the ward must lie in the province
    ward = default_units().ward(str(values["kiosk.ward_code"]))
    assert ward is not None  # checked by its declaration
    _audit(kiosk, actor, "location", {"province": ward.province_code, "ward": ward.code})
    return ward


# --- 3. server, 4. credentials ---------------------------------------------------------------


def _client(url: str, client_id: str, secret: str) -> ProvincialClient:
    try:
        return ProvincialClient(
            url,
            client_id,
            lambda: secret,
            timeout_s=CHECK_TIMEOUT_S,
            connect_timeout_s=CHECK_TIMEOUT_S / 2,
        )
    except ValueError as exc:
        raise _error("server.url", "invalid", str(exc), str(exc)) from None


def check_server(url: str) -> None:
    """GET /health at ``url``; ValidationError when it does not answer."""
    client = _client(url, "-", "-")
    try:
        client.health()
    except NotSent:
        raise _error(
            "server.url",
            "unreachable",
            "Không kết nối được máy chủ này",
            "The server cannot be reached",
        ) from None
    except SyncError as exc:
        raise _error(
            "server.url",
            "bad_answer",
            f"Máy chủ trả lời lỗi: {exc.message}",
            "The server answers with an error",
        ) from None
    finally:
        client.close()


def set_server(kiosk: Kiosk, url: str, *, check: bool = True, actor: str = "setup") -> None:
    url = str(_parse({"server.url": url})["server.url"])
    if check:
        check_server(url)
    _set(kiosk, "server.url", url)
    _audit(kiosk, actor, "server", {"url": url})


def verify_credentials(url: str, client_id: str, secret: str) -> None:
    """Ask the token endpoint; ValidationError when refused or unreachable."""
    client = _client(url, client_id, secret)
    try:
        client.token()
    except AuthFailed:
        raise _error(
            "server.client_secret",
            "refused",
            "Tỉnh từ chối mã client hoặc mã bí mật này",
            "The province refuses this client id or secret",
        ) from None
    except SyncError as exc:
        raise _error(
            "server.url",
            "unreachable",
            f"Không lấy được token: {exc.message}",
            "No token: the server did not answer",
        ) from None
    finally:
        client.close()


def set_credentials(
    kiosk: Kiosk, client_id: str, secret: str, *, verify: bool = True, actor: str = "setup"
) -> None:
    from kiosk.sync.engine import set_credentials as store

    client_id, secret = client_id.strip(), secret.strip()
    if not client_id or not secret:
        raise _error(
            "server.client_secret",
            "required",
            "Cần mã client và mã bí mật",
            "Client ID and secret are required",
        )
    if verify:
        verify_credentials(kiosk.settings.get_str("server.url"), client_id, secret)
    store(kiosk, client_id, secret)
    _audit(kiosk, actor, "credentials", {"client_id": client_id, "verified": verify})


# --- 5. printer ------------------------------------------------------------------------------


def set_printer(
    kiosk: Kiosk, uri: str, paper: int, *, profile: str | None = None, actor: str = "setup"
) -> None:
    typed = {"printer.uri": uri, "printer.paper": str(paper)}
    if profile:
        typed["printer.profile"] = profile
    values = _parse(typed)
    _store(kiosk, values)
    _audit(
        kiosk, actor, "printer", {"uri": values["printer.uri"], "paper": values["printer.paper"]}
    )


def print_test_page(kiosk: Kiosk, actor: str = "setup") -> int:
    """Send the printer test page; the bytes sent (ValidationError with the printer's
    Vietnamese message when it did not reach the printer)."""
    from kiosk.printing import service

    try:
        return service.print_test(kiosk, actor)
    except PrinterError as exc:
        raise _error("printer.uri", exc.code, exc.message, f"printer: {exc.code}") from None


# --- 6. what a receipt carries of the ward's ----------------------------------------------

RECEIPT_KEYS = {
    "hotline": "kiosk.hotline",
    "bank_bin": "payment.bank_bin",
    "account": "payment.account",
    "beneficiary": "payment.beneficiary",
    "bank_name": "payment.bank_name",
}


def set_receipt_details(
    kiosk: Kiosk,
    hotline: str,
    bank_bin: str,
    account: str,
    beneficiary: str,
    bank_name: str = "",
    actor: str = "setup",
) -> bool:
    """The ward's hotline and the account residents transfer fees to (VietQR), each may be
    left empty: no hotline line, cash only. The account needs its bank's BIN, its number and
    its holder's name together (one alone would print a code that pays no one). True when
    transfers can be offered."""
    typed = {
        "kiosk.hotline": hotline,
        "payment.bank_bin": bank_bin,
        "payment.account": account,
        "payment.beneficiary": beneficiary,
        "payment.bank_name": bank_name,
    }
    values = _parse(typed)
    given = [key for key in payments.TRANSFER_KEYS if values[key]]
    if given and len(given) < len(payments.TRANSFER_KEYS):
        raise ValidationError(
            [
                FieldError(
                    key,
                    "required",
                    "Cần đủ mã ngân hàng, số tài khoản và tên thụ hưởng để in mã VietQR; "
                    "để trống cả ba nếu điểm chỉ nhận tiền mặt",
                    "Bank BIN, account number and beneficiary go together for a VietQR code; "
                    "leave all three empty for cash only",
                )
                for key in payments.TRANSFER_KEYS
                if not values[key]
            ]
        )
    _store(kiosk, values)
    transfer = bool(given)
    detail: dict[str, Any] = {"hotline": bool(values["kiosk.hotline"]), "transfer": transfer}
    if transfer:
        detail["bank_bin"] = values["payment.bank_bin"]
    _audit(kiosk, actor, "receipt", detail)
    return transfer


# --- 7. accounts -----------------------------------------------------------------------------


def save_account(
    kiosk: Kiosk, code: str, name: str, role: str, pin: str, actor: str = "setup"
) -> bool:
    """Add the account, or give an existing one of the same role a new PIN; True if added."""
    with read_session(kiosk.engine) as session:
        existing = session.get(User, code)
        existing_role = existing.role if existing else None
    if existing_role is None:
        users.add_user(kiosk, code, name, role, pin, actor=actor)
        return True
    if existing_role != role:
        raise _error(
            "code",
            "duplicate",
            f"Mã {code} đã là {existing_role}",
            f"{code} already exists as {existing_role}",
        )
    users.set_pin(kiosk, code, pin, actor=actor)
    return False


# --- 8. finish -----------------------------------------------------------------------------


def finish(kiosk: Kiosk, actor: str = "setup", *, make_backup: bool = True) -> dict[str, Any]:
    """Mark the kiosk set up, make the first backup, and return the doctor's report."""
    at = utcnow().isoformat()
    with write_session(kiosk.engine) as session:
        session.merge(Meta(key="setup.completed_at", value=at))
        audit.append(session, actor, "setup.finish")
    if make_backup:
        backup.create_backup(kiosk, actor=actor)
    return doctor.run(kiosk)


# --- for the touch wizard -----------------------------------------------------------------


def needs_setup(kiosk: Kiosk) -> bool:
    """True when the kiosk was never set up, so the app opens the wizard at start: setup never
    finished, and the kiosk code or the client id (set with its secret) was never given.
    A kiosk configured by hand (settings file + ``kiosk credentials set``) is left alone."""
    settings = kiosk.settings
    if settings.is_set("kiosk.code") and settings.is_set("server.client_id"):
        return False
    with read_session(kiosk.engine) as session:
        return session.get(Meta, "setup.completed_at") is None


@dataclass(frozen=True, slots=True)
class DetectedPrinter:
    uri: str  # a ``printer.uri`` value
    label: str  # what the technician sees (device, maker and model when known)


def detected_printers(
    dev: Path = Path("/dev"), *, scan_serial: bool = True, scan_usb: bool = True
) -> list[DetectedPrinter]:
    """Printers plugged in now: Linux USB printer devices (``/dev/usb/lp*``, the kernel's
    usblp driver), serial ports (USB-serial adapters, COM ports) and USB printer-class
    devices seen through libusb. Best effort: what cannot be asked is left out."""
    found = [DetectedPrinter(f"file:{p}", f"USB {p}") for p in sorted(dev.glob("usb/lp*"))]
    if scan_serial:
        found += _serial_ports()
    if scan_usb:
        found += _usb_printers()
    return found


def _serial_ports() -> list[DetectedPrinter]:
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    return [
        DetectedPrinter(f"serial:{port.device}", f"{port.device} — {port.description}")
        for port in sorted(list_ports.comports(), key=lambda p: p.device)
        if port.hwid not in ("", "n/a")  # legacy ttyS* with nothing behind them
    ]


USB_PRINTER_CLASS = 7


def _usb_printers() -> list[DetectedPrinter]:
    backend = usb_backend()
    if backend is None:  # no libusb on this machine
        return []
    try:
        import usb.core

        devices = list(usb.core.find(find_all=True, backend=backend) or [])
    except Exception:  # no permission
        return []
    return [found for found in map(_usb_printer, devices) if found is not None]


def _usb_printer(device: Any) -> DetectedPrinter | None:
    try:
        if not any(i.bInterfaceClass == USB_PRINTER_CLASS for c in device for i in c):
            return None
        ids = f"{device.idVendor:04x}:{device.idProduct:04x}"
    except Exception:  # descriptors unreadable
        return None
    return DetectedPrinter(f"usb:{ids}", f"USB {ids} {_usb_name(device)}".rstrip())


def _usb_name(device: Any) -> str:
    try:
        return " ".join(str(s) for s in (device.manufacturer, device.product) if s)
    except Exception:  # reading strings needs access to the device
        return ""
