"""The paper file picker ("Chọn tệp" on the dossier's papers step): big Vietnamese rows of the
scanner folder's paper files, newest first; nothing else of the PC; listed on a worker.

Real window (offscreen), real data home with ``scanner.folder`` set, real files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from kiosk.services import scans
from kiosk.services.context import Kiosk
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import file_picker
from tests.ui.conftest import texts_in
from tests.ui.flows import log_in
from tests.ui.test_dossier_flow import click, to_papers

HOUR = 3600


@pytest.fixture
def scanner(home: Path, tmp_path: Path) -> Path:
    """The scanner's folder, configured as a technician would."""
    folder = tmp_path / "may-quet"
    folder.mkdir()
    kiosk = Kiosk.open(home)
    kiosk.settings.set("scanner.folder", str(folder))
    kiosk.close()
    return folder


def arrive(path: Path, write: Any) -> None:
    """``write`` makes the file; then a short pause, so the next file arrives later."""
    write(path)
    time.sleep(0.02)


@pytest.fixture
def scanned(scanner: Path, tmp_path: Path) -> Path:
    """Three papers (arrived in this order: the PDF, the JPEG, the PNG), and what must never
    be offered. The PDF was copied in with its date of two days ago kept (a USB stick)."""
    two_days_ago = time.time() - 48 * HOUR

    def copied_pdf(path: Path) -> None:
        path.write_bytes(b"%PDF-1.4\n" + b"0" * 300_000)
        os.utime(path, (two_days_ago, two_days_ago))

    arrive(scanner / "giay-chung-sinh.pdf", copied_pdf)
    arrive(scanner / "cccd-me.jpg", lambda p: Image.new("RGB", (60, 80), "white").save(p, "JPEG"))
    arrive(scanner / "to-khai.png", lambda p: Image.new("RGB", (60, 80), "white").save(p, "PNG"))
    (scanner / "ghi-chu.txt").write_text("không phải giấy tờ", encoding="utf-8")
    (scanner / ".an.pdf").write_bytes(b"%PDF-1.4\n")
    (scanner / "dang-quet.pdf.part").write_bytes(b"%PDF-1.4\n")
    (scanner / "rong.pdf").write_bytes(b"")
    (scanner / "thu-muc-con").mkdir()
    (scanner / "thu-muc-con" / "cu.pdf").write_bytes(b"%PDF-1.4\n")
    outside = tmp_path / "tai-lieu-rieng.pdf"  # someone's file elsewhere on the PC
    outside.write_bytes(b"%PDF-1.4\n")
    (scanner / "loi-tat.pdf").symlink_to(outside)
    return scanner


@pytest.fixture
def scanner_window(scanner: Path, window_factory: Any) -> MainWindow:
    built: MainWindow = window_factory()
    return built


def open_picker(qtbot: QtBot, window: MainWindow, paper: int = 3) -> tuple[Any, Any]:
    screen = to_papers(qtbot, window)
    papers = screen.steps[2]
    row = papers.rows[paper]
    click(qtbot, row.file_button)
    assert papers.picker is not None
    return papers, row


