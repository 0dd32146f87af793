"""What the payment and registration screens need around a save: the dossier a payment or a
postal-return registration belongs to (found by its receipt code), what is still due on it,
a check of a payment before its VietQR code is shown, and that code.

Pure service code (no Qt); the save itself is :func:`kiosk.services.records.save_record`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from kiosk.domain.errors import FieldError, ValidationError
from kiosk.domain.fields import VN_TZ
from kiosk.domain.payloads import validate_payload
from kiosk.printing.vietqr import Beneficiary, ascii_purpose, build_payload
from kiosk.services import lookup
from kiosk.services.context import Kiosk
from kiosk.services.receipt_codes import normalise
from kiosk.services.records import record_payload, validation_context
from kiosk.store.db import read_session
from kiosk.store.models import Dossier, Payment, Registration, utcnow

VN_FEE = "Lệ phí"
DOSSIER_PATH = "payload.dossier_id"


@dataclass(frozen=True, slots=True)
class DossierDue:
    """A dossier saved at this kiosk, as a payment screen may show it (no personal data)."""

    dossier_id: str  # what a payment/registration names in ``dossier_id``
    receipt_code: str
    procedure_name: str
    fee_total: int
    paid: int
    fee_kind: str  # LoaiKhoanNop: "le_phi" when any fee is a Lệ phí, else "phi"
    fee_names: tuple[str, ...]
    postal_return: bool  # a postal_return registration already exists for it

    @property
    def unpaid(self) -> int:
        return max(self.fee_total - self.paid, 0)

    @property
    def content(self) -> str:
        """``NoiDung`` of a payment for this dossier: the fee names, else the procedure."""
        names = "; ".join(self.fee_names) or self.procedure_name
        return f"{names} (hồ sơ {self.receipt_code})"


def dossier_due(kiosk: Kiosk, typed: str) -> DossierDue | None:
    """The dossier with this receipt code (typed or scanned), or None."""
    code = normalise(typed)
    with read_session(kiosk.engine) as session:
        dossier = session.execute(
            select(Dossier).where(Dossier.receipt_code == code)
        ).scalar_one_or_none()
        if dossier is None:
            return None
        fees = (record_payload(kiosk, session, dossier) or {}).get("DanhSachLePhi") or []
        paid = _paid(kiosk, session, dossier.id)
        postal = session.execute(
            select(Registration.id).where(
                Registration.dossier_id == dossier.id, Registration.service == "postal_return"
            )
        ).first()
        return DossierDue(
            dossier_id=dossier.id,
            receipt_code=dossier.receipt_code,
            procedure_name=dossier.procedure_name,
            fee_total=dossier.fee_total,
            paid=paid,
            fee_kind="le_phi" if any(f.get("LoaiPhiLePhi") == VN_FEE for f in fees) else "phi",
            fee_names=tuple(str(f.get("TenPhiLePhi") or "") for f in fees if f.get("TenPhiLePhi")),
            postal_return=postal is not None,
        )


def require_dossier(
    kiosk: Kiosk, typed: str, *, postal_return: bool = False, alone: bool = False
) -> DossierDue:
    """The dossier a payment or a postal-return registration names, or ValidationError at
    ``payload.dossier_id`` (unknown code; postal return already registered for it).
    ``alone``: a resident on their own — the look-up guard of :mod:`kiosk.services.lookup`
    applies (what a found dossier shows, its procedure and fees, is a look-up too)."""
    due = dossier_due(kiosk, typed) if typed.strip() else None
    if due is not None and alone:
        try:
            lookup.admit(kiosk, normalise(typed))
        except lookup.LookupsPaused as paused:
            raise ValidationError(
                [FieldError(DOSSIER_PATH, "lookups_paused", paused.message, paused.message_en)]
            ) from None
    if due is None:
        raise ValidationError(
            [
                FieldError(
                    DOSSIER_PATH,
                    "unknown_dossier",
                    "Không tìm thấy hồ sơ có mã biên nhận này tại điểm hỗ trợ; "
                    "xin kiểm tra lại mã trên giấy biên nhận.",
                    "No dossier filed at this support point has this receipt code.",
                )
            ]
        )
    if postal_return and due.postal_return:
        raise ValidationError(
            [
                FieldError(
                    DOSSIER_PATH,
                    "duplicate",
                    "Hồ sơ này đã đăng ký nhận kết quả tại nhà qua bưu chính.",
                    "Home delivery by post is already registered for this dossier.",
                )
            ]
        )
    return due


def _paid(kiosk: Kiosk, session: Any, dossier_id: str) -> int:
    """Recorded payments; a VietQR one without the bank's reference is not paid yet."""
    total = 0
    for payment in session.execute(
        select(Payment).where(Payment.dossier_id == dossier_id)
    ).scalars():
        if payment.method == "vietqr":
            body = record_payload(kiosk, session, payment) or {}
            if not body.get("MaThamChieu"):
                continue
        total += int(payment.amount)
    return total


def check_payment(kiosk: Kiosk, payload: Mapping[str, Any], now: datetime | None = None) -> None:
    """Raise ValidationError (every problem) if ``payload`` would be refused by the save."""
    validate_payload("payment", payload, validation_context(kiosk, now or utcnow()))


@dataclass(frozen=True, slots=True)
class TransferCode:
    """A VietQR code and what the screen prints around it."""

    payload: str
    amount: int
    purpose: str  # as carried in the code: ASCII, ≤ 25 characters
    beneficiary: str
    account: str
    bank_name: str


def transfer_purpose(prefix: str, kind: str, dossier_code: str | None, at: datetime) -> str:
    """What the transfer says: the dossier's receipt code and the kind of payment, or, for
    a payment without a dossier, the kiosk's prefix, the kind and the day."""
    words = {"le_phi": "LE PHI", "phi": "PHI", "dong_gop": "DONG GOP"}.get(kind, "DICH VU")
    if dossier_code:
        return ascii_purpose(f"{dossier_code} {words}")
    return ascii_purpose(f"{prefix} {words} {at.astimezone(VN_TZ):%y%m%d}")


TRANSFER_KEYS = ("payment.bank_bin", "payment.account", "payment.beneficiary")


def transfer_ready(kiosk: Kiosk) -> bool:
    """The ward's account is set (BIN, account, beneficiary): transfers can be offered."""
    return all(kiosk.settings.get_str(key) for key in TRANSFER_KEYS)


def transfer_code(kiosk: Kiosk, amount: int, purpose: str) -> TransferCode:
    """The VietQR code for ``amount`` to the configured beneficiary (VietQRError if unset)."""
    settings = kiosk.settings
    beneficiary = Beneficiary(
        settings.get_str("payment.bank_bin"),
        settings.get_str("payment.account"),
        settings.get_str("payment.beneficiary"),
    )
    return TransferCode(
        payload=build_payload(beneficiary, amount, purpose),
        amount=amount,
        purpose=ascii_purpose(purpose),
        beneficiary=beneficiary.name,
        account=beneficiary.account,
        bank_name=settings.get_str("payment.bank_name"),
    )
