"""The text-level API the Qt fields use: an edit at the cursor."""

from __future__ import annotations

import pytest

from kiosk.textinput import (
    Edit,
    Method,
    Tone,
    edit_for_key,
    edit_for_letter,
    edit_for_tone,
    word_before,
)


@pytest.mark.parametrize(
    ("text", "word"),
    [("Khánh Hoa", "Hoa"), ("", ""), ("số 12", "12"), ("a.b", "b"), ("hỏi ", "")],
)
def test_word_before(text: str, word: str) -> None:
    assert word_before(text) == word


def test_an_edit_replaces_only_what_changed() -> None:
    assert edit_for_key("Khánh Hoa", "f", Method.TELEX) == Edit(old="oa", new="òa")
    assert edit_for_key("tiêng", "s", Method.TELEX) == Edit(old="êng", new="ếng")


def test_a_key_with_nothing_to_compose_is_a_plain_insert() -> None:
    edit = edit_for_key("Khánh ", "H", Method.TELEX)
    assert edit.is_plain_insert and edit.new == "H"
    assert edit_for_key("hoa", " ", Method.TELEX) == Edit(old="", new=" ")
    assert edit_for_key("hoa", "f", Method.OFF) == Edit(old="", new="f")


def test_apply_keeps_the_text_after_the_cursor() -> None:
    text, cursor = Edit(old="oa", new="òa").apply("Hoa Khanh", 3)
    assert (text, cursor) == ("Hòa Khanh", 3)


def test_letters_and_tones_for_the_on_screen_keys() -> None:
    assert edit_for_letter("hòa", "n") == Edit(old="òa", new="oàn")
    assert edit_for_letter("hoa", "1") == Edit(old="", new="1")
    assert edit_for_tone("Khánh Hoa", Tone.HUYEN) == Edit(old="oa", new="òa")
    assert edit_for_tone("Khánh ", Tone.HUYEN) is None
    assert edit_for_tone("xyz", Tone.SAC) is None
