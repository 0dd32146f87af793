"""A save, a check or a print request that fails for a reason that is not the resident's (the
database locked by another process, a full disk) is not a crash: the screen stays, with what
was typed (or the "Đã lưu" panel with its receipt code), says in words what did not happen,
and the same button works again once the cause is gone."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy.exc
from pytestqt.qtbot import QtBot

from kiosk.printing.models import JobState
from kiosk.services import payments, records, users
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.payment.steps import TransferStep
from kiosk.ui.screens.registration import screen as registration_screen
from tests.ui.conftest import type_text
from tests.ui.flows import PIN, print_jobs, stored, tap, wait_saved
from tests.ui.test_payment import fill_contribution, open_payment

TEXT = "Đèn đường trước nhà số 12 Lê Thánh Tôn bị hỏng ba tuần nay."


def locked(*_args: Any, **_kwargs: Any) -> Any:
    raise sqlalchemy.exc.OperationalError("INSERT …", {}, Exception("database is locked"))


def test_feedback_not_saved_keeps_the_text_and_sends_again(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.go("feedback")
    screen = window.current
    assert screen is not None
    tap(qtbot, screen.topic.buttons["ha_tang"])
    type_text(screen.description, TEXT)
    with monkeypatch.context() as patch:
        patch.setattr(records, "save_record", locked)
        tap(qtbot, screen.send)
        qtbot.waitUntil(lambda: "Chưa lưu được" in screen.problems.text())
    assert window.current is screen  # not home: the resident's text is still there
    assert screen.description.toPlainText() == TEXT
    assert "Chưa lưu được" in window.dialogs.message.text()
    assert stored(window.state.require_kiosk(), "feedback") == []
    tap(qtbot, screen.send)  # the lock is gone: the same button saves
    panel = wait_saved(qtbot, window)
    assert panel.saved.receipt_code


def test_registration_not_saved_keeps_the_form(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.go("registration", service="sanitation")
    screen = window.current
    assert screen is not None
    for box in screen.consent.boxes.values():
        box.setChecked(True)
    tap(qtbot, screen.agree)
    qtbot.waitUntil(lambda: screen.form is not None)
    name = screen.form.fields["NguoiDangKy.HoTen"].editor
    type_text(name, "Phạm Thị Lan")
    monkeypatch.setattr(registration_screen, "save_registration", locked)
    tap(qtbot, screen.save_button)
    qtbot.waitUntil(lambda: "Chưa lưu được" in screen.problems.text())
    assert window.current is screen
    assert name.text() == "Phạm Thị Lan"
    assert screen.save_button.isEnabled()  # to try again
    assert "Chưa lưu được" in window.dialogs.message.text()


def test_payment_not_saved_after_the_transfer_keeps_the_code_and_the_reference(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The resident may have paid already: the QR step stays, "Lưu" works again."""
    screen = open_payment(window)
    fill_contribution(qtbot, screen.form)
    tap(qtbot, screen.form.method.buttons["vietqr"])
    tap(qtbot, screen.next)
    qtbot.waitUntil(lambda: isinstance(screen.step, TransferStep))
    step = screen.step
    type_text(step.reference.editor, "FT26326123456")
    with monkeypatch.context() as patch:
        patch.setattr(records, "save_record", locked)
        tap(qtbot, step.paid)
        qtbot.waitUntil(lambda: "Chưa lưu được khoản nộp" in window.dialogs.message.text())
    assert window.current is screen and screen.step is step and step.isVisible()
    assert step.reference.value() == "FT26326123456"
    assert "đừng nộp tiền lần nữa" in window.dialogs.message.text()
    assert stored(window.state.require_kiosk(), "payment") == []
    tap(qtbot, step.paid)
    wait_saved(qtbot, window)
    assert len(stored(window.state.require_kiosk(), "payment")) == 1


def test_payment_check_and_dossier_lookup_failures_keep_the_form(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = open_payment(window)
    form = screen.form
    fill_contribution(qtbot, form)
    tap(qtbot, form.method.buttons["vietqr"])
    monkeypatch.setattr(payments, "check_payment", locked)
    tap(qtbot, screen.next)
    qtbot.waitUntil(lambda: "chưa kiểm tra được" in screen.problems.text())
    assert window.current is screen and screen.step is None
    assert form.payer.value() == "Lê Văn Sơn"
    assert screen.next.isEnabled()

    monkeypatch.setattr(payments, "require_dossier", locked)
    tap(qtbot, form.purpose.buttons["dossier"])
    type_text(form.code.editor, "NT01-261122-0001")
    tap(qtbot, form.find_button)
    qtbot.waitUntil(lambda: form.code.error.isVisible())
    assert "chưa kiểm tra được" in form.code.error.text()
    assert window.current is screen and form.code.value() == "NT01-261122-0001"


def test_login_that_fails_in_the_machine_says_so(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    users.add_user(window.state.require_kiosk(), "TNV01", "Trần Thị Bình", "volunteer", PIN)
    window.go("login")
    screen = window.current
    assert screen is not None
    type_text(screen.code.editor, "TNV01")
    type_text(screen.pin.editor, PIN)
    with monkeypatch.context() as patch:
        patch.setattr(users, "login", locked)
        tap(qtbot, screen.submit)
        qtbot.waitUntil(lambda: "không phải do sai mã PIN" in screen.message.text())
    assert window.current is screen and screen.code.value() == "TNV01"
    type_text(screen.pin.editor, PIN)
    tap(qtbot, screen.submit)
    qtbot.waitUntil(lambda: window.state.user is not None)


def test_a_receipt_not_queued_keeps_the_saved_panel_and_prints_again(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    printer = window.state.printer
    assert printer is not None
    window.go("feedback")
    screen = window.current
    assert screen is not None
    tap(qtbot, screen.topic.buttons["moi_truong"])
    type_text(screen.description, "Rác ở đầu hẻm 12 chưa được thu gom.")
    with monkeypatch.context() as patch:
        patch.setattr(printer, "submit", locked)
        tap(qtbot, screen.send)
        panel = wait_saved(qtbot, window)
        qtbot.waitUntil(panel.print_again.isVisible)
    assert window.current is screen  # the receipt code stays on the screen
    assert panel.code.text() == panel.saved.receipt_code
    assert "chưa gửi được biên nhận" in panel.print_status.text()
    kiosk = window.state.require_kiosk()
    assert print_jobs(kiosk, panel.saved.receipt_code) == []
    tap(qtbot, panel.print_again)
    qtbot.waitUntil(lambda: len(print_jobs(kiosk, panel.saved.receipt_code)) == 1)
    assert not panel.print_again.isVisible()
    # the job's row is written on the print lane before its answer reaches the panel
    qtbot.waitUntil(lambda: panel.job_state == JobState.QUEUED.value)
