"""Telex and VNI: a typed key and the word before the cursor → the new word.

Telex: s f r x j tones, z removes the tone; aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, uow ươ,
w alone ư, dd đ. VNI: 1 sắc 2 huyền 3 hỏi 4 ngã 5 nặng, 0 removes; 6 ^, 7 horn, 8 breve, 9 đ.
Pressing the same key again undoes it and types it ("ass" → "as", "aaa" → "aa").

A key that cannot apply is typed as it is, so a word that is not Vietnamese ("email",
"www", "2024") comes out as typed. Tones and marks may come anywhere after the vowel
("tieengs" = "tiesng" + "e"); the tone moves as the word grows ("hoaf" + "n" → "hoàn").
Output is always NFC and keeps the case of each letter ("DDAWNG" → "ĐĂNG").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum

from kiosk.textinput.marks import (
    BREVE,
    CIRCUMFLEX,
    CIRCUMFLEX_A,
    CIRCUMFLEX_E,
    CIRCUMFLEX_O,
    HORN,
    TELEX_W,
    Mark,
    apply_mark,
    apply_stroke,
)
from kiosk.textinput.syllable import Syllable, nfc, parse, render
from kiosk.textinput.tables import STOP_CODAS, Tone


class Method(StrEnum):
    """How typed keys become Vietnamese letters (the value is what settings store)."""

    OFF = "off"
    TELEX = "telex"
    VNI = "vni"


_Action = Callable[[Syllable, str], "str | None"]

TELEX_TONES = {"s": Tone.SAC, "f": Tone.HUYEN, "r": Tone.HOI, "x": Tone.NGA, "j": Tone.NANG}
VNI_TONES = {"1": Tone.SAC, "2": Tone.HUYEN, "3": Tone.HOI, "4": Tone.NGA, "5": Tone.NANG}
TELEX_MARKS = {"a": CIRCUMFLEX_A, "e": CIRCUMFLEX_E, "o": CIRCUMFLEX_O, "w": TELEX_W}
VNI_MARKS = {"6": CIRCUMFLEX, "7": HORN, "8": BREVE}


def set_tone(syllable: Syllable, tone: Tone) -> str | None:
    """The word with this tone, or None if the syllable cannot carry it ("hoc" + huyền)."""
    if not syllable.nucleus:
        return None
    if tone not in (Tone.NONE, Tone.SAC, Tone.NANG) and syllable.coda in STOP_CODAS:
        return None
    text = syllable.text
    if tone is not Tone.NONE and syllable.nucleus == "ươ" and not syllable.coda:
        at = syllable.start  # an open "ươ" is spelled "uơ": "thuowr" → "thuở"
        text = text[:at] + ("U" if text[at].isupper() else "u") + text[at + 1 :]
    return render(replace(syllable, text=text, tone=tone))


def _tone_key(tone: Tone) -> _Action:
    def act(syllable: Syllable, key: str) -> str | None:
        if tone is Tone.NONE:
            return None if syllable.tone is Tone.NONE else set_tone(syllable, Tone.NONE)
        if syllable.tone is tone:
            return render(replace(syllable, tone=Tone.NONE)) + key
        return set_tone(syllable, tone)

    return act


def _mark_key(mark: Mark) -> _Action:
    return lambda syllable, key: apply_mark(syllable, mark, key)


def _actions(method: Method) -> dict[str, _Action]:
    if method is Method.TELEX:
        tones, marks, stroke, clear = TELEX_TONES, TELEX_MARKS, "d", "z"
    else:
        tones, marks, stroke, clear = VNI_TONES, VNI_MARKS, "9", "0"
    table: dict[str, _Action] = {key: _tone_key(tone) for key, tone in tones.items()}
    table.update({key: _mark_key(mark) for key, mark in marks.items()})
    table[clear] = _tone_key(Tone.NONE)
    table[stroke] = apply_stroke
    return table


_ACTIONS = {method: _actions(method) for method in (Method.TELEX, Method.VNI)}


def append_letter(word: str, letter: str) -> str:
    """Type a letter as it is, moving the tone if the syllable grew ("hòa" + "n" → "hoàn")."""
    joined = word + letter
    syllable = parse(joined)
    return nfc(joined) if syllable is None else render(syllable)


def apply_key(word: str, key: str, method: Method | str) -> str:
    """The word after typing ``key`` (one character) with this input method."""
    method = Method(method)
    action = _ACTIONS.get(method, {}).get(key.lower()) if len(key) == 1 else None
    syllable = parse(word) if action is not None else None
    if action is not None and syllable is not None:
        result = action(syllable, key)
        if result is not None:
            return result
    if method is Method.OFF:
        return word + key
    return append_letter(word, key)


def apply_tone(word: str, tone: Tone) -> str | None:
    """The word with this tone (the on-screen tone row); None if it has no vowel to carry it."""
    syllable = parse(word)
    return None if syllable is None else set_tone(syllable, tone)
