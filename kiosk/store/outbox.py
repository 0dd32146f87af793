"""The transactional outbox: items for the province, written with their record.

An item's ``id`` (UUIDv7) is created once, when the record is saved, and is the idempotency
key. Its payload is frozen: the canonical JSON that will be sent, sealed with AES-GCM, plus its
SHA-256 so a resend can be shown to be byte-identical. A correction never edits an item: it
creates a new item that supersedes the rejected one.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import uuid6
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.domain.fields import VN_TZ
from kiosk.store import audit
from kiosk.store.crypto import Cipher, canonical_json
from kiosk.store.db import insert_row
from kiosk.store.models import ItemState, OutboxItem, UTCDateTime, db_time, utcnow

# Notes (``last_error``) on an item withdrawn — its person's data deleted on request — shared
# by the purge and the relay: before the province holds it; while it may hold it (sent, no
# answer: ``doubt_since`` marks these, and the relay asks the province by id).
WITHDRAWN = "withdrawn: personal data deleted on request before the province accepted it"
WITHDRAWN_IN_DOUBT = (
    "Đã hủy gửi theo yêu cầu xóa dữ liệu sau khi mục đã được gửi mà chưa có trả lời; không rõ "
    "tỉnh đã nhận hay chưa, kiosk sẽ tự hỏi tỉnh theo mã mục. (withdrawn: personal data "
    "deleted on request after this item was sent with no answer; whether the province "
    "received it is unknown: the kiosk will ask the province by item id.)"
)


def new_item_id() -> str:
    return str(uuid6.uuid7())


def payload_aad(item_id: str) -> bytes:
    return f"outbox:{item_id}".encode("ascii")


def new_item(
    cipher: Cipher,
    *,
    item_id: str,
    kind: str,
    record_id: str,
    payload: dict[str, Any],
    depends_on: str | None = None,
    supersedes: str | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """A pending item's column values: the payload frozen (canonical JSON), sealed, and its
    keyed digest."""
    now = at or utcnow()
    frozen = canonical_json(payload)
    return {
        "id": item_id,
        "kind": kind,
        "record_id": record_id,
        "created_at": now,
        "created_at_local": now.astimezone(VN_TZ).isoformat(timespec="seconds"),
        "depends_on": depends_on,
        "payload_enc": cipher.seal(frozen, payload_aad(item_id)),
        "payload_mac": cipher.digest(frozen),
        "payload_size": len(frozen),
        "state": ItemState.PENDING.value,
        "attempts": 0,
        "supersedes": supersedes,
        "updated_at": now,
    }


def enqueue(
    session: Session,
    cipher: Cipher,
    *,
    item_id: str,
    kind: str,
    record_id: str,
    payload: dict[str, Any],
    depends_on: str | None = None,
    supersedes: str | None = None,
    at: datetime | None = None,
) -> OutboxItem:
    """Add a pending item; the caller's transaction also writes the record and audit entry."""
    item = OutboxItem(
        **new_item(
            cipher,
            item_id=item_id,
            kind=kind,
            record_id=record_id,
            payload=payload,
            depends_on=depends_on,
            supersedes=supersedes,
            at=at,
        )
    )
    session.add(item)
    session.flush()
    return item


def enqueue_sql(raw: sqlite3.Connection, item: dict[str, Any]) -> None:
    """:func:`enqueue` in plain SQL (the save path): ``item`` as :func:`new_item` made it."""
    stored = {**item, "created_at": db_time(item["created_at"])}
    stored["updated_at"] = db_time(item["updated_at"])
    insert_row(raw, "outbox", stored)


def frozen_payload(cipher: Cipher, item: OutboxItem) -> bytes:
    """The exact bytes that go on the wire as this item's ``payload``."""
    if item.payload_enc is None:
        raise ValueError(f"payload of item {item.id} was purged")
    return cipher.open(item.payload_enc, payload_aad(item.id))


def wire_item(cipher: Cipher, item: OutboxItem) -> dict[str, Any]:
    """The contract-v1 ITEM for this outbox row."""
    return {
        "id": item.id,
        "kind": item.kind,
        "created_at": item.created_at_local,
        "depends_on": item.depends_on,
        "payload": json.loads(frozen_payload(cipher, item)),
    }


def recover_in_flight(session: Session, actor: str = "system") -> int:
    """At start-up: an item left in flight may or may not have reached the province.

    It becomes ``unknown``, which the sync engine reconciles (GET /submissions/{id} or an
    identical resend) before sending anything newer. Nothing is dropped or resent blindly.
    """
    ids = (
        session.execute(select(OutboxItem.id).where(OutboxItem.state == ItemState.IN_FLIGHT.value))
        .scalars()
        .all()
    )
    if not ids:
        return 0
    session.execute(
        update(OutboxItem)
        .where(OutboxItem.id.in_(ids))
        .values(state=ItemState.UNKNOWN.value, updated_at=utcnow())
    )
    audit.append(session, actor, "outbox.recover_in_flight", detail={"items": len(ids)})
    return len(ids)


def supersede(session: Session, old: OutboxItem, new_item_id: str) -> None:
    if old.state != ItemState.REJECTED.value:
        raise ValueError("only a rejected item can be superseded by a correction")
    old.state = ItemState.SUPERSEDED.value
    old.superseded_by = new_item_id
    old.updated_at = utcnow()


def supersede_waiting(session: Session, old: OutboxItem, new_item_id: str) -> None:
    """A never-sent dependent (pending behind a rejected dossier) replaced by a re-pointed copy."""
    if old.state != ItemState.PENDING.value:
        raise ValueError("only a pending dependent can be re-pointed")
    old.state = ItemState.SUPERSEDED.value
    old.superseded_by = new_item_id
    old.updated_at = utcnow()


@dataclass(frozen=True, slots=True)
class QueueSummary:
    counts: dict[str, int]
    oldest_pending_at: datetime | None
    total: int

    def oldest_pending_age_s(self, now: datetime | None = None) -> float | None:
        if self.oldest_pending_at is None:
            return None
        return ((now or utcnow()) - self.oldest_pending_at).total_seconds()


WAITING_STATES = (ItemState.PENDING.value, ItemState.IN_FLIGHT.value, ItemState.UNKNOWN.value)


def summary(session: Session) -> QueueSummary:
    rows = session.execute(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)).all()
    counts = {state.value: 0 for state in ItemState}
    counts.update({state: n for state, n in rows})
    oldest = session.execute(
        select(func.min(OutboxItem.created_at)).where(OutboxItem.state.in_(WAITING_STATES))
    ).scalar_one_or_none()
    return QueueSummary(counts, _as_datetime(oldest), sum(counts.values()))


def _as_datetime(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return UTCDateTime().process_result_value(str(value), None)  # type: ignore[arg-type]
