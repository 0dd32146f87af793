"""The code page: digits, capital letters and "-" on one page, for receipt codes, user codes
and bank references (``NT01-261122-0042`` with no page switch and no tone keys)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.keyboard.keys import KEY_HEIGHT, key_grid, make_key
from kiosk.ui.keyboard.layout import KeySpec, accessible_names, code_rows


class CodePad(QWidget):
    """Calls ``on_key(spec)`` for each tap."""

    def __init__(self, on_key: Callable[[KeySpec], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_key = on_key
        self.buttons: dict[str, QPushButton] = {}
        key_grid(self, code_rows(), self._add)
        self.retranslate()

    def _add(self, spec: KeySpec) -> QPushButton:
        button = make_key(spec, self, KEY_HEIGHT)
        button.clicked.connect(lambda: self._on_key(self._specs[spec.name]))
        self.buttons[spec.name] = button
        return button

    def retranslate(self) -> None:
        self._specs = {spec.name: spec for row in code_rows() for spec in row.keys}
        names = accessible_names()
        for name, button in self.buttons.items():
            spec = self._specs[name]
            button.setText(spec.label)
            button.setAccessibleName(names.get(name, spec.label))
