"""One choice among a few, as big buttons (a radio group a finger can hit): the chosen one
turns dark blue with a tick, so that a resident sees at once what is selected."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QWidget

from kiosk.ui.widgets.wrap_button import CHECKED_STYLE, WrapButton

TICK = "✓ "


class ChoiceButtons(QWidget):
    """``options`` are (code, words); ``value()`` is the chosen code or None."""

    changed = Signal(str)

    def __init__(
        self, options: Sequence[tuple[str, str]], columns: int = 2, object_name: str = ""
    ) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, WrapButton] = {}
        self.words: dict[str, str] = {}
        for index, (code, words) in enumerate(options):
            choice = WrapButton(words, align=Qt.AlignmentFlag.AlignLeft)
            choice.setCheckable(True)
            choice.setStyleSheet(CHECKED_STYLE)
            choice.setObjectName(f"{object_name or 'choice'}_{code}")
            choice.toggled.connect(lambda on, c=code: self._toggled(c, on))
            self.group.addButton(choice)
            self.buttons[code] = choice
            self.words[code] = words
            grid.addWidget(choice, index // columns, index % columns)

    def _toggled(self, code: str, on: bool) -> None:
        self.buttons[code].set_caption((TICK if on else "") + self.words[code])
        if on:
            self.changed.emit(code)

    def value(self) -> str | None:
        return next((code for code, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, code: str | None) -> None:
        if code is None:
            checked = self.group.checkedButton()
            if checked is not None:
                self.group.setExclusive(False)
                checked.setChecked(False)
                self.group.setExclusive(True)
            return
        self.buttons[code].setChecked(True)
