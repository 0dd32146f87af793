"""Amounts on screen in the language shown: "1.500.000" in Vietnamese, "1,500,000" in English
(where a dot reads as a decimal point: "200.000 dong" looked like two hundred). The words
("Một triệu năm trăm nghìn đồng") are the Vietnamese habit of writing an amount out; in
English they are left out rather than shown in Vietnamese. Receipts and exports keep the
Vietnamese form (:mod:`kiosk.printing.money`)."""

from __future__ import annotations

from kiosk.printing.money import CURRENCY, amount_in_words, format_number
from kiosk.ui import i18n


def grouped(amount: int) -> str:
    """``1500000`` → ``1.500.000`` (vi) or ``1,500,000`` (en)."""
    return f"{amount:,}" if i18n.current() == "en" else format_number(amount)


def with_sign(amount: int) -> str:
    """``1500000`` → ``1.500.000 ₫`` / ``1,500,000 ₫``."""
    return f"{grouped(amount)} {CURRENCY}"


def in_words(amount: int) -> str:
    """The amount written out, in Vietnamese; "" in English."""
    return "" if i18n.current() == "en" else amount_in_words(amount)
