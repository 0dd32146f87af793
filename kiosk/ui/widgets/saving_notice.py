""" "Đang lưu…" over a screen whose save is slow to come back (see ``Tasks.waiting_words``):
a dimmed layer with a card, a turning busy sign and the words — the screen is not frozen,
it is waiting for the disk (or for another program's write), and says so.

The layer takes the taps meant for the form below it: a second tap on "Gửi" or a changed
field would not be in the save that is under way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.theme import COLORS
from kiosk.ui.widgets.common import label

TURN_MS = 40  # 25 frames a second


class BusySign(QWidget):
    """A turning arc, drawn by the GUI thread: it only turns while the screen is alive."""

    def __init__(self, size: int = 64) -> None:
        super().__init__()
        self.setFixedSize(QSize(size, size))
        self.angle = 0
        self.frames = 0  # how many times it has turned (a test sees the screen is not frozen)
        self.timer = QTimer(self)
        self.timer.setInterval(TURN_MS)
        self.timer.timeout.connect(self._turn)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _turn(self) -> None:
        self.angle = (self.angle + 12) % 360
        self.frames += 1
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(6, self.width() // 9)
        box = QRectF(self.rect()).adjusted(width, width, -width, -width)
        painter.setPen(QPen(QColor("#D5DEEA"), width))
        painter.drawEllipse(box)
        pen = QPen(QColor(COLORS["primary"]), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(box, -self.angle * 16, 100 * 16)  # Qt: 1/16 degree, counter-clockwise
        painter.end()


class SavingNotice(QFrame):
    """Covers ``host`` (a screen) while its save is slow; ``say(words)`` / ``say(None)``."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.host = host
        self.setObjectName("savingNotice")
        self.setProperty("role", "overlay")
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = QFrame()
        card.setProperty("role", "dialog")
        card.setMinimumWidth(520)
        card.setMaximumWidth(760)
        row = QHBoxLayout(card)
        row.setContentsMargins(36, 28, 36, 28)
        row.setSpacing(28)
        self.sign = BusySign()
        words = QVBoxLayout()
        self.words = label("", "title")
        self.words.setObjectName("savingWords")
        self.please = label(translate("SavingNotice", "Xin ông/bà chờ một chút."), "muted")
        words.addWidget(self.words)
        words.addWidget(self.please)
        row.addWidget(self.sign, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(words, 1)
        outer.addWidget(card)
        self.shown_times = 0
        self.hide()
        host.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # keep covering the host
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.host.rect())
        return False

    def say(self, words: str | None) -> None:
        if words is None:
            self.sign.stop()
            self.hide()
            return
        self.words.setText(words)
        if not self.isVisible():
            self.shown_times += 1
            self.setGeometry(self.host.rect())
            self.raise_()
            self.show()
            self.sign.start()
