"""Search as you type, and the big tappable result rows it fills.

``LiveSearch`` waits a moment after the last key (``delay_ms``), runs the search on a worker
(``state.tasks``) and hands back only the answer to the *newest* query: a slow answer to an
older query is dropped, so the list never jumps back to what was typed before.
``TapCard`` is a row a finger can hit: a frame of word-wrapped lines that acts as a button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import label

CARD_STYLE = """
QFrame#tapCard { border: 2px solid #1F1F1F; border-radius: 10px; background: #E8F0FB; }
QFrame#tapCard[down="true"] { background: #C9D9F2; }
QFrame#tapCard QLabel { background: transparent; }
"""


class LiveSearch(QObject):
    """Debounced background search; ``on_result(query, result)`` only for the newest query."""

    def __init__(
        self,
        state: AppState,
        search: Callable[[Any], Any],
        on_result: Callable[[Any, Any], None],
        *,
        delay_ms: int = 150,
        lane: str = "db",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.search = search
        self.on_result = on_result
        self.lane = lane
        self.serial = 0  # the newest query's number; older answers are dropped
        self.pending: Any = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._run)

    def request(self, query: Any) -> None:
        """A new query: run it once typing pauses."""
        self.pending = query
        self.serial += 1  # an answer still on its way is now stale
        self.timer.start()

    def run_now(self, query: Any) -> None:
        self.pending = query
        self.timer.stop()
        self._run()

    def _run(self) -> None:
        self.serial += 1
        serial, query, search = self.serial, self.pending, self.search
        self.state.tasks.run(lambda: (serial, query, search(query)), self._landed, lane=self.lane)

    def _landed(self, answer: tuple[int, Any, Any]) -> None:
        serial, query, result = answer
        if serial == self.serial:
            self.on_result(query, result)


class TapCard(QFrame):
    """A large tappable row of wrapped lines (a QPushButton cannot wrap its text)."""

    clicked = Signal()

    def __init__(self, lines: list[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("tapCard")
        self.setStyleSheet(CARD_STYLE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(64)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.setSpacing(2)
        self.lines = [label(text, role) for text, role in lines]
        for line in self.lines:
            line.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(line)

    def text(self) -> str:
        return "\n".join(line.text() for line in self.lines)

    def _down(self, down: bool) -> None:
        self.setProperty("down", down)
        self.setStyleSheet(CARD_STYLE)  # re-polish for the property

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._down(True)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._down(False)
        if self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        event.accept()
