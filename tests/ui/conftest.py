"""The real window on a real data home (offscreen), optionally with the simulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui import theme
from kiosk.ui.main_window import MainWindow
from kiosk.ui.state import AppState

PATIENT_MS = 20_000  # CI runs everything on 2 shared cores: a wait only lasts this on failure


@pytest.fixture(autouse=True)
def patient_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """``waitUntil`` gives a loaded CI machine 20 s, not pytest-qt's 5 s default; a condition
    that holds still returns at once, so passing tests are not slower."""
    original = QtBot.waitUntil

    def wait_until(self: QtBot, callback: Any, *, timeout: int = 5000) -> None:
        original(self, callback, timeout=max(timeout, PATIENT_MS))

    monkeypatch.setattr(QtBot, "waitUntil", wait_until)


@pytest.fixture
def window_factory(qtbot: QtBot) -> Iterator[Any]:
    made: list[MainWindow] = []

    def make(*, start_workers: bool = False, size: tuple[int, int] = (1366, 768)) -> MainWindow:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply(app)
        state = AppState(start_workers=start_workers)
        window = MainWindow(state)
        qtbot.addWidget(window)
        app.installEventFilter(window.idle)
        window.resize(*size)
        window.show()
        state.open()
        qtbot.waitUntil(lambda: state.kiosk is not None, timeout=20000)
        made.append(window)
        return window

    yield make
    app = QApplication.instance()
    for window in made:
        if app is not None:
            app.removeEventFilter(window.idle)
        window.exit_allowed = True
        window.close()
        window.state.set_language("vi")


@pytest.fixture
def window(home: Path, window_factory: Any) -> MainWindow:
    built: MainWindow = window_factory()
    return built


def type_text(widget: QWidget, text: str) -> None:
    """Type any text (Vietnamese too: qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def press_enter(widget: QWidget) -> None:
    """Enter, from a physical keyboard or a barcode/QR reader (it types like one)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        )


def texts_in(root: QWidget) -> list[str]:
    """Every text a person could read in ``root``: labels, buttons, fields."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

    found: list[str] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            found.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            found.append(widget.toPlainText())
    return found
