"""The app beside the sync daemon: when another process relays this data home (at boot the
daemon gets ``relay.lock`` before the app opens), its events never reach this process. Every
:data:`WATCH_MS` the watch reads what that relay keeps in the database
(:mod:`kiosk.sync.shared`: the waiting items, whether the province answered, the last
exchange, the last statuses or notices) on the ``db`` lane, and re-emits what changed through
the bridge's own Signals — the status strip, the dashboard and the look-up screen listen to
those whichever process relays. The same look tries to take the relay over: once the other
process has stopped (its lock is free), this app relays and the watch ends (``took_over``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.events import EventBus
from kiosk.ui.bridge import CoreBridge
from kiosk.ui.tasks import Tasks

if TYPE_CHECKING:  # the core is imported on the db worker, after the first paint
    from kiosk.services.context import Kiosk
    from kiosk.sync.engine import SyncEngine
    from kiosk.sync.shared import RelayStatus

log = logging.getLogger(__name__)
WATCH_MS = 5_000


def look(kiosk: Kiosk, bus: EventBus) -> SyncEngine | RelayStatus:
    """On a worker: relay from now on if nobody else does, else read what the relay says."""
    from kiosk.sync import shared
    from kiosk.sync.engine import AlreadyRelaying, SyncEngine

    engine = SyncEngine(kiosk, bus=bus)
    try:
        engine.start()
    except AlreadyRelaying:
        return shared.read_status(kiosk)
    return engine


class RelayWatch(QObject):
    took_over = Signal(object)  # the SyncEngine this app now runs

    def __init__(self, tasks: Tasks, bridge: CoreBridge, bus: EventBus) -> None:
        super().__init__()
        self.tasks, self.bridge, self.bus = tasks, bridge, bus
        self.kiosk: Kiosk | None = None
        self.seen: RelayStatus | None = None
        self._looking = False
        self.timer = QTimer(self)
        self.timer.setInterval(WATCH_MS)
        self.timer.timeout.connect(self.look_now)

    @property
    def watching(self) -> bool:
        return self.timer.isActive()

    def start(self, kiosk: Kiosk, status: RelayStatus) -> None:
        """``status``: what the relay said when the app opened (already shown)."""
        self.kiosk, self.seen = kiosk, status
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def look_now(self) -> None:
        kiosk, bus = self.kiosk, self.bus
        if kiosk is None or self._looking:
            return
        self._looking = True
        self.tasks.run(lambda: look(kiosk, bus), self._looked, self._failed)

    def _failed(self, error: BaseException) -> None:
        log.warning("relay watch: %s", type(error).__name__)  # no personal data in the name
        self._looking = False  # the next tick tries again (a busy database, a full disk)

    def _looked(self, result: Any) -> None:
        from kiosk.sync.shared import RelayStatus

        self._looking = False
        if not isinstance(result, RelayStatus):
            if not self.watching:  # closed meanwhile: nobody wants a relay now
                result.stop(timeout=5)
                return
            self.stop()
            self.took_over.emit(result)
            return
        before, self.seen = self.seen, result
        if before is None or result.waiting != before.waiting:
            self.bridge.outbox_changed.emit(result.waiting)
        told = before is None or (result.online, result.checked_at) != (
            before.online,
            before.checked_at,
        )
        if result.online is not None and told:  # changed, or a probe "Gửi ngay" asked for
            self.bridge.connectivity_changed.emit(result.online)
        at = result.last_exchange_at
        if at is not None and (before is None or at != before.last_exchange_at):
            self.bridge.exchanged.emit(at.isoformat())
        changes = result.changes_at
        if changes is not None and (before is None or changes != before.changes_at):
            self.bridge.changes_applied.emit(0)
