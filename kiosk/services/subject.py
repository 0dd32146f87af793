"""“Data about me”: one person's local records, found by their ID number, shown or deleted.

A resident may ask what the kiosk holds about them and ask for it to be deleted (Law
91/2025/QH15). The technician types the person's 12-digit ID number (CCCD); nothing stores
that number, so the records are found by:

* ``id`` — ``subject_ref`` (HMAC-SHA256 of the number under a key derived from the data key)
  on dossiers, payments and registrations;
* ``linked`` — payments and registrations attached to one of those dossiers (a postal-return
  registration carries the dossier holder's name, phone and address but no ID number);
* ``content`` — any other record whose sealed payload contains the number (a family member
  named in a registration, a paper-form import): every live payload is opened and searched.

Feedback and visits hold no ID number; a person named only there cannot be found this way
(retention removes them after acceptance). Every search, view and deletion is audited with
counts only. Deleting records the province has not accepted yet needs ``force``: they are
withdrawn (never sent) — the person then has to apply again.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.errors import FieldError, ValidationError
from kiosk.domain.fields import VN_TZ
from kiosk.domain.registrations import SERVICES
from kiosk.printing import labels
from kiosk.printing.money import format_number
from kiosk.services import purge
from kiosk.services.context import Kiosk
from kiosk.services.records import record_payload
from kiosk.store import audit, outbox
from kiosk.store.db import read_session, write_session
from kiosk.store.models import (
    RECORD_MODELS,
    Dossier,
    Feedback,
    OutboxItem,
    Payment,
    RecordMixin,
    Registration,
    Visit,
)

_ID = re.compile(r"[0-9]{12}")


class SubjectPurgeRefused(Exception):
    """Some of the person's records are not accepted by the province yet (use ``force``)."""

    def __init__(self, unsent: list[SubjectRecord]) -> None:
        codes = ", ".join(f"{r.kind} {r.receipt_code} ({r.state})" for r in unsent)
        super().__init__(
            f"Còn {len(unsent)} mục tỉnh chưa nhận: {codes}. Xóa sẽ hủy việc gửi các mục này; "
            f"dùng --force nếu người dân đồng ý. (Items the province has not accepted yet: "
            f"{len(unsent)}; deleting withdraws them: use --force if the person agrees.)"
        )
        self.unsent = unsent


@dataclass(frozen=True, slots=True)
class SubjectRecord:
    """One record of the person, masked: safe to show on the technician's screen."""

    kind: str
    record_id: str
    receipt_code: str
    created_at: str  # dd/MM/yyyy HH:mm, Vietnam time
    state: str  # of the record's current outbox item
    masked: str  # "N.V.A. 056*****1234" (dossiers, payments, registrations)
    what: str  # procedure name, service, payment purpose + amount
    found_by: str  # id | linked | content

    @property
    def accepted(self) -> bool:
        return self.state not in purge.UNSENT

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "accepted": self.accepted}

    def target(self) -> purge.Target:
        return purge.Target(self.kind, self.record_id, self.receipt_code, self.state)


def normalise_id(number: str) -> str:
    digits = number.replace(" ", "").replace(".", "").strip()
    if not _ID.fullmatch(digits):
        raise ValidationError(
            [
                FieldError(
                    "cccd",
                    "invalid_format",
                    "Số định danh cá nhân phải gồm đúng 12 chữ số.",
                    "The personal ID number must be exactly 12 digits.",
                )
            ]
        )
    return digits


def find(kiosk: Kiosk, number: str, actor: str, *, deep: bool = True) -> list[SubjectRecord]:
    """The person's live records, masked (audited ``subject.find``, count only)."""
    found = _find(kiosk, normalise_id(number), deep)
    with write_session(kiosk.engine) as session:
        audit.append(session, actor, "subject.find", detail={"records": len(found)})
    return found


def full_view(kiosk: Kiosk, number: str, actor: str) -> list[dict[str, Any]]:
    """Each record with its full payload, for the technician (audited ``subject.view``)."""
    records = _find(kiosk, normalise_id(number), deep=True)
    shown: list[dict[str, Any]] = []
    with read_session(kiosk.engine) as session:
        for record in records:
            row = session.get(RECORD_MODELS[record.kind], record.record_id)
            payload = record_payload(kiosk, session, row) if row is not None else None
            shown.append({**record.as_dict(), "payload": payload})
    with write_session(kiosk.engine) as session:
        audit.append(session, actor, "subject.view", detail={"records": len(shown)})
    return shown


