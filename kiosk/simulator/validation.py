"""What the province checks in a ``POST /submissions:batch`` body.

Two levels, as in contract v1 §2 and §4:

* :func:`check_batch` — the request as a whole. A body that is not a JSON object with an
  ``items`` list, or an ITEM of the wrong shape (``id`` not a UUID, ``kind`` not one of the
  five kinds, ``created_at`` missing or not an ISO 8601 date-time with an offset,
  ``depends_on`` neither null nor a UUID, ``payload`` not an object) fails the whole batch
  with :class:`BatchShapeError` (→ 400 ``bad_request``). No items → 400; more than 100 →
  :class:`BatchTooLarge` (→ 413 ``too_large``).
* :func:`check_payload` — one item's payload, per kind (§6). Problems make that item
  ``rejected`` with ``errors`` (``field``, ``code``, Vietnamese ``message``); other items
  are unaffected.

Payload rules: the fields the contract marks required for a dossier, and for the other
kinds the fields the contract's shape always carries (payment: ``LoaiKhoanNop``,
``NoiDung``, ``SoTien``, ``HinhThuc``, ``ThoiDiem``, ``MaBienNhanTaiDiem``; registration:
``DichVu``, ``NguoiDangKy``, ``ChiTiet``, ``ThoiDiem``, ``MaBienNhanTaiDiem``; feedback:
``LinhVuc``, ``NoiDung``, ``AnDanh``, ``ThoiDiem``; visit: ``ChuDe``, ``KetQua``,
``ThoiLuongGiay``, ``ThoiDiem``); enumerations; ``MaDoiTuong`` of 12 digits when
``LoaiDoiTuong`` is 1 (a tax code when 2); money integers (``SoTien`` > 0 for a payment,
≥ 0 for a dossier's fee); ``yyyyMMddHHmmss`` stamps; E.164 phones; 64-hex ``sha256``.
Unknown fields are accepted (the kiosk may send more than the contract lists).

**Province-only rule** (the kiosk cannot know it; tests use it to provoke a rejection): a
text containing the marker :data:`REFUSAL_MARKER` ``"[TỈNH TỪ CHỐI]"`` — in a dossier's
``TrichYeuHoSo``, or a payment's or feedback's ``NoiDung`` (compared after NFC) — is
rejected with code ``province_refused`` and a Vietnamese message.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

MAX_ITEMS = 100
KINDS = ("dossier", "payment", "registration", "feedback", "visit")
REFUSAL_MARKER = "[TỈNH TỪ CHỐI]"
REFUSAL_MESSAGE = (
    "Cơ quan tiếp nhận của tỉnh từ chối: nội dung không đủ căn cứ để tiếp nhận. "
    "Vui lòng liên hệ Bộ phận Một cửa để được hướng dẫn."
)
_MARKED_TEXT = {"dossier": "TrichYeuHoSo", "payment": "NoiDung", "feedback": "NoiDung"}
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_STAMP = re.compile(r"[0-9]{14}")
_DATE = re.compile(r"[0-9]{8}")
_PERSONAL_ID = re.compile(r"[0-9]{12}")
_TAX_CODE = re.compile(r"[0-9]{10}(-[0-9]{3})?")
_PHONE = re.compile(r"\+[1-9][0-9]{7,14}")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_WARD = re.compile(r"[0-9]{5}")
_PROVINCE = re.compile(r"[0-9]{2}")
_PATH_PART = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")

Errors = list[dict[str, str]]


class BatchShapeError(ValueError):
    """The batch as a whole is malformed (→ 400 ``bad_request``)."""


class BatchTooLarge(ValueError):
    """More than :data:`MAX_ITEMS` items (→ 413 ``too_large``)."""


# ----------------------------------------------------------------------------- batch shape


def check_batch(body: Any) -> list[dict[str, Any]]:
    """The items of a well-shaped batch body, or raise BatchShapeError / BatchTooLarge."""
    if not isinstance(body, dict):
        raise BatchShapeError("the body must be a JSON object")
    items = body.get("items")
    if not isinstance(items, list):
        raise BatchShapeError("'items' must be a list")
    if not items:
        raise BatchShapeError("'items' must hold at least one item")
    if len(items) > MAX_ITEMS:
        raise BatchTooLarge(f"at most {MAX_ITEMS} items per batch, got {len(items)}")
    for index, item in enumerate(items):
        problem = item_shape_problem(item)
        if problem:
            raise BatchShapeError(f"items[{index}]: {problem}")
    return items


def item_shape_problem(item: Any) -> str | None:
    """Why ``item`` is not an ITEM (contract v1 §4), or None."""
    if not isinstance(item, dict):
        return "must be an object"
    if not is_uuid(item.get("id")):
        return "'id' must be a UUID"
    if item.get("kind") not in KINDS:
        return f"'kind' must be one of {', '.join(KINDS)}"
    if not _is_datetime(item.get("created_at")):
        return "'created_at' must be an ISO 8601 date-time with an offset"
    depends_on = item.get("depends_on")
    if depends_on is not None and not is_uuid(depends_on):
        return "'depends_on' must be null or a UUID"
    if not isinstance(item.get("payload"), dict):
        return "'payload' must be an object"
    return None


def is_uuid(value: Any) -> bool:
    if not isinstance(value, str) or not _UUID.fullmatch(value):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: Any) -> bool:
    if not isinstance(value, str) or len(value) < 19:
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.tzinfo is not None


# ----------------------------------------------------------------------------- payloads


def check_payload(kind: str, payload: Mapping[str, Any]) -> Errors:
    """Every problem the province finds in one item's payload (empty: acceptable)."""
    checks = _Checks(payload)
    _KIND_RULES[kind](checks)
    if not checks.errors:
        _province_rule(kind, payload, checks)
    return checks.errors


