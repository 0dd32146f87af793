"""Step 6: what a receipt carries of the ward's own — its hotline, and the account residents
transfer fees to by VietQR (:func:`kiosk.services.setup_steps.set_receipt_details`). Both
may stay empty: then no hotline line, and the payment screen takes cash only."""

from __future__ import annotations

from typing import Any

from kiosk.services import setup_steps
from kiosk.ui.i18n import translate
from kiosk.ui.screens.setup.step import WizardStep
from kiosk.ui.widgets.common import FormField


class ReceiptStep(WizardStep):
    key = "receipt"

    def intro(self) -> str:
        return translate(
            "ReceiptStep",
            "Đường dây nóng của phường được in trên biên nhận. Tài khoản nhận phí (do phường "
            "cung cấp) dùng để in mã VietQR cho người dân chuyển khoản: cần đủ mã ngân hàng, số "
            "tài khoản và tên thụ hưởng. Để trống nếu chưa có: biên nhận không in đường dây nóng, "
            "điểm chỉ nhận tiền mặt; có thể thêm sau ở mục Cài đặt.",
        )

    def build(self) -> None:
        self.hotline = FormField(
            translate("ReceiptStep", "Đường dây nóng"),
            "phone",
            translate("ReceiptStep", "Ví dụ: 0258 3822 222"),
            max_length=20,
        )
        self.bank_bin = FormField(
            translate("ReceiptStep", "Mã ngân hàng (BIN, 6 chữ số)"),
            "digits",
            translate("ReceiptStep", "Ví dụ: 970415"),
            max_length=6,
        )
        self.account = FormField(
            translate("ReceiptStep", "Số tài khoản nhận phí"), "plain", max_length=19
        )
        self.beneficiary = FormField(
            translate("ReceiptStep", "Tên thụ hưởng"),
            "text",
            translate("ReceiptStep", "Ví dụ: UBND PHUONG NHA TRANG"),
            max_length=70,
        )
        self.bank_name = FormField(
            translate("ReceiptStep", "Tên ngân hàng (in trên biên nhận)"),
            "text",
            translate("ReceiptStep", "Ví dụ: VietinBank"),
            max_length=60,
        )
        for field in self.fields().values():
            self.body.addWidget(field)

    def load(self, now: dict[str, Any]) -> None:
        for name, field in self._by_name().items():
            field.set_value(str(now[name] or ""))

    def _by_name(self) -> dict[str, FormField]:
        return {
            "hotline": self.hotline,
            "bank_bin": self.bank_bin,
            "account": self.account,
            "beneficiary": self.beneficiary,
            "bank_name": self.bank_name,
        }

    def fields(self) -> dict[str, FormField]:
        by_name = self._by_name()
        return {key: by_name[name] for name, key in setup_steps.RECEIPT_KEYS.items()}

    def submit(self) -> None:
        kiosk, actor = self.state.require_kiosk(), self.wizard.actor
        typed = {name: field.value() for name, field in self._by_name().items()}
        self.wizard.work(
            lambda: setup_steps.set_receipt_details(kiosk, **typed, actor=actor),
            lambda _transfer: self.wizard.advance(),
        )
