"""Invisible characters are refused in every text; names of every script still pass.

A default-ignorable code point renders as nothing, so a name made of them looks empty on the
screen and on the receipt, and two names that look the same can differ. Some of them are
letters (Hangul fillers, Lo) or marks (variation selectors, Mn), which the general category
alone does not catch.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kiosk.domain.fields import Problems, check_name, check_text
from kiosk.domain.text import DEFAULT_IGNORABLE, bad_characters

# Default_Ignorable_Code_Point, as DerivedCoreProperties.txt (Unicode 15.1) lists it.
IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),  # Cf SOFT HYPHEN
    (0x034F, 0x034F),  # Mn COMBINING GRAPHEME JOINER
    (0x061C, 0x061C),  # Cf ARABIC LETTER MARK
    (0x115F, 0x1160),  # Lo HANGUL CHOSEONG FILLER..HANGUL JUNGSEONG FILLER
    (0x17B4, 0x17B5),  # Mn KHMER VOWEL INHERENT AQ..KHMER VOWEL INHERENT AA
    (0x180B, 0x180D),  # Mn MONGOLIAN FREE VARIATION SELECTOR ONE..THREE
    (0x180E, 0x180E),  # Cf MONGOLIAN VOWEL SEPARATOR
    (0x180F, 0x180F),  # Mn MONGOLIAN FREE VARIATION SELECTOR FOUR
    (0x200B, 0x200F),  # Cf ZERO WIDTH SPACE..RIGHT-TO-LEFT MARK
    (0x202A, 0x202E),  # Cf LEFT-TO-RIGHT EMBEDDING..RIGHT-TO-LEFT OVERRIDE
    (0x2060, 0x2064),  # Cf WORD JOINER..INVISIBLE PLUS
    (0x2065, 0x2065),  # Cn <reserved-2065>
    (0x2066, 0x206F),  # Cf LEFT-TO-RIGHT ISOLATE..NOMINAL DIGIT SHAPES
    (0x3164, 0x3164),  # Lo HANGUL FILLER
    (0xFE00, 0xFE0F),  # Mn VARIATION SELECTOR-1..VARIATION SELECTOR-16
    (0xFEFF, 0xFEFF),  # Cf ZERO WIDTH NO-BREAK SPACE
    (0xFFA0, 0xFFA0),  # Lo HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),  # Cn <reserved-FFF0>..<reserved-FFF8>
    (0x1BCA0, 0x1BCA3),  # Cf SHORTHAND FORMAT LETTER OVERLAP..SHORTHAND FORMAT UP STEP
    (0x1D173, 0x1D17A),  # Cf MUSICAL SYMBOL BEGIN BEAM..MUSICAL SYMBOL END PHRASE
    (0xE0000, 0xE0000),  # Cn <reserved-E0000>
    (0xE0001, 0xE0001),  # Cf LANGUAGE TAG
    (0xE0002, 0xE001F),  # Cn <reserved>
    (0xE0020, 0xE007F),  # Cf TAG SPACE..CANCEL TAG
    (0xE0080, 0xE00FF),  # Cn <reserved>
    (0xE0100, 0xE01EF),  # Mn VARIATION SELECTOR-17..VARIATION SELECTOR-256
    (0xE01F0, 0xE0FFF),  # Cn <reserved>
)
IGNORABLE = frozenset(cp for low, high in IGNORABLE_RANGES for cp in range(low, high + 1))
# The ones the general category did not catch: letters and marks that render as nothing.
LETTERS_AND_MARKS = sorted(chr(cp) for cp in IGNORABLE if unicodedata.category(chr(cp))[0] in "LM")

ignorables = st.sampled_from(sorted(IGNORABLE)).map(chr)
vietnamese_words = st.sampled_from(["Nguyễn", "Thị", "Hoa", "Đặng", "Ngọc", "Diệp", "Văn"])


def _codes(problems: Problems) -> list[str]:
    return [e.code for e in problems.errors]


def test_the_ignorable_set_is_exactly_the_unicode_property() -> None:
    found = {cp for cp in range(0x110000) if DEFAULT_IGNORABLE.match(chr(cp))}
    assert found == IGNORABLE


def test_letters_and_marks_among_them_are_bad_characters() -> None:
    assert {"\u3164", "\uffa0", "\u115f", "\u1160", "\u034f", "\ufe0f"} <= set(LETTERS_AND_MARKS)
    assert {"\u180b", "\u17b4", "\U000e0100"} <= set(LETTERS_AND_MARKS)
    for ch in LETTERS_AND_MARKS:
        assert bad_characters(f"Lê{ch}An") == [ch], hex(ord(ch))


@given(st.lists(vietnamese_words, min_size=1, max_size=3), ignorables, st.booleans())
def test_any_ignorable_is_refused_in_names_and_texts(
    words: list[str], ignorable: str, multiline: bool
) -> None:
    typed = " ".join(words[:1] + [ignorable + w for w in words[1:]] + [ignorable])
    problems = Problems()
    assert check_text(problems, "p", typed, multiline=multiline) is None
    assert check_name(problems, "q", typed) is None
    assert _codes(problems) == ["bad_characters", "bad_characters"]


@pytest.mark.parametrize("typed", ["\u3164\u3164", "\uffa0\uffa0\uffa0", "\u115f\u1160"])
def test_a_name_of_fillers_only_is_refused(typed: str) -> None:
    problems = Problems()
    assert check_name(problems, "p", typed) is None
    assert _codes(problems) == ["bad_characters"]


def test_grapheme_joiner_and_variation_selector_in_a_name() -> None:
    problems = Problems()
    assert check_name(problems, "p", "Tr\u034fần V\ufe0făn") is None
    assert _codes(problems) == ["bad_characters"]


# --- combining marks stacked on one letter ------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "á" + "\u0301" * 5,  # the reviewer's case
        "Nguyễn Hoa\u0301\u0300\u0303\u0309",  # a + acute composes; three marks stay
        "Lê A\u0332\u0333\u0334",  # marks that never compose
    ],
)
def test_more_than_two_marks_on_a_letter_are_refused(typed: str) -> None:
    problems = Problems()
    assert check_name(problems, "p", typed) is None
    assert _codes(problems) == ["invalid_characters"]


@given(
    st.sampled_from("aeiouyAEIOUY"),
    st.lists(st.integers(0x0300, 0x036F).filter(lambda cp: cp != 0x034F), min_size=3, max_size=8),
)
def test_any_stack_of_three_marks_after_nfc_is_refused(base: str, marks: list[int]) -> None:
    typed = "Lê " + base + "".join(map(chr, marks))
    stacked = unicodedata.normalize("NFC", typed)
    tail = len(stacked) - len(stacked.rstrip("".join(map(chr, range(0x0300, 0x0370)))))
    assume(tail > 2)
    problems = Problems()
    assert check_name(problems, "p", typed) is None
    assert _codes(problems) == ["invalid_characters"]


# --- real names still pass ----------------------------------------------------------------

REAL_NAMES = [
    "Nguyễn Văn An",
    "Đặng Thị Ngọc Diệp",
    "Huỳnh Quốc Việt",
    "H'Hen Niê",
    "Y Bih Niê",
    "Ksor H'Bơi",
    "Y Ŏng Niê Kdăm",  # Ê-đê: o with breve
    "H'Ăng Êban",
    "Rơ Mah H'Bi",
    "Y Ngơ\u0306 Mlô",  # ơ with breve: one mark after NFC
    "Mlô Ư\u0306 Hđơk",
    "K'Dang",
    "Thạch Sok Dara",
    "សុខ ដារ៉ា",  # Khmer: vowel sign and register shifter, two marks in a row
    "ស្រីនាង",  # Khmer with a coeng subscript
    "陳美玲",
    "李小龍",
    "김민준",
    "กิ่งแก้ว ใจดี",  # Thai: vowel and tone mark on one consonant
    "प्रिया शर्मा",
    "Lê B’Lao",
]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_names_of_every_script_are_accepted(name: str) -> None:
    problems = Problems()
    assert check_name(problems, "p", name) == unicodedata.normalize("NFC", name)
    assert not problems.errors


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_names_typed_decomposed_are_accepted(name: str) -> None:
    problems = Problems()
    typed = unicodedata.normalize("NFD", name)
    assert check_name(problems, "p", typed) == unicodedata.normalize("NFC", name)
    assert not problems.errors


def test_vietnamese_nfd_carries_two_marks_and_nfc_none() -> None:
    problems = Problems()
    typed = unicodedata.normalize("NFD", "Nguyễn Thị Phượng")  # ễ = e + circumflex + tilde
    assert "e\u0302\u0303" in typed
    assert check_name(problems, "p", typed) == "Nguyễn Thị Phượng"
    assert not problems.errors


def test_ordinary_spacing_is_not_invisible() -> None:
    problems = Problems()
    assert check_text(problems, "p", "12\u00a0Trần\u2009Phú") == "12 Trần Phú"
    assert check_text(problems, "p", "Dòng một\nDòng hai", multiline=True) == "Dòng một\nDòng hai"
    assert not problems.errors
