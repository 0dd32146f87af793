"""One key: a QPushButton that never takes focus, ≥ 60 px high, ≥ 18 pt, high contrast."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.keyboard.layout import BACKSPACE, COLUMNS, KeySpec, Row

KEY_HEIGHT = 64  # letters keyboard; touch targets ≥ 60 px
PAD_KEY_HEIGHT = 76  # numeric pad: bigger keys

# Black on white / yellow / grey, white on dark green: contrast ratios of 7:1 or more.
STYLE = """
#onScreenKeyboard { background: #1a1a1a; border-top: 3px solid #ffd54a; }
#onScreenKeyboard QPushButton {
    color: #000000; background: #ffffff; border: 2px solid #000000; border-radius: 8px;
    font-size: 22pt; padding: 0 4px;
}
#onScreenKeyboard QPushButton[kbRole="vietnamese"] { background: #d7ecff; font-weight: bold; }
#onScreenKeyboard QPushButton[kbRole="tone"] {
    background: #ffd54a; font-size: 19pt; font-weight: bold;
}
#onScreenKeyboard QPushButton[kbRole="action"] { background: #c4c4c4; font-size: 19pt; }
#onScreenKeyboard QPushButton[kbRole="confirm"] {
    color: #ffffff; background: #0a5c1f; border-color: #ffffff; font-size: 20pt;
    font-weight: bold;
}
#onScreenKeyboard QPushButton[kbActive="true"] {
    color: #ffffff; background: #0d47a1; border-color: #ffffff;
}
#onScreenKeyboard QPushButton:pressed {
    color: #ffffff; background: #000000; border-color: #ffd54a;
}
#onScreenKeyboard QPushButton[kbPad="true"] { font-size: 28pt; }
"""


def make_key(spec: KeySpec, parent: QWidget, height: int = KEY_HEIGHT) -> QPushButton:
    button = QPushButton(spec.label, parent)
    button.setObjectName(f"key:{spec.name}")
    button.setProperty("kbRole", spec.role)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoDefault(False)
    button.setFixedHeight(height)
    button.setMinimumWidth(40)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    if spec.name == BACKSPACE:  # held down, it keeps deleting
        button.setAutoRepeat(True)
        button.setAutoRepeatDelay(500)
        button.setAutoRepeatInterval(90)
    return button


def key_grid(
    page: QWidget, rows: Sequence[Row], add: Callable[[KeySpec], QPushButton]
) -> QGridLayout:
    """A page of ``COLUMNS`` equal columns: each row from its offset, each key (made by
    ``add``) spanning its columns."""
    grid = QGridLayout(page)
    grid.setContentsMargins(8, 8, 8, 8)
    grid.setSpacing(6)
    for column in range(COLUMNS):
        grid.setColumnStretch(column, 1)
    for row_index, row in enumerate(rows):
        column = row.offset
        for spec in row.keys:
            grid.addWidget(add(spec), row_index, column, 1, spec.span)
            column += spec.span
    return grid


def set_active(button: QPushButton, active: bool) -> None:
    """Highlight a latching key (shift); re-polish so the style sheet sees the property."""
    button.setProperty("kbActive", "true" if active else "false")
    button.style().unpolish(button)
    button.style().polish(button)
