"""Small read queries shared by the statistics and the day close (raw SQL on one snapshot)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.export import labels

DONE_STATES = ("accepted", "duplicate")
DONE_EVENTS = ("accepted", "duplicate", "reconciled")
RECORD_TABLES = {
    "visit": "visits",
    "dossier": "dossiers",
    "payment": "payments",
    "registration": "registrations",
    "feedback": "feedback",
}
CASH = "tien_mat"
PRINT_PROBLEM_STATES = ("failed", "needs_confirmation", "queued", "printing")


@dataclass(frozen=True, slots=True)
class MethodTotal:
    method: str  # tien_mat | vietqr | the
    count: int
    total_vnd: int

    @property
    def label(self) -> str:
        return labels.word(labels.PAYMENT_METHODS, self.method)


@dataclass(frozen=True, slots=True)
class PendingItem:
    """A record whose item the province has not accepted (yet)."""

    receipt_code: str
    kind: str
    state: str
    created_at: datetime

    @property
    def state_label(self) -> str:
        return labels.word(labels.SYNC_STATES, self.state)


@dataclass(frozen=True, slots=True)
class PrintProblem:
    """A print job that failed, or whose receipt nobody confirmed came out."""

    receipt_code: str
    state: str
    copy_number: int
    error_code: str | None
    created_at: datetime

    @property
    def state_label(self) -> str:
        return labels.word(labels.PRINT_STATES, self.state)


def stored_time(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def payments_by_method(raw: sqlite3.Connection, bounds: tuple[str, str]) -> list[MethodTotal]:
    rows = raw.execute(
        "SELECT method, count(*), coalesce(sum(amount), 0) FROM payments "
        "WHERE created_at >= ? AND created_at < ? GROUP BY method ORDER BY method",
        bounds,
    ).fetchall()
    order = list(labels.PAYMENT_METHODS)
    rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else len(order))
    return [MethodTotal(method, count, total) for method, count, total in rows]


def not_accepted(raw: sqlite3.Connection, bounds: tuple[str, str]) -> list[PendingItem]:
    """The period's records whose current item is not accepted, oldest first."""
    done = ", ".join(f"'{s}'" for s in DONE_STATES)
    selects = [
        f"SELECT r.receipt_code, '{kind}', coalesce(o.state, 'pending'), r.created_at "  # noqa: S608
        f"FROM {table} r LEFT JOIN outbox o ON o.id = r.current_item_id "
        f"WHERE r.created_at >= ?1 AND r.created_at < ?2 AND coalesce(o.state, '') NOT IN ({done})"
        for kind, table in RECORD_TABLES.items()
    ]
    sql = " UNION ALL ".join(selects) + " ORDER BY 4, 1"
    return [
        PendingItem(code, kind, state, stored_time(at))
        for code, kind, state, at in raw.execute(sql, bounds)
    ]


def older_not_accepted(raw: sqlite3.Connection, before: str) -> int:
    """Items saved before ``before`` that still wait for (or need) the province."""
    waiting = ("pending", "in_flight", "unknown", "rejected", "conflict")
    marks = ", ".join("?" * len(waiting))
    row = raw.execute(
        f"SELECT count(*) FROM outbox WHERE created_at < ? AND state IN ({marks})",  # noqa: S608
        (before, *waiting),
    ).fetchone()
    return int(row[0])


def print_problems(raw: sqlite3.Connection, bounds: tuple[str, str]) -> list[PrintProblem]:
    marks = ", ".join("?" * len(PRINT_PROBLEM_STATES))
    rows = raw.execute(
        "SELECT receipt_code, state, copy_number, error_code, created_at FROM print_jobs "  # noqa: S608
        f"WHERE state IN ({marks}) AND created_at >= ? AND created_at < ? ORDER BY created_at",
        (*PRINT_PROBLEM_STATES, *bounds),
    )
    return [
        PrintProblem(code, state, copy, error, stored_time(at))
        for code, state, copy, error, at in rows
    ]
