"""A resident's save never queues behind housekeeping, and a save that is slow to come back
says "Đang lưu…" with a moving busy sign instead of a screen that looks frozen.

Real window (offscreen), real data home, real SQLite. What holds things up is what does so on a
kiosk: another program making a backup (holding ``backup.lock``), another program writing to
the database (the sync daemon's purge or VACUUM: a ``BEGIN IMMEDIATE`` held open).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from pytestqt.qtbot import QtBot

from kiosk.ui.main_window import MainWindow
from kiosk.ui.tasks import Tasks
from kiosk.ui.widgets.saving_notice import SavingNotice
from tests.ui.conftest import type_text
from tests.ui.flows import saved_panel, stored, tap, wait_saved

SLOW_S = 0.3  # a save not back by then says "Đang lưu…" (kiosk.ui.tasks.SLOW_MS)


def filled_feedback(window: MainWindow, qtbot: QtBot) -> Any:
    window.go("feedback")
    screen = window.current
    assert screen is not None and screen.route == "feedback"
    tap(qtbot, screen.topic.buttons["ha_tang"])
    type_text(screen.description, "Đèn đường trước nhà số 25 bị hỏng ba ngày nay.")
    return screen


@pytest.fixture
def backup_elsewhere(window: MainWindow) -> Iterator[FileLock]:
    """Another program (``kiosk backup``, the sync daemon) is making a backup: it holds the
    backup lock, so this app's housekeeping waits for it until the test releases it."""
    kiosk = window.state.require_kiosk()
    lock = FileLock(str(kiosk.layout.root / "backup.lock"))
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


def backups(window: MainWindow) -> list[Path]:
    return list(window.state.require_kiosk().layout.db_backups.glob("kiosk-backup-*.zip"))


def test_a_save_does_not_wait_for_housekeeping(
    window: MainWindow, qtbot: QtBot, backup_elsewhere: FileLock
) -> None:
    screen = filled_feedback(window, qtbot)
    window.state.housekeeping()  # what the hourly timer calls; a backup is due (none yet)
    qtbot.wait(100)  # housekeeping is under way, held up by the other program's backup
    started = time.monotonic()
    tap(qtbot, screen.send)
    wait_saved(qtbot, window)
    waited = time.monotonic() - started
    assert len(stored(window.state.require_kiosk(), "feedback")) == 1
    assert backups(window) == []  # housekeeping is still waiting: the save did not
    assert waited < 5, f"the save took {waited:.2f} s"
    backup_elsewhere.release()  # the other program is done: housekeeping goes on
    qtbot.waitUntil(lambda: window.state.tasks.running == 0)
    assert backups(window)  # and made the backup that was due


@pytest.fixture
def database_busy_elsewhere(window: MainWindow) -> Iterator[sqlite3.Connection]:
    """Another program writes to the database (BEGIN IMMEDIATE held): saves wait for it."""
    kiosk = window.state.require_kiosk()
    other = sqlite3.connect(kiosk.layout.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


def notice_of(screen: Any) -> Any:
    return getattr(screen, "saving_notice", None)


def test_a_slow_save_says_saving_with_a_moving_sign(
    window: MainWindow, qtbot: QtBot, database_busy_elsewhere: sqlite3.Connection
) -> None:
    screen = filled_feedback(window, qtbot)
    started = time.monotonic()
    tap(qtbot, screen.send)
    qtbot.waitUntil(lambda: notice_of(screen) is not None and notice_of(screen).isVisible())
    shown_after = time.monotonic() - started
    notice = notice_of(screen)
    assert isinstance(notice, SavingNotice)
    assert shown_after >= SLOW_S  # not for a save that comes back at once
    assert notice.words.text() == "Đang lưu…"
    assert notice.geometry() == screen.rect()  # over the whole form: no second tap on "Gửi"
    frames = notice.sign.frames
    qtbot.waitUntil(lambda: notice.sign.frames >= frames + 5)  # the screen is not frozen
    assert saved_panel(window) is None  # still waiting for the other program
    database_busy_elsewhere.execute("ROLLBACK")
    wait_saved(qtbot, window)
    assert not notice.isVisible() and not notice.sign.timer.isActive()
    assert notice.shown_times == 1


def test_a_quick_task_shows_nothing(qtbot: QtBot) -> None:
    tasks = Tasks()
    changes: list[int] = []
    done: list[object] = []
    tasks.waiting_changed.connect(lambda: changes.append(1))
    tasks.run(lambda: 7, done.append, busy="Đang lưu…")
    qtbot.waitUntil(lambda: done == [7])
    qtbot.wait(int(SLOW_S * 1000) + 100)
    assert changes == []
    tasks.shutdown()


def test_only_the_screen_that_saves_says_so(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    tasks = Tasks()
    mine, other = QWidget(), QWidget()
    qtbot.addWidget(mine)
    qtbot.addWidget(other)
    part = QWidget(mine)  # a panel of the screen (the technician's settings panel)
    release = threading.Event()
    tasks.run(lambda: release.wait(10), lambda _: part.setEnabled(True), busy="Đang lưu…")
    qtbot.waitUntil(lambda: tasks.waiting_words(mine) is not None)
    assert tasks.waiting_words(mine) == "Đang lưu…"
    assert tasks.waiting_words(other) is None
    release.set()
    qtbot.waitUntil(lambda: tasks.waiting_words(mine) is None)
    tasks.shutdown()
