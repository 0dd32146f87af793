"""The window's own behaviour: home, routing, login and lock-out, help call, idle wipe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.services import help_requests, users
from kiosk.ui.keyboard import TelexFilter
from kiosk.ui.main_window import MainWindow
from tests.ui.conftest import texts_in, type_text

PIN = "2468"


def telex_filters() -> list[TelexFilter]:
    """The Telex/VNI filters on the application (``kiosk.ui.app`` installs one per window)."""
    app = QApplication.instance()
    return app.findChildren(TelexFilter) if app is not None else []


@pytest.fixture(autouse=True)
def no_telex_filter_left_behind() -> Iterator[None]:
    """A window's Telex filter lives on the application: one a test leaves there composes
    what every later test types ("aa" → "â"), so results would depend on the test order."""
    before = telex_filters()
    yield
    left = [f for f in telex_filters() if not any(f is b for b in before)]
    assert not left, f"{len(left)} Telex/VNI filter(s) left installed on the application"


@pytest.fixture
def built_window(home: Any, qtbot: QtBot) -> Iterator[Any]:
    """``kiosk.ui.app.build_window`` as the app calls it. Afterwards what it put on the
    application goes again: its Telex/VNI filter (owned by the app, it would outlive the
    window) and the idle watcher's filter; then the window is closed."""
    from kiosk.ui.app import build_window

    made: list[MainWindow] = []

    def build() -> MainWindow:
        window = build_window(kiosk_mode=False, start_workers=False)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield build
    app = QApplication.instance()
    assert app is not None
    for window in made:
        app.removeEventFilter(window.idle)
        if window.telex is not None:
            app.removeEventFilter(window.telex)
            window.telex.setParent(None)
            window.telex.deleteLater()
            window.telex = None
        window.exit_allowed = True
        window.close()


def add_volunteer(window: MainWindow, code: str = "TNV01", role: str = "volunteer") -> None:
    users.add_user(window.state.require_kiosk(), code, "Trần Thị Bình", role, PIN)


def login(qtbot: QtBot, window: MainWindow, code: str, pin: str) -> Any:
    window.go("login")
    screen = window.current
    assert screen is not None
    type_text(screen.code.editor, code)
    type_text(screen.pin.editor, pin)
    qtbot.mouseClick(screen.submit, Qt.MouseButton.LeftButton)
    return screen


def test_home_shows_the_point_and_the_six_tiles(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: "Phường Nha Trang" in window.top_bar.title.text())
    tiles = window.home_screen.tile_buttons
    assert [tiles[k].text() for k in tiles] == [
        "Tìm thủ tục",
        "Nộp hồ sơ",
        "Nộp phí",
        "Đăng ký dịch vụ",
        "Gửi phản ánh",
        "Tra cứu hồ sơ",
    ]
    assert all(tile.height() >= 60 for tile in tiles.values())
    assert not window.top_bar.back.isVisible()
    # not "Tình nguyện viên" beside "Gọi tình nguyện viên": easy to take for the help button
    assert window.top_bar.login.text() == "Đăng nhập"


def test_after_a_restart_the_strip_shows_the_last_exchange_the_dashboard_shows(
    home: Any, window_factory: Any, qtbot: QtBot
) -> None:
    """The strip and the dashboard read the same moment (it was kept in memory only: after a
    restart the strip said "never" while the dashboard gave the time)."""
    from datetime import UTC, datetime

    from kiosk.services.context import Kiosk
    from kiosk.sync import shared

    kiosk = Kiosk.open(home)
    shared.publish(kiosk, exchanged_at=datetime(2026, 11, 22, 10, 58, tzinfo=UTC))
    kiosk.close()
    window = window_factory()
    assert window.status_strip.exchange.text() == "Trao đổi lần cuối 17:58 22/11"  # UTC+7


def test_volunteer_login_shows_the_dashboard_tile(window: MainWindow, qtbot: QtBot) -> None:
    add_volunteer(window)
    login(qtbot, window, "TNV01", PIN)
    qtbot.waitUntil(lambda: window.state.user is not None)
    assert window.current is None  # back home
    assert "dashboard" in window.home_screen.tile_buttons
    assert "technician" not in window.home_screen.tile_buttons
    assert "Trần Thị Bình" in window.status_strip.user.text()
    assert not window.top_bar.help.isVisible()  # the help a resident calls is logged in
    qtbot.mouseClick(window.top_bar.login, Qt.MouseButton.LeftButton)
    assert window.state.user is None
    assert "dashboard" not in window.home_screen.tile_buttons
    assert window.top_bar.help.isVisible()


