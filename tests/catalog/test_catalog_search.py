"""Search behaviour on the shipped catalogue and on small made-up catalogues."""

from __future__ import annotations

import threading
import unicodedata
from typing import Any

import pytest

from kiosk.catalog.aliases import AliasTable
from kiosk.catalog.search import CatalogIndex, index_words, strip_fillers

BIRTH = "1.001193"  # Thủ tục đăng ký khai sinh


def codes(index: CatalogIndex, query: str, limit: int = 5, **kw: Any) -> list[str]:
    return [hit.code for hit in index.search(query, limit, **kw)]


def proc(code: str, name: str, level: str = "xa", **extra: Any) -> dict[str, Any]:
    return {"MaTTHC": code, "TenTTHC": name, "TenLinhVuc": "Hộ tịch", "CapThucHien": level, **extra}


# ----------------------------------------------------------------------------- must hold


def test_must_hold_birth_registration(index: CatalogIndex) -> None:
    assert index.search("dang ky khai sinh")[0].code == BIRTH
    assert index.search("khai sinh")[0].code == BIRTH


def test_hit_fields(index: CatalogIndex) -> None:
    hit = index.search("dang ky khai sinh")[0]
    assert (hit.name, hit.field, hit.level, hit.stopped) == (
        "Thủ tục đăng ký khai sinh",
        "Hộ tịch",
        "xa",
        False,
    )
    assert hit.score > 0


# ----------------------------------------------------------------------------- folding


@pytest.mark.parametrize(
    "query",
    ["Đăng ký khai sinh", "đăng ký khai sinh", "ĐĂNG KÝ KHAI SINH", "DANG KY KHAI SINH"],
)
def test_diacritics_and_case_do_not_matter(index: CatalogIndex, query: str) -> None:
    assert codes(index, query) == codes(index, "dang ky khai sinh")


def test_nfd_input(index: CatalogIndex) -> None:
    nfd = unicodedata.normalize("NFD", "Đăng ký kết hôn")
    assert codes(index, nfd) == codes(index, "Đăng ký kết hôn")
    assert codes(index, nfd)[0] == "1.000894"


def test_d_with_stroke(index: CatalogIndex) -> None:
    assert codes(index, "đổi bằng lái", 1) == codes(index, "doi bang lai", 1) == ["3.000347"]


# ----------------------------------------------------------------------------- typing


@pytest.mark.parametrize("query", ["khai si", "khai sin", "dang ky khai s", "dang ky khai si"])
def test_last_word_is_a_prefix(index: CatalogIndex, query: str) -> None:
    assert codes(index, query)[0] == BIRTH


def test_a_finished_word_is_not_a_prefix(index: CatalogIndex) -> None:
    # "tu" followed by a space is the whole word "tử", not the start of "tục"
    assert codes(index, "khai tu ")[0] == "1.000656"


def test_word_order_is_free(index: CatalogIndex) -> None:
    assert codes(index, "khai sinh dang ky")[0] == BIRTH
    assert codes(index, "ket hon dang ky")[0] == "1.000894"
    assert codes(index, "can cuoc cap lai")[0] == "1.014064"


# ----------------------------------------------------------------------------- typos


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("tinh trnag hon nhan", "1.004873"),  # transposition in a 5-letter word
        ("dang ky khai sinhh", BIRTH),  # one extra letter
        ("nghai vu quan su", "1.013133"),
        ("thuogn tru", "1.004222"),
    ],
)
def test_one_typo_in_a_longer_word(index: CatalogIndex, query: str, code: str) -> None:
    assert code in codes(index, query, 3)


def test_short_words_are_not_corrected(index: CatalogIndex) -> None:
    # "khia" has four letters: no typo tolerance, so it does not become "khai"
    assert BIRTH not in codes(index, "khia ", 10)


def test_two_typos_are_too_many(index: CatalogIndex) -> None:
    assert "1.004873" in codes(index, "trnag ", 10)  # one typo: "trạng"
    assert codes(index, "tnrga ") == []  # two typos: nothing


# ----------------------------------------------------------------------------- aliases