def test_the_picker_lists_the_scanner_folders_papers_newest_first(
    scanned: Path, scanner_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    gui = threading.get_ident()
    listed_on: list[int] = []
    real = file_picker.read_scanner_folder

    def watched(kiosk: Kiosk, **how: Any) -> file_picker.FolderFiles:  # its thread noted
        listed_on.append(threading.get_ident())
        return real(kiosk, **how)

    monkeypatch.setattr(file_picker, "read_scanner_folder", watched)
    papers, row = open_picker(qtbot, scanner_window)
    picker = papers.picker
    assert picker.isVisible() and not papers.list_panel.isVisible()
    qtbot.waitUntil(lambda: bool(picker.rows))
    assert listed_on and gui not in listed_on  # the folder is never read on the GUI thread

    assert [r.scan.name for r in picker.rows] == [
        "to-khai.png",
        "cccd-me.jpg",
        "giay-chung-sinh.pdf",
    ]
    assert {Path(r.scan.path).parent for r in picker.rows} == {scanned}
    for shown in picker.rows:
        assert shown.isVisible() and shown.height() >= 56
        assert shown.name.font().pointSize() >= 18 and shown.name.font().bold()
    newest, _photo, copied = picker.rows
    assert re.fullmatch(r"Ảnh · 1 KB · quét lúc \d\d:\d\d hôm nay", newest.detail.text())
    # copied in a moment ago with an old date kept: shown as arrived today, not two days ago
    assert re.fullmatch(r"PDF · 293 KB · quét lúc \d\d:\d\d hôm nay", copied.detail.text())
    assert picker.title.text().startswith(f"Giấy tờ: {row.paper.name[:40]}")  # which paper
    # nothing to browse with: no path to type, no folder tree, no file dialog
    for kind in (QFileDialog, QLineEdit, QComboBox, QAbstractItemView):
        assert picker.findChildren(kind) == [], kind.__name__
    words = " ".join(texts_in(picker))
    assert "Chạm vào một tệp" in words and "Look in" not in words and "Open" not in words

    click(qtbot, newest)
    qtbot.waitUntil(lambda: row.paper.file is not None)
    assert row.paper.file.name == "to-khai.png" and row.paper.file.mime == "image/png"
    assert row.paper.file.from_scanner  # it leaves the scanner folder once the dossier is saved
    assert papers.list_panel.isVisible() and not picker.isVisible()


def test_the_times_say_today_yesterday_or_the_date() -> None:
    now = dt.datetime(2026, 11, 23, 9, 30)
    at = dt.datetime(2026, 11, 23, 8, 5).timestamp()
    assert file_picker.when_words(at, now) == "08:05 hôm nay"
    assert file_picker.when_words(at - 24 * HOUR, now) == "08:05 hôm qua"
    assert file_picker.when_words(at - 72 * HOUR, now) == "08:05 ngày 20/11/2026"


def test_a_resident_alone_is_not_shown_earlier_residents_papers(
    scanned: Path, scanner_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Papers that arrived over 30 minutes ago may be someone else's: a resident serving
    themself sees how many are hidden, not what they are; a volunteer logged in sees them."""
    real = file_picker.read_scanner_folder
    later = time.time() + scans.RECENT_S + 60  # the same folder, half an hour on

    def half_an_hour_on(kiosk: Kiosk, **how: Any) -> file_picker.FolderFiles:
        return real(kiosk, **how, now=later)

    monkeypatch.setattr(file_picker, "read_scanner_folder", half_an_hour_on)
    papers, _row = open_picker(qtbot, scanner_window)
    picker = papers.picker
    qtbot.waitUntil(lambda: picker.empty.isVisible())
    assert picker.rows == []
    assert picker.empty_words().startswith("Chưa có tệp quét mới.")
    status = picker.status.text()
    assert "3 tệp có trong thư mục từ hơn 30 phút trước được ẩn đi" in status
    for name in ("giay-chung-sinh", "cccd-me", "to-khai"):
        assert name not in " ".join(texts_in(picker))

    log_in(scanner_window)
    click(qtbot, picker.again)
    qtbot.waitUntil(lambda: len(picker.rows) == 3)
    assert not picker.empty.isVisible() and "được ẩn đi" not in picker.status.text()


def test_an_empty_scanner_folder_says_to_scan_first(
    scanner: Path, scanner_window: MainWindow, qtbot: QtBot
) -> None:
    papers, row = open_picker(qtbot, scanner_window)
    picker = papers.picker
    qtbot.waitUntil(lambda: picker.empty.isVisible())
    words = picker.empty_words()
    assert "Thư mục máy quét chưa có tệp nào." in words and "Hãy quét giấy tờ trước" in words
    assert picker.rows == [] and not picker.intro.isVisible()
    Image.new("RGB", (60, 80), "white").save(scanner / "scan-0001.png", "PNG")  # the scanner
    qtbot.waitUntil(lambda: [r.scan.name for r in picker.rows] == ["scan-0001.png"])
    assert not picker.empty.isVisible() and picker.intro.isVisible()
    click(qtbot, picker.cancel)
    assert papers.list_panel.isVisible() and row.paper.file is None


def test_the_picker_shows_the_configured_folder_only(
    scanned: Path, tmp_path: Path, scanner_window: MainWindow, qtbot: QtBot
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "khac.pdf").write_bytes(b"%PDF-1.4\n")
    picker = file_picker.FilePicker(scanner_window.state)
    qtbot.addWidget(picker)
    picker.show_for("Giấy tờ: Tờ khai")
    qtbot.waitUntil(lambda: bool(picker.rows))
    assert picker.folder == str(scanned)
    assert "khac.pdf" not in [r.scan.name for r in picker.rows]


def test_rows_are_touch_sized_buttons(qtbot: QtBot, tmp_path: Path) -> None:
    long_name = "giay-xac-nhan-tinh-trang-hon-nhan-cua-nguoi-yeu-cau-dang-ky-ket-hon-ban-sao.pdf"
    (tmp_path / long_name).write_bytes(b"%PDF-1.4\n")
    listing = scans.list_papers(tmp_path)
    chosen: list[str] = []
    row = file_picker.FileRow(listing.files[0], lambda: chosen.append("yes"))
    qtbot.addWidget(row)
    row.resize(500, row.sizeHint().height())
    row.show()
    assert isinstance(row, QPushButton) and row.height() >= 56
    assert "…" in row.name.text()  # shortened in the middle, the end (".pdf") kept
    assert row.name.text().endswith("ban-sao.pdf")
    click(qtbot, row)
    assert chosen == ["yes"]
