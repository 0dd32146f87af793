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


# ----------------------------------------------------------------------------- matching


@pytest.fixture(scope="module")
def small() -> AliasTable:
    return AliasTable.parse(
        "phrase\tofficial\tcomment\n"
        "mất sổ\tcấp lại sổ\tx\n"
        "chứng tử\tkhai tử\tx\n"
        "GPLX\tgiấy phép lái xe\tx\n"
        "bị mất\tcấp lại\tx\n"
        "tạm trú\tđăng ký tạm trú\tx\n"
    )


def test_phrase_words_match_in_any_order(small: AliasTable) -> None:
    assert small.rewrites(["so", "mat"], False) == [Rewrite(("cap", "lai", "so"), False)]


def test_filler_words_between_belong_to_the_phrase(small: AliasTable) -> None:
    assert Rewrite(("cap", "lai", "so"), False) in small.rewrites(["so", "bi", "mat"], False)


def test_one_other_word_between_stays_two_are_too_many(small: AliasTable) -> None:
    assert small.rewrites(["mat", "cu", "so"], False) == [
        Rewrite(("cap", "lai", "so", "cu"), False)
    ]
    assert small.rewrites(["mat", "cu", "xa", "so"], False) == []


def test_a_typo_of_an_alias_word(small: AliasTable) -> None:
    assert small.rewrites(["giay", "chugn", "tu"], False) == [
        Rewrite(("giay", "khai", "tu"), False)
    ]
    # a word the catalogue knows is not read as a typo
    assert small.rewrites(["giay", "chugn", "tu"], False, {"chugn"}) == []


def test_official_words_that_fold_alike_are_both_kept(small: AliasTable) -> None:
    # "lái" (giấy phép lái xe) and "lại" (cấp lại) are different words
    readings = small.rewrites(["gplx", "bi", "mat"], False)
    assert Rewrite(("giay", "phep", "lai", "xe", "cap", "lai"), False) in readings


def test_a_word_already_typed_is_not_repeated(small: AliasTable) -> None:
    assert small.rewrites(["tam", "tru", "dang", "ky"], False) == [
        Rewrite(("dang", "ky", "tam", "tru"), False)
    ]


def test_resident_word_orders(table: AliasTable) -> None:
    assert Rewrite(("cap", "lai", "the", "can", "cuoc"), False) in table.rewrites(
        ["cccd", "bi", "mat"], False
    )
    assert table.rewrites(["bang", "lai", "bi", "mat"], False) == [
        Rewrite(("cap", "lai", "giay", "phep", "lai", "xe"), False)
    ]
    # "tách … hộ khẩu" with "sổ" between: the words around the phrase stay in the reading
    assert Rewrite(("tach", "ho", "so"), False) in table.rewrites(
        ["tach", "so", "ho", "khau"], False
    )