def purge_subject(
    kiosk: Kiosk, number: str, actor: str, *, force: bool = False
) -> tuple[list[SubjectRecord], purge.PurgeReport]:
    """Delete the person's personal data from every record found; refuses (listing them)
    when some are not accepted by the province yet, unless ``force``."""
    records = _find(kiosk, normalise_id(number), deep=True)
    unsent = [r for r in records if not r.accepted]
    if unsent and not force:
        raise SubjectPurgeRefused(unsent)
    report = purge.purge(
        kiosk,
        [r.target() for r in records],
        actor=actor,
        action="subject.purge",
        detail={"forced": bool(force and unsent), "not_accepted": len(unsent)},
    )
    return records, report


# --- finding ---------------------------------------------------------------------------------


def _find(kiosk: Kiosk, number: str, deep: bool) -> list[SubjectRecord]:
    ref = kiosk.cipher.subject_ref(number)
    found: dict[str, tuple[datetime, SubjectRecord]] = {}
    with read_session(kiosk.engine) as session:
        for model in (Dossier, Payment, Registration):
            rows = session.execute(
                select(model).where(model.subject_ref == ref, model.purged_at.is_(None))
            ).scalars()
            _add(session, found, rows, "id")
        dossiers = [r.record_id for _, r in found.values() if r.kind == "dossier"]
        for model in (Payment, Registration):
            rows = session.execute(
                select(model).where(model.dossier_id.in_(dossiers), model.purged_at.is_(None))
            ).scalars()
            _add(session, found, rows, "linked")
        if deep:
            _add(session, found, _by_content(kiosk, session, number, set(found)), "content")
    return [record for _, record in sorted(found.values(), key=lambda p: (p[0], p[1].record_id))]


def _by_content(kiosk: Kiosk, session: Session, number: str, known: set[str]) -> list[RecordMixin]:
    needle = number.encode("ascii")
    hits: dict[str, str] = {}
    rows = session.execute(
        select(OutboxItem)
        .where(OutboxItem.payload_enc.is_not(None))
        .execution_options(yield_per=500)
    ).scalars()
    for item in rows:
        if item.record_id in known or item.record_id in hits:
            continue
        if needle in outbox.frozen_payload(kiosk.cipher, item):
            hits[item.record_id] = item.kind
    records: list[RecordMixin] = []
    for record_id, kind in hits.items():
        row = session.get(RECORD_MODELS[kind], record_id)
        if row is not None and row.purged_at is None:
            records.append(row)
    return records


def _add(
    session: Session, found: dict[str, tuple[datetime, SubjectRecord]], rows: Any, how: str
) -> None:
    for row in rows:
        if row.id not in found:
            found[row.id] = (row.created_at, _summary(session, row, how))


def _summary(session: Session, row: RecordMixin, how: str) -> SubjectRecord:
    kind = next(k for k, m in RECORD_MODELS.items() if isinstance(row, m))
    state = session.execute(
        select(OutboxItem.state).where(OutboxItem.id == row.current_item_id)
    ).scalar_one()
    return SubjectRecord(
        kind=kind,
        record_id=row.id,
        receipt_code=row.receipt_code,
        created_at=row.created_at.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M"),
        state=state,
        masked=_masked(row),
        what=_what(row),
        found_by=how,
    )


def _masked(row: RecordMixin) -> str:
    if isinstance(row, Payment):
        return row.payer_masked
    return str(getattr(row, "subject_masked", "") or "-")


def _what(row: RecordMixin) -> str:
    """What the record is, in the receipts' own words (read out to the person)."""
    if isinstance(row, Dossier):
        return f"{row.procedure_code} {row.procedure_name}"
    if isinstance(row, Payment):
        kind = labels.PAYMENT_TYPES.get(row.purpose, row.purpose)
        return f"{kind} {format_number(row.amount)} đồng"
    if isinstance(row, Registration):
        schema = SERVICES.get(row.service)
        return schema.label if schema is not None else row.service
    if isinstance(row, Feedback):
        return labels.FEEDBACK_TOPICS.get(row.topic, row.topic)
    if isinstance(row, Visit):
        return labels.VISIT_TOPICS.get(row.topic, row.topic)
    return ""
