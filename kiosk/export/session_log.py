"""The session log: everything that happened at the kiosk in a period, in time order, streamed.

Three kinds of source, each one ``ORDER BY`` query on the same read snapshot, merged by time
(:func:`heapq.merge`, so nothing is held in memory but one row per source):

* the **records** (guidance visits, dossiers, payments, registrations, feedback) with their
  procedure, amount, masked subject, the *current* sync state of their outbox item and the
  dossier's ``MaHoSo`` once the one-stop system assigned it;
* the **sync events** (sent, accepted, duplicate, rejected, conflict, unknown, reconciled…);
* the **audit log**: print jobs (queued, reprint, printed, not out, failed), logins and
  logouts, status changes, exports, day closes, corrections, settings — every entry except
  the ``<kind>.create`` and ``sync.batch`` ones, which the two sources above tell in detail.

Personal data: only the masked subject the save path stored (initials + ``056*****1234``);
audit details pass through :func:`kiosk.domain.masking.redact_text` as well.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, NamedTuple

from kiosk.domain.masking import redact_text
from kiosk.domain.registrations import SERVICES
from kiosk.domain.statuses import status_words
from kiosk.export import labels
from kiosk.export.period import Period, dmy, local
from kiosk.printing.money import format_vnd
from kiosk.services.context import Kiosk
from kiosk.store.db import dbapi

RECORD_KINDS = ("visit", "dossier", "payment", "registration", "feedback")
# told in detail by the records and the sync events themselves
# A health service's registrant is left out of the log: initials and a masked ID with the day
# and the ward are near enough to one person, and "booked a clinic" is health data (Decree
# 13/2023, Law 91/2025: sensitive). The log still counts the registration.
_SENSITIVE = ", ".join(f"'{code}'" for code, schema in SERVICES.items() if schema.sensitive)
HIDDEN_AUDIT_ACTIONS = (*(f"{kind}.create" for kind in RECORD_KINDS), "sync.batch")


class LogEntry(NamedTuple):
    """One line of the session log. Plain, immutable data: the UI shows it, the exports write
    it (a named tuple: a year of entries is made several times faster than a frozen
    dataclass)."""

    at: datetime  # aware (UTC); ``local_at`` for Vietnam time
    code: str  # dossier.created, sync.accepted, print.failed, user.login, day.close…
    actor: str  # volunteer / staff code, "sync", "system", "cli"
    record_kind: str | None  # the record the entry is about, if any
    receipt_code: str | None
    procedure_code: str | None
    procedure_name: str | None
    amount_vnd: int | None  # payments only
    method: str | None  # payment method code (tien_mat, vietqr, the)
    sync_state: str | None  # the record's outbox item state now
    ma_ho_so: str | None  # the official dossier code, once known
    subject: str | None  # masked: initials + masked ID at most
    detail: str  # a few words, Vietnamese; no personal data
    ref: str  # rec:<id> | sync:<n> | audit:<seq>

    @property
    def local_at(self) -> datetime:
        return local(self.at)

    @property
    def group(self) -> str:
        return labels.group_of(self.code)

    @property
    def group_label(self) -> str:
        return labels.GROUPS[self.group]

    @property
    def label(self) -> str:
        return labels.event_label(self.code)

    @property
    def sync_state_label(self) -> str:
        return labels.word(labels.SYNC_STATES, self.sync_state)

    @property
    def method_label(self) -> str:
        return labels.word(labels.PAYMENT_METHODS, self.method)


@contextmanager
def snapshot(kiosk: Kiosk) -> Iterator[sqlite3.Connection]:
    """One read transaction: every query inside sees the same state of the database."""
    with kiosk.engine.connect() as conn, conn.begin():
        yield dbapi(conn)


def session_log(kiosk: Kiosk, start: date, end: date | None = None) -> Iterator[LogEntry]:
    """Every entry from ``start`` to ``end`` (inclusive, Vietnam days), oldest first.

    A generator over one read snapshot: iterate it to the end or close it (the connection
    goes back to the pool then)."""
    period = Period.of(start, end)
    with snapshot(kiosk) as raw:
        yield from entries(raw, period)


def entries(raw: sqlite3.Connection, period: Period) -> Iterator[LogEntry]:
    """The log of ``period`` read on ``raw`` (inside the caller's read transaction)."""
    bounds = period.bounds()
    sources: list[Iterable[tuple[Any, ...]]] = [
        raw.execute(sql, bounds) for sql in (*_RECORD_SQL, _SYNC_SQL, _AUDIT_SQL)
    ]
    # rows compare as tuples: (time, source rank, id) never ties, the rest is never compared
    for row in heapq.merge(*sources):
        yield _entry(row)


# Every source yields the same columns:
# at, rank, ref, code, actor, record_kind, receipt_code, procedure_code, procedure_name,
# amount, method, sync_state, ma_ho_so, subject, info
_RANGE = "WHERE r.created_at >= ?1 AND r.created_at < ?2 ORDER BY 1, 3"
_STATE = "LEFT JOIN outbox o ON o.id = r.current_item_id"
_RECORD_SQL = (
    "SELECT r.created_at, 0, r.id, 'dossier.created', r.actor, 'dossier', r.receipt_code, "  # noqa: S608
    "r.procedure_code, r.procedure_name, NULL, NULL, o.state, r.ma_ho_so, r.subject_masked, "
    "coalesce(r.status_code, '') || '|' || r.fee_total || '|' || r.return_method "
    f"FROM dossiers r {_STATE} {_RANGE}",
    "SELECT r.created_at, 0, r.id, 'payment.created', r.actor, 'payment', r.receipt_code, "  # noqa: S608
    "d.procedure_code, d.procedure_name, r.amount, r.method, o.state, d.ma_ho_so, "
    "r.payer_masked, r.purpose "
    f"FROM payments r {_STATE} LEFT JOIN dossiers d ON d.id = r.dossier_id {_RANGE}",
    "SELECT r.created_at, 0, r.id, 'registration.created', r.actor, 'registration', "  # noqa: S608
    "r.receipt_code, d.procedure_code, d.procedure_name, NULL, NULL, o.state, d.ma_ho_so, "
    f"CASE WHEN r.service IN ({_SENSITIVE}) THEN NULL ELSE r.subject_masked END, r.service "
    f"FROM registrations r {_STATE} LEFT JOIN dossiers d ON d.id = r.dossier_id {_RANGE}",
    "SELECT r.created_at, 0, r.id, 'feedback.created', r.actor, 'feedback', r.receipt_code, "  # noqa: S608
    "NULL, NULL, NULL, NULL, o.state, NULL, NULL, r.topic || '|' || r.anonymous "
    f"FROM feedback r {_STATE} {_RANGE}",
    "SELECT r.created_at, 0, r.id, 'visit.created', r.actor, 'visit', r.receipt_code, "  # noqa: S608
    "r.procedure_code, p.name, NULL, NULL, o.state, NULL, NULL, "
    "r.topic || '|' || r.result || '|' || r.duration_s "
    f"FROM visits r {_STATE} LEFT JOIN procedures p ON p.code = r.procedure_code {_RANGE}",
)


def _receipt_of(kind: str, record_id: str) -> str:
    """The receipt code of the record (``kind``, ``record_id``): one primary-key look-up, in
    the table of that kind only (the dossier's columns come from a join, ``d``)."""
    others = (
        ("payment", "payments"),
        ("registration", "registrations"),
        ("feedback", "feedback"),
        ("visit", "visits"),
    )
    cases = " ".join(
        f"WHEN '{name}' THEN (SELECT receipt_code FROM {table} WHERE id = {record_id})"  # noqa: S608 (names from code)
        for name, table in others
    )
    return f"CASE {kind} WHEN 'dossier' THEN d.receipt_code {cases} END"


def _dossier_join(kind: str, record_id: str) -> str:
    return f"LEFT JOIN dossiers d ON {kind} = 'dossier' AND d.id = {record_id}"


_SYNC_SQL = (
    "SELECT e.at, 1, e.id, 'sync.' || e.event, 'sync', o.kind, "  # noqa: S608
    f"{_receipt_of('o.kind', 'o.record_id')}, d.procedure_code, d.procedure_name, NULL, NULL, "
    "o.state, d.ma_ho_so, NULL, e.detail "
    "FROM sync_events e LEFT JOIN outbox o ON o.id = e.item_id "
    f"{_dossier_join('o.kind', 'o.record_id')} "
    "WHERE e.at >= ?1 AND e.at < ?2 ORDER BY 1, 3"
)
_HIDDEN = ", ".join(f"'{action}'" for action in HIDDEN_AUDIT_ACTIONS)
_AUDIT_SQL = (
    "SELECT a.at, 2, a.seq, a.action, a.actor, a.record_kind, "  # noqa: S608
    "coalesce(CASE WHEN json_valid(a.detail) THEN json_extract(a.detail, '$.receipt_code') END, "
    f"{_receipt_of('a.record_kind', 'a.record_id')}), d.procedure_code, d.procedure_name, "
    "NULL, NULL, NULL, d.ma_ho_so, NULL, a.detail "
    f"FROM audit_log a {_dossier_join('a.record_kind', 'a.record_id')} "
    f"WHERE a.at >= ?1 AND a.at < ?2 AND a.action NOT IN ({_HIDDEN}) ORDER BY 1, 3"
)


def _entry(row: tuple[Any, ...]) -> LogEntry:
    at = datetime.fromisoformat(row[0] + "+00:00")  # stored as UTC text
    rank, code = row[1], row[3]
    ref = ("rec:", "sync:", "audit:")[rank] + str(row[2])
    return LogEntry(
        at=at,
        code=code,
        # older chains may hold an ID number typed into the login code field as an actor
        actor=redact_text(row[4]) if row[4] else row[4],
        record_kind=row[5],
        receipt_code=row[6],
        procedure_code=row[7],
        procedure_name=row[8],
        amount_vnd=row[9],
        method=row[10],
        sync_state=row[11],
        ma_ho_so=row[12],
        subject=row[13],
        detail=_DETAIL[rank](code, row[14]),
        ref=ref,
    )


# --- the detail column ------------------------------------------------------------------------


def _record_detail(code: str, info: str | None) -> str:
    parts = (info or "").split("|")
    kind = code.split(".", 1)[0]
    if kind == "dossier":
        status, fees, return_method = [*parts, "", "", ""][:3]
        words = [f"Lệ phí: {format_vnd(int(fees))}" if fees and fees != "0" else ""]
        if return_method == "1":
            words.append(labels.RETURN_METHODS[1])
        if status:
            words.append(f"Trạng thái: {status_words(int(status))[0]}")
        return "; ".join(w for w in words if w)
    if kind == "payment":
        return labels.word(labels.PAYMENT_TYPES, parts[0] or None)
    if kind == "registration":
        return labels.service_label(parts[0])
    if kind == "feedback":
        topic = labels.word(labels.FEEDBACK_TOPICS, parts[0] or None)
        return f"{topic}; ẩn danh" if parts[-1] == "1" else topic
    topic, result, seconds = [*parts, "", "", "0"][:3]
    minutes = max(1, round(int(seconds or 0) / 60))
    return (
        f"{labels.word(labels.VISIT_TOPICS, topic)} — "
        f"{labels.word(labels.VISIT_OUTCOMES, result)} ({minutes} phút)"
    )


def _sync_detail(code: str, server_ref: str | None) -> str:
    return server_ref or ""  # the province's own reference for the item


def _audit_detail(code: str, text: str | None) -> str:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return "(chi tiết không đọc được)"
    if not isinstance(data, dict):
        return ""
    return redact_text(_audit_words(code, data))


def _audit_words(code: str, data: dict[str, Any]) -> str:
    if code.startswith("print.") or code == "receipt.export":
        words = [f"bản sao số {data['copy']}" if data.get("copy") else ""]
        words.append(f"lỗi: {data['error']}" if data.get("error") else "")
        words.append(f"định dạng {data['format']}" if data.get("format") else "")
        return "; ".join(w for w in words if w)
    if code == "dossier.status" and isinstance(data.get("status"), int):
        return f"Trạng thái: {status_words(data['status'])[0]}"
    if code == "user.logout":
        return labels.word(labels.LOGOUT_REASONS, data.get("reason"))
    if code == "export.file":
        return f"{str(data.get('format', '')).upper()}, {data.get('rows', 0)} dòng"
    if code.startswith("day.close"):
        return _day_close_words(data)
    return "; ".join(f"{k}: {v}" for k, v in sorted(data.items()) if _scalar(v))[:160]


def _day_close_words(data: dict[str, Any]) -> str:
    def money(key: str) -> str:
        value = data.get(key)
        return format_vnd(value) if isinstance(value, int) else "-"

    return (
        f"Ngày {_dmy_text(data.get('day'))}: tiền mặt theo sổ {money('expected_cash_vnd')}, "
        f"đếm được {money('counted_cash_vnd')}, chênh lệch {money('difference_vnd')}"
    )


def _dmy_text(value: Any) -> str:
    try:
        return dmy(date.fromisoformat(str(value)))
    except ValueError:
        return str(value or "")


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float)


_DETAIL = (_record_detail, _sync_detail, _audit_detail)
