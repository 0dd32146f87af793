"""Hypothesis properties of the search fold and of the field validators."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.fields import Problems, check_amount, check_name, check_text
from kiosk.domain.identity import PROVINCE_CODES, check_personal_id
from kiosk.domain.payloads import validate_payload
from kiosk.domain.phones import check_phone, normalize_phone
from kiosk.domain.text import fold
from tests.domain.invalid_cases import MAX_AMOUNT_VND, NOW, case_context, valid_base

VIETNAMESE_LOWER = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
VIETNAMESE = VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper()
TODAY = NOW.date()
CTX = case_context()

vietnamese_text = st.text(alphabet=VIETNAMESE + " ", max_size=40)
vietnamese_word = st.text(alphabet=VIETNAMESE, min_size=1, max_size=12)
vietnamese_name = (
    st.lists(vietnamese_word, min_size=2, max_size=5).map(" ".join).filter(lambda n: len(n) <= 100)
)


def _codes(problems: Problems) -> list[str]:
    return [e.code for e in problems.errors]


# --- fold -------------------------------------------------------------------------------


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_fold_of_vietnamese_is_ascii(text: str) -> None:
    assert fold(text).isascii()


@given(vietnamese_text)
def test_fold_ignores_case(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@given(vietnamese_text)
def test_fold_is_the_same_for_nfc_and_nfd(text: str) -> None:
    nfc_text = unicodedata.normalize("NFC", text)
    nfd_text = unicodedata.normalize("NFD", text)
    assert fold(nfc_text) == fold(nfd_text)


def test_fold_examples() -> None:
    assert fold("Hoà") == fold("Hòa") == "hoa"
    assert unicodedata.normalize("NFC", "Hoà") != unicodedata.normalize("NFC", "Hòa")
    assert fold("Đặng Đức") == "dang duc"
    assert fold("  Phường   Tây  Nha Trang ") == "phuong tay nha trang"


# --- personal IDs -----------------------------------------------------------------------


@st.composite
def personal_ids(draw: st.DrawFn) -> tuple[str, date]:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    female = draw(st.booleans())
    century = 2 * ((birth.year - 1900) // 100) + int(female)
    serial = draw(st.integers(0, 999_999))
    return f"{province}{century}{birth.year % 100:02d}{serial:06d}", birth


@given(personal_ids())
def test_any_well_formed_personal_id_is_accepted_and_stable(generated: tuple[str, date]) -> None:
    number, birth = generated
    problems = Problems()
    first = check_personal_id(problems, "p", number, today=TODAY, birth_date=birth)
    assert first == number and not problems.errors
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    assert check_personal_id(problems, "p", spaced, today=TODAY, birth_date=birth) == number
    assert check_personal_id(problems, "p", first, today=TODAY) == first
    assert not problems.errors


@given(st.text(alphabet="0123456789", min_size=1, max_size=20).filter(lambda s: len(s) != 12))
def test_personal_id_of_wrong_length_is_refused(number: str) -> None:
    problems = Problems()
    assert check_personal_id(problems, "p", number, today=TODAY) is None
    assert _codes(problems) in (["invalid_format"], ["cmnd_not_accepted"])


# --- phones -----------------------------------------------------------------------------

MOBILE_PREFIXES = (
    "090",
    "093",
    "070",
    "079",
    "091",
    "094",
    "088",
    "083",
    "086",
    "096",
    "097",
    "098",
    "032",
    "035",
    "039",
    "056",
    "058",
)


@given(st.sampled_from(MOBILE_PREFIXES), st.integers(0, 9_999_999), st.sampled_from(["", " ", "."]))
def test_any_mobile_is_normalised_to_e164_idempotently(
    prefix: str, rest: int, separator: str
) -> None:
    digits = f"{prefix}{rest:07d}"
    typed = separator.join([digits[:4], digits[4:7], digits[7:]])
    phone = normalize_phone(typed)
    assert phone == "+84" + digits[1:]
    assert normalize_phone(phone) == phone
    assert normalize_phone("+84 " + digits[1:]) == phone


@given(st.integers(0, 99_999_999))
def test_old_eleven_digit_01xx_numbers_are_refused(rest: int) -> None:
    problems = Problems()
    assert check_phone(problems, "p", f"012{rest:08d}") is None
    assert _codes(problems) == ["invalid_phone"]


# --- money ------------------------------------------------------------------------------


@given(st.integers(1, MAX_AMOUNT_VND))
def test_amounts_in_range_are_accepted(amount: int) -> None:
    problems = Problems()
    assert check_amount(problems, "p", amount, maximum=MAX_AMOUNT_VND) == amount
    assert not problems.errors


@given(st.one_of(st.integers(max_value=0), st.integers(min_value=MAX_AMOUNT_VND + 1)))
def test_amounts_out_of_range_are_refused(amount: int) -> None:
    problems = Problems()
    assert check_amount(problems, "p", amount, maximum=MAX_AMOUNT_VND) is None
    assert _codes(problems) in (["not_positive"], ["too_large"])


@given(st.one_of(st.floats(allow_nan=True), st.booleans(), st.text(max_size=12)))
def test_non_integer_amounts_are_refused(amount: object) -> None:
    problems = Problems()
    assert check_amount(problems, "p", amount, maximum=MAX_AMOUNT_VND) is None
    assert _codes(problems) in (["not_integer"], ["required"])


@given(st.integers(1, MAX_AMOUNT_VND))
def test_payment_amount_survives_validation_unchanged(amount: int) -> None:
    payload = valid_base("payment") | {"SoTien": amount}
    out = validate_payload("payment", payload, CTX)
    assert out["SoTien"] == amount
    assert validate_payload("payment", out, CTX) == out


# --- names and text ---------------------------------------------------------------------


@given(vietnamese_name)
def test_vietnamese_names_are_accepted_and_normalised_idempotently(name: str) -> None:
    problems = Problems()
    decomposed = "  " + unicodedata.normalize("NFD", name).replace(" ", "   ") + " "
    first = check_name(problems, "p", decomposed)
    assert first is not None and not problems.errors
    assert unicodedata.is_normalized("NFC", first)
    assert check_name(problems, "p", first) == first


control_characters = st.characters(categories=["Cc"])


@given(
    st.text(alphabet=VIETNAMESE, max_size=20),
    control_characters,
    st.text(alphabet=VIETNAMESE, max_size=20),
)
def test_any_control_character_is_refused_in_a_single_line_field(
    before: str, control: str, after: str
) -> None:
    for field_check in (check_name, lambda p, path, v: check_text(p, path, v, max_len=200)):
        problems = Problems()
        assert field_check(problems, "p", f"Lê {before}{control}{after} An") is None
        assert _codes(problems) == ["bad_characters"]


@given(st.text(alphabet=VIETNAMESE, max_size=20), control_characters.filter(lambda c: c != "\n"))
def test_any_control_character_but_newline_is_refused_in_free_text(text: str, control: str) -> None:
    problems = Problems()
    assert check_text(problems, "p", f"{text}{control}x", multiline=True) is None
    assert _codes(problems) == ["bad_characters"]


@given(st.sampled_from(["\u202e", "\u202d", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad"]))
def test_invisible_format_characters_are_refused(character: str) -> None:
    problems = Problems()
    assert check_text(problems, "p", f"Nguyễn{character}An", multiline=True) is None
    assert _codes(problems) == ["bad_characters"]
