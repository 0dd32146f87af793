"""A big button whose words wrap onto several lines (a QPushButton never wraps): long
Vietnamese service names stay whole instead of being cut at both ends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

CHECKED_STYLE = "QPushButton:checked { background: #0B4F9C; }"


class WrapButton(QPushButton):
    def __init__(
        self,
        text: str,
        on_click: Callable[[], Any] | None = None,
        *,
        point_size: int = 0,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
    ) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.words = QLabel(text)
        self.words.setWordWrap(True)
        self.words.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # No room above for marks on capitals (the app's QLabel padding): these captions are
        # the kiosk's own words, none starting with a marked capital (a USB drive's own label
        # could), and a row of these buttons is sized by its one-line hint, where that padding
        # would cut a second line off.
        self.base_style = "background: transparent; padding-top: 0;"
        self.base_style += f" font-size: {point_size}pt;" if point_size else ""
        self.base_style += " font-weight: bold;" if bold else ""
        self.words.setStyleSheet(self.base_style)
        self.toggled.connect(self._restyle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.words)
        if on_click is not None:
            self.clicked.connect(lambda _checked=False: on_click())

    def _restyle(self, checked: bool) -> None:
        """Chosen: white bold words on the dark blue the stylesheet gives the button."""
        extra = " color: #FFFFFF; font-weight: bold;" if checked else ""
        self.words.setStyleSheet(self.base_style + extra)

    def caption(self) -> str:
        """The words shown (the QPushButton's own text stays empty: the label draws them)."""
        return self.words.text()

    def set_caption(self, text: str) -> None:
        self.words.setText(text)

    def sizeHint(self) -> QSize:
        hint = self.words.sizeHint()
        return QSize(min(hint.width(), 420) + 32, hint.height() + 20)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.minimumHeight(), self.words.heightForWidth(width - 32) + 20)
