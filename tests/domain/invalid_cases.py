"""Invalid contract-v1 payloads, one problem each, with the field path and code expected.

Reusable outside the domain tests (e.g. a store-level "nothing stored" test)::

    from tests.domain.invalid_cases import INVALID_CASES, case_context, valid_base

Every payload is a complete record built from :func:`valid_base` by one mutation, so the
expected error is the one that matters; validation must report it with exactly ``field``
and ``code``. Validate with :func:`case_context` (clock fixed at ``NOW``, consent version
``2026-01``, the sample catalogue plus one stopped procedure ``1.004884``).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kiosk.domain.fields import VN_TZ, format_timestamp
from kiosk.domain.payloads import ValidationContext
from kiosk.domain.procedures import ProcedureRef
from kiosk.domain.samples import SAMPLE_PROCEDURES

NOW = datetime(2026, 11, 22, 9, 30, 0, tzinfo=VN_TZ)
CONSENT_VERSIONS = frozenset({"2026-01"})
MAX_AMOUNT_VND = 100_000_000
STOPPED = ProcedureRef(
    "1.004884", "Thủ tục đăng ký lại khai sinh", "ho_tich", "Hộ tịch", stopped=True, level="xa"
)
_CATALOGUE = {**SAMPLE_PROCEDURES, STOPPED.code: STOPPED}
_EARLIER = format_timestamp(NOW - timedelta(minutes=20))
_CONSENT_TIME = format_timestamp(NOW - timedelta(minutes=25))
_FUTURE = format_timestamp(NOW + timedelta(hours=2))
_DAY = 24 * 3600


def case_context() -> ValidationContext:
    return ValidationContext(
        now=NOW,
        consent_versions=CONSENT_VERSIONS,
        max_amount_vnd=MAX_AMOUNT_VND,
        procedure=_CATALOGUE.get,
    )


@dataclass(frozen=True)
class InvalidCase:
    id: str
    kind: str
    payload: dict[str, Any]
    field: str  # dotted contract path, e.g. "payload.DiaChi.MaXa"
    code: str


def _address() -> dict[str, Any]:
    return {
        "SoNha": "12 Trần Phú",
        "MaXa": "22366",
        "TenXa": "Phường Nha Trang",
        "MaTinh": "56",
        "TenTinh": "Khánh Hòa",
    }


def _consent(*purposes: str) -> dict[str, Any]:
    return {"ThoiDiem": _CONSENT_TIME, "PhienBanThongBao": "2026-01", "MucDich": list(purposes)}


def _dossier() -> dict[str, Any]:
    return {
        "MaTTHC": "1.004222",
        "TenTTHC": "Đăng ký thường trú",
        "MaLinhVuc": "cu_tru",
        "TenLinhVuc": "Đăng ký, quản lý cư trú",
        "ChuHoSo": "Nguyễn Thị Hoa",
        "LoaiDoiTuong": 1,
        "MaDoiTuong": "056190001234",
        "NgaySinh": "19900512",
        "SoDienThoai": "+84905123456",
        "Email": "hoa.nguyen@example.vn",
        "DiaChi": _address(),
        "TrichYeuHoSo": "Đăng ký thường trú cho gia đình.\nĐã có giấy tờ nhà.",
        "KenhThucHien": 2,
        "HinhThucNhanKetQua": 0,
        "NgayNopTaiDiem": _EARLIER,
        "TaiLieuNop": [
            {
                "TenTepDinhKem": "to-khai-CT01.pdf",
                "MaThanhPhanHoSo": "CT01",
                "sha256": "a" * 64,
                "size": 182_345,
                "mime": "application/pdf",
            }
        ],
        "DanhSachLePhi": [
            {
                "MaPhiLePhi": "1.004222-1",
                "TenPhiLePhi": "Lệ phí đăng ký thường trú",
                "LoaiPhiLePhi": "Lệ phí",
                "SoTien": 10000,
            }
        ],
        "DongY": _consent("giai_quyet_tthc", "lien_he_ho_tro"),
        "NguoiHoTro": "tnv.07",
        "MaBienNhanTaiDiem": "NT01-261122-0001",
    }


def _payment() -> dict[str, Any]:
    return {
        "dossier_id": "0193a3f4-5c1e-7d2a-9b7e-1f2a3b4c5d6e",
        "LoaiKhoanNop": "le_phi",
        "NoiDung": "Lệ phí đăng ký thường trú",
        "SoTien": 150000,
        "HinhThuc": "vietqr",
        "MaThamChieu": "FT26326123456",
        "NguoiNop": "Trần Văn Bình",
        "MaDoiTuongNguoiNop": "056085004321",
        "DongY": _consent("thanh_toan"),
        "ThoiDiem": _EARLIER,
        "MaBienNhanTaiDiem": "NT01-261122-0002",
    }


def _registration(service: str = "electricity") -> dict[str, Any]:
    person = {"HoTen": "Lê Văn Nam", "MaDoiTuong": "058092001111", "SoDienThoai": "0935123456"}
    base: dict[str, Any] = {
        "DichVu": service,
        "dossier_id": None,
        "NguoiDangKy": person,
        "DiaChi": _address(),
        "ChiTiet": {"LoaiYeuCau": "lap_moi", "MucDichSuDung": "sinh_hoat"},
        "DongY": _consent("dang_ky_dich_vu"),
        "ThoiDiem": _EARLIER,
        "MaBienNhanTaiDiem": "NT01-261122-0003",
    }
    if service == "vaccination":
        base.pop("DiaChi")
        base["NguoiDangKy"] = {"HoTen": "Lê Thị Mai", "SoDienThoai": "0935123456"}
        base["ChiTiet"] = {
            "CoSoYTe": "Trạm Y tế phường Nha Trang",
            "NhomTuoi": "duoi_6_tuoi",
            "NgayHen": f"{NOW + timedelta(days=7):%Y%m%d}",
            "BuoiHen": "sang",
        }
        base["DongY"] = _consent("dang_ky_dich_vu", "du_lieu_suc_khoe")
    elif service == "postal_return":
        base["NguoiDangKy"] = {"HoTen": "Lê Thị Mai", "SoDienThoai": "0935123456"}
        base["dossier_id"] = "0193a3f4-5c1e-7d2a-9b7e-1f2a3b4c5d6e"
        base["ChiTiet"] = {"KhungGio": "gio_hanh_chinh"}
        base["DongY"] = _consent("tra_ket_qua_buu_chinh")
    elif service == "water":
        base["ChiTiet"] = {"LoaiYeuCau": "lap_moi", "SoNhanKhau": 4}
    return base


def _feedback() -> dict[str, Any]:
    return {
        "LinhVuc": "ha_tang",
        "NoiDung": "Đèn đường trước nhà số 15 đường Yersin bị hỏng nhiều ngày.",
        "DiaDiem": "Đường Yersin, Phường Nha Trang",
        "AnDanh": False,
        "LienHe": {"HoTen": "Phạm Minh Tuấn", "SoDienThoai": "0914555666"},
        "DongY": _consent("lien_he_ho_tro"),
        "ThoiDiem": _EARLIER,
    }


def _visit() -> dict[str, Any]:
    return {
        "ChuDe": "huong_dan_tthc",
        "MaTTHC": "1.001193",
        "KetQua": "da_huong_dan",
        "ThoiLuongGiay": 420,
        "ThoiDiem": _EARLIER,
    }


_BASES = {
    "dossier": _dossier,
    "payment": _payment,
    "registration": _registration,
    "feedback": _feedback,
    "visit": _visit,
}


def valid_base(kind: str) -> dict[str, Any]:
    """A complete, valid payload of ``kind`` (a fresh copy each call)."""
    return copy.deepcopy(_BASES[kind]())


def registration_base(service: str) -> dict[str, Any]:
    """A complete, valid registration for ``service`` (electricity, water, vaccination,
    postal_return; a fresh copy each call)."""
    return copy.deepcopy(_registration(service))


_DELETE = object()
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _mutate(base: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Set (or delete, with ``_DELETE``) the value at ``path`` like ``DiaChi.MaXa`` or
    ``DanhSachLePhi[0].SoTien`` in a deep copy of ``base``."""
    payload = copy.deepcopy(base)
    steps: list[str | int] = [name if name else int(index) for name, index in _STEP.findall(path)]
    target: Any = payload
    for step in steps[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[steps[-1]]
    else:
        target[steps[-1]] = value
    return payload


def _case(
    case_id: str,
    kind: str,
    path: str,
    value: Any,
    code: str,
    *,
    field: str | None = None,
    base: dict[str, Any] | None = None,
) -> InvalidCase:
    payload = _mutate(base if base is not None else valid_base(kind), path, value)
    expected = field or "payload." + path
    return InvalidCase(case_id, kind, payload, expected, code)


def _dossier_cases() -> list[InvalidCase]:
    d = "dossier"
    long_name = "A" * 10_240
    return [
        # personal ID
        _case("cccd-unknown-province", d, "MaDoiTuong", "003190001234", "invalid_province"),
        _case("cccd-province-000", d, "MaDoiTuong", "000190001234", "invalid_province"),
        _case(
            "cccd-province-after-merger-code", d, "MaDoiTuong", "097190001234", "invalid_province"
        ),
        _case("cccd-century-digit-6", d, "MaDoiTuong", "056690001234", "invalid_century"),
        _case("cccd-century-digit-4", d, "MaDoiTuong", "056490001234", "invalid_century"),
        _case("cccd-future-birth-year", d, "MaDoiTuong", "056330001234", "future_year"),
        _case("cccd-birth-mismatch", d, "MaDoiTuong", "056191001234", "birth_mismatch"),
        _case("cccd-9-digit-cmnd", d, "MaDoiTuong", "225123456", "cmnd_not_accepted"),
        _case("cccd-11-digits", d, "MaDoiTuong", "05619000123", "invalid_format"),
        _case("cccd-13-digits", d, "MaDoiTuong", "0561900012345", "invalid_format"),
        _case("cccd-letter", d, "MaDoiTuong", "05619000123A", "invalid_format"),
        _case(
            "cccd-fullwidth-digits", d, "MaDoiTuong", "０５６１９０００１２３４", "invalid_format"
        ),
        _case("cccd-missing", d, "MaDoiTuong", _DELETE, "required"),
        _case("cccd-as-integer", d, "MaDoiTuong", 56190001234, "invalid_type"),
        _case(
            "tax-code-bad-for-business",
            d,
            "LoaiDoiTuong",
            2,
            "invalid_format",
            field="payload.MaDoiTuong",
        ),
        # phone, e-mail
        _case("phone-old-11-digit-01xx", d, "SoDienThoai", "01223456789", "invalid_phone"),
        _case("phone-9-digits", d, "SoDienThoai", "090512345", "invalid_phone"),
        _case("phone-11-digit-garbage", d, "SoDienThoai", "09051234567", "invalid_phone"),
        _case("phone-letters", d, "SoDienThoai", "090-ABC-1234", "invalid_phone"),
        _case("phone-premium-1900", d, "SoDienThoai", "19001234", "invalid_phone"),
        _case("phone-foreign", d, "SoDienThoai", "+1 650 253 0000", "invalid_phone"),
        _case("phone-brackets-inside-number", d, "SoDienThoai", "0905)123(456", "invalid_phone"),
        _case("phone-unbalanced-bracket", d, "SoDienThoai", "(+84 905 123 456", "invalid_phone"),
        _case("email-incomplete", d, "Email", "hoa@", "invalid_format"),
        _case("email-leading-dot", d, "Email", ".a@gmail.com", "invalid_format"),
        _case("email-trailing-dot", d, "Email", "a.@gmail.com", "invalid_format"),
        _case("email-double-dot", d, "Email", "a..b@gmail.com", "invalid_format"),
        _case("email-label-leading-hyphen", d, "Email", "a@-gmail.com", "invalid_format"),
        _case("email-label-trailing-hyphen", d, "Email", "a@gmail-.com", "invalid_format"),
        _case("email-empty-label", d, "Email", "a@gmail..com", "invalid_format"),
        _case("email-numeric-tld", d, "Email", "a@gmail.123", "invalid_format"),
        _case("email-one-letter-tld", d, "Email", "a@gmail.c", "invalid_format"),
        # names
        _case("name-nul-byte", d, "ChuHoSo", "Nguyễn\x00 Thị Hoa", "bad_characters"),
        _case("name-10kb", d, "ChuHoSo", long_name, "too_long"),
        _case("name-101-chars", d, "ChuHoSo", "Nguyễn " + "a" * 94, "too_long"),
        _case(
            "name-sql-injection",
            d,
            "ChuHoSo",
            "Robert'); DROP TABLE dossiers;--",
            "invalid_characters",
        ),
        _case("name-rtl-override", d, "ChuHoSo", "Nguyễn Thị\u202e Hoa", "bad_characters"),
        _case("name-zero-width-space", d, "ChuHoSo", "Nguyễn\u200b Thị Hoa", "bad_characters"),
        _case("name-zero-width-joiner", d, "ChuHoSo", "Nguyễn Thị Ho\u200da", "bad_characters"),
        _case("name-bom", d, "ChuHoSo", "\ufeffNguyễn Thị Hoa", "bad_characters"),
        _case("name-hangul-fillers-only", d, "ChuHoSo", "\u3164\u3164", "bad_characters"),
        _case("name-halfwidth-hangul-filler", d, "ChuHoSo", "Nguyễn\uffa0Hoa", "bad_characters"),
        _case("name-choseong-filler", d, "ChuHoSo", "\u115f\u1160 Hoa", "bad_characters"),
        _case("name-grapheme-joiner", d, "ChuHoSo", "Tr\u034fần Văn An", "bad_characters"),
        _case("name-variation-selector", d, "ChuHoSo", "Trần V\ufe0făn An", "bad_characters"),
        _case("name-mongolian-fvs", d, "ChuHoSo", "Nguyễn\u180b Thị Hoa", "bad_characters"),
        _case("name-khmer-inherent-vowel", d, "ChuHoSo", "Sok\u17b4 Dara", "bad_characters"),
        _case("name-variation-selector-17", d, "ChuHoSo", "Nguyễn Hoa\U000e0100", "bad_characters"),
        _case("name-tag-character", d, "ChuHoSo", "Nguyễn Hoa\U000e0041", "bad_characters"),
        _case(
            "name-stacked-combining-marks",
            d,
            "ChuHoSo",
            "Nguyễn Thị Hóa" + "\u0301" * 5,
            "invalid_characters",
        ),
        _case(
            "name-three-marks-after-nfc",  # a + acute composes to á; three marks stay
            d,
            "ChuHoSo",
            "Nguyễn Thị Hoa\u0301\u0300\u0303\u0309",
            "invalid_characters",
        ),
        _case("name-emoji-only", d, "ChuHoSo", "😀😀😀", "invalid_characters"),
        _case("name-digits", d, "ChuHoSo", "12345", "invalid_characters"),
        _case("name-html", d, "ChuHoSo", "<script>alert(1)</script>", "invalid_characters"),
        _case("name-one-letter", d, "ChuHoSo", "A", "too_short"),
        _case("name-only-punctuation", d, "ChuHoSo", "' - '", "invalid_format"),
        _case("name-newline", d, "ChuHoSo", "Nguyễn Thị\nHoa", "bad_characters"),
        _case("name-tab", d, "ChuHoSo", "Nguyễn\tThị Hoa", "bad_characters"),
        _case("name-line-separator", d, "ChuHoSo", "Nguyễn\u2028Thị Hoa", "bad_characters"),
        _case("name-missing", d, "ChuHoSo", _DELETE, "required"),
        _case("name-blank", d, "ChuHoSo", "   ", "required"),
        _case("name-not-text", d, "ChuHoSo", ["Nguyễn", "Hoa"], "invalid_type"),
        # minimum collection
        _case("unknown-top-level-field", d, "GhiChuNoiBo", "x", "unknown_field"),
        _case(
            "unknown-field-district", d, "DiaChi.QuanHuyen", "Thành phố Nha Trang", "unknown_field"
        ),
        _case("unknown-field-in-fee", d, "DanhSachLePhi[0].GhiChu", "x", "unknown_field"),
        # address
        _case("ward-not-in-province", d, "DiaChi.MaXa", "00004", "ward_not_in_province"),
        _case("ward-unknown", d, "DiaChi.MaXa", "99999", "unknown_unit"),
        _case("ward-code-letters", d, "DiaChi.MaXa", "NT001", "invalid_format"),
        _case("ward-code-six-digits", d, "DiaChi.MaXa", "022366", "invalid_format"),
        _case("province-code-cccd-style", d, "DiaChi.MaTinh", "056", "invalid_format"),
        _case("province-pre-2025-ninh-thuan", d, "DiaChi.MaTinh", "58", "unknown_unit"),
        _case("address-missing", d, "DiaChi", _DELETE, "required"),
        _case("address-not-object", d, "DiaChi", "12 Trần Phú, Nha Trang", "invalid_type"),
        _case("address-street-missing", d, "DiaChi.SoNha", _DELETE, "required"),
        _case("address-street-tab", d, "DiaChi.SoNha", "12\tTrần Phú", "bad_characters"),
        _case(
            "address-street-bidi-isolate", d, "DiaChi.SoNha", "12 Trần Phú\u2066", "bad_characters"
        ),
        _case("address-ward-name-nul", d, "DiaChi.TenXa", "Phường\x00", "bad_characters"),
        _case(
            "address-street-hangul-filler", d, "DiaChi.SoNha", "12\u3164Trần Phú", "bad_characters"
        ),
        # dates
        _case("birth-date-not-real", d, "NgaySinh", "19900230", "invalid_date"),
        _case("birth-date-format", d, "NgaySinh", "12/05/1990", "invalid_format"),
        _case("birth-date-future", d, "NgaySinh", "20270101", "future_date"),
        _case("birth-date-before-1900", d, "NgaySinh", "18991231", "too_early"),
        _case("filed-time-future", d, "NgayNopTaiDiem", _FUTURE, "future_date"),
        _case("filed-time-month-13", d, "NgayNopTaiDiem", "20261322093000", "invalid_date"),
        _case("filed-time-iso", d, "NgayNopTaiDiem", "2026-11-22T09:00:00+07:00", "invalid_format"),
        # consent
        _case("consent-missing", d, "DongY", _DELETE, "consent_missing"),
        _case("consent-null", d, "DongY", None, "consent_missing"),
        _case(
            "consent-unknown-version",
            d,
            "DongY.PhienBanThongBao",
            "2025-01",
            "consent_unknown_version",
        ),
        _case("consent-no-purpose", d, "DongY.MucDich", [], "required"),
        _case("consent-unknown-purpose", d, "DongY.MucDich", ["quang_cao"], "invalid_choice"),
        _case(
            "consent-postal-purpose-missing",
            d,
            "HinhThucNhanKetQua",
            1,
            "consent_purpose_missing",
            field="payload.DongY.MucDich",
        ),
        _case("consent-time-future", d, "DongY.ThoiDiem", _FUTURE, "future_date"),
        _case(
            "consent-after-filing",  # filed 09:10, consent 09:29: before "now", after filing
            d,
            "DongY.ThoiDiem",
            "20261122092900",
            "consent_after_filing",
        ),
        _case(
            "consent-one-second-after-filing",
            d,
            "DongY.ThoiDiem",
            format_timestamp(NOW - timedelta(minutes=20) + timedelta(seconds=1)),
            "consent_after_filing",
        ),
        _case(
            "consent-after-save-time",  # no NgayNopTaiDiem: the kiosk files it at NOW
            d,
            "DongY.ThoiDiem",
            format_timestamp(NOW + timedelta(minutes=2)),
            "consent_after_filing",
            base=_mutate(valid_base(d), "NgayNopTaiDiem", _DELETE),
        ),
        _case("consent-extra-key", d, "DongY.ChuKy", "x", "unknown_field"),
        # procedure and handling
        _case("procedure-unknown", d, "MaTTHC", "9.999999", "unknown_procedure"),
        _case("procedure-stopped", d, "MaTTHC", "1.004884", "procedure_stopped"),
        _case("procedure-bad-format", d, "MaTTHC", "khai sinh", "invalid_format"),
        _case("channel-not-assisted-online", d, "KenhThucHien", 1, "invalid_choice"),
        _case("subject-type-3", d, "LoaiDoiTuong", 3, "invalid_choice"),
        _case("subject-type-string", d, "LoaiDoiTuong", "1", "not_integer"),
        _case("delivery-float", d, "HinhThucNhanKetQua", 0.0, "not_integer"),
        _case(
            "postal-delivery-without-phone",
            d,
            "SoDienThoai",
            _DELETE,
            "required",
            base=_mutate(
                _mutate(valid_base(d), "HinhThucNhanKetQua", 1),
                "DongY.MucDich",
                ["giai_quyet_tthc", "tra_ket_qua_buu_chinh"],
            ),
        ),
        # fees
        _case("fee-zero", d, "DanhSachLePhi[0].SoTien", 0, "not_positive"),
        _case("fee-negative", d, "DanhSachLePhi[0].SoTien", -8000, "not_positive"),
        _case("fee-above-maximum", d, "DanhSachLePhi[0].SoTien", MAX_AMOUNT_VND + 1, "too_large"),
        _case("fee-float", d, "DanhSachLePhi[0].SoTien", 10000.0, "not_integer"),
        _case("fee-string", d, "DanhSachLePhi[0].SoTien", "10000", "not_integer"),
        _case("fee-bool", d, "DanhSachLePhi[0].SoTien", True, "not_integer"),
        _case("fee-type-tax", d, "DanhSachLePhi[0].LoaiPhiLePhi", "Thuế", "invalid_choice"),
        # attachments
        _case("file-bad-sha256", d, "TaiLieuNop[0].sha256", "abc123", "invalid_format"),
        _case("file-too-big", d, "TaiLieuNop[0].size", 20 * 1024 * 1024, "too_large"),
        _case(
            "file-path-traversal",
            d,
            "TaiLieuNop[0].TenTepDinhKem",
            "../../etc/passwd",
            "invalid_format",
        ),
        _case(
            "file-executable", d, "TaiLieuNop[0].mime", "application/x-msdownload", "invalid_choice"
        ),
        # free text and kiosk-filled fields
        _case("summary-nul", d, "TrichYeuHoSo", "Đăng ký\x00 thường trú", "bad_characters"),
        _case("summary-carriage-return", d, "TrichYeuHoSo", "Dòng 1\rDòng 2", "bad_characters"),
        _case("summary-too-long", d, "TrichYeuHoSo", "x" * 2001, "too_long"),
        _case(
            "summary-variation-selector",
            d,
            "TrichYeuHoSo",
            "Đăng ký\ufe0f thường trú",
            "bad_characters",
        ),
        _case("receipt-bad-format", d, "MaBienNhanTaiDiem", "nt01-1", "invalid_format"),
        _case("volunteer-name-not-code", d, "NguoiHoTro", "Nguyễn Văn An", "invalid_format"),
    ]


def _payment_cases() -> list[InvalidCase]:
    p = "payment"
    return [
        _case("amount-zero", p, "SoTien", 0, "not_positive"),
        _case("amount-negative", p, "SoTien", -150000, "not_positive"),
        _case("amount-above-maximum", p, "SoTien", 100_000_001, "too_large"),
        _case("amount-huge", p, "SoTien", 10**30, "too_large"),
        _case("amount-float-whole", p, "SoTien", 150000.0, "not_integer"),
        _case("amount-float-fraction", p, "SoTien", 1500.5, "not_integer"),
        _case("amount-string", p, "SoTien", "150000", "not_integer"),
        _case("amount-string-dots", p, "SoTien", "150.000", "not_integer"),
        _case("amount-bool", p, "SoTien", True, "not_integer"),
        _case("amount-missing", p, "SoTien", _DELETE, "required"),
        _case("payment-type-unknown", p, "LoaiKhoanNop", "thue", "invalid_choice"),
        _case("payment-method-unknown", p, "HinhThuc", "bitcoin", "invalid_choice"),
        _case("payment-dossier-id-not-uuid", p, "dossier_id", "123", "invalid_format"),
        _case("payer-old-cmnd", p, "MaDoiTuongNguoiNop", "225123456", "cmnd_not_accepted"),
        _case("payer-name-sql", p, "NguoiNop", "x'; DELETE FROM payments;--", "invalid_characters"),
        _case("payer-name-invisible", p, "NguoiNop", "Tr\u034fần V\ufe0făn", "bad_characters"),
        _case("payment-time-date-only", p, "ThoiDiem", "20261122", "invalid_format"),
        _case("payment-time-future", p, "ThoiDiem", _FUTURE, "future_date"),
        _case("payment-time-before-reform", p, "ThoiDiem", "20240101080000", "too_early"),
        _case("payment-unknown-field", p, "SoTaiKhoan", "0123456789", "unknown_field"),
        _case("payment-description-nul", p, "NoiDung", "Lệ phí\x00", "bad_characters"),
        _case("payment-reference-newline", p, "MaThamChieu", "FT123\nFT456", "bad_characters"),
        _case("payment-consent-missing", p, "DongY", _DELETE, "consent_missing"),
        _case(
            "payment-consent-wrong-purpose",
            p,
            "DongY.MucDich",
            ["giai_quyet_tthc"],
            "consent_purpose_missing",
        ),
        _case(  # paid 09:10, consent 09:29: before "now", after the payment
            "payment-consent-after-paying",
            p,
            "DongY.ThoiDiem",
            "20261122092900",
            "consent_after_filing",
        ),
    ]


def _registration_cases() -> list[InvalidCase]:
    r = "registration"
    vaccination = _registration("vaccination")
    postal_return = _registration("postal_return")
    water = _registration("water")
    yesterday = f"{NOW - timedelta(days=1):%Y%m%d}"
    far = f"{NOW + timedelta(days=200):%Y%m%d}"
    return [
        _case("service-unknown", r, "DichVu", "gas", "invalid_choice"),
        _case("service-missing", r, "DichVu", _DELETE, "required"),
        _case("reg-consent-missing", r, "DongY", _DELETE, "consent_missing"),
        _case(
            "reg-consent-wrong-purpose",
            r,
            "DongY.MucDich",
            ["giai_quyet_tthc"],
            "consent_purpose_missing",
        ),
        _case("reg-detail-bad-choice", r, "ChiTiet.LoaiYeuCau", "xyz", "invalid_choice"),
        _case("reg-detail-missing", r, "ChiTiet.MucDichSuDung", _DELETE, "required"),
        _case("reg-detail-unknown", r, "ChiTiet.ThuNhap", "10 triệu", "unknown_field"),
        _case("reg-applicant-id-missing", r, "NguoiDangKy.MaDoiTuong", _DELETE, "required"),
        _case("reg-applicant-phone-bad", r, "NguoiDangKy.SoDienThoai", "0123", "invalid_phone"),
        _case("reg-applicant-extra", r, "NguoiDangKy.NgheNghiep", "Ngư dân", "unknown_field"),
        _case("reg-ward-not-in-province", r, "DiaChi.MaXa", "26740", "ward_not_in_province"),
        _case("reg-time-missing", r, "ThoiDiem", _DELETE, "required"),
        _case(
            "reg-consent-after-registering",  # made 09:10, consent 09:29: before "now"
            r,
            "DongY.ThoiDiem",
            "20261122092900",
            "consent_after_filing",
        ),
        _case(
            "vaccination-address-not-collected",
            r,
            "DiaChi",
            _address(),
            "unknown_field",
            base=vaccination,
        ),
        _case(
            "vaccination-id-not-collected",
            r,
            "NguoiDangKy.MaDoiTuong",
            "058092001111",
            "unknown_field",
            base=vaccination,
        ),
        _case(
            "vaccination-symptoms-not-collected",
            r,
            "ChiTiet.TrieuChung",
            "Sốt",
            "unknown_field",
            base=vaccination,
        ),
        _case(
            "vaccination-health-consent-missing",
            r,
            "DongY.MucDich",
            ["dang_ky_dich_vu"],
            "consent_purpose_missing",
            base=vaccination,
        ),
        _case(
            "vaccination-date-past", r, "ChiTiet.NgayHen", yesterday, "past_date", base=vaccination
        ),
        _case("vaccination-date-too-far", r, "ChiTiet.NgayHen", far, "too_far", base=vaccination),
        _case(
            "postal-return-id-not-collected",
            r,
            "NguoiDangKy.MaDoiTuong",
            "058092001111",
            "unknown_field",
            base=postal_return,
        ),
        _case(
            "postal-return-delivery-consent-missing",
            r,
            "DongY.MucDich",
            ["giai_quyet_tthc"],
            "consent_purpose_missing",
            base=postal_return,
        ),
        _case(
            "postal-return-without-dossier",
            r,
            "dossier_id",
            None,
            "required",
            base=postal_return,
        ),
        _case(
            "postal-return-dossier-id-missing",
            r,
            "dossier_id",
            _DELETE,
            "required",
            base=postal_return,
        ),
        _case("water-household-string", r, "ChiTiet.SoNhanKhau", "4", "not_integer", base=water),
        _case("water-household-zero", r, "ChiTiet.SoNhanKhau", 0, "not_positive", base=water),
        _case("water-household-huge", r, "ChiTiet.SoNhanKhau", 500, "too_large", base=water),
    ]


def _feedback_cases() -> list[InvalidCase]:
    f = "feedback"
    anonymous_with_contact = _mutate(valid_base(f), "AnDanh", True)
    return [
        _case(
            "feedback-hangul-filler",
            f,
            "NoiDung",
            "Đèn đường hỏng\u3164 nhiều ngày rồi",
            "bad_characters",
        ),
        _case(
            "anonymous-with-contact",
            f,
            "LienHe",
            {"HoTen": "Phạm Minh Tuấn", "SoDienThoai": "0914555666"},
            "anonymous_with_contact",
            base=anonymous_with_contact,
        ),
        _case("named-without-contact", f, "LienHe", None, "required"),
        _case("feedback-consent-missing", f, "DongY", _DELETE, "consent_missing"),
        _case(
            "feedback-consent-after-sending",  # made 09:10, consent 09:11
            f,
            "DongY.ThoiDiem",
            "20261122091100",
            "consent_after_filing",
        ),
        _case("feedback-topic-unknown", f, "LinhVuc", "giao_thong_hang_khong", "invalid_choice"),
        _case("feedback-too-short", f, "NoiDung", "ok", "too_short"),
        _case("feedback-anonymous-string", f, "AnDanh", "true", "invalid_type"),
        _case(
            "feedback-contact-phone-bad", f, "LienHe.SoDienThoai", "01223456789", "invalid_phone"
        ),
        _case("feedback-contact-extra-id", f, "LienHe.MaDoiTuong", "056190001234", "unknown_field"),
        _case(
            "feedback-zero-width",
            f,
            "NoiDung",
            "Đèn đường hỏng\u200b nhiều ngày rồi",
            "bad_characters",
        ),
    ]


def _visit_cases() -> list[InvalidCase]:
    v = "visit"
    return [
        _case("visit-name-not-collected", v, "HoTen", "Nguyễn Văn An", "unknown_field"),
        _case("visit-phone-not-collected", v, "SoDienThoai", "0905123456", "unknown_field"),
        _case("visit-duration-zero", v, "ThoiLuongGiay", 0, "not_positive"),
        _case("visit-duration-huge", v, "ThoiLuongGiay", 3 * _DAY, "too_large"),
        _case("visit-duration-float", v, "ThoiLuongGiay", 420.0, "not_integer"),
        _case("visit-procedure-unknown", v, "MaTTHC", "9.999999", "unknown_procedure"),
        _case("visit-topic-unknown", v, "ChuDe", "ban_hang", "invalid_choice"),
        _case("visit-outcome-missing", v, "KetQua", _DELETE, "required"),
    ]


INVALID_CASES: list[InvalidCase] = [
    *_dossier_cases(),
    *_payment_cases(),
    *_registration_cases(),
    *_feedback_cases(),
    *_visit_cases(),
]
