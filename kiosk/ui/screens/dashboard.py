"""Volunteer dashboard: "Gửi ngay", a guidance visit in one tap, residents who asked for
help, today's work, the queue (waiting, unknown, rejected with the province's reasons, the
oldest item's age) with "Sửa và gửi lại", receipts that failed to print or that nobody said
came out, and reprints.

Everything is read in one snapshot on the db worker (:func:`kiosk.services.dashboard.snapshot`)
and read again when the sync engine reports the outbox changed, after each action here, and
every few seconds (help calls come from other screens).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.printing.jobs import JobRefused, JobView
from kiosk.printing.source import ReceiptUnavailable
from kiosk.services import dashboard, help_requests
from kiosk.services.dashboard import AttentionItem, DashboardView
from kiosk.services.help_requests import HelpRequest
from kiosk.services.records import KINDS
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.dashboard_lists import HelpList, PrintsToCheck, ReprintBox
from kiosk.ui.widgets.queue_table import (
    AttentionList,
    StatTiles,
    age_words,
    kind_count_words,
    local_time,
)

REFRESH_MS = 15_000
COALESCE_MS = 300  # a drain reports after every batch: read once per burst
SEND_COOLDOWN_MS = 3_000


class DashboardScreen(Screen):
    roles = ("volunteer", "staff", "technician")
    holds_resident_data = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.view: DashboardView | None = None
        self._loading = False
        self._again = False
        self._sending = False
        body = self.scrolling_body()
        self._build_actions(body)
        body.addWidget(label(translate("DashboardScreen", "Người dân cần giúp"), "heading"))
        self.help = HelpList(self.answer_help)
        body.addWidget(self.help)
        body.addWidget(label(translate("DashboardScreen", "Việc hôm nay"), "heading"))
        self.today = StatTiles([(kind, kind_count_words(kind)) for kind in KINDS])
        body.addWidget(self.today)
        self._build_queue(body)
        body.addWidget(label(translate("DashboardScreen", "Biên nhận cần xem lại"), "heading"))
        self.failed = PrintsToCheck(self.retry_print, self.answer_print)
        body.addWidget(self.failed)
        body.addWidget(label(translate("DashboardScreen", "In lại biên nhận"), "heading"))
        self.reprint_box = ReprintBox(self.reprint)
        body.addWidget(self.reprint_box)
        body.addStretch(1)
        self._timers()
        bridge = state.bridge
        bridge.outbox_changed.connect(self._outbox_changed)
        bridge.exchanged.connect(self._exchanged)
        bridge.connectivity_changed.connect(self._connectivity)
        bridge.alert.connect(self._alert)
        if state.refused is not None:  # said before this dashboard opened: still true
            self._say(state.refused)
        bridge.print_job_finished.connect(self._print_finished)
        self.reload()

    def heading(self) -> str:
        return translate("DashboardScreen", "Bảng điều khiển")

    # --- building --------------------------------------------------------------------------

    def _build_actions(self, body: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.send_button = button(
            translate("DashboardScreen", "Gửi ngay"), self.send_now, "primary"
        )
        self.send_button.setObjectName("sendNow")
        self.visit_button = button(
            translate("DashboardScreen", "Ghi lượt hướng dẫn"), lambda: self.nav.go("visit")
        )
        self.visit_button.setObjectName("logVisit")
        row.addWidget(self.send_button, 1)
        row.addWidget(self.visit_button, 1)
        body.addLayout(row)
        self.send_status = label("", "muted")
        self.send_status.setObjectName("sendStatus")
        self.send_status.hide()
        body.addWidget(self.send_status)

    def _build_queue(self, body: QVBoxLayout) -> None:
        body.addWidget(label(translate("DashboardScreen", "Hàng đợi gửi tỉnh"), "heading"))
        self.queue_tiles = StatTiles(
            [
                ("waiting", translate("DashboardScreen", "Chờ gửi")),
                ("unknown", translate("DashboardScreen", "Chưa rõ kết quả")),
                ("rejected", translate("DashboardScreen", "Bị từ chối")),
                ("oldest", translate("DashboardScreen", "Chờ lâu nhất")),
            ]
        )
        body.addWidget(self.queue_tiles)
        self.last_exchange = label("", "muted")
        body.addWidget(self.last_exchange)
        self.attention = AttentionList(self.fix)
        body.addWidget(self.attention)

    def _timers(self) -> None:
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self.reload)
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.reload)
        self._refresh.start()
        self._cooldown = QTimer(self)
        self._cooldown.setSingleShot(True)
        self._cooldown.setInterval(SEND_COOLDOWN_MS)
        self._cooldown.timeout.connect(self._send_ready)

    # --- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        kiosk = self.state.kiosk
        if kiosk is None:
            return
        if self._loading:
            self._again = True
            return
        self._loading = True
        self.state.tasks.run(lambda: dashboard.snapshot(kiosk), self._show, self._load_failed)

    def _show(self, view: DashboardView) -> None:
        self._loading = False
        before, self.view = self.view, view
        for kind in KINDS:
            self.today.set_value(kind, str(view.today.get(kind, 0)))
        tiles, counts = self.queue_tiles, view.counts
        tiles.set_value("waiting", str(counts.get("pending", 0) + counts.get("in_flight", 0)))
        tiles.set_value("unknown", str(counts.get("unknown", 0)))
        tiles.set_value("rejected", str(counts.get("rejected", 0) + counts.get("conflict", 0)))
        tiles.set_value("oldest", age_words(view.oldest_pending_age_s))
        self.last_exchange.setText(
            translate("DashboardScreen", "Trao đổi với tỉnh lần cuối: {time}").format(
                time=local_time(view.last_exchange_at)
            )
            if view.last_exchange_at
            else translate("DashboardScreen", "Chưa trao đổi được với tỉnh lần nào.")
        )
        self.help.show_requests(view.help)  # always: the waiting times grow
        # The rest is drawn again only when it changed (a drain reports after every batch).
        if before is None or before.attention != view.attention:
            self.attention.show_items(view.attention)
        if before is None or before.prints_to_check != view.prints_to_check:
            self.failed.show_jobs(view.prints_to_check)
        if before is None or before.recent != view.recent:
            self.reprint_box.show_recent(view.recent)
        if self._again:
            self._again = False
            self._coalesce.start()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        self.state.tasks.failed.emit(error)  # the window says so; the next refresh tries again

    def _outbox_changed(self, _counts: object) -> None:
        self._coalesce.start()

    def _print_finished(self, _data: object) -> None:
        self._coalesce.start()

    # --- "Gửi ngay" ------------------------------------------------------------------------

    def send_now(self) -> None:
        """To this app's sync engine, or to the sync daemon when it relays (``AppState``)."""
        self._sending = True
        self.state.send_now()
        self.send_button.setEnabled(False)
        self._cooldown.start()
        self._say(translate("DashboardScreen", "Đang thử gửi cho tỉnh ngay…"))

    def _say(self, text: str) -> None:
        self.send_status.setText(text)
        self.send_status.setVisible(bool(text))

    def _send_ready(self) -> None:
        self.send_button.setEnabled(True)

    def _exchanged(self, at: str) -> None:
        if self._sending:
            self._sending = False
            self._say(
                translate("DashboardScreen", "Đã trao đổi với tỉnh lúc {time}.").format(
                    time=local_time(datetime.fromisoformat(at))
                )
            )
        self._coalesce.start()

    def _connectivity(self, online: bool) -> None:
        if self._sending and not online:
            self._sending = False
            self._say(
                translate(
                    "DashboardScreen",
                    "Chưa kết nối được với tỉnh. Máy sẽ tự thử lại; mọi thứ đã lưu vẫn an toàn.",
                )
            )

    def _alert(self, data: dict[str, Any]) -> None:
        self._sending = False
        self._say(str(data.get("message") or data.get("code") or ""))

    # --- actions ---------------------------------------------------------------------------

    def fix(self, item: AttentionItem) -> None:
        self.nav.go("correction", item_id=item.item_id)

    def answer_help(self, ask: HelpRequest) -> None:
        kiosk, actor = self.state.require_kiosk(), self.state.actor
        self.state.tasks.run(lambda: help_requests.answer(kiosk, ask.seq, actor), self._done)

    def retry_print(self, job: JobView) -> None:
        printer, actor = self.state.printer, self.state.actor
        if printer is None:
            return
        self.state.tasks.run(
            lambda: printer.retry(job.id, actor), self._done, self._print_refused, lane="print"
        )

    def answer_print(self, job: JobView, came_out: bool) -> None:
        """A receipt nobody said came out: it did, or it did not (then the same copy again)."""
        printer, actor = self.state.printer, self.state.actor
        if printer is None:
            return

        def answer() -> JobView:
            answered = printer.answer(job.id, actor, came_out)
            return answered if came_out else printer.retry(job.id, actor)

        self.state.tasks.run(answer, self._done, self._print_refused, lane="print")

    def reprint(self, code: str) -> None:
        printer, actor = self.state.printer, self.state.actor
        if printer is None:
            self.reprint_box.say(translate("DashboardScreen", "Chưa có máy in."))
            return
        self.reprint_box.say(translate("DashboardScreen", "Đang gửi lệnh in…"))
        self.state.tasks.run(
            lambda: dashboard.print_copy(printer, code, actor),
            self._reprinted,
            self._print_refused,
            lane="print",
        )

    def _reprinted(self, job: JobView) -> None:
        words = (
            translate("DashboardScreen", "Đã gửi lệnh in bản sao số {n} của {code}.")
            if job.copy_number
            else translate("DashboardScreen", "Đã gửi lệnh in bản chính của {code}.")
        )
        self.reprint_box.say(words.format(n=job.copy_number, code=job.receipt_code))
        self.reprint_box.code.editor.clear()  # type: ignore[attr-defined]
        self.reload()

    def _print_refused(self, error: BaseException) -> None:
        if not isinstance(error, JobRefused | ReceiptUnavailable):
            self.state.tasks.failed.emit(error)
            return
        self.reprint_box.say(error.message)
        self.nav.toast(error.message, "error")

    def _done(self, _result: object) -> None:
        self.reload()


SCREEN = DashboardScreen
