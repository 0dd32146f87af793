"""The receipt model: what a receipt says, built once by :func:`kiosk.printing.prepare.prepare`
and drawn by every renderer (thermal raster, ESC/POS text, PDF).

Plain frozen data, NFC text, no personal data beyond what the resident's own receipt shows
(name, masked ID ``056*****1234``, masked phone). Renderers decide the looks, never the words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kiosk.domain.fields import VN_TZ


@dataclass(frozen=True, slots=True)
class Row:
    """One ``label: value`` line; ``amount`` rows put the value flush right (money)."""

    label: str
    value: str
    strong: bool = False
    amount: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A group of rows under an optional heading, then optional bullet items (papers)."""

    heading: str | None = None
    rows: tuple[Row, ...] = ()
    items: tuple[str, ...] = ()
    note: str | None = None  # a sentence under the rows (amount in words, a caveat)


@dataclass(frozen=True, slots=True)
class QrCode:
    """A QR code on the receipt: its content and the caption lines printed beside it.

    ``details`` are the lines printed instead of the code where the printer cannot draw one
    (text modes on a profile without the QR command): what the code holds, in words a
    resident can type (the look-up address; the bank, account, amount and transfer content).
    """

    content: str
    caption: tuple[str, ...]
    purpose: str  # "lookup" (the receipt code) or "payment" (VietQR)
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PointInfo:
    """The support point, from settings and the units dataset."""

    name: str  # "Điểm hỗ trợ DVC trực tuyến Phường Nha Trang"
    ward: str  # "Phường Nha Trang, tỉnh Khánh Hòa"
    kiosk_code: str
    hotline: str
    privacy: str  # the privacy notice line
    lookup_url: str = ""
    bank_bin: str = ""
    bank_account: str = ""
    bank_name: str = ""
    beneficiary: str = ""


@dataclass(frozen=True, slots=True)
class Receipt:
    kind: str  # dossier | payment | registration | feedback | visit | test
    title: str
    point: PointInfo
    receipt_code: str
    issued_at: str  # dd/MM/yyyy HH:mm, Vietnam time (when the record was saved)
    sections: tuple[Section, ...]
    qr_codes: tuple[QrCode, ...]
    footer: tuple[str, ...]  # volunteer, notes
    copy_number: int = 0  # 0 the original; n the n-th reprint
    printed_at: str | None = None  # dd/MM/yyyy HH:mm of a reprint
    subtitle: str | None = None
    code_label: str = "Mã biên nhận"
    meta: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def is_copy(self) -> bool:
        return self.copy_number > 0

    @property
    def copy_label(self) -> str | None:
        """``BẢN SAO – in lại lần 2`` on a reprint, None on the original."""
        if not self.is_copy:
            return None
        return f"BẢN SAO – in lại lần {self.copy_number}"

    def all_text(self) -> list[str]:
        """Every string a renderer may draw, in order (for checks: no full ID anywhere)."""
        out = [self.point.name, self.point.ward, self.title, self.receipt_code, self.issued_at]
        out += [self.copy_label or "", self.printed_at or "", self.subtitle or ""]
        for section in self.sections:
            out += [section.heading or "", section.note or "", *section.items]
            out += [f"{row.label}: {row.value}" for row in section.rows]
        for qr in self.qr_codes:
            out += [qr.content, *qr.caption, *qr.details]
        out += [*self.footer, self.point.privacy, self.point.hotline]
        return [text for text in out if text]


def vn_datetime(moment: datetime) -> str:
    """``dd/MM/yyyy HH:mm`` of an aware datetime, in Vietnam time."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime refused")
    return moment.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")
