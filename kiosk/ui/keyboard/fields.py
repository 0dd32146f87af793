"""The text fields the keyboard and the Telex filter type into, whatever their class.

A field says what it holds with a dynamic property: ``set_input_kind(field, INPUT_DIGITS)``
(``field.setProperty("kioskInput", "digits")``). Text is read with ``inputMethodQuery`` and
written with one ``QInputMethodEvent``, so QLineEdit, QTextEdit and QPlainTextEdit all work.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from kiosk.textinput import Edit

INPUT_PROPERTY = "kioskInput"
INPUT_TEXT = "text"  # Vietnamese text: letters keyboard, Telex/VNI on
INPUT_PLAIN = "plain"  # letters, but no Telex/VNI (e-mail, user names)
INPUT_DIGITS = "digits"  # CCCD, codes: numeric pad
INPUT_PHONE = "phone"  # numeric pad with "+"
INPUT_MONEY = "money"  # numeric pad with "000"
INPUT_CODE = "code"  # receipt and user codes, bank references: digits, capitals and "-"
INPUT_KINDS = frozenset(
    {INPUT_TEXT, INPUT_PLAIN, INPUT_DIGITS, INPUT_PHONE, INPUT_MONEY, INPUT_CODE}
)
NUMERIC_KINDS = frozenset({INPUT_DIGITS, INPUT_PHONE, INPUT_MONEY})

_TEXT_CLASSES = (QLineEdit, QTextEdit, QPlainTextEdit)
_Hint = Qt.InputMethodHint


def set_input_kind(field: QWidget, kind: str) -> None:
    if kind not in INPUT_KINDS:
        raise ValueError(f"unknown input kind {kind!r}")
    field.setProperty(INPUT_PROPERTY, kind)


def input_kind(field: QWidget) -> str:
    """The field's ``kioskInput`` property, else guessed from its input-method hints."""
    value = field.property(INPUT_PROPERTY)
    if isinstance(value, str) and value in INPUT_KINDS:
        return value
    hints = field.inputMethodHints()
    if hints & (_Hint.ImhDigitsOnly | _Hint.ImhFormattedNumbersOnly):
        return INPUT_DIGITS
    if hints & _Hint.ImhDialableCharactersOnly:
        return INPUT_PHONE
    if isinstance(field, QLineEdit) and field.echoMode() != QLineEdit.EchoMode.Normal:
        return INPUT_PLAIN
    if hints & (_Hint.ImhLatinOnly | _Hint.ImhEmailCharactersOnly | _Hint.ImhUrlCharactersOnly):
        return INPUT_PLAIN
    return INPUT_TEXT


def is_text_field(widget: object) -> bool:
    """An editable QLineEdit, QTextEdit or QPlainTextEdit."""
    return isinstance(widget, _TEXT_CLASSES) and bool(
        widget.inputMethodQuery(Qt.InputMethodQuery.ImEnabled)
    )


def _utf16_prefix(text: str, units: int) -> str:
    return text.encode("utf-16-le")[: 2 * units].decode("utf-16-le", errors="replace")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def text_before_cursor(field: QWidget) -> str | None:
    """The cursor's line up to the cursor; None when text is selected."""
    query = field.inputMethodQuery
    cursor = int(query(Qt.InputMethodQuery.ImCursorPosition) or 0)
    anchor = int(query(Qt.InputMethodQuery.ImAnchorPosition) or 0)
    if cursor != anchor:
        return None
    return _utf16_prefix(str(query(Qt.InputMethodQuery.ImSurroundingText) or ""), cursor)


def apply_edit(field: QWidget, edit: Edit) -> None:
    """Replace ``edit.old`` before the cursor by ``edit.new`` (a selection is replaced too)."""
    removed = _utf16_len(edit.old)
    event = QInputMethodEvent("", [])
    event.setCommitString(edit.new, -removed, removed)
    QApplication.sendEvent(field, event)


def send_key(field: QWidget, key: Qt.Key, text: str = "") -> None:
    """A key press and release, as if typed (Backspace, Return)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(field, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))
