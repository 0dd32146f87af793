"""The maintained alias table: its format, its coverage of residents' words, its rewrites."""

from __future__ import annotations

import pytest

from kiosk.catalog.aliases import AliasFileError, AliasTable, Rewrite
from kiosk.catalog.model import Catalog
from kiosk.domain.text import fold_words

REQUIRED_PHRASES = [
    "bằng lái",
    "GPLX",
    "sổ hồng",
    "sổ đỏ",
    "hộ chiếu",
    "CCCD",
    "căn cước",
    "giấy khai sinh",
    "làm giấy khai tử",
    "đăng ký kết hôn",
    "xác nhận độc thân",
    "tạm trú",
    "thường trú",
    "hộ khẩu",
    "công chứng",
    "chứng thực bản sao",
    "BHYT",
    "BHXH",
    "hộ kinh doanh",
    "giấy phép xây dựng",
    "trích lục",
]


@pytest.fixture(scope="module")
def table() -> AliasTable:
    return AliasTable.load()


def test_table_size_and_comments(table: AliasTable) -> None:
    assert len(table) >= 40
    assert all(alias.comment for alias in table.entries)


@pytest.mark.parametrize("phrase", REQUIRED_PHRASES)
def test_required_phrases_are_covered(table: AliasTable, phrase: str) -> None:
    folded = tuple(fold_words(phrase))
    in_table = any(alias.phrase == folded for alias in table.entries)
    # "giấy phép xây dựng" and "hộ kinh doanh" are already the official words
    in_longer_row = any(
        folded == alias.phrase[i : i + len(folded)]
        for alias in table.entries
        for i in range(len(alias.phrase))
    )
    assert in_table or in_longer_row or phrase in {"giấy phép xây dựng", "hộ kinh doanh"}


def test_official_words_exist_in_the_catalogue(table: AliasTable, shipped: Catalog) -> None:
    names = [set(fold_words(p["TenTTHC"])) for p in shipped.procedures]
    for alias in table.entries:
        assert any(set(alias.official) <= name for name in names), alias


def test_parse_format() -> None:
    table = AliasTable.parse(
        "# comment\nphrase\tofficial\tcomment\n\nSổ Đỏ\tgiấy chứng nhận\tred book\nx\ty\n"
    )
    assert [(a.phrase, a.official, a.comment) for a in table.entries] == [
        (("so", "do"), ("giay", "chung", "nhan"), "red book"),
        (("x",), ("y",), ""),
    ]


@pytest.mark.parametrize("text", ["only-one-column\n", "a\tb\tc\td\n", "\t\tcomment\n", "!!\tb\n"])
def test_parse_errors(text: str) -> None:
    with pytest.raises(AliasFileError):
        AliasTable.parse(text)


def test_rewrites(table: AliasTable) -> None:
    assert table.rewrites(["so", "do"], False) == [
        Rewrite(("giay", "chung", "nhan", "quyen", "su", "dung", "dat"), False)
    ]
    assert table.rewrites(["xyz"], True) == []


def test_longer_phrase_wins(table: AliasTable) -> None:
    readings = table.rewrites(["lam", "ho", "chieu"], False)
    assert Rewrite(("cap", "ho", "chieu", "pho", "thong"), False) in readings
    assert Rewrite(("lam", "ho", "chieu", "pho", "thong"), False) not in readings


def test_prefix_of_the_last_word_while_typing(table: AliasTable) -> None:
    readings = table.rewrites(["bang", "la"], True)
    assert Rewrite(("giay", "phep", "lai", "xe"), False) in readings
    assert table.rewrites(["bang", "la"], False) == []


def test_rewrites_chain_once(table: AliasTable) -> None:
    readings = table.rewrites(["mat", "so", "bao", "hiem", "xa", "hoi"], False)
    assert Rewrite(("cap", "lai", "so", "bhxh"), False) in readings


def test_words_kept_around_a_rewrite(table: AliasTable) -> None:
    readings = table.rewrites(["gia", "han", "tam", "tru"], True)
    assert Rewrite(("gia", "han", "dang", "ky", "tam", "tru"), False) in readings
