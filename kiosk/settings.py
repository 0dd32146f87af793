"""Typed settings, declared once, stored in ``settings.toml`` in the data home.

Keys are dotted and stable (``kiosk.code``, ``server.url`` ...); the TOML file nests them
(``[kiosk] code = ...``). Secrets never live here: they are in the OS keyring.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import tomli_w

from kiosk.fsutil import write_atomic

Value = str | int | bool | list[str]


class SettingError(ValueError):
    """A settings key or value was refused; the message is Vietnamese then English."""


def _check_url(value: str) -> str | None:
    parsed = urlparse(value)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        return "Địa chỉ máy chủ phải bắt đầu bằng https:// / server URL must be https://..."
    loopback = parsed.hostname in {"127.0.0.1", "localhost", "::1"}
    if parsed.scheme == "http" and not loopback:
        return "Chỉ dùng http:// với máy cục bộ / plain http only to a loopback address"
    return None


def _check_printer(value: str) -> str | None:
    schemes = ("usb:", "serial:", "tcp:", "cups:", "win32:", "file:", "none")
    if not value.startswith(schemes):
        return "Máy in phải có dạng usb:/serial:/tcp:/cups:/win32:/file: hoặc none"
    return None


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    kind: type
    default: Value
    label: str  # Vietnamese
    label_en: str
    choices: tuple[Value, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[Any], str | None] | None = field(default=None, compare=False)

    def parse(self, raw: str) -> Value:
        """Turn a command-line string into a typed value, or raise SettingError."""
        value: Value
        if self.kind is bool:
            lowered = raw.strip().lower()
            if lowered not in {"true", "false", "1", "0", "yes", "no"}:
                raise SettingError(f"{self.key}: cần true/false (needs true/false)")
            value = lowered in {"true", "1", "yes"}
        elif self.kind is int:
            try:
                value = int(raw.strip())
            except ValueError:
                raise SettingError(f"{self.key}: cần một số nguyên (needs an integer)") from None
        elif self.kind is list:
            value = [part.strip() for part in raw.split(",") if part.strip()]
        else:
            value = raw.strip()
        self.validate(value)
        return value

    def validate(self, value: Value) -> None:
        if self.kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SettingError(f"{self.key}: cần một danh sách (needs a list)")
        elif not isinstance(value, self.kind) or (self.kind is int and isinstance(value, bool)):
            raise SettingError(f"{self.key}: kiểu không đúng (wrong type)")
        if self.choices and value not in self.choices:
            allowed = ", ".join(str(c) for c in self.choices)
            raise SettingError(f"{self.key}: chỉ nhận {allowed} (allowed: {allowed})")
        if isinstance(value, int) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                raise SettingError(f"{self.key}: tối thiểu {self.minimum} (minimum)")
            if self.maximum is not None and value > self.maximum:
                raise SettingError(f"{self.key}: tối đa {self.maximum} (maximum)")
        if self.check is not None:
            problem = self.check(value)
            if problem:
                raise SettingError(f"{self.key}: {problem}")


SETTINGS: tuple[Setting, ...] = (
    Setting("kiosk.code", str, "KIOSK-56-22366-01", "Mã điểm hỗ trợ", "Kiosk code"),
    Setting(
        "kiosk.name",
        str,
        "Điểm hỗ trợ DVC trực tuyến Phường Nha Trang",
        "Tên điểm hỗ trợ",
        "Support-point name",
    ),
    Setting("kiosk.receipt_prefix", str, "NT01", "Tiền tố mã biên nhận", "Receipt code prefix"),
    Setting("kiosk.province_code", str, "56", "Mã tỉnh", "Province code"),
    Setting("kiosk.ward_code", str, "22366", "Mã phường/xã", "Ward code"),
    Setting("kiosk.hotline", str, "0258 3822 222", "Đường dây nóng", "Hotline"),
    Setting(
        "server.url",
        str,
        "http://127.0.0.1:8765/api/kiosk/v1",
        "Địa chỉ hệ thống của tỉnh",
        "Provincial server URL",
        check=_check_url,
    ),
    Setting("server.client_id", str, "KIOSK-56-22366-01", "Mã client", "Client id"),
    Setting(
        "server.timeout_s",
        int,
        15,
        "Thời gian chờ máy chủ (giây)",
        "Server time-out (s)",
        minimum=1,
        maximum=300,
    ),
    Setting(
        "retention.days",
        int,
        30,
        "Số ngày lưu dữ liệu cá nhân sau khi tỉnh nhận",
        "Days personal data is kept after acceptance",
        minimum=0,
        maximum=3650,
    ),
    Setting(
        "idle.timeout_s",
        int,
        90,
        "Thời gian chờ khi không dùng (giây)",
        "Idle time-out (s)",
        minimum=15,
        maximum=3600,
    ),
    Setting(
        "idle.countdown_s",
        int,
        15,
        "Đếm ngược trước khi xoá (giây)",
        "Countdown before clearing (s)",
        minimum=5,
        maximum=120,
    ),
    Setting("printer.uri", str, "none", "Máy in", "Printer", check=_check_printer),
    Setting("printer.paper", int, 80, "Khổ giấy (mm)", "Paper width (mm)", choices=(58, 80)),
    Setting("printer.profile", str, "TM-T20II", "Dòng máy in", "Printer profile"),
    Setting(
        "printer.mode",
        str,
        "raster",
        "Cách in (ảnh/chữ CP1258/chữ không dấu)",
        "Print mode (raster image / CP1258 text / ASCII text)",
        choices=("raster", "text", "ascii"),
    ),
    Setting(
        "printer.timeout_s",
        int,
        8,
        "Thời gian chờ máy in (giây)",
        "Printer time-out (s)",
        minimum=1,
        maximum=120,
    ),
    Setting(
        "printer.retries",
        int,
        3,
        "Số lần thử in lại khi máy in lỗi",
        "Retries when the printer fails",
        minimum=0,
        maximum=10,
    ),
    Setting(
        "printer.check_status",
        bool,
        True,
        "Hỏi trạng thái máy in trước khi in",
        "Ask the printer's status before printing",
    ),
    Setting(
        "receipt.privacy",
        str,
        "Thông tin cá nhân chỉ dùng để giải quyết yêu cầu của ông/bà và được bảo vệ theo "
        "Luật Bảo vệ dữ liệu cá nhân.",
        "Dòng thông báo bảo vệ dữ liệu trên biên nhận",
        "Privacy line on receipts",
    ),
    Setting(
        "consent.versions",
        list,
        ["2026-01"],
        "Phiên bản thông báo đồng ý",
        "Consent notice versions",
    ),
    Setting(
        "consent.current", str, "2026-01", "Thông báo đồng ý hiện hành", "Current consent notice"
    ),
    Setting("payment.bank_bin", str, "970415", "Mã ngân hàng (BIN)", "Bank BIN"),
    Setting(
        "payment.account", str, "113366668888", "Số tài khoản thụ hưởng", "Beneficiary account"
    ),
    Setting(
        "payment.beneficiary", str, "UBND PHUONG NHA TRANG", "Tên thụ hưởng", "Beneficiary name"
    ),
    Setting("payment.bank_name", str, "VietinBank", "Tên ngân hàng", "Bank name"),
    Setting(
        "money.max_vnd",
        int,
        100_000_000,
        "Số tiền tối đa một khoản (đồng)",
        "Largest single amount (VND)",
        minimum=1,
        maximum=10_000_000_000,
    ),
    Setting("lookup.url", str, "", "Địa chỉ tra cứu hồ sơ", "Dossier look-up URL"),
    Setting(
        "scanner.folder",
        str,
        "",
        "Thư mục máy quét lưu tệp (để trống: thư mục scans trong dữ liệu của điểm)",
        "Scanner output folder (empty: the data home's scans folder)",
    ),
    Setting("ui.language", str, "vi", "Ngôn ngữ", "Language", choices=("vi", "en")),
    Setting(
        "ui.typing_method",
        str,
        "telex",
        "Kiểu gõ tiếng Việt trên bàn phím thật",
        "Vietnamese typing on a physical keyboard",
        choices=("telex", "vni", "off"),
    ),
    Setting(
        "backup.keep", int, 14, "Số bản sao lưu giữ lại", "Backups kept", minimum=1, maximum=365
    ),
    Setting(
        "backup.every_hours",
        int,
        24,
        "Sao lưu tự động sau mỗi (giờ)",
        "Automatic backup every (hours)",
        minimum=1,
        maximum=168,
    ),
    Setting(
        "doctor.queue_amber_hours",
        int,
        2,
        "Cảnh báo khi mục chờ gửi lâu hơn (giờ)",
        "Warn when an item has waited longer than (hours)",
        minimum=1,
        maximum=720,
    ),
    Setting(
        "doctor.queue_red_hours",
        int,
        24,
        "Báo lỗi khi mục chờ gửi lâu hơn (giờ)",
        "Alarm when an item has waited longer than (hours)",
        minimum=1,
        maximum=2160,
    ),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def declared(key: str) -> Setting:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise SettingError(f"Không có mục cài đặt '{key}' (unknown setting)") from None


class Settings:
    """Values of every declared setting; unknown keys in the file are kept but unused."""

    def __init__(self, path: Path, values: dict[str, Value]) -> None:
        self.path = path
        self._values = values

    @classmethod
    def load(cls, path: Path) -> Settings:
        values: dict[str, Value] = {}
        if path.exists():
            with path.open("rb") as handle:
                values = dict(_flatten(tomllib.load(handle)))
        return cls(path, values)

    def get(self, key: str) -> Value:
        setting = declared(key)
        return self._values.get(key, setting.default)

    def is_set(self, key: str) -> bool:
        """True when ``key`` was given a value (in the file or by :meth:`set`), not defaulted."""
        declared(key)
        return key in self._values

    def get_str(self, key: str) -> str:
        value = self.get(key)
        assert isinstance(value, str), key
        return value

    def get_int(self, key: str) -> int:
        value = self.get(key)
        assert isinstance(value, int), key
        return value

    def get_list(self, key: str) -> list[str]:
        value = self.get(key)
        assert isinstance(value, list), key
        return list(value)

    def set(self, key: str, value: Value) -> None:
        declared(key).validate(value)
        self._values[key] = value
        self.save()

    def set_from_text(self, key: str, raw: str) -> Value:
        value = declared(key).parse(raw)
        self.set(key, value)
        return value

    def items(self) -> Iterator[tuple[Setting, Value]]:
        for setting in SETTINGS:
            yield setting, self.get(setting.key)

    def save(self) -> None:
        nested: dict[str, Any] = {}
        for key, value in sorted(self._values.items()):
            section, _, name = key.rpartition(".")
            target = nested
            for part in section.split(".") if section else []:
                target = target.setdefault(part, {})
            target[name] = value
        write_atomic(self.path, tomli_w.dumps(nested).encode("utf-8"))


def _flatten(table: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Value]]:
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            yield from _flatten(value, f"{key}.")
        else:
            yield key, value
