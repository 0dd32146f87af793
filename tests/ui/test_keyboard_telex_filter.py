"""Telex/VNI on a physical keyboard: key presses sent to real fields are composed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.keyboard import (
    INPUT_DIGITS,
    INPUT_MONEY,
    INPUT_PHONE,
    INPUT_PLAIN,
    TelexFilter,
    install_telex_filter,
    set_input_kind,
)


@pytest.fixture
def telex(qapp: QApplication) -> Iterator[TelexFilter]:
    installed = install_telex_filter(qapp, "telex")
    yield installed
    qapp.removeEventFilter(installed)
    installed.deleteLater()


@pytest.fixture
def line(qtbot: QtBot) -> QLineEdit:
    field = QLineEdit()
    qtbot.addWidget(field)
    return field


def type_text(field: QWidget, text: str) -> None:
    """Key events with any text (QTest.keyClicks aborts on non-ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(field, event)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("tieengs", "tiếng"),
        ("dduwowngf", "đường"),
        ("Khanhs Hoaf", "Khánh Hòa"),
        ("Nguyeenx Vawn An", "Nguyễn Văn An"),
        ("DDAWNG KYS", "ĐĂNG KÝ"),
        ("email www", "email www"),
    ],
)
def test_telex_in_a_line_edit(
    qtbot: QtBot, telex: TelexFilter, line: QLineEdit, keys: str, expected: str
) -> None:
    qtbot.keyClicks(line, keys)
    assert line.text() == expected
    assert line.cursorPosition() == len(expected)


def test_vni_and_switching_method(qtbot: QtBot, telex: TelexFilter, line: QLineEdit) -> None:
    telex.set_method("vni")
    qtbot.keyClicks(line, "tie6ng1 d9u7o7ng2 ")
    telex.set_method("off")
    qtbot.keyClicks(line, "hoaf")
    assert line.text() == "tiếng đường hoaf"


@pytest.mark.parametrize("field_class", [QTextEdit, QPlainTextEdit])
def test_multi_line_fields(qtbot: QtBot, telex: TelexFilter, field_class: type) -> None:
    field = field_class()
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "Ddaij hocj")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClicks(field, "Khanhs Hoaf")
    assert field.toPlainText() == "Đại học\nKhánh Hòa"


@pytest.mark.parametrize("kind", [INPUT_DIGITS, INPUT_MONEY, INPUT_PHONE, INPUT_PLAIN])
def test_marked_fields_are_left_alone(
    qtbot: QtBot, telex: TelexFilter, line: QLineEdit, kind: str
) -> None:
    set_input_kind(line, kind)
    qtbot.keyClicks(line, "tieengs")
    assert line.text() == "tieengs"


def test_password_fields_are_left_alone(qtbot: QtBot, telex: TelexFilter, line: QLineEdit) -> None:
    line.setEchoMode(QLineEdit.EchoMode.Password)
    qtbot.keyClicks(line, "aas")
    assert line.text() == "aas"


def test_the_word_before_the_cursor(qtbot: QtBot, telex: TelexFilter, line: QLineEdit) -> None:
    line.setText("Hoa Khanh")
    line.setCursorPosition(3)
    qtbot.keyClicks(line, "f")
    assert line.text() == "Hòa Khanh"
    assert line.cursorPosition() == 3


def test_shortcuts_and_selections_go_to_qt(
    qtbot: QtBot, telex: TelexFilter, line: QLineEdit
) -> None:
    qtbot.keyClicks(line, "hoa")
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    assert line.selectedText() == "hoa"
    qtbot.keyClicks(line, "s")  # replaces the selection, as without the filter
    assert line.text() == "s"


def test_letters_from_an_input_method_still_compose(
    qtbot: QtBot, telex: TelexFilter, line: QLineEdit
) -> None:
    type_text(line, "thuơ")  # "ơ" typed on a Vietnamese keyboard layout
    qtbot.keyClicks(line, "ngr")
    assert line.text() == "thưởng"


def test_a_filter_on_one_field_only(qtbot: QtBot, line: QLineEdit) -> None:
    other = QLineEdit()
    qtbot.addWidget(other)
    line.installEventFilter(TelexFilter("vni", parent=line))
    qtbot.keyClicks(line, "Vie6t5")
    qtbot.keyClicks(other, "Vie6t5")
    assert (line.text(), other.text()) == ("Việt", "Vie6t5")
