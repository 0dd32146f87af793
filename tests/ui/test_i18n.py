"""Qt Linguist: every UI string has English; the English button switches the screen.

The ``.qm`` is a build output (gitignored): these tests build it into their own temp dir from
the checked-in ``resources/i18n/kiosk_en.ts`` with ``scripts/i18n.py --release``, so they
test the ``.ts`` as it is in the tree, not whatever ``.qm`` was built last.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.ui import i18n
from kiosk.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "i18n.py"
TS = REPO / "resources" / "i18n" / "kiosk_en.ts"


def run_script(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def built_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("qm")
    done = run_script("--release", "--qm-dir", out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / "kiosk_en.qm"


@pytest.fixture
def english(built_qm: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(i18n, "qm_path", lambda language: str(built_qm))
    return built_qm


def test_every_ui_string_has_english() -> None:
    """``scripts/i18n.py --check``: a new string without English fails CI; run
    ``scripts/i18n.py`` and translate it in resources/i18n/kiosk_en.ts."""
    done = run_script("--check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().startswith("ok:")


def test_the_english_reads_as_sentences_without_parenthesised_plurals() -> None:
    """A count written "3 item(s)" reads as a form, not a sentence: the English gives the
    count as a label ("Items: 3") or in words that need no plural. Qt's numerus forms are not
    used: lupdate's Python parser does not mark them."""
    found = [
        (message.findtext("source"), translation)
        for message in ET.parse(TS).getroot().iter("message")
        if (translation := message.findtext("translation") or "")
        and re.search(r"[A-Za-z]\(s\)", translation)
    ]
    assert found == []


def test_the_check_fails_on_a_new_untranslated_string(tmp_path: Path) -> None:
    sources = tmp_path / "ui"
    sources.mkdir()
    (sources / "probe.py").write_text(
        "from kiosk.ui.i18n import translate\n"
        'A = translate("HomeScreen", "Tìm thủ tục")\n'
        'B = translate("ProbeScreen", "Chuỗi mới chưa có bản dịch {n}")\n',
        encoding="utf-8",
    )
    done = run_script("--check", "--sources", sources, "--ts", TS)
    assert done.returncode == 1
    assert "ProbeScreen" in done.stdout and "Chuỗi mới chưa có bản dịch {n}" in done.stdout
    assert "Tìm thủ tục" not in done.stdout  # translated in the .ts: fine


def test_the_check_fails_on_an_unfinished_or_misplaced_translation(tmp_path: Path) -> None:
    sources = tmp_path / "ui"
    sources.mkdir()
    (sources / "probe.py").write_text(
        "from kiosk.ui.i18n import translate\n"
        'A = translate("Probe", "Chờ gửi: {n} mục")\n'
        'B = translate("Probe", "Đã lưu")\n'
        'C = translate("Probe", f"Xin chào {A}")\n',
        encoding="utf-8",
    )
    ts = tmp_path / "probe_en.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="en_US" sourcelanguage="vi_VN">\n<context>\n'
        "<name>Probe</name>\n"
        "<message><source>Chờ gửi: {n} mục</source>"
        "<translation>Waiting to send: {count}</translation></message>\n"
        "<message><source>Đã lưu</source>"
        '<translation type="unfinished">Saved</translation></message>\n'
        "</context>\n</TS>\n",
        encoding="utf-8",
    )
    done = run_script("--check", "--sources", sources, "--ts", ts)
    assert done.returncode == 1
    assert "placeholders differ" in done.stdout and "{count}" in done.stdout
    assert "no finished English: [Probe] 'Đã lưu'" in done.stdout
    assert "f-string inside translate()" in done.stdout


def test_the_english_qm_translates_with_placeholders_intact(english: Path, qapp: Any) -> None:
    assert i18n.set_language("en") == "en"
    try:
        waiting = i18n.translate("StatusStrip", "Chờ gửi: {n} mục")
        assert waiting != "Chờ gửi: {n} mục" and "{n}" in waiting
        assert waiting.format(n=3).endswith("3")
        assert i18n.translate("HomeScreen", "Tìm thủ tục") == "Find a procedure"
    finally:
        i18n.set_language("vi")
    assert i18n.translate("HomeScreen", "Tìm thủ tục") == "Tìm thủ tục"