@pytest.mark.parametrize(
    ("query", "acceptable"),
    [
        ("bang lai xe", {"3.000346", "3.000347", "3.000348"}),
        ("GPLX", {"3.000346", "3.000347", "3.000348"}),
        ("so do", {"1.013978", "1.012753", "1.012783"}),
        ("cccd", {"1.014061", "1.014063", "1.014064"}),
        ("lam giay khai tu", {"1.000656"}),
        ("xac nhan doc than", {"1.004873"}),
        ("nhap ho khau", {"1.004222"}),
        ("cong chung giay to", {"2.000815"}),
        ("rut bhxh mot lan", {"1.001613"}),
        ("giay phep kinh doanh", {"1.001612"}),
    ],
)
def test_everyday_words(index: CatalogIndex, query: str, acceptable: set[str]) -> None:
    assert codes(index, query, 1)[0] in acceptable


def test_aliases_can_be_turned_off(shipped_index_without_aliases: CatalogIndex) -> None:
    assert "1.004873" not in codes(shipped_index_without_aliases, "xac nhan doc than", 5)


@pytest.fixture(scope="module")
def shipped_index_without_aliases(shipped: Any) -> CatalogIndex:
    return CatalogIndex.build(shipped.procedures, AliasTable([]))


def test_alias_prefix_while_typing(index: CatalogIndex) -> None:
    assert codes(index, "bang la", 1)[0] in {"3.000346", "3.000347", "3.000348"}


@pytest.mark.parametrize(
    ("query", "code"),
    [  # a reviewer's finding: none of these had the procedure in the top 5
        ("cccd bi mat", "1.014064"),  # Cấp lại thẻ căn cước ("mat cccd" worked)
        ("bang lai bi mat", "3.000348"),  # Cấp lại giấy phép lái xe
        ("giay chung tu", "1.000656"),  # Thủ tục đăng ký khai tử
        ("lam cccd lan dau", "1.014061"),  # Cấp thẻ căn cước … từ đủ 14 tuổi (not "lần đầu")
        ("giay chung nhan doc than", "1.004873"),  # Giấy xác nhận tình trạng hôn nhân
        ("tach so ho khau", "1.010038"),  # Tách hộ (not the "sổ hộ khẩu" alias alone)
    ],
)
def test_resident_phrasings(index: CatalogIndex, query: str, code: str) -> None:
    assert code in codes(index, query, 5)


def test_alias_reading_keeps_the_other_words(index: CatalogIndex) -> None:
    assert codes(index, "tach so ho khau", 1) == ["1.010038"]  # Tách hộ
    assert codes(index, "cccd bi mat", 1) == ["1.014064"]
    assert codes(index, "bi mat cccd", 1) == ["1.014064"]


def test_a_word_nothing_matches_still_counts() -> None:
    # read as typed, "cccd" matches nothing; the reading "lan dau" alone must not look
    # complete next to the alias reading that explains "cccd"
    index = CatalogIndex.build(
        [proc("1", "Cấp thẻ căn cước"), proc("2", "Đăng ký nghĩa vụ quân sự lần đầu")],
        AliasTable.parse("phrase\tofficial\nCCCD\tthẻ căn cước\n"),
    )
    assert codes(index, "cccd lan dau ")[0] == "1"


def test_filler_words_weigh_little() -> None:
    index = CatalogIndex.build(
        [proc("1", "Cấp lại thẻ cho người dân"), proc("2", "Thiết bị")], AliasTable([])
    )
    assert codes(index, "the bi ")[0] == "1"  # "bị" is chatter, "thẻ" is not


# ----------------------------------------------------------------------------- level, codes


def test_commune_level_first_when_names_are_alike(index: CatalogIndex) -> None:
    assert codes(index, "cap lai the can cuoc", 1) == ["1.014064"]  # xa
    assert codes(index, "cap lai the can cuoc", 1, prefer_level="tinh") == ["2.001194"]
    assert codes(index, "cap lai the can cuoc", 1, prefer_level="bo") == ["1.000757"]


def test_level_preference_on_a_small_catalogue() -> None:
    index = CatalogIndex.build(
        [proc("2.1", "Cấp giấy phép", "tinh"), proc("1.1", "Cấp giấy phép", "xa")],
        AliasTable([]),
    )
    assert codes(index, "giay phep") == ["1.1", "2.1"]
    assert codes(index, "giay phep", prefer_level="tinh") == ["2.1", "1.1"]


