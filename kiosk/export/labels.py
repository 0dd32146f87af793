"""The Vietnamese words of the session log and the exports (codes stay in English).

Record-level words (payment methods, visit topics, statuses…) are the receipts' own
(:mod:`kiosk.printing.labels`, :mod:`kiosk.domain.statuses`, :mod:`kiosk.domain.registrations`),
so a receipt and an export never call the same thing two names.
"""

from __future__ import annotations

from functools import cache

from kiosk.domain.registrations import SERVICES
from kiosk.printing import labels as receipt_labels

GROUPS: dict[str, str] = {
    "visit": "Hướng dẫn",
    "dossier": "Hồ sơ",
    "payment": "Nộp tiền",
    "registration": "Đăng ký dịch vụ",
    "feedback": "Phản ánh, kiến nghị",
    "print": "In biên nhận",
    "sync": "Gửi lên tỉnh",
    "user": "Người dùng",
    "export": "Xuất dữ liệu",
    "day": "Chốt ngày",
    "system": "Hệ thống",
}

EVENTS: dict[str, str] = {
    "visit.created": "Lượt hướng dẫn người dân",
    "dossier.created": "Nộp hồ sơ",
    "payment.created": "Ghi nhận nộp tiền",
    "registration.created": "Đăng ký dịch vụ",
    "feedback.created": "Tiếp nhận phản ánh, kiến nghị",
    "dossier.correct": "Sửa hồ sơ, gửi lại",
    "payment.correct": "Sửa khoản nộp, gửi lại",
    "registration.correct": "Sửa đăng ký, gửi lại",
    "feedback.correct": "Sửa phản ánh, gửi lại",
    "visit.correct": "Sửa lượt hướng dẫn, gửi lại",
    "dossier.status": "Cập nhật trạng thái hồ sơ",
    "sync.sent": "Đã gửi lên tỉnh",
    "sync.accepted": "Tỉnh đã nhận",
    "sync.duplicate": "Tỉnh đã có (gửi trùng)",
    "sync.reconciled": "Đã đối soát với tỉnh",
    "sync.rejected": "Tỉnh từ chối, cần sửa",
    "sync.conflict": "Xung đột với dữ liệu của tỉnh",
    "sync.unknown": "Chưa rõ kết quả gửi",
    "sync.retry_later": "Tỉnh hẹn gửi lại sau",
    "sync.not_sent": "Chưa gửi được",
    "sync.accepted_after_withdrawal": "Tỉnh đã nhận mục đã hủy gửi (xóa dữ liệu đến muộn)",
    "sync.paper_refused": "Giấy tờ kèm theo không gửi được, hồ sơ cần quét lại và sửa",
    "sync.unreadable_answer": "Tỉnh nhiều lần trả lời một mục bằng kết quả không đọc được",
    "sync.withdrawn_in_doubt": "Mục hủy gửi khi đang gửi, chưa rõ tỉnh đã nhận",
    "sync.settled": "Đã hỏi tỉnh về mục hủy gửi chưa rõ kết quả",
    "sync.withdrawn_settled": "Tỉnh xác nhận chưa nhận mục đã hủy gửi",
    "sync.unsendable": "Hủy gửi mục đã xóa dữ liệu cá nhân",
    "print.queue": "Lệnh in biên nhận",
    "print.reprint": "In lại (bản sao)",
    "print.confirm": "Đã in, đã xác nhận ra giấy",
    "print.not_out": "Biên nhận không ra giấy",
    "print.failed": "In lỗi",
    "print.retry": "Thử in lại",
    "print.test": "In trang thử",
    "receipt.export": "Lưu biên nhận ra tệp",
    "user.login": "Đăng nhập",
    "user.logout": "Đăng xuất",
    "user.login_failed": "Đăng nhập sai PIN",
    "user.login_locked": "Đăng nhập khi tài khoản đang khóa",
    "user.login_unknown": "Đăng nhập bằng mã không tồn tại",
    "user.lockout": "Khóa tài khoản (sai PIN 5 lần)",
    "user.create": "Thêm người dùng",
    "user.set_pin": "Đổi mã PIN",
    "user.disable": "Khóa hẳn tài khoản (người dùng thôi làm)",
    "user.enable": "Mở lại tài khoản",
    "setup.identity": "Cài đặt: mã và tên điểm hỗ trợ",
    "setup.location": "Cài đặt: tỉnh và phường/xã",
    "setup.server": "Cài đặt: máy chủ của tỉnh",
    "setup.credentials": "Cài đặt: mã client và mã bí mật",
    "setup.printer": "Cài đặt: máy in và khổ giấy",
    "setup.receipt": "Cài đặt: đường dây nóng và tài khoản nhận tiền",
    "setup.accounts": "Cài đặt: mã PIN và tài khoản",
    "setup.finish": "Hoàn tất cài đặt",
    "export.file": "Xuất nhật ký",
    "day.close": "Chốt ngày",
    "day.close_correction": "Chốt lại ngày (điều chỉnh)",
    "config.set": "Đổi cài đặt",
    "catalog.load": "Nạp danh mục thủ tục",
    "outbox.recover_in_flight": "Khôi phục sau khi tắt máy đột ngột",
    "subject.find": "Tra cứu dữ liệu của một người",
    "subject.view": "Xem dữ liệu của một người",
    "subject.purge": "Xóa dữ liệu cá nhân theo yêu cầu",
    "retention.purge": "Xóa dữ liệu cá nhân hết hạn lưu giữ",
    "purge.reapply": "Xóa lại dữ liệu sau khi khôi phục bản sao lưu",
    "backup.create": "Sao lưu dữ liệu",
    "backup.restore": "Khôi phục từ bản sao lưu",
    "papers.collect_stray": "Dọn giấy tờ quét không thuộc hồ sơ nào",
    "papers.remove_abandoned": "Xóa bản quét của hồ sơ bỏ dở khỏi thư mục máy quét",
}

