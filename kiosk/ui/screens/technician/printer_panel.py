"""Printer panel: the printer as configured, and the test page (Vietnamese with every tone,
a QR code) sent straight to it on the print worker, with the outcome in words.

The renderers (reportlab and its fonts: ~170 ms to import and register) are imported by the
print worker when a test page is asked for — not on the GUI thread when the technician
screen first opens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.printing.connections import PrinterError
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import button, label

if TYPE_CHECKING:
    from kiosk.services.context import Kiosk


def print_test(kiosk: Kiosk, actor: str) -> int:
    """The test page to the printer (on the print worker); the bytes sent."""
    from kiosk.printing import service

    return service.print_test(kiosk, actor)


class PrinterPanel(QWidget):
    def __init__(self, owner: Any) -> None:
        super().__init__()
        self.state = owner.state
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label(translate("PrinterPanel", "Máy in"), "title"))
        self.info = label("")
        self.info.setObjectName("printerInfo")
        layout.addWidget(self.info)
        layout.addWidget(
            label(
                translate(
                    "PrinterPanel",
                    "Trang in thử có đủ chữ Việt có dấu, ký hiệu ₫ và một mã QR. Nếu chữ nào "
                    "mất dấu hay mã QR không quét được, hãy đổi “Cách in” trong phần Cài đặt.",
                ),
                "muted",
            )
        )
        self.test_button = button(
            translate("PrinterPanel", "In trang thử"), self.print_test, "primary"
        )
        self.test_button.setObjectName("printTest")
        layout.addWidget(self.test_button)
        self.result = label("")
        self.result.setObjectName("printTestResult")
        layout.addWidget(self.result)

    def shown(self) -> None:
        settings = self.state.require_kiosk().settings
        uri = settings.get_str("printer.uri")
        self.info.setText(
            translate(
                "PrinterPanel",
                "Máy in: {uri}\nKhổ giấy: {paper} mm · Dòng máy: {profile} · Cách in: {mode}",
            ).format(
                uri=uri if uri != "none" else translate("PrinterPanel", "chưa cài đặt"),
                paper=settings.get_int("printer.paper"),
                profile=settings.get_str("printer.profile"),
                mode=settings.get_str("printer.mode"),
            )
        )

    def print_test(self) -> None:
        kiosk, actor = self.state.require_kiosk(), self.state.actor
        self.test_button.setEnabled(False)
        self.result.setProperty("role", "muted")
        self.result.setText(translate("PrinterPanel", "Đang gửi trang in thử…"))
        self.state.tasks.run(
            lambda: print_test(kiosk, actor), self._sent, self._failed, lane="print"
        )

    def _sent(self, size: int) -> None:
        self.test_button.setEnabled(True)
        self._show(
            translate(
                "PrinterPanel",
                "Đã gửi trang in thử ({n} byte) tới máy in. Hãy xem tờ giấy in ra.",
            ).format(n=size),
            "ok",
        )

    def _failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        if isinstance(error, PrinterError):
            self._show(error.message, "error")
        else:
            self._show(
                translate("PrinterPanel", "Không in được trang thử: {error}").format(
                    error=type(error).__name__
                ),
                "error",
            )

    def _show(self, text: str, role: str) -> None:
        self.result.setText(text)
        self.result.setProperty("role", role)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
