"""What the volunteer dashboard shows, read in one go on the db worker: today's work, the
queue (counts, oldest waiting age, the items that need a person), residents who asked for
help, receipts that did not print, and today's receipts for a quick reprint. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.fields import VN_TZ
from kiosk.printing.jobs import JobRefused, JobView
from kiosk.printing.models import JobState, PrintJob
from kiosk.printing.queue import PrintQueue
from kiosk.services import help_requests
from kiosk.services import queue as queue_service
from kiosk.services.context import Kiosk
from kiosk.services.help_requests import HelpRequest
from kiosk.services.province_words import ProvinceReason, reasons_of
from kiosk.store.crypto import Cipher
from kiosk.store.db import read_session
from kiosk.store.models import RECORD_MODELS, ItemState, OutboxItem, utcnow

TO_CHECK = (JobState.FAILED.value, JobState.NEEDS_CONFIRMATION.value)

# Items a person must look at: refused by the province, outcome not known, or quarantined.
ATTENTION_STATES = (ItemState.REJECTED.value, ItemState.UNKNOWN.value, ItemState.CONFLICT.value)


@dataclass(frozen=True, slots=True)
class AttentionItem:
    item_id: str
    record_id: str
    kind: str
    receipt_code: str | None
    state: str
    created_at: str  # local ISO-8601 (+07:00), as queued
    attempts: int
    reasons: tuple[ProvinceReason, ...] = ()


@dataclass(frozen=True, slots=True)
class RecentReceipt:
    kind: str
    receipt_code: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DashboardView:
    today: dict[str, int]
    counts: dict[str, int]
    oldest_pending_age_s: float | None
    last_exchange_at: str | None
    attention: list[AttentionItem] = field(default_factory=list)
    help: list[HelpRequest] = field(default_factory=list)
    prints_to_check: list[JobView] = field(default_factory=list)
    recent: list[RecentReceipt] = field(default_factory=list)

    @property
    def waiting(self) -> int:
        c = self.counts
        return c.get("pending", 0) + c.get("in_flight", 0) + c.get("unknown", 0)


def start_of_today(now: datetime) -> datetime:
    """Midnight in Vietnam today, as an aware datetime."""
    local = now.astimezone(VN_TZ)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def snapshot(kiosk: Kiosk, now: datetime | None = None) -> DashboardView:
    now = now or utcnow()
    queue = queue_service.view(kiosk, limit=0, now=now)
    with read_session(kiosk.engine) as session:
        today = today_counts(session, now)
        attention = attention_items(session, kiosk.cipher)
        to_check = prints_to_check(session)
        recent = recent_receipts(session, now)
    return DashboardView(
        today=today,
        counts=queue.counts,
        oldest_pending_age_s=queue.oldest_pending_age_s,
        last_exchange_at=queue.last_exchange_at,
        attention=attention,
        help=help_requests.waiting(kiosk, since=start_of_today(now)),
        prints_to_check=to_check,
        recent=recent,
    )


def today_counts(session: Session, now: datetime) -> dict[str, int]:
    """Records saved at this kiosk since midnight (Vietnam time), by kind."""
    since = start_of_today(now)
    counts: dict[str, int] = {}
    for kind, model in RECORD_MODELS.items():
        counts[kind] = session.execute(
            select(func.count()).select_from(model).where(model.created_at >= since)
        ).scalar_one()
    return counts


def attention_items(session: Session, cipher: Cipher, limit: int = 50) -> list[AttentionItem]:
    """Items a person must look at, the province's words masked."""
    rows = session.execute(
        select(OutboxItem)
        .where(OutboxItem.state.in_(ATTENTION_STATES))
        .order_by(OutboxItem.seq)
        .limit(limit)
    ).scalars()
    return [
        AttentionItem(
            item_id=row.id,
            record_id=row.record_id,
            kind=row.kind,
            receipt_code=_receipt_code(session, row.kind, row.record_id),
            state=row.state,
            created_at=row.created_at_local,
            attempts=row.attempts,
            reasons=reasons_of(cipher, row),
        )
        for row in list(rows)
    ]


def _receipt_code(session: Session, kind: str, record_id: str) -> str | None:
    model = RECORD_MODELS[kind]
    code: str | None = session.execute(
        select(model.receipt_code).where(model.id == record_id)
    ).scalar()
    return code


def prints_to_check(session: Session, limit: int = 20) -> list[JobView]:
    """Receipts a volunteer must look at, the newest job per record: failed ones, and ones
    nobody said came out (the PC went off mid-print, or the saved panel was left without an
    answer) — these would otherwise wait unseen for ever."""
    newest = (
        select(PrintJob.record_id, func.max(PrintJob.created_at).label("newest"))
        .group_by(PrintJob.record_id)
        .subquery()
    )
    rows = session.execute(
        select(PrintJob)
        .join(
            newest,
            (PrintJob.record_id == newest.c.record_id) & (PrintJob.created_at == newest.c.newest),
        )
        .where(PrintJob.state.in_(TO_CHECK))
        .order_by(PrintJob.updated_at.desc())
        .limit(limit)
    ).scalars()
    return [JobView.of(job) for job in rows]


def recent_receipts(session: Session, now: datetime, limit: int = 6) -> list[RecentReceipt]:
    """Today's newest receipts (any kind), newest first, for a reprint in one tap."""
    since = start_of_today(now)
    found: list[RecentReceipt] = []
    for kind, model in RECORD_MODELS.items():
        rows = session.execute(
            select(model.receipt_code, model.created_at)
            .where(model.created_at >= since)
            .order_by(model.created_at.desc())
            .limit(limit)
        ).all()
        found += [RecentReceipt(kind, code, at) for code, at in rows]
    found.sort(key=lambda r: r.created_at, reverse=True)
    return found[:limit]


def print_copy(printer: PrintQueue, receipt_code: str, actor: str) -> JobView:
    """A reprint (marked BẢN SAO); the original instead if none ever came out."""
    try:
        return printer.submit(receipt_code, actor, reprint=True)
    except JobRefused as exc:
        if exc.code != "no_original":
            raise
        return printer.submit(receipt_code, actor)
