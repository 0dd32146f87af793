"""Field checks shared by every payload: text, names, integers, money, dates, codes.

Each ``check_*`` takes a :class:`Problems` collector, the dotted contract path of the field
(``payload.DiaChi.SoNha``) and the raw value; it returns the normalised value, or ``None``
after recording one :class:`~kiosk.domain.errors.FieldError` (or when an optional field is
absent). Nothing is ever silently stripped: a control or invisible character is an error.
Messages are Vietnamese (NFC, naming the field in a resident's words) then English.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Collection, Mapping
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.errors import FieldError, ValidationError
from kiosk.domain.text import DEFAULT_IGNORABLE, bad_characters, collapse_spaces, nfc

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CLOCK_SKEW = timedelta(minutes=5)
EARLIEST_TIMESTAMP = datetime(2025, 7, 1, tzinfo=VN_TZ)  # two-level units, contract v1
Label = tuple[str, str]

LABELS: dict[str, Label] = {
    "MaTTHC": ("Mã thủ tục hành chính", "Procedure code"),
    "TenTTHC": ("Tên thủ tục hành chính", "Procedure name"),
    "MaLinhVuc": ("Mã lĩnh vực", "Field code"),
    "TenLinhVuc": ("Tên lĩnh vực", "Field name"),
    "ChuHoSo": ("Họ và tên người nộp hồ sơ", "Applicant's full name"),
    "LoaiDoiTuong": ("Loại đối tượng", "Applicant type"),
    "MaDoiTuong": ("Số định danh cá nhân", "Personal ID number"),
    "NgaySinh": ("Ngày sinh", "Date of birth"),
    "SoDienThoai": ("Số điện thoại", "Phone number"),
    "Email": ("Địa chỉ thư điện tử", "Email address"),
    "DiaChi": ("Địa chỉ", "Address"),
    "SoNha": ("Số nhà, đường, thôn/tổ dân phố", "House number and street"),
    "MaXa": ("Phường/xã", "Ward/commune"),
    "TenXa": ("Tên phường/xã", "Ward/commune name"),
    "MaTinh": ("Tỉnh/thành phố", "Province/city"),
    "TenTinh": ("Tên tỉnh/thành phố", "Province/city name"),
    "TrichYeuHoSo": ("Trích yếu hồ sơ", "Dossier summary"),
    "KenhThucHien": ("Kênh thực hiện", "Submission channel"),
    "HinhThucNhanKetQua": ("Hình thức nhận kết quả", "How the result is received"),
    "NgayNopTaiDiem": ("Thời điểm nộp tại điểm hỗ trợ", "Time filed at the kiosk"),
    "TaiLieuNop": ("Danh sách giấy tờ nộp kèm", "Attached documents"),
    "TenTepDinhKem": ("Tên tệp đính kèm", "Attachment file name"),
    "MaThanhPhanHoSo": ("Mã thành phần hồ sơ", "Document type code"),
    "sha256": ("Mã kiểm tra của tệp", "File checksum"),
    "size": ("Dung lượng tệp", "File size"),
    "mime": ("Loại tệp", "File type"),
    "DanhSachLePhi": ("Danh sách phí, lệ phí", "Fees"),
    "MaPhiLePhi": ("Mã phí, lệ phí", "Fee code"),
    "TenPhiLePhi": ("Tên phí, lệ phí", "Fee name"),
    "LoaiPhiLePhi": ("Loại phí, lệ phí", "Fee type"),
    "SoTien": ("Số tiền", "Amount"),
    "DongY": ("Xác nhận đồng ý xử lý dữ liệu cá nhân", "Consent to personal-data processing"),
    "ThoiDiem": ("Thời điểm", "Time"),
    "PhienBanThongBao": ("Phiên bản thông báo", "Notice version"),
    "MucDich": ("Mục đích xử lý dữ liệu", "Processing purposes"),
    "NguoiHoTro": ("Mã người hỗ trợ", "Volunteer code"),
    "MaBienNhanTaiDiem": ("Mã biên nhận tại điểm hỗ trợ", "Kiosk receipt code"),
    "dossier_id": ("Mã hồ sơ liên quan", "Related dossier id"),
    "LoaiKhoanNop": ("Loại khoản nộp", "Payment type"),
    "NoiDung": ("Nội dung", "Description"),
    "HinhThuc": ("Hình thức thanh toán", "Payment method"),
    "MaThamChieu": ("Mã tham chiếu giao dịch", "Transaction reference"),
    "NguoiNop": ("Họ và tên người nộp tiền", "Payer's full name"),
    "MaDoiTuongNguoiNop": ("Số định danh cá nhân người nộp tiền", "Payer's personal ID"),
    "DichVu": ("Dịch vụ đăng ký", "Service"),
    "NguoiDangKy": ("Người đăng ký", "Applicant"),
    "HoTen": ("Họ và tên", "Full name"),
    "ChiTiet": ("Thông tin chi tiết", "Details"),
    "LinhVuc": ("Lĩnh vực phản ánh", "Feedback topic"),
    "DiaDiem": ("Địa điểm", "Place"),
    "AnDanh": ("Gửi ẩn danh", "Anonymous"),
    "LienHe": ("Thông tin liên hệ", "Contact details"),
    "ChuDe": ("Chủ đề hỗ trợ", "Topic"),
    "KetQua": ("Kết quả hỗ trợ", "Outcome"),
    "ThoiLuongGiay": ("Thời lượng hỗ trợ (giây)", "Duration (seconds)"),
}

_MESSAGES: dict[str, Label] = {
    "required": ("Vui lòng nhập {vil}.", "{en} is required."),
    "invalid_type": ("{vi} không đúng kiểu dữ liệu.", "{en} has the wrong type."),
    "too_long": ("{vi} quá dài (tối đa {limit} ký tự).", "{en} is too long (at most {limit})."),
    "too_short": ("{vi} quá ngắn (ít nhất {limit} ký tự).", "{en} is too short (min {limit})."),
    "bad_characters": (
        "{vi} có ký tự điều khiển hoặc ký tự ẩn không được phép; vui lòng nhập lại.",
        "{en} contains control or invisible characters; please retype it.",
    ),
    "invalid_characters": (
        "{vi} chỉ được gồm chữ cái, dấu cách, dấu nháy đơn và dấu gạch nối.",
        "{en} may only hold letters, spaces, apostrophes and hyphens.",
    ),
    "invalid_format": ("{vi} không đúng định dạng.", "{en} has an invalid format."),
    "not_integer": ("{vi} phải là một số nguyên.", "{en} must be a whole number."),
    "not_positive": ("{vi} phải lớn hơn 0.", "{en} must be greater than 0."),
    "too_large": ("{vi} vượt quá mức tối đa {limit}.", "{en} is above the maximum {limit}."),
    "invalid_choice": ("{vi} không thuộc các lựa chọn cho phép.", "{en} is not an allowed choice."),
    "unknown_field": (
        "Trường «{key}» không thuộc mẫu thông tin này nên không được thu thập.",
        "Field '{key}' is not part of this form and is not collected.",
    ),
    "invalid_date": ("{vi} không phải là ngày có thật.", "{en} is not a real calendar date."),
    "future_date": ("{vi} không được ở tương lai.", "{en} cannot be in the future."),
    "too_early": ("{vi} quá xa trong quá khứ.", "{en} is too far in the past."),
    "too_small": ("{vi} phải từ {limit} trở lên.", "{en} must be at least {limit}."),
    "too_far": (
        "{vi} quá xa, muộn nhất là ngày {limit}.",
        "{en} is too far ahead (latest {limit}).",
    ),
    "past_date": ("{vi} không được trước ngày {limit}.", "{en} cannot be before {limit}."),
    "too_many": (
        "{vi} có quá nhiều mục (tối đa {limit}).",
        "{en} has too many items (max {limit}).",
    ),
}


class Problems:
    """Collects every field error of one payload; raise them all at the end."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, path: str, code: str, message: str, message_en: str) -> None:
        self.errors.append(FieldError(path, code, nfc(message), message_en))

    def add_std(self, path: str, code: str, label: Label | None = None, **params: object) -> None:
        """Record a standard message (``_MESSAGES``) for the field at ``path``."""
        vi, en = label or label_for(path)
        template_vi, template_en = _MESSAGES[code]
        fill = {"vi": vi, "vil": vi[:1].lower() + vi[1:], "en": en, **params}
        self.add(path, code, _sentence(template_vi.format(**fill)), template_en.format(**fill))

    def has(self, path: str) -> bool:
        return any(e.field == path or e.field.startswith(path + ".") for e in self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def label_for(path: str) -> Label:
    """Label of the last segment of a path: ``payload.DiaChi.MaXa`` → Phường/xã."""
    last = re.sub(r"\[\d+\]$", "", path.rsplit(".", 1)[-1])
    return LABELS.get(last, (last, last))


def join(path: str, key: object) -> str:
    """Child path; keys that are not plain identifiers are shown as ``?``."""
    shown = key if isinstance(key, str) and re.fullmatch(r"[A-Za-z0-9_]{1,64}", key) else "?"
    return f"{path}.{shown}"


# --- objects and lists ------------------------------------------------------------------


def check_object(
    problems: Problems,
    path: str,
    value: object,
    allowed: Collection[str],
    *,
    required: bool = True,
) -> Mapping[str, Any] | None:
    """A JSON object whose keys are all in ``allowed`` (unknown keys: ``unknown_field``)."""
    if value is None:
        if required:
            problems.add_std(path, "required")
        return None
    if not isinstance(value, Mapping):
        problems.add_std(path, "invalid_type")
        return None
    for key in value:
        if key not in allowed:
            problems.add_std(join(path, key), "unknown_field", key=_shown_key(key))
    return value


def _shown_key(key: object) -> str:
    text = key if isinstance(key, str) else repr(key)
    return "".join(ch if ch.isprintable() else "?" for ch in text[:40])


def check_list(problems: Problems, path: str, value: object, *, max_items: int) -> list[Any] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        problems.add_std(path, "invalid_type")
        return None
    if len(value) > max_items:
        problems.add_std(path, "too_many", limit=max_items)
        return None
    return value


# --- text -------------------------------------------------------------------------------


def _forbidden(text: str, multiline: bool) -> list[str]:
    # Printable means no Other (C*) and no separator but the space; default-ignorable
    # letters and marks (U+3164 Hangul filler, variation selectors) are still "printable".
    if text.isprintable() and not DEFAULT_IGNORABLE.search(text):
        return []
    allowed = {"\n"} if multiline else set()
    found = [ch for ch in bad_characters(text) if ch not in allowed]
    found += [ch for ch in text if unicodedata.category(ch) in {"Zl", "Zp"}]
    return found


def check_text(
    problems: Problems,
    path: str,
    value: object,
    *,
    required: bool = False,
    max_len: int = 200,
    min_len: int = 1,
    multiline: bool = False,
    label: Label | None = None,
) -> str | None:
    """NFC text, spaces collapsed (each line's, for ``multiline``), within length limits."""
    if value is None or value == "":
        if required:
            problems.add_std(path, "required", label)
        return None
    if not isinstance(value, str):
        problems.add_std(path, "invalid_type", label)
        return None
    if len(value) > 4 * max_len + 100:  # refuse huge input before scanning it
        problems.add_std(path, "too_long", label, limit=max_len)
        return None
    text = value.replace("\r\n", "\n") if multiline else value
    if _forbidden(text, multiline):
        problems.add_std(path, "bad_characters", label)
        return None
    text = nfc(text)
    if multiline:
        lines = [collapse_spaces(line) for line in text.split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    else:
        text = collapse_spaces(text)
    return _check_length(problems, path, text, required, min_len, max_len, label)


def _check_length(
    problems: Problems,
    path: str,
    text: str,
    required: bool,
    min_len: int,
    max_len: int,
    label: Label | None,
) -> str | None:
    if not text:
        if required:
            problems.add_std(path, "required", label)
        return None
    if len(text) > max_len:
        problems.add_std(path, "too_long", label, limit=max_len)
        return None
    if len(text) < min_len:
        problems.add_std(path, "too_short", label, limit=min_len)
        return None
    return text


_NAME_PUNCTUATION = frozenset(" '’-")
# Combining marks in a row on one letter, after NFC. Vietnamese letters are precomposed (no
# mark left); ethnic-minority spellings add one (ŏ, ơ̆: breve); Thai, Khmer and Indic scripts
# at most two (vowel sign + tone). More is "Zalgo" stacking, not a name.
MAX_MARKS_IN_A_ROW = 2


def _name_characters_ok(text: str) -> bool:
    """Letters of any script (each with at most ``MAX_MARKS_IN_A_ROW`` combining marks),
    spaces, apostrophes and hyphens; ``text`` is NFC already."""
    previous = " "
    marks = 0
    for ch in text:
        category = unicodedata.category(ch)
        is_mark = category.startswith("M") and unicodedata.category(previous).startswith("L")
        if not (category.startswith("L") or is_mark or ch in _NAME_PUNCTUATION):
            return False
        marks = marks + 1 if is_mark else 0
        if marks > MAX_MARKS_IN_A_ROW:
            return False
        previous = ch if not is_mark else previous
    return True


def check_name(
    problems: Problems,
    path: str,
    value: object,
    *,
    required: bool = True,
    label: Label | None = None,
) -> str | None:
    """A person's name: letters (any script), spaces, apostrophes, hyphens; 2..100 chars."""
    text = check_text(problems, path, value, required=required, max_len=100, min_len=2, label=label)
    if text is None:
        return None
    if not _name_characters_ok(text):
        problems.add_std(path, "invalid_characters", label)
        return None
    if not any(unicodedata.category(ch).startswith("L") for ch in text):
        problems.add_std(path, "invalid_format", label)
        return None
    return text


def check_pattern(
    problems: Problems,
    path: str,
    value: object,
    pattern: re.Pattern[str],
    *,
    required: bool = False,
    max_len: int = 64,
    label: Label | None = None,
    message: Label | None = None,
) -> str | None:
    """A code that must match ``pattern`` exactly (after trimming)."""
    text = check_text(problems, path, value, required=required, max_len=max_len, label=label)
    if text is None:
        return None
    if not pattern.fullmatch(text):
        if message:
            problems.add(path, "invalid_format", *message)
        else:
            problems.add_std(path, "invalid_format", label)
        return None
    return text


_EMAIL = re.compile(
    r"(?=[^@]{1,64}@)"  # local part: at most 64 characters ...
    r"[A-Za-z0-9_%+\-]+(?:\.[A-Za-z0-9_%+\-]+)*"  # ... dots only between characters
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+"  # labels: no hyphen at an end
    r"[A-Za-z]{2,63}"  # top-level domain: letters only
)


def check_email(problems: Problems, path: str, value: object) -> str | None:
    text = check_pattern(
        problems,
        path,
        value,
        _EMAIL,
        max_len=254,
        message=(
            "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@gmail.com).",
            "Email address is not valid (e.g. name@gmail.com).",
        ),
    )
    if text is None:
        return None
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def check_uuid(problems: Problems, path: str, value: object, *, required: bool) -> str | None:
    if value is None:
        if required:
            problems.add_std(path, "required")
        return None
    if not isinstance(value, str) or not _UUID.fullmatch(value):
        problems.add_std(path, "invalid_format")
        return None
    return str(uuid.UUID(value))


# --- numbers ----------------------------------------------------------------------------


def check_int(
    problems: Problems,
    path: str,
    value: object,
    *,
    required: bool = True,
    choices: Collection[int] = (),
    minimum: int | None = None,
    maximum: int | None = None,
    label: Label | None = None,
) -> int | None:
    """An integer: bools, floats (even 2.0) and strings are refused."""
    if value is None:
        if required:
            problems.add_std(path, "required", label)
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add_std(path, "not_integer", label)
        return None
    if choices and value not in choices:
        problems.add_std(path, "invalid_choice", label)
        return None
    if minimum is not None and value < minimum:
        code = "not_positive" if minimum == 1 else "too_small"
        problems.add_std(path, code, label, limit=minimum)
        return None
    if maximum is not None and value > maximum:
        problems.add_std(path, "too_large", label, limit=f"{maximum:,}".replace(",", "."))
        return None
    return value


def check_amount(
    problems: Problems, path: str, value: object, *, maximum: int, required: bool = True
) -> int | None:
    """Money: a whole number of đồng, > 0 and ≤ ``maximum`` (VND has no minor unit)."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        problems.add(
            path,
            "not_integer",
            "Số tiền phải là số nguyên đồng (không có phần lẻ, không phải chữ).",
            "The amount must be a whole number of đồng.",
        )
        return None
    amount = check_int(problems, path, value, required=required, minimum=1)
    if amount is not None and amount > maximum:
        limit = f"{maximum:,}".replace(",", ".")
        problems.add(
            path,
            "too_large",
            f"Số tiền vượt quá mức tối đa {limit} đồng.",
            f"The amount is above the maximum of {limit} VND.",
        )
        return None
    return amount


def check_bool(
    problems: Problems, path: str, value: object, *, required: bool = True
) -> bool | None:
    if value is None:
        if required:
            problems.add_std(path, "required")
        return None
    if not isinstance(value, bool):
        problems.add_std(path, "invalid_type")
        return None
    return value


def check_choice(
    problems: Problems,
    path: str,
    value: object,
    choices: Collection[str],
    *,
    required: bool = True,
    label: Label | None = None,
) -> str | None:
    if value is None or value == "":
        if required:
            problems.add_std(path, "required", label)
        return None
    if not isinstance(value, str) or nfc(value) not in choices:
        problems.add_std(path, "invalid_choice", label)
        return None
    return nfc(value)


# --- dates ------------------------------------------------------------------------------

_DATE = re.compile(r"[0-9]{8}")
_TIMESTAMP = re.compile(r"[0-9]{14}")


def parse_date(text: str) -> date | None:
    """``yyyyMMdd`` → date, or None if it is not a real calendar date."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def parse_timestamp(text: str) -> datetime | None:
    """``yyyyMMddHHmmss`` (Vietnam time) → aware datetime, or None."""
    if not _TIMESTAMP.fullmatch(text):
        return None
    year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    hour, minute, second = int(text[8:10]), int(text[10:12]), int(text[12:])
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=VN_TZ)
    except ValueError:
        return None


def format_timestamp(moment: datetime) -> str:
    """Aware datetime → ``yyyyMMddHHmmss`` in Vietnam time."""
    return moment.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")


def _date_syntax(
    problems: Problems, path: str, value: object, pattern: re.Pattern[str], required: bool
) -> str | None:
    if value is None or value == "":
        if required:
            problems.add_std(path, "required")
        return None
    if not isinstance(value, str) or not pattern.fullmatch(value):
        shape = "yyyyMMdd" if pattern is _DATE else "yyyyMMddHHmmss"
        vi, en = label_for(path)
        problems.add(
            path, "invalid_format", f"{vi} phải có dạng {shape}.", f"{en} must look like {shape}."
        )
        return None
    return value


def check_date(
    problems: Problems,
    path: str,
    value: object,
    *,
    today: date,
    required: bool = False,
    earliest: date = date(1900, 1, 1),
    latest: date | None = None,
    label: Label | None = None,
) -> str | None:
    """A real ``yyyyMMdd`` date in [earliest, latest] (latest defaults to today)."""
    text = _date_syntax(problems, path, value, _DATE, required)
    if text is None:
        return None
    day = parse_date(text)
    if day is None:
        problems.add_std(path, "invalid_date", label)
    elif latest is None and day > today:
        problems.add_std(path, "future_date", label)
    elif latest is not None and day > latest:
        problems.add_std(path, "too_far", label, limit=f"{latest:%d/%m/%Y}")
    elif day < earliest:
        code = "too_early" if earliest.year <= 1900 else "past_date"
        problems.add_std(path, code, label, limit=f"{earliest:%d/%m/%Y}")
    else:
        return text
    return None


def check_timestamp(
    problems: Problems, path: str, value: object, *, now: datetime, required: bool = True
) -> str | None:
    """A real ``yyyyMMddHHmmss`` Vietnam time, not after ``now`` (+5 min clock skew)."""
    text = _date_syntax(problems, path, value, _TIMESTAMP, required)
    if text is None:
        return None
    moment = parse_timestamp(text)
    if moment is None:
        problems.add_std(path, "invalid_date")
    elif moment > now + CLOCK_SKEW:
        problems.add_std(path, "future_date")
    elif moment < EARLIEST_TIMESTAMP:
        problems.add_std(path, "too_early")
    else:
        return text
    return None