class _Checks:
    """Collects errors for one payload; each ``req_*``/``opt_*`` checks one field."""

    def __init__(self, payload: Mapping[str, Any]) -> None:
        self.payload = payload
        self.errors: Errors = []

    def add(self, path: str, code: str, message: str) -> None:
        self.errors.append({"field": f"payload.{path}", "code": code, "message": message})

    def get(self, path: str) -> Any:
        value: Any = self.payload
        for key, index in _PATH_PART.findall(path):
            if key:
                value = value.get(key) if isinstance(value, Mapping) else None
            else:
                at = int(index)
                value = value[at] if isinstance(value, list) and at < len(value) else None
        return value

    def check(self, path: str, ok: Callable[[Any], bool], message: str, *, required: bool) -> bool:
        value = self.get(path)
        if value is None or value == "":
            if required:
                self.add(path, "required", f"Thiếu thông tin bắt buộc: {path}.")
            return False
        if not ok(value):
            code = "invalid_format" if isinstance(value, str) else "invalid_type"
            self.add(path, code, message)
            return False
        return True

    def req(self, path: str, ok: Callable[[Any], bool], message: str) -> bool:
        return self.check(path, ok, message, required=True)

    def opt(self, path: str, ok: Callable[[Any], bool], message: str) -> bool:
        return self.check(path, ok, message, required=False)

    def text(self, path: str, *, required: bool = True) -> None:
        self.check(path, _is_text, f"{path} phải là chuỗi ký tự.", required=required)

    def choice(self, path: str, choices: tuple[Any, ...]) -> None:
        value = self.get(path)
        if value is None or value == "":
            self.add(path, "required", f"Thiếu thông tin bắt buộc: {path}.")
        elif isinstance(value, bool) or value not in choices:
            listed = ", ".join(str(c) for c in choices)
            self.add(
                path, "invalid_value", f"Giá trị của {path} không hợp lệ (chỉ nhận: {listed})."
            )

    def stamp(self, path: str, *, required: bool = True) -> None:
        message = f"{path} phải có dạng yyyyMMddHHmmss theo giờ Việt Nam."
        self.check(path, _is_stamp, message, required=required)

    def obj(self, path: str, *, required: bool = True) -> bool:
        return self.check(path, _is_object, f"{path} phải là một đối tượng.", required=required)

    def money(self, path: str, *, minimum: int) -> None:
        word = "số nguyên dương" if minimum > 0 else "số nguyên không âm"
        ok = _is_int_at_least(minimum)
        self.req(path, ok, f"Số tiền phải là {word} (đơn vị đồng).")

    def ref(self, path: str) -> None:
        self.opt(path, is_uuid, f"{path} phải là mã định danh (UUID) của mục đã gửi.")

    def phone(self, path: str) -> None:
        message = "Số điện thoại phải ở dạng quốc tế E.164, ví dụ +84905123456."
        self.opt(path, lambda v: isinstance(v, str) and bool(_PHONE.fullmatch(v)), message)

    def address(self, path: str, *, required: bool) -> None:
        if not self.obj(path, required=required):
            return
        self.req(f"{path}.MaXa", _matches(_WARD), "Mã phường/xã phải gồm 5 chữ số.")
        self.req(f"{path}.MaTinh", _matches(_PROVINCE), "Mã tỉnh phải gồm 2 chữ số.")


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_object(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_stamp(value: Any) -> bool:
    if not isinstance(value, str) or not _STAMP.fullmatch(value):
        return False
    try:
        datetime.strptime(value, "%Y%m%d%H%M%S")
    except ValueError:
        return False
    return True


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        datetime.strptime(value, "%Y%m%d")
    except ValueError:
        return False
    return True


def _is_int_at_least(minimum: int) -> Callable[[Any], bool]:
    def ok(value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and value >= minimum

    return ok


def _matches(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and bool(pattern.fullmatch(value))


# ----------------------------------------------------------------------------- per kind


def _dossier(c: _Checks) -> None:
    for key in ("MaTTHC", "TenTTHC", "ChuHoSo", "MaBienNhanTaiDiem"):
        c.text(key)
    c.choice("LoaiDoiTuong", (1, 2))
    _subject_id(c)
    c.address("DiaChi", required=True)
    c.choice("KenhThucHien", (2,))
    c.choice("HinhThucNhanKetQua", (0, 1))
    c.stamp("NgayNopTaiDiem")
    c.opt("NgaySinh", _is_date, "Ngày sinh phải có dạng yyyyMMdd.")
    c.phone("SoDienThoai")
    c.text("TrichYeuHoSo", required=False)
    _consent(c, required=True)
    _files(c)
    _fees(c)


def _consent(c: _Checks, *, required: bool) -> None:
    """``DongY``: required in a dossier (§6); the kiosk's own addition to payments,
    registrations and feedback with contact details is checked when present."""
    if c.obj("DongY", required=required):
        c.stamp("DongY.ThoiDiem")
        c.text("DongY.PhienBanThongBao")
        c.req("DongY.MucDich", _is_text_list, "Mục đích đồng ý phải là danh sách mã mục đích.")


def _subject_id(c: _Checks) -> None:
    if c.get("LoaiDoiTuong") == 2:
        c.req("MaDoiTuong", _matches(_TAX_CODE), "Mã số thuế phải gồm 10 chữ số (hoặc 10-3).")
    else:
        c.req("MaDoiTuong", _matches(_PERSONAL_ID), "Số định danh cá nhân phải gồm 12 chữ số")


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_is_text(v) for v in value)


def _files(c: _Checks) -> None:
    if not c.opt("TaiLieuNop", _is_list, "TaiLieuNop phải là danh sách."):
        return
    for index in range(len(c.get("TaiLieuNop"))):
        at = f"TaiLieuNop[{index}]"
        if c.obj(at):
            c.req(
                f"{at}.sha256", _matches(_SHA256), "Mã kiểm tra tệp (sha256) phải gồm 64 ký tự hex."
            )
            c.opt(f"{at}.size", _is_int_at_least(1), "Dung lượng tệp phải là số nguyên dương.")


def _fees(c: _Checks) -> None:
    if not c.opt("DanhSachLePhi", _is_list, "DanhSachLePhi phải là danh sách."):
        return
    for index in range(len(c.get("DanhSachLePhi"))):
        at = f"DanhSachLePhi[{index}]"
        if c.obj(at):
            c.money(f"{at}.SoTien", minimum=0)
            if c.get(f"{at}.LoaiPhiLePhi") is not None:
                c.choice(f"{at}.LoaiPhiLePhi", ("Phí", "Lệ phí"))


def _is_list(value: Any) -> bool:
    return isinstance(value, list)


def _payment(c: _Checks) -> None:
    c.ref("dossier_id")
    c.choice("LoaiKhoanNop", ("le_phi", "phi", "dong_gop", "dich_vu_cong_ich"))
    c.text("NoiDung")
    c.money("SoTien", minimum=1)
    c.choice("HinhThuc", ("tien_mat", "vietqr", "the"))
    c.text("MaThamChieu", required=False)
    c.text("NguoiNop", required=False)
    _consent(c, required=False)
    c.stamp("ThoiDiem")
    c.text("MaBienNhanTaiDiem")


def _registration(c: _Checks) -> None:
    services = (
        "postal_send",
        "postal_return",
        "electricity",
        "water",
        "sanitation",
        "telecom",
        "clinic_appointment",
        "vaccination",
    )
    c.choice("DichVu", services)
    c.ref("dossier_id")
    if c.obj("NguoiDangKy"):
        c.phone("NguoiDangKy.SoDienThoai")
    c.address("DiaChi", required=False)
    c.obj("ChiTiet")
    _consent(c, required=False)
    c.stamp("ThoiDiem")
    c.text("MaBienNhanTaiDiem")


def _feedback(c: _Checks) -> None:
    c.choice("LinhVuc", ("an_ninh_trat_tu", "moi_truong", "ha_tang", "chinh_sach", "khac"))
    c.text("NoiDung")
    c.text("DiaDiem", required=False)
    if not isinstance(c.get("AnDanh"), bool):
        c.add("AnDanh", "invalid_type", "AnDanh phải là true hoặc false.")
    if c.obj("LienHe", required=False):
        c.phone("LienHe.SoDienThoai")
    _consent(c, required=False)
    c.stamp("ThoiDiem")


def _visit(c: _Checks) -> None:
    c.choice("ChuDe", ("huong_dan_tthc", "tra_cuu", "thanh_toan", "cai_dat_ung_dung", "khac"))
    c.text("MaTTHC", required=False)
    c.choice("KetQua", ("da_nop", "da_huong_dan", "hen_quay_lai"))
    c.req("ThoiLuongGiay", _is_int_at_least(1), "Thời lượng (giây) phải là số nguyên dương.")
    c.stamp("ThoiDiem")


_KIND_RULES: dict[str, Callable[[_Checks], None]] = {
    "dossier": _dossier,
    "payment": _payment,
    "registration": _registration,
    "feedback": _feedback,
    "visit": _visit,
}


def _province_rule(kind: str, payload: Mapping[str, Any], c: _Checks) -> None:
    key = _MARKED_TEXT.get(kind)
    text = payload.get(key) if key else None
    if isinstance(text, str) and REFUSAL_MARKER in unicodedata.normalize("NFC", text):
        c.add(str(key), "province_refused", REFUSAL_MESSAGE)


def attachment_hashes(kind: str, payload: Mapping[str, Any]) -> list[str]:
    """The sha256 values a dossier lists in ``TaiLieuNop`` (lower case, in order)."""
    if kind != "dossier" or not isinstance(payload.get("TaiLieuNop"), list):
        return []
    hashes = [f.get("sha256") for f in payload["TaiLieuNop"] if isinstance(f, Mapping)]
    return [h.lower() for h in hashes if isinstance(h, str)]
