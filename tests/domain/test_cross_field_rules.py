"""Rules across fields: consent comes before filing; a postal return names its dossier."""

from __future__ import annotations

import random
from datetime import UTC, timedelta
from typing import Any

import pytest

from kiosk.domain.errors import ValidationError
from kiosk.domain.fields import format_timestamp
from kiosk.domain.payloads import ValidationContext, validate_payload
from kiosk.domain.registrations import SERVICES
from kiosk.domain.samples import sample_payload
from tests.domain.invalid_cases import (
    CONSENT_VERSIONS,
    MAX_AMOUNT_VND,
    NOW,
    case_context,
    registration_base,
    valid_base,
)

CTX = case_context()
FILED = NOW - timedelta(minutes=20)  # the valid base's NgayNopTaiDiem, 09:10


def _found(
    kind: str, payload: dict[str, Any], ctx: ValidationContext = CTX
) -> set[tuple[str, str]]:
    try:
        validate_payload(kind, payload, ctx)
    except ValidationError as refused:
        return {(e.field, e.code) for e in refused.errors}
    return set()


def _dossier(consent_at: str, filed_at: str | None) -> dict[str, Any]:
    payload = valid_base("dossier")
    payload["DongY"]["ThoiDiem"] = consent_at
    if filed_at is None:
        del payload["NgayNopTaiDiem"]
    else:
        payload["NgayNopTaiDiem"] = filed_at
    return payload


AFTER_FILING = ("payload.DongY.ThoiDiem", "consent_after_filing")

# --- consent before filing ----------------------------------------------------------------


def test_consent_at_0929_for_a_dossier_filed_at_0910_is_refused() -> None:
    errors = _found("dossier", _dossier("20261122092900", "20261122091000"))
    assert errors == {AFTER_FILING}


def test_the_message_is_vietnamese_first_and_names_the_consent() -> None:
    with pytest.raises(ValidationError) as refused:
        validate_payload("dossier", _dossier("20261122092900", "20261122091000"), CTX)
    [error] = refused.value.errors
    assert error.message.startswith("Thời điểm đồng ý xử lý dữ liệu cá nhân")
    assert "consent" in error.message_en


@pytest.mark.parametrize("before", [timedelta(0), timedelta(seconds=1), timedelta(days=1)])
def test_consent_before_or_at_filing_is_accepted(before: timedelta) -> None:
    payload = _dossier(format_timestamp(FILED - before), format_timestamp(FILED))
    assert _found("dossier", payload) == set()


def test_without_a_filing_time_the_save_time_is_the_limit() -> None:
    at_now = _dossier(format_timestamp(NOW), None)
    assert _found("dossier", at_now) == set()
    one_second_late = _dossier(format_timestamp(NOW + timedelta(seconds=1)), None)
    assert _found("dossier", one_second_late) == {AFTER_FILING}


def test_the_clock_in_utc_is_compared_in_vietnam_time() -> None:
    utc = ValidationContext(
        now=NOW.astimezone(UTC),
        consent_versions=CONSENT_VERSIONS,
        max_amount_vnd=MAX_AMOUNT_VND,
        procedure=CTX.procedure,
    )
    assert _found("dossier", _dossier(format_timestamp(NOW), None), utc) == set()
    late = _dossier(format_timestamp(NOW + timedelta(minutes=3)), None)
    assert _found("dossier", late, utc) == {AFTER_FILING}


def test_a_filing_time_in_the_skew_allowance_still_orders_the_two() -> None:
    """NgayNopTaiDiem may be up to 5 minutes ahead of the clock; consent before it is fine."""
    filed = format_timestamp(NOW + timedelta(minutes=4))
    assert _found("dossier", _dossier(format_timestamp(NOW + timedelta(minutes=3)), filed)) == set()
    assert _found("dossier", _dossier(filed, filed)) == set()


def test_a_wrong_filing_time_is_one_error_not_two() -> None:
    errors = _found("dossier", _dossier("20261122092900", "20261122"))
    assert errors == {("payload.NgayNopTaiDiem", "invalid_format")}


# --- a postal return names its dossier ----------------------------------------------------

DOSSIER_ID = "0193a3f4-5c1e-7d2a-9b7e-1f2a3b4c5d6e"
MISSING_DOSSIER = ("payload.dossier_id", "required")


def test_only_the_postal_return_needs_a_dossier() -> None:
    assert [code for code, s in SERVICES.items() if s.needs_dossier] == ["postal_return"]


def _postal_return(**changes: Any) -> dict[str, Any]:
    return registration_base("postal_return") | changes


