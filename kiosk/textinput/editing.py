"""The text-level API: the text before the cursor and a key → an edit at the cursor.

An :class:`Edit` says "replace ``old`` (the characters just before the cursor) by ``new``";
a Qt field applies it with one ``QInputMethodEvent.setCommitString(new, -len(old), len(old))``.
The word is the run of letters and digits just before the cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.textinput.composer import Method, append_letter, apply_key, apply_tone
from kiosk.textinput.tables import Tone


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` (just before the cursor) by ``new``; the cursor ends after ``new``."""

    old: str
    new: str

    @property
    def is_plain_insert(self) -> bool:
        return not self.old

    def apply(self, text: str, cursor: int) -> tuple[str, int]:
        start = cursor - len(self.old)
        assert text[start:cursor] == self.old, "the edit does not match the text"
        return text[:start] + self.new + text[cursor:], start + len(self.new)


def word_before(text: str) -> str:
    """The trailing run of letters and digits: "Khánh Hoa" → "Hoa"."""
    start = len(text)
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return text[start:]


def _diff(word: str, new: str) -> Edit:
    same = 0
    while same < min(len(word), len(new)) and word[same] == new[same]:
        same += 1
    return Edit(old=word[same:], new=new[same:])


def _edit(before: str, change: Callable[[str], str | None]) -> Edit | None:
    word = word_before(before)
    new = change(word)
    return None if new is None else _diff(word, new)


def edit_for_key(before: str, key: str, method: Method | str) -> Edit:
    """What typing ``key`` does after ``before`` (Telex/VNI; off: plain insert)."""
    if len(key) != 1 or not key.isalnum() or Method(method) is Method.OFF:
        return Edit(old="", new=key)
    edit = _edit(before, lambda word: apply_key(word, key, method))
    assert edit is not None
    return edit


def edit_for_letter(before: str, letter: str) -> Edit:
    """An on-screen letter key: typed as it is, the tone moved if the syllable grew."""
    if len(letter) != 1 or not letter.isalpha():
        return Edit(old="", new=letter)
    edit = _edit(before, lambda word: append_letter(word, letter))
    assert edit is not None
    return edit


def edit_for_tone(before: str, tone: Tone) -> Edit | None:
    """An on-screen tone key on the word before the cursor; None if there is no vowel."""
    return _edit(before, lambda word: apply_tone(word, tone) if word else None)


def type_keys(keys: str, method: Method | str) -> str:
    """Type ``keys`` one by one into an empty field: type_keys("tieengs", "telex") → "tiếng"."""
    text = ""
    for key in keys:
        text, _ = edit_for_key(text, key, method).apply(text, len(text))
    return text
