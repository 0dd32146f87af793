"""The placeholder home window (until #5): opens on a real data home, searches off-thread."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.ui.app import HomeWindow


def test_home_window_opens_and_searches(home: Path, qtbot: QtBot) -> None:
    window = HomeWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._kiosk is not None, timeout=15000)
    assert window.title.text() == "Điểm hỗ trợ DVC trực tuyến Phường Nha Trang"
    window.search.setText("khai sinh")
    qtbot.waitUntil(lambda: window.results.count() > 0, timeout=10000)
    assert window.results.item(0).text().startswith("1.001193")
    window.close()
