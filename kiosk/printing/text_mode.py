"""Receipts as printer text, for printers that cannot print the raster (last resorts).

* **CP1258** — for a profile whose code-page table really has Windows-1258 (Epson 52; some
  58 mm clones 27 or 94): base letters with their vowel marks (ă â ê ô ơ ư đ) are single
  bytes, the five tone marks are *combining* bytes after the letter. Python's ``cp1258``
  codec refuses precomposed letters such as ``ệ``, so :func:`encode_cp1258` decomposes the
  tones itself. Many printers draw the combining marks badly; the raster stays the default.
* **ASCII** — diacritics dropped (``Giấy biên nhận`` → ``Giay bien nhan``, đ → d,
  ``₫`` → ``d``): always legible, never wrong characters.

Both print what the raster prints, in its order: each QR code's caption before the code (drawn
by the printer's QR command), and on a profile without that command what the code holds in
words instead (the look-up address; the VietQR bank, account, amount and transfer content).
Names wrap in full; an amount (``1.500.000 ₫``) is never broken over two lines.
"""

from __future__ import annotations

import textwrap
import unicodedata

from kiosk.printing.model import QrCode, Receipt, Section
from kiosk.printing.money import NO_BREAK_SPACE, unbreakable_amounts

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


def text_layout(receipt: Receipt, columns: int, *, qr_printed: bool) -> list[str | QrCode]:
    """The receipt as lines of at most ``columns`` characters, in the raster's order. Each QR
    code is its caption lines then the code itself, for the printer to draw (``qr_printed``);
    where it cannot, what the code holds in words (:attr:`QrCode.details`)."""
    lines = _Lines(columns)
    _header(lines, receipt)
    for section in receipt.sections:
        _section(lines, section)
    lines.rule()
    before_codes = len(lines.out)
    for code in receipt.qr_codes:
        if qr_printed:
            for line in code.caption:
                lines.pair(line, center=True)
            lines.out.append(code)
        else:
            for line in code.details:
                lines.pair(line)
    if len(lines.out) > before_codes:
        lines.rule()
    for line in (*receipt.footer, receipt.point.privacy):
        lines.add(line)
    if receipt.point.hotline:  # unset until the technician enters the ward's
        lines.add(f"Đường dây nóng: {receipt.point.hotline}", center=True)
    return lines.out


class _Lines:
    def __init__(self, columns: int) -> None:
        self.columns = columns
        self.out: list[str | QrCode] = []

    def add(self, text: str, *, center: bool = False, indent: str = "") -> None:
        """``text`` wrapped at spaces, never inside an amount (``1.500.000 ₫``) or at the
        hyphens of a code; a word longer than a line (an address) is cut by characters."""
        wrapped = textwrap.wrap(
            unbreakable_amounts(text),
            self.columns,
            subsequent_indent=indent,
            break_on_hyphens=False,
        )
        for line in wrapped or [""]:
            line = line.replace(NO_BREAK_SPACE, " ")
            self.out.append(line.center(self.columns).rstrip() if center else line)

    def pair(self, text: str, *, center: bool = False) -> None:
        """``label: value`` on one line when it fits, else the label, then the value on lines
        of its own (an account, a transfer content, an address: read or typed as one)."""
        label, colon, value = text.partition(": ")
        if len(text) <= self.columns or not colon:
            self.add(text, center=center)
        else:
            self.add(f"{label}:", center=center)
            self.add(value, center=center)

    def amount(self, label: str, value: str) -> None:
        """The name, then the amount flush right: on the name's line when both fit, else the
        name wrapped and the amount on a line of its own."""
        if len(label) + 1 + len(value) <= self.columns:
            self.out.append(label + value.rjust(self.columns - len(label)))
        else:
            self.add(label)
            self.out.append(value.rjust(self.columns))

    def rule(self) -> None:
        self.out.append("-" * self.columns)


def _header(lines: _Lines, receipt: Receipt) -> None:
    lines.add(receipt.point.name, center=True)
    lines.add(receipt.point.ward, center=True)
    lines.rule()
    lines.add(receipt.title, center=True)
    if receipt.copy_label:
        lines.add(f"*** {receipt.copy_label} ***", center=True)
        if receipt.printed_at:
            lines.add(f"In lại lúc {receipt.printed_at}", center=True)
    lines.add(f"{receipt.code_label}: {receipt.receipt_code}", center=True)
    lines.add(f"Thời gian: {receipt.issued_at}", center=True)
    lines.rule()


def _section(lines: _Lines, section: Section) -> None:
    if section.heading:
        lines.add(section.heading.upper())
    for row in section.rows:
        if row.amount:
            lines.amount(row.label, row.value)
        else:
            lines.add(f"{row.label}: {row.value}")
    for item in section.items:
        lines.add(f"* {item}", indent="  ")
    if section.note:
        lines.add(section.note)
