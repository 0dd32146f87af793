"""The "Đã lưu" panel after a save: the answer to "did the receipt come out?" survives the
resident leaving at once, and an answer that could not be recorded is asked again."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import shiboken6
import sqlalchemy.exc
from pytestqt.qtbot import QtBot

from kiosk.printing import jobs
from kiosk.printing.models import JobState
from kiosk.store.models import utcnow
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets.saved_panel import SavedPanel
from tests.ui.conftest import type_text
from tests.ui.flows import print_jobs, tap, wait_saved


def asked_if_it_came_out(window: MainWindow, qtbot: QtBot) -> SavedPanel:
    """A feedback saved, its receipt sent to the printer, which cannot tell if it came out."""
    window.go("feedback")
    screen = window.current
    assert screen is not None
    tap(qtbot, screen.topic.buttons["ha_tang"])
    type_text(screen.description, "Cống thoát nước đầu hẻm 7 bị tắc.")
    tap(qtbot, screen.send)
    panel = wait_saved(qtbot, window)
    qtbot.waitUntil(lambda: panel.job_id is not None)
    assert panel.job_id is not None
    kiosk = window.state.require_kiosk()
    jobs.finish(kiosk, panel.job_id, JobState.NEEDS_CONFIRMATION, now=utcnow())
    window.state.bridge.print_job_changed.emit(  # what the print worker publishes
        {
            "job_id": panel.job_id,
            "receipt_code": panel.saved.receipt_code,
            "state": JobState.NEEDS_CONFIRMATION.value,
            "message": None,
        }
    )
    qtbot.waitUntil(panel.came_out.isVisible)
    return panel


def test_came_out_then_home_before_the_answer_is_written(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = asked_if_it_came_out(window, qtbot)
    code = panel.saved.receipt_code
    printer = window.state.printer
    assert printer is not None
    release = threading.Event()
    answer = printer.answer

    def slow_answer(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)  # the write waits behind another (SQLite busy, print lane busy)
        return answer(*args, **kwargs)

    monkeypatch.setattr(printer, "answer", slow_answer)
    tap(qtbot, panel.came_out)  # "Đã ra"
    tap(qtbot, panel.done)  # "Xong — về trang chủ", before the answer is written
    assert window.current is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(panel))
    release.set()
    qtbot.waitUntil(lambda: window.state.tasks.running == 0)  # no RuntimeError raised
    assert not window.dialogs.showing  # no error message for the next resident
    kiosk = window.state.require_kiosk()
    assert print_jobs(kiosk, code)[0].state == JobState.PRINTED.value


def test_an_answer_not_recorded_is_asked_again(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = asked_if_it_came_out(window, qtbot)
    printer = window.state.printer
    assert printer is not None

    def locked(*_args: Any, **_kwargs: Any) -> Any:
        raise sqlalchemy.exc.OperationalError("UPDATE …", {}, Exception("database is locked"))

    with monkeypatch.context() as patch:
        patch.setattr(printer, "answer", locked)
        tap(qtbot, panel.came_out)
        qtbot.waitUntil(lambda: "Chưa ghi được câu trả lời" in panel.print_status.text())
    assert window.current is not None and panel.code.text() == panel.saved.receipt_code
    assert panel.came_out.isVisible() and panel.not_out.isVisible()
    tap(qtbot, panel.came_out)
    qtbot.waitUntil(lambda: panel.job_state == JobState.PRINTED.value)
    assert not panel.came_out.isVisible()


def test_a_printer_that_refuses_is_said_and_a_failed_receipt_can_be_printed_again(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The panel flickered "Đang chuẩn bị in…" for the 44 s a refused printer took, and after
    a failure said "ask a volunteer to print it again" with its own button hidden."""
    panel = asked_if_it_came_out(window, qtbot)
    assert panel.job_id is not None

    def published(state: JobState, message: str | None) -> None:
        window.state.bridge.print_job_changed.emit(
            {
                "job_id": panel.job_id,
                "receipt_code": panel.saved.receipt_code,
                "state": state.value,
                "message": message,
            }
        )

    published(JobState.QUEUED, "Máy in từ chối kết nối. Sẽ tự thử lại sau 30 giây.")
    assert "sẽ tự in khi máy in hoạt động lại" in panel.print_status.text()
    assert "ghi lại mã" in panel.print_status.text() and not panel.print_again.isVisible()
    published(JobState.FAILED, "Máy in từ chối kết nối.")
    qtbot.waitUntil(panel.print_again.isVisible)
    assert "nhờ tình nguyện viên in lại" in panel.print_status.text()
    published(JobState.PRINTING, None)
    assert not panel.print_again.isVisible()