def test_postal_return_naming_its_dossier_is_accepted() -> None:
    payload = _postal_return(dossier_id=DOSSIER_ID)
    assert validate_payload("registration", payload, CTX)["dossier_id"] == DOSSIER_ID


@pytest.mark.parametrize("dossier_id", [None, "", "missing"])
def test_postal_return_without_a_dossier_is_refused(dossier_id: str | None) -> None:
    payload = _postal_return(dossier_id=dossier_id)
    if dossier_id == "missing":
        del payload["dossier_id"]
    expected = ("payload.dossier_id", "invalid_format") if dossier_id == "" else MISSING_DOSSIER
    assert _found("registration", payload) == {expected}


def test_postal_return_without_receipt_or_dossier_is_refused() -> None:
    payload = _postal_return(dossier_id=None)
    del payload["MaBienNhanTaiDiem"]
    assert _found("registration", payload) == {MISSING_DOSSIER}


def _derived(dossier: dict[str, Any]) -> dict[str, Any]:
    """What the save service builds from a dossier returned by post, before it has an id."""
    return {
        "DichVu": "postal_return",
        "dossier_id": None,
        "NguoiDangKy": {"HoTen": dossier["ChuHoSo"], "SoDienThoai": dossier["SoDienThoai"]},
        "DiaChi": dossier["DiaChi"],
        "ChiTiet": {},
        "DongY": dossier["DongY"],
        "ThoiDiem": dossier["NgayNopTaiDiem"],
    }


def _postal_dossier() -> dict[str, Any]:
    payload = valid_base("dossier")
    payload["HinhThucNhanKetQua"] = 1
    payload["DongY"]["MucDich"] = ["giai_quyet_tthc", "tra_ket_qua_buu_chinh"]
    return validate_payload("dossier", payload, CTX)


def test_a_postal_return_without_its_dossier_is_refused_whatever_its_consent() -> None:
    """Even shaped like the one the save service derives from a dossier (which validates it
    naming a stand-in id, then puts the dossier's real one in): no dossier, refused."""
    derived = _derived(_postal_dossier())
    assert _found("registration", derived) == {MISSING_DOSSIER}
    assert _found("registration", derived | {"MaBienNhanTaiDiem": "NT01-261122-0009"}) == {
        MISSING_DOSSIER
    }


def test_other_services_need_no_dossier() -> None:
    for service in ("electricity", "water", "vaccination"):
        payload = registration_base(service) | {"dossier_id": None}
        assert _found("registration", payload) == set(), service


def test_sampled_registrations_can_be_saved_without_a_dossier() -> None:
    """Demo seeding and tests null a sample's dossier_id: samples are standalone services."""
    for seed in range(100):
        payload = sample_payload("registration", random.Random(seed), NOW)
        assert not SERVICES[payload["DichVu"]].needs_dossier, seed
        assert _found("registration", payload | {"dossier_id": None}) == set(), seed


# --- consent before a registration or a feedback is made ------------------------------------


def _made(kind: str, consent_at: str, made_at: str) -> dict[str, Any]:
    payload = registration_base("electricity") if kind == "registration" else valid_base(kind)
    payload["DongY"]["ThoiDiem"] = consent_at
    payload["ThoiDiem"] = made_at
    return payload


@pytest.mark.parametrize("kind", ["registration", "feedback"])
def test_consent_after_the_record_was_made_is_refused(kind: str) -> None:
    made = format_timestamp(FILED)
    assert _found(kind, _made(kind, format_timestamp(FILED), made)) == set()
    late = _made(kind, format_timestamp(FILED + timedelta(seconds=1)), made)
    assert _found(kind, late) == {AFTER_FILING}


@pytest.mark.parametrize("kind", ["registration", "feedback"])
def test_the_refusal_names_what_was_made_not_a_dossier(kind: str) -> None:
    late = _made(kind, format_timestamp(FILED + timedelta(minutes=1)), format_timestamp(FILED))
    with pytest.raises(ValidationError) as refused:
        validate_payload(kind, late, CTX)
    [error] = refused.value.errors
    assert error.message.startswith("Thời điểm đồng ý xử lý dữ liệu cá nhân")
    assert "hồ sơ" not in error.message and "dossier" not in error.message_en
    act = {"registration": "cùng lúc đăng ký;", "feedback": "cùng lúc gửi phản ánh;"}[kind]
    assert act in error.message and kind in error.message_en


def test_a_wrong_time_of_a_registration_is_one_error_not_two() -> None:
    payload = _made("registration", format_timestamp(FILED), "20261122")
    assert _found("registration", payload) == {("payload.ThoiDiem", "invalid_format")}
