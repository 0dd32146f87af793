"""The audit log: every write and export appends an entry linked in a SHA-256 hash chain.

``hash = sha256(prev_hash || canonical(entry))`` where the entry includes its ``seq``; the
first entry links to 64 zeros. Changing, inserting or deleting a row breaks the chain at that
entry, which :func:`verify` reports. Entries hold codes and ids only, never personal data.
Appending must happen inside a write transaction (BEGIN IMMEDIATE) so the head is current.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.crypto import canonical_json
from kiosk.store.db import insert_row
from kiosk.store.models import AuditEntry, db_time, utcnow

GENESIS = "0" * 64


def entry_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    record_kind: str | None,
    record_id: str | None,
    detail: str,
) -> str:
    body = canonical_json(
        {
            "seq": seq,
            "at": db_time(at),
            "actor": actor,
            "action": action,
            "record_kind": record_kind,
            "record_id": record_id,
            "detail": detail,
        }
    )
    return hashlib.sha256(prev_hash.encode("ascii") + b"|" + body).hexdigest()


def head(session: Session) -> tuple[int, str]:
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (0, GENESIS) if last is None else (last.seq, last.hash)


def next_entry(
    head_now: tuple[int, str],
    actor: str,
    action: str,
    record_kind: str | None = None,
    record_id: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """The entry that follows ``head_now`` (seq, hash): its column values, hash included."""
    seq, prev = head_now[0] + 1, head_now[1]
    when = at or utcnow()
    detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    return {
        "seq": seq,
        "at": when,
        "actor": actor,
        "action": action,
        "record_kind": record_kind,
        "record_id": record_id,
        "detail": detail_text,
        "prev_hash": prev,
        "hash": entry_hash(prev, seq, when, actor, action, record_kind, record_id, detail_text),
    }


def append(
    session: Session,
    actor: str,
    action: str,
    record_kind: str | None = None,
    record_id: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    values = next_entry(head(session), actor, action, record_kind, record_id, detail, at)
    entry = AuditEntry(**values)
    session.add(entry)
    session.flush()
    return entry


_HEAD_SQL = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"


def append_sql(
    raw: sqlite3.Connection,
    actor: str,
    action: str,
    record_kind: str | None = None,
    record_id: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> None:
    """:func:`append` in plain SQL, for the save path (:func:`kiosk.store.db.write_connection`).

    Same entry, same chain: the head is read inside the caller's BEGIN IMMEDIATE transaction.
    """
    last = raw.execute(_HEAD_SQL).fetchone()
    entry = next_entry(last or (0, GENESIS), actor, action, record_kind, record_id, detail, at)
    entry["at"] = db_time(entry["at"])
    insert_row(raw, "audit_log", entry)


@dataclass(frozen=True, slots=True)
class ChainReport:
    ok: bool
    entries: int
    head_seq: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str | None = None  # altered | inserted_or_reordered | deleted | broken_link

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "first_bad_seq": self.first_bad_seq,
            "problem": self.problem,
        }


def _rows(session: Session) -> Iterator[AuditEntry]:
    yield from session.execute(
        select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=2000)
    ).scalars()


def verify(session: Session) -> ChainReport:
    """Walk the chain; report the first entry that was altered, inserted or deleted."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    for row in _rows(session):
        count += 1
        recomputed = entry_hash(
            row.prev_hash,
            row.seq,
            row.at,
            row.actor,
            row.action,
            row.record_kind,
            row.record_id,
            row.detail,
        )
        if row.seq != expected_seq:
            problem = "deleted" if row.seq > expected_seq else "inserted_or_reordered"
            return _bad(count, expected_seq, problem, prev_hash)
        if row.prev_hash != prev_hash:
            return _bad(count, row.seq, "broken_link", prev_hash)
        if recomputed != row.hash:
            return _bad(count, row.seq, "altered", prev_hash)
        prev_hash, expected_seq = row.hash, row.seq + 1
    return ChainReport(True, count, expected_seq - 1, prev_hash)


def _bad(count: int, seq: int, problem: str, prev_hash: str) -> ChainReport:
    return ChainReport(False, count, seq - 1, prev_hash, first_bad_seq=seq, problem=problem)
