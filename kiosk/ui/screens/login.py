"""Volunteer / staff / technician login: code and PIN (5 wrong → locked for 5 minutes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from kiosk.services import users
from kiosk.services.users import LoginRefused, UserView
from kiosk.ui import failures
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import FormField, button, label


def refusal_words(error: LoginRefused) -> str:
    if error.reason == "locked":
        return translate(
            "LoginScreen", "Tài khoản đang tạm khóa vì nhập sai PIN 5 lần. Hãy thử lại sau 5 phút."
        )
    return translate("LoginScreen", "Sai mã người dùng hoặc mã PIN.")


def not_in_words() -> str:
    return translate(
        "LoginScreen",
        "Chưa đăng nhập được vì máy đang gặp lỗi (không phải do sai mã PIN). Xin nhập lại "
        "mã PIN và thử lại; nếu vẫn không được, xin gọi kỹ thuật viên.",
    )


class LoginScreen(Screen):
    holds_resident_data = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        layout = self.scrolling_body()
        layout.addWidget(
            label(
                translate("LoginScreen", "Đăng nhập dành cho tình nguyện viên và cán bộ"), "heading"
            )
        )
        layout.addWidget(  # a resident who came here looking for help
            label(
                translate(
                    "LoginScreen",
                    "Người dân không cần đăng nhập. Cần giúp đỡ? Xin bấm «Gọi tình nguyện viên».",
                ),
                "muted",
            )
        )
        self.code = FormField(  # "plain": a code, not words (no Telex/VNI rewriting)
            translate("LoginScreen", "Mã đăng nhập"), "plain", max_length=32
        )
        self.pin = FormField(translate("LoginScreen", "Mã PIN"), "digits", max_length=12)
        self.pin.editor.setEchoMode(QLineEdit.EchoMode.Password)  # type: ignore[attr-defined]
        self.message = label("", "error")
        self.submit = button(translate("LoginScreen", "Đăng nhập"), self.try_login, "primary")
        for widget in (self.code, self.pin, self.message, self.submit):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.code.editor.returnPressed.connect(self.pin.editor.setFocus)  # type: ignore[attr-defined]
        self.pin.editor.returnPressed.connect(self.try_login)  # type: ignore[attr-defined]

    def heading(self) -> str:
        return translate("LoginScreen", "Đăng nhập")

    def try_login(self) -> None:
        code, pin = self.code.value(), self.pin.value()
        if not code or not pin:
            self.message.setText(translate("LoginScreen", "Hãy nhập mã người dùng và mã PIN."))
            return
        kiosk = self.state.kiosk
        if kiosk is None:  # the data home is not open (yet): nobody can be checked
            self.message.setText(failures.not_ready(self.state.open_error is not None))
            return
        self.submit.setEnabled(False)
        self.state.tasks.run(lambda: users.login(kiosk, code, pin), self._in, self._refused)

    def _in(self, user: UserView) -> None:
        roles = self.params.get("roles") or ()
        self.state.set_user(user)
        if roles and user.role not in roles:
            self.nav.home()
            self.nav.toast(translate("LoginScreen", "Tài khoản này không được mở màn hình đó."))
            return
        then = self.params.get("then")
        if then:
            self.nav.home()
            self.nav.go(then, **(self.params.get("then_params") or {}))
        else:
            self.nav.home()

    def _refused(self, error: BaseException) -> None:
        self.submit.setEnabled(True)
        self.pin.editor.clear()  # type: ignore[attr-defined]
        if isinstance(error, LoginRefused):
            self.message.setText(refusal_words(error))
            return
        failures.report(error, "login", not_in_words(), nav=self.nav, line=self.message.setText)


SCREEN = LoginScreen
