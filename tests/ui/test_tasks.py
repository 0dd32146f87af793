"""The one way into the background: results come back on the GUI thread, late work is dropped."""

from __future__ import annotations

import threading

import shiboken6
from pytestqt.qtbot import QtBot

from kiosk.ui.tasks import Tasks


def test_result_and_error_come_back_on_the_gui_thread(qtbot: QtBot) -> None:
    tasks = Tasks()
    gui = threading.get_ident()
    seen: list[tuple[str, object, int]] = []
    worker: list[int] = []

    def work() -> int:
        worker.append(threading.get_ident())
        return 42

    def fail() -> int:
        raise ValueError("hỏng")

    tasks.run(work, lambda value: seen.append(("done", value, threading.get_ident())))
    tasks.run(fail, None, lambda error: seen.append(("error", str(error), threading.get_ident())))
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [("done", 42, gui), ("error", "hỏng", gui)]
    assert worker and worker[0] != gui
    assert tasks.running == 0
    tasks.shutdown()


def test_work_asked_for_after_shutdown_is_dropped_not_raised(qtbot: QtBot) -> None:
    """A screen's refresh timer can fire while the kiosk closes; that must not raise
    "cannot schedule new futures after shutdown" into the Qt event loop."""
    tasks = Tasks()
    tasks.shutdown()
    ran: list[int] = []
    tasks.run(lambda: ran.append(1), lambda _: ran.append(2), lambda _: ran.append(3))
    qtbot.wait(50)
    assert ran == []
    assert tasks.running == 0


def test_a_lambda_over_a_widget_deleted_meanwhile_is_dropped(qtbot: QtBot) -> None:
    """``lambda job: self._show(job)``: the resident left the screen before the worker
    answered; calling it would raise "Internal C++ object already deleted"."""
    from PySide6.QtWidgets import QLabel

    tasks = Tasks()
    gone, kept = QLabel(), QLabel()
    release = threading.Event()
    tasks.run(lambda: release.wait(10), lambda _: gone.setText("late"), lane="net")
    tasks.run(lambda: 1, lambda _: kept.setText("shown"))
    qtbot.waitUntil(lambda: kept.text() == "shown")
    shiboken6.delete(gone)
    release.set()
    qtbot.waitUntil(lambda: tasks.running == 0)  # nothing raised into the event loop
    kept.deleteLater()
    tasks.shutdown()
