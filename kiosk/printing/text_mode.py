"""Receipts as printer text, for printers that cannot print the raster (last resorts).

* **CP1258** — for a profile whose code-page table really has Windows-1258 (Epson 52; some
  58 mm clones 27 or 94): base letters with their vowel marks (ă â ê ô ơ ư đ) are single
  bytes, the five tone marks are *combining* bytes after the letter. Python's ``cp1258``
  codec refuses precomposed letters such as ``ệ``, so :func:`encode_cp1258` decomposes the
  tones itself. Many printers draw the combining marks badly; the raster stays the default.
* **ASCII** — diacritics dropped (``Giấy biên nhận`` → ``Giay bien nhan``, đ → d,
  ``₫`` → ``d``): always legible, never wrong characters.
"""

from __future__ import annotations

import textwrap
import unicodedata

from kiosk.printing.model import Receipt

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng


def ascii_fold(text: str) -> str:
    """``Đường dây nóng: 1.500.000 ₫`` → ``Duong day nong: 1.500.000 d``."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("₫", "d").replace("–", "-")
    text = text.replace("•", "*")
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.encode("ascii", "replace").decode("ascii")


def encode_cp1258(text: str) -> bytes:
    """Vietnamese text in Windows-1258: vowel marks precomposed, tone marks combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text.replace("–", "-").replace("•", "*")):
        out += _cp1258_char(ch)
    return bytes(out)


def _cp1258_char(ch: str) -> bytes:
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        pass
    parts = unicodedata.normalize("NFD", ch)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
    tones = "".join(c for c in parts if c in TONES)
    try:
        return (base + tones).encode("cp1258")
    except UnicodeEncodeError:
        return ascii_fold(ch).encode("ascii", "replace")


def text_lines(receipt: Receipt, columns: int) -> list[str]:
    """The receipt as plain lines of at most ``columns`` characters (QR codes left out)."""
    rule = "-" * columns
    lines: list[str] = []

    def add(text: str, center: bool = False) -> None:
        for line in textwrap.wrap(text, columns) or [""]:
            lines.append(line.center(columns).rstrip() if center else line)

    add(receipt.point.name, center=True)
    add(receipt.point.ward, center=True)
    lines.append(rule)
    add(receipt.title, center=True)
    if receipt.copy_label:
        add(f"*** {receipt.copy_label} ***", center=True)
    add(f"{receipt.code_label}: {receipt.receipt_code}", center=True)
    add(f"Thời gian: {receipt.issued_at}", center=True)
    lines.append(rule)
    for section in receipt.sections:
        if section.heading:
            add(section.heading.upper())
        for row in section.rows:
            if row.amount and len(row.label) + len(row.value) < columns:
                lines.append(row.label + row.value.rjust(columns - len(row.label)))
            elif row.amount:
                add(row.label)
                lines.append(row.value.rjust(columns))
            else:
                add(f"{row.label}: {row.value}")
        for item in section.items:
            add(f"* {item}")
        if section.note:
            add(section.note)
    lines.append(rule)
    for line in (*receipt.footer, receipt.point.privacy):
        add(line)
    add(f"Đường dây nóng: {receipt.point.hotline}", center=True)
    return lines
