"""Amounts in Vietnamese words and digits, as printed on receipts."""

from __future__ import annotations

import pytest

from kiosk.printing.money import amount_in_words, format_vnd
from kiosk.printing.numwords import number_words

CASES = [
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (55, "năm mươi lăm"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1_005, "một nghìn không trăm linh năm"),
    (2_024, "hai nghìn không trăm hai mươi tư"),
    (8_000, "tám nghìn"),
    (10_000, "mười nghìn"),
    (70_000, "bảy mươi nghìn"),
    (150_000, "một trăm năm mươi nghìn"),
    (1_000_050, "một triệu không trăm năm mươi"),
    (1_000_500, "một triệu năm trăm"),
    (1_050_000, "một triệu không trăm năm mươi nghìn"),
    (1_500_000, "một triệu năm trăm nghìn"),
    (21_000_000, "hai mươi mốt triệu"),
    (100_000_000, "một trăm triệu"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_005, "một tỷ không trăm linh năm"),
    (
        1_234_567_891,
        "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt",
    ),
    (1_000_000_000_000, "một nghìn tỷ"),
]


@pytest.mark.parametrize(("number", "words"), CASES)
def test_number_words(number: int, words: str) -> None:
    assert number_words(number) == words


def test_southern_le_instead_of_linh() -> None:
    assert number_words(105, zero_tens="lẻ") == "một trăm lẻ năm"


def test_negative_refused() -> None:
    with pytest.raises(ValueError):
        number_words(-1)


def test_money_in_digits_and_words() -> None:
    assert format_vnd(1_500_000) == "1.500.000 ₫"
    assert format_vnd(0) == "0 ₫"
    assert format_vnd(999) == "999 ₫"
    assert amount_in_words(1_500_000) == "Một triệu năm trăm nghìn đồng"
    assert amount_in_words(25_000) == "Hai mươi lăm nghìn đồng"
    assert amount_in_words(0) == "Không đồng"
