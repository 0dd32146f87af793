"""Validate and normalise the contract-v1 payloads (``dossier``, ``payment``,
``registration``, ``feedback``, ``visit``) — the one gate used by the CLI, the UI and import.

:func:`validate_payload` returns a new dict in contract field order (NFC text, E.164 phones,
integer money, codes and names filled from the catalogue and the units dataset) or raises
:class:`~kiosk.domain.errors.ValidationError` carrying *every* problem found, each naming the
field by its dotted contract path. Unknown fields are refused (minimum collection).

Fields the kiosk fills itself are optional here: ``MaBienNhanTaiDiem`` (set by the save
service after validation), ``NgayNopTaiDiem`` and ``NguoiHoTro``; when present they are
checked. Three deliberate additions to contract v1 §6, all required by the personal-data law:
registrations and payments carry ``DongY`` always (a payment names its payer), and feedback
carries ``DongY`` when it has ``LienHe``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kiosk.domain.address import check_address
from kiosk.domain.codes import ACTOR_CODE, RECEIPT_CODE
from kiosk.domain.consent import check_consent
from kiosk.domain.errors import FieldError, ValidationError
from kiosk.domain.fields import (
    VN_TZ,
    Problems,
    check_amount,
    check_bool,
    check_choice,
    check_email,
    check_int,
    check_list,
    check_name,
    check_object,
    check_pattern,
    check_text,
    check_timestamp,
    check_uuid,
    parse_date,
    parse_timestamp,
)
from kiosk.domain.fields import check_date as _check_date
from kiosk.domain.identity import check_personal_id, check_tax_code
from kiosk.domain.phones import check_phone
from kiosk.domain.procedures import ProcedureLookup, ProcedureRef, check_procedure
from kiosk.domain.registrations import SERVICES, check_details
from kiosk.domain.units import UnitsIndex, default_units

__all__ = ["KINDS", "PAYLOAD_FIELDS", "ProcedureRef", "ValidationContext", "validate_payload"]

_FEE_CODE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/:\-]{0,63}")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_FILE_NAME = re.compile(r"[^/\\:*?\"<>|]+")
MAX_FILE_BYTES = 10 * 1024 * 1024
MIME_TYPES = ("application/pdf", "image/jpeg", "image/png")
FEE_TYPES = ("Phí", "Lệ phí")
P = "payload"

PAYLOAD_FIELDS: dict[str, tuple[str, ...]] = {
    "dossier": (
        "MaTTHC",
        "TenTTHC",
        "MaLinhVuc",
        "TenLinhVuc",
        "ChuHoSo",
        "LoaiDoiTuong",
        "MaDoiTuong",
        "NgaySinh",
        "SoDienThoai",
        "Email",
        "DiaChi",
        "TrichYeuHoSo",
        "KenhThucHien",
        "HinhThucNhanKetQua",
        "NgayNopTaiDiem",
        "TaiLieuNop",
        "DanhSachLePhi",
        "DongY",
        "NguoiHoTro",
        "MaBienNhanTaiDiem",
    ),
    "payment": (
        "dossier_id",
        "LoaiKhoanNop",
        "NoiDung",
        "SoTien",
        "HinhThuc",
        "MaThamChieu",
        "NguoiNop",
        "MaDoiTuongNguoiNop",
        "DongY",
        "ThoiDiem",
        "MaBienNhanTaiDiem",
    ),
    "registration": (
        "DichVu",
        "dossier_id",
        "NguoiDangKy",
        "DiaChi",
        "ChiTiet",
        "DongY",
        "ThoiDiem",
        "MaBienNhanTaiDiem",
    ),
    "feedback": ("LinhVuc", "NoiDung", "DiaDiem", "AnDanh", "LienHe", "DongY", "ThoiDiem"),
    "visit": ("ChuDe", "MaTTHC", "KetQua", "ThoiLuongGiay", "ThoiDiem"),
}
KINDS = tuple(PAYLOAD_FIELDS)

PAYMENT_TYPES = ("le_phi", "phi", "dong_gop", "dich_vu_cong_ich")
PAYMENT_METHODS = ("tien_mat", "vietqr", "the")
PAYMENT_PURPOSE = "thanh_toan"
FEEDBACK_TOPICS = ("an_ninh_trat_tu", "moi_truong", "ha_tang", "chinh_sach", "khac")
VISIT_TOPICS = ("huong_dan_tthc", "tra_cuu", "thanh_toan", "cai_dat_ung_dung", "khac")
VISIT_OUTCOMES = ("da_nop", "da_huong_dan", "hen_quay_lai")
MAX_VISIT_SECONDS = 8 * 3600
MAX_PLACE = 300  # a feedback's place (DiaDiem), in characters


@dataclass(frozen=True, slots=True)
class ValidationContext:
    """Everything a validator needs from outside: clock, settings, catalogue, units."""

    now: datetime  # aware; converted to Vietnam time
    consent_versions: frozenset[str]
    max_amount_vnd: int
    procedure: ProcedureLookup
    units: UnitsIndex = field(default_factory=default_units)
    # False only to correct a payment saved before payments asked for consent (0.x, schema
    # ≤ 0009): its data was taken under the rules of the time, and a rejected one must still
    # be correctable. A ``DongY`` that is present is checked all the same.
    payment_consent: bool = True

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("ValidationContext.now must be timezone-aware")
        object.__setattr__(self, "now", self.now.astimezone(VN_TZ))

    @property
    def today(self) -> date:
        return self.now.date()


def validate_payload(
    kind: str, payload: Mapping[str, Any], ctx: ValidationContext
) -> dict[str, Any]:
    """The normalised contract-v1 payload, or ValidationError with every problem found."""
    validator = _VALIDATORS.get(kind)
    if validator is None:
        raise ValidationError(
            [
                FieldError(
                    "kind",
                    "invalid_choice",
                    "Loại thông tin gửi đi không hợp lệ.",
                    f"Unknown payload kind {kind!r}.",
                )
            ]
        )
    problems = Problems()
    data = check_object(problems, P, payload, PAYLOAD_FIELDS[kind])
    if data is None:
        problems.raise_if_any()
        raise AssertionError("unreachable")  # pragma: no cover
    result = validator(problems, data, ctx)
    problems.raise_if_any()
    return {key: result[key] for key in PAYLOAD_FIELDS[kind] if key in result}


def _put(out: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        out[key] = value


# --- dossier ----------------------------------------------------------------------------


def _dossier(problems: Problems, data: Mapping[str, Any], ctx: ValidationContext) -> dict[str, Any]:
    out: dict[str, Any] = {}
    procedure = check_procedure(problems, f"{P}.MaTTHC", data.get("MaTTHC"), ctx.procedure)
    for key in ("TenTTHC", "MaLinhVuc", "TenLinhVuc"):  # replaced from the catalogue
        check_text(problems, f"{P}.{key}", data.get(key), max_len=500)
    if procedure is not None:
        out.update(
            MaTTHC=procedure.code,
            TenTTHC=procedure.name,
            MaLinhVuc=procedure.field_code,
            TenLinhVuc=procedure.field_name,
        )
    _put(out, "ChuHoSo", check_name(problems, f"{P}.ChuHoSo", data.get("ChuHoSo")))
    _dossier_subject(problems, data, ctx, out)
    _put(out, "SoDienThoai", check_phone(problems, f"{P}.SoDienThoai", data.get("SoDienThoai")))
    _put(out, "Email", check_email(problems, f"{P}.Email", data.get("Email")))
    _put(out, "DiaChi", check_address(problems, f"{P}.DiaChi", data.get("DiaChi"), ctx.units))
    _put(
        out,
        "TrichYeuHoSo",
        check_text(
            problems, f"{P}.TrichYeuHoSo", data.get("TrichYeuHoSo"), max_len=2000, multiline=True
        ),
    )
    _dossier_handling(problems, data, ctx, out)
    _postal_needs_phone(problems, out)
    _put(
        out,
        "NguoiHoTro",
        check_pattern(problems, f"{P}.NguoiHoTro", data.get("NguoiHoTro"), ACTOR_CODE),
    )
    _put(out, "MaBienNhanTaiDiem", _receipt(problems, data))
    return out


def _postal_needs_phone(problems: Problems, out: Mapping[str, Any]) -> None:
    """A result sent by post needs a phone number for the postman (postal_return)."""
    path = f"{P}.SoDienThoai"
    if out.get("HinhThucNhanKetQua") == 1 and "SoDienThoai" not in out and not problems.has(path):
        problems.add(
            path,
            "required",
            "Cần số điện thoại để bưu điện liên hệ khi giao kết quả về nhà.",
            "A phone number is needed when the result is delivered by post.",
        )


def _dossier_subject(
    problems: Problems, data: Mapping[str, Any], ctx: ValidationContext, out: dict[str, Any]
) -> None:
    subject_type = check_int(
        problems, f"{P}.LoaiDoiTuong", data.get("LoaiDoiTuong"), choices=(1, 2)
    )
    birth_text = _check_date(problems, f"{P}.NgaySinh", data.get("NgaySinh"), today=ctx.today)
    birth = parse_date(birth_text) if birth_text else None
    if subject_type == 2:
        subject = check_tax_code(problems, f"{P}.MaDoiTuong", data.get("MaDoiTuong"))
    else:
        subject = check_personal_id(
            problems, f"{P}.MaDoiTuong", data.get("MaDoiTuong"), today=ctx.today, birth_date=birth
        )
    _put(out, "LoaiDoiTuong", subject_type)
    _put(out, "MaDoiTuong", subject)
    _put(out, "NgaySinh", birth_text)


def _dossier_handling(
    problems: Problems, data: Mapping[str, Any], ctx: ValidationContext, out: dict[str, Any]
) -> None:
    channel = check_int(problems, f"{P}.KenhThucHien", data.get("KenhThucHien"), choices=(2,))
    delivery = check_int(
        problems, f"{P}.HinhThucNhanKetQua", data.get("HinhThucNhanKetQua"), choices=(0, 1)
    )
    filed = check_timestamp(
        problems, f"{P}.NgayNopTaiDiem", data.get("NgayNopTaiDiem"), now=ctx.now, required=False
    )
    files = _files(problems, f"{P}.TaiLieuNop", data.get("TaiLieuNop"))
    fees = _fees(problems, f"{P}.DanhSachLePhi", data.get("DanhSachLePhi"), ctx.max_amount_vnd)
    purposes = ["giai_quyet_tthc"] + (["tra_ket_qua_buu_chinh"] if delivery == 1 else [])
    consent = _consent(problems, data, ctx, purposes)
    _consent_before_filing(problems, data, filed, ctx)
    for key, value in (
        ("KenhThucHien", channel),
        ("HinhThucNhanKetQua", delivery),
        ("NgayNopTaiDiem", filed),
        ("TaiLieuNop", files),
        ("DanhSachLePhi", fees),
        ("DongY", consent),
    ):
        _put(out, key, value)


_FILED_AS: dict[str, tuple[str, str, str]] = {  # a kind's filing moment, and the act named
    "dossier": ("NgayNopTaiDiem", "nộp hồ sơ", "the dossier was filed"),
    "registration": ("ThoiDiem", "đăng ký", "the registration was made"),
    "feedback": ("ThoiDiem", "gửi phản ánh", "the feedback was sent"),
    "payment": ("ThoiDiem", "nộp tiền", "the payment was made"),
}


def _consent(
    problems: Problems,
    data: Mapping[str, Any],
    ctx: ValidationContext,
    purposes: Collection[str],
    *,
    required: bool = True,
) -> dict[str, object] | None:
    return check_consent(
        problems,
        f"{P}.DongY",
        data.get("DongY"),
        versions=ctx.consent_versions,
        now=ctx.now,
        required_purposes=purposes,
        required=required,
    )


def _consent_and_moment(
    problems: Problems,
    data: Mapping[str, Any],
    ctx: ValidationContext,
    out: dict[str, Any],
    kind: str,
    purposes: Collection[str],
    *,
    required: bool = True,
) -> None:
    """``DongY`` naming ``purposes``, then the record's ``ThoiDiem``, the consent not later
    than it (a payment, a registration, a feedback)."""
    _put(out, "DongY", _consent(problems, data, ctx, purposes, required=required))
    made = check_timestamp(problems, f"{P}.ThoiDiem", data.get("ThoiDiem"), now=ctx.now)
    _consent_before_filing(problems, data, made, ctx, kind=kind)
    _put(out, "ThoiDiem", made)


def _consent_before_filing(
    problems: Problems,
    data: Mapping[str, Any],
    filed: str | None,
    ctx: ValidationContext,
    *,
    kind: str = "dossier",
) -> None:
    """Consent comes before the data is captured: ``DongY.ThoiDiem`` ≤ the record's filing
    moment (``NgayNopTaiDiem`` of a dossier, ``ThoiDiem`` of a registration or feedback).

    Both are ``yyyyMMddHHmmss`` Vietnam time stamped by the same kiosk clock, compared as
    aware datetimes with no skew allowance between them (equal is fine). Without a filing
    moment the save service stamps it with the save time, ``ctx.now``, so the consent may
    not be later than that either (the clock-skew allowance of :func:`check_timestamp` is
    for clocks outside the kiosk, not for this order).
    """
    filed_key, vi, en = _FILED_AS[kind]
    path = f"{P}.DongY.ThoiDiem"
    consent = data.get("DongY")
    given = consent.get("ThoiDiem") if isinstance(consent, Mapping) else None
    agreed = parse_timestamp(given) if isinstance(given, str) else None
    if agreed is None or problems.has(path):
        return
    if filed is not None:
        filed_at = parse_timestamp(filed)
    elif data.get(filed_key) in (None, ""):
        filed_at = ctx.now
    else:  # the filing moment is wrong: that is its own error, nothing to compare with
        return
    if filed_at is not None and agreed > filed_at:
        problems.add(
            path,
            "consent_after_filing",
            f"Thời điểm đồng ý xử lý dữ liệu cá nhân phải trước hoặc cùng lúc {vi}; "
            "vui lòng đọc thông báo và xác nhận lại.",
            f"The consent time must be before (or at) the time {en}; ask for consent again.",
        )


def _files(problems: Problems, path: str, value: object) -> list[dict[str, Any]] | None:
    items = check_list(problems, path, value, max_items=50)
    if items is None:
        return None
    keys = ("TenTepDinhKem", "MaThanhPhanHoSo", "sha256", "size", "mime")
    out: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        at = f"{path}[{index}]"
        record = check_object(problems, at, item, keys)
        if record is None:
            continue
        entry: dict[str, Any] = {}
        _put(
            entry,
            "TenTepDinhKem",
            check_pattern(
                problems,
                f"{at}.TenTepDinhKem",
                record.get("TenTepDinhKem"),
                _FILE_NAME,
                required=True,
                max_len=255,
            ),
        )
        _put(
            entry,
            "MaThanhPhanHoSo",
            check_pattern(
                problems, f"{at}.MaThanhPhanHoSo", record.get("MaThanhPhanHoSo"), _FEE_CODE
            ),
        )
        sha = check_pattern(problems, f"{at}.sha256", record.get("sha256"), _SHA256, required=True)
        _put(entry, "sha256", sha.lower() if sha else None)
        _put(
            entry,
            "size",
            check_int(
                problems, f"{at}.size", record.get("size"), minimum=1, maximum=MAX_FILE_BYTES
            ),
        )
        _put(entry, "mime", check_choice(problems, f"{at}.mime", record.get("mime"), MIME_TYPES))
        out.append(entry)
    return out


def _fees(
    problems: Problems, path: str, value: object, maximum: int
) -> list[dict[str, Any]] | None:
    items = check_list(problems, path, value, max_items=20)
    if items is None:
        return None
    keys = ("MaPhiLePhi", "TenPhiLePhi", "LoaiPhiLePhi", "SoTien")
    out: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        at = f"{path}[{index}]"
        record = check_object(problems, at, item, keys)
        if record is None:
            continue
        entry: dict[str, Any] = {}
        _put(
            entry,
            "MaPhiLePhi",
            check_pattern(problems, f"{at}.MaPhiLePhi", record.get("MaPhiLePhi"), _FEE_CODE),
        )
        _put(
            entry,
            "TenPhiLePhi",
            check_text(
                problems, f"{at}.TenPhiLePhi", record.get("TenPhiLePhi"), required=True, max_len=300
            ),
        )
        _put(
            entry,
            "LoaiPhiLePhi",
            check_choice(problems, f"{at}.LoaiPhiLePhi", record.get("LoaiPhiLePhi"), FEE_TYPES),
        )
        _put(
            entry,
            "SoTien",
            check_amount(problems, f"{at}.SoTien", record.get("SoTien"), maximum=maximum),
        )
        out.append(entry)
    return out


def _receipt(problems: Problems, data: Mapping[str, Any]) -> str | None:
    return check_pattern(
        problems,
        f"{P}.MaBienNhanTaiDiem",
        data.get("MaBienNhanTaiDiem"),
        RECEIPT_CODE,
        max_len=24,
        message=(
            "Mã biên nhận tại điểm hỗ trợ không đúng dạng (ví dụ NT01-261122-0001).",
            "The kiosk receipt code has an invalid format.",
        ),
    )


# --- payment ----------------------------------------------------------------------------


def _payment(problems: Problems, data: Mapping[str, Any], ctx: ValidationContext) -> dict[str, Any]:
    get = data.get
    out: dict[str, Any] = {
        "dossier_id": check_uuid(problems, f"{P}.dossier_id", get("dossier_id"), required=False)
    }
    _put(
        out,
        "LoaiKhoanNop",
        check_choice(problems, f"{P}.LoaiKhoanNop", get("LoaiKhoanNop"), PAYMENT_TYPES),
    )
    _put(
        out,
        "NoiDung",
        check_text(
            problems, f"{P}.NoiDung", get("NoiDung"), required=True, max_len=500, multiline=True
        ),
    )
    _put(
        out,
        "SoTien",
        check_amount(problems, f"{P}.SoTien", get("SoTien"), maximum=ctx.max_amount_vnd),
    )
    _put(out, "HinhThuc", check_choice(problems, f"{P}.HinhThuc", get("HinhThuc"), PAYMENT_METHODS))
    out["MaThamChieu"] = check_pattern(problems, f"{P}.MaThamChieu", get("MaThamChieu"), _REFERENCE)
    _put(out, "NguoiNop", check_name(problems, f"{P}.NguoiNop", get("NguoiNop")))
    out["MaDoiTuongNguoiNop"] = _payer_id(problems, get("MaDoiTuongNguoiNop"), ctx)
    _consent_and_moment(
        problems, data, ctx, out, "payment", (PAYMENT_PURPOSE,), required=ctx.payment_consent
    )
    _put(out, "MaBienNhanTaiDiem", _receipt(problems, data))
    return out


def _payer_id(problems: Problems, value: object, ctx: ValidationContext) -> str | None:
    """Null, a business tax code, or a valid personal ID."""
    path = f"{P}.MaDoiTuongNguoiNop"
    if isinstance(value, str) and re.fullmatch(r"[0-9]{10}(-[0-9]{3})?", value.strip()):
        return check_tax_code(problems, path, value)
    return check_personal_id(problems, path, value, today=ctx.today, required=False)


# --- registration -----------------------------------------------------------------------


def _registration(
    problems: Problems, data: Mapping[str, Any], ctx: ValidationContext
) -> dict[str, Any]:
    get = data.get
    service_code = check_choice(problems, f"{P}.DichVu", get("DichVu"), tuple(SERVICES))
    schema = SERVICES.get(service_code or "")
    out: dict[str, Any] = {}
    _put(out, "DichVu", service_code)
    out["dossier_id"] = check_uuid(problems, f"{P}.dossier_id", get("dossier_id"), required=False)
    if schema is not None and schema.needs_dossier:
        _dossier_named(problems, data, out["dossier_id"])
    if schema is not None:
        _put(out, "NguoiDangKy", _applicant(problems, get("NguoiDangKy"), schema.applicant, ctx))
        _registration_address(problems, get("DiaChi"), schema.needs_address, ctx, out)
        _put(
            out,
            "ChiTiet",
            check_details(problems, f"{P}.ChiTiet", get("ChiTiet"), schema, today=ctx.today),
        )
    purposes = schema.purposes if schema is not None else ()
    _consent_and_moment(problems, data, ctx, out, "registration", purposes)
    _put(out, "MaBienNhanTaiDiem", _receipt(problems, data))
    return out


def _dossier_named(problems: Problems, data: Mapping[str, Any], dossier_id: str | None) -> None:
    """A service that belongs to a dossier (postal return, contract §6: sent alongside the
    dossier whose ``HinhThucNhanKetQua`` is 1) must name it in ``dossier_id``."""
    path = f"{P}.dossier_id"
    if dossier_id is not None or problems.has(path):
        return
    problems.add(
        path,
        "required",
        "Vui lòng nhập mã hồ sơ liên quan: nhận kết quả tại nhà qua bưu chính công ích "
        "phải gắn với một hồ sơ đã nộp.",
        "The related dossier id is required: a postal return belongs to a filed dossier.",
    )


def _applicant(
    problems: Problems, value: object, wanted: Mapping[str, bool], ctx: ValidationContext
) -> dict[str, Any] | None:
    path = f"{P}.NguoiDangKy"
    record = check_object(problems, path, value, tuple(wanted))
    if record is None:
        return None
    checks: dict[str, Callable[[str, object, bool], str | None]] = {
        "HoTen": lambda at, v, req: check_name(problems, at, v, required=req),
        "MaDoiTuong": lambda at, v, req: check_personal_id(
            problems, at, v, today=ctx.today, required=req
        ),
        "SoDienThoai": lambda at, v, req: check_phone(problems, at, v, required=req),
    }
    out: dict[str, Any] = {}
    for key, required in wanted.items():
        _put(out, key, checks[key](f"{path}.{key}", record.get(key), required))
    return out


def _registration_address(
    problems: Problems, value: object, needed: bool, ctx: ValidationContext, out: dict[str, Any]
) -> None:
    if needed:
        _put(out, "DiaChi", check_address(problems, f"{P}.DiaChi", value, ctx.units))
    elif value is not None:
        problems.add_std(f"{P}.DiaChi", "unknown_field", key="DiaChi")


# --- feedback ---------------------------------------------------------------------------


def _feedback(
    problems: Problems, data: Mapping[str, Any], ctx: ValidationContext
) -> dict[str, Any]:
    get = data.get
    out: dict[str, Any] = {}
    _put(out, "LinhVuc", check_choice(problems, f"{P}.LinhVuc", get("LinhVuc"), FEEDBACK_TOPICS))
    _put(
        out,
        "NoiDung",
        check_text(
            problems,
            f"{P}.NoiDung",
            get("NoiDung"),
            required=True,
            min_len=10,
            max_len=4000,
            multiline=True,
        ),
    )
    out["DiaDiem"] = check_text(problems, f"{P}.DiaDiem", get("DiaDiem"), max_len=MAX_PLACE)
    anonymous = check_bool(problems, f"{P}.AnDanh", get("AnDanh"))
    out["AnDanh"] = anonymous
    out["LienHe"] = _contact(problems, get("LienHe"), anonymous)
    _consent_and_moment(
        problems,
        data,
        ctx,
        out,
        "feedback",
        ("lien_he_ho_tro",),
        required=get("LienHe") is not None,
    )
    return out


def _contact(problems: Problems, value: object, anonymous: bool | None) -> dict[str, Any] | None:
    path = f"{P}.LienHe"
    if anonymous is True and value is not None:
        problems.add(
            path,
            "anonymous_with_contact",
            "Phản ánh ẩn danh thì không ghi thông tin liên hệ; vui lòng bỏ thông tin "
            "liên hệ hoặc bỏ chọn gửi ẩn danh.",
            "Anonymous feedback cannot carry contact details.",
        )
        return None
    if anonymous is False and value is None:
        problems.add(
            path,
            "required",
            "Vui lòng nhập họ tên và số điện thoại liên hệ, hoặc chọn gửi ẩn danh.",
            "Contact details are required unless the feedback is anonymous.",
        )
        return None
    record = check_object(problems, path, value, ("HoTen", "SoDienThoai"), required=False)
    if record is None:
        return None
    name = check_name(problems, f"{path}.HoTen", record.get("HoTen"))
    phone = check_phone(problems, f"{path}.SoDienThoai", record.get("SoDienThoai"), required=True)
    return {"HoTen": name, "SoDienThoai": phone} if name and phone else None


# --- visit ------------------------------------------------------------------------------


def _visit(problems: Problems, data: Mapping[str, Any], ctx: ValidationContext) -> dict[str, Any]:
    get = data.get
    out: dict[str, Any] = {}
    _put(out, "ChuDe", check_choice(problems, f"{P}.ChuDe", get("ChuDe"), VISIT_TOPICS))
    procedure = check_procedure(
        problems, f"{P}.MaTTHC", get("MaTTHC"), ctx.procedure, required=False, allow_stopped=True
    )
    out["MaTTHC"] = procedure.code if procedure is not None else None
    _put(out, "KetQua", check_choice(problems, f"{P}.KetQua", get("KetQua"), VISIT_OUTCOMES))
    _put(
        out,
        "ThoiLuongGiay",
        check_int(
            problems,
            f"{P}.ThoiLuongGiay",
            get("ThoiLuongGiay"),
            minimum=1,
            maximum=MAX_VISIT_SECONDS,
        ),
    )
    _put(out, "ThoiDiem", check_timestamp(problems, f"{P}.ThoiDiem", get("ThoiDiem"), now=ctx.now))
    return out


_Validator = Callable[[Problems, Mapping[str, Any], ValidationContext], dict[str, Any]]
_VALIDATORS: dict[str, _Validator] = {
    "dossier": _dossier,
    "payment": _payment,
    "registration": _registration,
    "feedback": _feedback,
    "visit": _visit,
}
