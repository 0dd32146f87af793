"""The numeric pad: big keys for CCCD, phone numbers and amounts (digits, ⌫, OK)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from kiosk.ui.keyboard.fields import INPUT_DIGITS
from kiosk.ui.keyboard.keys import PAD_KEY_HEIGHT, make_key
from kiosk.ui.keyboard.layout import OK, KeySpec, accessible_names, numpad_rows

PAD_WIDTH = 760  # the pad stays a compact block, centred, on a wide screen


class NumPad(QWidget):
    """Calls ``on_key(spec)`` for each tap."""

    def __init__(self, on_key: Callable[[KeySpec], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_key = on_key
        self.buttons: dict[str, QPushButton] = {}
        self.kind = ""
        self.with_letters = False
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        self._block = QWidget(self)
        self._block.setMaximumWidth(PAD_WIDTH)
        outer.addWidget(self._block, 0, Qt.AlignmentFlag.AlignHCenter)
        self._grid = QGridLayout(self._block)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self.set_kind(INPUT_DIGITS, with_letters=False)

    def set_kind(self, kind: str, with_letters: bool) -> None:
        """Rebuild for a field kind: money adds "000", phone "+"; ABC only for text fields."""
        if (kind, with_letters) == (self.kind, self.with_letters):
            return
        self.kind, self.with_letters = kind, with_letters
        for button in self.buttons.values():
            self._grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = {}
        names = accessible_names()
        for row, keys in enumerate(numpad_rows(kind, with_letters)):
            for column, spec in enumerate(keys):
                if spec is not None:
                    rows = 2 if spec.name == OK else 1
                    height = PAD_KEY_HEIGHT * rows + self._grid.spacing() * (rows - 1)
                    button = self._add(spec, height)
                    button.setAccessibleName(names.get(spec.name, spec.label))
                    self._grid.addWidget(button, row, column, rows, 1)

    def _add(self, spec: KeySpec, height: int) -> QPushButton:
        button = make_key(spec, self._block, height)
        button.setProperty("kbPad", "true")
        button.setMinimumWidth(150)
        button.clicked.connect(lambda: self._on_key(spec))
        self.buttons[spec.name] = button
        return button
