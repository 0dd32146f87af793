"""Vietnamese phone numbers, stored in E.164 (``+84905123456``).

Parsing is done by ``phonenumbers`` with region VN. Accepted: mobiles (10 digits
``0xxxxxxxxx``, or ``+84`` and 9 digits) and fixed lines (e.g. Khánh Hòa ``0258 …``).
Refused: the 11-digit ``01xx`` numbers retired in 2018, numbers of other countries,
premium/toll-free service numbers (``1900 …``) and anything else that is not a valid number.
Spaces, dots and hyphens between digit groups are allowed on input, and brackets around the
country code or the area code: ``(+84) 905 123 456``, ``(0258) 3822 222``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from kiosk.domain.fields import Label, Problems, check_text

_SEP = r"(?: ?[.\-]? ?)"  # between groups: a space, a dot or a hyphen (spaced or not)
_SHAPE = re.compile(
    rf"(?:\+[0-9]{{1,3}}{_SEP}|\(\+[0-9]{{1,3}}\){_SEP})?"  # country code: +84, (+84)
    rf"(?:\([0-9]{{1,4}}\){_SEP})?"  # area code in brackets: (0258), (258), (0)
    rf"[0-9]+(?:{_SEP}[0-9]+)*"  # digit groups
)
_ACCEPTED_TYPES = frozenset(
    {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
)
PHONE_LABEL: Label = ("Số điện thoại", "Phone number")


@lru_cache(maxsize=512)  # one person's number comes back: their dossier, its payment, its return
def normalize_phone(text: str) -> str | None:
    """E.164 form of a Vietnamese mobile or fixed-line number, or None if not one."""
    candidate = text.strip()
    if not _SHAPE.fullmatch(candidate):
        return None
    try:
        number = phonenumbers.parse(candidate, "VN")
    except NumberParseException:
        return None
    # the type of an invalid number is UNKNOWN (not accepted): for +84, whose one region is
    # VN, that is is_valid_number's own test, made once instead of twice
    if number.country_code != 84 or phonenumbers.number_type(number) not in _ACCEPTED_TYPES:
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def check_phone(
    problems: Problems,
    path: str,
    value: object,
    *,
    required: bool = False,
    label: Label = PHONE_LABEL,
) -> str | None:
    text = check_text(problems, path, value, required=required, max_len=32, label=label)
    if text is None:
        return None
    phone = normalize_phone(text)
    if phone is None:
        vi, en = label
        problems.add(
            path,
            "invalid_phone",
            f"{vi} không hợp lệ: cần số di động 10 chữ số (ví dụ 0905 123 456) "
            "hoặc số cố định có mã vùng (ví dụ 0258 3822 222).",
            f"{en} is not valid: use a 10-digit mobile (e.g. 0905 123 456) or a "
            "landline with its area code (e.g. 0258 3822 222).",
        )
    return phone
