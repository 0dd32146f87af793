"""The letters page: tone row, Vietnamese QWERTY with ă â đ ê ô ơ ư, shift, space."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.keyboard.keys import KEY_HEIGHT, key_grid, make_key, set_active
from kiosk.ui.keyboard.layout import (
    ENTER,
    SHIFT,
    KeySpec,
    accessible_names,
    enter_label,
    letter_rows,
)


class Shift(Enum):
    OFF = "off"
    ONCE = "once"  # the next letter only
    LOCK = "lock"  # caps lock: tap shift twice


_NEXT_SHIFT = {Shift.OFF: Shift.ONCE, Shift.ONCE: Shift.LOCK, Shift.LOCK: Shift.OFF}


class LetterPad(QWidget):
    """Calls ``on_key(spec)`` for each tap (a letter's text in the current case)."""

    def __init__(self, on_key: Callable[[KeySpec], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_key = on_key
        self.buttons: dict[str, QPushButton] = {}
        self._specs: dict[str, KeySpec] = {}
        self.shift = Shift.OFF
        self.multiline = False
        key_grid(self, letter_rows(), self._add)
        self.retranslate()

    def _add(self, spec: KeySpec) -> QPushButton:
        button = make_key(spec, self, KEY_HEIGHT)
        button.clicked.connect(lambda: self._on_click(spec.name))
        self.buttons[spec.name] = button
        self._specs[spec.name] = spec
        return button

    def retranslate(self) -> None:
        for row in letter_rows():
            for spec in row.keys:
                self._specs[spec.name] = spec
        names = accessible_names()
        for name, button in self.buttons.items():
            button.setAccessibleName(names.get(name, self._specs[name].label))
        self._relabel()

    def set_multiline(self, multiline: bool) -> None:
        """Label Enter "Xong" for a one-line field, "Xuống dòng" for a multi-line one."""
        self.multiline = multiline
        self._relabel()

    def _on_click(self, name: str) -> None:
        spec = self._specs[name]
        if name == SHIFT:
            self.set_shift(_NEXT_SHIFT[self.shift])
            return
        if spec.text.isalpha():
            upper = self.shift is not Shift.OFF
            text = spec.text.upper() if upper else spec.text
            spec = KeySpec(spec.name, text, spec.role, spec.span, text)
            if self.shift is Shift.ONCE:
                self.set_shift(Shift.OFF)
        self._on_key(spec)

    def set_shift(self, state: Shift) -> None:
        self.shift = state
        self.buttons[SHIFT].setText("⇪" if state is Shift.LOCK else "⇧")
        set_active(self.buttons[SHIFT], state is not Shift.OFF)
        self._relabel()

    def _relabel(self) -> None:
        upper = self.shift is not Shift.OFF
        for name, spec in self._specs.items():
            if spec.text.isalpha():
                self.buttons[name].setText(spec.label.upper() if upper else spec.label)
            elif name == ENTER:
                self.buttons[name].setText(enter_label(self.multiline))
            elif name != SHIFT:
                self.buttons[name].setText(spec.label)
