"""National dossier status codes (``TrangThaiHoSo``), in words a resident understands, and
what the resident does next at each one (the province's note, GhiChu, is never kept: it may
name the person, so these say where to ask instead of repeating it)."""

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


ONE_STOP_ASK = (
    "Xin mang giấy biên nhận đến Bộ phận Một cửa của phường hoặc gọi tình nguyện viên",
    "Please bring your receipt to the ward's one-stop desk or call a volunteer",
)
NEXT_STEPS: dict[int, tuple[str, str]] = {
    1: (
        "Hồ sơ đã đến cơ quan giải quyết, đang chờ cán bộ tiếp nhận.",
        "The application has reached the office and is waiting to be received.",
    ),
    2: (
        "Cơ quan đã tiếp nhận hồ sơ. Xin chờ đến ngày hẹn trả kết quả.",
        "The office has received it. Please wait for the return date.",
    ),
    3: (
        f"Hồ sơ không được tiếp nhận. {ONE_STOP_ASK[0]} để biết lý do.",
        f"The application was not accepted. {ONE_STOP_ASK[1]} to learn why.",
    ),
    4: (
        "Cơ quan đang giải quyết hồ sơ. Ông/bà chưa cần làm gì thêm.",
        "The office is working on it. Nothing more is needed from you for now.",
    ),
    5: (
        f"Cơ quan cần thêm giấy tờ. {ONE_STOP_ASK[0]} để biết cần bổ sung giấy tờ nào.",
        f"The office needs more papers. {ONE_STOP_ASK[1]} to learn which.",
    ),
    6: (
        "Cần nộp phí, lệ phí cho hồ sơ này. Có thể nộp ngay tại máy này.",
        "Fees are due for this application. You can pay them here.",
    ),
    7: (
        "Hồ sơ đã được rút theo yêu cầu của người nộp.",
        "The application was withdrawn at the applicant's request.",
    ),
    8: (
        f"Cơ quan đã dừng giải quyết hồ sơ. {ONE_STOP_ASK[0]} để biết lý do.",
        f"The office stopped processing it. {ONE_STOP_ASK[1]} to learn why.",
    ),
    10: (
        "Kết quả đã được trả. Hồ sơ đã xong.",
        "The result has been handed over. The application is complete.",
    ),
}
READY_AT_OFFICE = (
    "Đã có kết quả. Xin mang giấy biên nhận và thẻ căn cước đến Bộ phận Một cửa để nhận.",
    "The result is ready. Please bring your receipt and ID card to the one-stop desk.",
)
READY_BY_POST = (
    "Đã có kết quả. Bưu điện sẽ chuyển kết quả đến địa chỉ đã đăng ký.",
    "The result is ready. The post office will bring it to the address you gave.",
)
NEXT_NOT_SENT = (
    "Hồ sơ sẽ tự gửi lên tỉnh khi có mạng; không cần nộp lại.",
    "It will be sent by itself when the connection is back; no need to apply again.",
)
NEXT_SENT = (
    "Xin tra cứu lại sau ít ngày.",
    "Please look again in a few days.",
)
NEXT_CORRECTION = (
    "Xin gặp tình nguyện viên tại điểm hỗ trợ để sửa thông tin hồ sơ.",
    "Please see a volunteer here to correct the application.",
)
FEES_DUE = 6  # the status at which the look-up offers to pay here


def next_step(code: int, by_post: bool) -> tuple[str, str]:
    """What the resident does now, for a status the province sent (``by_post``: the result
    is returned by public postal service, HinhThucNhanKetQua 1)."""
    if code == 9:
        return READY_BY_POST if by_post else READY_AT_OFFICE
    return NEXT_STEPS.get(code, ONE_STOP_ASK)
