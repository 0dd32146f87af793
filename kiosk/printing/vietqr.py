"""VietQR (NAPAS 247) payment codes: the EMVCo merchant-presented QR payload, built here.

A payload is a chain of TLV fields (two-digit id, two-digit length, value)::

    00 "01"                 payload format indicator
    01 "12" | "11"          point of initiation: 12 with an amount, 11 static
    38 { 00 "A000000727"    NAPAS GUID
         01 { 00 BIN, 01 account }   beneficiary organisation: bank BIN and account
         02 "QRIBFTTA" }    service: transfer to an account
    53 "704"                currency VND
    54 amount               whole đồng, digits only (only with 01 = 12)
    58 "VN"                 country
    62 { 08 purpose }       additional data: purpose, at most 25 ASCII characters
    63 CRC                  CRC-16/CCITT-FALSE of everything before it, ``6304`` included,
                            four upper-case hex digits

A transfer through the code only moves money to the published beneficiary account; the
agency issues the official receipt (biên lai). The purpose is folded to ASCII (no
diacritics, đ → D, upper case) because banking apps refuse anything else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
MAX_PURPOSE = 25
MAX_AMOUNT_DIGITS = 13
_BIN = re.compile(r"[0-9]{6}")
_ACCOUNT = re.compile(r"[0-9A-Za-z]{1,19}")
_PURPOSE_KEEP = re.compile(r"[^A-Z0-9 .\-/]")


class VietQRError(ValueError):
    """A payment code cannot be built from these values (message Vietnamese / English)."""


@dataclass(frozen=True, slots=True)
class Beneficiary:
    bank_bin: str  # six digits, e.g. 970415
    account: str
    name: str  # printed under the code, not part of the payload


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    if len(tag) != 2 or not tag.isdigit():
        raise VietQRError(f"bad tag {tag!r}")
    if len(value) > 99:
        raise VietQRError(f"field {tag} longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def ascii_purpose(text: str) -> str:
    """``Lệ phí hồ sơ NT01-261122-0042`` → ``LE PHI HO SO NT01-261122-0042`` (≤ 25 chars)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()
    plain = " ".join(_PURPOSE_KEEP.sub(" ", plain).split())
    return plain[:MAX_PURPOSE].rstrip()


def build_payload(beneficiary: Beneficiary, amount: int | None, purpose: str = "") -> str:
    """The VietQR payload for a transfer of ``amount`` đồng (None: the payer types it)."""
    if not _BIN.fullmatch(beneficiary.bank_bin):
        raise VietQRError("Mã ngân hàng (BIN) phải có 6 chữ số / the bank BIN needs 6 digits")
    if not _ACCOUNT.fullmatch(beneficiary.account):
        raise VietQRError("Số tài khoản không hợp lệ / invalid account number")
    if amount is not None and (amount <= 0 or len(str(amount)) > MAX_AMOUNT_DIGITS):
        raise VietQRError("Số tiền không hợp lệ / invalid amount")
    account_info = tlv("00", beneficiary.bank_bin) + tlv("01", beneficiary.account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", account_info) + tlv("02", SERVICE_TO_ACCOUNT)
    fields = [
        tlv("00", "01"),
        tlv("01", "12" if amount is not None else "11"),
        tlv("38", merchant),
        tlv("53", CURRENCY_VND),
    ]
    if amount is not None:
        fields.append(tlv("54", str(amount)))
    fields.append(tlv("58", "VN"))
    folded = ascii_purpose(purpose)
    if folded:
        fields.append(tlv("62", tlv("08", folded)))
    body = "".join(fields) + "6304"
    return f"{body}{crc16_ccitt_false(body.encode('ascii')):04X}"
