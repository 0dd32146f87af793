"""``kiosk setup``: the first-run steps (:mod:`kiosk.services.setup_steps`) as a text dialogue
for a technician over SSH, or from an answers file (``--answers FILE.toml``; tests, scripted
installs). The answers file holds the client secret and PINs: delete it after use.

Answers file::

    [kiosk]
    code = "KIOSK-56-22366-01"
    name = "Điểm hỗ trợ DVC trực tuyến Phường Nha Trang"
    receipt_prefix = "NT01"
    province = "56"
    ward = "22366"

    [server]
    url = "https://lgsp.khanhhoa.gov.vn/api/kiosk/v1"
    client_id = "KIOSK-56-22366-01"
    client_secret_file = "/root/kiosk-secret.txt"   # or client_secret = "..."

    [printer]
    uri = "tcp:192.168.1.50:9100"
    paper = 80
    test_print = true

    [receipt]   # optional: left out, no hotline line and cash only
    hotline = "0258 3822 222"
    bank_bin = "970415"            # the bank's 6-digit BIN (NAPAS)
    account = "113366668888"
    beneficiary = "UBND PHUONG NHA TRANG"
    bank_name = "VietinBank"

    [[accounts]]   # staff and technician PINs, volunteers
    code = "CB01"
    name = "Trần Thị Bích"
    role = "staff"
    pin = "4821"
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kiosk.cli_maintenance import field_errors
from kiosk.domain.errors import FieldError, ValidationError
from kiosk.services import setup_steps as steps
from kiosk.services.context import Kiosk

T = TypeVar("T")
SECRET_ENV = "KIOSK_CLIENT_SECRET"  # noqa: S105 (the variable's name, not a secret)
ATTEMPTS = 3
FIRST_RUN_BLANK = {
    "kiosk_code": "kiosk.code",
    "kiosk_name": "kiosk.name",
    "ward": "kiosk.ward_code",
    "server_url": "server.url",
    "client_id": "server.client_id",
}


class AnswersRefused(click.ClickException):
    """The answers file cannot be used: the field (or line) named, exit code 2."""

    exit_code = 2


def load_answers(path: Path) -> dict[str, Any]:
    """The answers file as data; a TOML mistake is said with its line, not as a traceback."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise AnswersRefused(
            f"Tệp trả lời {path} sai cú pháp TOML: {exc}. Sửa tệp rồi chạy lại. "
            "(The answers file is not valid TOML.)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersRefused(f"Không đọc được tệp trả lời {path}: {exc}") from None


class Answers:
    """Values from the answers file; a missing value takes the current one."""

    interactive = False

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def ask(
        self,
        section: str,
        key: str,
        label: str,
        default: Any = None,
        *,
        kind: type = str,
        **_: Any,
    ) -> Any:
        value = self.data.get(section, {}).get(key)
        if value is None:
            if default is None:
                raise AnswersRefused(f"Tệp trả lời thiếu [{section}] {key} (missing)")
            return default
        if kind is int and not isinstance(value, int):
            try:
                return int(str(value).strip())
            except ValueError:
                raise AnswersRefused(
                    f"Tệp trả lời: [{section}] {key} = {value!r} phải là một số, ví dụ "
                    f"{default if default is not None else 80} ({key} must be a number)"
                ) from None
        return value

    def yes(self, section: str, key: str, label: str, default: bool) -> bool:
        return bool(self.data.get(section, {}).get(key, default))

    def accounts(self) -> list[dict[str, str]]:
        return list(self.data.get("accounts", []))

    def secret(self) -> str:
        server = self.data.get("server", {})
        if server.get("client_secret"):
            return str(server["client_secret"])
        if server.get("client_secret_file"):
            path = Path(server["client_secret_file"])
            try:
                return path.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                raise AnswersRefused(
                    f"Tệp trả lời: [server] client_secret_file: không đọc được {path} ({reason})"
                ) from None
        if os.environ.get(SECRET_ENV):
            return os.environ[SECRET_ENV]
        raise AnswersRefused("Tệp trả lời thiếu mã bí mật (client_secret missing)")


