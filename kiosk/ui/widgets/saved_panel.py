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
from kiosk.ui import failures
from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState
from kiosk.ui.theme import restyle
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


def waiting_for_printer_words() -> str:
    return translate(
        "SavedPanel",
        "Máy in chưa sẵn sàng. Hồ sơ đã lưu; biên nhận sẽ tự in khi máy in hoạt động lại. "
        "Hãy ghi lại mã ở trên.",
    )


def answer_not_saved_words() -> str:
    return translate(
        "SavedPanel",
        "Chưa ghi được câu trả lời. Xin bấm lại «Đã ra» hoặc «Không ra».",
    )


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
        self.print_again = button(translate("SavedPanel", "In lại biên nhận"), self.print_receipt)
        self.print_again.setObjectName("printAgain")
        self.print_again.hide()  # only when the receipt could not be queued
        layout.addWidget(self.print_again)
        self.done = button(translate("SavedPanel", "Xong — về trang chủ"), nav.home, "primary")
        layout.addWidget(self.done)
        layout.addStretch(1)
        state.bridge.print_job_changed.connect(self._on_job)
        state.record_saved()
        if print_now:
            self.print_receipt()

    def print_receipt(self) -> None:
        printer = self.state.printer
        if printer is None:
            self.print_status.setText(translate("SavedPanel", "Chưa có máy in."))
            return
        code, actor = self.saved.receipt_code, self.state.actor
        self.print_again.hide()
        self._status(state_words(JobState.QUEUED.value))
        self.state.tasks.run(
            lambda: printer.submit(code, actor), self._submitted, self._refused, lane="print"
        )

    def _submitted(self, job: JobView) -> None:
        self.job_id = job.id
        self._show(job.state, job.message)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, JobRefused):  # the record is saved; only the paper is not
            failures.report(
                error, "receipt print request", failures.receipt_not_queued(), line=self._warn
            )
            self.print_again.show()
            return
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
        if job_state == JobState.QUEUED.value and message:  # the printer refused: a retry waits
            self._status(waiting_for_printer_words(), "error")
        elif job_state == JobState.FAILED.value:
            self._status(state_words(job_state), "error")
        else:
            self._status(state_words(job_state))
        # the words say "ask a volunteer to print it again": the button is here for them
        self.print_again.setVisible(job_state == JobState.FAILED.value)
        self._show_answers(job_state == JobState.NEEDS_CONFIRMATION.value)

    def _status(self, text: str, role: str = "muted") -> None:
        self.print_status.setText(text)
        if self.print_status.property("role") != role:
            self.print_status.setProperty("role", role)
            restyle(self.print_status)

    def _warn(self, text: str) -> None:
        self._status(text, "error")

    def _show_answers(self, visible: bool) -> None:
        self.came_out.setVisible(visible)
        self.not_out.setVisible(visible)

    def _answer(self, came_out: bool) -> None:
        printer, job_id = self.state.printer, self.job_id
        if printer is None or job_id is None:
            return
        actor = self.state.actor
        self._show_answers(False)
        # Bound methods, not lambdas: if "Xong" took the resident home meanwhile, the panel is
        # gone and tasks drops the answer instead of touching a deleted widget.
        self.state.tasks.run(
            lambda: printer.answer(job_id, actor, came_out),
            self._answered,
            self._not_answered,
            lane="print",
        )

    def _answered(self, job: JobView) -> None:
        self._show(job.state, job.message)

    def _not_answered(self, error: BaseException) -> None:
        if isinstance(error, JobRefused):  # e.g. answered already: the queue says what it is
            self.print_status.setText(error.message)
            return
        failures.report(error, "receipt print answer", answer_not_saved_words(), line=self._warn)
        self._show_answers(True)  # the question comes back, to be answered again
