"""The one way into the background: ``tasks.run(fn, on_done, on_error, lane=...)``.

Work runs on an executor per lane — ``db`` (one worker: the one writer), ``files``
(reading/hashing scans), ``net`` and ``print`` — and its result comes back on the GUI
thread through a queued Signal. Worker code never touches a widget. A callback whose widget
was destroyed meanwhile (the resident left the screen) is dropped instead of crashing — a
bound method's widget, or one a lambda closed over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
LANES = {"db": 1, "files": 1, "net": 2, "print": 1}


def _owners(callback: Callable[..., Any] | None) -> list[QObject]:
    """The Qt objects ``callback`` would touch: a bound method's object, and what a lambda
    or an inner function closed over (``lambda job: self._show(job)`` holds ``self``)."""
    found = [getattr(callback, "__self__", None)]
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            found.append(cell.cell_contents)
        except ValueError:  # a cell not filled yet
            continue
    return [target for target in found if isinstance(target, QObject)]


def _alive(callback: Callable[..., Any] | None) -> bool:
    return all(shiboken6.isValid(owner) for owner in _owners(callback))


class Tasks(QObject):
    """Runs functions off the GUI thread; ``failed`` reports errors nobody handled."""

    _landed = Signal(object, object, object)  # (on_done, on_error, future)
    failed = Signal(object)  # BaseException
    busy_changed = Signal(int)  # tasks still running

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes = {
            name: ThreadPoolExecutor(max_workers=n, thread_name_prefix=f"kiosk-{name}")
            for name, n in LANES.items()
        }
        self._running = 0
        self._closed = False
        self._landed.connect(self._deliver)

    @property
    def running(self) -> int:
        return self._running

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        lane: str = "db",
    ) -> None:
        if self._closed:  # the kiosk is closing: a late timer's work has nobody to show it to
            log.debug("task dropped after shutdown: %r", fn)
            return
        self._running += 1
        self.busy_changed.emit(self._running)
        future = self._lanes[lane].submit(fn)
        future.add_done_callback(lambda f: self._landed.emit(on_done, on_error, f))

    def _deliver(self, on_done: Done | None, on_error: Failed | None, future: Future[Any]) -> None:
        self._running -= 1
        self.busy_changed.emit(self._running)
        if future.cancelled():  # shut down before it ran: nobody waits for it any more
            return
        error = future.exception()
        if error is None:
            if on_done is not None and _alive(on_done):
                on_done(future.result())
            return
        if on_error is not None and _alive(on_error):
            on_error(error)
            return
        log.error("background task failed", exc_info=error)
        self.failed.emit(error)

    def shutdown(self) -> None:
        self._closed = True
        for pool in self._lanes.values():
            pool.shutdown(wait=False, cancel_futures=True)
