"""Step 3: the provincial server's address, checked before it is saved (``GET /health``;
:func:`kiosk.services.setup_steps.set_server`, on the net worker)."""

from __future__ import annotations

from typing import Any

from kiosk.domain.errors import ValidationError
from kiosk.services import setup_steps
from kiosk.ui.i18n import translate
from kiosk.ui.screens.setup.step import WizardStep
from kiosk.ui.widgets.common import FormField, button


class ServerStep(WizardStep):
    key = "server"

    def intro(self) -> str:
        return translate(
            "ServerStep",
            "Địa chỉ hệ thống của tỉnh mà kiosk gửi hồ sơ tới, do Sở/Trung tâm cung cấp. Máy "
            "phải nối mạng: địa chỉ được kiểm tra trước khi lưu.",
        )

    def build(self) -> None:
        self.url = FormField(
            translate("ServerStep", "Địa chỉ máy chủ của tỉnh"),
            "plain",
            "https://…/api/kiosk/v1",
            max_length=300,
        )
        self.check_button = button(translate("ServerStep", "Kiểm tra kết nối"), self.check)
        self.check_button.setObjectName("checkServer")
        self.body.addWidget(self.url)
        self.body.addWidget(self.check_button)

    def load(self, now: dict[str, Any]) -> None:
        if self.state.require_kiosk().settings.is_set("server.url"):
            self.url.set_value(str(now["server_url"]))

    def fields(self) -> dict[str, FormField]:
        return {"server.url": self.url}

    def check(self) -> None:
        url = self.url.value()
        self.clear_errors()
        self.check_button.setEnabled(False)
        self.say(translate("ServerStep", "Đang hỏi máy chủ…"))
        self.state.tasks.run(
            lambda: setup_steps.check_server(url), self._answered, self._silent, lane="net"
        )

    def _answered(self, _result: object) -> None:
        self.check_button.setEnabled(True)
        self.say(translate("ServerStep", "Máy chủ trả lời: kết nối được."), "ok")

    def _silent(self, error: BaseException) -> None:
        self.check_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_errors(error.errors)
        else:
            self.state.tasks.failed.emit(error)

    def submit(self) -> None:
        kiosk, actor, url = self.state.require_kiosk(), self.wizard.actor, self.url.value()
        self.wizard.work(
            lambda: setup_steps.set_server(kiosk, url, actor=actor),
            lambda _done: self.wizard.advance(),
            lane="net",
        )
