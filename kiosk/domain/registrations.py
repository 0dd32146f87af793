"""Service registrations (``kind = "registration"``), declared as data.

Each of the eight services lists exactly the fields it collects — the applicant fields
(``NguoiDangKy``), whether it needs an address (``DiaChi``), and its own ``ChiTiet`` fields
with Vietnamese/English labels, type, required flag and choices — so the touch UI can render
one form per service from :data:`SERVICES` and the validator can refuse anything else
(minimum collection). Clinic appointments and vaccinations touch health data, which is
sensitive: they collect no diagnosis, symptom or medical history, only where and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from kiosk.domain.fields import Label, Problems, check_date, check_int, check_name, check_text
from kiosk.domain.fields import check_choice as _check_choice
from kiosk.domain.fields import check_object as _check_object
from kiosk.domain.phones import check_phone

FieldType = Literal["text", "multiline", "name", "phone", "date", "int", "choice"]


@dataclass(frozen=True, slots=True)
class Choice:
    code: str
    label: str
    label_en: str


@dataclass(frozen=True, slots=True)
class DetailField:
    """One ``ChiTiet`` field. Dates are ``yyyyMMdd`` within [today+min_days, today+max_days]."""

    key: str
    label: str
    label_en: str
    type: FieldType
    required: bool = True
    choices: tuple[Choice, ...] = ()
    max_length: int = 200
    minimum: int | None = None
    maximum: int | None = None
    min_days: int = 0
    max_days: int = 90

    def as_dict(self) -> dict[str, Any]:
        """Plain data for a form renderer."""
        return {
            "key": self.key,
            "label": self.label,
            "label_en": self.label_en,
            "type": self.type,
            "required": self.required,
            "choices": [
                {"code": c.code, "label": c.label, "label_en": c.label_en} for c in self.choices
            ],
            "max_length": self.max_length,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "min_days": self.min_days,
            "max_days": self.max_days,
        }


@dataclass(frozen=True, slots=True)
class ServiceSchema:
    code: str
    label: str
    label_en: str
    applicant: dict[str, bool]  # NguoiDangKy key -> required; keys absent are not collected
    needs_address: bool
    details: tuple[DetailField, ...]
    purposes: tuple[str, ...]  # consent purposes that cannot be missing
    # Belongs to a dossier (postal return): dossier_id is required (the save service validates
    # the one it derives from a dossier it is saving with a stand-in id, records._NOT_YET_SAVED).
    needs_dossier: bool = False
    sensitive: bool = False

    def detail(self, key: str) -> DetailField | None:
        return next((d for d in self.details if d.key == key), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "label_en": self.label_en,
            "applicant": dict(self.applicant),
            "needs_address": self.needs_address,
            "details": [d.as_dict() for d in self.details],
            "purposes": list(self.purposes),
            "needs_dossier": self.needs_dossier,
            "sensitive": self.sensitive,
        }


def _choices(*items: tuple[str, str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(*item) for item in items)


_REQUEST_UTILITY = _choices(
    ("lap_moi", "Lắp đặt mới", "New connection"),
    ("sang_ten", "Sang tên hợp đồng", "Transfer the contract"),
    ("di_doi", "Di dời đồng hồ/đường dây", "Move the meter or line"),
    ("bao_su_co", "Báo sự cố", "Report a fault"),
)
_USE = _choices(
    ("sinh_hoat", "Sinh hoạt gia đình", "Household"),
    ("kinh_doanh", "Kinh doanh, dịch vụ", "Business"),
)
_CUSTOMER = DetailField(
    "MaKhachHang",
    "Mã khách hàng (nếu đã có)",
    "Customer number (if any)",
    "text",
    required=False,
    max_length=20,
)
_HOUSEHOLD = DetailField(
    "SoNhanKhau",
    "Số nhân khẩu trong hộ",
    "People in the household",
    "int",
    required=False,
    minimum=1,
    maximum=50,
)
_FACILITY = DetailField("CoSoYTe", "Cơ sở y tế", "Health facility", "text", max_length=150)
_DAY = DetailField("NgayHen", "Ngày hẹn", "Appointment date", "date", min_days=0, max_days=90)
_SESSION = DetailField(
    "BuoiHen",
    "Buổi",
    "Session",
    "choice",
    choices=_choices(("sang", "Buổi sáng", "Morning"), ("chieu", "Buổi chiều", "Afternoon")),
)
_NAME_PHONE = {"HoTen": True, "SoDienThoai": True}
_ALL_THREE = {"HoTen": True, "MaDoiTuong": True, "SoDienThoai": True}

SERVICES: dict[str, ServiceSchema] = {
    s.code: s
    for s in (
        ServiceSchema(
            "postal_send",
            "Gửi hồ sơ, giấy tờ qua bưu chính công ích",
            "Send documents by public postal service",
            _NAME_PHONE,
            True,
            (
                DetailField("NguoiNhan", "Họ tên người nhận", "Recipient's name", "name"),
                DetailField(
                    "SoDienThoaiNguoiNhan", "Số điện thoại người nhận", "Recipient's phone", "phone"
                ),
                DetailField("DiaChiNhan", "Địa chỉ người nhận", "Recipient's address", "text"),
                DetailField(
                    "LoaiBuuGui",
                    "Loại bưu gửi",
                    "Item type",
                    "choice",
                    choices=_choices(
                        ("ho_so_tthc", "Hồ sơ thủ tục hành chính", "Procedure dossier"),
                        ("giay_to", "Giấy tờ, tài liệu", "Papers"),
                    ),
                ),
            ),
            ("dang_ky_dich_vu",),
        ),
        ServiceSchema(
            "postal_return",
            "Nhận kết quả thủ tục tại nhà qua bưu chính công ích",
            "Receive the procedure result at home by post",
            _NAME_PHONE,
            True,
            (
                DetailField(
                    "KhungGio",
                    "Thời gian nhận phù hợp",
                    "Preferred delivery time",
                    "choice",
                    required=False,
                    choices=_choices(
                        ("gio_hanh_chinh", "Giờ hành chính", "Office hours"),
                        ("ngoai_gio", "Ngoài giờ hành chính", "Outside office hours"),
                    ),
                ),
                DetailField(
                    "GhiChuGiaoHang",
                    "Ghi chú cho người giao",
                    "Note for the courier",
                    "text",
                    required=False,
                    max_length=200,
                ),
            ),
            ("tra_ket_qua_buu_chinh",),
            needs_dossier=True,
        ),
        ServiceSchema(
            "electricity",
            "Đăng ký dịch vụ điện",
            "Electricity service",
            _ALL_THREE,
            True,
            (
                DetailField(
                    "LoaiYeuCau", "Loại yêu cầu", "Request", "choice", choices=_REQUEST_UTILITY
                ),
                DetailField("MucDichSuDung", "Mục đích sử dụng", "Use", "choice", choices=_USE),
                _CUSTOMER,
            ),
            ("dang_ky_dich_vu",),
        ),
        ServiceSchema(
            "water",
            "Đăng ký cấp nước sạch",
            "Water supply",
            _ALL_THREE,
            True,
            (
                DetailField(
                    "LoaiYeuCau", "Loại yêu cầu", "Request", "choice", choices=_REQUEST_UTILITY
                ),
                _CUSTOMER,
                _HOUSEHOLD,
            ),
            ("dang_ky_dich_vu",),
        ),
        ServiceSchema(
            "sanitation",
            "Đăng ký thu gom rác thải sinh hoạt",
            "Household waste collection",
            _NAME_PHONE,
            True,
            (
                DetailField(
                    "LoaiYeuCau",
                    "Loại yêu cầu",
                    "Request",
                    "choice",
                    choices=_choices(
                        ("thu_gom_dinh_ky", "Thu gom định kỳ", "Regular collection"),
                        ("thu_gom_cong_kenh", "Thu gom rác cồng kềnh", "Bulky waste pick-up"),
                    ),
                ),
                _HOUSEHOLD,
            ),
            ("dang_ky_dich_vu",),
        ),
        ServiceSchema(
            "telecom",
            "Đăng ký internet, truyền hình",
            "Internet and TV",
            _ALL_THREE,
            True,
            (
                DetailField(
                    "LoaiDichVu",
                    "Loại dịch vụ",
                    "Service",
                    "choice",
                    choices=_choices(
                        ("internet", "Internet cáp quang", "Fibre internet"),
                        ("truyen_hinh", "Truyền hình", "Television"),
                        (
                            "internet_truyen_hinh",
                            "Internet và truyền hình",
                            "Internet and television",
                        ),
                    ),
                ),
                DetailField(
                    "NhaMang",
                    "Nhà cung cấp",
                    "Provider",
                    "choice",
                    choices=_choices(
                        ("vnpt", "VNPT", "VNPT"),
                        ("viettel", "Viettel", "Viettel"),
                        ("fpt", "FPT", "FPT"),
                        ("khac", "Nhà cung cấp khác", "Other"),
                    ),
                ),
            ),
            ("dang_ky_dich_vu",),
        ),
        ServiceSchema(
            "clinic_appointment",
            "Đặt lịch khám bệnh",
            "Clinic appointment",
            {"HoTen": True, "SoDienThoai": True, "MaDoiTuong": False},
            False,
            (
                _FACILITY,
                DetailField(
                    "ChuyenKhoa",
                    "Chuyên khoa",
                    "Department",
                    "choice",
                    required=False,
                    choices=_choices(
                        ("noi", "Nội", "Internal medicine"),
                        ("nhi", "Nhi", "Paediatrics"),
                        ("san", "Sản", "Obstetrics"),
                        ("rang_ham_mat", "Răng hàm mặt", "Dental"),
                        ("mat", "Mắt", "Eyes"),
                        ("khac", "Khác", "Other"),
                    ),
                ),
                _DAY,
                _SESSION,
            ),
            ("dang_ky_dich_vu", "du_lieu_suc_khoe"),
            sensitive=True,
        ),
        ServiceSchema(
            "vaccination",
            "Đăng ký tiêm chủng",
            "Vaccination appointment",
            _NAME_PHONE,
            False,
            (
                _FACILITY,
                DetailField(
                    "NhomTuoi",
                    "Nhóm tuổi người được tiêm",
                    "Age group",
                    "choice",
                    choices=_choices(
                        ("duoi_6_tuoi", "Trẻ dưới 6 tuổi", "Under 6"),
                        ("6_den_17", "Từ 6 đến 17 tuổi", "6 to 17"),
                        ("tu_18", "Từ 18 tuổi", "18 and over"),
                    ),
                ),
                _DAY,
                _SESSION,
            ),
            ("dang_ky_dich_vu", "du_lieu_suc_khoe"),
            sensitive=True,
        ),
    )
}


def check_details(
    problems: Problems, path: str, value: object, schema: ServiceSchema, *, today: date
) -> dict[str, Any] | None:
    """``ChiTiet`` of one service: only its declared fields, each checked by type."""
    record = _check_object(problems, path, value, [d.key for d in schema.details])
    if record is None:
        return None
    out: dict[str, Any] = {}
    for detail in schema.details:
        checked = _check_detail(
            problems, f"{path}.{detail.key}", record.get(detail.key), detail, today
        )
        if checked is not None:
            out[detail.key] = checked
    return out


def _check_detail(
    problems: Problems, path: str, value: object, detail: DetailField, today: date
) -> object:
    label: Label = (detail.label, detail.label_en)
    required = detail.required
    if detail.type in ("text", "multiline"):
        return check_text(
            problems,
            path,
            value,
            required=required,
            max_len=detail.max_length,
            multiline=detail.type == "multiline",
            label=label,
        )
    if detail.type == "name":
        return check_name(problems, path, value, required=required, label=label)
    if detail.type == "phone":
        return check_phone(problems, path, value, required=required, label=label)
    if detail.type == "int":
        return check_int(
            problems,
            path,
            value,
            required=required,
            minimum=detail.minimum,
            maximum=detail.maximum,
            label=label,
        )
    if detail.type == "choice":
        codes = [c.code for c in detail.choices]
        return _check_choice(problems, path, value, codes, required=required, label=label)
    return check_date(
        problems,
        path,
        value,
        required=required,
        today=today,
        label=label,
        earliest=today + timedelta(days=detail.min_days),
        latest=today + timedelta(days=detail.max_days),
    )
