"""Typed settings, declared once, stored in ``settings.toml`` in the data home.

Keys are dotted and stable (``kiosk.code``, ``server.url`` ...); the TOML file nests them
(``[kiosk] code = ...``). Secrets never live here: they are in the OS keyring.

Each declaration carries its checks (type, choices, range, ``check``) and what belongs together
is checked together (:data:`RELATIONS`: the ward lies in the province, the current consent notice
is one of those in force). ``kiosk config set``, the technician's settings panel and the
first-run setup (:mod:`kiosk.services.setup_steps`) go through the same checks, and so does
reading the file: a value the kiosk cannot work with (edited by hand into ``settings.toml``)
stops the start with :class:`SettingsFileError`, which names the file and the key.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import tomli_w

from kiosk.domain.codes import RECEIPT_PREFIX
from kiosk.domain.text import bad_characters, collapse_spaces, nfc
from kiosk.fsutil import write_atomic

Value = str | int | bool | list[str]


@dataclass(frozen=True, slots=True)
class Problem:
    """What a check found wrong with a value: a stable code, Vietnamese and English words."""

    code: str
    message: str  # Vietnamese
    message_en: str


class SettingError(ValueError):
    """A settings key or value was refused; the message is Vietnamese then English
    (``"key: tiếng Việt (English)"``). ``key``, ``code``, ``message`` and ``message_en`` give
    the parts (the setup wizard shows them as field errors)."""

    def __init__(
        self,
        text: str,
        *,
        key: str = "",
        code: str = "invalid",
        message: str = "",
        message_en: str = "",
    ) -> None:
        super().__init__(text)
        self.key = key
        self.code = code
        self.message = message or text
        self.message_en = message_en or text

    @classmethod
    def refused(cls, key: str, problem: Problem) -> SettingError:
        return cls(
            f"{key}: {problem.message} ({problem.message_en})",
            key=key,
            code=problem.code,
            message=problem.message,
            message_en=problem.message_en,
        )


class SettingsFileError(SettingError):
    """``settings.toml`` cannot be read, or holds values the kiosk cannot work with. The message
    (Vietnamese, then English) names the file and the line (TOML syntax) or every wrong key;
    ``problems`` has one :class:`SettingError` per key. Nothing in the file was changed."""

    def __init__(
        self,
        path: Path,
        problems: list[SettingError] | None = None,
        *,
        unreadable: tuple[str, str] | None = None,
        line: int | None = None,
    ) -> None:
        self.path = path
        self.problems = list(problems or [])
        self.line = line
        if unreadable is not None:
            vi, en = unreadable
            message = f"Tệp cài đặt {path}: {vi}. Hãy sửa tệp rồi mở lại."
            message_en = f"The settings file {path}: {en}. Fix the file, then try again."
            code = "unreadable"
        else:
            listed_vi = "; ".join(f"{p.key}: {p.message}" for p in self.problems)
            listed_en = "; ".join(f"{p.key}: {p.message_en}" for p in self.problems)
            message = (
                f"Tệp cài đặt {path} có giá trị không dùng được — {listed_vi}. Hãy đặt lại bằng "
                "`kiosk config set KHÓA GIÁ_TRỊ` (hoặc sửa tệp, xóa dòng đó để dùng giá trị mặc "
                "định) rồi mở lại."
            )
            message_en = (
                f"The settings file {path} holds values the kiosk cannot use — {listed_en}. Set "
                "them again with `kiosk config set KEY VALUE` (or fix the file, deleting the line "
                "to use the default), then try again."
            )
            code = "invalid_values"
        super().__init__(
            f"{message} ({message_en})", code=code, message=message, message_en=message_en
        )


# --- the checks ------------------------------------------------------------------------------

_KIOSK_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{2,31}")
_HOTLINE = re.compile(r"[0-9][0-9 .]*[0-9]")
_BANK_ACCOUNT = re.compile(r"[0-9A-Za-z]{4,19}")
_INTEGER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only (int() also takes ١٢٣ and 1_000)


def _check_url(value: str) -> Problem | None:
    parsed = urlparse(value)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        return Problem(
            "invalid_format",
            "Địa chỉ máy chủ phải bắt đầu bằng https://",
            "the server URL must be https://...",
        )
    loopback = parsed.hostname in {"127.0.0.1", "localhost", "::1"}
    if parsed.scheme == "http" and not loopback:
        return Problem(
            "invalid_format",
            "Chỉ dùng http:// với máy cục bộ",
            "plain http only to a loopback address",
        )
    return None


def _check_printer_profile(value: str) -> Problem | None:
    from kiosk.printing.escpos_lib import profile_problem

    found = profile_problem(value)
    return None if found is None else Problem("unknown", found.message, found.message_en)


def _check_printer(value: str) -> Problem | None:
    from kiosk.printing.connections import PrinterError, parse_uri

    try:
        parse_uri(value)
    except PrinterError:
        return Problem(
            "invalid_format",
            "Máy in phải có dạng tcp:IP[:CỔNG], usb:VID:PID, serial:THIẾT_BỊ, cups:TÊN, "
            "win32:TÊN, file:ĐƯỜNG_DẪN hoặc none",
            "Printer: tcp:HOST[:PORT], usb:VID:PID, serial:DEV, cups:Q, win32:P, file:PATH or none",
        )
    return None


def _check_kiosk_code(value: str) -> Problem | None:
    if _KIOSK_CODE.fullmatch(value):
        return None
    return Problem(
        "invalid_format",
        "Mã điểm gồm 3–32 chữ in hoa, chữ số, dấu -",
        "Support point code: 3-32 capitals, digits, -",
    )


def _check_kiosk_name(value: str) -> Problem | None:
    if 3 <= len(value) <= 120:
        return None
    return Problem(
        "invalid_format", "Tên điểm hỗ trợ 3–120 ký tự", "Support-point name: 3-120 characters"
    )


def _check_receipt_prefix(value: str) -> Problem | None:
    if RECEIPT_PREFIX.fullmatch(value):
        return None
    return Problem(
        "invalid_format",
        "Tiền tố mã biên nhận: 2–8 chữ in hoa/chữ số, có ít nhất 1 chữ",
        "Receipt prefix: 2-8 capitals/digits, at least one letter",
    )


def _check_province(value: str) -> Problem | None:
    from kiosk.domain.units import default_units

    if default_units().province(value) is not None:
        return None
    return Problem(
        "unknown",
        "Không có mã tỉnh này (34 tỉnh từ 2025)",
        "unknown province code: not one of the 34 provinces since 2025",
    )


def _check_ward(value: str) -> Problem | None:
    from kiosk.domain.units import default_units

    if default_units().ward(value) is not None:
        return None
    return Problem(
        "unknown",
        "Không có mã phường/xã này (danh sách từ 2025)",
        "unknown ward code: not in the list since 2025",
    )


def _check_consent_versions(value: list[str]) -> Problem | None:
    if not value:
        return Problem(
            "required",
            "Cần ít nhất một phiên bản thông báo đồng ý; không có thì mọi hồ sơ đều bị từ chối",
            "at least one consent notice version; with none every record is refused",
        )
    if not all(v.strip() for v in value):
        return Problem(
            "invalid_format", "Phiên bản không được để trống", "a version cannot be empty"
        )
    return None


def _check_hotline(value: str) -> Problem | None:
    digits = sum(c.isdigit() for c in value)
    if not value or (_HOTLINE.fullmatch(value) and 3 <= digits <= 15):
        return None
    return Problem(
        "invalid_format",
        "Đường dây nóng: chữ số, có thể có dấu cách, dấu chấm (ví dụ 0258 3822 222)",
        "Hotline: digits, spaces or dots allowed (e.g. 0258 3822 222)",
    )


def _check_bank_bin(value: str) -> Problem | None:
    if not value or (len(value) == 6 and value.isascii() and value.isdigit()):
        return None
    return Problem(
        "invalid_format",
        "Mã BIN của ngân hàng gồm đúng 6 chữ số (ví dụ VietinBank 970415)",
        "The bank's BIN is exactly 6 digits (e.g. VietinBank 970415)",
    )


def _at_most(limit: int, what: str, what_en: str) -> Callable[[str], Problem | None]:
    def check(value: str) -> Problem | None:
        if len(value) <= limit:
            return None
        return Problem(
            "too_long", f"{what}: tối đa {limit} ký tự", f"{what_en}: at most {limit} characters"
        )

    return check


def _check_bank_account(value: str) -> Problem | None:
    if not value or _BANK_ACCOUNT.fullmatch(value):
        return None
    return Problem(
        "invalid_format",
        "Số tài khoản: 4–19 chữ số hoặc chữ cái không dấu, viết liền",
        "Account number: 4-19 digits or plain letters, no spaces",
    )


def _check_required(value: str) -> Problem | None:
    if value.strip():
        return None
    return Problem("required", "Không được để trống", "cannot be empty")


def _vietnamese_text(value: str) -> str:
    return collapse_spaces(nfc(value))


_WRONG_TYPE: dict[type, tuple[str, str]] = {
    bool: ("cần true/false", "needs true/false"),
    int: ("cần một số nguyên", "needs an integer"),
    list: ("cần một danh sách", "needs a list"),
    str: ("cần một chuỗi chữ (trong ngoặc kép)", "needs a text (in quotes)"),
}


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
    check: Callable[[Any], Problem | None] | None = field(default=None, compare=False)
    # what typed text becomes before it is checked (e.g. capitals for codes)
    clean: Callable[[str], str] | None = field(default=None, compare=False)

    def parse(self, raw: str) -> Value:
        """Turn a command-line string into a typed value, or raise SettingError."""
        value: Value
        text = raw.strip()
        if self.kind is bool:
            lowered = text.lower()
            if lowered not in {"true", "false", "1", "0", "yes", "no"}:
                raise self._refused("wrong_type", *_WRONG_TYPE[bool])
            value = lowered in {"true", "1", "yes"}
        elif self.kind is int:
            if not _INTEGER.fullmatch(text):
                raise self._refused("wrong_type", *_WRONG_TYPE[int])
            value = int(text)
        elif self.kind is list:
            value = [part.strip() for part in text.split(",") if part.strip()]
        else:
            value = self.clean(text) if self.clean is not None else text
        self.validate(value)
        return value

    def validate(self, value: Value) -> None:
        problem = self.problem(value)
        if problem is not None:
            raise SettingError.refused(self.key, problem)

    def problem(self, value: Value) -> Problem | None:
        """What is wrong with ``value`` for this setting (None: nothing)."""
        if self.kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return Problem("wrong_type", *_WRONG_TYPE[list])
        elif not isinstance(value, self.kind) or (self.kind is int and isinstance(value, bool)):
            return Problem("wrong_type", *_WRONG_TYPE[self.kind])
        if self.choices and value not in self.choices:
            allowed = ", ".join(str(c) for c in self.choices)
            return Problem("invalid_choice", f"chỉ nhận {allowed}", f"allowed: {allowed}")
        if isinstance(value, int) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                return Problem("too_small", f"tối thiểu {self.minimum}", f"minimum {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                return Problem("too_large", f"tối đa {self.maximum}", f"maximum {self.maximum}")
        texts = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        if any(bad_characters(text) for text in texts):
            return Problem(
                "bad_characters",
                "có ký tự điều khiển hoặc ký tự ẩn",
                "holds control or invisible characters",
            )
        return self.check(value) if self.check is not None else None

    def _refused(self, code: str, message: str, message_en: str) -> SettingError:
        return SettingError.refused(self.key, Problem(code, message, message_en))


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "kiosk.code",
        str,
        "KIOSK-56-22366-01",
        "Mã điểm hỗ trợ",
        "Support point code",
        check=_check_kiosk_code,
        clean=str.upper,
    ),
    Setting(
        "kiosk.name",
        str,
        "Điểm hỗ trợ DVC trực tuyến Phường Nha Trang",
        "Tên điểm hỗ trợ",
        "Support-point name",
        check=_check_kiosk_name,
        clean=_vietnamese_text,
    ),
    Setting(
        "kiosk.receipt_prefix",
        str,
        "NT01",
        "Tiền tố mã biên nhận",
        "Receipt code prefix",
        check=_check_receipt_prefix,
        clean=str.upper,
    ),
    Setting("kiosk.province_code", str, "56", "Mã tỉnh", "Province code", check=_check_province),
    Setting("kiosk.ward_code", str, "22366", "Mã phường/xã", "Ward code", check=_check_ward),
    Setting("kiosk.hotline", str, "", "Đường dây nóng", "Hotline", check=_check_hotline),
    Setting(
        "server.url",
        str,
        "http://127.0.0.1:8765/api/kiosk/v1",
        "Địa chỉ hệ thống của tỉnh",
        "Provincial server URL",
        check=_check_url,
        clean=lambda url: url.rstrip("/"),
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
        "Đếm ngược trước khi xóa (giây)",
        "Countdown before clearing (s)",
        minimum=5,
        maximum=120,
    ),
    Setting("printer.uri", str, "none", "Máy in", "Printer", check=_check_printer),
    Setting("printer.paper", int, 80, "Khổ giấy (mm)", "Paper width (mm)", choices=(58, 80)),
    Setting(
        "printer.profile",
        str,
        "TM-T20II",
        "Dòng máy in",
        "Printer profile",
        check=_check_printer_profile,
    ),
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
        check=_check_consent_versions,
    ),
    Setting(
        "consent.current",
        str,
        "2026-01",
        "Thông báo đồng ý hiện hành",
        "Current consent notice",
        check=_check_required,
    ),
    # no account until the technician sets the ward's: a receipt then carries no VietQR code
    # (a sample account here would send residents' money to a placeholder)
    Setting("payment.bank_bin", str, "", "Mã ngân hàng (BIN)", "Bank BIN", check=_check_bank_bin),
    Setting(
        "payment.account",
        str,
        "",
        "Số tài khoản thụ hưởng",
        "Beneficiary account",
        check=_check_bank_account,
    ),
    Setting(
        "payment.beneficiary",
        str,
        "",
        "Tên thụ hưởng",
        "Beneficiary name",
        clean=_vietnamese_text,
        check=_at_most(70, "Tên thụ hưởng", "Beneficiary name"),
    ),
    Setting(
        "payment.bank_name",
        str,
        "",
        "Tên ngân hàng",
        "Bank name",
        clean=_vietnamese_text,
        check=_at_most(60, "Tên ngân hàng", "Bank name"),
    ),
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
        near = difflib.get_close_matches(key, _BY_KEY, n=3, cutoff=0.6)
        hint = f"; có phải {' / '.join(near)}?" if near else "; xem kiosk config list"
        hint_en = f"; did you mean {' / '.join(near)}?" if near else "; see kiosk config list"
        raise SettingError.refused(
            key,
            Problem("unknown_key", f"Không có mục cài đặt này{hint}", f"unknown setting{hint_en}"),
        ) from None


# --- what belongs together -------------------------------------------------------------------

Getter = Callable[[str], Value]
PROVINCE, WARD = "kiosk.province_code", "kiosk.ward_code"
CONSENT_CURRENT, CONSENT_VERSIONS = "consent.current", "consent.versions"


def _ward_in_province(get: Getter, changed: Collection[str], in_file: bool) -> SettingError | None:
    from kiosk.domain.units import default_units

    units = default_units()
    province, ward = units.province(str(get(PROVINCE))), units.ward(str(get(WARD)))
    if province is None or ward is None or ward.province_code == province.code:
        return None  # an unknown code is its own setting's problem
    both = PROVINCE in changed and WARD in changed
    hint_vi, hint_en = (
        ("", "")
        if in_file or both
        else ("; đổi cả hai cùng lúc: kiosk setup", "; change both together: kiosk setup")
    )
    if WARD in changed:
        where_vi, where_en = (
            ("", "") if both else (f", tỉnh đặt ở {PROVINCE}", f", set in {PROVINCE}")
        )
        return SettingError.refused(
            WARD,
            Problem(
                "wrong_province",
                f"{ward.name} ({ward.code}) không thuộc {province.name}{where_vi}{hint_vi}",
                f"{ward.name} ({ward.code}) is not in {province.name}{where_en}{hint_en}",
            ),
        )
    return SettingError.refused(
        PROVINCE,
        Problem(
            "wrong_province",
            f"phường/xã đang đặt ({ward.code} {ward.name}) không thuộc {province.name}{hint_vi}",
            f"the ward set now, {ward.code} {ward.name}, is not in {province.name}{hint_en}",
        ),
    )


def _current_consent_in_force(
    get: Getter, changed: Collection[str], in_file: bool
) -> SettingError | None:
    current, versions = get(CONSENT_CURRENT), get(CONSENT_VERSIONS)
    if not isinstance(versions, list) or current in versions:
        return None
    if CONSENT_VERSIONS in changed and CONSENT_CURRENT not in changed:
        return SettingError.refused(
            CONSENT_VERSIONS,
            Problem(
                "current_missing",
                f"danh sách phải giữ phiên bản hiện hành, {CONSENT_CURRENT} = {current}",
                f"the list must keep the current version, {CONSENT_CURRENT} = {current}",
            ),
        )
    return SettingError.refused(
        CONSENT_CURRENT,
        Problem(
            "not_in_force",
            f"phiên bản {current} không có trong {CONSENT_VERSIONS}",
            f"version {current} is not in {CONSENT_VERSIONS}",
        ),
    )


# (the keys that belong together, their check: the values, the keys changed, read from the file)
Relation = Callable[[Getter, Collection[str], bool], SettingError | None]
RELATIONS: tuple[tuple[frozenset[str], Relation], ...] = (
    (frozenset({PROVINCE, WARD}), _ward_in_province),
    (frozenset({CONSENT_CURRENT, CONSENT_VERSIONS}), _current_consent_in_force),
)


def _related(get: Getter, changed: Collection[str], in_file: bool = False) -> list[SettingError]:
    """The relations broken by values of ``changed`` keys (only those relations are checked)."""
    found = []
    for keys, check in RELATIONS:
        if keys & set(changed):
            problem = check(get, changed, in_file)
            if problem is not None:
                found.append(problem)
    return found


class Settings:
    """Values of every declared setting; unknown keys in the file are kept but unused."""

    def __init__(self, path: Path, values: dict[str, Value]) -> None:
        self.path = path
        self._values = values

    @classmethod
    def load(cls, path: Path) -> Settings:
        """The settings in ``path`` (defaults when it does not exist); SettingsFileError when it
        cannot be read or a value in it is refused by its declaration."""
        settings = cls.load_for_repair(path)
        problems = settings._problems()
        if problems:
            raise SettingsFileError(path, problems)
        return settings

    @classmethod
    def load_for_repair(cls, path: Path) -> Settings:
        """The values in ``path`` as they are, wrong ones included: the one way to put right a
        value :meth:`load` refuses (``kiosk config set`` checks the new value as always)."""
        return cls(path, dict(_flatten(_read_toml(path))) if path.exists() else {})

    def _problems(self) -> list[SettingError]:
        found = []
        for key, value in self._values.items():
            setting = _BY_KEY.get(key)
            if setting is None:
                continue
            problem = setting.problem(value)
            if problem is not None:
                found.append(SettingError.refused(key, problem))
        return found or _related(self.get, set(self._values), in_file=True)

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
        self.set_many({key: value})

    def set_many(self, values: Mapping[str, Value]) -> None:
        """Check every value, then what relates them to the others, and write them at once;
        SettingError (the first problem) and nothing written when one is refused."""
        for key, value in values.items():
            declared(key).validate(value)
        merged = {**self._values, **values}
        problems = _related(Settings(self.path, merged).get, set(values))  # as they would read
        if problems:
            raise problems[0]
        self._write(merged)
        self._values = merged

    def set_from_text(self, key: str, raw: str) -> Value:
        value = declared(key).parse(raw)
        self.set(key, value)
        return value

    def items(self) -> Iterator[tuple[Setting, Value]]:
        for setting in SETTINGS:
            yield setting, self.get(setting.key)

    def _write(self, values: Mapping[str, Value]) -> None:
        nested: dict[str, Any] = {}
        for key, value in sorted(values.items()):
            section, _, name = key.rpartition(".")
            target = nested
            for part in section.split(".") if section else []:
                target = target.setdefault(part, {})
            target[name] = value
        write_atomic(self.path, tomli_w.dumps(nested).encode("utf-8"))


_AT_LINE = re.compile(r"at line (\d+), column (\d+)")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        where = _AT_LINE.search(str(exc))
        line = int(where.group(1)) if where else None
        at_vi = f"ở dòng {where.group(1)}, cột {where.group(2)}" if where else f"({exc})"
        raise SettingsFileError(
            path,
            unreadable=(f"sai cú pháp TOML {at_vi}", f"not valid TOML: {exc}"),
            line=line,
        ) from None
    except UnicodeDecodeError:
        raise SettingsFileError(
            path, unreadable=("không phải văn bản UTF-8", "not UTF-8 text")
        ) from None
    except OSError as exc:
        raise SettingsFileError(
            path,
            unreadable=(f"không đọc được ({exc.strerror})", f"cannot be read ({exc.strerror})"),
        ) from None


def _flatten(table: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Value]]:
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            yield from _flatten(value, f"{key}.")
        else:
            yield key, value
