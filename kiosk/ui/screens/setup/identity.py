"""Step 1: the kiosk code (as the province registered it), the support point's name (on
receipts and the home screen) and the receipt-code prefix
(:func:`kiosk.services.setup_steps.set_identity`)."""

from __future__ import annotations

from typing import Any

from kiosk.services import setup_steps
from kiosk.ui.i18n import translate
from kiosk.ui.screens.setup.step import WizardStep
from kiosk.ui.widgets.common import FormField


class IdentityStep(WizardStep):
    key = "identity"

    def intro(self) -> str:
        return translate(
            "IdentityStep",
            "Mã điểm hỗ trợ do Sở/Trung tâm cấp, giống mã trong giấy đăng ký kết nối. Tên điểm "
            "in trên biên nhận và hiện ở màn hình chính. Tiền tố đứng đầu mỗi mã biên nhận.",
        )

    def build(self) -> None:
        self.code = FormField(
            translate("IdentityStep", "Mã điểm hỗ trợ"),
            "plain",
            translate("IdentityStep", "Ví dụ: KIOSK-56-22366-01"),
            max_length=32,
        )
        self.name = FormField(
            translate("IdentityStep", "Tên điểm hỗ trợ"),
            "text",
            translate("IdentityStep", "Ví dụ: Điểm hỗ trợ DVC trực tuyến Phường Nha Trang"),
            max_length=120,
        )
        self.prefix = FormField(
            translate("IdentityStep", "Tiền tố mã biên nhận (2–8 chữ in hoa, chữ số)"),
            "plain",
            translate("IdentityStep", "Ví dụ: NT01"),
            max_length=8,
        )
        for field in (self.code, self.name, self.prefix):
            self.body.addWidget(field)

    def load(self, now: dict[str, Any]) -> None:
        settings = self.state.require_kiosk().settings
        for key, field, value in (
            ("kiosk.code", self.code, now["kiosk_code"]),
            ("kiosk.name", self.name, now["kiosk_name"]),
            ("kiosk.receipt_prefix", self.prefix, now["receipt_prefix"]),
        ):
            if settings.is_set(key):  # the defaults are examples, not this kiosk's values
                field.set_value(str(value))

    def fields(self) -> dict[str, FormField]:
        return {
            "kiosk.code": self.code,
            "kiosk.name": self.name,
            "kiosk.receipt_prefix": self.prefix,
        }

    def submit(self) -> None:
        kiosk, actor = self.state.require_kiosk(), self.wizard.actor
        code, name, prefix = self.code.value(), self.name.value(), self.prefix.value()
        self.wizard.work(
            lambda: setup_steps.set_identity(kiosk, code, name, prefix or None, actor),
            lambda _done: self.wizard.advance(),
        )
