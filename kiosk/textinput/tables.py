"""The spelling tables the composer checks against: initials, vowel nuclei, codas, tones.

Everything here is lower-case and toneless NFC; the composer keeps each letter's case apart.
"""

from __future__ import annotations

import itertools
from enum import IntEnum


class Tone(IntEnum):
    """The six Vietnamese tones; NONE is ngang (no mark)."""

    NONE = 0
    SAC = 1  # sắc  á
    HUYEN = 2  # huyền à
    HOI = 3  # hỏi  ả
    NGA = 4  # ngã  ã
    NANG = 5  # nặng ạ


#: Combining mark of each tone (NFD).
TONE_MARKS: dict[Tone, str] = {
    Tone.SAC: "\u0301",
    Tone.HUYEN: "\u0300",
    Tone.HOI: "\u0309",
    Tone.NGA: "\u0303",
    Tone.NANG: "\u0323",
}
MARK_TONES: dict[str, Tone] = {mark: tone for tone, mark in TONE_MARKS.items()}

VOWELS = frozenset("aăâeêioôơuưy")
#: Letters a Vietnamese word may hold (f, j, w, z are not among them).
LETTERS = VOWELS | frozenset("bcdđghklmnpqrstvx")

#: Each marked vowel's plain letter ("base").
BASE: dict[str, str] = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d"}

# Longest first: the parser takes the first that leaves a valid rest.
INITIALS: tuple[str, ...] = (
    *("ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu"),
    *"bcdđghklmnpqrstvx",
    "",
)
CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
#: After these codas only sắc and nặng are possible ("các", "học", never "càc").
STOP_CODAS = frozenset({"c", "ch", "p", "t"})

#: Nuclei that may be followed by a consonant coda.
_CLOSABLE = "a ă â e ê i o ô ơ u ư iê yê oa oă oe oo uâ uê uô ươ uy uyê"
CLOSABLE = frozenset(_CLOSABLE.split(" "))
#: Nuclei that end the syllable themselves (their last letter is a glide, or "ia"/"ưa"/"ua").
_OPEN_ONLY = (
    "y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uơ "
    "oai oay oeo uây uôi ươi ươu uya uyu iêu yêu"
)
OPEN_ONLY = frozenset(_OPEN_ONLY.split(" "))


def _partials(nucleus: str) -> set[str]:
    """The nucleus with any subset of its marks not typed yet: "ươ" → ươ, uơ, ưo, uo."""
    choices = [(ch, BASE[ch]) if ch in BASE else (ch,) for ch in nucleus]
    return {"".join(combo) for combo in itertools.product(*choices)}


def _accepting(nuclei: frozenset[str]) -> frozenset[str]:
    return frozenset(p for n in nuclei for p in _partials(n))


#: Nuclei (possibly with marks still to come) that may stand before a coda / at the end.
ACCEPT_CLOSED = _accepting(CLOSABLE)
ACCEPT_OPEN = _accepting(CLOSABLE | OPEN_ONLY)
