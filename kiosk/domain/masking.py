"""Masking personal data for screens, receipts, exports and logs.

* :func:`mask_id` keeps the first 3 and last 4 characters of an ID: ``056*****1234``
  (shorter IDs keep only the last 3).
* :func:`mask_phone` keeps the country code, the first 3 and the last 3 digits of the
  national number: ``+84905***456``, ``0905***456``, ``+84258****222``.
* :func:`initials` turns a name into ``N.V.A.``.
* :func:`redact_text` is for free text that may end up in a log line: every run of 9 to 12
  digits (personal IDs, old CMND, phones, optionally split by spaces, dots or hyphens, with
  an optional leading ``+``) keeps only its last 3 digits, and so does a longer run that is
  split (a phone followed by another number); e-mail local parts are hidden.
  Codes that merely contain digits (receipt codes ``NT01-261122-0001``, server refs,
  ``MaHoSo``, UUIDs, procedure codes, ``yyyyMMddHHmmss`` timestamps, a date with its time
  such as a log line's own ``2026-11-22 17:37:38,931``) are left alone.
  A 9-digit amount such as ``100.000.000`` is redacted too: erring on the side of privacy.
* :func:`mask_person_text` is for the province's own words about a record (a rejection's
  message): the person's name, ID, phone, e-mail and street address as the record's payload
  holds them are masked wherever they appear (names as initials, in any case), then
  :func:`redact_text` masks what is left. A name the payload does not hold stays: no pattern
  recognises a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from kiosk.domain.text import collapse_spaces, nfc

_KEEP = (
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"  # UUID
    r"|(?<![0-9A-Za-z])[0-9a-f]{64}(?![0-9A-Za-z])"  # sha256
    r"|[A-Z0-9.]{0,32}[A-Z][A-Z0-9.]{0,32}-[0-9]{6,8}-[0-9]{4,6}"  # NT01-261122-0001, MaHoSo
    r"|KIOSK-[0-9]{2}-[0-9]{5}-[0-9]{2}"  # kiosk code
    # a date with its time (a log line's own time): 2026-11-22 17:37:38,931
    r"|(?<![0-9])(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9][ T][0-2][0-9]:[0-5][0-9]"
    r"(?::[0-5][0-9](?:[.,][0-9]{1,6})?)?(?![ .\-]?[0-9])"  # no number glued on after it
)
# Bounded repetitions (an e-mail local part is at most 64 characters): a long unbroken token
# in a log line must not make the scan quadratic.
_EMAIL = (
    r"[A-Za-z0-9._%+\-]{1,64}@"
    r"(?P<domain>[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8})"
)
_DIGIT_RUN = r"(?<![0-9])\+?[0-9](?:[ .\-]?[0-9])+(?![0-9])"
_TOKENS = re.compile(f"(?P<keep>{_KEEP})|(?P<email>{_EMAIL})|(?P<run>{_DIGIT_RUN})")


def mask_id(number: str) -> str:
    """``056123451234`` → ``056*****1234``; IDs under 10 characters keep the last 3."""
    text = number.strip()
    if len(text) >= 10:
        return text[:3] + "*" * (len(text) - 7) + text[-4:]
    return "*" * max(len(text) - 3, 0) + text[-3:]


def mask_phone(phone: str) -> str:
    """``+84905123456`` → ``+84905***456``; ``0905123456`` → ``0905***456``."""
    text = phone.strip()
    prefix = "+84" if text.startswith("+84") else ("0" if text.startswith("0") else "")
    national = text[len(prefix) :]
    if len(national) < 7:
        return "*" * len(text)
    return prefix + national[:3] + "*" * (len(national) - 6) + national[-3:]


def initials(name: str) -> str:
    """``Nguyễn Văn An`` → ``N.V.A.`` (upper-case, diacritics kept: ``Đặng Ánh`` → ``Đ.Á.``)."""
    words = collapse_spaces(nfc(name)).replace("-", " ").split(" ")
    return "".join(f"{word[0].upper()}." for word in words if word and word[0].isalpha())


def _redact_run(run: str) -> str:
    digits = sum(ch.isdigit() for ch in run)
    # more than 12 digits in one unbroken run is a long code or a timestamp (kept); split by
    # spaces, dots or hyphens it may be a number followed by another (``0912345678 123``)
    split = digits > 12 and len(run) > digits
    if not 9 <= digits <= 12 and not (run.startswith("+") and digits >= 9) and not split:
        return run
    keep_from = digits - 3
    out: list[str] = []
    seen = 0
    for ch in run:
        if ch.isdigit():
            out.append(ch if seen >= keep_from else "*")
            seen += 1
        else:
            out.append(ch)
    return "".join(out)


def _replace(match: re.Match[str]) -> str:
    if match.group("keep"):
        return match.group(0)
    if match.group("email"):
        return "***@" + match.group("domain")
    return _redact_run(match.group(0))


def redact_text(text: str) -> str:
    """Free text with ID numbers, phone numbers and e-mail addresses masked (for logs)."""
    return _TOKENS.sub(_replace, text)


def _hidden(_: str) -> str:
    return "***"


# payload keys (any kind, any depth) holding a person's data, and how each is shown
_PERSONAL: dict[str, Callable[[str], str]] = {
    "ChuHoSo": initials,
    "NguoiNop": initials,
    "HoTen": initials,
    "MaDoiTuong": mask_id,
    "MaDoiTuongNguoiNop": mask_id,
    "SoDienThoai": mask_phone,
    "Email": lambda value: "***@" + value.rpartition("@")[2],
    "SoNha": _hidden,
}


def _personal_values(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, Mapping):
        for inner, child in value.items():
            yield from _personal_values(child, str(inner))
    elif isinstance(value, list):
        for child in value:
            yield from _personal_values(child, key)
    elif isinstance(value, str) and key in _PERSONAL and len(value.strip()) >= 3:
        yield nfc(collapse_spaces(value.strip())), _PERSONAL[key](value)


def mask_person_text(text: str, payload: Mapping[str, Any] | None = None) -> str:
    """The province's words about a record, with the record's own personal values masked
    (``payload``: its contract payload), then ID- and phone-like numbers and e-mails."""
    out = nfc(text)
    found = dict(_personal_values(payload or {}))
    for plain in sorted(found, key=len, reverse=True):  # a full name before a part of it
        pattern = r"\s+".join(re.escape(word) for word in plain.split(" "))
        out = re.sub(pattern, found[plain].replace("\\", "\\\\"), out, flags=re.IGNORECASE)
    return redact_text(out)
