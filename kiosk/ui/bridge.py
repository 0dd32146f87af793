"""Core events (plain-Python :class:`kiosk.events.EventBus`) re-emitted as Qt Signals.

The sync engine and the print queue publish from their own threads; ``relay`` crosses to the
GUI thread through a queued Signal, and ``dispatch`` turns each event name into its Signal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.events import EventBus
from kiosk.printing import events as print_events
from kiosk.sync import events as sync_events


class CoreBridge(QObject):
    _relay = Signal(str, object)
    outbox_changed = Signal(object)  # counts: dict[str, int]
    connectivity_changed = Signal(bool)
    item_rejected = Signal(object)  # {"item_id", "receipt_code", "errors"}
    alert = Signal(object)  # {"code", "message"}
    changes_applied = Signal(int)
    exchanged = Signal(str)  # ISO time of the last successful exchange
    print_job_changed = Signal(object)  # JobView as dict
    print_job_finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay.connect(self._dispatch)
        self._unsubscribe: list[Any] = []

    def attach(self, bus: EventBus) -> None:
        self._unsubscribe.append(bus.subscribe(self._from_worker))

    def detach(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()

    def _from_worker(self, name: str, data: dict[str, Any]) -> None:
        self._relay.emit(name, data)

    def _dispatch(self, name: str, data: dict[str, Any]) -> None:
        if name == sync_events.OUTBOX_DID_CHANGE:
            self.outbox_changed.emit(data["counts"])
        elif name == sync_events.CONNECTIVITY_DID_CHANGE:
            self.connectivity_changed.emit(bool(data["online"]))
        elif name == sync_events.ITEM_REJECTED:
            self.item_rejected.emit(data)
        elif name == sync_events.ALERT:
            self.alert.emit(data)
        elif name == sync_events.EXCHANGE_DID_SUCCEED:
            self.exchanged.emit(str(data["at"]))
        elif name == sync_events.CHANGES_APPLIED:
            self.changes_applied.emit(int(data.get("count", 0)))
        elif name == print_events.PRINT_JOB_DID_CHANGE:
            self.print_job_changed.emit(data)
        elif name == print_events.PRINT_JOB_DID_FINISH:
            self.print_job_finished.emit(data)
