"""The touch app's entry point (the full screens arrive with issue #5).

Until then this window shows the support point, the queue and a live procedure search, with
all disk work on a worker thread so the GUI thread never waits.
"""

from __future__ import annotations

import sys
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from kiosk.services import catalog
from kiosk.services.context import Kiosk
from kiosk.services.queue import view
from kiosk.sync import events
from kiosk.sync.engine import AlreadyRelaying, SyncEngine


class _Bridge(QObject):
    """Re-emits worker results and core events on the GUI thread."""

    done = Signal(object, object)  # (callback, result)
    sync_event = Signal(str, object)  # (event name, data)


class HomeWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-io")
        self._bridge = _Bridge()
        self._bridge.done.connect(lambda callback, result: callback(result))
        self._bridge.sync_event.connect(self._on_sync_event)
        self._kiosk: Kiosk | None = None
        self._engine: SyncEngine | None = None
        self._online: bool | None = None
        self.setWindowTitle("Cà phê Dịch vụ công")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel("Đang mở dữ liệu…")
        self.title.setStyleSheet("font-size: 28pt; font-weight: bold;")
        self.status = QLabel("")
        self.status.setStyleSheet("font-size: 16pt;")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm thủ tục: ví dụ “khai sinh”, “bằng lái”…")
        self.search.setMinimumHeight(64)
        self.search.setStyleSheet("font-size: 20pt;")
        self.results = QListWidget()
        self.results.setStyleSheet("font-size: 18pt;")
        for widget in (self.title, self.status, self.search, self.results):
            layout.addWidget(widget)
        self.setCentralWidget(body)
        self.search.textChanged.connect(self._on_search)
        self._run(self._open, self._opened)

    def _run(self, fn: Any, callback: Any) -> None:
        future: Future[Any] = self._pool.submit(fn)
        future.add_done_callback(lambda f: self._bridge.done.emit(callback, f.result()))

    def _open(self) -> tuple[Kiosk, Any]:
        kiosk = Kiosk.open()
        catalog.index(kiosk)
        engine = SyncEngine(kiosk)
        engine.bus.subscribe(lambda name, data: self._bridge.sync_event.emit(name, data))
        try:
            engine.start()
            self._engine = engine
        except AlreadyRelaying:
            pass  # another process (the sync daemon) relays this data home
        return kiosk, view(kiosk, limit=0)

    def _opened(self, result: tuple[Kiosk, Any]) -> None:
        self._kiosk, queue = result
        self.title.setText(self._kiosk.settings.get_str("kiosk.name"))
        self._show_status(queue.counts)

    def _on_sync_event(self, name: str, data: dict[str, Any]) -> None:
        if name == events.CONNECTIVITY_DID_CHANGE:
            self._online = bool(data["online"])
        if name == events.OUTBOX_DID_CHANGE:
            self._show_status(data["counts"])

    def _show_status(self, counts: dict[str, int]) -> None:
        waiting = counts["pending"] + counts["unknown"] + counts["in_flight"]
        state = {None: "đang kiểm tra kết nối", True: "đã kết nối", False: "mất kết nối"}
        self.status.setText(f"Đang chờ gửi: {waiting} mục · {state[self._online]}")

    def closeEvent(self, event: Any) -> None:
        if self._engine is not None:
            self._engine.stop(timeout=5)
        self._pool.shutdown(wait=False)
        super().closeEvent(event)

    def _on_search(self, text: str) -> None:
        if self._kiosk is None or not text.strip():
            self.results.clear()
            return
        kiosk = self._kiosk
        self._run(lambda: catalog.search(kiosk, text, limit=8), self._show_hits)

    def _show_hits(self, hits: list[Any]) -> None:
        self.results.clear()
        for hit in hits:
            self.results.addItem(f"{hit.code}  {hit.name}")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = HomeWindow()
    window.resize(1366, 768)
    window.setWindowState(Qt.WindowState.WindowMaximized)
    window.show()
    return int(app.exec())
