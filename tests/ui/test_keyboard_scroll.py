"""The keyboard never covers the field being typed into."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.ui.keyboard import INPUT_DIGITS, OnScreenKeyboard, ensure_field_visible, set_input_kind
from kiosk.ui.keyboard.scroll import global_rect


def _screen(qtbot: QtBot, width: int, height: int) -> tuple[QWidget, QScrollArea, QLineEdit]:
    """A host like the app's: a scroll area over a form, a field at its very bottom."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    area = QScrollArea(window)
    area.setWidgetResizable(True)
    content = QWidget()
    form = QVBoxLayout(content)
    title = QLabel("Nộp hồ sơ")
    title.setMinimumHeight(height - 200)
    form.addWidget(title)
    form.addStretch(1)
    field = QLineEdit(content)
    field.setMinimumHeight(64)
    form.addWidget(field)
    area.setWidget(content)
    layout.addWidget(area)
    window.resize(width, height)
    return window, area, field


def _covered(field: QWidget, keyboard: QWidget) -> bool:
    return global_rect(field).intersects(global_rect(keyboard))


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("kind", ["text", INPUT_DIGITS])
def test_the_keyboard_never_covers_the_field(
    qtbot: QtBot, width: int, height: int, kind: str
) -> None:
    window, area, field = _screen(qtbot, width, height)
    set_input_kind(field, kind)
    keyboard = OnScreenKeyboard(window)
    window.layout().addWidget(keyboard)
    keyboard.attach(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    field.clearFocus()  # the window gave it the focus: start from none
    qtbot.waitUntil(lambda: not keyboard.isVisible())
    qtbot.waitUntil(lambda: global_rect(area.viewport()).contains(global_rect(field)))
    assert area.verticalScrollBar().value() == 0  # the field shows without scrolling

    with qtbot.waitSignal(keyboard.visibility_changed):
        field.setFocus()
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 0)

    assert keyboard.isVisible() and keyboard.height() >= 5 * 60
    assert not _covered(field, keyboard)
    assert global_rect(area.viewport()).contains(global_rect(field))
    assert QApplication.focusWidget() is field
    window.close()


def test_ensure_field_visible_helper(qtbot: QtBot) -> None:
    window, area, field = _screen(qtbot, 1366, 768)
    window.show()
    qtbot.waitExposed(window)
    keyboard = QWidget(window)  # any panel the host docks below the scroll area
    keyboard.setFixedHeight(400)
    window.layout().addWidget(keyboard)
    keyboard.show()
    assert ensure_field_visible(area, field)  # applies the pending layout first
    assert not _covered(field, keyboard)
    outsider = QLineEdit()
    qtbot.addWidget(outsider)
    assert not ensure_field_visible(area, outsider)
    window.close()


def test_visibility_signal_lets_a_host_make_room(qtbot: QtBot) -> None:
    window, _, field = _screen(qtbot, 1366, 768)
    keyboard = OnScreenKeyboard(window)
    window.layout().addWidget(keyboard)
    heights: list[int] = []
    keyboard.visibility_changed.connect(lambda visible, height: heights.append(height))
    window.show()
    qtbot.waitExposed(window)
    keyboard.set_target(field)
    qtbot.mouseClick(keyboard.key("hide"), Qt.MouseButton.LeftButton)
    assert heights[0] >= 300 and heights[-1] == 0
    window.close()
