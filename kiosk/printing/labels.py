"""The Vietnamese words on receipts: titles per kind and the words for contract-v1 codes."""

from __future__ import annotations

from kiosk.settings import declared

TITLES: dict[str, str] = {
    "dossier": "GIẤY BIÊN NHẬN HỒ SƠ",
    "payment": "PHIẾU GHI NHẬN NỘP TIỀN",
    "registration": "PHIẾU ĐĂNG KÝ DỊCH VỤ",
    "feedback": "PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ",
    "visit": "PHIẾU GHI NHẬN HỖ TRỢ",
    "test": "TRANG IN THỬ",
}
# HinhThucNhanKetQua
RETURN_METHODS = {
    0: "Nhận trực tiếp tại Bộ phận Một cửa",
    1: "Gửi về nhà qua bưu chính công ích",
}
SUBJECT_ID_LABELS = {1: "Số định danh", 2: "Mã số thuế"}  # LoaiDoiTuong
PAYMENT_TYPES = {
    "le_phi": "Lệ phí",
    "phi": "Phí",
    "dong_gop": "Đóng góp",
    "dich_vu_cong_ich": "Dịch vụ công ích",
}
PAYMENT_METHODS = {
    "tien_mat": "Tiền mặt",
    "vietqr": "Chuyển khoản (VietQR)",
    "the": "Thẻ ngân hàng",
}
FEEDBACK_TOPICS = {
    "an_ninh_trat_tu": "An ninh, trật tự",
    "moi_truong": "Môi trường",
    "ha_tang": "Hạ tầng, giao thông, chiếu sáng",
    "chinh_sach": "Chính sách, thủ tục",
    "khac": "Khác",
}
VISIT_TOPICS = {
    "huong_dan_tthc": "Hướng dẫn thủ tục hành chính",
    "tra_cuu": "Tra cứu hồ sơ, thông tin",
    "thanh_toan": "Thanh toán phí, lệ phí",
    "cai_dat_ung_dung": "Cài đặt, sử dụng ứng dụng",
    "khac": "Khác",
}
VISIT_OUTCOMES = {
    "da_nop": "Đã nộp hồ sơ",
    "da_huong_dan": "Đã được hướng dẫn",
    "hen_quay_lai": "Hẹn quay lại",
}

LOOKUP_CAPTION = ("Quét mã để tra cứu hồ sơ",)
PAYMENT_CAPTION = "Quét mã để chuyển khoản"
# where a text-mode printer cannot draw the codes, what they hold is printed in words
LOOKUP_DETAIL = "Tra cứu hồ sơ"
TRANSFER_HEADING = "Thông tin chuyển khoản"
PAYMENT_NOTE = "Biên lai thu phí, lệ phí do cơ quan thu phát hành."
DOSSIER_NOTE = "Mã biên nhận không phải mã hồ sơ; mã hồ sơ chính thức do cơ quan tiếp nhận cấp."
DUE_UNKNOWN = "Cơ quan tiếp nhận sẽ thông báo"
# what the resident does after leaving the point (the look-up says the same, status by status)
NEXT_HEADING = "Việc tiếp theo"
NEXT_KEEP = "Giữ giấy biên nhận này; tra cứu hồ sơ bằng mã biên nhận tại điểm hỗ trợ."
NEXT_AT_OFFICE = "Khi có kết quả: mang giấy biên nhận và thẻ căn cước đến Bộ phận Một cửa để nhận."
NEXT_BY_POST = "Khi có kết quả: bưu điện chuyển đến địa chỉ đã đăng ký nhận."
NO_FEES = "Không thu phí, lệ phí"
ANONYMOUS = "Ẩn danh"
DEFAULT_PRIVACY = str(declared("receipt.privacy").default)
