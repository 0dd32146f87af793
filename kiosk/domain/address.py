"""Addresses in the two-level units in force since 1/7/2025 (province → ward/commune).

``DiaChi = {"SoNha", "MaXa", "TenXa", "MaTinh", "TenTinh"}``. The codes decide: the ward must
exist and belong to the province, and ``TenXa`` / ``TenTinh`` are (re)filled from the
bundled units dataset, whatever was typed.
"""

from __future__ import annotations

import re

from kiosk.domain.fields import Problems, check_object, check_text
from kiosk.domain.units import UnitsIndex

ADDRESS_KEYS = ("SoNha", "MaXa", "TenXa", "MaTinh", "TenTinh")
_CODE = re.compile(r"[0-9]{1,5}")
# Which code, in the resident's words, and an example: (Vietnamese, English, example).
_CODE_NAMES = {
    2: ("Mã tỉnh/thành phố", "The province/city code", "56"),
    5: ("Mã phường/xã", "The ward/commune code", "22366"),
}


def _code(problems: Problems, path: str, value: object, width: int) -> str | None:
    """A unit code of at most ``width`` digits (leading zeros may be left out)."""
    text = check_text(problems, path, value, required=True, max_len=8)
    if text is None:
        return None
    if not _CODE.fullmatch(text) or len(text) > width:
        vi, en, example = _CODE_NAMES[width]
        problems.add(
            path,
            "invalid_format",
            f"{vi} phải gồm {width} chữ số (ví dụ {example}).",
            f"{en} must be {width} digits (e.g. {example}).",
        )
        return None
    return text.zfill(width)


def check_address(
    problems: Problems,
    path: str,
    value: object,
    units: UnitsIndex,
    *,
    required: bool = True,
) -> dict[str, str] | None:
    """A complete address whose ward belongs to its province; names filled from codes."""
    record = check_object(problems, path, value, ADDRESS_KEYS, required=required)
    if record is None:
        return None
    street = check_text(problems, f"{path}.SoNha", record.get("SoNha"), required=True, max_len=200)
    for name_key in ("TenXa", "TenTinh"):  # typed names are replaced, but never hold junk
        check_text(problems, f"{path}.{name_key}", record.get(name_key), max_len=100)
    province_code = _code(problems, f"{path}.MaTinh", record.get("MaTinh"), 2)
    ward_code = _code(problems, f"{path}.MaXa", record.get("MaXa"), 5)
    province = units.province(province_code) if province_code else None
    if province_code and province is None:
        problems.add(
            f"{path}.MaTinh",
            "unknown_unit",
            "Không có tỉnh/thành phố với mã này (danh mục sau 1/7/2025).",
            "No province has this code (units after 1/7/2025).",
        )
    ward = units.ward(ward_code) if ward_code else None
    if ward_code and ward is None:
        problems.add(
            f"{path}.MaXa",
            "unknown_unit",
            "Không có phường/xã với mã này (danh mục sau 1/7/2025).",
            "No ward/commune has this code (units after 1/7/2025).",
        )
    elif ward is not None and province is not None and ward.province_code != province.code:
        problems.add(
            f"{path}.MaXa",
            "ward_not_in_province",
            f"{ward.name} không thuộc {province.name}; vui lòng chọn lại phường/xã.",
            "The ward/commune is not in the chosen province.",
        )
        return None
    if street is None or ward is None or province is None or problems.has(path):
        return None
    return {
        "SoNha": street,
        "MaXa": ward.code,
        "TenXa": ward.name,
        "MaTinh": province.code,
        "TenTinh": province.name,
    }
