"""The step after the payment form: the VietQR code shown large with the amount and the
transfer's content in words, then the bank's transaction reference; or, for cash, the
volunteer confirming the money was received."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.services.payments import TransferCode
from kiosk.ui import money
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import FormField, button, label
from kiosk.ui.widgets.qr_view import QrView

QR_SIDE = 420


class TransferStep(QWidget):
    """The code on the left and what it says on the right; how to pay, the reference field
    and the buttons under them, full width."""

    def __init__(
        self, code: TransferCode, on_paid: Callable[[], None], on_back: Callable[[], None]
    ) -> None:
        super().__init__()
        self.code = code
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        row = QHBoxLayout()
        row.setSpacing(28)
        outer.addLayout(row)
        self.qr = QrView(code.payload, QR_SIDE)
        self.qr.setObjectName("paymentQr")
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.setSpacing(10)
        row.addLayout(side, 1)
        side.addWidget(label(translate("TransferStep", "Quét mã này để chuyển khoản"), "heading"))
        amount = label(
            translate("TransferStep", "{amount} đồng").format(amount=money.grouped(code.amount)),
            "title",
        )
        amount.setObjectName("transferAmount")
        amount.setStyleSheet("font-size: 32pt;")
        side.addWidget(amount)
        if words := money.in_words(code.amount):  # Vietnamese only
            side.addWidget(label(words, "muted"))
        for text in (
            translate("TransferStep", "Người nhận: {name}").format(name=code.beneficiary),
            translate("TransferStep", "Tài khoản: {account} – {bank}").format(
                account=code.account, bank=code.bank_name
            ),
            translate("TransferStep", "Nội dung chuyển khoản: {purpose}").format(
                purpose=code.purpose
            ),
        ):
            side.addWidget(label(text))
        side.addStretch(1)
        outer.addWidget(
            label(
                translate(
                    "TransferStep",
                    "Mở ứng dụng ngân hàng, chọn «Quét mã QR» và đưa camera vào mã bên trái; "
                    "số tiền và nội dung đã có sẵn. Chuyển xong, ứng dụng báo mã giao dịch: "
                    "nhập mã đó vào ô dưới đây.",
                ),
                "muted",
            )
        )
        self.reference = FormField(
            translate("TransferStep", "Mã giao dịch do ngân hàng báo (ví dụ FT26326…)"),
            "plain",  # a code, not Vietnamese words: no Telex/VNI rewriting
            max_length=64,
        )
        self.reference.editor.setObjectName("reference")
        outer.addWidget(self.reference)
        self.paid = button(translate("TransferStep", "Đã chuyển xong — Lưu"), on_paid, "primary")
        self.paid.setObjectName("savePayment")
        buttons = QHBoxLayout()
        buttons.addWidget(button(translate("TransferStep", "Quay lại sửa"), on_back))
        buttons.addWidget(self.paid, 1)
        outer.addLayout(buttons)

    def set_busy(self, busy: bool) -> None:
        self.paid.setEnabled(not busy)


class CashStep(QWidget):
    """The volunteer says the cash is in hand, then the payment is saved."""

    def __init__(
        self,
        amount: int,
        volunteer: str,
        on_received: Callable[[], None],
        on_back: Callable[[], None],
    ) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label(translate("CashStep", "Nhận tiền mặt"), "heading"))
        shown = label(
            translate("CashStep", "{amount} đồng").format(amount=money.grouped(amount)), "title"
        )
        shown.setStyleSheet("font-size: 32pt;")
        layout.addWidget(shown)
        if words := money.in_words(amount):  # Vietnamese only
            layout.addWidget(label(words, "muted"))
        layout.addWidget(
            label(
                translate(
                    "CashStep",
                    "Tình nguyện viên {code} đếm đủ tiền rồi bấm «Đã nhận đủ tiền». Biên nhận "
                    "ghi khoản này; biên lai chính thức do cơ quan thu phát hành.",
                ).format(code=volunteer)
            )
        )
        buttons = QHBoxLayout()
        buttons.addWidget(button(translate("CashStep", "Quay lại sửa"), on_back))
        self.received = button(
            translate("CashStep", "Đã nhận đủ tiền — Lưu"), on_received, "primary"
        )
        self.received.setObjectName("savePayment")
        buttons.addWidget(self.received, 1)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def set_busy(self, busy: bool) -> None:
        self.received.setEnabled(not busy)
