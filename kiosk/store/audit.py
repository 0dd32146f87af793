"""The audit log: every write and export appends an entry linked in a SHA-256 hash chain.

``hash = sha256(prev_hash || canonical(entry))`` where the entry includes its ``seq``; the
first entry links to 64 zeros. Changing, inserting or deleting a row breaks the chain at that
entry, which :func:`verify` reports. Entries hold codes and ids only, never personal data.
Appending must happen inside a write transaction (BEGIN IMMEDIATE) so the head is current.

The chain alone cannot see its own end cut off (``DELETE FROM audit_log`` leaves an intact,
shorter chain), and nothing is written per save to anchor the head (the save path stays at its
rows). So :func:`verify` also cross-checks, at verify time, the rows every save writes in one
transaction: each record has its ``<kind>.create`` entry, and each outbox item and each
``<kind>.create`` entry names a record that exists (see :func:`coverage`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.store.crypto import canonical_json
from kiosk.store.db import insert_row
from kiosk.store.models import RECORD_TABLES, AuditEntry, db_time, utcnow

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


#: What each ``ChainReport.problem`` code means: (Vietnamese, English), for people.
PROBLEM_TEXT: dict[str, tuple[str, str]] = {
    "altered": ("một mục đã bị sửa", "an entry was altered"),
    "inserted": ("một mục bị chèn thêm", "an entry was inserted"),
    "deleted": ("một mục đã bị xóa", "an entry was deleted"),
    "broken_link": (
        "mắt xích bị đứt (mã băm của mục trước không khớp)",
        "broken link (the previous entry's hash does not match)",
    ),
    "missing_entries": (
        "có hồ sơ không có mục nhật ký tạo hồ sơ (nhật ký bị xóa bớt?)",
        "a record has no creation entry (entries deleted?)",
    ),
    "missing_records": (
        "hàng đợi gửi hoặc nhật ký nhắc tới hồ sơ không còn trong cơ sở dữ liệu",
        "an outbox item or creation entry names a record that is gone",
    ),
}


@dataclass(frozen=True, slots=True)
class Gap:
    """A link between the rows a save writes together that is missing. Codes and ids only.

    ``missing_entries``: the record ``kind``/``record_id`` (``receipt_code``) has no
    ``<kind>.create`` entry. ``missing_records``: the outbox item ``item_id``, or the creation
    entry ``entry_seq``, names a record that has no row (``receipt_code`` as the entry gave it,
    or None).
    """

    kind: str
    record_id: str
    receipt_code: str | None = None
    item_id: str | None = None
    entry_seq: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ChainReport:
    """What :func:`verify` found. ``head_seq``/``head_hash``: the last good entry.

    For ``missing_entries``/``missing_records`` the chain itself is intact (``entries``,
    ``head_*`` are its real head): ``first_bad_seq`` is the number after the head, where the
    missing entries would be if the end was cut off; ``gaps`` counts the records
    (missing_entries) or the items and entries (missing_records) concerned, ``first_gap`` is
    the earliest one.
    """

    ok: bool
    entries: int
    head_seq: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str | None = None  # a PROBLEM_TEXT key: altered | inserted | deleted | ...
    gaps: int = 0
    first_gap: Gap | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "first_bad_seq": self.first_bad_seq,
            "problem": self.problem,
            "gaps": self.gaps,
            "first_gap": None if self.first_gap is None else self.first_gap.as_dict(),
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
    """The chain (:func:`verify_chain`), then, if it is intact, :func:`coverage`."""
    chain = verify_chain(session)
    return coverage(session, chain) if chain.ok else chain


def verify_chain(session: Session) -> ChainReport:
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
    A deleted last row is not seen here: :func:`coverage` sees it when it was a record's
    ``<kind>.create`` entry, an export manifest's chain head sees any (and a rewritten tail).
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


# --- coverage: the rows a save writes together ------------------------------------------------

_TABLES = RECORD_TABLES
_CREATE_ACTIONS = ", ".join(f"'{kind}.create'" for kind in _TABLES)
_RECORDS = " UNION ALL ".join(
    f"SELECT '{kind}' AS kind, id, receipt_code, created_at FROM {table}"  # noqa: S608 (constants)
    for kind, table in _TABLES.items()
)
# Neither audit_log.record_id nor outbox.record_id is indexed (each index is one more page in
# every save's commit), so no correlated subquery here: a correlated NOT EXISTS over
# audit_log scans it once per record (hours at 1 M). An uncorrelated ``NOT IN (SELECT …)`` is
# built once into a temporary index (one scan of audit_log), then probed once per record; the
# other two look records up by their primary key. Bare columns beside min() come from the
# row holding the minimum (SQLite), so one pass gives the count and the earliest gap.
_MISSING_ENTRIES = text(
    "SELECT count(*), min(r.created_at), r.kind, r.id, r.receipt_code "  # noqa: S608
    f"FROM ({_RECORDS}) AS r WHERE (r.kind || '.create', r.id) NOT IN ("
    "SELECT a.action, a.record_id FROM audit_log AS a "
    f"WHERE a.action IN ({_CREATE_ACTIONS}) AND a.record_id IS NOT NULL)"
)
_HAS_RECORD = " ".join(
    f"WHEN '{kind}' THEN EXISTS (SELECT 1 FROM {table} AS r WHERE r.id = {{ref}})"  # noqa: S608
    for kind, table in _TABLES.items()
)
_ITEMS_WITHOUT_RECORD = text(
    "SELECT count(*), min(o.seq), o.kind, o.record_id, o.id FROM outbox AS o "  # noqa: S608
    f"WHERE NOT (CASE o.kind {_HAS_RECORD.format(ref='o.record_id')} ELSE 0 END)"
)
_ENTRIES_WITHOUT_RECORD = text(
    "SELECT count(*), min(a.seq), a.record_kind, a.record_id, "  # noqa: S608
    "CASE WHEN json_valid(a.detail) THEN json_extract(a.detail, '$.receipt_code') END "
    "FROM audit_log AS a "
    f"WHERE a.action IN ({_CREATE_ACTIONS}) AND NOT (CASE a.record_kind "
    f"{_HAS_RECORD.format(ref='a.record_id')} ELSE 0 END)"
)


def coverage(session: Session, chain: ChainReport) -> ChainReport:
    """``chain`` (an intact chain's report), or what is missing between records and entries.

    Every save writes its record row, outbox item and ``<kind>.create`` entry in one
    transaction and records are never deleted (a purge blanks columns, a correction adds an
    item and a ``<kind>.correct`` entry), so: a record without its creation entry means
    entries were deleted (``missing_entries``: ``DELETE FROM audit_log``, or its last rows), an
    outbox item or creation entry without its record means a record row was deleted
    (``missing_records``). Three set-based statements: O((records + entries + items) · log n),
    no index added and nothing written per save. The earliest gap is reported, ids and
    receipt code only.
    """
    count, _at, kind, record_id, code = session.execute(_MISSING_ENTRIES).one()
    if count:
        return _gap(chain, "missing_entries", count, Gap(kind, record_id, code))
    items, _seq, kind, record_id, item_id = session.execute(_ITEMS_WITHOUT_RECORD).one()
    entries, seq, entry_kind, entry_record, code = session.execute(_ENTRIES_WITHOUT_RECORD).one()
    if items:
        gap = Gap(kind, record_id, item_id=item_id)
    elif entries:
        gap = Gap(entry_kind, entry_record, code if isinstance(code, str) else None, entry_seq=seq)
    else:
        return chain
    return _gap(chain, "missing_records", items + entries, gap)


def _gap(chain: ChainReport, problem: str, count: int, gap: Gap) -> ChainReport:
    seq = chain.head_seq + 1
    return replace(chain, ok=False, first_bad_seq=seq, problem=problem, gaps=count, first_gap=gap)