def test_full_level_list_counts_for_the_preference() -> None:
    index = CatalogIndex.build(
        [
            proc("1", "Đăng ký thuế", "tinh"),
            proc("2", "Đăng ký thuế", "tinh", CapThucHienDayDu=["xa", "tinh"]),
        ],
        AliasTable([]),
    )
    assert codes(index, "dang ky thue")[0] == "2"


def test_exact_code_comes_first(index: CatalogIndex) -> None:
    assert codes(index, "1.001193") == [BIRTH]
    assert codes(index, " 1.001193 ")[0] == BIRTH
    assert codes(index, "ket hon 1.001193")[:2] == [BIRTH, "1.000894"]


def test_partial_code_lists_codes_that_start_with_it(index: CatalogIndex) -> None:
    found = codes(index, "1.00119", 10)
    assert found and all(code.startswith("1.00119") for code in found)
    assert BIRTH in found


# ----------------------------------------------------------------------------- stopped


def test_stopped_procedures_are_found_flagged_and_last() -> None:
    index = CatalogIndex.build(
        [
            proc("1", "Đăng ký khai sinh", NgungApDung=True),
            proc("2", "Đăng ký khai sinh lưu động có yếu tố nước ngoài", "bo"),
            proc("3", "Cấp bản sao giấy khai sinh", "tinh"),
        ],
        AliasTable([]),
    )
    hits = index.search("dang ky khai sinh")
    assert [h.code for h in hits][-1] == "1"
    assert hits[-1].stopped is True
    assert not any(h.stopped for h in hits[:-1])
    only = index.search("khai sinh", limit=10)
    assert "1" in [h.code for h in only]


def test_stopped_only_match_is_still_returned() -> None:
    index = CatalogIndex.build([proc("9", "Cấp sổ hộ khẩu", NgungApDung=True)], AliasTable([]))
    (hit,) = index.search("so ho khau")
    assert hit.stopped and hit.code == "9"


# ----------------------------------------------------------------------------- robustness


@pytest.mark.parametrize("query", ["", "   ", "!!!", "\u200b"])
def test_empty_queries(index: CatalogIndex, query: str) -> None:
    assert index.search(query) == []


def test_limit(index: CatalogIndex) -> None:
    assert len(index.search("dang ky", limit=3)) == 3
    assert index.search("dang ky", limit=0) == []


def test_bad_procedures_are_skipped() -> None:
    index = CatalogIndex.build(
        [{"MaTTHC": 1}, {"TenTTHC": "x"}, {}, proc("1", "Đăng ký tạm trú")], AliasTable([])
    )
    assert len(index) == 1
    assert codes(index, "tam tru") == ["1"]


def test_bundled_aliases_are_used_by_default() -> None:
    index = CatalogIndex.build([proc("1", "Cấp giấy phép lái xe", "bo")])
    assert codes(index, "gplx") == ["1"]


def test_repeated_searches_are_identical(index: CatalogIndex) -> None:
    queries = ["dang ky khai sinh", "bang lai xe", "so do", "khai si", "thuogn tru"]
    first = [index.search(q) for q in queries]
    assert [index.search(q) for q in reversed(queries)] == list(reversed(first))


def test_concurrent_searches(index: CatalogIndex) -> None:
    expected = codes(index, "dang ky tam tru")
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(30):
                assert codes(index, "dang ky tam tru") == expected
        except BaseException as exc:  # collected for the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# ----------------------------------------------------------------------------- helpers


def test_index_words_drop_boilerplate() -> None:
    assert index_words("Thủ tục đăng ký khai sinh") == ("dang", "ky", "khai", "sinh")
    assert index_words("Cấp lại thẻ căn cước (thực hiện tại cấp tỉnh)") == (
        "cap",
        "lai",
        "the",
        "can",
        "cuoc",
    )


def test_strip_fillers() -> None:
    assert strip_fillers(["toi", "muon", "lam", "giay", "khai", "sinh", "cho", "con"]) == [
        "giay",
        "khai",
        "sinh",
    ]
    assert strip_fillers(["khai", "tu", "cho", "ba", "noi"]) == ["khai", "tu"]
    assert strip_fillers(["lam"]) == ["lam"]
    assert strip_fillers(["nhan", "cha", "me", "con"]) == ["nhan", "cha", "me", "con"]
