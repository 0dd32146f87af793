"""One Vietnamese syllable: parse a typed word into initial · nucleus · coda + tone, render it.

Tone placement (documented convention, the *traditional* one, as in "hòa", "thúy", "khỏe"):

1. a vowel with a mark takes the tone; in "ươ" the ơ ("người", "được");
2. otherwise, before a coda, the last vowel of the nucleus ("hoàn", "huýt");
3. otherwise three vowels: the middle one ("ngoài", "khuỷu"); two: the first ("hòa", "mùa");
4. the u of "qu" and the i of "gi" belong to the initial ("quý", "giữ"); "gì" has no "gi".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from kiosk.textinput.tables import (
    ACCEPT_CLOSED,
    ACCEPT_OPEN,
    CODAS,
    INITIALS,
    LETTERS,
    MARK_TONES,
    TONE_MARKS,
    VOWELS,
    Tone,
)

_VOWEL_CHARS = "".join(sorted(VOWELS))
_MARKED = frozenset("ăâêôơư")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def like(letter: str, model: str) -> str:
    """``letter`` in the case of ``model``."""
    return letter.upper() if model.isupper() else letter


@dataclass(frozen=True)
class Syllable:
    """A toneless word (case kept, NFC) cut into initial [0:start), nucleus, coda [end:)."""

    text: str
    start: int
    end: int
    tone: Tone = Tone.NONE

    @property
    def initial(self) -> str:
        return self.text[: self.start].lower()

    @property
    def nucleus(self) -> str:
        return self.text[self.start : self.end].lower()

    @property
    def coda(self) -> str:
        return self.text[self.end :].lower()

    def with_text(self, text: str) -> Syllable | None:
        """The same tone on another spelling, if that spelling is still a syllable."""
        other = parse(text)
        return None if other is None else replace(other, tone=self.tone)


def split_tone(word: str) -> tuple[str, Tone] | None:
    """("tiếng") → ("tiêng", SAC); None when the word carries two tone marks."""
    tone = Tone.NONE
    kept: list[str] = []
    for ch in unicodedata.normalize("NFD", word):
        found = MARK_TONES.get(ch)
        if found is None:
            kept.append(ch)
        elif tone is Tone.NONE:
            tone = found
        else:
            return None
    return nfc("".join(kept)), tone


def parse(word: str) -> Syllable | None:
    """The word as a (possibly unfinished) Vietnamese syllable, or None if it cannot be one."""
    split = split_tone(word)
    if split is None:
        return None
    text, tone = split
    low = text.lower()
    if len(low) != len(text) or not set(low) <= LETTERS:
        return None
    for initial in INITIALS:
        if low.startswith(initial):
            rest = low[len(initial) :]
            size = len(rest) - len(rest.lstrip(_VOWEL_CHARS))
            if _fits(initial, rest[:size], rest[size:], tone):
                start = len(initial)
                return Syllable(text, start, start + size, tone)
    return None


def _fits(initial: str, nucleus: str, coda: str, tone: Tone) -> bool:
    if coda not in CODAS or (initial == "q" and (nucleus or coda)):
        return False
    if not nucleus:
        return not coda and tone is Tone.NONE and initial != "gi"
    if not coda:
        return nucleus in ACCEPT_OPEN
    return nucleus in ACCEPT_CLOSED or (initial == "qu" and nucleus == "y")


def tone_position(nucleus: str, closed: bool) -> int:
    """Index in the (lower-case, toneless) nucleus of the vowel that carries the tone."""
    if "ươ" in nucleus:
        return nucleus.index("ươ") + 1
    for index, ch in enumerate(nucleus):
        if ch in _MARKED:
            return index
    if closed:
        return len(nucleus) - 1
    return 1 if len(nucleus) == 3 else 0


def _canonical(syllable: Syllable) -> list[str]:
    """Letters with "uơ"/"ưo" made "ươ" once something follows ("thuơng" → "thương")."""
    chars = list(syllable.text)
    nucleus, start = syllable.nucleus, syllable.start
    for index in range(len(nucleus) - 1):
        pair = nucleus[index : index + 2]
        followed = index + 2 < len(nucleus) or bool(syllable.coda)
        at = start + index
        if pair in {"ưo", "uơ"} and followed:
            chars[at], chars[at + 1] = like("ư", chars[at]), like("ơ", chars[at + 1])
        elif pair == "ưô":
            chars[at] = like("u", chars[at])
    return chars


def render(syllable: Syllable) -> str:
    """The syllable as NFC text, the tone on its vowel."""
    chars = _canonical(syllable)
    if syllable.tone is not Tone.NONE and syllable.end > syllable.start:
        nucleus = "".join(chars[syllable.start : syllable.end]).lower()
        at = syllable.start + tone_position(nucleus, bool(syllable.coda))
        chars[at] = nfc(chars[at] + TONE_MARKS[syllable.tone])
    return nfc("".join(chars))
