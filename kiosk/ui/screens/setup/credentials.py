"""Step 4: the kiosk's client id and secret, verified at the province's token endpoint
(:func:`~kiosk.services.setup_steps.verify_credentials`), then stored — the secret in the
OS keyring, never in the settings (:func:`~kiosk.services.setup_steps.set_credentials`).
The secret is typed hidden and cleared from the field once sent."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.services import setup_steps
from kiosk.services.context import Kiosk
from kiosk.ui.i18n import translate
from kiosk.ui.screens.setup.step import WizardStep
from kiosk.ui.widgets.common import FormField


def verify_and_store(kiosk: Kiosk, client_id: str, secret: str, actor: str) -> None:
    """Both given, the province accepts them (``verify_credentials``), then stored."""
    setup_steps.set_credentials(kiosk, client_id, secret, verify=True, actor=actor)


class CredentialsStep(WizardStep):
    key = "credentials"

    def intro(self) -> str:
        return translate(
            "CredentialsStep",
            "Mã client và mã bí mật do Sở/Trung tâm cấp cho riêng kiosk này. Kiosk hỏi thử "
            "máy chủ của tỉnh; mã bí mật chỉ được lưu khi tỉnh chấp nhận, vào kho khóa của máy, "
            "và không hiện lại.",
        )

    def build(self) -> None:
        self.client_id = FormField(
            translate("CredentialsStep", "Mã client"), "plain", max_length=64
        )
        self.secret = FormField(
            translate("CredentialsStep", "Mã bí mật (client secret)"), "plain", max_length=256
        )
        editor = self.secret.editor
        assert isinstance(editor, QLineEdit)
        editor.setEchoMode(QLineEdit.EchoMode.Password)
        hints = Qt.InputMethodHint
        editor.setInputMethodHints(hints.ImhSensitiveData | hints.ImhNoPredictiveText)
        self.body.addWidget(self.client_id)
        self.body.addWidget(self.secret)

    def load(self, now: dict[str, Any]) -> None:
        settings = self.state.require_kiosk().settings
        if settings.is_set("server.client_id"):
            self.client_id.set_value(str(now["client_id"]))

    def entered(self) -> None:
        settings = self.state.require_kiosk().settings
        if not self.client_id.value() and settings.is_set("kiosk.code"):
            self.client_id.set_value(settings.get_str("kiosk.code"))  # usually the same

    def fields(self) -> dict[str, FormField]:
        return {"server.client_id": self.client_id, "server.client_secret": self.secret}

    def submit(self) -> None:
        kiosk, actor = self.state.require_kiosk(), self.wizard.actor
        client_id, secret = self.client_id.value(), self.secret.value()
        self.secret.editor.clear()  # type: ignore[attr-defined]
        self.wizard.work(
            lambda: verify_and_store(kiosk, client_id, secret, actor),
            lambda _done: self.wizard.advance(),
            lane="net",
        )
