"""What can go wrong talking to the province, as types the relay can act on."""

from __future__ import annotations


class SyncError(Exception):
    """Base class; ``message`` is Vietnamese, for the volunteer or technician."""

    message = "Lỗi khi trao đổi với hệ thống của tỉnh"
    # what the technician at ``kiosk sync --once`` reads: what it means and what to do
    advice = "Dữ liệu vẫn an toàn trên máy. Chạy kiosk doctor để xem chi tiết."

    def __init__(self, detail: str = "", retry_after: float | None = None) -> None:
        super().__init__(detail or self.message)
        self.detail = detail
        self.retry_after = retry_after
        self.before_request = False  # raised before the request itself left (its token)


class NotSent(SyncError):
    """The request never reached the province (refused, DNS, connect time-out): safe to retry."""

    message = "Không kết nối được với hệ thống của tỉnh"
    advice = (
        "Dữ liệu vẫn an toàn trên máy và sẽ tự gửi khi có mạng. Kiểm tra mạng và địa chỉ máy "
        "chủ (kiosk config get server.url); kiosk doctor thử kết nối."
    )


class Stopping(NotSent):
    """The sync worker is stopping (the kiosk is closing): the request was not sent."""

    message = "Đang dừng gửi dữ liệu"


class OutcomeUnknown(SyncError):
    """The request may have been processed (time-out, reset, garbage or truncated answer)."""

    message = "Không rõ tỉnh đã nhận hay chưa; sẽ đối chiếu lại"
    advice = (
        "Không mất gì và không gửi trùng: lần sau kiosk hỏi tỉnh về các mục này rồi mới gửi "
        "tiếp. Nếu lặp lại, kiểm tra mạng (kiosk doctor)."
    )


class RetryLater(SyncError):
    """429 or 503 (with Retry-After), or 500/502/504: the province asks us to wait."""

    message = "Hệ thống của tỉnh đang bận; sẽ gửi lại sau"
    advice = "Dữ liệu vẫn an toàn trên máy; kiosk tự gửi lại khi tỉnh cho phép."

    def __init__(
        self, detail: str = "", retry_after: float | None = None, status: int = 503
    ) -> None:
        super().__init__(detail, retry_after)
        self.status = status  # 429/503: refused unprocessed; 5xx: it may have been processed


class AuthFailed(SyncError):
    """The client id/secret are refused (401 invalid_client) or missing from the keyring."""

    message = "Thông tin đăng nhập của kiosk bị từ chối; hãy gọi kỹ thuật viên"
    advice = (
        "Tỉnh không nhận mã kiosk hoặc mã bí mật. Nhập lại mã bí mật do tỉnh cấp: kiosk "
        "credentials set --client-id MÃ_KIOSK (hoặc chạy lại kiosk setup). Dữ liệu vẫn an toàn."
    )


class SecretUnavailable(AuthFailed):
    """The keyring could not give the client secret (locked, unreadable, no backend): the
    province refused nothing."""

    message = (
        "Không đọc được mã bí mật trong kho khóa của máy (có thể kho khóa đang bị khóa); "
        "hãy gọi kỹ thuật viên"
    )
    advice = (
        "Mở khóa kho khóa của tài khoản chạy kiosk, hoặc nhập lại mã bí mật: kiosk "
        "credentials set --client-id MÃ_KIOSK. Dữ liệu vẫn an toàn."
    )


class KioskDisabled(SyncError):
    """403 kiosk_disabled: the province switched this kiosk off. Stop sending; delete nothing.
    ``detail`` is the province's own words: never logged, shown masked."""

    message = "Tỉnh đã tạm ngừng kiosk này; hãy gọi kỹ thuật viên"
    advice = (
        "Liên hệ bộ phận quản lý hệ thống của tỉnh để mở lại kiosk. Không xóa gì: dữ liệu chờ "
        "trên máy và được gửi khi kiosk được mở lại."
    )


class BadRequest(SyncError):
    """400/413/422: the province refuses the request as a whole (shape or size). ``detail``
    is the province's own words (they may name a person): never logged, sealed when kept
    (a single refused item's error), shown masked."""

    message = "Tỉnh không nhận yêu cầu này"

    def __init__(self, detail: str = "", status: int = 400, code: str = "") -> None:
        super().__init__(detail)
        self.status = status
        self.code = code


class IdempotencyConflict(BadRequest):
    """409 ``idempotency_conflict`` (contract §2, §4): an id the province holds with other
    content. Never resent blindly: the item found to carry it is quarantined (``conflict``),
    never ``rejected`` (a correction would send the same dossier again under a new id)."""

    message = "Tỉnh báo xung đột mã mục (cùng mã, nội dung khác); cần kỹ thuật viên kiểm tra"


class UnexpectedAnswer(SyncError):
    """An HTTP status the contract does not list for this call (404, 405, 410, …): a wrong
    server address, a proxy, or an interface version the province retired. Retrying does
    not help; the technician must look."""

    message = (
        "Tỉnh trả lời theo cách không có trong giao diện đã thống nhất, cần kỹ thuật viên kiểm tra"
    )
    advice = (
        "Không gửi lại tự động để tránh lặp vô ích; dữ liệu vẫn an toàn trên máy. Kiểm tra địa "
        "chỉ máy chủ (kiosk config get server.url) và hỏi tỉnh xem giao diện v1 còn dùng không."
    )

    def __init__(self, detail: str = "", status: int = 0) -> None:
        super().__init__(detail)
        self.status = status
