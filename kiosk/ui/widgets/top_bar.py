"""The bar at the top: back, the screen's title, "Gọi tình nguyện viên", language,
volunteer login/logout, home."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout

from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import button, label


class TopBar(QFrame):
    back_clicked = Signal()
    home_clicked = Signal()
    help_clicked = Signal()
    language_clicked = Signal()
    login_clicked = Signal()

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        self.back = button("", self.back_clicked.emit)
        self.title = label("", "title")
        self.help = button("", self.help_clicked.emit, "help")
        self.language = button("", self.language_clicked.emit)
        self.login = button("", self.login_clicked.emit)
        self.home = button("", self.home_clicked.emit)
        layout.addWidget(self.back)
        layout.addWidget(self.title, 1)
        for widget in (self.help, self.language, self.login, self.home):
            layout.addWidget(widget)
        state.user_changed.connect(lambda _user: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        self.back.setText(translate("TopBar", "← Quay lại"))
        self.help.setText(translate("TopBar", "Gọi tình nguyện viên"))
        # The other language, in its own words: a resident looks for their language's name.
        self.language.setText("English" if self.state.language == "vi" else "Tiếng Việt")
        self.login.setText(
            translate("TopBar", "Đăng xuất")
            if self.state.user is not None
            else translate("TopBar", "Đăng nhập")  # for volunteers and staff
        )
        self.home.setText(translate("TopBar", "Trang chủ"))
        # Someone logged in is the help a resident would call: the button is for residents.
        self.help.setVisible(self.state.user is None)

    def set_place(self, title: str, at_home: bool, route: str = "") -> None:
        self.title.setText(title)
        self.back.setVisible(not at_home)
        self.home.setVisible(not at_home)
        self.language.setVisible(at_home)
        self.login.setVisible(route != "login")  # not a second way to the screen it is on
