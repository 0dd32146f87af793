"""Fixed, invented example receipts (one per kind) for the docs, the benchmark and tests.

Every name, ID number, phone and account here is invented. The ID ``056095001234`` prints as
``056*****1234``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.printing.labels import DEFAULT_PRIVACY
from kiosk.printing.model import PointInfo
from kiosk.printing.prepare import ReceiptSource

SAVED_AT = datetime(2026, 11, 22, 2, 41, tzinfo=UTC)  # 09:41 in Vietnam
EXAMPLE_ID = "056095001234"
EXAMPLE_PHONE = "+84905123456"

POINT = PointInfo(
    name="Điểm hỗ trợ DVC trực tuyến Phường Nha Trang",
    ward="Phường Nha Trang, tỉnh Khánh Hòa",
    kiosk_code="KIOSK-56-22366-01",
    hotline="0258 3822 222",
    privacy=DEFAULT_PRIVACY,
    lookup_url="https://dichvucong.khanhhoa.gov.vn/tra-cuu",
    bank_bin="970415",
    bank_account="113366668888",
    bank_name="VietinBank",
    beneficiary="UBND PHUONG NHA TRANG",
)

_CONSENT = {"ThoiDiem": "20261122093800", "PhienBanThongBao": "2026-01", "MucDich": []}

DOSSIER = ReceiptSource(
    kind="dossier",
    receipt_code="NT01-261122-0042",
    saved_at=SAVED_AT,
    actor="tnv.07",
    payload={
        "MaTTHC": "1.004222",
        "TenTTHC": "Đăng ký thường trú",
        "ChuHoSo": "Nguyễn Thị Ánh Tuyết",
        "LoaiDoiTuong": 1,
        "MaDoiTuong": EXAMPLE_ID,
        "SoDienThoai": EXAMPLE_PHONE,
        "HinhThucNhanKetQua": 1,
        "NgayNopTaiDiem": "20261122094100",
        "TaiLieuNop": [
            {"TenTepDinhKem": "Tờ khai thay đổi thông tin cư trú (CT01).pdf"},
            {"TenTepDinhKem": "Giấy chứng nhận quyền sử dụng đất.pdf"},
            {"TenTepDinhKem": "Hợp đồng cho ở nhờ.jpg"},
        ],
        "DanhSachLePhi": [
            {"TenPhiLePhi": "Lệ phí đăng ký thường trú", "LoaiPhiLePhi": "Lệ phí", "SoTien": 20000},
            {
                "TenPhiLePhi": "Cước dịch vụ bưu chính công ích trả kết quả",
                "LoaiPhiLePhi": "Phí",
                "SoTien": 1480000,
            },
        ],
        "NguoiHoTro": "tnv.07",
        "DongY": _CONSENT,
        "MaBienNhanTaiDiem": "NT01-261122-0042",
    },
)

PAYMENT = ReceiptSource(
    kind="payment",
    receipt_code="NT01-261122-0043",
    saved_at=SAVED_AT,
    actor="tnv.07",
    payload={
        "LoaiKhoanNop": "le_phi",
        "NoiDung": "Lệ phí cấp bản sao trích lục hộ tịch",
        "SoTien": 150000,
        "HinhThuc": "vietqr",
        "MaThamChieu": None,
        "NguoiNop": "Trần Văn Đức",
        "MaDoiTuongNguoiNop": EXAMPLE_ID,
        "ThoiDiem": "20261122094500",
    },
    linked_code="NT01-261122-0042",
)

REGISTRATION = ReceiptSource(
    kind="registration",
    receipt_code="NT01-261122-0044",
    saved_at=SAVED_AT,
    actor="tnv.07",
    payload={
        "DichVu": "water",
        "NguoiDangKy": {
            "HoTen": "Lê Thị Hồng Nhung",
            "MaDoiTuong": EXAMPLE_ID,
            "SoDienThoai": EXAMPLE_PHONE,
        },
        "DiaChi": {
            "SoNha": "12 Trần Phú",
            "MaXa": "22366",
            "TenXa": "Phường Nha Trang",
            "MaTinh": "56",
            "TenTinh": "Khánh Hòa",
        },
        "ChiTiet": {"LoaiYeuCau": "lap_moi", "SoNhanKhau": 4},
        "DongY": _CONSENT,
        "ThoiDiem": "20261122095000",
    },
)

FEEDBACK = ReceiptSource(
    kind="feedback",
    receipt_code="NT01-261122-0045",
    saved_at=SAVED_AT,
    actor="tnv.07",
    payload={
        "LinhVuc": "ha_tang",
        "NoiDung": "Đèn đường trước nhà số 45 đường Yersin bị hỏng nhiều ngày, buổi tối rất tối.",
        "DiaDiem": "Đường Yersin, Phường Nha Trang",
        "AnDanh": True,
        "LienHe": None,
        "ThoiDiem": "20261122095500",
    },
)

VISIT = ReceiptSource(
    kind="visit",
    receipt_code="NT01-261122-0046",
    saved_at=SAVED_AT,
    actor="tnv.07",
    payload={
        "ChuDe": "huong_dan_tthc",
        "MaTTHC": "1.001193",
        "KetQua": "da_huong_dan",
        "ThoiLuongGiay": 1500,
        "ThoiDiem": "20261122100000",
    },
    procedure_name="Thủ tục đăng ký khai sinh",
)

EXAMPLES: dict[str, ReceiptSource] = {
    "dossier": DOSSIER,
    "payment": PAYMENT,
    "registration": REGISTRATION,
    "feedback": FEEDBACK,
    "visit": VISIT,
}
