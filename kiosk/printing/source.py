"""Gathering what a receipt needs from the data home: the record by its receipt code, its
current payload (decrypted), the facts around it, and the support point from the settings.

The impure half of receipt building; :func:`kiosk.printing.prepare.prepare` is the pure half.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.units import default_units
from kiosk.printing.model import PointInfo
from kiosk.printing.prepare import ReceiptSource
from kiosk.services.context import Kiosk
from kiosk.services.receipt_codes import normalise
from kiosk.services.records import record_payload
from kiosk.store.db import read_session
from kiosk.store.models import RECORD_MODELS, Dossier, Payment, Procedure, RecordMixin


class ReceiptUnavailable(LookupError):
    """No receipt can be made; ``message`` is Vietnamese for the volunteer."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class RecordRef:
    kind: str
    id: str
    receipt_code: str


def find_record(session: Session, receipt_code: str) -> tuple[str, RecordMixin]:
    code = normalise(receipt_code)
    for kind, model in RECORD_MODELS.items():
        found = session.execute(
            select(model).where(model.receipt_code == code)
        ).scalar_one_or_none()
        if found is not None:
            return kind, found
    raise ReceiptUnavailable("not_found", f"Không tìm thấy biên nhận {code}.")


def record_ref(kiosk: Kiosk, receipt_code: str) -> RecordRef:
    with read_session(kiosk.engine) as session:
        kind, record = find_record(session, receipt_code)
        return RecordRef(kind, record.id, record.receipt_code)


def load_source(kiosk: Kiosk, receipt_code: str) -> ReceiptSource:
    """The record behind ``receipt_code`` as a :class:`ReceiptSource`."""
    with read_session(kiosk.engine) as session:
        kind, record = find_record(session, receipt_code)
        payload = record_payload(kiosk, session, record)
        if payload is None:
            raise ReceiptUnavailable(
                "purged",
                "Dữ liệu của biên nhận này đã được xóa theo thời hạn lưu trữ; không in lại được.",
            )
        extra = _extra(kiosk, session, kind, record, payload)
        return ReceiptSource(
            kind=kind,
            receipt_code=record.receipt_code,
            saved_at=record.created_at,
            actor=record.actor,
            payload=payload,
            **extra,
        )


def _extra(
    kiosk: Kiosk, session: Session, kind: str, record: RecordMixin, payload: dict[str, Any]
) -> dict[str, Any]:
    if isinstance(record, Dossier):
        return {
            "paid": _paid(kiosk, session, record.id),
            "due_at": record.due_at,
            "ma_ho_so": record.ma_ho_so,
        }
    if kind in ("payment", "registration"):
        dossier_id = getattr(record, "dossier_id", None)
        code = session.get(Dossier, dossier_id).receipt_code if dossier_id else None  # type: ignore[union-attr]
        return {"linked_code": code}
    if kind == "visit" and payload.get("MaTTHC"):
        name = session.execute(
            select(Procedure.name).where(Procedure.code == payload["MaTTHC"])
        ).scalar_one_or_none()
        return {"procedure_name": name}
    return {}


def _paid(kiosk: Kiosk, session: Session, dossier_id: str) -> int:
    """Payments recorded against the dossier; a VietQR one without a bank reference is
    still awaiting the transfer and does not count."""
    total = 0
    payments = session.execute(select(Payment).where(Payment.dossier_id == dossier_id)).scalars()
    for payment in payments:
        if payment.method == "vietqr":
            body = record_payload(kiosk, session, payment) or {}
            if not body.get("MaThamChieu"):
                continue
        total += payment.amount
    return total


def point_info(kiosk: Kiosk) -> PointInfo:
    """The support point as printed, from the settings and the units dataset."""
    settings = kiosk.settings
    ward = default_units().ward(settings.get_str("kiosk.ward_code"))
    province = default_units().province(ward.province_code) if ward else None
    kind = "thành phố" if province and province.type.startswith("thanh_pho") else "tỉnh"
    parts = (ward.name if ward else "", f"{kind} {province.name}" if province else "")
    place = ", ".join(part for part in parts if part)
    return PointInfo(
        name=settings.get_str("kiosk.name"),
        ward=place,
        kiosk_code=settings.get_str("kiosk.code"),
        hotline=settings.get_str("kiosk.hotline"),
        privacy=settings.get_str("receipt.privacy"),
        lookup_url=settings.get_str("lookup.url"),
        bank_bin=settings.get_str("payment.bank_bin"),
        bank_account=settings.get_str("payment.account"),
        bank_name=settings.get_str("payment.bank_name"),
        beneficiary=settings.get_str("payment.beneficiary"),
    )
