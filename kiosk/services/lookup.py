"""A resident looks their dossier up by the code on their receipt (typed or scanned)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select

from kiosk.domain import statuses
from kiosk.services.context import Kiosk
from kiosk.services.receipt_codes import normalise
from kiosk.store.db import read_session
from kiosk.store.models import Dossier, ItemState, OutboxItem


@dataclass(frozen=True, slots=True)
class DossierLookup:
    receipt_code: str
    procedure_code: str
    procedure_name: str
    status_code: int | None
    status: str  # Vietnamese words
    status_en: str
    ma_ho_so: str | None  # the official code, once the one-stop system assigned it
    due: str | None  # dd/MM/yyyy
    saved_at: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def by_receipt_code(kiosk: Kiosk, typed: str) -> DossierLookup | None:
    code = normalise(typed)
    with read_session(kiosk.engine) as session:
        dossier = session.execute(
            select(Dossier).where(Dossier.receipt_code == code)
        ).scalar_one_or_none()
        if dossier is None:
            return None
        state = session.execute(
            select(OutboxItem.state).where(OutboxItem.id == dossier.current_item_id)
        ).scalar_one()
    if dossier.status_code is not None:
        words = statuses.status_words(dossier.status_code)
    elif state in (ItemState.ACCEPTED.value, ItemState.DUPLICATE.value):
        words = statuses.SENT_NO_STATUS
    elif state == ItemState.REJECTED.value:
        words = statuses.NEEDS_CORRECTION
    else:
        words = statuses.NOT_SENT_YET
    due = dossier.due_at
    return DossierLookup(
        receipt_code=dossier.receipt_code,
        procedure_code=dossier.procedure_code,
        procedure_name=dossier.procedure_name,
        status_code=dossier.status_code,
        status=words[0],
        status_en=words[1],
        ma_ho_so=dossier.ma_ho_so,
        due=f"{due[6:8]}/{due[4:6]}/{due[0:4]}" if due and len(due) >= 8 else None,
        saved_at=dossier.created_at.isoformat(),
    )
