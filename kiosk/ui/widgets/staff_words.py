"""Words shared by the ward staff's and technicians' screens (day close, exports, statistics,
"data about me"): record kinds, sync and print states, durations, and the part of a core
refusal ("Tiếng Việt (English)") in the UI language."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.theme import restyle
from kiosk.ui.widgets.common import label


def split_bilingual(message: str) -> tuple[str, str]:
    """``"Sai mã PIN (wrong PIN)"`` → ``("Sai mã PIN", "wrong PIN")``: the core's refusals
    carry the English in the last parentheses; a message without them is both."""
    text = message.strip()
    if not text.endswith(")"):
        return text, text
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            vietnamese = text[:index].rstrip()
            return (vietnamese, text[index + 1 : -1]) if vietnamese else (text, text)
    return text, text


def refusal_words(message: str, language: str) -> str:
    vietnamese, english = split_bilingual(message)
    return english if language == "en" else vietnamese


def kind_words(kind: str) -> str:
    return {
        "dossier": translate("StaffWords", "Hồ sơ"),
        "payment": translate("StaffWords", "Nộp tiền"),
        "registration": translate("StaffWords", "Đăng ký dịch vụ"),
        "feedback": translate("StaffWords", "Phản ánh, kiến nghị"),
        "visit": translate("StaffWords", "Lượt hướng dẫn"),
    }.get(kind, kind)


def sync_words(state: str) -> str:
    return {
        "pending": translate("StaffWords", "Chờ gửi"),
        "in_flight": translate("StaffWords", "Đang gửi"),
        "unknown": translate("StaffWords", "Chưa rõ kết quả gửi"),
        "accepted": translate("StaffWords", "Tỉnh đã nhận"),
        "duplicate": translate("StaffWords", "Tỉnh đã nhận"),
        "rejected": translate("StaffWords", "Bị từ chối, cần sửa"),
        "conflict": translate("StaffWords", "Xung đột với dữ liệu của tỉnh"),
        "superseded": translate("StaffWords", "Đã thay bằng bản sửa"),
    }.get(state, state)


def print_words(state: str) -> str:
    return {
        "queued": translate("StaffWords", "Đang chờ in"),
        "printing": translate("StaffWords", "Đang in"),
        "needs_confirmation": translate("StaffWords", "Chưa xác nhận ra giấy"),
        "printed": translate("StaffWords", "Đã in"),
        "failed": translate("StaffWords", "In lỗi"),
    }.get(state, state)


def duration_words(seconds: float | None) -> str:
    if seconds is None:
        return translate("StaffWords", "chưa có")
    minutes = round(seconds / 60)
    if minutes < 60:
        return translate("StaffWords", "{m} phút").format(m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return translate("StaffWords", "{h} giờ {m} phút").format(h=hours, m=minutes)
    return translate("StaffWords", "{d} ngày {h} giờ").format(d=hours // 24, h=hours % 24)


def set_role(widget: QWidget, role: str) -> None:
    widget.setProperty("role", role)
    restyle(widget)


class Box(QFrame):
    """A bordered group with a heading: one block of facts on a panel."""

    def __init__(self, heading: str = "") -> None:
        super().__init__()
        self.setObjectName("staffBox")
        self.setStyleSheet(
            "QFrame#staffBox { border: 2px solid #1F1F1F; border-radius: 10px; }"
            "QFrame#staffBox QLabel { border: none; }"
        )
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(18, 12, 18, 14)
        self.body.setSpacing(8)
        self.heading = label(heading, "heading")
        self.heading.setVisible(bool(heading))
        self.body.addWidget(self.heading)
