"""Idle: after ``idle.timeout_s`` without a touch, a countdown of ``idle.countdown_s``;
then the window wipes everything a resident typed and returns home (volunteer logged out).

A step where the resident is busy away from the screen (the VietQR transfer: their banking
app, its login and OTP) asks for longer limits while it is shown (``stretch``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """``warn(seconds_left)`` each second of the countdown; ``expired`` at its end."""

    warn = Signal(int)
    expired = Signal()
    resumed = Signal()

    def __init__(self, timeout_s: int, countdown_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self.countdown_s = countdown_s
        self._left = 0
        self._stretched: tuple[int, int] | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._start_countdown)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count)
        self.armed = False

    def configure(self, timeout_s: int, countdown_s: int) -> None:
        self.timeout_s, self.countdown_s = timeout_s, countdown_s
        self.touch()

    def stretch(self, limits: tuple[int, int] | None) -> None:
        """Longer (timeout_s, countdown_s) while a step needs them; None: the configured ones.
        Never shorter than the configured ones."""
        if limits != self._stretched:
            self._stretched = limits
            self.touch()

    @property
    def limits(self) -> tuple[int, int]:
        """The (timeout_s, countdown_s) in force now."""
        if self._stretched is None:
            return self.timeout_s, self.countdown_s
        return max(self.timeout_s, self._stretched[0]), max(self.countdown_s, self._stretched[1])

    def arm(self, armed: bool) -> None:
        """Only watch while something could be wiped (a flow open, a volunteer logged in)."""
        self.armed = armed
        if armed:
            self.touch()
        else:
            self._idle.stop()
            self._tick.stop()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() in ACTIVITY and self.armed:
            self.touch()
        return False

    def touch(self) -> None:
        if self._tick.isActive():
            self._tick.stop()
            self.resumed.emit()
        if self.armed:
            self._idle.start(self.limits[0] * 1000)

    def _start_countdown(self) -> None:
        self._left = self.limits[1]
        self.warn.emit(self._left)
        self._tick.start()

    def _count(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.warn.emit(self._left)
            return
        self._tick.stop()
        self.expired.emit()

    @property
    def counting(self) -> bool:
        return self._tick.isActive()
