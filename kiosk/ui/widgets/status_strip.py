"""The small strip at the bottom: online/offline, items waiting, last exchange, who is in."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QFrame, QHBoxLayout

from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import label
from kiosk.ui.widgets.staff_words import set_role


def exchange_words(at: datetime | None) -> str:
    from kiosk.domain.fields import VN_TZ  # after the first paint: it imports uuid, zoneinfo…

    if at is None:
        return translate("StatusStrip", "Chưa trao đổi với tỉnh")
    return translate("StatusStrip", "Trao đổi lần cuối {time}").format(
        time=at.astimezone(VN_TZ).strftime("%H:%M %d/%m")
    )


def who_words(role: str) -> str:
    """Who is logged in, by role (a technician is not called a volunteer)."""
    if role == "staff":
        return translate("StatusStrip", "Cán bộ phường: {name}")
    if role == "technician":
        return translate("StatusStrip", "Kỹ thuật viên: {name}")
    return translate("StatusStrip", "Tình nguyện viên: {name}")


class StatusStrip(QFrame):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setProperty("role", "strip")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)
        layout.setSpacing(40)
        self.connection = label("", wrap=False)
        self.waiting = label("", wrap=False)
        self.exchange = label("", wrap=False)
        self.user = label("", wrap=False)
        for widget in (self.connection, self.waiting, self.exchange):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.user)
        state.status_changed.connect(self.refresh)
        state.user_changed.connect(lambda _user: self.refresh())
        state.language_changed.connect(lambda _language: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        state = self.state
        online = {
            None: translate("StatusStrip", "● Đang kiểm tra kết nối"),
            True: translate("StatusStrip", "● Đã kết nối với tỉnh"),
            False: translate("StatusStrip", "● Mất kết nối — vẫn lưu được"),
        }[state.online]
        if state.refused is not None:  # connected, but nothing goes: not "Đã kết nối"
            online = translate("StatusStrip", "● Tỉnh từ chối kiosk — gọi kỹ thuật viên")
        self.connection.setText(online)
        set_role(self.connection, "error" if state.refused is not None else "")
        self.waiting.setText(translate("StatusStrip", "Chờ gửi: {n} mục").format(n=state.waiting))
        self.exchange.setText(exchange_words(state.last_exchange))
        user = state.user
        self.user.setText(who_words(user.role).format(name=user.name) if user is not None else "")
