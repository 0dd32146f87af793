"""The technician screen on a real data home: settings saved to disk through their
declarations, the printer test page to a file printer, diagnostics, credentials, leaving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.services import users
from kiosk.settings import Settings
from kiosk.store import secrets
from kiosk.store.db import read_session
from kiosk.store.models import AuditEntry
from kiosk.sync.engine import secret_name
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets.doctor_view import COLOURS, UNKNOWN_COLOUR, DoctorView
from tests.ui.conftest import texts_in, type_text

PIN = "2468"
LEFT = Qt.MouseButton.LeftButton


def log_in(window: MainWindow, role: str = "technician") -> None:
    kiosk = window.state.require_kiosk()
    users.add_user(kiosk, "KTV01", "Lê Văn Cường", role, PIN)
    window.state.set_user(users.login(kiosk, "KTV01", PIN))


def open_section(window: MainWindow, section: str) -> Any:
    window.go("technician")
    screen = window.current
    assert screen is not None and screen.route == "technician"
    screen.section_buttons[section].click()
    assert screen.current_section == section
    return screen, screen.panels[section]


def retype(editor: Any, text: str) -> None:
    editor.clear()
    type_text(editor, text)


def on_disk(window: MainWindow) -> Settings:
    return Settings.load(window.state.require_kiosk().layout.settings_file)


def test_a_changed_setting_is_saved_to_disk(window: MainWindow, qtbot: QtBot) -> None:
    log_in(window)
    _screen, panel = open_section(window, "settings")
    retype(panel.form.fields["idle.timeout_s"].editor, "120")
    paper = panel.form.fields["printer.paper"].editor
    assert isinstance(paper, QComboBox)
    paper.setCurrentIndex(paper.findData(58))
    panel.form.fields["printer.check_status"].editor.setChecked(False)
    qtbot.mouseClick(panel.save_button, LEFT)
    qtbot.waitUntil(lambda: "Đã lưu 3 thay đổi" in panel.message.text())
    saved = on_disk(window)
    assert saved.get_int("idle.timeout_s") == 120
    assert saved.get_int("printer.paper") == 58
    assert saved.get("printer.check_status") is False
    assert not saved.is_set("kiosk.name")  # only what changed was written


def test_an_invalid_value_shows_the_declarations_error(window: MainWindow, qtbot: QtBot) -> None:
    log_in(window)
    _screen, panel = open_section(window, "settings")
    timeout = panel.form.fields["idle.timeout_s"]
    url = panel.form.fields["server.url"]
    retype(timeout.editor, "5")
    retype(url.editor, "ftp://tinh.example")
    retype(panel.form.fields["kiosk.hotline"].editor, "0258 3000 000")  # valid, but not saved
    qtbot.mouseClick(panel.save_button, LEFT)
    assert "tối thiểu 15" in timeout.error.text() and not timeout.error.isHidden()
    assert "https://" in url.error.text()
    assert "2 ô chưa đúng" in panel.message.text()
    saved = on_disk(window)
    assert saved.get_int("idle.timeout_s") == 90
    assert saved.get_str("kiosk.hotline") == "0258 3822 222"  # the one set before
    retype(timeout.editor, "abc")
    qtbot.mouseClick(panel.save_button, LEFT)
    assert "số nguyên" in timeout.error.text()


def test_doctor_lists_each_check_with_its_colour(window: MainWindow, qtbot: QtBot) -> None:
    log_in(window)
    _screen, panel = open_section(window, "doctor")  # runs on opening
    qtbot.waitUntil(lambda: panel.report is not None, timeout=30000)
    report = panel.report
    names = [check["name"] for check in report["checks"]]
    assert names and set(names) == set(panel.view.badges)
    assert {"database", "schema", "disk"} <= set(names)
    for check in report["checks"]:
        badge = panel.view.badges[check["name"]]
        assert badge.property("status") == check["status"]
        assert badge.property("colour") == COLOURS[check["status"]]
        assert COLOURS[check["status"]] in badge.styleSheet()
    assert panel.view.badges["database"].text() == "Tốt"
    shown = " ".join(texts_in(panel.view))
    assert "Cơ sở dữ liệu" in shown  # the check's Vietnamese label, not its code name
    overall = panel.view.findChild(type(panel.view.badges["database"]), "doctorOverall")
    assert overall is not None and overall.property("status") == report["status"]


def test_doctor_view_tolerates_new_fields_and_statuses(qtbot: QtBot) -> None:
    view = DoctorView()
    qtbot.addWidget(view)

    class Found:  # a check as an object, as a future doctor might return it
        name, status, message, action = "ups", "red", "Mất điện lưới", "Kiểm tra bộ lưu điện"

    report = {
        "status": "red",
        "checks": [
            {"name": "clock", "status": "amber", "detail": "lệch 90 s", "hint_vi": "Bật NTP",
             "hint_en": "Enable NTP", "measured_at": "2026-11-22", "extra": {"x": 1}},
            {"name": "gpu", "status": "blue", "label": "Card màn hình"},
            Found(),
        ],
        "new_top_level": [1, 2],
    }  # fmt: skip
    view.show_report(report, "vi")
    assert view.badges["clock"].property("colour") == COLOURS["amber"]
    assert view.badges["gpu"].property("colour") == UNKNOWN_COLOUR
    assert view.badges["gpu"].text() == "blue"
    assert view.badges["ups"].text() == "Lỗi"
    texts = " ".join(texts_in(view))
    assert "Bật NTP" in texts and "Enable NTP" not in texts
    assert "Mất điện lưới" in texts and "Kiểm tra bộ lưu điện" in texts
    view.show_report(report, "en")
    assert "Enable NTP" in " ".join(texts_in(view))


def test_a_volunteer_gets_the_login_screen_instead(window: MainWindow) -> None:
    log_in(window, role="volunteer")
    assert "technician" not in window.home_screen.tile_buttons
    window.go("technician")
    assert window.current is not None and window.current.route == "login"
    assert window.current.params["roles"] == ("technician",)


def test_printer_test_page_reaches_a_file_printer(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    log_in(window)
    target = tmp_path / "lp0"
    window.state.require_kiosk().settings.set("printer.uri", f"file:{target}")
    _screen, panel = open_section(window, "printer")
    assert str(target) in panel.info.text()
    qtbot.mouseClick(panel.test_button, LEFT)
    qtbot.waitUntil(lambda: "Đã gửi trang in thử" in panel.result.text(), timeout=20000)
    data = target.read_bytes()
    assert f"({len(data)} byte)" in panel.result.text()
    assert data.startswith(b"\x1b@") and b"\x1dv0" in data  # init, then a raster image
    with read_session(window.state.require_kiosk().engine) as session:
        actors = session.execute(
            select(AuditEntry.actor).where(AuditEntry.action == "print.test")
        ).scalars()
        assert list(actors) == ["KTV01"]


def test_printer_test_page_failure_is_said_in_words(window: MainWindow, qtbot: QtBot) -> None:
    log_in(window)
    _screen, panel = open_section(window, "printer")  # printer.uri is "none"
    assert "chưa cài đặt" in panel.info.text()
    qtbot.mouseClick(panel.test_button, LEFT)
    qtbot.waitUntil(lambda: panel.test_button.isEnabled(), timeout=20000)
    assert "Chưa cài đặt máy in" in panel.result.text()


def test_credentials_are_stored_and_the_secret_never_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    log_in(window)
    _screen, panel = open_section(window, "credentials")
    qtbot.waitUntil(lambda: "Chưa có mã bí mật" in panel.stored.text())
    assert panel.secret.editor.echoMode() == panel.secret.editor.EchoMode.Password
    retype(panel.client_id.editor, "KIOSK-56-22366-07")
    type_text(panel.secret.editor, "s3cret-7f1e")
    qtbot.mouseClick(panel.save_button, LEFT)
    qtbot.waitUntil(lambda: "không hiển thị lại" in panel.message.text())
    assert secrets.get_secret(secret_name("KIOSK-56-22366-07")) == "s3cret-7f1e"
    assert on_disk(window).get_str("server.client_id") == "KIOSK-56-22366-07"
    assert panel.secret.editor.text() == ""
    assert not any("s3cret" in text for text in texts_in(window))
    qtbot.waitUntil(lambda: "Đã có mã bí mật" in panel.stored.text())


def test_credentials_need_both_fields(window: MainWindow, qtbot: QtBot) -> None:
    log_in(window)
    _screen, panel = open_section(window, "credentials")
    qtbot.mouseClick(panel.save_button, LEFT)
    assert "mã bí mật" in panel.secret.error.text()
    assert secrets.get_secret(secret_name("KIOSK-56-22366-01")) is None


@pytest.mark.parametrize("answer", ["Ở lại", "Thoát"])
def test_leaving_to_the_desktop_asks_first(home: Path, qtbot: QtBot, answer: str) -> None:
    from kiosk.ui.state import AppState

    window = MainWindow(AppState(start_workers=False), kiosk_mode=True)
    qtbot.addWidget(window)
    window.show()
    window.state.open()
    qtbot.waitUntil(lambda: window.state.kiosk is not None, timeout=20000)
    log_in(window)
    window.go("technician")
    screen = window.current
    assert window.close() is False  # Alt+F4 does nothing in kiosk mode
    qtbot.mouseClick(screen.exit_button, LEFT)
    choice = [b for b in window.dialogs.overlay.findChildren(QPushButton) if b.text() == answer]
    qtbot.mouseClick(choice[0], LEFT)
    assert window.isVisible() is (answer == "Ở lại")
    window.exit_allowed = True
    window.close()


def test_doctor_details_are_in_the_language_shown(qtbot: QtBot) -> None:
    """A check's finding in one language on screen (it read "còn trống 55.0 GiB (free)" in
    both); the command line keeps both, Vietnamese first."""
    from kiosk.services.doctor import GREEN, Check

    disk = Check("disk", GREEN, "còn trống 55,0 GiB", detail_en="55.0 GiB free")
    assert disk.as_dict()["detail"] == "còn trống 55,0 GiB (55.0 GiB free)"
    view = DoctorView()
    qtbot.addWidget(view)
    view.show_report({"checks": [disk.as_dict()]}, "vi")
    assert "còn trống 55,0 GiB" in texts_in(view) and "55.0 GiB free" not in texts_in(view)
    view.show_report({"checks": [disk.as_dict()]}, "en")  # the old rows go on the next turn
    qtbot.waitUntil(lambda: "còn trống 55,0 GiB" not in texts_in(view))
    assert "55.0 GiB free" in texts_in(view)


def test_the_section_column_scrolls_without_cutting_its_buttons(
    window: MainWindow, qtbot: QtBot
) -> None:
    """With an emergency bar above the screen the section column is too low for its buttons
    and scrolls; its scroll bar takes no width from the buttons' words."""
    from PySide6.QtWidgets import QPushButton, QScrollArea

    from kiosk.store.db import write_session
    from kiosk.sync import events, inbound

    log_in(window)
    kiosk = window.state.require_kiosk()
    storm = {"notice_id": "TB-9", "level": "emergency", "title": "Cảnh báo lũ", "body": "…"}
    with write_session(kiosk.engine) as session:
        inbound.apply_change(session, {"seq": "c-9", "type": "notice", "data": storm})
    window.state.bus.publish(events.CHANGES_APPLIED, count=1)
    screen, _panel = open_section(window, "doctor")
    qtbot.waitUntil(window.emergency_bar.isVisible)
    column = screen.findChild(QScrollArea, "sidebar")
    assert column is not None
    qtbot.waitUntil(lambda: column.verticalScrollBar().isVisible())
    for tab in column.widget().findChildren(QPushButton):
        words = tab.fontMetrics().horizontalAdvance(tab.text())
        assert words + 2 * 18 <= tab.width(), tab.text()  # the style sheet's 18-px padding
