"""Telex/VNI for a physical keyboard on a machine without a Vietnamese input method.

``install_telex_filter(app, "telex")`` watches every key press: a printable key typed into a
Vietnamese text field rewrites the word before the cursor through the composer ("tieengs" →
"tiếng"). Fields marked digits, phone, money or plain, password fields, keys with Ctrl/Alt/
Meta, and text selections are left to Qt. Change the method at run time with ``set_method``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.textinput import Method, edit_for_key
from kiosk.ui.keyboard import fields

_COMMAND_KEYS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class TelexFilter(QObject):
    """An event filter for the QApplication (all fields) or for one field."""

    def __init__(self, mode: Method | str = Method.TELEX, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.method = Method(mode)

    def set_method(self, mode: Method | str) -> None:
        self.method = Method(mode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.method is Method.OFF or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.text()
        if len(key) != 1 or not key.isalnum() or event.modifiers() & _COMMAND_KEYS:
            return False
        if not isinstance(watched, QWidget) or not fields.is_text_field(watched):
            return False
        before = fields.text_before_cursor(watched)
        if before is None or fields.input_kind(watched) != fields.INPUT_TEXT:
            return False
        edit = edit_for_key(before, key, self.method)
        if edit.is_plain_insert and edit.new == key:
            return False  # nothing to compose: Qt types the key itself
        fields.apply_edit(watched, edit)
        return True


def install_telex_filter(app: QCoreApplication, mode: Method | str) -> TelexFilter:
    """Install on the application (owned by it); keep the result to change the method later."""
    telex = TelexFilter(mode, parent=app)
    app.installEventFilter(telex)
    return telex
