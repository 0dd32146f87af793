"""Whole numbers in Vietnamese words, as on receipts: 1 500 000 → "một triệu năm trăm nghìn".

Rules (the way amounts are written on Vietnamese invoices and receipts):

* Groups of three digits, named ``nghìn``, ``triệu``, ``tỷ``; above that the word ``tỷ``
  repeats (10¹² = "một nghìn tỷ"). A group of zeros is skipped.
* Inside a group that follows a non-zero higher group, a zero hundreds digit is said:
  1 050 000 → "một triệu không trăm năm mươi nghìn".
* A zero tens digit before a non-zero unit is ``linh``: 105 → "một trăm linh năm"
  (``lẻ`` in the South; choose with ``zero_tens="lẻ"``).
* Tens: 10 → "mười", 20 → "hai mươi". Unit 1 after ``mươi`` → "mốt" (21 "hai mươi mốt"),
  but "mười một", "linh một". Unit 5 after ``mười``/``mươi`` → "lăm" (15 "mười lăm",
  25 "hai mươi lăm"), but "linh năm". Unit 4 after ``mươi`` → "tư" (24 "hai mươi tư"),
  but "mười bốn", "linh bốn".

``num2words`` (PyPI) was checked and not used: for ``vi`` it writes 2024 as "hai nghìn lẻ hai
mươi bốn" and 1 050 000 as "một triệu năm mươi nghìn".
"""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu")
BILLION = 1_000_000_000


def number_words(n: int, *, zero_tens: str = "linh") -> str:
    """``n`` (≥ 0) in lower-case Vietnamese words."""
    if n < 0:
        raise ValueError("negative numbers have no receipt words")
    if n == 0:
        return DIGITS[0]
    return " ".join(_words(n, zero_tens, leading=True))


def _words(n: int, zero_tens: str, *, leading: bool) -> list[str]:
    """Words of ``n`` > 0; ``leading`` is false when a higher non-zero part precedes it."""
    if n >= BILLION:
        high, low = divmod(n, BILLION)
        head = [*_words(high, zero_tens, leading=leading), "tỷ"]
        return head + (_words(low, zero_tens, leading=False) if low else [])
    groups = _groups(n)  # most significant first: (value, scale index)
    out: list[str] = []
    for value, scale in groups:
        if value == 0:
            continue
        out += _group(value, zero_tens, full=bool(out) or not leading)
        if SCALES[scale]:
            out.append(SCALES[scale])
    return out


def _groups(n: int) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    scale = 0
    while n:
        n, value = divmod(n, 1000)
        parts.append((value, scale))
        scale += 1
    return parts[::-1]


def _group(value: int, zero_tens: str, *, full: bool) -> list[str]:
    """Words of one group 1..999; ``full`` says the hundreds even when zero."""
    hundreds, rest = divmod(value, 100)
    tens, unit = divmod(rest, 10)
    out: list[str] = []
    if hundreds or full:
        out += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if unit:
            out += [zero_tens, DIGITS[unit]] if out else [DIGITS[unit]]
        return out
    out += ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if unit:
        out.append(_unit_after_tens(tens, unit))
    return out


def _unit_after_tens(tens: int, unit: int) -> str:
    if unit == 5:
        return "lăm"
    if unit == 1 and tens > 1:
        return "mốt"
    if unit == 4 and tens > 1:
        return "tư"
    return DIGITS[unit]
