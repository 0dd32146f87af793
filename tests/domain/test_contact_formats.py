"""Phones with brackets, e-mail shapes, and what an address code message says."""

from __future__ import annotations

import pytest

from kiosk.domain.address import check_address
from kiosk.domain.fields import Problems, check_email
from kiosk.domain.phones import check_phone, normalize_phone
from kiosk.domain.units import default_units

# --- phones -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("(+84) 905 123 456", "+84905123456"),
        ("(+84)905123456", "+84905123456"),
        ("(+84) 905.123.456", "+84905123456"),
        ("+84 (905) 123 456", "+84905123456"),
        ("+84 (0) 905 123 456", "+84905123456"),
        ("(+84) 258 3822 222", "+842583822222"),
        ("+84 (258) 3822 222", "+842583822222"),
        ("(0258) 3822 222", "+842583822222"),
        ("(0258)3822222", "+842583822222"),
        ("0905 - 123 - 456", "+84905123456"),
        ("0905-123-456", "+84905123456"),
    ],
)
def test_brackets_around_country_or_area_code_are_accepted(typed: str, e164: str) -> None:
    assert normalize_phone(typed) == e164
    problems = Problems()
    assert check_phone(problems, "p", typed) == e164
    assert not problems.errors


@pytest.mark.parametrize(
    "typed",
    [
        "0905)123(456",  # brackets not around a code
        "(+84 905 123 456",  # unbalanced
        "+84 905 123 456)",
        "((+84)) 905 123 456",
        "()0905123456",
        "++84 905 123 456",
        "+(84) 905 123 456",
        "(+84) 905 123 456 (",
        "0905..123.456",  # two separators in a row
        "0905 123 456 ext 7",
        "(+1) 650 253 0000",  # brackets fine, but not a Vietnamese number
        "(+84) 0123 456 789",  # retired 11-digit 01xx
    ],
)
def test_garbage_around_digits_is_refused(typed: str) -> None:
    assert normalize_phone(typed) is None
    problems = Problems()
    assert check_phone(problems, "p", typed) is None
    assert [e.code for e in problems.errors] == ["invalid_phone"]


# --- e-mail -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ten@gmail.com", "ten@gmail.com"),
        ("hoa.nguyen@example.vn", "hoa.nguyen@example.vn"),
        ("hoa.nguyen+kiosk@gmail.com", "hoa.nguyen+kiosk@gmail.com"),
        ("An.Nguyen@Mail.KhanhHoa.Gov.VN", "An.Nguyen@mail.khanhhoa.gov.vn"),
        ("tran_van-binh%x@sub-domain.example.com", "tran_van-binh%x@sub-domain.example.com"),
        ("a@b.co", "a@b.co"),
        ("0905123456@mail.vnpt.vn", "0905123456@mail.vnpt.vn"),
        ("x@xn--bcher-kva.example", "x@xn--bcher-kva.example"),
        ("a" * 64 + "@example.vn", "a" * 64 + "@example.vn"),
    ],
)
def test_valid_emails(typed: str, stored: str) -> None:
    problems = Problems()
    assert check_email(problems, "p", typed) == stored
    assert not problems.errors


@pytest.mark.parametrize(
    "typed",
    [
        ".a@gmail.com",
        "a.@gmail.com",
        "a..b@gmail.com",
        "a@-gmail.com",
        "a@gmail-.com",
        "a@gmail..com",
        "a@.gmail.com",
        "a@gmail.com.",
        "a@gmail",
        "a@gmail.c",
        "a@gmail.123",
        "a@gmail.c0m",
        "a@gm_ail.com",
        "a@@gmail.com",
        "a b@gmail.com",
        "@gmail.com",
        "a" * 65 + "@example.vn",
        "a@" + "b" * 64 + ".vn",  # a label is at most 63 characters
    ],
)
def test_invalid_emails(typed: str) -> None:
    problems = Problems()
    assert check_email(problems, "p", typed) is None
    assert [e.code for e in problems.errors] == ["invalid_format"]


# --- address codes ------------------------------------------------------------------------

ADDRESS = {"SoNha": "12 Trần Phú", "MaXa": "22366", "MaTinh": "56"}


def _message(key: str, value: str) -> tuple[str, str]:
    problems = Problems()
    assert check_address(problems, "p", ADDRESS | {key: value}, default_units()) is None
    [error] = problems.errors
    assert (error.field, error.code) == (f"p.{key}", "invalid_format")
    return error.message, error.message_en


@pytest.mark.parametrize("typed", ["056", "5a", "KH"])
def test_province_code_message_names_the_province_and_the_length(typed: str) -> None:
    vi, en = _message("MaTinh", typed)
    assert vi == "Mã tỉnh/thành phố phải gồm 2 chữ số (ví dụ 56)."
    assert en == "The province/city code must be 2 digits (e.g. 56)."


@pytest.mark.parametrize("typed", ["022366", "NT001", "2236-6"])
def test_ward_code_message_names_the_ward_and_the_length(typed: str) -> None:
    vi, en = _message("MaXa", typed)
    assert vi == "Mã phường/xã phải gồm 5 chữ số (ví dụ 22366)."
    assert en == "The ward/commune code must be 5 digits (e.g. 22366)."


def test_valid_codes_still_pass() -> None:
    problems = Problems()
    out = check_address(problems, "p", ADDRESS, default_units())
    assert out is not None and not problems.errors
    assert (out["MaTinh"], out["TenTinh"], out["TenXa"]) == ("56", "Khánh Hòa", "Phường Nha Trang")
