"""Table-driven: every invalid record is refused with the exact field path and code."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from kiosk.domain.errors import FieldError, ValidationError
from kiosk.domain.payloads import KINDS, validate_payload
from kiosk.domain.text import fold
from tests.domain.invalid_cases import INVALID_CASES, InvalidCase, case_context, valid_base

CTX = case_context()


def _errors(case: InvalidCase) -> list[FieldError]:
    with pytest.raises(ValidationError) as caught:
        validate_payload(case.kind, case.payload, CTX)
    return caught.value.errors


def _assert_readable(error: FieldError) -> None:
    assert error.message.strip() and error.message_en.strip()
    assert unicodedata.is_normalized("NFC", error.message)
    assert fold(error.message) != error.message.lower(), "Vietnamese with diacritics expected"
    assert error.message != error.message_en


def test_there_are_at_least_70_cases_over_every_kind() -> None:
    assert len(INVALID_CASES) >= 70
    assert set(Counter(c.kind for c in INVALID_CASES)) == set(KINDS)
    ids = [c.id for c in INVALID_CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("kind", KINDS)
def test_valid_bases_are_valid(kind: str) -> None:
    validate_payload(kind, valid_base(kind), CTX)


@pytest.mark.parametrize("case", INVALID_CASES, ids=[c.id for c in INVALID_CASES])
def test_invalid_case_is_refused_with_field_and_code(case: InvalidCase) -> None:
    errors = _errors(case)
    found = [(e.field, e.code) for e in errors]
    assert (case.field, case.code) in found, found
    for error in errors:
        _assert_readable(error)


@pytest.mark.parametrize("case", INVALID_CASES, ids=[c.id for c in INVALID_CASES])
def test_invalid_case_has_exactly_one_error(case: InvalidCase) -> None:
    """Each case changes one thing, so one error: no cascades, no noise."""
    assert len(_errors(case)) == 1, [(e.field, e.code) for e in _errors(case)]


def test_messages_never_echo_personal_values() -> None:
    for case in INVALID_CASES:
        for error in _errors(case):
            for secret in ("056190001234", "225123456", "Robert", "0905123456", "Hoa"):
                assert secret not in error.message and secret not in error.message_en


def test_all_errors_are_reported_together() -> None:
    payload = valid_base("dossier")
    payload["MaDoiTuong"] = "225123456"
    payload["SoDienThoai"] = "01223456789"
    payload["DiaChi"]["MaXa"] = "00004"
    del payload["DongY"]
    with pytest.raises(ValidationError) as caught:
        validate_payload("dossier", payload, CTX)
    assert {(e.field, e.code) for e in caught.value.errors} == {
        ("payload.MaDoiTuong", "cmnd_not_accepted"),
        ("payload.SoDienThoai", "invalid_phone"),
        ("payload.DiaChi.MaXa", "ward_not_in_province"),
        ("payload.DongY", "consent_missing"),
    }


def test_unknown_kind_and_non_object_payload() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_payload("complaint", {}, CTX)
    assert caught.value.errors[0].field == "kind"
    with pytest.raises(ValidationError) as caught:
        validate_payload("visit", ["not", "an", "object"], CTX)  # type: ignore[arg-type]
    assert (caught.value.errors[0].field, caught.value.errors[0].code) == (
        "payload",
        "invalid_type",
    )


def test_strange_keys_do_not_leak_into_the_path() -> None:
    payload = valid_base("visit")
    payload["x\x00'; DROP"] = 1
    with pytest.raises(ValidationError) as caught:
        validate_payload("visit", payload, CTX)
    assert [(e.field, e.code) for e in caught.value.errors] == [("payload.?", "unknown_field")]
    assert "\x00" not in caught.value.errors[0].message
