"""Masking IDs, phones and names; redacting free text before it reaches a log line."""

from __future__ import annotations

import pytest

from kiosk.domain.masking import initials, mask_id, mask_person_text, mask_phone, redact_text


def test_mask_id() -> None:
    assert mask_id("056123451234") == "056*****1234"
    assert mask_id("0123456789") == "012***6789"
    assert mask_id("225123456") == "******456"


def test_mask_phone() -> None:
    assert mask_phone("+84905123456") == "+84905***456"
    assert mask_phone("0905123456") == "0905***456"
    assert mask_phone("+842583822222") == "+84258****222"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nguyễn Văn An", "N.V.A."),
        ("  trần   thị  bích ", "T.T.B."),
        ("Đặng Ánh", "Đ.Á."),
        ("Lê", "L."),
        ("K'Dang Ha-Nie", "K.H.N."),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


@pytest.mark.parametrize(
    "secret",
    [
        "056123451234",
        "056 123 451 234",
        "225123456",
        "0905123456",
        "0905 123 456",
        "0905.123.456",
        "0905-123-456",
        "+84905123456",
        "+84 905 123 456",
        "84905123456",
        "02583822222",
    ],
)
def test_redact_text_hides_ids_and_phones(secret: str) -> None:
    line = f"save failed for cccd={secret}, retry"
    redacted = redact_text(line)
    assert secret not in redacted
    assert redacted.startswith("save failed for cccd=") and redacted.endswith(", retry")
    digits = [c for c in redacted if c.isdigit()]
    assert len(digits) == 3  # only the last three digits survive


def test_redact_text_glued_to_letters() -> None:
    assert "056123451234" not in redact_text("CCCD056123451234")


def test_redact_text_hides_email_local_part() -> None:
    assert redact_text("mail an.nguyen@gmail.com ok") == "mail ***@gmail.com ok"


@pytest.mark.parametrize(
    "keep",
    [
        "NT01-261122-0001",
        "KDC-20261122-000123",
        "000.00.12.H32-261122-0004",
        "0193a3f4-5c1e-7d2a-9b7e-1f2a3b4c5d6e",
        "KIOSK-56-22366-01",
        "1.001193",
        "20261122084110",
        "2026-11-22T08:41:10+07:00",
        "2026-11-22 17:37:38,931",
        "2026-11-22 08:41",
        "150000",
        "1.500.000 ₫",
        "a" * 64,
    ],
)
def test_redact_text_keeps_codes_dates_and_amounts(keep: str) -> None:
    line = f"item {keep} sent"
    assert redact_text(line) == line


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("2026-11-22 08:41:10,0912345678", "2026-11-22 08:41:10,*******678"),
        ("2026-11-22 08:41:10,056123456789", "2026-11-22 08:41:10,*********789"),
        ("at 2026-11-22 08:41:10,0912 345 678", "at 2026-11-22 08:41:10,**** *** 678"),
        ("gọi 0912345678 123 lần", "gọi ********** 123 lần"),  # a phone, then another number
        ("cccd 056123451234-7", "cccd **********34-7"),
    ],
)
def test_a_number_glued_to_a_date_and_time_is_still_masked(line: str, masked: str) -> None:
    assert redact_text(line) == masked


def test_long_unbroken_tokens_are_scanned_in_bounded_steps() -> None:
    """Bounded patterns: a 20,000-character token (a pasted blob in a log line) comes back
    unchanged, and an e-mail at its end still loses its local part."""
    blob = "A1." * 7000
    assert redact_text(blob) == blob
    assert redact_text("x" * 20_000 + "an@mail.vn").endswith("***@mail.vn")
    assert "an" not in redact_text("x" * 20_000 + "an@mail.vn")[-12:]


def test_mask_person_text_masks_the_records_own_values_then_numbers() -> None:
    """The province's words about a record: its person's name (in any case, any spacing), ID,
    phone and street masked; a name the record does not hold cannot be recognised."""
    payload = {
        "ChuHoSo": "Trần Hữu Nam",
        "MaDoiTuong": "079059415805",
        "SoDienThoai": "+84915732099",
        "DiaChi": {"SoNha": "12 Trần Phú", "MaXa": "22366"},
        "TrichYeuHoSo": "Đăng ký tạm trú",
    }
    said = ("Công dân TRẦN  HỮU NAM (079059415805, SĐT +84915732099 / 0915732099) ở 12 Trần Phú: "
            "Đăng ký tạm trú không hợp lệ; người làm chứng Phạm Văn Sáu")  # fmt: skip
    assert mask_person_text(said, payload) == (
        "Công dân T.H.N. (079*****5805, SĐT +84915***099 / *******099) ở ***: "
        "Đăng ký tạm trú không hợp lệ; người làm chứng Phạm Văn Sáu"
    )
    assert mask_person_text("Số định danh 079059415805") == "Số định danh *********805"
