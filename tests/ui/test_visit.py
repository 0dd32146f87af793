"""A guidance visit logged by a volunteer in two taps (dashboard → topic tile), on a real
data home: the visit record and its outbox item, no receipt, back on the dashboard."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.printing import jobs
from kiosk.ui.main_window import MainWindow
from tests.ui.conftest import type_text
from tests.ui.flows import find, log_in, only, stored, tap


def test_a_visit_is_saved_in_two_taps(window: MainWindow, qtbot: QtBot) -> None:
    log_in(window)
    window.go("dashboard")
    dashboard = window.current
    assert dashboard is not None
    tap(qtbot, find(dashboard, "logVisit"))  # tap 1
    screen = window.current
    assert screen is not None and screen.route == "visit"
    tap(qtbot, screen.tiles["tra_cuu"])  # tap 2
    qtbot.waitUntil(lambda: window.current is not None and window.current.route == "dashboard")
    assert "Đã ghi nhận lượt hỗ trợ: Tra cứu hồ sơ, thông tin." in window.dialogs.message.text()

    kiosk = window.state.require_kiosk()
    row, item = only(kiosk, "visit")
    assert (row.topic, row.result, row.duration_s, row.actor) == (
        "tra_cuu",
        "da_huong_dan",
        600,
        "TNV01",
    )
    payload = item["payload"]
    assert payload["ChuDe"] == "tra_cuu" and payload["MaTTHC"] is None
    assert (payload["KetQua"], payload["ThoiLuongGiay"]) == ("da_huong_dan", 600)
    assert jobs.listing(kiosk) == []  # a visit is counted, nothing is printed


def test_outcome_time_and_procedure_can_be_set_before_the_tap(
    window: MainWindow, qtbot: QtBot
) -> None:
    log_in(window, "staff", "CB01")
    window.go("visit")
    screen = window.current
    assert screen is not None and screen.route == "visit"
    # the optional procedure comes before the tiles that save on a tap, and all are in view
    tiles_top = min(tile.mapTo(screen, tile.rect().topLeft()).y() for tile in screen.tiles.values())
    assert screen.search.mapTo(screen, screen.search.rect().bottomLeft()).y() < tiles_top
    assert all(screen.scroll_area.viewport().rect().contains(
        tile.mapTo(screen.scroll_area.viewport(), tile.rect().bottomRight()))
        for tile in screen.tiles.values())  # fmt: skip
    tap(qtbot, screen.outcome.buttons["da_nop"])
    tap(qtbot, screen.minutes.buttons["30"])
    type_text(screen.search.editor, "khai sinh")
    pick = "procedure_1.001193"
    qtbot.waitUntil(lambda: screen.findChild(QPushButton, pick) is not None)
    tap(qtbot, find(screen, pick))
    assert "khai sinh" in screen.chosen.text()
    tap(qtbot, screen.tiles["huong_dan_tthc"])
    qtbot.waitUntil(lambda: len(stored(window.state.require_kiosk(), "visit")) == 1)
    _row, item = only(window.state.require_kiosk(), "visit")
    payload = item["payload"]
    assert (payload["ChuDe"], payload["MaTTHC"]) == ("huong_dan_tthc", "1.001193")
    assert (payload["KetQua"], payload["ThoiLuongGiay"]) == ("da_nop", 1800)
    qtbot.waitUntil(lambda: window.current is None)  # came from home: back home


def test_a_resident_cannot_open_it(window: MainWindow, qtbot: QtBot) -> None:
    window.go("visit")
    assert window.current is not None and window.current.route == "login"
