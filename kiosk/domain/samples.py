"""Realistic synthetic Vietnamese records for ``kiosk demo seed`` and for tests.

Every record is invented: names drawn from common surnames, middle and given names; personal
IDs consistent with the date of birth and a real pre-2025 province code; valid mobile
numbers; real Khánh Hòa wards from the bundled units dataset; real commune-level procedures
(code, name, sector) from the national catalogue snapshot
(``/work/shared/data/tthc/procedures_cap_xa.jsonl``, fees from ``procedures.jsonl``).
The same ``random.Random`` seed always gives the same records.

The sector codes (``MaLinhVuc``) are placeholders: the snapshot carries sector names only;
the provincial catalogue supplies the real codes.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from kiosk.domain.consent import PURPOSES
from kiosk.domain.fields import VN_TZ, format_timestamp
from kiosk.domain.payloads import ValidationContext
from kiosk.domain.phones import normalize_phone
from kiosk.domain.procedures import ProcedureRef
from kiosk.domain.registrations import SERVICES, DetailField, ServiceSchema
from kiosk.domain.units import UnitsIndex, Ward, default_units

KHANH_HOA = "56"
CONSENT_VERSION = "2026-01"

# (code, name, sector code, sector name, [(fee name, fee type, amount)]) — real entries.
_PROCEDURES: tuple[tuple[str, str, str, str, tuple[tuple[str, str, int], ...]], ...] = (
    ("1.001193", "Thủ tục đăng ký khai sinh", "ho_tich", "Hộ tịch", ()),
    ("1.000894", "Thủ tục đăng ký kết hôn", "ho_tich", "Hộ tịch", ()),
    ("1.000656", "Thủ tục đăng ký khai tử", "ho_tich", "Hộ tịch", ()),
    ("1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "ho_tich", "Hộ tịch", ()),
    (
        "2.000635",
        "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
        "ho_tich",
        "Hộ tịch",
        (("Phí cấp bản sao trích lục hộ tịch", "Phí", 8000),),
    ),
    (
        "1.004222",
        "Đăng ký thường trú",
        "cu_tru",
        "Đăng ký, quản lý cư trú",
        (("Lệ phí đăng ký thường trú", "Lệ phí", 10000),),
    ),
    (
        "1.004194",
        "Đăng ký tạm trú",
        "cu_tru",
        "Đăng ký, quản lý cư trú",
        (("Lệ phí đăng ký tạm trú", "Lệ phí", 7000),),
    ),
    (
        "2.000884",
        "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp "
        "chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể "
        "điểm chỉ được)",
        "chung_thuc",
        "Chứng thực",
        (("Phí chứng thực chữ ký", "Phí", 10000),),
    ),
    (
        "1.014064",
        "Cấp lại thẻ căn cước",
        "can_cuoc",
        "Cấp, quản lý căn cước",
        (("Lệ phí cấp lại thẻ căn cước", "Lệ phí", 70000),),
    ),
)

SAMPLE_PROCEDURES: dict[str, ProcedureRef] = {
    code: ProcedureRef(code, name, field_code, field_name, stopped=False, level="xa")
    for code, name, field_code, field_name, _fees in _PROCEDURES
}
_FEES = {code: fees for code, _n, _fc, _fn, fees in _PROCEDURES}

_SURNAMES = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Huỳnh", 5),
    ("Hoàng", 3),
    ("Phan", 4),
    ("Võ", 4),
    ("Vũ", 2),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
    ("Trương", 1),
    ("Đinh", 1),
)
_MIDDLE = {
    False: ("Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thành", "Xuân"),
    True: ("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bảo", "Thị"),
}
_GIVEN = {
    False: (
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khoa",
        "Long",
        "Nam",
        "Phúc",
        "Quang",
        "Sơn",
        "Tuấn",
        "Việt",
        "Lộc",
        "Thắng",
        "Trí",
        "Hiếu",
    ),
    True: (
        "Anh",
        "Châu",
        "Dung",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Ngân",
        "Nhung",
        "Phương",
        "Thảo",
        "Trang",
        "Yến",
        "Ánh",
        "Hằng",
    ),
}
_BIRTH_PROVINCES = (
    ("056", 60),
    ("058", 12),
    ("054", 4),
    ("052", 4),
    ("066", 3),
    ("068", 3),
    ("001", 3),
    ("079", 4),
    ("040", 3),
    ("038", 2),
    ("048", 2),
)
_MOBILE_PREFIXES = (
    "090",
    "093",
    "089",
    "070",
    "079",
    "077",
    "076",
    "078",
    "091",
    "094",
    "088",
    "083",
    "084",
    "085",
    "086",
    "096",
    "097",
    "098",
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "056",
    "058",
)
_STREETS = (
    "Trần Phú",
    "Lê Thánh Tôn",
    "Yersin",
    "Thống Nhất",
    "23 Tháng 10",
    "Nguyễn Thị Minh Khai",
    "Hùng Vương",
    "Pasteur",
    "Quang Trung",
    "Lê Hồng Phong",
    "2 Tháng 4",
    "Phạm Văn Đồng",
    "Nguyễn Trãi",
    "Hoàng Văn Thụ",
    "Ngô Gia Tự",
)
_HAMLETS = (
    "Thôn Phú Lộc",
    "Thôn Đông",
    "Thôn Tây",
    "Tổ dân phố 3",
    "Tổ dân phố 7",
    "Thôn Xuân Ngọc",
    "Thôn Văn Đăng",
    "Thôn Hòn Nghê",
)
_NHA_TRANG = ("22366", "22333", "22390", "22402")
_FACILITIES = (
    "Trạm Y tế phường Nha Trang",
    "Bệnh viện Đa khoa tỉnh Khánh Hòa",
    "Trung tâm Kiểm soát bệnh tật tỉnh Khánh Hòa",
    "Trạm Y tế phường Tây Nha Trang",
)
_FEEDBACK = (
    ("ha_tang", "Đèn đường trước nhà số {n} đường {street} bị hỏng nhiều ngày, buổi tối rất tối."),
    ("moi_truong", "Rác thải sinh hoạt tập kết ở đầu hẻm {n} {street} chưa được thu gom hai ngày."),
    ("an_ninh_trat_tu", "Buổi tối có nhóm thanh niên tụ tập, gây ồn ào gần hẻm {n} {street}."),
    ("chinh_sach", "Đề nghị hướng dẫn rõ hơn cách nộp lệ phí trực tuyến khi làm thủ tục."),
    ("khac", "Cảm ơn cán bộ và tình nguyện viên tại điểm hỗ trợ đã hướng dẫn tận tình."),
)


def sample_procedure(code: str) -> ProcedureRef | None:
    """Catalogue look-up over :data:`SAMPLE_PROCEDURES` (for tests and the demo)."""
    return SAMPLE_PROCEDURES.get(code)


def sample_context(now: datetime, units: UnitsIndex | None = None) -> ValidationContext:
    """A context that accepts every sample: consent ``2026-01``, 100 000 000 đ maximum."""
    return ValidationContext(
        now=now,
        consent_versions=frozenset({CONSENT_VERSION}),
        max_amount_vnd=100_000_000,
        procedure=sample_procedure,
        units=units or default_units(),
    )


# --- people -----------------------------------------------------------------------------


def _weighted(rng: random.Random, items: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def sample_name(rng: random.Random, female: bool | None = None) -> str:
    is_female = rng.random() < 0.5 if female is None else female
    surname = _weighted(rng, _SURNAMES)
    return f"{surname} {rng.choice(_MIDDLE[is_female])} {rng.choice(_GIVEN[is_female])}"


def sample_birth_date(rng: random.Random, today: date, min_age: int = 18) -> date:
    start = date(today.year - 85, 1, 1)
    end = date(today.year - min_age, today.month, min(today.day, 28))
    return start + timedelta(days=rng.randrange((end - start).days))


def sample_personal_id(rng: random.Random, birth: date, female: bool) -> str:
    """A well-formed 12-digit ID for someone born on ``birth`` (no real person's)."""
    province = _weighted(rng, _BIRTH_PROVINCES)
    century = 2 * ((birth.year - 1900) // 100) + int(female)
    return f"{province}{century}{birth.year % 100:02d}{rng.randrange(1_000_000):06d}"


def sample_phone(rng: random.Random) -> str:
    while True:
        phone = normalize_phone(f"{rng.choice(_MOBILE_PREFIXES)}{rng.randrange(10**7):07d}")
        if phone is not None:
            return phone


def sample_address(rng: random.Random, units: UnitsIndex | None = None) -> dict[str, str]:
    index = units or default_units()
    ward = _sample_ward(rng, index)
    province = index.province(ward.province_code)
    assert province is not None
    if ward.type == "phuong":
        street = f"{rng.randrange(1, 300)} {rng.choice(_STREETS)}"
    else:
        street = rng.choice(_HAMLETS)
    return {
        "SoNha": street,
        "MaXa": ward.code,
        "TenXa": ward.name,
        "MaTinh": province.code,
        "TenTinh": province.name,
    }


def _sample_ward(rng: random.Random, index: UnitsIndex) -> Ward:
    if rng.random() < 0.6:
        ward = index.ward(rng.choice(_NHA_TRANG))
        if ward is not None:
            return ward
    return rng.choice(index.wards_of(KHANH_HOA))


def _moment(rng: random.Random, now: datetime, max_minutes: int = 120) -> datetime:
    return now.astimezone(VN_TZ) - timedelta(
        minutes=rng.randrange(1, max_minutes), seconds=rng.randrange(60)
    )


def _consent(moment: datetime, purposes: list[str]) -> dict[str, Any]:
    assert all(p in PURPOSES for p in purposes)
    return {
        "ThoiDiem": format_timestamp(moment - timedelta(minutes=3)),
        "PhienBanThongBao": CONSENT_VERSION,
        "MucDich": purposes,
    }


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def sample_receipt_code(rng: random.Random, moment: datetime) -> str:
    return f"NT01-{moment:%y%m%d}-{rng.randrange(1, 10_000):04d}"


# --- payloads ---------------------------------------------------------------------------


def _dossier(rng: random.Random, now: datetime) -> dict[str, Any]:
    procedure = SAMPLE_PROCEDURES[rng.choice(sorted(SAMPLE_PROCEDURES))]
    female = rng.random() < 0.5
    birth = sample_birth_date(rng, now.date())
    moment = _moment(rng, now)
    delivery = int(rng.random() < 0.25)
    payload: dict[str, Any] = {
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "MaLinhVuc": procedure.field_code,
        "TenLinhVuc": procedure.field_name,
        "ChuHoSo": sample_name(rng, female),
        "LoaiDoiTuong": 1,
        "MaDoiTuong": sample_personal_id(rng, birth, female),
        "NgaySinh": f"{birth:%Y%m%d}",
        "SoDienThoai": sample_phone(rng),
        "DiaChi": sample_address(rng),
        "TrichYeuHoSo": f"Đề nghị giải quyết: {procedure.name.lower()}.",
        "KenhThucHien": 2,
        "HinhThucNhanKetQua": delivery,
    }
    fees = [
        {
            "MaPhiLePhi": f"{procedure.code}-{i + 1}",
            "TenPhiLePhi": name,
            "LoaiPhiLePhi": kind,
            "SoTien": amount,
        }
        for i, (name, kind, amount) in enumerate(_FEES[procedure.code])
    ]
    if fees:
        payload["DanhSachLePhi"] = fees
    purposes = ["giai_quyet_tthc", "lien_he_ho_tro"]
    purposes += ["tra_ket_qua_buu_chinh"] if delivery == 1 else []
    payload["DongY"] = _consent(moment, purposes)
    if rng.random() < 0.5:
        payload["NguoiHoTro"] = f"tnv.{rng.randrange(1, 40):02d}"
    return payload


def _payment(rng: random.Random, now: datetime) -> dict[str, Any]:
    code = rng.choice([c for c in sorted(_FEES) if _FEES[c]])
    name, kind, amount = _FEES[code][0]
    method = rng.choice(("tien_mat", "vietqr", "vietqr", "the"))
    moment = _moment(rng, now)
    birth = sample_birth_date(rng, now.date())
    female = rng.random() < 0.5
    return {
        "dossier_id": _uuid(rng) if rng.random() < 0.7 else None,
        "LoaiKhoanNop": "le_phi" if kind == "Lệ phí" else "phi",
        "NoiDung": name,
        "SoTien": amount,
        "HinhThuc": method,
        "MaThamChieu": None if method == "tien_mat" else f"FT{rng.randrange(10**10):010d}",
        "NguoiNop": sample_name(rng, female),
        "MaDoiTuongNguoiNop": sample_personal_id(rng, birth, female)
        if rng.random() < 0.5
        else None,
        "DongY": _consent(moment, ["thanh_toan"]),
        "ThoiDiem": format_timestamp(moment),
    }


def _detail_value(rng: random.Random, detail: DetailField, today: date) -> Any:
    if detail.type == "choice":
        return rng.choice(detail.choices).code
    if detail.type == "name":
        return sample_name(rng)
    if detail.type == "phone":
        return sample_phone(rng)
    if detail.type == "date":
        days = rng.randrange(max(detail.min_days, 1), detail.max_days // 3)
        return f"{today + timedelta(days=days):%Y%m%d}"
    if detail.type == "int":
        return rng.randrange(detail.minimum or 1, min(detail.maximum or 10, 8) + 1)
    return _detail_text(rng, detail.key)


def _detail_text(rng: random.Random, key: str) -> str:
    texts = {
        "CoSoYTe": rng.choice(_FACILITIES),
        "DiaChiNhan": f"{rng.randrange(1, 200)} {rng.choice(_STREETS)}, Phường Nam Nha Trang, "
        "Khánh Hòa",
        "MaKhachHang": f"PQ{rng.randrange(10**8):08d}",
        "GhiChuGiaoHang": "Gọi điện trước khi giao",
    }
    return texts.get(key, "Không có")


# A postal return belongs to a dossier (dossier_id required): the save service derives it from
# a dossier sample sent back by post (HinhThucNhanKetQua = 1), so it is not sampled alone.
_STANDALONE_SERVICES = sorted(code for code, s in SERVICES.items() if not s.needs_dossier)


def _registration(rng: random.Random, now: datetime) -> dict[str, Any]:
    schema: ServiceSchema = SERVICES[rng.choice(_STANDALONE_SERVICES)]
    moment = _moment(rng, now)
    female = rng.random() < 0.5
    person: dict[str, Any] = {"HoTen": sample_name(rng, female), "SoDienThoai": sample_phone(rng)}
    if "MaDoiTuong" in schema.applicant:
        birth = sample_birth_date(rng, now.date())
        person["MaDoiTuong"] = sample_personal_id(rng, birth, female)
    details = {
        d.key: _detail_value(rng, d, now.date())
        for d in schema.details
        if d.required or rng.random() < 0.5
    }
    payload: dict[str, Any] = {
        "DichVu": schema.code,
        "dossier_id": None,
        "NguoiDangKy": {k: person[k] for k in schema.applicant if k in person},
        "ChiTiet": details,
        "DongY": _consent(moment, list(schema.purposes)),
        "ThoiDiem": format_timestamp(moment),
    }
    if schema.needs_address:
        payload["DiaChi"] = sample_address(rng)
    return payload


def _feedback(rng: random.Random, now: datetime) -> dict[str, Any]:
    topic, template = rng.choice(_FEEDBACK)
    street = rng.choice(_STREETS)
    moment = _moment(rng, now)
    anonymous = rng.random() < 0.4
    payload: dict[str, Any] = {
        "LinhVuc": topic,
        "NoiDung": template.format(n=rng.randrange(1, 200), street=street),
        "DiaDiem": f"Đường {street}, Phường Nha Trang" if topic != "khac" else None,
        "AnDanh": anonymous,
        "LienHe": None
        if anonymous
        else {"HoTen": sample_name(rng), "SoDienThoai": sample_phone(rng)},
        "ThoiDiem": format_timestamp(moment),
    }
    if not anonymous:
        payload["DongY"] = _consent(moment, ["lien_he_ho_tro"])
    return payload


def _visit(rng: random.Random, now: datetime) -> dict[str, Any]:
    topic = rng.choice(("huong_dan_tthc", "tra_cuu", "thanh_toan", "cai_dat_ung_dung", "khac"))
    with_procedure = topic in ("huong_dan_tthc", "thanh_toan")
    return {
        "ChuDe": topic,
        "MaTTHC": rng.choice(sorted(SAMPLE_PROCEDURES)) if with_procedure else None,
        "KetQua": rng.choice(("da_nop", "da_huong_dan", "hen_quay_lai")),
        "ThoiLuongGiay": rng.randrange(60, 3600),
        "ThoiDiem": format_timestamp(_moment(rng, now)),
    }


_BUILDERS = {
    "dossier": _dossier,
    "payment": _payment,
    "registration": _registration,
    "feedback": _feedback,
    "visit": _visit,
}


def sample_payload(
    kind: str, rng: random.Random, now: datetime, *, with_receipt: bool = False
) -> dict[str, Any]:
    """A valid, already-normalised contract-v1 payload of ``kind``.

    The kiosk-filled ``MaBienNhanTaiDiem`` (and a dossier's ``NgayNopTaiDiem``) are left
    out unless ``with_receipt`` is true, because the save service sets them.
    """
    payload = _BUILDERS[kind](rng, now)
    if with_receipt and kind != "feedback" and kind != "visit":
        moment = now.astimezone(VN_TZ)
        payload["MaBienNhanTaiDiem"] = sample_receipt_code(rng, moment)
        if kind == "dossier":
            payload["NgayNopTaiDiem"] = format_timestamp(moment)
    return payload
