"""VietQR payloads against the EMVCo rules, read back by an independent parser."""

from __future__ import annotations

import binascii

import pytest

from kiosk.printing.vietqr import (
    Beneficiary,
    VietQRError,
    ascii_purpose,
    build_payload,
    crc16_ccitt_false,
)

BENEFICIARY = Beneficiary("970415", "113366668888", "UBND PHUONG NHA TRANG")
WORKED_EXAMPLE = (
    "00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA"
    "530370454061500005802VN62160812LE PHI HO SO63047F8E"
)


def tlv_parse(text: str) -> list[tuple[str, str]]:
    """EMVCo TLV: two-digit id, two-digit length, value; refuses any leftover."""
    fields: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        tag, length = text[pos : pos + 2], text[pos + 2 : pos + 4]
        assert tag.isdigit() and length.isdigit(), (tag, length)
        value = text[pos + 4 : pos + 4 + int(length)]
        assert len(value) == int(length), "declared length runs past the end"
        fields.append((tag, value))
        pos += 4 + int(length)
    return fields


def decode(payload: str) -> dict[str, object]:
    """Check the CRC (stdlib CRC-CCITT, init 0xFFFF) and return the fields, nested ones too."""
    assert payload[-8:-4] == "6304", "the CRC must be the last field"
    body, crc = payload[:-4], payload[-4:]
    assert crc == f"{binascii.crc_hqx(body.encode('ascii'), 0xFFFF):04X}"
    fields = dict(tlv_parse(payload))
    merchant = dict(tlv_parse(fields["38"]))
    return {
        **fields,
        "38": {**merchant, "01": dict(tlv_parse(merchant["01"]))},
        "62": dict(tlv_parse(fields["62"])) if "62" in fields else None,
    }


def test_worked_example_of_the_domain_notes() -> None:
    assert build_payload(BENEFICIARY, 150_000, "Lệ phí hồ sơ") == WORKED_EXAMPLE
    assert crc16_ccitt_false(b"123456789") == 0x29B1  # the CRC's check value


@pytest.mark.parametrize(
    ("amount", "purpose", "folded"),
    [
        (1, "x", "X"),
        (8_000, "Phí bản sao", "PHI BAN SAO"),
        (150_000, "Lệ phí hồ sơ", "LE PHI HO SO"),
        (1_500_000, "NT01-261122-0042 LE PHI", "NT01-261122-0042 LE PHI"),
        (99_999_999, "Đóng góp quỹ phòng chống thiên tai năm 2026", "DONG GOP QUY PHONG CHONG"),
        (10_000_000_000, "Dịch vụ công ích: đ & Đ!", "DICH VU CONG ICH D D"),
        (None, "Ủng hộ", "UNG HO"),
        (500, "", None),
    ],
)
def test_payloads_follow_emvco_and_decode_back(
    amount: int | None, purpose: str, folded: str | None
) -> None:
    payload = build_payload(BENEFICIARY, amount, purpose)
    assert payload.isascii()
    fields = decode(payload)
    assert fields["00"] == "01"
    assert fields["01"] == ("11" if amount is None else "12")
    merchant = fields["38"]
    assert isinstance(merchant, dict)
    assert merchant["00"] == "A000000727" and merchant["02"] == "QRIBFTTA"
    assert merchant["01"] == {"00": "970415", "01": "113366668888"}
    assert fields["53"] == "704" and fields["58"] == "VN"
    assert fields.get("54") == (None if amount is None else str(amount))
    additional = fields["62"]
    assert (additional or {}).get("08") == folded
    if folded is not None:
        assert len(folded) <= 25 and folded.isascii()
    order = [tag for tag, _ in tlv_parse(payload)]
    assert order == sorted(order), "EMVCo ids in ascending order"


@pytest.mark.parametrize(
    ("beneficiary", "amount"),
    [
        (Beneficiary("97041", "1", ""), 1),
        (Beneficiary("970415", "", ""), 1),
        (Beneficiary("970415", "12 34", ""), 1),
        (BENEFICIARY, 0),
        (BENEFICIARY, -5),
        (BENEFICIARY, 10**13),
    ],
)
def test_bad_values_refused(beneficiary: Beneficiary, amount: int) -> None:
    with pytest.raises(VietQRError):
        build_payload(beneficiary, amount, "x")


def test_purpose_folding() -> None:
    assert ascii_purpose("Lệ phí đăng ký thường trú") == "LE PHI DANG KY THUONG TRU"
    assert len(ascii_purpose("a" * 40)) == 25
