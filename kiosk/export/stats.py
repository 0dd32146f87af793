"""Pilot statistics of a period: what the province counts at each support point.

"Hồ sơ trực tuyến nộp tại Điểm hỗ trợ" (dossiers filed, and accepted by the province — the
submission reached the provincial system: its outbox item is ``accepted``/``duplicate``) and
"lượt người dân được hướng dẫn" (guidance visits); payments by method; registrations by kind;
the median time from save to accepted; plus what the exports' summaries show (statuses, sync
states, print problems, day closes, visits and dossiers by hour/day/month for the chart).
Everything counted is a record *saved in the period*; states are as they are now.
"""

from __future__ import annotations

import sqlite3
import statistics
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from kiosk.domain import statuses
from kiosk.export import figures, labels
from kiosk.export.dayclose import DayClose, closes_of
from kiosk.export.figures import DONE_EVENTS, DONE_STATES, RECORD_TABLES, MethodTotal
from kiosk.export.period import Period, local
from kiosk.export.session_log import snapshot
from kiosk.services.context import Kiosk

DAILY_BUCKETS_UP_TO = 31  # a longer period is charted by month


@dataclass(frozen=True, slots=True)
class ProcedureCount:
    code: str
    name: str
    filed: int
    accepted: int


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bar group of the chart: an hour ("07"), a day ("22/11") or a month ("11/2026")."""

    label: str
    visits: int
    dossiers: int


@dataclass(frozen=True, slots=True)
class Stats:
    period: Period
    dossiers_filed: int
    dossiers_accepted: int  # the province accepted the submission
    dossiers_by_procedure: tuple[ProcedureCount, ...]  # most filed first
    dossiers_by_status: tuple[tuple[str, int], ...]  # words as the resident's look-up shows
    residents_guided: int  # guidance visits
    visits_by_topic: tuple[tuple[str, int], ...]  # (topic code, count)
    payments_count: int
    payments_total_vnd: int
    payments_by_method: tuple[MethodTotal, ...]
    registrations: int
    registrations_by_kind: tuple[tuple[str, int], ...]  # (service code, count)
    feedback: int
    sync_states: tuple[tuple[str, int], ...]  # current state of the period's items
    not_accepted: int  # the period's items the province has not accepted (yet)
    prints: tuple[tuple[str, int], ...]  # print jobs by state, and "reprint"
    median_save_to_accepted_s: float | None  # every kind
    median_dossier_save_to_accepted_s: float | None
    buckets: tuple[Bucket, ...]
    bucket_unit: str  # hour | day | month
    day_closes: tuple[DayClose, ...]

    @property
    def cash_total_vnd(self) -> int:
        return sum(m.total_vnd for m in self.payments_by_method if m.method == figures.CASH)

    @property
    def print_failures(self) -> int:
        return dict(self.prints).get("failed", 0)

    @property
    def print_unconfirmed(self) -> int:
        return dict(self.prints).get("needs_confirmation", 0)

    def latest_closes(self) -> list[DayClose]:
        """The close in force for each closed day (the last correction, else the close)."""
        latest: dict[date, DayClose] = {}
        for close in self.day_closes:
            latest[close.day] = close
        return [latest[day] for day in sorted(latest)]

    @property
    def cash_difference_vnd(self) -> int:
        return sum(c.difference_vnd for c in self.latest_closes())

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.as_dict(),
            "dossiers": {
                "filed": self.dossiers_filed,
                "accepted": self.dossiers_accepted,
                "by_procedure": [asdict(p) for p in self.dossiers_by_procedure],
                "by_status": dict(self.dossiers_by_status),
            },
            "residents_guided": self.residents_guided,
            "visits_by_topic": dict(self.visits_by_topic),
            "payments": {
                "count": self.payments_count,
                "total_vnd": self.payments_total_vnd,
                "cash_vnd": self.cash_total_vnd,
                "by_method": {
                    m.method: {"count": m.count, "total_vnd": m.total_vnd}
                    for m in self.payments_by_method
                },
            },
            "registrations": {
                "count": self.registrations,
                "by_kind": dict(self.registrations_by_kind),
            },
            "feedback": self.feedback,
            "sync": {"states": dict(self.sync_states), "not_accepted": self.not_accepted},
            "prints": dict(self.prints),
            "median_save_to_accepted_s": self.median_save_to_accepted_s,
            "median_dossier_save_to_accepted_s": self.median_dossier_save_to_accepted_s,
            "chart": {
                "unit": self.bucket_unit,
                "buckets": [asdict(b) for b in self.buckets],
            },
            "day_closes": [c.as_dict() for c in self.day_closes],
            "cash_difference_vnd": self.cash_difference_vnd,
        }


def stats(kiosk: Kiosk, start: date, end: date | None = None) -> Stats:
    with snapshot(kiosk) as raw:
        return compute(raw, Period.of(start, end))


def compute(raw: sqlite3.Connection, period: Period) -> Stats:
    """The statistics of ``period`` read on ``raw`` (inside the caller's read transaction)."""
    bounds = period.bounds()
    unit = _unit(period)
    chart: dict[str, list[int]] = {}
    dossiers = _dossiers(raw, bounds, unit, chart)
    visits = _visits(raw, bounds, unit, chart)
    methods = figures.payments_by_method(raw, bounds)
    registrations = _count_by(raw, "registrations", "service", bounds)
    states = _sync_states(raw, bounds)
    medians = _medians(raw, bounds)
    return Stats(
        period=period,
        dossiers_filed=dossiers["filed"],
        dossiers_accepted=dossiers["accepted"],
        dossiers_by_procedure=dossiers["procedures"],
        dossiers_by_status=dossiers["statuses"],
        residents_guided=sum(visits.values()),
        visits_by_topic=tuple(visits.most_common()),
        payments_count=sum(m.count for m in methods),
        payments_total_vnd=sum(m.total_vnd for m in methods),
        payments_by_method=tuple(methods),
        registrations=sum(n for _, n in registrations),
        registrations_by_kind=tuple(registrations),
        feedback=_count(raw, "feedback", bounds),
        sync_states=tuple(sorted(states.items(), key=lambda kv: _state_order(kv[0]))),
        not_accepted=sum(n for state, n in states.items() if state not in DONE_STATES),
        prints=_prints(raw, bounds),
        median_save_to_accepted_s=medians[0],
        median_dossier_save_to_accepted_s=medians[1],
        buckets=_buckets(period, unit, chart),
        bucket_unit=unit,
        day_closes=tuple(closes_of(raw, period)),
    )


def _unit(period: Period) -> str:
    if period.one_day:
        return "hour"
    return "day" if period.days <= DAILY_BUCKETS_UP_TO else "month"


def _bucket_key(at_text: str, unit: str) -> str:
    at = local(figures.stored_time(at_text))
    return {"hour": f"{at:%H}", "day": f"{at:%d/%m}", "month": f"{at:%m/%Y}"}[unit]


def _dossiers(
    raw: sqlite3.Connection, bounds: tuple[str, str], unit: str, chart: dict[str, list[int]]
) -> dict[str, Any]:
    filed = accepted = 0
    procedures: dict[str, list[Any]] = {}
    status_counts: Counter[str] = Counter()
    rows = raw.execute(
        "SELECT r.created_at, r.procedure_code, r.procedure_name, r.status_code, o.state "
        "FROM dossiers r LEFT JOIN outbox o ON o.id = r.current_item_id "
        "WHERE r.created_at >= ? AND r.created_at < ?",
        bounds,
    )
    for at, code, name, status, state in rows:
        done = state in DONE_STATES
        filed, accepted = filed + 1, accepted + done
        entry = procedures.setdefault(code, [code, name, 0, 0])
        entry[2], entry[3] = entry[2] + 1, entry[3] + done
        status_counts[_status_words(status, state)] += 1
        chart.setdefault(_bucket_key(at, unit), [0, 0])[1] += 1
    by_procedure = sorted(
        (ProcedureCount(*e) for e in procedures.values()), key=lambda p: (-p.filed, p.code)
    )
    return {
        "filed": filed,
        "accepted": accepted,
        "procedures": tuple(by_procedure),
        "statuses": tuple(status_counts.most_common()),
    }


def _status_words(status: int | None, state: str | None) -> str:
    """The dossier's status as the resident's look-up words it (:mod:`kiosk.services.lookup`)."""
    if status is not None:
        return statuses.status_words(status)[0]
    if state in DONE_STATES:
        return statuses.SENT_NO_STATUS[0]
    if state == "rejected":
        return statuses.NEEDS_CORRECTION[0]
    return statuses.NOT_SENT_YET[0]


def _visits(
    raw: sqlite3.Connection, bounds: tuple[str, str], unit: str, chart: dict[str, list[int]]
) -> Counter[str]:
    topics: Counter[str] = Counter()
    rows = raw.execute(
        "SELECT created_at, topic FROM visits WHERE created_at >= ? AND created_at < ?", bounds
    )
    for at, topic in rows:
        topics[topic] += 1
        chart.setdefault(_bucket_key(at, unit), [0, 0])[0] += 1
    return topics


def _count(raw: sqlite3.Connection, table: str, bounds: tuple[str, str]) -> int:
    sql = f"SELECT count(*) FROM {table} WHERE created_at >= ? AND created_at < ?"  # noqa: S608
    return int(raw.execute(sql, bounds).fetchone()[0])


def _count_by(
    raw: sqlite3.Connection, table: str, column: str, bounds: tuple[str, str]
) -> list[tuple[str, int]]:
    sql = (
        f"SELECT {column}, count(*) FROM {table} "  # noqa: S608 (names from code)
        "WHERE created_at >= ? AND created_at < ? GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    return [(str(key), int(n)) for key, n in raw.execute(sql, bounds)]


def _sync_states(raw: sqlite3.Connection, bounds: tuple[str, str]) -> Counter[str]:
    states: Counter[str] = Counter()
    for table in RECORD_TABLES.values():
        sql = (
            f"SELECT coalesce(o.state, 'pending'), count(*) FROM {table} r "  # noqa: S608
            "LEFT JOIN outbox o ON o.id = r.current_item_id "
            "WHERE r.created_at >= ? AND r.created_at < ? GROUP BY 1"
        )
        for state, n in raw.execute(sql, bounds):
            states[state] += n
    return states


def _state_order(state: str) -> int:
    order = list(labels.SYNC_STATES)
    return order.index(state) if state in order else len(order)


def _prints(raw: sqlite3.Connection, bounds: tuple[str, str]) -> tuple[tuple[str, int], ...]:
    rows = raw.execute(
        "SELECT state, count(*), sum(copy_number > 0) FROM print_jobs "
        "WHERE created_at >= ? AND created_at < ? GROUP BY state",
        bounds,
    ).fetchall()
    counts = {state: int(n) for state, n, _ in rows}
    counts["reprint"] = sum(int(r or 0) for _, _, r in rows)
    order = [*labels.PRINT_STATES, "reprint"]
    return tuple((state, counts.get(state, 0)) for state in order)


def _medians(raw: sqlite3.Connection, bounds: tuple[str, str]) -> tuple[float | None, float | None]:
    """Median seconds from save to the province's acceptance: every kind, and dossiers."""
    events = ", ".join(f"'{e}'" for e in DONE_EVENTS)
    done = ", ".join(f"'{s}'" for s in DONE_STATES)
    every: list[float] = []
    dossiers: list[float] = []
    for kind, table in RECORD_TABLES.items():
        sql = (
            "SELECT r.created_at, coalesce((SELECT min(e.at) FROM sync_events e "  # noqa: S608
            f"WHERE e.item_id = r.current_item_id AND e.event IN ({events})), o.updated_at) "
            f"FROM {table} r JOIN outbox o ON o.id = r.current_item_id "
            f"WHERE r.created_at >= ? AND r.created_at < ? AND o.state IN ({done})"
        )
        for saved, accepted in raw.execute(sql, bounds):
            seconds = _seconds(saved, accepted)
            every.append(seconds)
            if kind == "dossier":
                dossiers.append(seconds)
    return _median(every), _median(dossiers)


def _seconds(start: str, end: str) -> float:
    return (figures.stored_time(end) - figures.stored_time(start)).total_seconds()


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _buckets(period: Period, unit: str, chart: dict[str, list[int]]) -> tuple[Bucket, ...]:
    """Every bucket of the period in order, empty ones too (opening hours 07–17 at least)."""
    if unit == "hour":
        hours = [int(k) for k in chart]
        first, last = min([7, *hours]), max([17, *hours])
        keys = [f"{h:02d}" for h in range(first, last + 1)]
    elif unit == "day":
        keys = [f"{d:%d/%m}" for d in _days(period)]
    else:
        keys = list(dict.fromkeys(f"{d:%m/%Y}" for d in _days(period)))
    return tuple(Bucket(k, *chart.get(k, [0, 0])) for k in keys)


def _days(period: Period) -> list[date]:
    return [period.first + timedelta(days=n) for n in range(period.days)]


__all__ = ["Bucket", "ProcedureCount", "Stats", "compute", "stats"]
