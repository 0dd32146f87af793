"""Volunteer / staff / technician login: code and PIN (5 wrong → locked for 5 minutes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from kiosk.services import users
from kiosk.services.users import LoginRefused, UserView
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import FormField, button, label


def refusal_words(error: LoginRefused) -> str:
    if error.reason == "locked":
        return translate(
            "LoginScreen", "Tài khoản đang tạm khoá vì nhập sai PIN 5 lần. Hãy thử lại sau 5 phút."
        )
    return translate("LoginScreen", "Sai mã người dùng hoặc mã PIN.")


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
        self.code = FormField(translate("LoginScreen", "Mã người dùng"), "text", max_length=32)
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
        kiosk = self.state.require_kiosk()
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
        else:
            raise error


SCREEN = LoginScreen
