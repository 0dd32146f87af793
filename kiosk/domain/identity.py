"""Personal ID numbers (số định danh cá nhân / CCCD) and tax codes.

A personal ID is 12 digits ``PPP G YY NNNNNN``: ``PPP`` the pre-2025 province where the
birth was registered (the 63 codes below stay valid after the 2025 merger), ``G`` century
and sex (0/1 = male/female born 19xx, 2/3 = 20xx, 4/5 = 21xx ...), ``YY`` the last two
digits of the birth year; ``year = 1900 + 100 * (G // 2) + YY``. There is no check digit.
Old 9-digit CMND numbers are no longer valid ID and are refused with their own code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kiosk.domain.fields import Label, Problems, check_text

# The 63 provinces before 1/7/2025, by the code used in personal IDs ("0" + GSO code).
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

_DIGITS = re.compile(r"[0-9]+")
_TAX_CODE = re.compile(r"[0-9]{10}(-[0-9]{3})?")
ID_LABEL: Label = ("Số định danh cá nhân", "Personal ID number")


@dataclass(frozen=True, slots=True)
class PersonalId:
    number: str
    province_code: str
    birth_year: int
    female: bool


def parse_personal_id(number: str) -> PersonalId:
    """Split a 12-digit ID (format only; see :func:`check_personal_id` for the rules)."""
    century_sex = int(number[3])
    year = 1900 + 100 * (century_sex // 2) + int(number[4:6])
    return PersonalId(number, number[:3], year, century_sex % 2 == 1)


def _digits_only(text: str) -> str:
    """Spaces the touch keyboard or a paste may add are allowed between digit groups."""
    return text.replace(" ", "")


def check_personal_id(
    problems: Problems,
    path: str,
    value: object,
    *,
    today: date,
    birth_date: date | None = None,
    required: bool = True,
    label: Label = ID_LABEL,
) -> str | None:
    """A valid 12-digit personal ID, consistent with ``birth_date`` when one is known."""
    text = check_text(problems, path, value, required=required, max_len=32, label=label)
    if text is None:
        return None
    number = _digits_only(text)
    if not _DIGITS.fullmatch(number) or len(number) != 12:
        _format_error(problems, path, number)
        return None
    parsed = parse_personal_id(number)
    if parsed.province_code not in PROVINCE_CODES:
        problems.add(
            path,
            "invalid_province",
            f"Số định danh cá nhân có mã tỉnh «{parsed.province_code}» không tồn tại; "
            "vui lòng kiểm tra 3 chữ số đầu.",
            "The personal ID starts with an unknown province code.",
        )
        return None
    return _check_birth(problems, path, parsed, today, birth_date)


def _format_error(problems: Problems, path: str, number: str) -> None:
    if _DIGITS.fullmatch(number) and len(number) == 9:
        problems.add(
            path,
            "cmnd_not_accepted",
            "Số chứng minh nhân dân 9 số không còn được dùng; vui lòng nhập số định "
            "danh cá nhân 12 số (in trên thẻ căn cước).",
            "Old 9-digit ID card numbers are no longer accepted; enter the 12-digit "
            "personal ID number.",
        )
    else:
        problems.add(
            path,
            "invalid_format",
            "Số định danh cá nhân phải gồm đúng 12 chữ số.",
            "The personal ID number must be exactly 12 digits.",
        )


def _check_birth(
    problems: Problems, path: str, parsed: PersonalId, today: date, birth_date: date | None
) -> str | None:
    century_start = 1900 + 100 * (int(parsed.number[3]) // 2)
    if century_start > today.year:
        problems.add(
            path,
            "invalid_century",
            f"Chữ số thứ tư của số định danh cá nhân ({parsed.number[3]}) không hợp lệ.",
            "The 4th digit (century and sex) of the personal ID is not valid.",
        )
        return None
    if parsed.birth_year > today.year:
        problems.add(
            path,
            "future_year",
            "Số định danh cá nhân cho năm sinh chưa đến; vui lòng kiểm tra lại các chữ số.",
            "The personal ID gives a birth year in the future.",
        )
        return None
    if birth_date is not None and birth_date.year != parsed.birth_year:
        problems.add(
            path,
            "birth_mismatch",
            "Năm sinh trong số định danh cá nhân không khớp với ngày sinh đã nhập; "
            "vui lòng kiểm tra lại.",
            "The birth year in the personal ID does not match the date of birth.",
        )
        return None
    return parsed.number


def check_tax_code(
    problems: Problems, path: str, value: object, *, required: bool = True
) -> str | None:
    """A business tax code: 10 digits, or 10 digits, hyphen, 3 digits (a branch)."""
    text = check_text(
        problems, path, value, required=required, max_len=32, label=("Mã số thuế", "Tax code")
    )
    if text is None:
        return None
    if not _TAX_CODE.fullmatch(text):
        problems.add(
            path,
            "invalid_format",
            "Mã số thuế phải gồm 10 chữ số (hoặc 10 chữ số, dấu gạch nối, 3 chữ số).",
            "The tax code must be 10 digits (or 10 digits, hyphen, 3 digits).",
        )
        return None
    return text