class Prompts:
    """The technician types the values: the current ones offered as defaults, and after a
    refused step the values just typed (not the old ones again)."""

    interactive = True

    def __init__(self) -> None:
        self.typed: dict[tuple[str, str], Any] = {}

    def ask(
        self,
        section: str,
        key: str,
        label: str,
        default: Any = None,
        *,
        hide: bool = False,
        kind: type = str,
    ) -> Any:
        offered = None if hide else self.typed.get((section, key), default)
        value = click.prompt(
            label, default=offered, hide_input=hide, type=kind, confirmation_prompt=hide
        )
        if not hide:
            self.typed[(section, key)] = value
        return value

    def yes(self, section: str, key: str, label: str, default: bool) -> bool:
        return click.confirm(label, default=default)

    def accounts(self) -> list[dict[str, str]]:
        found = [
            self._account("staff", "Cán bộ phường", "CB01"),
            self._account("technician", "Kỹ thuật viên", "KTV01"),
        ]
        while click.confirm("Thêm tài khoản tình nguyện viên?", default=False):
            found.append(self._account("volunteer", "Tình nguyện viên", "TNV01"))
        return found

    def _account(self, role: str, label: str, code: str) -> dict[str, str]:
        return {
            "role": role,
            "code": click.prompt(f"{label}: mã đăng nhập", default=code),
            "name": click.prompt(f"{label}: họ tên hiển thị"),
            "pin": click.prompt(
                f"{label}: mã PIN (4–8 số)", hide_input=True, confirmation_prompt=True
            ),
        }

    def secret(self) -> str:
        value: str = click.prompt("Mã bí mật (client secret)", hide_input=True)
        return value


Source = Answers | Prompts


def _step(source: Source, title: str, action: Callable[[], T]) -> T:
    click.echo(f"\n== {title} ==")
    for _ in range(ATTEMPTS if source.interactive else 1):
        try:
            return action()
        except ValidationError as exc:
            click.echo(f"Chưa đúng: {field_errors(exc)}", err=True)
    click.echo(f"Dừng ở bước: {title} (setup stopped)", err=True)
    sys.exit(2)


def run_setup(kiosk: Kiosk, answers: dict[str, Any] | None) -> dict[str, Any]:
    source: Source = Answers(answers) if answers is not None else Prompts()
    now = steps.current(kiosk)
    if source.interactive and not now["completed_at"]:
        # a first run offers no sample values (Enter would save the demo's kiosk code, name,
        # ward and loopback server); the province code stays: the programme is Khánh Hòa's
        for key, setting in FIRST_RUN_BLANK.items():
            if not kiosk.settings.is_set(setting):
                now[key] = None
    titles = {s.key: f"{s.label} ({s.label_en})" for s in steps.STEPS}
    _step(source, titles["identity"], lambda: _identity(kiosk, source, now))
    _step(source, titles["location"], lambda: _location(kiosk, source, now))
    _step(source, titles["server"], lambda: _server(kiosk, source, now))
    _step(source, titles["credentials"], lambda: _credentials(kiosk, source, now))
    _step(source, titles["printer"], lambda: _printer(kiosk, source, now))
    _step(source, titles["receipt"], lambda: _receipt(kiosk, source, now))
    _step(source, titles["accounts"], lambda: _accounts(kiosk, source))
    click.echo(f"\n== {titles['finish']} ==")
    if answers is not None:
        click.echo("Hãy xóa tệp trả lời: nó chứa mã bí mật và PIN (delete the answers file).")
    return steps.finish(kiosk)


def _identity(kiosk: Kiosk, source: Source, now: dict[str, Any]) -> None:
    steps.set_identity(
        kiosk,
        source.ask("kiosk", "code", "Mã điểm hỗ trợ (kiosk code)", now["kiosk_code"]),
        source.ask("kiosk", "name", "Tên điểm hỗ trợ (name)", now["kiosk_name"]),
        source.ask("kiosk", "receipt_prefix", "Tiền tố mã biên nhận", now["receipt_prefix"]),
    )


def _location(kiosk: Kiosk, source: Source, now: dict[str, Any]) -> None:
    province = str(source.ask("kiosk", "province", "Mã tỉnh (province code)", now["province"]))
    typed = str(
        source.ask("kiosk", "ward", "Mã hoặc tên phường/xã (ward code or name)", now["ward"])
    )
    found = steps.set_location(kiosk, province, ward_code(province, typed))
    click.echo(f"→ {found.name}")


