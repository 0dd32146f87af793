"""Finding a procedure: search as you type on the real catalogue, the detail, "Nộp hồ sơ này"."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.dossier import DossierScreen
from kiosk.ui.screens.procedure import ProcedureScreen
from kiosk.ui.screens.procedures import ProceduresScreen
from kiosk.ui.widgets.search_list import LiveSearch
from tests.ui.conftest import texts_in, type_text


def click(qtbot: QtBot, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def search(qtbot: QtBot, window: MainWindow, text: str, **params: Any) -> ProceduresScreen:
    window.go("procedures", **params)
    screen = window.current
    assert isinstance(screen, ProceduresScreen)
    qtbot.waitUntil(lambda: bool(screen.cards))  # the common procedures first
    type_text(screen.editor, text)
    qtbot.waitUntil(lambda: screen.status.text().startswith("Chạm vào thủ tục"), timeout=5000)
    return screen


def names(screen: ProceduresScreen) -> list[str]:
    return [card.lines[0].text() for card in screen.cards]


def test_empty_box_offers_the_common_procedures(window: MainWindow, qtbot: QtBot) -> None:
    window.go("procedures")
    screen = window.current
    assert isinstance(screen, ProceduresScreen)
    qtbot.waitUntil(lambda: bool(screen.cards))
    assert "Thủ tục đăng ký khai sinh" in names(screen)
    assert screen.status.text() == "Thủ tục hay dùng:"
    assert all(card.height() >= 60 for card in screen.cards)


def test_search_ignores_diacritics_and_shows_field_and_level(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = search(qtbot, window, "dang ky ket hon")
    assert names(screen)[0] == "Thủ tục đăng ký kết hôn"
    assert screen.cards[0].lines[1].text() == "Lĩnh vực: Hộ tịch · Cấp xã, phường"
    assert len(screen.cards) <= 12


def test_nothing_found_says_so(window: MainWindow, qtbot: QtBot) -> None:
    window.go("procedures")
    screen = window.current
    type_text(screen.editor, "qqqxxzz")
    qtbot.waitUntil(lambda: "Không tìm thấy thủ tục" in screen.status.text(), timeout=5000)
    assert screen.cards == []


def test_only_the_newest_query_is_shown(window: MainWindow, qtbot: QtBot) -> None:
    """A slow answer to an older query never replaces the newer one."""
    release, started = threading.Event(), threading.Event()
    shown: list[tuple[str, str]] = []

    def slow_search(text: str) -> str:
        if text == "old":
            started.set()
            release.wait(10)
        return f"answer to {text}"

    live = LiveSearch(
        window.state, slow_search, lambda q, r: shown.append((q, r)), delay_ms=10, parent=window
    )
    live.request("old")
    qtbot.waitUntil(started.is_set)
    live.request("new")  # typed while "old" is still being answered
    qtbot.wait(50)
    release.set()
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.wait(100)
    assert shown == [("new", "answer to new")]


def test_typing_fast_searches_once_after_the_pause(window: MainWindow, qtbot: QtBot) -> None:
    seen: list[str] = []
    live = LiveSearch(window.state, seen.append, lambda q, r: None, delay_ms=150, parent=window)
    for prefix in ("k", "kh", "kha", "khai"):
        live.request(prefix)
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.wait(200)
    assert seen == ["khai"]


def test_detail_shows_papers_fees_time_channels_and_files(window: MainWindow, qtbot: QtBot) -> None:
    screen = search(qtbot, window, "khai sinh", purpose="file")
    assert screen.heading() == "Chọn thủ tục để nộp"
    assert names(screen)[0] == "Thủ tục đăng ký khai sinh"
    click(qtbot, screen.cards[0])
    detail = window.current
    assert isinstance(detail, ProcedureScreen)
    qtbot.waitUntil(lambda: detail.file_button is not None)
    shown = "\n".join(texts_in(detail))
    for expected in (
        "Thủ tục đăng ký khai sinh",
        "Lĩnh vực: Hộ tịch · Cấp xã, phường · Mã: 1.001193",
        "Giấy tờ cần mang",
        "Giấy chứng sinh",
        "1 bản chính",
        "Lệ phí: Miễn phí",
        "Thời hạn giải quyết: 1",
        "Cơ quan giải quyết: Ủy ban nhân dân cấp xã",
        "Nộp trực tuyến",
        "Gửi qua bưu chính công ích",
    ):
        assert expected in shown, expected
    assert detail.file_button.height() >= 60
    click(qtbot, detail.file_button)
    dossier = window.current
    assert isinstance(dossier, DossierScreen)
    qtbot.waitUntil(lambda: len(dossier.steps) == 6)
    assert dossier.draft.code == "1.001193"
    assert dossier.indicator.text() == "Bước 1/6: Đồng ý cho dùng thông tin"


def test_back_from_the_detail_keeps_the_search(window: MainWindow, qtbot: QtBot) -> None:
    screen = search(qtbot, window, "khai tu")
    click(qtbot, screen.cards[0])
    qtbot.mouseClick(window.top_bar.back, Qt.MouseButton.LeftButton)
    again = window.current
    assert isinstance(again, ProceduresScreen) and again is not screen
    assert again.editor.text() == "khai tu"
    qtbot.waitUntil(lambda: bool(again.cards) and "khai tử" in names(again)[0])


def test_a_procedure_not_filed_online_has_no_file_button(window: MainWindow, qtbot: QtBot) -> None:
    window.go("procedure", code="2.000884")  # chứng thực chữ ký: in person only
    detail = window.current
    qtbot.waitUntil(lambda: any("chưa nộp trực tuyến" in t for t in texts_in(detail)))
    assert detail.file_button is None


def test_results_show_above_the_keys_while_typing(window: MainWindow, qtbot: QtBot) -> None:
    """With the on-screen keys up, the search box goes to the top of what is left of the
    screen (278 px at 1366 × 768), so the first result shows whole and the next begins: before,
    the page kept its heading in view and the first result's name was cut in half."""
    from kiosk.ui.keyboard.scroll import global_rect

    screen = search(qtbot, window, "khai sinh")
    keyboard = window.keyboard
    qtbot.waitUntil(lambda: keyboard.isVisible() and keyboard.target() is screen.editor)
    keyboard.reveal_target()  # as it does once shown and laid out
    view = global_rect(screen.scroll_area.viewport())

    def whole_cards() -> int:
        return sum(view.contains(global_rect(card)) for card in screen.cards)

    qtbot.waitUntil(lambda: whole_cards() >= 1)
    assert view.contains(global_rect(screen.cards[1]).topLeft())  # and the next one begins
    assert view.contains(global_rect(screen.editor))  # the box itself still in view
