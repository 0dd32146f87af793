"""National dossier status codes (``TrangThaiHoSo``), in words a resident understands."""

from __future__ import annotations

STATUS_WORDS: dict[int, tuple[str, str]] = {
    1: ("Mới đăng ký", "Newly registered"),
    2: ("Được tiếp nhận", "Received"),
    3: ("Không được tiếp nhận", "Not received"),
    4: ("Đang xử lý", "Being processed"),
    5: ("Yêu cầu bổ sung giấy tờ", "More papers requested"),
    6: ("Yêu cầu thực hiện nghĩa vụ tài chính", "Payment of fees requested"),
    7: ("Công dân yêu cầu rút hồ sơ", "Withdrawn at the citizen's request"),
    8: ("Dừng xử lý", "Processing stopped"),
    9: ("Đã xử lý xong", "Processed"),
    10: ("Đã trả kết quả", "Result returned"),
}
NOT_SENT_YET = ("Đã lưu tại điểm hỗ trợ, đang chờ gửi lên tỉnh", "Saved here, waiting to be sent")
SENT_NO_STATUS = ("Tỉnh đã nhận, đang chờ cơ quan tiếp nhận", "Received by the province")
NEEDS_CORRECTION = ("Cần bổ sung, sửa thông tin tại điểm hỗ trợ", "Needs correction at the point")


def status_words(code: int) -> tuple[str, str]:
    return STATUS_WORDS.get(code, (f"Trạng thái {code}", f"Status {code}"))