def test_a_missing_qm_leaves_the_kiosk_in_vietnamese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, qapp: Any
) -> None:
    (tmp_path / "i18n").mkdir()
    monkeypatch.setattr(paths, "resources_root", lambda: tmp_path)  # no .qm built there
    assert i18n.qm_path("en") is None
    with caplog.at_level(logging.ERROR, logger="kiosk.ui.i18n"):
        assert i18n.set_language("en") == "vi"
    assert "staying in Vietnamese" in caplog.text
    assert QCoreApplication.translate("HomeScreen", "Tìm thủ tục") == "Tìm thủ tục"


def test_a_broken_qm_leaves_the_kiosk_in_vietnamese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    broken = tmp_path / "kiosk_en.qm"
    broken.write_bytes(b"not a qm file")
    monkeypatch.setattr(i18n, "qm_path", lambda language: str(broken))
    assert i18n.set_language("en") == "vi"


def test_the_english_button_switches_home_to_english(
    english: Path, window: MainWindow, qtbot: QtBot
) -> None:
    tiles = window.home_screen.tile_buttons
    assert tiles["procedures"].text() == "Tìm thủ tục"
    assert window.top_bar.language.text() == "English"
    qtbot.mouseClick(window.top_bar.language, Qt.MouseButton.LeftButton)
    assert window.state.language == "en"
    assert [tiles[k].text() for k in tiles] == [
        "Find a procedure",
        "Submit an application",
        "Pay a fee",
        "Register for a service",
        "Send feedback",
        "Track an application",
    ]
    assert window.top_bar.language.text() == "Tiếng Việt"
    assert window.top_bar.help.text() == "Call a volunteer"
    assert window.status_strip.waiting.text().startswith("Waiting to send")
    qtbot.mouseClick(window.top_bar.language, Qt.MouseButton.LeftButton)
    assert window.state.language == "vi"
    assert tiles["procedures"].text() == "Tìm thủ tục"
    assert window.top_bar.help.text() == "Gọi tình nguyện viên"


def test_english_reaches_a_screen_opened_after_the_switch(
    english: Path, window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.mouseClick(window.top_bar.language, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.top_bar.login, Qt.MouseButton.LeftButton)
    screen: Any = window.current
    assert screen is not None and screen.route == "login"
    assert screen.submit.text() == "Log in"
    assert window.top_bar.title.text() == "Log in"
    assert window.top_bar.back.text() == "← Back"


def test_amounts_follow_the_language_shown(english: Path, qapp: Any) -> None:
    """A dot between thousands reads as a decimal point in English ("200.000 dong" looked
    like two hundred); the Vietnamese words for an amount are not shown in English."""
    from kiosk.ui import money

    assert (money.grouped(1_500_000), money.with_sign(200_000)) == ("1.500.000", "200.000 ₫")
    assert money.in_words(1_500_000) == "Một triệu năm trăm nghìn đồng"
    assert i18n.set_language("en") == "en"
    try:
        assert (money.grouped(1_500_000), money.with_sign(200_000)) == ("1,500,000", "200,000 ₫")
        assert money.in_words(1_500_000) == ""
        from kiosk.ui.screens.staff.dayclose_view import difference_text

        assert difference_text(150_000, "en") == "Over by 150,000 ₫"
        assert difference_text(-20_000, "en") == "Short by 20,000 ₫"
    finally:
        i18n.set_language("vi")
    assert money.grouped(1_500_000) == "1.500.000"


def test_the_english_cash_step_shows_the_amount_the_english_way(
    english: Path, window: MainWindow, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QLabel

    from kiosk.ui.screens.payment.steps import CashStep

    qtbot.mouseClick(window.top_bar.language, Qt.MouseButton.LeftButton)
    step = CashStep(1_250_000, "Trần Thị Bình", lambda: None, lambda: None)
    qtbot.addWidget(step)
    shown = [w.text() for w in step.findChildren(QLabel)]
    assert "1,250,000 dong" in shown
    assert not any("triệu" in text for text in shown)
