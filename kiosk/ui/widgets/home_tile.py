"""A home-screen tile: the big caption, and under it one line in smaller words saying what
is behind it ("Nộp phí" — "Lệ phí, đóng góp: tiền mặt, VietQR"), for a resident who has
never used the kiosk. Both wrap; the button's own text stays empty (the labels draw them).
The hint is a help, not a need: where the tile is too low for it (a long translation on a
small screen) it is left out rather than cut, and it never makes the tile taller."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QLayout, QPushButton, QSizePolicy, QVBoxLayout

MARGIN_PX = 14


class HomeTile(QPushButton):
    def __init__(self, caption: str, hint: str, on_click: Callable[[], Any]) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setProperty("role", "tile")
        self.caption = self._words(caption, "tile_caption")
        self.hint = self._words(hint, "tile_hint")
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # see minimumSizeHint
        layout.setContentsMargins(MARGIN_PX, MARGIN_PX, MARGIN_PX, MARGIN_PX)
        layout.setSpacing(6)
        layout.addStretch(1)
        layout.addWidget(self.caption)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.set_words(caption, hint)
        self.clicked.connect(lambda _checked=False: on_click())

    @staticmethod
    def _words(text: str, role: str) -> QLabel:
        words = QLabel(text)
        words.setWordWrap(True)
        words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        words.setProperty("role", role)
        return words

    def text(self) -> str:
        """The caption (what a test or a screen reader calls this tile)."""
        return self.caption.text()

    def set_words(self, caption: str, hint: str) -> None:
        self.caption.setText(caption)
        self.hint.setText(hint)
        self.setAccessibleName(caption)
        self.setAccessibleDescription(hint)

    def sizeHint(self) -> QSize:
        width = max(self.caption.sizeHint().width(), min(self.hint.sizeHint().width(), 360))
        return QSize(width + 2 * MARGIN_PX, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """Room for the caption alone (on two lines at most); the hint shows when it fits."""
        line = self.caption.fontMetrics().lineSpacing()
        return QSize(2 * MARGIN_PX + 60, 2 * MARGIN_PX + 2 * line)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.hint.setVisible(self.heightForWidth(self.width()) <= self.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        inner = width - 2 * MARGIN_PX
        words = self.caption.heightForWidth(inner) + 6 + self.hint.heightForWidth(inner)
        return words + 2 * MARGIN_PX