def test_the_login_screen_has_no_login_button_of_its_own(window: MainWindow) -> None:
    assert window.top_bar.login.isVisible()
    window.go("login")
    assert not window.top_bar.login.isVisible() and window.top_bar.help.isVisible()
    window.go("procedures")
    assert window.top_bar.login.isVisible()


def test_five_wrong_pins_lock_the_volunteer_out(window: MainWindow, qtbot: QtBot) -> None:
    add_volunteer(window)
    for attempt in range(5):
        screen = login(qtbot, window, "TNV01", "0000")
        qtbot.waitUntil(lambda screen=screen: screen.submit.isEnabled())
        expected = "Sai mã" if attempt < 4 else "tạm khóa"
        assert expected in screen.message.text()
    screen = login(qtbot, window, "TNV01", PIN)  # the right PIN, but locked now
    qtbot.waitUntil(lambda: screen.submit.isEnabled())
    assert "tạm khóa" in screen.message.text()
    assert window.state.user is None


def test_call_volunteer_is_recorded_for_the_dashboard(window: MainWindow, qtbot: QtBot) -> None:
    window.go("login")
    qtbot.mouseClick(window.top_bar.help, Qt.MouseButton.LeftButton)
    kiosk = window.state.require_kiosk()
    qtbot.waitUntil(lambda: len(help_requests.waiting(kiosk)) == 1)
    assert help_requests.waiting(kiosk)[0].screen == "LoginScreen"
    assert "Đã báo tình nguyện viên" in window.dialogs.message.text()


def test_idle_wipes_typed_text_and_logs_the_volunteer_out(window: MainWindow, qtbot: QtBot) -> None:
    add_volunteer(window)
    login(qtbot, window, "TNV01", PIN)
    qtbot.waitUntil(lambda: window.state.user is not None)
    window.idle.configure(1, 2)
    window.go("login")
    screen = window.current
    assert screen is not None
    type_text(screen.code.editor, "Nguyễn Văn Ánh 079203001234")
    with qtbot.waitSignal(window.idle.warn, timeout=3000):
        pass
    assert "xóa sau" in window.dialogs.message.text()
    with qtbot.waitSignal(window.idle.expired, timeout=5000):
        pass
    assert window.current is None
    assert window.state.user is None
    leftover = " ".join(texts_in(window))
    assert "079203001234" not in leftover and "Nguyễn Văn Ánh" not in leftover


def test_a_touch_during_the_countdown_keeps_the_screen(window: MainWindow, qtbot: QtBot) -> None:
    window.idle.configure(1, 3)
    window.go("login")
    screen = window.current
    type_text(screen.code.editor, "TNV")
    with qtbot.waitSignal(window.idle.warn, timeout=3000):
        pass
    qtbot.mouseClick(window.dialogs.overlay, Qt.MouseButton.LeftButton)
    assert not window.dialogs.showing
    assert window.current is screen
    assert screen.code.editor.text() == "TNV"


def test_the_next_resident_finds_the_kiosk_in_vietnamese(window: MainWindow, qtbot: QtBot) -> None:
    """English is one resident's choice: the idle wipe that ends their visit undoes it, also
    when they chose it on the home screen and left without going further."""
    window.idle.configure(1, 1)
    tiles = window.home_screen.tile_buttons
    qtbot.mouseClick(window.top_bar.language, Qt.MouseButton.LeftButton)  # at home
    assert window.state.language == "en" and window.idle.armed
    with qtbot.waitSignal(window.idle.expired, timeout=10000):
        pass
    assert window.state.language == "vi"
    assert tiles["procedures"].text() == "Tìm thủ tục"
    assert window.top_bar.language.text() == "English"
    assert not window.idle.armed  # nothing left to wipe at home

    qtbot.mouseClick(window.top_bar.language, Qt.MouseButton.LeftButton)
    window.go("procedures")
    with qtbot.waitSignal(window.idle.expired, timeout=10000):
        pass
    assert window.current is None and window.state.language == "vi"
    assert tiles["procedures"].text() == "Tìm thủ tục"


