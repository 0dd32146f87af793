"""Dossiers with the long names and large amounts real procedures have (national catalogue)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kiosk.printing import examples
from kiosk.printing.prepare import ReceiptSource

# a fee of procedure 1.000239 as the catalogue words it (105 characters)
FEE_NAME = (
    "250,000 VNĐ (- Sát hạch thực hành (Miễn kể từ ngày 07/4/2026 đến 30/6/2026 theo "
    "Thông tư 40/2026/TT-BTC))"
)
# a paper of the catalogue, as the name of its scanned file (192 characters)
PAPER_NAME = (
    "Văn bản nêu rõ nguồn gốc xăng dầu, khí xuất khẩu (nguồn do Thương nhân nhập khẩu hoặc mua "
    "của Thương nhân đầu mối nhập khẩu hoặc lấy từ nguồn sản xuất, pha chế xăng dầu, khí) - "
    "01 bản chụp.pdf"
)
# as long as a fee name may be (contract: 300 characters)
LONGEST_FEE = (
    "Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền "
    "với đất cho hộ gia đình, cá nhân tại các phường thuộc thành phố trực thuộc trung ương và "
    "thị xã, thành phố thuộc tỉnh (chỉ có quyền sử dụng đất, không có nhà và tài "
    "sản khác gắn liền với đất) – cấp mới lần đầu."
)


# a postal send's recipient, as long as the rules let their address (200) and name (100) be
RECIPIENT_ADDRESS = ("Tổ dân phố 5, hẻm 12 đường Nguyễn Thị Minh Khai, " * 5)[:199] + "x"
RECIPIENT_NAME = "Công Tôn Nữ " + "Thị Thanh " * 8 + "Hương"
# a feedback's place, as long as it may be (300)
PLACE = ("Ngã ba đường Lê Thánh Tôn và đường Trần Phú, trước cổng chợ, " * 6)[:299] + "x"


def postal_send() -> ReceiptSource:
    """The example registration as a postal send to :data:`RECIPIENT_NAME`."""
    payload = {
        **examples.REGISTRATION.payload,
        "DichVu": "postal_send",
        "ChiTiet": {
            "NguoiNhan": RECIPIENT_NAME,
            "SoDienThoaiNguoiNhan": "+84905123456",
            "DiaChiNhan": RECIPIENT_ADDRESS,
            "LoaiBuuGui": "giay_to",
        },
    }
    return dataclasses.replace(examples.REGISTRATION, payload=payload)


def feedback_at_length() -> ReceiptSource:
    """The example feedback about :data:`PLACE`."""
    payload = {**examples.FEEDBACK.payload, "DiaDiem": PLACE}
    return dataclasses.replace(examples.FEEDBACK, payload=payload)


def dossier(
    fees: Sequence[tuple[str, int]] | None = None, papers: Sequence[str] | None = None
) -> ReceiptSource:
    """The example dossier with these fees (name, đồng) and papers (file names)."""
    payload = dict(examples.DOSSIER.payload)
    if fees is not None:
        payload["DanhSachLePhi"] = [
            {"TenPhiLePhi": name, "LoaiPhiLePhi": "Lệ phí", "SoTien": amount}
            for name, amount in fees
        ]
    if papers is not None:
        payload["TaiLieuNop"] = [{"TenTepDinhKem": name} for name in papers]
    return dataclasses.replace(examples.DOSSIER, payload=payload)


def words(text: str) -> str:
    """Text with every run of white space (line ends, centring) as one space."""
    return " ".join(text.split())
