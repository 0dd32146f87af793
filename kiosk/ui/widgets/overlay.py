"""Messages over the current screen inside the kiosk window (never a separate window that
could hide behind a full-screen app): a toast, a yes/no question, the idle countdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import button, clear_layout, label

TOAST_MS = 5000


class Overlay(QFrame):
    """Covers its parent with a dimmed layer and a centred card."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = parent
        self.setProperty("role", "overlay")
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = QFrame()
        self.card.setProperty("role", "dialog")
        self.card.setMinimumWidth(560)
        self.card.setMaximumWidth(900)
        self.body = QVBoxLayout(self.card)
        self.body.setContentsMargins(32, 28, 32, 28)
        self.body.setSpacing(18)
        outer.addWidget(self.card)
        self.hide()
        parent.installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # keep covering the parent
        if watched is self.host and event.type() == event.Type.Resize:
            self.setGeometry(self.host.rect())
        return False

    def clear(self) -> None:
        clear_layout(self.body)

    def present(self) -> None:
        self.setGeometry(self.host.rect())
        self.raise_()
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.clear()


class Dialogs:
    """Toasts and questions for the window (one at a time)."""

    def __init__(self, parent: QWidget) -> None:
        self.overlay = Overlay(parent)
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.overlay.dismiss)
        self.message = label("")

    def toast(self, message: str, level: str = "info") -> None:
        self._timer.stop()
        self.overlay.clear()
        self.message = label(message, "error" if level == "error" else "")
        self.overlay.body.addWidget(self.message)
        self.overlay.body.addWidget(button(translate("Dialogs", "Đóng"), self.overlay.dismiss))
        self.overlay.present()
        self._timer.start(TOAST_MS if level != "error" else 3 * TOAST_MS)

    def confirm(self, message: str, on_yes: Callable[[], Any], yes: str = "", no: str = "") -> None:
        self._timer.stop()
        self.overlay.clear()
        self.message = label(message)
        self.overlay.body.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(button(no or translate("Dialogs", "Không"), self.overlay.dismiss))

        def accept() -> None:
            self.overlay.dismiss()
            on_yes()

        row.addWidget(button(yes or translate("Dialogs", "Có"), accept, "primary"))
        self.overlay.body.addLayout(row)
        self.overlay.present()

    @property
    def showing(self) -> bool:
        return self.overlay.isVisible()
