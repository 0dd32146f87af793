"""After a save: "Đã lưu", the receipt code large, the receipt's print progress (the print
queue's events), "Biên nhận có ra không?" when the printer cannot tell, and the way home.

Every flow ends here (dossier, payment, registration, feedback), so a resident always sees
the same thing: what was saved, the code to keep, and whether the paper came out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.printing.jobs import JobRefused, JobView
from kiosk.printing.models import JobState
from kiosk.services.records import SavedRecord
from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import button, label


def state_words(state: str) -> str:
    return {
        JobState.QUEUED.value: translate("SavedPanel", "Đang chuẩn bị in biên nhận…"),
        JobState.PRINTING.value: translate("SavedPanel", "Đang in biên nhận…"),
        JobState.NEEDS_CONFIRMATION.value: translate(
            "SavedPanel", "Biên nhận đã ra khỏi máy in chưa?"
        ),
        JobState.PRINTED.value: translate("SavedPanel", "Đã in biên nhận. Xin giữ lại."),
        JobState.FAILED.value: translate(
            "SavedPanel",
            "Máy in chưa in được biên nhận. Hồ sơ vẫn đã lưu; hãy ghi lại mã ở trên "
            "hoặc nhờ tình nguyện viên in lại.",
        ),
    }.get(state, state)


class SavedPanel(QWidget):
    """Shown once ``saved`` is committed; submits its receipt to the print queue."""

    def __init__(
        self, state: AppState, nav: Any, saved: SavedRecord, summary: str, *, print_now: bool = True
    ) -> None:
        super().__init__()
        self.state = state
        self.nav = nav
        self.saved = saved
        self.job_id: str | None = None
        self.job_state: str | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        layout.addWidget(label(translate("SavedPanel", "Đã lưu"), "title"))
        layout.addWidget(label(summary))
        layout.addWidget(label(translate("SavedPanel", "Mã biên nhận của bạn:")))
        self.code = label(saved.receipt_code, "title")
        self.code.setObjectName("receiptCode")
        self.code.setStyleSheet("font-size: 40pt; letter-spacing: 2px;")
        layout.addWidget(self.code)
        self.print_status = label("", "muted")
        layout.addWidget(self.print_status)
        self.answers = QHBoxLayout()
        self.came_out = button(translate("SavedPanel", "Đã ra"), lambda: self._answer(True))
        self.not_out = button(translate("SavedPanel", "Không ra"), lambda: self._answer(False))
        self.answers.addWidget(self.came_out)
        self.answers.addWidget(self.not_out)
        layout.addLayout(self.answers)
        self._show_answers(False)
        self.done = button(translate("SavedPanel", "Xong — về trang chủ"), nav.home, "primary")
        layout.addWidget(self.done)
        layout.addStretch(1)
        state.bridge.print_job_changed.connect(self._on_job)
        if print_now:
            self.print_receipt()

    def print_receipt(self) -> None:
        printer = self.state.printer
        if printer is None:
            self.print_status.setText(translate("SavedPanel", "Chưa có máy in."))
            return
        code, actor = self.saved.receipt_code, self.state.actor
        self.print_status.setText(state_words(JobState.QUEUED.value))
        self.state.tasks.run(
            lambda: printer.submit(code, actor), self._submitted, self._refused, lane="print"
        )

    def _submitted(self, job: JobView) -> None:
        self.job_id = job.id
        self._show(job.state, job.message)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, JobRefused):
            raise error
        self.print_status.setText(error.message)

    def _on_job(self, data: dict[str, Any]) -> None:
        if data.get("receipt_code") != self.saved.receipt_code:
            return
        if self.job_id is not None and data.get("job_id") != self.job_id:
            return
        self.job_id = str(data["job_id"])
        self._show(str(data["state"]), data.get("message"))

    def _show(self, job_state: str, message: object = None) -> None:
        self.job_state = job_state
        self.print_status.setText(state_words(job_state))
        self._show_answers(job_state == JobState.NEEDS_CONFIRMATION.value)

    def _show_answers(self, visible: bool) -> None:
        self.came_out.setVisible(visible)
        self.not_out.setVisible(visible)

    def _answer(self, came_out: bool) -> None:
        printer, job_id = self.state.printer, self.job_id
        if printer is None or job_id is None:
            return
        actor = self.state.actor
        self._show_answers(False)
        self.state.tasks.run(
            lambda: printer.answer(job_id, actor, came_out),
            lambda job: self._show(job.state),
            lane="print",
        )
