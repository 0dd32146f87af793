"""The one way into the background: ``tasks.run(fn, on_done, on_error, lane=...)``.

Work runs on an executor per lane — ``db`` (one worker: the resident's saves and the reads
of the screens), ``files`` (reading/hashing scans, listing folders), ``net``, ``print`` and
``upkeep`` (the hourly housekeeping: purge, sweeps, the backup zip — long, so never in
front of a save) — and its result comes back on the GUI thread through a queued Signal.
Worker code never touches a widget. A callback whose widget was destroyed meanwhile (the
resident left the screen) is dropped instead of crashing — a bound method's widget, or one
a lambda closed over.

A save somebody waits for (its screen passes ``busy=saving_words()``) that has
not come back after :data:`SLOW_MS` is announced by ``waiting_changed``; the screen that
asked shows the words with a moving busy sign (:meth:`Tasks.waiting_words`) until it lands.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.ui.i18n import translate

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
LANES = {"db": 1, "files": 1, "net": 2, "print": 1, "upkeep": 1}
SLOW_MS = 300  # a save not back by then is announced on its screen ("Đang lưu…")


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


def saving_words() -> str:
    """What a screen says while its save is slow (``busy=`` of a save's ``run``)."""
    return translate("Tasks", "Đang lưu…")


@dataclass(eq=False)
class Wait:
    """Work somebody is waiting for: the words to show, and whose screen shows them."""

    words: str
    owners: list[QObject]
    since: float = field(default_factory=time.monotonic)
    slow: bool = False  # not back after SLOW_MS: announced

    def shown_in(self, screen: QWidget) -> bool:
        widgets = [o for o in self.owners if isinstance(o, QWidget) and shiboken6.isValid(o)]
        if not self.owners:
            return True  # nobody in particular: whichever screen is up
        return any(w is screen or screen.isAncestorOf(w) for w in widgets)


class Tasks(QObject):
    """Runs functions off the GUI thread; ``failed`` reports errors nobody handled."""

    _landed = Signal(object, object, object, object)  # (on_done, on_error, future, wait)
    failed = Signal(object)  # BaseException
    busy_changed = Signal(int)  # tasks still running
    waiting_changed = Signal()  # a save became slow, or a slow one landed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes = {
            name: ThreadPoolExecutor(max_workers=n, thread_name_prefix=f"kiosk-{name}")
            for name, n in LANES.items()
        }
        self._running = 0
        self._closed = False
        self._waits: list[Wait] = []
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
        busy: str | None = None,
    ) -> None:
        """``busy``: what the asking screen says if the work is not back after
        :data:`SLOW_MS` (:func:`saving_words` for a save); nothing when None."""
        if self._closed:  # the kiosk is closing: a late timer's work has nobody to show it to
            log.debug("task dropped after shutdown: %r", fn)
            return
        self._running += 1
        self.busy_changed.emit(self._running)
        wait = self._wait_for(on_done, on_error, busy)
        future = self._lanes[lane].submit(fn)
        future.add_done_callback(lambda f: self._landed.emit(on_done, on_error, f, wait))

    def _wait_for(
        self, on_done: Done | None, on_error: Failed | None, busy: str | None
    ) -> Wait | None:
        if not busy:
            return None
        wait = Wait(busy, [*_owners(on_done), *_owners(on_error)])
        self._waits.append(wait)
        QTimer.singleShot(SLOW_MS, self, lambda: self._slow(wait))
        return wait

    def _slow(self, wait: Wait) -> None:
        if wait not in self._waits:
            return
        left = SLOW_MS - (time.monotonic() - wait.since) * 1000
        if left > 0:  # a coarse timer may fire a little early: never before SLOW_MS
            QTimer.singleShot(math.ceil(left), self, lambda: self._slow(wait))
            return
        wait.slow = True
        self.waiting_changed.emit()

    def waiting_words(self, screen: QWidget) -> str | None:
        """What ``screen`` should say now: the words of the oldest slow save it asked for."""
        return next((w.words for w in self._waits if w.slow and w.shown_in(screen)), None)

    def _deliver(
        self, on_done: Done | None, on_error: Failed | None, future: Future[Any], wait: Wait | None
    ) -> None:
        self._running -= 1
        self.busy_changed.emit(self._running)
        if wait is not None and wait in self._waits:
            self._waits.remove(wait)
            if wait.slow:
                self.waiting_changed.emit()
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
        self._waits.clear()
        for pool in self._lanes.values():
            pool.shutdown(wait=False, cancel_futures=True)
