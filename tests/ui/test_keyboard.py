"""The on-screen keyboard: keys tapped with the mouse type into the focused field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.ui.keyboard import (
    INPUT_CODE,
    INPUT_DIGITS,
    INPUT_MONEY,
    INPUT_PHONE,
    INPUT_PLAIN,
    OnScreenKeyboard,
    set_input_kind,
)
from tests.ui.conftest import press_enter


@dataclass
class Form:
    window: QWidget
    name: QLineEdit
    note: QTextEdit
    plain: QPlainTextEdit
    cccd: QLineEdit
    phone: QLineEdit
    amount: QLineEdit
    email: QLineEdit
    button: QPushButton
    keyboard: OnScreenKeyboard


@pytest.fixture
def form(qtbot: QtBot) -> Iterator[Form]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    name, cccd, phone, amount, email = (QLineEdit(window) for _ in range(5))
    note, plain = QTextEdit(window), QPlainTextEdit(window)
    set_input_kind(cccd, INPUT_DIGITS)
    set_input_kind(phone, INPUT_PHONE)
    set_input_kind(amount, INPUT_MONEY)
    set_input_kind(email, INPUT_PLAIN)
    button = QPushButton("Tiếp tục", window)
    for widget in (name, note, plain, cccd, phone, amount, email, button):
        layout.addWidget(widget)
    keyboard = OnScreenKeyboard(window)
    layout.addWidget(keyboard)
    keyboard.attach(window)
    window.resize(1366, 900)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    button.setFocus()  # the window gave the first field the focus: start from none
    qtbot.waitUntil(lambda: not keyboard.isVisible())
    yield Form(window, name, note, plain, cccd, phone, amount, email, button, keyboard)
    window.close()


def focus(qtbot: QtBot, form: Form, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def tap(qtbot: QtBot, keyboard: OnScreenKeyboard, *names: str) -> None:
    for name in names:
        qtbot.mouseClick(keyboard.key(name), Qt.MouseButton.LeftButton)


def test_focusing_a_text_field_shows_the_letters(qtbot: QtBot, form: Form) -> None:
    assert not form.keyboard.isVisible()
    focus(qtbot, form, form.name)
    assert form.keyboard.isVisible()
    assert form.keyboard.target() is form.name
    assert form.keyboard.key("tone:sac").isVisible()
    for letter in "ăâđêôơư":
        assert form.keyboard.key(letter).isVisible()


def test_keys_never_take_the_focus(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    buttons = form.keyboard.findChildren(QPushButton)
    assert len(buttons) > 40
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons)
    assert form.keyboard.focusPolicy() == Qt.FocusPolicy.NoFocus
    tap(qtbot, form.keyboard, "a", "tone:sac", "space", "backspace")
    assert QApplication.focusWidget() is form.name


def test_touch_sizes_and_fonts(qtbot: QtBot, form: Form) -> None:
    for field in (form.name, form.amount):
        focus(qtbot, form, field)
        page = [b for b in form.keyboard.findChildren(QPushButton) if b.isVisible()]
        assert page
        for button in page:
            assert button.height() >= 60, button.objectName()
            assert button.font().pointSizeF() >= 18, button.objectName()


def test_letters_and_the_tone_row(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    kb = form.keyboard
    tap(qtbot, kb, "shift", "k", "h", "a", "n", "h", "tone:sac", "space")
    tap(qtbot, kb, "shift", "h", "o", "a", "tone:huyen")
    assert form.name.text() == "Khánh Hòa"
    tap(qtbot, kb, "n")  # the tone moves: "hoàn"
    assert form.name.text() == "Khánh Hoàn"
    tap(qtbot, kb, "tone:none")
    assert form.name.text() == "Khánh Hoan"


def test_vietnamese_letter_keys(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    tap(qtbot, form.keyboard, "đ", "ư", "ơ", "n", "g", "tone:huyen")
    assert form.name.text() == "đường"
    tap(qtbot, form.keyboard, "space", "u", "ơ", "n", "g")  # "uơng" is spelled "ương"
    assert form.name.text() == "đường ương"


def test_each_tone_key(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    expected = {"sac": "má", "huyen": "mà", "hoi": "mả", "nga": "mã", "nang": "mạ", "none": "ma"}
    tap(qtbot, form.keyboard, "m", "a")
    for tone, text in expected.items():
        tap(qtbot, form.keyboard, f"tone:{tone}")
        assert form.name.text() == text


def test_a_tone_without_a_vowel_does_nothing(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    tap(qtbot, form.keyboard, "tone:sac", "b", "tone:sac")
    assert form.name.text() == "b"


def test_tone_key_applies_to_the_word_before_the_cursor(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    form.name.setText("Hoa Khanh")
    form.name.setCursorPosition(3)
    tap(qtbot, form.keyboard, "tone:huyen")
    assert form.name.text() == "Hòa Khanh"
    assert form.name.cursorPosition() == 3


def test_shift_once_then_caps_lock(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    kb = form.keyboard
    tap(qtbot, kb, "shift", "a", "a")
    assert form.name.text() == "Aa"
    assert kb.key("a").text() == "a"
    tap(qtbot, kb, "shift", "shift")
    assert kb.key("ư").text() == "Ư"
    tap(qtbot, kb, "đ", "ư", "shift", "a")
    assert form.name.text() == "AaĐƯa"


def test_backspace_and_selection(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    tap(qtbot, form.keyboard, "a", "b", "c", "backspace")
    assert form.name.text() == "ab"
    form.name.selectAll()
    tap(qtbot, form.keyboard, "x")
    assert form.name.text() == "x"


@pytest.mark.parametrize("attr", ["note", "plain"])
def test_multi_line_fields(qtbot: QtBot, form: Form, attr: str) -> None:
    field = getattr(form, attr)
    focus(qtbot, form, field)
    assert form.keyboard.isVisible()
    tap(qtbot, form.keyboard, "h", "o", "a", "tone:huyen", "enter", "n", "g", "a", "tone:nga")
    assert field.toPlainText() == "hòa\nngã"
    assert form.keyboard.isVisible()  # Enter is a new line here, not "done"


@pytest.mark.parametrize(
    ("attr", "extra", "absent"),
    [("cccd", None, "000"), ("amount", "000", "+"), ("phone", "+", "000")],
)
def test_numeric_fields_get_the_numeric_pad(
    qtbot: QtBot, form: Form, attr: str, extra: str | None, absent: str
) -> None:
    field = getattr(form, attr)
    focus(qtbot, form, field)
    kb = form.keyboard
    assert kb.numpad.isVisible() and not kb.letters.isVisible()
    assert "letters" not in kb.numpad.buttons  # no ABC on a numbers-only field
    assert absent not in kb.numpad.buttons
    assert all(b.height() >= 70 for b in kb.numpad.buttons.values())
    tap(qtbot, kb, "0", "5", "6", "backspace", "6")
    if extra:
        tap(qtbot, kb, extra)
    assert field.text() == "056" + (extra or "")


def test_ok_on_the_pad_hides_when_the_field_keeps_focus(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.amount)
    tap(qtbot, form.keyboard, "1", "5", "000")
    with qtbot.waitSignal(form.amount.returnPressed):
        tap(qtbot, form.keyboard, "ok")
    assert form.amount.text() == "15000"
    assert not form.keyboard.isVisible()


def test_ok_moves_on_when_the_host_moves_the_focus(qtbot: QtBot, form: Form) -> None:
    form.cccd.returnPressed.connect(form.phone.setFocus)
    focus(qtbot, form, form.cccd)
    tap(qtbot, form.keyboard, "ok")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.phone)
    assert form.keyboard.isVisible()
    assert "+" in form.keyboard.numpad.buttons


def test_a_readers_enter_puts_the_keys_away_as_ok_does(qtbot: QtBot, form: Form) -> None:
    """What a look-up shows below its field must not stay under the keys."""
    focus(qtbot, form, form.name)
    assert form.keyboard.isVisible()
    with qtbot.waitSignal(form.name.returnPressed):
        press_enter(form.name)
    qtbot.waitUntil(lambda: not form.keyboard.isVisible())
    assert QApplication.focusWidget() is form.name  # the next scan still lands here
    qtbot.mouseClick(form.name, Qt.MouseButton.LeftButton)
    assert form.keyboard.isVisible()  # a tap brings the keys back


def test_enter_in_a_text_edit_or_moving_on_keeps_the_keys(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.note)
    press_enter(form.note)
    qtbot.wait(20)
    assert form.keyboard.isVisible()  # a new line, not done
    form.cccd.returnPressed.connect(form.phone.setFocus)
    focus(qtbot, form, form.cccd)
    press_enter(form.cccd)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.phone)
    qtbot.wait(20)
    assert form.keyboard.isVisible() and form.keyboard.target() is form.phone


def test_123_and_back_in_a_text_field(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    kb = form.keyboard
    tap(qtbot, kb, "t", "o", "shift", "space", "numbers")
    assert kb.numpad.isVisible()
    tap(qtbot, kb, "1", "2", "letters")
    assert kb.letters.isVisible()
    assert form.name.text() == "to 12"


def test_hide_key_then_a_tap_on_the_field_shows_it_again(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    with qtbot.waitSignal(form.keyboard.visibility_changed) as hidden:
        tap(qtbot, form.keyboard, "hide")
    assert hidden.args == [False, 0]
    assert not form.keyboard.isVisible()
    assert QApplication.focusWidget() is form.name
    with qtbot.waitSignal(form.keyboard.visibility_changed) as shown:
        qtbot.mouseClick(form.name, Qt.MouseButton.LeftButton)
    visible, height = shown.args
    assert visible and height >= 5 * 60


def test_a_tap_on_a_text_edit_shows_it_again(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.note)
    tap(qtbot, form.keyboard, "hide")
    assert not form.keyboard.isVisible()
    qtbot.mouseClick(form.note.viewport(), Qt.MouseButton.LeftButton)
    assert form.keyboard.isVisible()


def test_focus_on_a_button_hides_and_read_only_fields_are_skipped(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form, form.name)
    focus(qtbot, form, form.button)
    assert not form.keyboard.isVisible()
    form.note.setReadOnly(True)
    focus(qtbot, form, form.note)
    assert not form.keyboard.isVisible()


def test_plain_fields_type_letters_as_they_are(qtbot: QtBot, form: Form) -> None:
    form.keyboard.method = "telex"  # type: ignore[assignment]
    focus(qtbot, form, form.email)
    tap(qtbot, form.keyboard, "a", "s", "s")
    assert form.email.text() == "ass"


def test_telex_on_the_letter_keys_when_asked(qtbot: QtBot, form: Form) -> None:
    form.keyboard.method = "telex"  # type: ignore[assignment]
    focus(qtbot, form, form.name)
    tap(qtbot, form.keyboard, *"tieengs")
    assert form.name.text() == "tiếng"


def test_the_pads_are_made_when_first_shown_and_then_type(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    field = QLineEdit(window)
    layout.addWidget(field)
    keyboard = OnScreenKeyboard(window)
    layout.addWidget(keyboard)
    keyboard.attach(window)
    window.show()
    assert keyboard.findChildren(QPushButton) == []  # no keys yet: not on the way to a paint
    field.setFocus()
    qtbot.waitUntil(keyboard.isVisible)
    assert keyboard.key("a").isVisible() and keyboard.height() > 200
    tap(qtbot, keyboard, "a", "tone:sac")
    assert field.text() == "á"


def test_a_code_field_gets_digits_and_capitals_on_one_page(qtbot: QtBot, form: Form) -> None:
    """A receipt code (``NT01-261122-0042``) is typed without a page switch and without tone
    keys: the code page has the digits, capital letters and "-"."""
    set_input_kind(form.email, INPUT_CODE)
    focus(qtbot, form, form.email)
    keyboard = form.keyboard
    assert keyboard.isVisible() and keyboard.key("N").isVisible()
    assert all(keyboard.key(d).isVisible() for d in "0123456789")
    with pytest.raises(KeyError):
        keyboard.key("tone:sac")  # not on this page
    tap(qtbot, keyboard, "N", "T", "0", "1", "-", "2", "6", "1", "1", "2", "3", "-", "9")
    assert keyboard.key("backspace").autoRepeat()  # held down, it keeps deleting
    tap(qtbot, keyboard, "backspace", "0", "0", "4", "2")
    assert form.email.text() == "NT01-261123-0042"
    tap(qtbot, keyboard, "enter")
    assert not keyboard.isVisible() and form.email.hasFocus()
    focus(qtbot, form, form.name)  # a text field gets the letters again
    assert keyboard.key("tone:sac").isVisible()