def ward_code(province: str, typed: str) -> str:
    """A ward's code as typed, or found by its name in the province ("Tây Nha Trang",
    "phuong tay nha trang"); several matches are listed and asked again."""
    from kiosk.domain.units import default_units

    text = typed.strip()
    if not text or text.isdigit():
        return text
    found = default_units().search_wards(text, province, limit=8)
    exact = [w for w in found if fold_name(w.name) == fold_name(text)]
    if len(found) == 1 or len(exact) == 1:
        return (exact or found)[0].code
    if not found:
        message = (f"Không có phường/xã nào tên “{text}” trong tỉnh {province}", "no such ward")
    else:
        listed = "; ".join(f"{w.code} {w.name}" for w in found)
        message = (f"Có nhiều phường/xã khớp: {listed}. Gõ mã hoặc tên đầy đủ", "several match")
    raise ValidationError([FieldError("kiosk.ward_code", "unknown", *message)])


def fold_name(text: str) -> str:
    from kiosk.domain.text import fold

    return fold(text).removeprefix("phuong ").removeprefix("xa ").removeprefix("dac khu ")


def _server(kiosk: Kiosk, source: Source, now: dict[str, Any]) -> None:
    steps.set_server(kiosk, source.ask("server", "url", "Địa chỉ máy chủ tỉnh", now["server_url"]))
    click.echo("→ máy chủ trả lời (server answers)")


def _credentials(kiosk: Kiosk, source: Source, now: dict[str, Any]) -> None:
    # the province issues the client id for the kiosk code: offered as the default
    default = now["client_id"] or kiosk.settings.get_str("kiosk.code")
    client_id = source.ask("server", "client_id", "Mã client (client id)", default)
    steps.set_credentials(kiosk, client_id, source.secret())
    click.echo("→ tỉnh chấp nhận; mã bí mật đã lưu vào kho khóa (accepted, stored in keyring)")


def _printer(kiosk: Kiosk, source: Source, now: dict[str, Any]) -> None:
    uri = source.ask(
        "printer", "uri", "Máy in (tcp:IP, usb:VID:PID, file:…, none)", now["printer_uri"]
    )
    paper = int(source.ask("printer", "paper", "Khổ giấy (58/80 mm)", now["paper"], kind=int))
    steps.set_printer(kiosk, uri, paper)
    if uri != "none" and source.yes("printer", "test_print", "In trang thử?", True):
        sent = steps.print_test_page(kiosk)
        click.echo(f"→ đã gửi trang thử ({sent} byte)")
        if source.interactive and not click.confirm("Trang thử đã ra giấy, đủ dấu?", default=True):
            raise ValidationError(
                [
                    FieldError(
                        "printer.uri",
                        "not_printed",
                        "Trang thử không ra giấy hoặc sai dấu: kiểm tra máy in, khổ giấy, cách in",
                        "The test page did not come out right: check printer, paper, print mode",
                    )
                ]
            )


def _receipt(kiosk: Kiosk, source: Source, now: dict[str, Any]) -> None:
    if source.interactive:
        click.echo(
            "In trên biên nhận; Enter để trống: không in đường dây nóng, chỉ nhận tiền mặt. "
            "(Printed on receipts; leave empty for no hotline, cash only.)"
        )

    def ask(key: str, label: str) -> str:
        return str(source.ask("receipt", key, label, now[key] or ""))

    transfer = steps.set_receipt_details(
        kiosk,
        ask("hotline", "Đường dây nóng của phường (hotline)"),
        ask("bank_bin", "Mã ngân hàng BIN, 6 số (bank BIN)"),
        ask("account", "Số tài khoản nhận phí (account)"),
        ask("beneficiary", "Tên thụ hưởng (beneficiary)"),
        ask("bank_name", "Tên ngân hàng (bank name)"),
    )
    click.echo(
        "→ nhận chuyển khoản VietQR (transfers offered)"
        if transfer
        else "→ chỉ nhận tiền mặt (cash only)"
    )


def _accounts(kiosk: Kiosk, source: Source) -> None:
    for account in source.accounts():
        added = steps.save_account(
            kiosk,
            str(account["code"]),
            str(account["name"]),
            str(account["role"]),
            str(account["pin"]),
        )
        click.echo(f"→ {account['code']} ({account['role']}): {'thêm mới' if added else 'đổi PIN'}")
