"""Vowel marks (circumflex, horn, breve) and the đ stroke, applied to a parsed syllable.

Each function returns the new word, or None when the mark cannot apply (the caller then types
the key literally). Marks may be typed after the coda ("tuongw" → "tương").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kiosk.textinput.syllable import Syllable, like, render


@dataclass(frozen=True)
class Mark:
    """A vowel mark: which plain letters it changes, which marked letters an undo restores."""

    apply: dict[str, str]
    undo: dict[str, str]
    pair: bool = False  # the horn: "uo" → "ươ" together
    standalone: str = ""  # Telex w: typed alone, "ư"

    def __or__(self, other: Mark) -> Mark:
        return Mark(
            apply={**self.apply, **other.apply},
            undo={**self.undo, **other.undo},
            pair=self.pair or other.pair,
            standalone=self.standalone or other.standalone,
        )


CIRCUMFLEX_A = Mark(apply={"a": "â", "ă": "â"}, undo={"â": "a"})
CIRCUMFLEX_E = Mark(apply={"e": "ê"}, undo={"ê": "e"})
CIRCUMFLEX_O = Mark(apply={"o": "ô", "ơ": "ô"}, undo={"ô": "o"})
CIRCUMFLEX = CIRCUMFLEX_A | CIRCUMFLEX_E | CIRCUMFLEX_O
HORN = Mark(apply={"u": "ư", "o": "ơ", "ô": "ơ"}, undo={"ư": "u", "ơ": "o"}, pair=True)
BREVE = Mark(apply={"a": "ă", "â": "ă"}, undo={"ă": "a"})
TELEX_W = replace(HORN | BREVE, standalone="ư")


@dataclass
class _Work:
    """The syllable being changed: its letters, where its nucleus starts, its tone."""

    syllable: Syllable
    chars: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.chars = list(self.syllable.text)

    def set(self, index: int, letter: str) -> None:
        at = self.syllable.start + index
        self.chars[at] = like(letter, self.chars[at])

    def result(self) -> str | None:
        changed = self.syllable.with_text("".join(self.chars))
        return None if changed is None else render(changed)


def apply_mark(syllable: Syllable, mark: Mark, key: str) -> str | None:
    """The word with the mark of ``key`` applied, undone ("aaa" → "aa"), or None."""
    for attempt in (_pair, _single, _undo, _standalone):
        result = attempt(syllable, mark, key)
        if result is not None:
            return result
    return None


def _pair_index(nucleus: str) -> int:
    for index in range(len(nucleus) - 1):
        if nucleus[index] in "uư" and nucleus[index + 1] in "oơô":
            return index
    return -1


def _pair(syllable: Syllable, mark: Mark, key: str) -> str | None:
    index = _pair_index(syllable.nucleus)
    if not mark.pair or index < 0 or syllable.nucleus[index : index + 2] == "ươ":
        return None
    work = _Work(syllable)
    work.set(index, "ư")
    work.set(index + 1, "ơ")
    return work.result()


def _single(syllable: Syllable, mark: Mark, key: str) -> str | None:
    for index, letter in enumerate(syllable.nucleus):
        if letter in mark.apply:
            work = _Work(syllable)
            work.set(index, mark.apply[letter])
            result = work.result()
            if result is not None:
                return result
    return None


def _undo(syllable: Syllable, mark: Mark, key: str) -> str | None:
    nucleus = syllable.nucleus
    if not any(letter in mark.undo for letter in nucleus):
        return None
    if mark.standalone and nucleus == mark.standalone and not syllable.initial:
        # A lone "ư" most likely came from a lone w: give both w back ("ww" → "ww", "www").
        return None if syllable.coda else like("w", syllable.text) + key
    work = _Work(syllable)
    for index, letter in enumerate(nucleus):
        if letter in mark.undo:
            work.set(index, mark.undo[letter])
    plain = syllable.with_text("".join(work.chars))
    text = render(plain) if plain is not None else "".join(work.chars)
    return text + key


def _standalone(syllable: Syllable, mark: Mark, key: str) -> str | None:
    if not mark.standalone or syllable.coda:
        return None
    letter = mark.standalone.upper() if key.isupper() else mark.standalone
    grown = syllable.with_text(syllable.text + letter)
    return None if grown is None else render(grown)


def apply_stroke(syllable: Syllable, key: str) -> str | None:
    """d → đ at the start of the word ("dd" → "đ", "dongd" → "đong"); "đd" → "dd"."""
    first = syllable.text[:1]
    if syllable.initial == "d":
        return render(replace(syllable, text=like("đ", first) + syllable.text[1:]))
    if syllable.initial == "đ":
        return render(replace(syllable, text=like("d", first) + syllable.text[1:])) + key
    return None
