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


_DETAIL = json.JSONEncoder(ensure_ascii=False, sort_keys=True)  # = json.dumps(…, same options)


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
    detail_text = _DETAIL.encode(detail or {})
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
    problem: str | None = None  # altered | inserted | deleted | broken_link

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


def _recomputed(row: AuditEntry, seq: int | None = None) -> str:
    """The hash ``row`` should carry, from its own content (at ``seq`` if given)."""
    return entry_hash(
        row.prev_hash,
        row.seq if seq is None else seq,
        row.at,
        row.actor,
        row.action,
        row.record_kind,
        row.record_id,
        row.detail,
    )


def verify(session: Session) -> ChainReport:
    """Walk the chain; report the first entry that was altered, inserted or deleted.

    * ``deleted``: a number is missing (``first_bad_seq`` is the missing number), or the rows
      after a deleted one were renumbered (a row's own hash only fits the next number);
    * ``inserted``: a forged row slipped in with the later rows renumbered — either its hash
      does not fit while the row after it links straight to the row before it, or its hash
      fits and the row after it only fits the number before its own — or a row numbered
      before the first;
    * ``altered``: a row's content no longer gives its hash; ``broken_link``: a row's
      ``prev_hash`` is not the previous row's hash (and nothing above explains it).
    An extra row appended at the end cannot be told from an altered last row: ``altered``.
    A deleted last row (or a rewritten tail) is caught by an export manifest's chain head.
    """
    hashes, expected_seq, count = [GENESIS, GENESIS], 1, 0  # [before previous, previous]
    rows = _rows(session)
    row = next(rows, None)
    while row is not None:
        count += 1
        following = next(rows, None)
        found = _problem(row, following, expected_seq, hashes[1])
        if found is not None:
            problem, seq = found
            return _bad(count, seq, problem, hashes[0 if seq < expected_seq else 1])
        hashes, expected_seq, row = [hashes[1], row.hash], row.seq + 1, following
    return ChainReport(True, count, expected_seq - 1, hashes[1])


def _problem(
    row: AuditEntry, following: AuditEntry | None, expected_seq: int, prev_hash: str
) -> tuple[str, int] | None:
    """(problem, first bad seq) of ``row``, the row expected to be number ``expected_seq``."""
    if row.seq > expected_seq:
        return "deleted", expected_seq
    if row.seq < expected_seq:
        return "inserted", row.seq
    if row.prev_hash != prev_hash:
        if _recomputed(row, row.seq + 1) == row.hash:  # it was the next one: renumbered down
            return "deleted", row.seq
        if _recomputed(row, row.seq - 1) == row.hash:  # renumbered up: the one before is new
            return "inserted", row.seq - 1
        return "broken_link", row.seq
    if _recomputed(row) != row.hash:
        skipped = following is not None and following.prev_hash == prev_hash
        return ("inserted" if skipped else "altered"), row.seq
    return None


def _bad(count: int, seq: int, problem: str, prev_hash: str) -> ChainReport:
    return ChainReport(False, count, max(seq - 1, 0), prev_hash, first_bad_seq=seq, problem=problem)
