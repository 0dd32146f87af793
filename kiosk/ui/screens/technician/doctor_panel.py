"""Diagnostics panel: ``kiosk doctor`` run on the net worker (some checks reach the province
and the printer), drawn by :class:`kiosk.ui.widgets.doctor_view.DoctorView`. The checks'
modules are imported by that worker, not on the GUI thread when the screen opens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.doctor_view import DoctorView

if TYPE_CHECKING:
    from kiosk.services.context import Kiosk


def run_doctor(kiosk: Kiosk) -> Any:
    """``kiosk doctor``'s report (on the net worker)."""
    from kiosk.services import doctor

    return doctor.run(kiosk)


class DoctorPanel(QWidget):
    def __init__(self, owner: Any) -> None:
        super().__init__()
        self.state = owner.state
        self.report: Any = None
        self.running = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label(translate("DoctorPanel", "Chẩn đoán"), "title"))
        self.run_button = button(translate("DoctorPanel", "Kiểm tra lại"), self.run, "primary")
        self.run_button.setObjectName("runDoctor")
        layout.addWidget(self.run_button)
        self.status = label("", "muted")
        self.status.setObjectName("doctorStatus")
        self.status.hide()
        layout.addWidget(self.status)
        self.view = DoctorView()
        layout.addWidget(self.view)

    def shown(self) -> None:
        if self.report is None and not self.running:
            self.run()

    def run(self) -> None:
        kiosk = self.state.require_kiosk()
        self.running = True
        self.run_button.setEnabled(False)
        self._say(translate("DoctorPanel", "Đang kiểm tra… (có mục cần hỏi máy chủ và máy in)"))
        self.state.tasks.run(lambda: run_doctor(kiosk), self._done, self._failed, lane="net")

    def _done(self, report: Any) -> None:
        self.running = False
        self.report = report
        self.run_button.setEnabled(True)
        self._say("")
        self.view.show_report(report, self.state.language)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.run_button.setEnabled(True)
        self._say(
            translate("DoctorPanel", "Không chạy được chẩn đoán: {error}").format(
                error=f"{type(error).__name__}: {error}"
            )
        )

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