SYNC_STATES: dict[str, str] = {
    "pending": "Chờ gửi",
    "in_flight": "Đang gửi",
    "unknown": "Chưa rõ kết quả",
    "accepted": "Tỉnh đã nhận",
    "duplicate": "Tỉnh đã nhận (trùng)",
    "rejected": "Bị từ chối, cần sửa",
    "conflict": "Xung đột",
    "superseded": "Đã thay bằng bản sửa",
}

PRINT_STATES: dict[str, str] = {
    "queued": "Đang chờ in",
    "printing": "Đang in",
    "needs_confirmation": "Chưa xác nhận ra giấy",
    "printed": "Đã in",
    "failed": "In lỗi",
}

LOGOUT_REASONS = {"user": "tự đăng xuất", "timeout": "hết thời gian chờ", "shutdown": "tắt máy"}
PAYMENT_METHODS = receipt_labels.PAYMENT_METHODS
PAYMENT_TYPES = receipt_labels.PAYMENT_TYPES
VISIT_TOPICS = receipt_labels.VISIT_TOPICS
VISIT_OUTCOMES = receipt_labels.VISIT_OUTCOMES
FEEDBACK_TOPICS = receipt_labels.FEEDBACK_TOPICS
RETURN_METHODS = receipt_labels.RETURN_METHODS


@cache
def group_of(code: str) -> str:
    """``dossier.created`` → ``dossier``; print, sync, user, export, day; else ``system``."""
    head = code.split(".", 1)[0]
    if head == "receipt":
        return "print"
    return head if head in GROUPS else "system"


def event_label(code: str) -> str:
    return EVENTS.get(code, code)


def service_label(code: str) -> str:
    schema = SERVICES.get(code)
    return schema.label if schema is not None else code


def word(table: dict[str, str], code: str | None) -> str:
    """The word for ``code`` in ``table``; the code itself if it has none; "" for None."""
    if code is None:
        return ""
    return table.get(code, code)
