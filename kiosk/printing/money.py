"""Money on receipts: VND has no minor unit, amounts are whole numbers of đồng.

``format_vnd(1500000)`` → ``1.500.000 ₫`` (dots between thousands, as QLocale vi_VN);
``amount_in_words(1500000)`` → ``Một triệu năm trăm nghìn đồng``.
"""

from __future__ import annotations

import re

from kiosk.printing.numwords import number_words

CURRENCY = "₫"
NO_BREAK_SPACE = "\u00a0"
_BEFORE_SIGN = re.compile(rf"(?<=\d) (?={CURRENCY})")


def format_number(amount: int) -> str:
    """``1500000`` → ``1.500.000``."""
    return f"{amount:,}".replace(",", ".")


def format_vnd(amount: int) -> str:
    """``1500000`` → ``1.500.000 ₫`` (a plain space before the sign)."""
    return f"{format_number(amount)} {CURRENCY}"


def amount_in_words(amount: int) -> str:
    """``1500000`` → ``Một triệu năm trăm nghìn đồng`` (capitalised, ends with "đồng")."""
    words = number_words(amount)
    return f"{words[0].upper()}{words[1:]} đồng"


def unbreakable_amounts(text: str) -> str:
    """``Quét mã …: 1.500.000 ₫`` with a no-break space before ₫, so that a renderer wraps the
    amount as one word (reportlab and Pillow keep it; PDF text still extracts a plain space)."""
    return _BEFORE_SIGN.sub(NO_BREAK_SPACE, text)
