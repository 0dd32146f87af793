"""The dashboard's short lists: residents who asked for help, receipts that failed to print
or that nobody said came out, and the reprint box (a code typed or scanned, or one of today's
receipts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.printing.jobs import JobView
from kiosk.printing.models import JobState
from kiosk.services.dashboard import RecentReceipt
from kiosk.services.help_requests import HelpRequest
from kiosk.store.models import utcnow
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import FormField, button, clear_layout, label
from kiosk.ui.widgets.queue_table import age_words, kind_words, local_clock, local_time

ROW_STYLE = "QFrame#dashRow { border: 2px solid #1F1F1F; border-radius: 10px; }"
HELP_STYLE = (
    "QFrame#dashRow { border: 3px solid #7A4B00; border-radius: 10px; background: #FFF8E1; }"
)


def _row(text: QWidget, action: QWidget, style: str = ROW_STYLE) -> QFrame:
    frame = QFrame()
    frame.setObjectName("dashRow")
    frame.setStyleSheet(style)
    layout = QHBoxLayout(frame)
    layout.addWidget(text, 1)
    layout.addWidget(action, 0, Qt.AlignmentFlag.AlignVCenter)
    return frame


class HelpList(QWidget):
    """Each unanswered "Gọi tình nguyện viên", oldest first, with "Đã đến giúp"."""

    def __init__(self, on_answer: Callable[[HelpRequest], None]) -> None:
        super().__init__()
        self.on_answer = on_answer
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[int, QWidget] = {}

    def show_requests(self, requests: Sequence[HelpRequest]) -> None:
        clear_layout(self.body)
        self.buttons = {}
        if not requests:
            self.body.addWidget(
                label(translate("DashboardLists", "Không có ai đang chờ được giúp."), "muted")
            )
            return
        for ask in requests:
            words = translate("DashboardLists", "Gọi lúc {time} (đã chờ {age}), ở {screen}").format(
                time=local_time(ask.at),
                age=age_words((utcnow() - ask.at).total_seconds()),
                screen=screen_words(ask.screen),
            )
            answer = button(
                translate("DashboardLists", "Đã đến giúp"), self._answer(ask), "primary"
            )
            answer.setObjectName(f"help_{ask.seq}")
            self.buttons[ask.seq] = answer
            self.body.addWidget(_row(label(words, "heading"), answer, HELP_STYLE))

    def _answer(self, ask: HelpRequest) -> Callable[[], None]:
        return lambda: self.on_answer(ask)


def screen_words(screen: str) -> str:
    """Where the resident was; screens are named by their class (``DossierScreen``)."""
    if screen in ("", "home", "HomeScreen"):
        return translate("DashboardLists", "trang chủ")
    return translate("DashboardLists", "màn hình {name}").format(name=screen.removesuffix("Screen"))


class PrintsToCheck(QWidget):
    """Receipts the printer did not print, with "Thử in lại" (the same copy again), and
    receipts nobody said came out — the PC went off mid-print, or the saved panel was left
    unanswered — with "Đã ra giấy" and "Chưa ra — in lại"."""

    def __init__(
        self,
        on_retry: Callable[[JobView], None],
        on_answer: Callable[[JobView, bool], None],
    ) -> None:
        super().__init__()
        self.on_retry = on_retry
        self.on_answer = on_answer
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QWidget] = {}  # job id → its first button
        self.not_out: dict[str, QWidget] = {}  # job id → "Chưa ra — in lại" (unconfirmed)

    def show_jobs(self, jobs: Sequence[JobView]) -> None:
        clear_layout(self.body)
        self.buttons, self.not_out = {}, {}
        if not jobs:
            self.body.addWidget(
                label(translate("DashboardLists", "Không có biên nhận nào cần xem lại."), "muted")
            )
            return
        for job in jobs:
            text = QWidget()
            lines = QVBoxLayout(text)
            lines.setContentsMargins(0, 0, 0, 0)
            lines.addWidget(label(self._heading(job), "heading"))
            if job.state == JobState.NEEDS_CONFIRMATION.value:
                lines.addWidget(label(job.message or ""))
                self.body.addWidget(_row(text, self._answers(job)))
                continue
            lines.addWidget(label(job.message or job.error_code or "", "error"))
            retry = button(translate("DashboardLists", "Thử in lại"), self._retry(job))
            retry.setObjectName(f"retry_{job.id}")
            self.buttons[job.id] = retry
            self.body.addWidget(_row(text, retry))

    @staticmethod
    def _heading(job: JobView) -> str:
        words = (
            translate("DashboardLists", "{kind} {code} — chưa rõ đã ra giấy chưa ({time})")
            if job.state == JobState.NEEDS_CONFIRMATION.value
            else translate("DashboardLists", "{kind} {code} — lỗi lúc {time}")
        )
        return words.format(
            kind=kind_words(job.record_kind), code=job.receipt_code, time=local_time(job.updated_at)
        )

    def _answers(self, job: JobView) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        came_out = button(
            translate("DashboardLists", "Đã ra giấy"), self._answer(job, True), "primary"
        )
        came_out.setObjectName(f"came_out_{job.id}")
        not_out = button(translate("DashboardLists", "Chưa ra — in lại"), self._answer(job, False))
        not_out.setObjectName(f"not_out_{job.id}")
        self.buttons[job.id], self.not_out[job.id] = came_out, not_out
        column.addWidget(came_out)
        column.addWidget(not_out)
        return box

    def _retry(self, job: JobView) -> Callable[[], None]:
        return lambda: self.on_retry(job)

    def _answer(self, job: JobView, came_out: bool) -> Callable[[], None]:
        return lambda: self.on_answer(job, came_out)


class ReprintBox(QWidget):
    """A receipt code (typed, or scanned: a scanner types like a keyboard) or one of today's
    newest receipts → a copy marked "BẢN SAO"."""

    def __init__(self, on_reprint: Callable[[str], None]) -> None:
        super().__init__()
        self.on_reprint = on_reprint
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.code = FormField(  # a code (or a scan): the code page, no Telex/VNI
            translate("DashboardLists", "Mã biên nhận"), "code", "NT01-261122-0001", 32
        )
        self.submit = button(
            translate("DashboardLists", "In lại (bản sao)"), self._typed, "primary"
        )
        row.addWidget(self.code, 1)
        row.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)
        self.code.editor.returnPressed.connect(self._typed)  # type: ignore[attr-defined]
        self.result = label("", "muted")
        self.result.setObjectName("reprintResult")
        self.result.hide()
        layout.addWidget(self.result)
        layout.addWidget(label(translate("DashboardLists", "Biên nhận hôm nay:"), "muted"))
        self.recent = QGridLayout()
        self.recent.setSpacing(10)
        layout.addLayout(self.recent)
        self.recent_buttons: dict[str, QWidget] = {}

    def say(self, text: str) -> None:
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def _typed(self) -> None:
        code = self.code.value().upper()
        if not code:
            self.code.set_error(translate("DashboardLists", "Hãy nhập hoặc quét mã biên nhận."))
            return
        self.code.set_error(None)
        self.on_reprint(code)

    def show_recent(self, recent: Sequence[RecentReceipt]) -> None:
        clear_layout(self.recent)
        self.recent_buttons = {}
        for index, receipt in enumerate(recent):
            caption = translate("DashboardLists", "{code}\n{kind}, {time}").format(
                code=receipt.receipt_code,
                kind=kind_words(receipt.kind),
                time=local_clock(receipt.created_at),
            )
            tap = button(caption, self._pick(receipt.receipt_code))
            tap.setObjectName(f"reprint_{receipt.receipt_code}")
            self.recent_buttons[receipt.receipt_code] = tap
            self.recent.addWidget(tap, index // 2, index % 2)

    def _pick(self, code: str) -> Callable[[], None]:
        return lambda: self.on_reprint(code)
