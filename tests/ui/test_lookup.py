"""Looking a dossier up by its receipt code: typed sloppily, read by a QR reader (the look-up
address ending in Enter), not found, and the status the province sent back."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.domain.samples import sample_payload
from kiosk.services import records, users
from kiosk.services.lookup import RESIDENT_LOOKUPS
from kiosk.services.receipt_input import code_from_input
from kiosk.simulator import start_simulator
from kiosk.store.models import utcnow
from kiosk.sync import inbound
from kiosk.sync.relay import Relay
from kiosk.ui.keyboard.scroll import global_rect
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.lookup import LookupScreen
from tests.sync.conftest import CLIENT_ID, SECRET, client_for, drive
from tests.ui.conftest import press_enter, type_text


def saved_dossier(window: MainWindow) -> records.SavedRecord:
    payload = sample_payload("dossier", random.Random(5), utcnow())
    payload["HinhThucNhanKetQua"] = 0
    return records.save_record(window.state.require_kiosk(), "dossier", payload, "TNV01")


def open_lookup(window: MainWindow) -> LookupScreen:
    window.go("lookup")
    screen = window.current
    assert isinstance(screen, LookupScreen)
    assert screen.editor.hasFocus()  # a reader's keystrokes land here
    return screen


def line(screen: LookupScreen, name: str) -> str:
    """The text of the result line ``name`` now on screen ("" if none)."""
    layout = screen.result_layout
    for index in range(layout.count()):
        widget = layout.itemAt(index).widget()
        if isinstance(widget, QLabel) and widget.objectName() == name:
            return widget.text()
    return ""


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        (" nt01-261122-0042 ", "NT01-261122-0042"),
        ("NT01 - 261122 - 0042", "NT01-261122-0042"),
        ("https://dvc.khanhhoa.gov.vn/tra-cuu?ma=NT01-261122-0042", "NT01-261122-0042"),
        ("https://dvc.example/hs/NT01-261122-0042/trang-thai", "NT01-261122-0042"),
        ("abc", "ABC"),
    ],
)
def test_what_the_field_receives_becomes_a_code(typed: str, code: str) -> None:
    assert code_from_input(typed) == code


def test_sloppy_typing_finds_the_dossier(window: MainWindow, qtbot: QtBot) -> None:
    saved = saved_dossier(window)
    screen = open_lookup(window)
    type_text(screen.editor, f"  {saved.receipt_code.lower()} ")
    qtbot.mouseClick(screen.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.found is not None)
    assert screen.editor.text() == saved.receipt_code
    assert line(screen, "status") == "Tình trạng: Đã lưu tại điểm hỗ trợ, đang chờ gửi lên tỉnh"
    assert line(screen, "maHoSo").startswith("Mã hồ sơ của cơ quan: chưa có")
    assert line(screen, "due") == ""
    assert screen.leave_ok()


def test_a_reader_types_the_lookup_address_then_enter(window: MainWindow, qtbot: QtBot) -> None:
    saved = saved_dossier(window)
    screen = open_lookup(window)
    type_text(screen.editor, f"https://dvc.khanhhoa.gov.vn/tra-cuu?ma={saved.receipt_code}")
    press_enter(screen.editor)
    qtbot.waitUntil(lambda: screen.found is not None)
    assert screen.found.receipt_code == saved.receipt_code
    assert screen.editor.selectedText() == saved.receipt_code  # the next scan replaces it
    type_text(screen.editor, "NT01-000000-9999")  # the next receipt: not from this point
    press_enter(screen.editor)
    qtbot.waitUntil(lambda: bool(line(screen, "notFound")))
    assert "Không tìm thấy hồ sơ có mã NT01-000000-9999" in line(screen, "notFound")
    assert screen.found is None
    assert line(screen, "status") == ""  # the earlier dossier's lines are gone


def test_an_empty_box_asks_for_the_code(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_lookup(window)
    press_enter(screen.editor)
    assert screen.code.error.isVisible() and "mã in trên giấy biên nhận" in screen.code.error.text()


def test_status_official_code_and_due_date_from_the_province(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    kiosk = window.state.require_kiosk()
    saved = saved_dossier(window)
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        client = client_for(sim.base_url)
        drive(Relay(kiosk, client))
        screen = open_lookup(window)
        type_text(screen.editor, saved.receipt_code)
        press_enter(screen.editor)
        qtbot.waitUntil(lambda: "Tỉnh đã nhận" in line(screen, "status"))
        sim.state.publish_dossier_status(
            saved.item_id, 2, ma_ho_so="000.00.12.H32-261122-0004", ngay_hen_tra="20261129170000"
        )
        inbound.pull_changes(kiosk, client)
        client.close()
    # the sync engine says it exchanged: the result on screen is read again by itself
    window.state.bridge.exchanged.emit(datetime.now(UTC).isoformat())
    qtbot.waitUntil(lambda: line(screen, "status") == "Tình trạng: Được tiếp nhận")
    assert line(screen, "maHoSo") == "Mã hồ sơ của cơ quan: 000.00.12.H32-261122-0004"
    assert line(screen, "due") == "Ngày hẹn trả kết quả: 29/11/2026"


def readable(screen: LookupScreen, name: str) -> bool:
    """The result line ``name`` lies inside the part of the screen a person sees (the scroll
    area's viewport, which the docked keyboard shortens), not below it."""
    layout = screen.result_layout
    for index in range(layout.count()):
        widget = layout.itemAt(index).widget()
        if isinstance(widget, QLabel) and widget.objectName() == name:
            return global_rect(screen.scroll_area.viewport()).contains(global_rect(widget))
    return False


@pytest.mark.parametrize("how", ["tap", "reader"])
def test_the_answer_is_not_left_under_the_keyboard(
    window: MainWindow, qtbot: QtBot, how: str
) -> None:
    """The field has the focus when the screen opens, so the keyboard is up and the screen
    above it is short: the answer appears below the button, where nobody would see it."""
    saved = saved_dossier(window)
    screen = open_lookup(window)
    qtbot.waitUntil(lambda: window.keyboard.isVisible())
    type_text(screen.editor, saved.receipt_code)
    if how == "tap":
        qtbot.mouseClick(screen.search_button, Qt.MouseButton.LeftButton)
    else:
        press_enter(screen.editor)  # a QR reader ends with Enter: the on-screen keys are idle
    qtbot.waitUntil(lambda: screen.found is not None)
    qtbot.waitUntil(lambda: readable(screen, "status"))
    assert screen.editor.hasFocus()  # the next scan still lands in the field
    type_text(screen.editor, "NT01-000000-9999")
    press_enter(screen.editor)
    qtbot.waitUntil(lambda: readable(screen, "notFound"))


def test_one_dossier_after_another_pauses_a_resident_alone(
    window: MainWindow, qtbot: QtBot
) -> None:
    kiosk = window.state.require_kiosk()
    codes = [saved_dossier(window).receipt_code for _ in range(RESIDENT_LOOKUPS + 1)]
    screen = open_lookup(window)
    for code in codes[:RESIDENT_LOOKUPS]:
        type_text(screen.editor, code)
        press_enter(screen.editor)
        qtbot.waitUntil(lambda c=code: screen.found is not None and screen.found.receipt_code == c)
    type_text(screen.editor, codes[-1])
    press_enter(screen.editor)
    qtbot.waitUntil(lambda: bool(line(screen, "paused")))
    assert "xin chờ khoảng 5 phút" in line(screen, "paused")
    assert screen.found is None and line(screen, "status") == ""  # the last dossier not shown
    users.add_user(kiosk, "TNV01", "Trần Thị Bình", "volunteer", "2468")
    window.state.set_user(users.login(kiosk, "TNV01", "2468"))  # a volunteer helps
    press_enter(screen.editor)
    qtbot.waitUntil(lambda: screen.found is not None and screen.found.receipt_code == codes[-1])
    assert line(screen, "paused") == ""


def test_fees_asked_for_are_paid_from_the_answer(window: MainWindow, qtbot: QtBot) -> None:
    """The province asks for fees (status 6): the answer says so in plain words and its button
    opens the payment for this dossier, found and ready (no code to type a second time)."""
    from kiosk.store.db import write_session
    from kiosk.ui.screens.payment.screen import PaymentScreen

    kiosk = window.state.require_kiosk()
    saved = saved_dossier(window)
    with write_session(kiosk.engine) as session:
        data = {"id": saved.item_id, "TrangThaiHoSo": 6}
        inbound.apply_change(session, {"type": "dossier_status", "seq": "c-6", "data": data})
    screen = open_lookup(window)
    type_text(screen.editor, saved.receipt_code)
    press_enter(screen.editor)
    qtbot.waitUntil(lambda: "nghĩa vụ tài chính" in line(screen, "status"))
    assert "nộp ngay tại máy này" in line(screen, "next")
    pay = screen.result.findChild(QPushButton, "payFees")
    assert pay is not None
    # a widget added to a shown layout is shown on the next turn of the event loop, which
    # may come after the status line's text is already there
    qtbot.waitUntil(pay.isVisible)
    qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.current, PaymentScreen))
    payment = window.current
    assert isinstance(payment, PaymentScreen)
    assert payment.form.code.value() == saved.receipt_code
    qtbot.waitUntil(lambda: saved.receipt_code in payment.form.found.text())


def test_a_dossier_still_here_says_it_goes_by_itself(window: MainWindow, qtbot: QtBot) -> None:
    saved = saved_dossier(window)
    screen = open_lookup(window)
    type_text(screen.editor, saved.receipt_code)
    press_enter(screen.editor)
    qtbot.waitUntil(lambda: "không cần nộp lại" in line(screen, "next"))
    assert screen.result.findChild(QPushButton, "payFees") is None


def test_a_feedback_receipt_code_says_what_it_is(window: MainWindow, qtbot: QtBot) -> None:
    payload = sample_payload("feedback", random.Random(8), utcnow())
    saved = records.save_record(window.state.require_kiosk(), "feedback", payload, "TNV01")
    screen = open_lookup(window)
    type_text(screen.editor, saved.receipt_code)
    press_enter(screen.editor)
    qtbot.waitUntil(lambda: "là biên nhận của một phản ánh, kiến nghị" in line(screen, "other"))
    assert "Đang chờ gửi lên tỉnh" in line(screen, "other")
    assert line(screen, "notFound") == ""
