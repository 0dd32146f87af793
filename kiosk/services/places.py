"""Province → ward choices for address entry, finding the new ward from an old name.

Since 1/7/2025 there are 34 provinces and no districts; residents still say their old ward
("Phương Sài", "Lộc Thọ"). :func:`find_wards` offers the new wards whose name matches and
the new wards that took over an old ward of that name, with the old name to show
("Phường Tây Nha Trang (trước đây: Phường Phương Sài, Thành phố Nha Trang)").
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.units import UnitsIndex, default_units

NEW_LIMIT = 6
OLD_LIMIT = 6


@dataclass(frozen=True, slots=True)
class WardChoice:
    code: str
    name: str
    province_code: str
    old_name: str | None = None  # the pre-2025 ward this choice was found by
    old_district: str = ""
    partly: bool = False  # only part of the old ward went to this new ward


def provinces(units: UnitsIndex | None = None) -> list[tuple[str, str]]:
    """(code, name) of the 34 provinces, in the dataset's order."""
    return [(p.code, p.name) for p in (units or default_units()).provinces()]


def ward_name(code: str, units: UnitsIndex | None = None) -> str | None:
    ward = (units or default_units()).ward(code)
    return ward.name if ward is not None else None


def find_wards(
    text: str, province_code: str | None, units: UnitsIndex | None = None
) -> list[WardChoice]:
    """New wards named like ``text``, then new wards that replaced an old ward so named."""
    index = units or default_units()
    province = province_code or None
    found = [
        WardChoice(w.code, w.name, w.province_code)
        for w in index.search_wards(text, province, limit=NEW_LIMIT)
    ]
    seen: set[tuple[str, str]] = {(c.code, "") for c in found}
    old: list[WardChoice] = []
    for match in index.find_by_old_name(text, province, limit=OLD_LIMIT * 2):
        for ward in match.new_wards:
            key = (ward.code, match.old_name + match.old_district)
            renamed = match.old_name != ward.name or (ward.code, "") not in seen
            if (province and ward.province_code != province) or key in seen or not renamed:
                continue
            seen.add(key)
            old.append(
                WardChoice(
                    ward.code,
                    ward.name,
                    ward.province_code,
                    match.old_name,
                    match.old_district,
                    match.partly,
                )
            )
    return found + old[:OLD_LIMIT]
