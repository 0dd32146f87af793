"""Vietnamese text primitives: NFC normalisation, search folding, refusing bad characters.

``fold`` is the one normaliser used by search (catalogue, units, names): NFD, drop combining
marks, map đ/Đ → d by hand (they do not decompose), lower-case in Python, collapse spaces.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold for comparison: 'Đăng ký Khai sinh' → 'dang ky khai sinh'."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


def fold_words(text: str) -> list[str]:
    """Folded alphanumeric words: punctuation splits words ('1.001193' → ['1', '001193'])."""
    return [w for w in _NON_WORD.split(fold(text)) if w]


# Default_Ignorable_Code_Point (Unicode 15.1 DerivedCoreProperties.txt; the list has not
# changed since 14.0, and ``unicodedata`` does not expose the property): characters that
# render as nothing. Some are letters (Hangul fillers, Lo) or marks (variation selectors,
# the combining grapheme joiner, Mn), so the general category alone does not catch them.
DEFAULT_IGNORABLE = re.compile(
    r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def bad_characters(text: str) -> list[str]:
    """Characters a stored text must never hold: controls (Cc), format characters (Cf: bidi
    overrides, zero-width), surrogates, private use, unassigned, and every default-ignorable
    code point (invisible fillers, variation selectors, the combining grapheme joiner ...)."""
    found: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        bad = cat in {"Cc", "Cf", "Cs", "Co", "Cn"} or DEFAULT_IGNORABLE.match(ch) is not None
        if bad and ch not in found:
            found.append(ch)
    return found


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
