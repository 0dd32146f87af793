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


def bad_characters(text: str) -> list[str]:
    """Characters a stored text must never hold: controls (Cc, except none), format
    characters (Cf: bidi overrides, zero-width), surrogates, private use, unassigned."""
    found: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in {"Cc", "Cf", "Cs", "Co", "Cn"} and ch not in found:
            found.append(ch)
    return found


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
