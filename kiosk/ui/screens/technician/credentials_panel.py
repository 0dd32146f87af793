"""Credentials panel: the kiosk's client id and secret for the provincial system. The secret
goes to the OS keyring (``kiosk.sync.engine.set_credentials``); it is typed hidden, cleared
from the field once saved, and never shown again — only whether one is stored."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.services.context import Kiosk
from kiosk.store import secrets
from kiosk.sync.engine import secret_name, set_credentials
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import FormField, button, label


def has_secret(kiosk: Kiosk) -> bool | None:
    """Whether a secret is stored for the configured client id; None if no keyring."""
    try:
        client_id = kiosk.settings.get_str("server.client_id")
        return bool(secrets.get_secret(secret_name(client_id)))
    except secrets.KeyringUnavailable:
        return None


class CredentialsPanel(QWidget):
    def __init__(self, owner: Any) -> None:
        super().__init__()
        self.state = owner.state
        kiosk = self.state.require_kiosk()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label(translate("CredentialsPanel", "Kết nối với tỉnh"), "title"))
        self.stored = label("", "muted")
        self.stored.setObjectName("secretStored")
        layout.addWidget(self.stored)
        self.client_id = FormField(
            translate("CredentialsPanel", "Mã client"), "plain", max_length=64
        )
        self.client_id.set_value(kiosk.settings.get_str("server.client_id"))
        self.secret = FormField(
            translate("CredentialsPanel", "Mã bí mật (client secret)"), "plain", max_length=256
        )
        editor = self.secret.editor
        assert isinstance(editor, QLineEdit)
        editor.setEchoMode(QLineEdit.EchoMode.Password)
        hints = Qt.InputMethodHint
        editor.setInputMethodHints(hints.ImhSensitiveData | hints.ImhNoPredictiveText)
        self.save_button = button(translate("CredentialsPanel", "Lưu"), self.save, "primary")
        self.save_button.setObjectName("saveCredentials")
        self.message = label("")
        self.message.setObjectName("credentialsMessage")
        for widget in (self.client_id, self.secret, self.save_button, self.message):
            layout.addWidget(widget)

    def shown(self) -> None:
        kiosk = self.state.require_kiosk()
        self.state.tasks.run(lambda: has_secret(kiosk), self._show_stored)

    def _show_stored(self, present: bool | None) -> None:
        self.stored.setText(
            {
                True: translate("CredentialsPanel", "Đã có mã bí mật trong kho khóa của máy."),
                False: translate("CredentialsPanel", "Chưa có mã bí mật: kiosk chưa gửi được."),
                None: translate(
                    "CredentialsPanel", "Không mở được kho khóa của máy: hãy kiểm tra Chẩn đoán."
                ),
            }[present]
        )

    def save(self) -> None:
        client_id, secret = self.client_id.value(), self.secret.value()
        self.client_id.set_error(
            None if client_id else translate("CredentialsPanel", "Hãy nhập mã client.")
        )
        self.secret.set_error(
            None if secret else translate("CredentialsPanel", "Hãy nhập mã bí mật.")
        )
        if not client_id or not secret:
            return
        kiosk = self.state.require_kiosk()
        self.save_button.setEnabled(False)
        self.state.tasks.run(
            lambda: set_credentials(kiosk, client_id, secret), self._saved, self._failed
        )

    def _saved(self, _result: object) -> None:
        self.secret.editor.clear()  # type: ignore[attr-defined]
        self.save_button.setEnabled(True)
        self.message.setText(
            translate(
                "CredentialsPanel",
                "Đã lưu. Mã bí mật được cất trong kho khóa của máy và không hiển thị lại. "
                "Mã client mới có hiệu lực sau khi khởi động lại ứng dụng.",
            )
        )
        self.shown()

    def _failed(self, error: BaseException) -> None:
        self.secret.editor.clear()  # type: ignore[attr-defined]
        self.save_button.setEnabled(True)
        self.message.setText(
            translate("CredentialsPanel", "Không lưu được: {error}").format(
                error=type(error).__name__
            )
        )
