"""Look a dossier up by the code on its receipt — typed, or read by a USB barcode/QR reader
(it types like a keyboard and ends with Enter). Shows the status in words (national status
codes) and what to do next (where to ask; for fees asked for, a button that pays them here),
the official dossier code (MaHoSo) once the one-stop system gave one, the due date.

When the sync engine brings news while a result is on screen, the result is read again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.services.lookup import DossierLookup, LookupsPaused, OtherReceipt, by_receipt_code
from kiosk.services.receipt_input import code_from_input
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import FormField, button, clear_layout, label


class LookupScreen(Screen):
    holds_resident_data = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        layout = self.scrolling_body()
        layout.addWidget(
            label(
                translate(
                    "LookupScreen",
                    "Nhập mã biên nhận, hoặc đưa mã QR trên biên nhận vào máy đọc mã.",
                ),
                "heading",
            )
        )
        self.code = FormField(
            translate("LookupScreen", "Mã biên nhận"),
            "code",  # digits, capitals and "-" on one page; no Telex/VNI rewriting
            translate("LookupScreen", "Ví dụ: NT01-261122-0042"),
            max_length=300,  # a QR reader may type the whole look-up address
        )
        layout.addWidget(self.code)
        self.search_button = button(translate("LookupScreen", "Tra cứu"), self.look_up, "primary")
        layout.addWidget(self.search_button)
        self.result = QFrame()
        self.result.setObjectName("lookupResult")
        self.result_layout = QVBoxLayout(self.result)
        self.result_layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.shown: str | None = None  # the code whose result is on screen
        self.found: DossierLookup | OtherReceipt | None = None
        self.editor.returnPressed.connect(self.look_up)
        state.bridge.exchanged.connect(self._news)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.editor.setFocus()  # a barcode/QR reader's keystrokes land here

    @property
    def editor(self) -> Any:
        return self.code.editor

    def heading(self) -> str:
        return translate("LookupScreen", "Tra cứu hồ sơ")

    def look_up(self) -> None:
        code = code_from_input(self.editor.text())
        if not code:
            self.code.set_error(translate("LookupScreen", "Hãy nhập mã in trên giấy biên nhận."))
            return
        self.code.set_error(None)
        self.editor.setText(code)
        self.editor.selectAll()  # the next scan replaces it
        # A tap on the button leaves the focus on the page: the next scan must land in the
        # field. The keys go away so that the answer below the button is not under them.
        self.editor.setFocus()
        self.nav.done_typing()
        self._ask(code)

    def _ask(self, code: str) -> None:
        kiosk, alone = self.state.require_kiosk(), self.state.user is None
        self.state.tasks.run(
            lambda: (code, by_receipt_code(kiosk, code, alone=alone)), self._answer, self._refused
        )

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, LookupsPaused):
            self.state.tasks.failed.emit(error)
            return
        self.shown, self.found = None, None
        clear_layout(self.result_layout)
        self._line(
            self.state.text(error.message, error.message_en),
            "error",
            "paused",
        )
        QTimer.singleShot(0, self, self._reveal)

    def _news(self, _at: str) -> None:
        if self.shown is not None:
            self._ask(self.shown)

    def _answer(self, answer: tuple[str, DossierLookup | OtherReceipt | None]) -> None:
        code, found = answer
        self.shown, self.found = code, found
        clear_layout(self.result_layout)
        self._fill(code, found)
        QTimer.singleShot(0, self, self._reveal)  # once the new lines have their size

    def _reveal(self) -> None:
        self.scroll_area.ensureWidgetVisible(self.result, 0, 16)

    def _fill(self, code: str, found: DossierLookup | OtherReceipt | None) -> None:
        if isinstance(found, OtherReceipt):  # a payment's, registration's, feedback's code
            self._line(self.state.text(found.message, found.message_en), "", "other")
            return
        if found is None:
            self._line(
                translate(
                    "LookupScreen",
                    "Không tìm thấy hồ sơ có mã {code}. Xin kiểm tra lại mã trên giấy biên "
                    "nhận, hoặc gọi tình nguyện viên giúp.",
                ).format(code=code),
                "error",
                "notFound",
            )
            return
        self._line(found.procedure_name, "heading")
        self._line(
            translate("LookupScreen", "Mã biên nhận: {code}").format(code=found.receipt_code)
        )
        self._line(
            translate("LookupScreen", "Tình trạng: {status}").format(
                status=self.state.text(found.status, found.status_en)
            ),
            "heading",
            "status",
        )
        if found.next_step:
            self._line(self.state.text(found.next_step, found.next_step_en), "", "next")
        if found.fees_due:
            pay = button(
                translate("LookupScreen", "Nộp phí cho hồ sơ này"),
                lambda: self.nav.go("payment", purpose="dossier", code=found.receipt_code),
                "primary",
            )
            pay.setObjectName("payFees")
            self.result_layout.addWidget(pay)
        self._line(
            translate("LookupScreen", "Mã hồ sơ của cơ quan: {code}").format(code=found.ma_ho_so)
            if found.ma_ho_so
            else translate(
                "LookupScreen", "Mã hồ sơ của cơ quan: chưa có (cơ quan cấp khi tiếp nhận hồ sơ)"
            ),
            "",
            "maHoSo",
        )
        if found.due:
            self._line(
                translate("LookupScreen", "Ngày hẹn trả kết quả: {date}").format(date=found.due),
                "",
                "due",
            )

    def _line(self, text: str, role: str = "", name: str = "") -> None:
        widget = label(text, role)
        if name:
            widget.setObjectName(name)
        self.result_layout.addWidget(widget)


SCREEN = LookupScreen
