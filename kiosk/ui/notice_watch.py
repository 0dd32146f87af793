"""The notices in force, read in one place for every screen that shows them (the home
screen's cards, the emergency bar): once the data home is open, on the province's news, when
asked (coming back home), and every minute — a notice may start or end on its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.ui.bridge import CoreBridge
from kiosk.ui.tasks import Tasks

if TYPE_CHECKING:
    from kiosk.services.context import Kiosk
    from kiosk.services.notices import NoticeView

CHECK_MS = 60_000


def in_force(kiosk: Kiosk) -> list[NoticeView]:
    """Worker side."""
    from kiosk.services import notices  # loaded once the data home is open

    return notices.current(kiosk)


class NoticeWatch(QObject):
    changed = Signal(list)  # list[NoticeView], emergencies first, on each read

    def __init__(self, tasks: Tasks, bridge: CoreBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.kiosk: Kiosk | None = None
        self.check = QTimer(self)
        self.check.timeout.connect(self.refresh)
        bridge.changes_applied.connect(lambda _count: self.refresh())

    def start(self, kiosk: Kiosk) -> None:
        """The data home is open: read now, then every ``CHECK_MS``."""
        self.kiosk = kiosk
        self.check.start(CHECK_MS)
        self.refresh()

    def refresh(self) -> None:
        kiosk = self.kiosk
        if kiosk is not None:
            self.tasks.run(lambda: in_force(kiosk), self.changed.emit)
