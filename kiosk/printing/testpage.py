"""The printer test page (``kiosk print-test``): printer, profile, paper width, the Vietnamese
alphabet with every tone, đ and ₫, and a QR code with the kiosk code."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from kiosk.printing.labels import TITLES
from kiosk.printing.model import PointInfo, QrCode, Receipt, Row, Section, vn_datetime

VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang huyền sắc hỏi ngã nặng


def toned(vowel: str) -> str:
    """``a`` → ``a à á ả ã ạ`` (NFC)."""
    return " ".join(unicodedata.normalize("NFC", vowel + mark) for mark in TONE_MARKS)


def alphabet_lines() -> tuple[str, ...]:
    lower = tuple(toned(v) for v in VOWELS)
    upper = tuple(line.upper() for line in lower)
    return (*lower, *upper, "đ Đ ₫ – 0123456789")


def build_test_page(
    point: PointInfo, *, printer: str, profile: str, paper: int, dots: int, at: datetime
) -> Receipt:
    info = Section(
        heading="Máy in",
        rows=(
            Row("Kết nối", printer),
            Row("Dòng máy (profile)", profile),
            Row("Khổ giấy", f"{paper} mm – {dots} điểm ảnh"),
            Row("Mã điểm hỗ trợ", point.kiosk_code),
        ),
    )
    alphabet = Section(heading="Chữ Việt đủ dấu", items=alphabet_lines())
    sample = Section(
        rows=(Row("Tổng cộng", "1.500.000 ₫", strong=True, amount=True),),
        note="Bằng chữ: Một triệu năm trăm nghìn đồng",
    )
    return Receipt(
        kind="test",
        title=TITLES["test"],
        point=point,
        receipt_code=point.kiosk_code,
        issued_at=vn_datetime(at),
        sections=(info, alphabet, sample),
        qr_codes=(QrCode(point.kiosk_code, ("Mã điểm hỗ trợ",), "lookup"),),
        footer=("Nếu mọi chữ đều rõ dấu và mã QR quét được, máy in đã sẵn sàng.",),
        code_label="Mã điểm hỗ trợ",
    )
