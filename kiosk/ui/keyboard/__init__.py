"""Vietnamese text entry for the touch kiosk: on-screen keyboard and physical Telex/VNI.

- ``OnScreenKeyboard(parent)``, ``.attach(root)``: the docked keyboard (see ``keyboard.py``).
- ``install_telex_filter(app, mode)`` / ``TelexFilter(mode)``: Telex/VNI on a physical keyboard.
- ``set_input_kind(field, INPUT_DIGITS)``: which keyboard a field wants.
- ``ensure_field_visible(scroll_area, field)``: scroll a field above the keyboard.
"""

from __future__ import annotations

from kiosk.ui.keyboard.fields import (
    INPUT_CODE,
    INPUT_DIGITS,
    INPUT_KINDS,
    INPUT_MONEY,
    INPUT_PHONE,
    INPUT_PLAIN,
    INPUT_PROPERTY,
    INPUT_TEXT,
    input_kind,
    set_input_kind,
)
from kiosk.ui.keyboard.keyboard import OnScreenKeyboard
from kiosk.ui.keyboard.scroll import ensure_field_visible
from kiosk.ui.keyboard.telex_filter import TelexFilter, install_telex_filter

__all__ = [
    "INPUT_CODE",
    "INPUT_DIGITS",
    "INPUT_KINDS",
    "INPUT_MONEY",
    "INPUT_PHONE",
    "INPUT_PLAIN",
    "INPUT_PROPERTY",
    "INPUT_TEXT",
    "OnScreenKeyboard",
    "TelexFilter",
    "ensure_field_visible",
    "input_kind",
    "install_telex_filter",
    "set_input_kind",
]
