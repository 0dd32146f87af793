"""Example-based checks of normalisation: what goes in, what comes out."""

from __future__ import annotations

import unicodedata

import pytest

from kiosk.domain.errors import ValidationError
from kiosk.domain.fields import Problems, check_email, check_name, check_text, check_uuid
from kiosk.domain.identity import check_personal_id
from kiosk.domain.payloads import KINDS, PAYLOAD_FIELDS, validate_payload
from kiosk.domain.phones import normalize_phone
from tests.domain.invalid_cases import NOW, case_context, valid_base

CTX = case_context()


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("0905123456", "+84905123456"),
        ("0905 123 456", "+84905123456"),
        ("0905.123.456", "+84905123456"),
        ("+84 905 123 456", "+84905123456"),
        ("84905123456", "+84905123456"),
        ("0258 3822 222", "+842583822222"),
        ("(0258) 3822222", "+842583822222"),
    ],
)
def test_phones_are_stored_in_e164(typed: str, e164: str) -> None:
    assert normalize_phone(typed) == e164


@pytest.mark.parametrize("typed", ["01223456789", "090512345", "09051234567", "19001234", ""])
def test_bad_phones(typed: str) -> None:
    assert normalize_phone(typed) is None


@pytest.mark.parametrize(
    "name",
    ["Nguyễn Văn An", "K'Dang", "H'Hen Niê", "Trần-Lê Bảo Anh", "Ka Sô Liễng", "Lê B’Lao"],
)
def test_names_accepted(name: str) -> None:
    problems = Problems()
    assert check_name(problems, "p", name) == name
    assert not problems.errors


def test_name_is_nfc_trimmed_and_collapsed_but_not_recased() -> None:
    problems = Problems()
    typed = " " + unicodedata.normalize("NFD", "nguyễn   văn\u00a0an") + "  "
    assert check_name(problems, "p", typed) == "nguyễn văn an"


def test_free_text_keeps_newlines_and_normalises_crlf() -> None:
    problems = Problems()
    text = check_text(problems, "p", "Dòng  một\r\nDòng hai\n\n\n\nhết ", multiline=True)
    assert text == "Dòng một\nDòng hai\n\nhết"


def test_email_and_uuid_normalisation() -> None:
    problems = Problems()
    assert check_email(problems, "p", "An.Nguyen@Example.VN") == "An.Nguyen@example.vn"
    uid = "0193A3F4-5C1E-7D2A-9B7E-1F2A3B4C5D6E"
    assert check_uuid(problems, "p", uid, required=True) == uid.lower()
    assert not problems.errors


def test_personal_id_examples() -> None:
    problems = Problems()
    today = NOW.date()
    assert check_personal_id(problems, "p", "056123451234", today=today) == "056123451234"
    assert check_personal_id(problems, "p", "058305001234", today=today) == "058305001234"
    assert not problems.errors


def test_dossier_is_normalised() -> None:
    payload = valid_base("dossier")
    payload.update(
        ChuHoSo="  Nguyễn   Thị Hoa ",
        SoDienThoai="0905 123 456",
        TenTTHC="tên gõ sai",
        MaLinhVuc="x",
    )
    payload["DiaChi"].update(MaXa="22390", TenXa="Phuong Phuong Sai", TenTinh="Khanh Hoa")
    out = validate_payload("dossier", payload, CTX)
    assert out["ChuHoSo"] == "Nguyễn Thị Hoa"
    assert out["SoDienThoai"] == "+84905123456"
    assert (out["TenTTHC"], out["MaLinhVuc"]) == ("Đăng ký thường trú", "cu_tru")
    assert out["DiaChi"]["TenXa"] == "Phường Tây Nha Trang"
    assert out["DiaChi"]["TenTinh"] == "Khánh Hòa"
    assert validate_payload("dossier", out, CTX) == out


def test_dossier_for_a_business_takes_a_tax_code() -> None:
    payload = valid_base("dossier") | {"LoaiDoiTuong": 2, "MaDoiTuong": "4201234567-001"}
    assert validate_payload("dossier", payload, CTX)["MaDoiTuong"] == "4201234567-001"


def test_stopped_procedure_is_fine_for_a_visit_but_not_a_dossier() -> None:
    visit = valid_base("visit") | {"MaTTHC": "1.004884"}
    assert validate_payload("visit", visit, CTX)["MaTTHC"] == "1.004884"
    with pytest.raises(ValidationError):
        validate_payload("dossier", valid_base("dossier") | {"MaTTHC": "1.004884"}, CTX)


def test_optional_null_fields_are_always_present() -> None:
    payment = valid_base("payment")
    for key in ("dossier_id", "MaThamChieu", "MaDoiTuongNguoiNop"):
        del payment[key]
    out = validate_payload("payment", payment, CTX)
    assert out["dossier_id"] is None and out["MaThamChieu"] is None
    assert out["MaDoiTuongNguoiNop"] is None


def test_kiosk_filled_fields_are_optional() -> None:
    payload = valid_base("dossier")
    for key in ("MaBienNhanTaiDiem", "NgayNopTaiDiem", "NguoiHoTro"):
        del payload[key]
    out = validate_payload("dossier", payload, CTX)
    assert "MaBienNhanTaiDiem" not in out


def test_context_needs_an_aware_clock() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        type(CTX)(
            now=NOW.replace(tzinfo=None),
            consent_versions=frozenset(),
            max_amount_vnd=1,
            procedure=lambda code: None,
        )


def test_output_follows_contract_field_order() -> None:
    for kind in KINDS:
        payload = dict(reversed(list(valid_base(kind).items())))
        keys = list(validate_payload(kind, payload, CTX))
        assert keys == [k for k in PAYLOAD_FIELDS[kind] if k in keys]