def test_kiosk_mode_refuses_to_close(home: Any, qtbot: QtBot) -> None:
    from kiosk.ui.state import AppState

    window = MainWindow(AppState(start_workers=False), kiosk_mode=True)
    qtbot.addWidget(window)
    window.show()
    assert window.close() is False
    assert window.isVisible()
    window.exit_allowed = True
    assert window.close() is True


def test_a_crash_on_any_thread_brings_back_a_fresh_home_screen(
    window: MainWindow, qtbot: QtBot
) -> None:
    import threading

    from kiosk.logs import CrashHandler

    restarted = threading.Event()

    def restart() -> None:
        window.crashed.emit()
        restarted.set()

    handler = CrashHandler(restart, lambda *a: None, lambda *a: None)
    window.go("login")

    def worker() -> None:
        try:
            raise RuntimeError("boom in a worker")
        except RuntimeError as exc:
            handler.threading_hook(
                threading.ExceptHookArgs((type(exc), exc, exc.__traceback__, None))
            )

    threading.Thread(target=worker).start()
    qtbot.waitUntil(lambda: window.current is None, timeout=5000)
    assert restarted.is_set()
    assert "mở lại màn hình chính" in window.dialogs.message.text()


def test_the_touch_app_keeps_its_log_in_the_data_home_redacted(
    window: MainWindow, home: Any
) -> None:
    """What a technician reads after a crash at a support point: the app's own log file (it
    kept none: its lines and crashes went to a console no one sees), Qt's warnings in it."""
    import logging

    from PySide6.QtCore import QMessageLogContext, QtMsgType

    from kiosk.logs import CrashHandler
    from kiosk.ui.qt_messages import to_log

    handler = CrashHandler(None, lambda *a: None, lambda *a: None)
    try:
        raise ValueError("CCCD 056190001234 refused")
    except ValueError as exc:
        handler.excepthook(type(exc), exc, exc.__traceback__)
    to_log(QtMsgType.QtWarningMsg, QMessageLogContext(), "This plugin does not support it")
    for each in logging.getLogger().handlers:
        each.flush()
    written = (home / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "uncaught ValueError" in written and "056190001234" not in written
    assert "WARNING kiosk.qt: This plugin does not support it" in written


def test_the_keyboard_never_makes_the_window_taller_than_the_screen(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.go("login")
    screen = window.current
    assert screen is not None
    screen.code.editor.setFocus()
    qtbot.waitUntil(window.keyboard.isVisible)
    qtbot.wait(50)  # one layout pass
    assert window.height() <= 768
    assert window.keyboard.geometry().bottom() <= window.status_strip.geometry().top()


def test_a_storm_warning_from_the_province_shows_first_without_a_restart(
    window: MainWindow, qtbot: QtBot
) -> None:
    from kiosk.store.db import write_session
    from kiosk.sync import events, inbound

    kiosk = window.state.require_kiosk()
    changes = [
        ("c-1", "info", "Lịch tiếp nhận hồ sơ", "TB-1"),
        ("c-2", "emergency", "Cảnh báo bão số 13", "TB-2"),
    ]
    with write_session(kiosk.engine) as session:
        for seq, level, title, notice_id in changes:
            data = {"notice_id": notice_id, "level": level, "title": title, "body": "…"}
            inbound.apply_change(session, {"seq": seq, "type": "notice", "data": data})
    window.state.bus.publish(events.CHANGES_APPLIED, count=2)  # as the sync engine does
    qtbot.waitUntil(lambda: len(window.home_screen.notices) == 2)
    first = window.home_screen.notices[0]
    assert (first.level, first.title) == ("emergency", "Cảnh báo bão số 13")
    assert any("KHẨN CẤP: Cảnh báo bão số 13" in text for text in texts_in(window.home_screen))


def test_each_home_tile_says_what_is_behind_it_and_leaves_that_out_when_too_low(
    window: MainWindow, qtbot: QtBot
) -> None:
    from kiosk.ui.screens.home import tile_hint
    from kiosk.ui.widgets.home_tile import HomeTile

    tiles = window.home_screen.tile_buttons
    payment = tiles["payment"]
    assert isinstance(payment, HomeTile)
    assert payment.hint.text() == "Lệ phí, đóng góp: tiền mặt, VietQR" == tile_hint("payment")
    assert all(tile.hint.isVisible() for tile in tiles.values() if isinstance(tile, HomeTile))
    tile = HomeTile("Đăng ký dịch vụ", tile_hint("registration"), lambda: None)
    qtbot.addWidget(tile)
    tile.show()
    tile.resize(300, tile.minimumSizeHint().height())  # room for the caption only
    qtbot.waitUntil(lambda: not tile.hint.isVisible())
    tile.resize(300, tile.heightForWidth(300))
    qtbot.waitUntil(tile.hint.isVisible)


def test_every_notice_in_force_is_on_the_home_screen_and_a_warning_looks_like_one(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Seven notices in force: all seven are cards on the home screen (it showed the first
    three, and the service cut at six), the storm first, the two warnings next and marked as
    warnings, and a line says how many there are once they no longer all fit."""
    from PySide6.QtWidgets import QFrame

    from kiosk.store.db import write_session
    from kiosk.sync import events, inbound

    kiosk = window.state.require_kiosk()
    levels = ["info", "warning", "info", "emergency", "info", "warning", "info"]
    with write_session(kiosk.engine) as session:
        for n, level in enumerate(levels, start=1):
            data = {"notice_id": f"TB-{n}", "level": level, "title": f"Thông báo số {n}",
                    "body": "Nội dung thông báo của phường, đủ dài để chiếm hai dòng trên màn "
                            "hình cảm ứng của điểm hỗ trợ dịch vụ công."}  # fmt: skip
            inbound.apply_change(session, {"seq": f"c-{n}", "type": "notice", "data": data})
    window.state.bus.publish(events.CHANGES_APPLIED, count=len(levels))
    home = window.home_screen
    qtbot.waitUntil(lambda: len(home.notices) == len(levels))
    cards = [
        home.notice_box.itemAt(i).widget()
        for i in range(home.notice_box.count())
        if isinstance(home.notice_box.itemAt(i).widget(), QFrame)
    ]
    roles = [card.property("role") for card in cards]
    assert roles == ["emergency", "warning", "warning", "notice", "notice", "notice", "notice"]
    qtbot.waitUntil(lambda: home.notice_more.isVisible())  # seven cards do not fit in half
    assert "7 thông báo" in home.notice_more.text()
    bar = home.notice_area.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    pages = 0
    while bar.value() < bar.maximum():  # the button pages down to the last notice
        qtbot.mouseClick(home.notice_more, Qt.MouseButton.LeftButton)
        pages += 1
        assert pages <= len(levels)
    assert "về thông báo đầu" in home.notice_more.text()
    qtbot.mouseClick(home.notice_more, Qt.MouseButton.LeftButton)  # and back to the first
    assert bar.value() == 0 and "xem tiếp" in home.notice_more.text()


def test_a_kiosk_left_at_home_follows_the_notices_times(window: MainWindow, qtbot: QtBot) -> None:
    """A kiosk sits on its home screen for hours: a storm warning whose time is over leaves it,
    and one received ahead of its time appears when its time comes, with nothing touched and
    nothing new from the province (they changed only on news or on coming back home)."""
    from datetime import timedelta

    from kiosk.store.db import write_session
    from kiosk.store.models import utcnow
    from kiosk.sync import inbound

    window.state.notices.check.start(200)  # every 200 ms here, not every minute
    kiosk = window.state.require_kiosk()
    now = utcnow()
    soon = [("TB-ending", now - timedelta(hours=1), now + timedelta(seconds=2)),
            ("TB-coming", now + timedelta(seconds=2), now + timedelta(hours=1))]  # fmt: skip
    with write_session(kiosk.engine) as session:
        for notice_id, start, end in soon:
            data = {"notice_id": notice_id, "level": "warning", "title": notice_id, "body": "…",
                    "valid_from": start.isoformat(), "valid_until": end.isoformat()}  # fmt: skip
            inbound.apply_change(session, {"seq": notice_id, "type": "notice", "data": data})
    window.home_screen.refresh()
    qtbot.waitUntil(lambda: [n.notice_id for n in window.home_screen.notices] == ["TB-ending"])
    qtbot.waitUntil(
        lambda: [n.notice_id for n in window.home_screen.notices] == ["TB-coming"], timeout=8000
    )


def test_a_storm_warning_reaches_every_screen_and_a_tap_reads_it_at_home(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A resident is filling a form when the province sends a storm warning: a red bar under
    the top bar says so on every screen but home (where the notice itself is); a tap goes
    home; a withdrawn warning takes the bar away."""
    from kiosk.store.db import write_session
    from kiosk.sync import events, inbound

    kiosk = window.state.require_kiosk()
    bar = window.emergency_bar
    window.go("procedures")
    assert not bar.isVisible()

    def apply(change: dict[str, Any]) -> None:
        with write_session(kiosk.engine) as session:
            inbound.apply_change(session, change)
        window.state.bus.publish(events.CHANGES_APPLIED, count=1)  # as the sync engine does

    storm = {"notice_id": "TB-9", "level": "emergency", "title": "Cảnh báo lũ", "body": "…"}
    apply({"seq": "c-9", "type": "notice", "data": storm})
    qtbot.waitUntil(bar.isVisible)
    assert "KHẨN CẤP: Cảnh báo lũ" in bar.text()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current is None)  # home, where the whole notice is
    assert not bar.isVisible()
    window.go("lookup")
    assert bar.isVisible()
    apply({"seq": "c-10", "type": "notice_withdrawn", "data": {"notice_id": "TB-9"}})
    qtbot.waitUntil(lambda: not bar.isVisible())


def test_the_data_home_opens_once_the_home_screen_has_painted(
    built_window: Any, qtbot: QtBot, monkeypatch: Any
) -> None:
    from PySide6.QtCore import QEvent, QObject

    from kiosk.ui.state import AppState

    order: list[str] = []
    begin = AppState.open
    monkeypatch.setattr(AppState, "open", lambda self: (order.append("open"), begin(self)))
    window = built_window()

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in order:
                order.append("painted")
            return False

    spy = Paints()
    window.home_screen.installEventFilter(spy)
    window.state.opened.connect(lambda: order.append("opened"))
    qtbot.wait(50)
    assert order == [] and window.state.kiosk is None  # not shown: nothing opened yet
    window.show()
    qtbot.waitUntil(lambda: window.state.kiosk is not None)
    assert order == ["painted", "open", "opened"]
    import gc

    # what lives as long as the app (modules, the search index) is out of the cyclic
    # collector's walk: a full collection during a drain no longer stalls the screen for it
    assert gc.get_freeze_count() > 20_000
    assert window.telex is not None and window.telex in telex_filters()  # as in the app


def test_a_window_never_shown_still_opens_its_data_home(built_window: Any, qtbot: QtBot) -> None:
    window = built_window()
    qtbot.waitUntil(lambda: window.state.kiosk is not None)  # after at most a second
    assert not window.isVisible()


def test_a_data_home_that_cannot_open_says_why_and_the_tiles_stay_calm(
    home: Any, qtbot: QtBot
) -> None:
    from kiosk import paths
    from kiosk.settings import Settings, SettingsFileError
    from kiosk.ui.state import AppState

    settings = paths.layout().settings_file
    settings.write_text("[idle]\ntimeout_s = 5\n", encoding="utf-8")  # below its minimum
    with pytest.raises(SettingsFileError) as refused:
        Settings.load(settings)
    state = AppState(start_workers=False)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.show()
    state.open()
    qtbot.waitUntil(lambda: state.open_error is not None)
    problem = window.home_screen.problem
    assert problem.isVisible()  # stays, unlike the toast
    assert refused.value.message in problem.text()  # the core's words: which file, which key
    assert "SettingsFileError" not in problem.text()
    assert window.top_bar.title.text() == "Máy chưa sẵn sàng"
    window.dialogs.overlay.dismiss()
    qtbot.mouseClick(window.home_screen.tile_buttons["procedures"], Qt.MouseButton.LeftButton)
    assert window.current is None  # no screen without its data: nothing raised
    assert "chưa sẵn sàng" in window.dialogs.message.text()
    screen = login(qtbot, window, "TNV01", PIN)
    assert "chưa sẵn sàng" in screen.message.text()
    assert state.user is None


def test_typing_is_left_as_typed_where_no_telex_filter_was_installed(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The ``window`` fixture installs no Telex filter: what a test types stays as typed,
    whatever tests ran before (``kiosk.ui.app.build_window`` installs one on the app)."""
    window.go("feedback")
    screen = window.current
    assert screen is not None
    type_text(screen.place.editor, "Nguyeenx Traix")
    assert screen.place.editor.text() == "Nguyeenx Traix"
