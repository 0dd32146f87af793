"""The outbox relay: moves queued items to the province exactly once in effect.

One exchange:
1. **Reconcile** items whose outcome is unknown (a batch sent, no answer): they are resent as
   they are — the identical frozen payload under the same id — before anything newer; the
   province answers ``duplicate`` for those it had (§4), ``accepted`` for those it had not.
2. **Send** pending items in queue order, in batches of ≤ 100 items and ≤ 2 MiB, attachments
   first (HEAD, then PUT), an item whose ``depends_on`` is not done waits.
3. Per-item results drive the states: accepted/duplicate → done (``server_ref`` kept);
   rejected → needs a person (never blocks the others); conflict → quarantined, technician
   alerted; retry_later → pending again, later.
An item is done only on the province's word. Items are marked ``in_flight`` (committed) before
the request leaves; a crash then leaves them in flight, which start-up turns into ``unknown``.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from kiosk.services.context import Kiosk
from kiosk.store import audit, outbox
from kiosk.store.db import read_session, write_session
from kiosk.store.models import ItemState, Meta, OutboxItem, SyncEvent, utcnow
from kiosk.sync import events
from kiosk.sync.client import ItemResult, ProvincialClient
from kiosk.sync.errors import BadRequest, NotSent, OutcomeUnknown, SyncError

log = logging.getLogger(__name__)
MAX_ITEMS = 100
MAX_BYTES = 2 * 1024 * 1024
ENVELOPE_BYTES = 64
ITEM_RETRY_BASE_S = 2.0
ITEM_RETRY_CAP_S = 300.0
DONE = (ItemState.ACCEPTED.value, ItemState.DUPLICATE.value)
# Below this size a PUT costs about what a HEAD round trip costs (32 KiB ≈ 50 ms at 5 Mbit/s),
# so the paper is PUT at once (idempotent: 200 if present); larger scans are HEADed first.
PUT_WITHOUT_HEAD_BYTES = 32 * 1024


@dataclass
class ExchangeReport:
    sent: int = 0
    done: int = 0
    rejected: int = 0
    conflicts: int = 0
    retry_later: int = 0
    reconciled: int = 0
    batches: int = 0

    def add(self, other: ExchangeReport) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Relay:
    kiosk: Kiosk
    client: ProvincialClient
    bus: events.EventBus = field(default_factory=events.EventBus)
    max_items: int = MAX_ITEMS
    max_bytes: int = MAX_BYTES
    now: Callable[[], datetime] = utcnow
    rng: random.Random = field(default_factory=random.Random)
    item_retry_base_s: float = ITEM_RETRY_BASE_S
    _max_configured: int = 0
    _uploaded: set[str] = field(default_factory=set)
    _put_again: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._max_configured = self.max_items

    # --- one batch -------------------------------------------------------------------------

    def send_next_batch(self) -> ExchangeReport | None:
        """Send one batch (unknown items first); None when nothing can be sent now."""
        with read_session(self.kiosk.engine) as session:
            batch = self._pick(session, ItemState.UNKNOWN.value)
            reconciling = bool(batch)
            if not batch:
                batch = self._pick(session, ItemState.PENDING.value)
        if not batch:
            return None
        with self.client.exchange():  # the papers, then the batch: spaced as one request
            return self._send(batch, reconciling)

    def drain(self, max_batches: int = 10_000) -> ExchangeReport:
        """Send batches until nothing more can be sent now (errors propagate)."""
        total = ExchangeReport()
        for _ in range(max_batches):
            report = self.send_next_batch()
            if report is None:
                break
            total.add(report)
        return total

    def _pick(self, session: Session, state: str) -> list[OutboxItem]:
        now = self.now()
        rows = session.execute(
            select(OutboxItem)
            .where(OutboxItem.state == state)
            .where((OutboxItem.next_attempt_at.is_(None)) | (OutboxItem.next_attempt_at <= now))
            .where(OutboxItem.depends_on.is_(None) | OutboxItem.depends_on.not_in(_blocked))
            .order_by(OutboxItem.seq)
            .limit(self.max_items * 4)
        ).scalars()
        candidates = list(rows)
        done = _done_among(session, {c.depends_on for c in candidates if c.depends_on})
        batch: list[OutboxItem] = []
        size = ENVELOPE_BYTES
        in_batch: set[str] = set()
        for item in candidates:
            if item.depends_on and item.depends_on not in done and item.depends_on not in in_batch:
                continue  # its dossier is not accepted yet: it waits, the others go
            cost = item.payload_size + 256
            if batch and (len(batch) >= self.max_items or size + cost > self.max_bytes):
                break
            batch.append(item)
            in_batch.add(item.id)
            size += cost
        return batch

    def _send(self, batch: list[OutboxItem], reconciling: bool) -> ExchangeReport:
        wire = [outbox.wire_item(self.kiosk.cipher, item) for item in batch]
        self._upload_papers(wire)
        body = json.dumps({"items": wire}, ensure_ascii=False, separators=(",", ":")).encode()
        previous = {item.id: item.state for item in batch}
        self._mark(batch, ItemState.IN_FLIGHT, "sent", count_attempt=True)
        try:
            results = self.client.submit_batch(wire, body)
        except OutcomeUnknown:
            self._mark(batch, ItemState.UNKNOWN, "unknown")
            raise
        except BadRequest as exc:
            return self._refused_batch(batch, previous, exc)
        except SyncError:
            self._restore(batch, previous)
            raise
        report = self._apply(batch, results, reconciling)
        self._doubt_papers(batch, results)
        if meta_get(self.kiosk, "sync.disabled") == "1":
            meta_set(self.kiosk, "sync.disabled", "0")  # the province took us back
        self.max_items = min(self._max_configured, self.max_items * 2)  # after a halving
        meta_set(self.kiosk, "sync.last_exchange_at", self.now().isoformat())
        self.bus.publish(events.OUTBOX_DID_CHANGE, counts=self.counts())
        return report

    # --- attachments ----------------------------------------------------------------------

    def _upload_papers(self, wire: list[dict[str, Any]]) -> None:
        for item in wire:
            if item["kind"] != "dossier":
                continue
            for paper in item["payload"].get("TaiLieuNop") or []:
                sha = paper["sha256"]
                if sha in self._uploaded:
                    continue
                small = int(paper.get("size") or 0) <= PUT_WITHOUT_HEAD_BYTES
                if small or sha in self._put_again or not self.client.has_attachment(sha):
                    data = self.kiosk.attachments.get(sha)
                    self.client.put_attachment(sha, data, paper.get("mime") or "")
                self._uploaded.add(sha)
                self._put_again.discard(sha)

    def _doubt_papers(self, batch: list[OutboxItem], results: list[ItemResult]) -> None:
        """A dossier answered retry_later may lack a paper the province did not really get
        (a lying HEAD, a lost PUT): PUT its papers again next time (PUT is idempotent)."""
        for item, result in zip(batch, results, strict=True):
            if item.kind != "dossier" or result.status != "retry_later":
                continue
            payload = outbox.wire_item(self.kiosk.cipher, item)["payload"]
            for paper in payload.get("TaiLieuNop") or []:
                self._uploaded.discard(paper["sha256"])
                self._put_again.add(paper["sha256"])

    # --- state changes ------------------------------------------------------------------------

    def _mark(
        self, batch: list[OutboxItem], state: ItemState, event: str, count_attempt: bool = False
    ) -> None:
        now = self.now()
        ids = [item.id for item in batch]
        values: dict[str, Any] = {"state": state.value, "updated_at": now}
        if count_attempt:
            values.update(attempts=OutboxItem.attempts + 1, last_attempt_at=now)
        with write_session(self.kiosk.engine) as session:
            session.execute(update(OutboxItem).where(OutboxItem.id.in_(ids)).values(**values))
            _add_events(session, [{"at": now, "item_id": i, "event": event} for i in ids])

    def _restore(self, batch: list[OutboxItem], previous: dict[str, str]) -> None:
        """The request never produced an outcome (not sent, 429/503): back as they were."""
        now = self.now()
        with write_session(self.kiosk.engine) as session:
            for item in batch:
                session.execute(
                    update(OutboxItem)
                    .where(OutboxItem.id == item.id)
                    .values(
                        state=previous[item.id], updated_at=now, attempts=OutboxItem.attempts - 1
                    )  # it never reached the province
                )
            _add_events(session, [{"at": now, "item_id": i.id, "event": "not_sent"} for i in batch])

    def _refused_batch(
        self, batch: list[OutboxItem], previous: dict[str, str], exc: BadRequest
    ) -> ExchangeReport:
        """400/413 for the whole batch: halve it; a single refused item needs a person."""
        self._restore(batch, previous)
        if len(batch) > 1:
            self.max_items = max(1, len(batch) // 2)
            log.warning(
                "batch of %d refused (%s); next batches ≤ %d",
                len(batch),
                exc.status,
                self.max_items,
            )
            return ExchangeReport(batches=1)
        item = batch[0]
        error = {
            "field": "",
            "code": exc.code or "bad_request",
            "message": f"Tỉnh không nhận mục này: {exc.detail or exc.status}",
        }
        result = ItemResult(item.id, "rejected", errors=(error,))
        return self._apply(batch, [result], reconciling=False)

    def _apply(
        self, batch: list[OutboxItem], results: list[ItemResult], reconciling: bool
    ) -> ExchangeReport:
        now = self.now()
        report = ExchangeReport(sent=len(batch), batches=1)
        rows, history = [], []
        rejected: list[tuple[OutboxItem, ItemResult]] = []
        for item, result in zip(batch, results, strict=True):
            rows.append({"b_id": item.id, **self._result_values(item, result, now, report)})
            event = "reconciled" if reconciling and result.status in DONE else result.status
            history.append(
                {"at": now, "item_id": item.id, "event": event, "detail": result.server_ref}
            )
            if result.status == "rejected":
                rejected.append((item, result))
        with write_session(self.kiosk.engine) as session:
            session.execute(_UPDATE_BY_ID, rows)  # one executemany for the whole batch
            _add_events(session, history)
            audit.append(
                session,
                "sync",
                "sync.batch",
                detail={
                    "items": len(batch),
                    "done": report.done,
                    "rejected": report.rejected,
                    "conflict": report.conflicts,
                    "retry_later": report.retry_later,
                    "reconciling": reconciling,
                },
            )
        if reconciling:
            report.reconciled = report.done
        for item, result in rejected:
            self.bus.publish(
                events.ITEM_REJECTED, item_id=item.id, kind=item.kind, errors=list(result.errors)
            )
        if report.conflicts:
            self.bus.publish(
                events.ALERT,
                code="conflict",
                message="Có mục bị tỉnh báo xung đột; cần kỹ thuật viên kiểm tra",
            )
        return report

    def _result_values(
        self, item: OutboxItem, result: ItemResult, now: datetime, report: ExchangeReport
    ) -> dict[str, Any]:
        """The new column values of one item; every key always present (one executemany)."""
        values: dict[str, Any] = {
            "state": result.status,
            "updated_at": now,
            "next_attempt_at": None,
            "last_error": None,
            "errors_json": None,
            "server_ref": result.server_ref,
            "received_at": result.received_at,
        }
        if result.status in DONE:
            report.done += 1
        elif result.status == "rejected":
            report.rejected += 1
            values.update(
                state=ItemState.REJECTED.value,
                errors_json=json.dumps(list(result.errors), ensure_ascii=False),
            )
        elif result.status == "conflict":
            report.conflicts += 1
            values.update(
                state=ItemState.CONFLICT.value,
                last_error="conflict: same id, different content at the province",
            )
        else:  # retry_later: transient for this item only
            report.retry_later += 1
            ceiling = min(ITEM_RETRY_CAP_S, self.item_retry_base_s * 2 ** min(item.attempts, 20))
            delay = self.rng.uniform(ceiling / 2, ceiling)
            values.update(
                state=ItemState.PENDING.value,
                last_error=result.detail or "retry_later",
                next_attempt_at=now + timedelta(seconds=delay),
            )
        return values

    def counts(self) -> dict[str, int]:
        with read_session(self.kiosk.engine) as session:
            return outbox.summary(session).counts


_OUTBOX = cast(Table, OutboxItem.__table__)
_blocked = (
    select(OutboxItem.id)
    .where(OutboxItem.state.in_(("rejected", "conflict", "superseded")))
    .scalar_subquery()
)
_EVENTS = cast(Table, SyncEvent.__table__)
_UPDATE_BY_ID = _OUTBOX.update().where(_OUTBOX.c.id == bindparam("b_id"))


def _add_events(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(_EVENTS), rows)


def _done_among(session: Session, ids: Iterable[str]) -> set[str]:
    wanted = list(ids)
    if not wanted:
        return set()
    return set(
        session.execute(
            select(OutboxItem.id).where(OutboxItem.id.in_(wanted), OutboxItem.state.in_(DONE))
        ).scalars()
    )


def meta_get(kiosk: Kiosk, key: str) -> str | None:
    with read_session(kiosk.engine) as session:
        return session.execute(select(Meta.value).where(Meta.key == key)).scalar()


def meta_set(kiosk: Kiosk, key: str, value: str) -> None:
    with write_session(kiosk.engine) as session:
        session.merge(Meta(key=key, value=value))


__all__ = ["ExchangeReport", "NotSent", "Relay", "meta_get", "meta_set"]
