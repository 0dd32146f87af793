"""What the keys are: the Vietnamese letter layout, the tone row and the numeric pads.

Pure data (the labels go through Qt Linguist, context "Keyboard"). The letter rows sit on a
grid of 26 columns; a letter key spans 2.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from kiosk.textinput import Tone
from kiosk.ui.keyboard.fields import INPUT_MONEY, INPUT_PHONE

COLUMNS = 26

# Key names that are not text to type.
SHIFT = "shift"
BACKSPACE = "backspace"
SPACE = "space"
ENTER = "enter"
HIDE = "hide"
NUMBERS = "numbers"  # letters → numeric pad
LETTERS = "letters"  # numeric pad → letters
OK = "ok"  # numeric pad: done
TONE_PREFIX = "tone:"

# Roles (style classes).
LETTER = "letter"
VIETNAMESE = "vietnamese"
TONE = "tone"
ACTION = "action"
CONFIRM = "confirm"


@dataclass(frozen=True)
class KeySpec:
    name: str  # unique in its pad; the text a letter key types
    label: str
    role: str = LETTER
    span: int = 2
    text: str = ""  # typed as it is (letters, digits, "000")


@dataclass(frozen=True)
class Row:
    offset: int
    keys: tuple[KeySpec, ...]


def tone_keys() -> tuple[KeySpec, ...]:
    labels = {
        Tone.SAC: "á  " + QCoreApplication.translate("Keyboard", "sắc"),
        Tone.HUYEN: "à  " + QCoreApplication.translate("Keyboard", "huyền"),
        Tone.HOI: "ả  " + QCoreApplication.translate("Keyboard", "hỏi"),
        Tone.NGA: "ã  " + QCoreApplication.translate("Keyboard", "ngã"),
        Tone.NANG: "ạ  " + QCoreApplication.translate("Keyboard", "nặng"),
        Tone.NONE: QCoreApplication.translate("Keyboard", "xóa dấu"),
    }
    return tuple(
        KeySpec(tone_name(tone), label, TONE, 6 if tone is Tone.NONE else 4)
        for tone, label in labels.items()
    )


def tone_name(tone: Tone) -> str:
    return f"{TONE_PREFIX}{tone.name.lower()}"


def _letters(chars: str, role: str = LETTER) -> tuple[KeySpec, ...]:
    return tuple(KeySpec(ch, ch, role, text=ch) for ch in chars)


def letter_rows() -> tuple[Row, ...]:
    """The tone row, three letter rows, and the space row."""
    bottom = (
        KeySpec(NUMBERS, "123", ACTION, 3),
        KeySpec(",", ",", LETTER, 2, text=","),
        KeySpec(SPACE, QCoreApplication.translate("Keyboard", "dấu cách"), LETTER, 10, text=" "),
        KeySpec(".", ".", LETTER, 2, text="."),
        KeySpec(HIDE, QCoreApplication.translate("Keyboard", "Ẩn bàn phím"), ACTION, 5),
        KeySpec(ENTER, enter_label(multiline=False), CONFIRM, 4),
    )
    return (
        Row(0, tone_keys()),
        Row(1, _letters("qwertyuiop") + _letters("ươ", VIETNAMESE)),
        Row(2, _letters("asdfghjkl") + _letters("ăâ", VIETNAMESE)),
        Row(
            0,
            (
                KeySpec(SHIFT, "⇧", ACTION, 3),
                *_letters("zxcvbnm"),
                *_letters("đêô", VIETNAMESE),
                KeySpec(BACKSPACE, "⌫", ACTION, 3),
            ),
        ),
        Row(0, bottom),
    )


def code_rows() -> tuple[Row, ...]:
    """The code page (receipt codes ``NT01-261122-0042``, user codes, bank references): the
    digits on top, capital letters, "-", and no tone keys — nothing to switch pages for."""
    hide = KeySpec(HIDE, QCoreApplication.translate("Keyboard", "Ẩn bàn phím"), ACTION, 8)
    return (
        Row(3, _letters("1234567890")),
        Row(3, _letters("QWERTYUIOP")),
        Row(3, (*_letters("ASDFGHJKL"), KeySpec("-", "-", LETTER, 2, text="-"))),
        Row(3, (*_letters("ZXCVBNM"), KeySpec(BACKSPACE, "⌫", ACTION, 6))),
        Row(3, (hide, KeySpec(ENTER, enter_label(multiline=False), CONFIRM, 12))),
    )


def enter_label(multiline: bool) -> str:
    """A one-line field is done with Enter; a multi-line one gets a new line."""
    if multiline:
        return "↵  " + QCoreApplication.translate("Keyboard", "Xuống dòng")
    return QCoreApplication.translate("Keyboard", "Xong") + "  ↵"


def numpad_rows(kind: str, with_letters: bool) -> tuple[tuple[KeySpec | None, ...], ...]:
    """A 4 × 4 grid; OK spans the last two rows of the last column (None: an empty cell)."""
    extra: KeySpec | None = None
    if kind == INPUT_MONEY:
        extra = KeySpec("000", "000", LETTER, text="000")
    elif kind == INPUT_PHONE:
        extra = KeySpec("+", "+", LETTER, text="+")
    letters = KeySpec(LETTERS, "ABC", ACTION) if with_letters else None
    digits = [KeySpec(d, d, LETTER, text=d) for d in "1234567890"]
    return (
        (*digits[0:3], KeySpec(BACKSPACE, "⌫", ACTION)),
        (*digits[3:6], KeySpec(HIDE, QCoreApplication.translate("Keyboard", "Ẩn"), ACTION)),
        (*digits[6:9], KeySpec(OK, QCoreApplication.translate("Keyboard", "Xong"), CONFIRM)),
        (extra, digits[9], letters, None),
    )


def accessible_names() -> dict[str, str]:
    """Names for keys whose label is a symbol."""
    return {
        SHIFT: QCoreApplication.translate("Keyboard", "Chữ hoa"),
        BACKSPACE: QCoreApplication.translate("Keyboard", "Xóa"),
        NUMBERS: QCoreApplication.translate("Keyboard", "Bàn phím số"),
        LETTERS: QCoreApplication.translate("Keyboard", "Bàn phím chữ"),
    }
