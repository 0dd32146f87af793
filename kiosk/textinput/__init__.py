"""Vietnamese typing without an input method: Telex and VNI, pure Python (no Qt).

Word level: ``apply_key(word, key, method)``, ``apply_tone(word, tone)``,
``append_letter(word, letter)``. Text level (what a field does): ``edit_for_key(before_cursor,
key, method)`` → :class:`Edit`, ``type_keys(keys, method)``.
"""

from __future__ import annotations

from kiosk.textinput.composer import Method, append_letter, apply_key, apply_tone
from kiosk.textinput.editing import (
    Edit,
    edit_for_key,
    edit_for_letter,
    edit_for_tone,
    type_keys,
    word_before,
)
from kiosk.textinput.tables import Tone

__all__ = [
    "Edit",
    "Method",
    "Tone",
    "append_letter",
    "apply_key",
    "apply_tone",
    "edit_for_key",
    "edit_for_letter",
    "edit_for_tone",
    "type_keys",
    "word_before",
]
