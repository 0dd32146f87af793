"""The outbox relay: moves queued items to the province exactly once in effect.

One exchange:
1. **Reconcile** items whose outcome is unknown (a batch sent, no answer): they are resent as
   they are — the identical frozen payload under the same id — before anything newer; the
   province answers ``duplicate`` for those it had (§4), ``accepted`` for those it had not.
2. **Send** pending items in queue order, in batches of ≤ 100 items and ≤ 2 MiB, attachments
   first (HEAD, then PUT), an item whose ``depends_on`` is not done waits.
3. Per-item results drive the states: accepted/duplicate → done (``server_ref`` kept);
   rejected → needs a person (never blocks the others); conflict → quarantined, technician
   alerted; retry_later → pending again, later. The province's words (a rejection's
   messages, a retry_later's detail) may name the person: they are sealed
   (:mod:`kiosk.store.province_texts`), only field paths and codes stay in plain text.
An item is done only on the province's word. Items are marked ``in_flight`` (committed) before
the request leaves; a crash then leaves them in flight, which start-up turns into ``unknown``.

**Withdrawn meanwhile.** A person's data may be deleted on request (``kiosk subject purge
--force``) while their item is queued or in flight: the purge makes it ``superseded`` (no
successor, payload gone) in its own transaction. Every state change here is therefore
conditional on the state the relay left the item in:

* the claim (``pending``/``unknown`` → ``in_flight``) takes only items still as picked and
  still holding their payload; an item withdrawn before the request leaves is not sent;
* only items still ``in_flight`` take the batch's result. For a withdrawn one, the province's
  word is recorded as the truth and nothing is sent again: ``accepted``/``duplicate`` → that
  state (with ``server_ref``), a note, an audit entry ``sync.accepted_after_withdrawal`` and a
  technician alert — the withdrawal came too late, the person must ask the province;
  ``rejected``/``retry_later``/not sent → stays withdrawn (the province does not hold it; its
  field errors are not kept); ``conflict`` → stays withdrawn with a note and the alert; no
  answer (``unknown``, 5xx) → stays withdrawn, noted, audited (``sync.withdrawn_in_doubt``) and
  alerted: it may have reached the province and cannot be resent to find out, so
  :meth:`Relay.settle_withdrawn_in_doubt` asks the province by id (contract §5) later;
* before each scanned paper it uploads, the relay checks that its dossier still waits as
  picked: a dossier withdrawn meanwhile sends no further paper (at most the one on its way);
* an item waiting to be sent whose payload is gone is never picked; :meth:`Relay.drain` retires
  any it finds (``superseded``, noted, audited ``sync.unsendable``) so none blocks the queue.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, case, insert, select, update
from sqlalchemy.orm import Session

from kiosk.domain.masking import redact_text
from kiosk.services.context import Kiosk
from kiosk.store import audit, outbox, province_texts
from kiosk.store.db import read_session, write_session
from kiosk.store.models import ItemState, Meta, OutboxItem, SyncEvent, utcnow
from kiosk.sync import events, shared
from kiosk.sync.client import UNKNOWN, ItemResult, ProvincialClient
from kiosk.sync.errors import (
    AuthFailed,
    BadRequest,
    IdempotencyConflict,
    KioskDisabled,
    NotSent,
    OutcomeUnknown,
    RetryLater,
    SyncError,
    UnexpectedAnswer,
)

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
WAITING = (ItemState.PENDING.value, ItemState.UNKNOWN.value)  # what the relay picks
MAX_WITHDRAWN_BATCHES = 64  # picks in a row whose items were all withdrawn before leaving
# An item withdrawn in flight with no answer is asked about (contract §5) once the province
# has long finished with the request that carried it; so many a drain at most.
SETTLE_AFTER = timedelta(minutes=10)
SETTLE_AT_MOST = 10  # a few lookups a drain: the queue goes first
LOOKUP_PAUSE = timedelta(minutes=5)  # no lookups for so long after the province said wait
# Notes (``last_error``) on an item withdrawn (its personal data deleted on request) while the
# relay was sending it. Vietnamese, then English; the English starts "withdrawn:" like the
# purge's own note (kiosk.store.outbox.WITHDRAWN).
WITHDRAWN_BUT_ACCEPTED = (
    "Đã hủy gửi theo yêu cầu xóa dữ liệu nhưng tỉnh đã nhận mục này trước khi kịp hủy; "
    "người dân cần đề nghị tỉnh xóa. (withdrawn: personal data deleted on request, but the "
    "province had already received this item; the person must ask the province to delete it.)"
)
WITHDRAWN_IN_DOUBT = outbox.WITHDRAWN_IN_DOUBT  # asked about: see settle_withdrawn_in_doubt
WITHDRAWN_NOT_RECEIVED = (
    "Đã hủy gửi theo yêu cầu xóa dữ liệu; tỉnh xác nhận chưa từng nhận mục này. (withdrawn: "
    "personal data deleted on request; the province confirms it never received this item.)"
)
WITHDRAWN_CONFLICT = (
    "Đã hủy gửi theo yêu cầu xóa dữ liệu; tỉnh báo đã có nội dung khác với cùng mã mục "
    "(xung đột), cần kỹ thuật viên kiểm tra. (withdrawn: personal data deleted on request; "
    "the province reports other content under the same item id (conflict): a technician "
    "must check.)"
)
UNSENDABLE = (
    "Không thể gửi: dữ liệu cá nhân của mục đã bị xóa theo yêu cầu, mục được hủy gửi. "
    "(withdrawn: personal data deleted on request; this item can no longer be sent.)"
)
# An item result the kiosk cannot read (an unrecognised status, none for the item): the item
# is ``unknown`` and resent only as it is (same id) after a jittered back-off, so the queue
# behind it goes first; after so many identical ones in a row the technician is told, and
# it is asked again only every ITEM_RETRY_CAP_S (history: "unknown" events, detail below).
UNREADABLE_PREFIX = "unreadable: "
UNREADABLE_ALERT_AFTER = 3
ALERT_UNREADABLE = (
    "Tỉnh nhiều lần trả lời một mục bằng kết quả kiosk không hiểu; mục được giữ lại (chỉ gửi "
    "lại đúng mục đó, cùng mã, 5 phút một lần), các mục khác vẫn gửi. Kỹ thuật viên: xem kiosk "
    "queue và báo tỉnh mã mục. (The province keeps answering an item with a result the kiosk "
    "cannot read; it is held back and resent unchanged every 5 minutes, the rest go on.)"
)
# A dossier whose scanned paper cannot reach the province for good (contract §7: refused by
# the province, or gone/damaged on this kiosk): ``rejected`` with one of these reasons, so a
# person re-scans the paper and corrects the dossier (a NEW item; the province never held the
# old one). Keyed by the province's problem code or the local cause.
PAPER_REASONS = {
    "hash_mismatch": (
        "Tỉnh không nhận giấy tờ kèm theo số {n}: nội dung tệp không khớp mã kiểm tra "
        "(hash_mismatch), kể cả khi kiosk đọc lại và gửi lại. Hãy quét lại giấy tờ này rồi sửa "
        "hồ sơ."
    ),
    "too_large": (
        "Giấy tờ kèm theo số {n} lớn hơn giới hạn tỉnh nhận (10 MiB, too_large). Hãy quét lại "
        "với độ phân giải thấp hơn hoặc tách thành nhiều tệp rồi sửa hồ sơ."
    ),
    "paper_missing": (
        "Không còn tệp giấy tờ kèm theo số {n} trên máy (đã bị xóa hoặc mất). Hãy quét lại "
        "giấy tờ này rồi sửa hồ sơ."
    ),
    "paper_damaged": (
        "Tệp giấy tờ kèm theo số {n} trên máy bị hỏng (không khớp mã kiểm tra). Hãy quét lại "
        "giấy tờ này rồi sửa hồ sơ."
    ),
}
PAPER_REASON_OTHER = (
    "Tỉnh không nhận giấy tờ kèm theo số {n} (mã lỗi {code}). Hãy kiểm tra tệp, đính kèm lại "
    "rồi sửa hồ sơ."
)
WITHDRAWN_EVENT = "đã hủy gửi (withdrawn)"  # sync history detail of an answer that came late
NOT_RECEIVED_EVENT = "tỉnh chưa từng nhận (not received)"  # detail: a lookup's 404
ALERT_WITHDRAWN_ACCEPTED = (
    "Mục đã hủy gửi theo yêu cầu xóa dữ liệu nhưng tỉnh đã nhận trước khi kịp hủy; người dân "
    "cần đề nghị tỉnh xóa, kỹ thuật viên xem nhật ký. (An item withdrawn on a data-deletion "
    "request had already reached the province; the person must ask the province to delete "
    "it — see the session log.)"
)
ALERT_WITHDRAWN_IN_DOUBT = (
    "Mục đã hủy gửi theo yêu cầu xóa dữ liệu khi đang gửi; chưa rõ tỉnh đã nhận chưa, kiosk "
    "sẽ tự hỏi tỉnh và báo lại nếu tỉnh đã nhận. (An item withdrawn on a data-deletion "
    "request while being sent may have reached the province; the kiosk will ask the province "
    "and alert again if it did.)"
)


@dataclass
class ExchangeReport:
    sent: int = 0
    done: int = 0
    rejected: int = 0
    conflicts: int = 0
    retry_later: int = 0
    reconciled: int = 0
    unknown: int = 0  # items whose own result could not be read (the others were applied)
    batches: int = 0
    withdrawn: int = 0  # answers for items withdrawn while in flight (not applied as usual)
    settled: int = 0  # items withdrawn in doubt, settled by asking the province
    # the province's (or the link's) refusal of a lookup: the caller waits as for a batch's
    refused: SyncError | None = None

    def add(self, other: ExchangeReport) -> None:
        for name, value in vars(self).items():
            if name == "refused":
                self.refused = other.refused or value
            else:
                setattr(self, name, value + getattr(other, name))


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
    _lookups_paused_at: datetime | None = None  # a lookup refused (Retry-After): no more
    _lookups_pause: timedelta = LOOKUP_PAUSE  # ... for so long

    def __post_init__(self) -> None:
        self._max_configured = self.max_items

    # --- one batch -------------------------------------------------------------------------

    def send_next_batch(self) -> ExchangeReport | None:
        """Send one batch (unknown items first); None when nothing can be sent now."""
        for _ in range(MAX_WITHDRAWN_BATCHES):
            with read_session(self.kiosk.engine) as session:
                batch = self._pick(session, ItemState.UNKNOWN.value)
                reconciling = bool(batch)
                if not batch:
                    batch = self._pick(session, ItemState.PENDING.value)
            if not batch:
                return None
            with self.client.exchange():  # the papers, then the batch: spaced as one request
                report = self._send(batch, reconciling)
            if report is not None:
                return report
            # every item of that batch was withdrawn before it left: none is picked again
        return None

    def drain(
        self,
        max_batches: int = 10_000,
        on_batch: Callable[[ExchangeReport], None] | None = None,
    ) -> ExchangeReport:
        """Send batches until nothing more can be sent now (a batch's error propagates), then
        ask about withdrawn items in doubt (a refused lookup comes back in the report).
        ``on_batch`` hears each batch's report as it is answered (progress on a long queue)."""
        self.retire_unsendable()
        total = ExchangeReport()
        for _ in range(max_batches):
            report = self.send_next_batch()
            if report is None:
                break
            total.add(report)
            if on_batch is not None:
                on_batch(report)
        total.settled, total.refused = self.settle_withdrawn_in_doubt()
        return total

    # --- withdrawn in doubt -------------------------------------------------------------------

    def settle_withdrawn_in_doubt(self) -> tuple[int, SyncError | None]:
        """Ask the province (``GET /submissions/{id}``, contract §5) about withdrawn items it
        may hold (``doubt_since``: sent, no answer, then withdrawn): they cannot be resent to
        find out, their payload is deleted.

        * 404 ``not_found``: it never arrived; the withdrawal is complete, noted and audited
          (``sync.withdrawn_settled``).
        * Stored: recorded as stored, audited and alerted as for a late answer (the person
          must ask the province to delete it).

        Asked ``SETTLE_AFTER`` after the doubt arose, at most ``SETTLE_AT_MOST`` a drain. A
        lookup that fails for its item asks that item again ``SETTLE_AFTER`` later, so the
        others are not held up. One the province or the link refuses (429/503/5xx, 401/403,
        offline) stops the lookups until its ``Retry-After`` (at least ``LOOKUP_PAUSE``) has
        passed. Never raises: the drain's batches went already; the refusal is returned for
        the caller to wait as it would for a batch's. Returns how many were settled, and that
        refusal if any."""
        now = self.now()
        if self._lookups_paused(now):
            return 0, None
        before = now - SETTLE_AFTER
        with read_session(self.kiosk.engine) as session:
            doubt = list(
                session.execute(
                    select(OutboxItem)
                    .where(OutboxItem.doubt_since.is_not(None), OutboxItem.doubt_since <= before)
                    .order_by(OutboxItem.doubt_since, OutboxItem.seq)
                    .limit(SETTLE_AT_MOST)
                ).scalars()
            )
        answers: list[tuple[OutboxItem, ItemResult | None]] = []
        refused: SyncError | None = None
        for item in doubt:
            try:
                answers.append((item, self.client.get_submission(item.id)))
            except (OutcomeUnknown, BadRequest) as exc:  # this item's answer: asked again later
                log.warning("withdrawn item in doubt not settled: %s", type(exc).__name__)
                answers.append((item, _ASK_AGAIN))
            except SyncError as exc:  # the province or the link (wait, refused, down): stop
                wait = max(timedelta(seconds=exc.retry_after or 0), LOOKUP_PAUSE)
                self._lookups_paused_at, self._lookups_pause = self.now(), wait
                log.warning("lookups of withdrawn items paused: %s", type(exc).__name__)
                answers.append((item, _ASK_AGAIN))  # it may be this item: the others first
                refused = exc
                break
        return (self._settle(answers) if answers else 0), refused

    def _lookups_paused(self, now: datetime) -> bool:
        """Within the pause after a refused lookup (a clock set back ends it)."""
        at = self._lookups_paused_at
        return at is not None and at <= now < at + self._lookups_pause

    def _settle(self, answers: list[tuple[OutboxItem, ItemResult | None]]) -> int:
        now = self.now()
        late_done = applied = 0
        with write_session(self.kiosk.engine) as session:
            for item, found in answers:
                if found is not None and found.status not in DONE:  # _ASK_AGAIN among them
                    session.execute(  # to the back of the line: asked again SETTLE_AFTER on
                        update(OutboxItem)
                        .where(OutboxItem.id == item.id, OutboxItem.doubt_since.is_not(None))
                        .values(doubt_since=now)
                    )
                    continue
                still = session.execute(
                    select(OutboxItem.id).where(
                        OutboxItem.id == item.id, OutboxItem.doubt_since.is_not(None)
                    )
                ).first()
                if still is None:  # settled meanwhile (another relay, a second drain)
                    continue
                applied += 1
                if found is None:
                    self._withdrawn_noted(session, item, now, in_doubt=False)
                    event = {"at": now, "event": "settled", "detail": NOT_RECEIVED_EVENT}
                else:
                    late_done += 1
                    self._accepted_after_withdrawal(session, item, found, now)
                    event = {"at": now, "event": "reconciled", "detail": found.server_ref}
                _add_events(session, [{"item_id": item.id, **event}])
        if late_done:
            log.warning("%d withdrawn item(s) in doubt were stored by the province", late_done)
            self.bus.publish(
                events.ALERT, code="withdrawn_accepted", message=ALERT_WITHDRAWN_ACCEPTED
            )
        if applied:
            self.bus.publish(events.OUTBOX_DID_CHANGE, counts=self.counts())
        return applied

    def _withdrawn_noted(
        self, session: Session, item: OutboxItem, now: datetime, *, in_doubt: bool
    ) -> None:
        """A withdrawn item's note and doubt mark, and its audit entry: the province may hold
        it (no answer) or, asked, said it never received it."""
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item.id)
            .values(
                last_error=WITHDRAWN_IN_DOUBT if in_doubt else WITHDRAWN_NOT_RECEIVED,
                doubt_since=now if in_doubt else None,
                updated_at=now,
            )
        )
        audit.append(
            session,
            "sync",
            "sync.withdrawn_in_doubt" if in_doubt else "sync.withdrawn_settled",
            item.kind,
            item.record_id,
            detail={"item_id": item.id, "answer": "none" if in_doubt else "not_found"},
            at=now,
        )

    def _pick(self, session: Session, state: str) -> list[OutboxItem]:
        now = self.now()
        rows = session.execute(
            select(OutboxItem)
            .where(OutboxItem.state == state)
            .where(OutboxItem.payload_enc.is_not(None))  # withdrawn: never sent
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

    def _send(self, batch: list[OutboxItem], reconciling: bool) -> ExchangeReport | None:
        """One batch (``_pick`` never takes a payload-less item); None when every item of it
        was withdrawn before the request left."""
        wire = [outbox.wire_item(self.kiosk.cipher, item) for item in batch]
        previous = {item.id: item.state for item in batch}
        refused_papers = self._upload_papers(wire, previous)
        paper_report = ExchangeReport()
        if refused_papers:  # those dossiers (and what depends on them) stay; the others go
            held = _with_dependents(batch, set(refused_papers))
            paper_report = self._papers_refused(batch, refused_papers, previous)
            kept = [i for i, item in enumerate(batch) if item.id not in held]
            batch, wire = [batch[i] for i in kept], [wire[i] for i in kept]
            if not batch:
                return paper_report
        claimed = self._claim(batch, previous)
        if len(claimed) < len(batch):  # withdrawn since it was picked: it does not leave
            kept = [i for i, item in enumerate(batch) if item.id in claimed]
            batch, wire = [batch[i] for i in kept], [wire[i] for i in kept]
            if not batch:
                return paper_report if refused_papers else None
        body = json.dumps({"items": wire}, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            results = self.client.submit_batch(wire, body)
        except OutcomeUnknown:
            self._mark_unknown(batch)
            raise
        except BadRequest as exc:
            return self._refused_batch(batch, previous, exc)
        except SyncError as exc:
            self._restore(batch, previous, maybe_processed=_maybe_processed(exc))
            raise
        except Exception:  # not the province's answer: never left claimed (it may have gone)
            self._restore(batch, previous, maybe_processed=True)
            raise
        try:
            report = self._apply(batch, results, reconciling)
        except Exception:  # answered, but not recorded (disk full, database locked): not left
            self._unclaim_after_failure(batch, previous)  # claimed; resent, it is a duplicate
            raise
        report.add(paper_report)
        self._doubt_papers(batch, results)
        if meta_get(self.kiosk, "sync.disabled") == "1":
            meta_set(self.kiosk, "sync.disabled", "0")  # the province took us back
        self.max_items = min(self._max_configured, self.max_items * 2)  # after a halving
        meta_set(self.kiosk, shared.LAST_EXCHANGE, self.now().isoformat())
        self.bus.publish(events.OUTBOX_DID_CHANGE, counts=self.counts())
        return report

    # --- attachments ----------------------------------------------------------------------

    def _upload_papers(
        self, wire: list[dict[str, Any]], previous: dict[str, str]
    ) -> dict[str, dict[str, str]]:
        """Each dossier's papers not yet at the province. Before each paper, the dossier must
        still wait as picked with its payload: one withdrawn meanwhile (its person's data
        deleted on request) sends no further paper — at most the one already on its way.

        Errors are judged per dossier. A paper that can never reach the province — refused
        (400 ``hash_mismatch`` again after the file was read and checked anew, 413
        ``too_large``, any other 400/409/422), or gone or damaged on this kiosk — takes its
        dossier out of this batch: the dossiers refused so, each with its error (the field,
        the code, a Vietnamese message). A dossier picked from ``unknown`` is never among them:
        an earlier request may have delivered it, so it goes as it is and the province's
        answer decides. A transient failure (5xx, 429/503, the network, the token) propagates
        as before: nothing is claimed, the exchange is retried after the back-off."""
        refused: dict[str, dict[str, str]] = {}
        for item in wire:
            if item["kind"] != "dossier":
                continue
            item_id = item["id"]
            for index, paper in enumerate(item["payload"].get("TaiLieuNop") or []):
                sha = paper["sha256"]
                if sha in self._uploaded:
                    continue
                if not self._still_waiting(item_id, previous[item_id]):
                    log.info("papers of a withdrawn item not sent")
                    break  # the claim leaves it behind too
                try:
                    self._upload_paper(sha, paper)
                except (FileNotFoundError, ValueError) as exc:  # this kiosk's copy
                    if not self._still_waiting(item_id, previous[item_id]):
                        break  # deleted with its withdrawn dossier just now
                    code = (
                        "paper_missing" if isinstance(exc, FileNotFoundError) else "paper_damaged"
                    )
                except BadRequest as exc:  # the province refuses this paper for good
                    code = exc.code or f"http_{exc.status}"
                else:
                    self._uploaded.add(sha)
                    self._put_again.discard(sha)
                    continue
                if previous[item_id] == ItemState.UNKNOWN.value:
                    log.warning("paper of a dossier in doubt not sent (%s); resent as it is", code)
                    continue
                log.warning("paper of a dossier refused for good (%s): the dossier waits", code)
                message = PAPER_REASONS.get(code, PAPER_REASON_OTHER)
                refused[item_id] = {
                    "field": f"payload.TaiLieuNop[{index}]",
                    "code": code,
                    "message": message.format(n=index + 1, code=code),
                }
                break
        return refused

    def _upload_paper(self, sha: str, paper: dict[str, Any]) -> None:
        """HEAD (large papers), then PUT when absent. A 400 ``hash_mismatch`` is tried once
        more with the file read and checked again (a flipped bit on the way); the second one
        is the province's word. Raises FileNotFoundError / ValueError (the local copy gone or
        damaged), BadRequest (refused), or the transient SyncErrors."""
        small = int(paper.get("size") or 0) <= PUT_WITHOUT_HEAD_BYTES
        if not (small or sha in self._put_again or not self.client.has_attachment(sha)):
            return
        mime = paper.get("mime") or ""
        try:
            self.client.put_attachment(sha, self.kiosk.attachments.get(sha), mime)
        except BadRequest as exc:
            if exc.code != "hash_mismatch":
                raise
            data = self.kiosk.attachments.get(sha)  # read and checked anew
            if hashlib.sha256(data).hexdigest() != sha:  # (get checks it too)
                raise ValueError("paper does not match its hash") from None
            self.client.put_attachment(sha, data, mime)

    def _papers_refused(
        self,
        batch: list[OutboxItem],
        refused: dict[str, dict[str, str]],
        previous: dict[str, str],
    ) -> ExchangeReport:
        """Dossiers whose paper can never reach the province, never sent in this state:
        ``rejected`` with the paper's error (a person re-scans and corrects: a NEW item; the
        province does not hold the old one — it was ``pending``). Only items still as picked
        change; what depends on them waits (as behind any rejected dossier)."""
        now = self.now()
        report = ExchangeReport()
        changed: list[tuple[OutboxItem, ItemResult]] = []
        with write_session(self.kiosk.engine) as session:
            for item in batch:
                error = refused.get(item.id)
                if error is None:
                    continue
                result = ItemResult(item.id, "rejected", errors=(error,))
                values = self._result_values(item, result, now, report)
                done = session.execute(
                    update(OutboxItem)
                    .where(
                        OutboxItem.id == item.id,
                        OutboxItem.state == previous[item.id],
                        OutboxItem.payload_enc.is_not(None),
                    )
                    .values(**values)
                )
                if not getattr(done, "rowcount", 1):  # withdrawn meanwhile: stays withdrawn
                    report.rejected -= 1
                    continue
                changed.append((item, result))
                history = {"at": now, "item_id": item.id, "event": "rejected", "detail": None}
                _add_events(session, [history])
            if changed:
                detail = {
                    "items": len(changed),
                    "codes": sorted({r.errors[0]["code"] for _, r in changed}),
                }
                audit.append(session, "sync", "sync.paper_refused", detail=detail, at=now)
        for item, result in changed:
            self.bus.publish(
                events.ITEM_REJECTED, item_id=item.id, kind=item.kind, errors=list(result.errors)
            )
        if changed:
            self.bus.publish(events.OUTBOX_DID_CHANGE, counts=self.counts())
        return report

    def _still_waiting(self, item_id: str, state: str) -> bool:
        """The item is still in ``state`` (as picked) and still holds its payload."""
        with read_session(self.kiosk.engine) as session:
            found = session.execute(
                select(OutboxItem.id).where(
                    OutboxItem.id == item_id,
                    OutboxItem.state == state,
                    OutboxItem.payload_enc.is_not(None),
                )
            ).first()
        return found is not None

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

    def _claim(self, batch: list[OutboxItem], previous: dict[str, str]) -> set[str]:
        """Mark ``in_flight`` (committed before the request leaves) the items still as they
        were picked and still holding their payload; the ids claimed."""
        now = self.now()
        ids = [item.id for item in batch]
        with write_session(self.kiosk.engine) as session:
            rows = session.execute(
                select(OutboxItem.id, OutboxItem.state).where(
                    OutboxItem.id.in_(ids), OutboxItem.payload_enc.is_not(None)
                )
            ).all()
            claimed = {row.id for row in rows if row.state == previous[row.id]}
            if claimed:
                session.execute(
                    update(OutboxItem)
                    .where(OutboxItem.id.in_(claimed))
                    .values(
                        state=ItemState.IN_FLIGHT.value,
                        updated_at=now,
                        attempts=OutboxItem.attempts + 1,
                        last_attempt_at=now,
                    )
                )
            _add_events(
                session,
                [{"at": now, "item_id": i, "event": "sent"} for i in ids if i in claimed],
            )
        return claimed

    def _mark_unknown(self, batch: list[OutboxItem]) -> None:
        """No answer: the items still in flight become ``unknown`` (reconciled first); one
        withdrawn meanwhile stays withdrawn, noted as in doubt."""
        now = self.now()
        ids = [item.id for item in batch]
        with write_session(self.kiosk.engine) as session:
            live = _in_flight_among(session, ids)
            if live:
                session.execute(
                    update(OutboxItem)
                    .where(OutboxItem.id.in_(live), OutboxItem.state == ItemState.IN_FLIGHT.value)
                    .values(state=ItemState.UNKNOWN.value, updated_at=now)
                )
            doubt = [item for item in batch if item.id not in live]
            self._note_in_doubt(session, doubt, now)
            _add_events(session, [{"at": now, "item_id": i, "event": "unknown"} for i in ids])
        self._alert_in_doubt(doubt)

    def _restore(
        self, batch: list[OutboxItem], previous: dict[str, str], maybe_processed: bool = False
    ) -> None:
        """The request produced no outcome: back as they were (not sent, 429/503), or
        ``unknown`` when the province may have processed it (500/502/504) — reconciled first,
        and known to the purge as possibly at the province.

        Only items still ``in_flight`` change; one withdrawn meanwhile stays withdrawn (noted
        as in doubt when the answer leaves open that the province processed the batch)."""
        now = self.now()
        in_flight = ItemState.IN_FLIGHT.value
        with write_session(self.kiosk.engine) as session:
            live = _in_flight_among(session, [item.id for item in batch])
            for item in batch:
                back = ItemState.UNKNOWN.value if maybe_processed else previous[item.id]
                session.execute(
                    update(OutboxItem)
                    .where(OutboxItem.id == item.id)
                    .values(
                        state=case((OutboxItem.state == in_flight, back), else_=OutboxItem.state),
                        updated_at=now,
                        # the attempt counts only if it may have reached the province
                        attempts=OutboxItem.attempts - (0 if maybe_processed else 1),
                    )
                )
            withdrawn = [item for item in batch if item.id not in live]
            doubt = withdrawn if maybe_processed else []
            self._note_in_doubt(session, doubt, now)
            # not processed: a withdrawn item that had never gone out before is not at the
            # province (the purge marked it in doubt while it was in flight); one claimed from
            # ``unknown`` stays in doubt (an earlier request may have delivered it)
            never_out = [i.id for i in withdrawn if not maybe_processed
                         and previous[i.id] == ItemState.PENDING.value]  # fmt: skip
            if never_out:
                _withdrawal_stands(session, never_out, outbox.WITHDRAWN, now, only_in_doubt=True)
            event = "unknown" if maybe_processed else "not_sent"
            _add_events(session, [{"at": now, "item_id": i.id, "event": event} for i in batch])
        self._alert_in_doubt(doubt)

    def _unclaim_after_failure(self, batch: list[OutboxItem], previous: dict[str, str]) -> None:
        """Best effort after the province's answer could not be recorded: ``unknown``."""
        try:
            self._restore(batch, previous, maybe_processed=True)
        except Exception:  # the database still failing: start-up recovery does it later
            log.exception("items of a batch left in flight")

    def _note_in_doubt(self, session: Session, items: list[OutboxItem], now: datetime) -> None:
        """Withdrawn while in flight, no answer: it may be at the province (honest record)."""
        for item in items:
            self._withdrawn_noted(session, item, now, in_doubt=True)

    def _alert_in_doubt(self, items: list[OutboxItem]) -> None:
        if items:
            log.warning("%d withdrawn item(s) may have reached the province", len(items))
            self.bus.publish(
                events.ALERT, code="withdrawn_in_doubt", message=ALERT_WITHDRAWN_IN_DOUBT
            )

    def retire_unsendable(self) -> int:
        """Items waiting to be sent whose payload is gone (withdrawn, left waiting by an older
        version) can never be sent: retired, so that none of them blocks the queue."""
        with read_session(self.kiosk.engine) as session:
            ids = list(
                session.execute(
                    select(OutboxItem.id).where(
                        OutboxItem.state.in_(WAITING), OutboxItem.payload_enc.is_(None)
                    )
                ).scalars()
            )
        return self._retire(ids) if ids else 0

    def _retire(self, ids: list[str]) -> int:
        now = self.now()
        with write_session(self.kiosk.engine) as session:
            rows = session.execute(
                select(OutboxItem.id, OutboxItem.state).where(
                    OutboxItem.id.in_(ids),
                    OutboxItem.state.in_(WAITING),
                    OutboxItem.payload_enc.is_(None),
                )
            ).all()
            for row in rows:
                pending = row.state == ItemState.PENDING.value
                session.execute(
                    update(OutboxItem)
                    .where(OutboxItem.id == row.id)
                    .values(
                        state=ItemState.SUPERSEDED.value,
                        next_attempt_at=None,
                        last_error=UNSENDABLE if pending else WITHDRAWN_IN_DOUBT,
                        doubt_since=None if pending else now,
                        updated_at=now,
                    )
                )
            if rows:
                history = [
                    {"at": now, "item_id": r.id, "event": "not_sent", "detail": WITHDRAWN_EVENT}
                    for r in rows
                ]
                _add_events(session, history)
                in_doubt = sum(1 for r in rows if r.state == ItemState.UNKNOWN.value)
                detail = {"items": len(rows), "in_doubt": in_doubt}
                audit.append(session, "sync", "sync.unsendable", detail=detail, at=now)
        if rows:
            log.warning("%d item(s) without a payload retired (withdrawn)", len(rows))
            self.bus.publish(events.OUTBOX_DID_CHANGE, counts=self.counts())
        return len(rows)

    def _refused_batch(
        self, batch: list[OutboxItem], previous: dict[str, str], exc: BadRequest
    ) -> ExchangeReport:
        """400/409/413/422 for the whole batch: halve it until the item it is about is alone.
        That item, refused alone: 409 ``idempotency_conflict`` (the province holds its id with
        other content, §2/§4) → ``conflict``, quarantined for the technician — never
        ``rejected``, whose correction would send it again under a new id; any other refusal
        → ``rejected``, a person corrects it. (It is still ``in_flight`` here, so one withdrawn
        meanwhile keeps its withdrawal.)"""
        if len(batch) > 1:
            self._restore(batch, previous)
            self.max_items = max(1, len(batch) // 2)
            log.warning(
                "batch of %d refused (%s); next batches ≤ %d",
                len(batch),
                exc.status,
                self.max_items,
            )
            return ExchangeReport(batches=1)
        item = batch[0]
        if isinstance(exc, IdempotencyConflict):  # never resent blindly, never re-keyed
            log.warning("item refused alone with 409 idempotency_conflict: quarantined")
            conflict = ItemResult(item.id, "conflict", detail=exc.code)
            return self._apply(batch, [conflict], reconciling=False, judged=False)
        error = {
            "field": "",
            "code": exc.code or "bad_request",
            "message": f"Tỉnh không nhận mục này: {exc.detail or exc.status}",
        }
        result = ItemResult(item.id, "rejected", errors=(error,))
        # the request was refused unprocessed: that says the province does not hold an item
        # never sent before; one claimed from ``unknown`` an earlier request may have delivered
        judged = previous[item.id] == ItemState.PENDING.value
        return self._apply(batch, [result], reconciling=False, judged=judged)

    def _apply(
        self,
        batch: list[OutboxItem],
        results: list[ItemResult],
        reconciling: bool,
        judged: bool = True,
    ) -> ExchangeReport:
        """Only items still ``in_flight`` take the batch's result; for one withdrawn
        meanwhile the province's word is recorded honestly and nothing is sent again.
        ``judged``: the results tell whether the province holds each item (not so for a
        refused request about an item an earlier request may have delivered)."""
        now = self.now()
        report = ExchangeReport(sent=len(batch), batches=1)
        rows, history = [], []
        rejected: list[tuple[OutboxItem, ItemResult]] = []
        late_done, late_conflict = 0, 0
        doubt: list[OutboxItem] = []  # withdrawn meanwhile, its own result unreadable
        unreadable_alert = False
        with write_session(self.kiosk.engine) as session:
            live = _in_flight_among(session, [item.id for item in batch])
            for item, result in zip(batch, results, strict=True):
                event = "reconciled" if reconciling and result.status in DONE else result.status
                said = result.server_ref
                streak = 0
                if result.status == UNKNOWN:
                    said = f"{UNREADABLE_PREFIX}{result.detail or ''}"[:200]
                    streak = _unreadable_streak(session, item.id, said) + 1
                if item.id in live:
                    values = self._result_values(item, result, now, report, streak)
                    rows.append({"b_id": item.id, **values})
                    history.append({"at": now, "item_id": item.id, "event": event, "detail": said})
                    if streak == UNREADABLE_ALERT_AFTER:
                        unreadable_alert = True
                        audit.append(
                            session,
                            "sync",
                            "sync.unreadable_answer",
                            item.kind,
                            item.record_id,
                            detail={"item_id": item.id, "times": streak},
                            at=now,
                        )
                    if result.status == "rejected":
                        rejected.append((item, result))
                    continue
                report.withdrawn += 1
                note = result.server_ref if result.status in DONE else WITHDRAWN_EVENT
                history.append({"at": now, "item_id": item.id, "event": event, "detail": note})
                if result.status == UNKNOWN:  # no readable answer: it may be at the province
                    report.unknown += 1
                    doubt.append(item)
                    self._withdrawn_noted(session, item, now, in_doubt=True)
                elif result.status in DONE:
                    report.done += 1
                    late_done += 1
                    self._accepted_after_withdrawal(session, item, result, now)
                elif result.status == "conflict" or judged:
                    # conflict: other content under its id; rejected / retry_later: the
                    # province does not hold it (it would have answered duplicate). Either way
                    # the withdrawal stands, the errors not kept. (A refused request says
                    # nothing of an earlier one: then the purge's mark stays.)
                    conflict = result.status == "conflict"
                    late_conflict += conflict
                    note = WITHDRAWN_CONFLICT if conflict else outbox.WITHDRAWN
                    _withdrawal_stands(session, [item.id], note, now)
            if rows:
                session.execute(_UPDATE_IF_IN_FLIGHT, rows)  # one executemany for the batch
            _add_events(session, history)
            detail: dict[str, Any] = {
                "items": len(batch),
                "done": report.done,
                "rejected": report.rejected,
                "conflict": report.conflicts,
                "retry_later": report.retry_later,
                "reconciling": reconciling,
            }
            if report.withdrawn:
                detail["withdrawn"] = report.withdrawn
            audit.append(session, "sync", "sync.batch", detail=detail)
        if reconciling:
            report.reconciled = report.done
        self._alert_in_doubt(doubt)
        if unreadable_alert:
            log.warning("an item's result unreadable %d times in a row", UNREADABLE_ALERT_AFTER)
            self.bus.publish(events.ALERT, code="unreadable_answer", message=ALERT_UNREADABLE)
        for item, result in rejected:
            self.bus.publish(
                events.ITEM_REJECTED,
                item_id=item.id,
                kind=item.kind,
                errors=[  # shown or logged by whoever listens: the province's words masked
                    {**e, "message": redact_text(e.get("message", ""))} for e in result.errors
                ],
            )
        if late_done:
            log.warning("%d withdrawn item(s) were accepted by the province", late_done)
            self.bus.publish(
                events.ALERT, code="withdrawn_accepted", message=ALERT_WITHDRAWN_ACCEPTED
            )
        if report.conflicts or late_conflict:
            self.bus.publish(
                events.ALERT,
                code="conflict",
                message="Có mục bị tỉnh báo xung đột; cần kỹ thuật viên kiểm tra",
            )
        return report

    def _accepted_after_withdrawal(
        self, session: Session, item: OutboxItem, result: ItemResult, now: datetime
    ) -> None:
        """The province stored an item withdrawn while it was in flight: it is done (its
        payload stays deleted); the record says so, and so does the audit chain."""
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item.id)
            .values(
                state=result.status,
                updated_at=now,
                next_attempt_at=None,
                errors_json=None,
                reasons_enc=None,
                server_ref=result.server_ref,
                received_at=result.received_at,
                last_error=WITHDRAWN_BUT_ACCEPTED,
                doubt_since=None,
            )
        )
        audit.append(
            session,
            "sync",
            "sync.accepted_after_withdrawal",
            item.kind,
            item.record_id,
            detail={"item_id": item.id, "answer": result.status, "server_ref": result.server_ref},
            at=now,
        )

    def _result_values(
        self,
        item: OutboxItem,
        result: ItemResult,
        now: datetime,
        report: ExchangeReport,
        streak: int = 0,
    ) -> dict[str, Any]:
        """The new column values of one item; every key always present (one executemany)."""
        values: dict[str, Any] = {
            "state": result.status,
            "updated_at": now,
            "next_attempt_at": None,
            "last_error": None,
            "errors_json": None,
            "reasons_enc": None,
            "server_ref": result.server_ref,
            "received_at": result.received_at,
        }
        if result.status in DONE:
            report.done += 1
        elif result.status == "rejected":
            report.rejected += 1
            # the province's words may name the person: sealed, paths and codes in plain
            values.update(
                state=ItemState.REJECTED.value,
                **province_texts.columns(self.kiosk.cipher, item.id, result.errors, result.detail),
            )
        elif result.status == "conflict":
            report.conflicts += 1
            values.update(
                state=ItemState.CONFLICT.value,
                last_error="conflict: same id, different content at the province",
            )
        elif result.status == UNKNOWN:
            # its own result unreadable (the others were applied): the province may hold it.
            # Resent only as it is, same id — after a back-off, so the queue goes first; the
            # ``streak``-th identical such answer in a row widens it (5 min at most).
            report.unknown += 1
            ceiling = min(ITEM_RETRY_CAP_S, self.item_retry_base_s * 2 ** min(streak, 20))
            if streak >= UNREADABLE_ALERT_AFTER:
                ceiling = ITEM_RETRY_CAP_S
            values.update(
                state=ItemState.UNKNOWN.value,
                last_error=_unreadable_note(result, streak),
                next_attempt_at=now + timedelta(seconds=self.rng.uniform(ceiling / 2, ceiling)),
            )
        else:  # retry_later: transient for this item only
            report.retry_later += 1
            ceiling = min(ITEM_RETRY_CAP_S, self.item_retry_base_s * 2 ** min(item.attempts, 20))
            delay = self.rng.uniform(ceiling / 2, ceiling)
            values.update(
                state=ItemState.PENDING.value,
                last_error=province_texts.RETRY_LATER,
                next_attempt_at=now + timedelta(seconds=delay),
                **province_texts.columns(
                    self.kiosk.cipher, item.id, (), result.detail, rejected=False
                ),
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
_UPDATE_IF_IN_FLIGHT = (
    _OUTBOX.update()
    .where(_OUTBOX.c.id == bindparam("b_id"))
    .where(_OUTBOX.c.state == ItemState.IN_FLIGHT.value)  # withdrawn meanwhile: not this way
)


def _in_flight_among(session: Session, ids: list[str]) -> set[str]:
    """Those of ``ids`` still ``in_flight`` (read inside the caller's write transaction)."""
    return set(
        session.execute(
            select(OutboxItem.id).where(
                OutboxItem.id.in_(ids), OutboxItem.state == ItemState.IN_FLIGHT.value
            )
        ).scalars()
    )


def _maybe_processed(exc: SyncError) -> bool:
    """Whether a failed batch request may still have been processed by the province: not
    when it never left (NotSent), was refused (401/403) or met the rate limit/overload
    (429/503), or failed getting its token."""
    if exc.before_request or isinstance(exc, NotSent | AuthFailed | KioskDisabled):
        return False
    if isinstance(exc, UnexpectedAnswer):  # a 4xx: refused, not processed
        return False
    if isinstance(exc, RetryLater):
        return exc.status not in (429, 503)
    return True


def _with_dependents(batch: list[OutboxItem], held: set[str]) -> set[str]:
    """``held`` and the items of ``batch`` that depend on them (transitively)."""
    out = set(held)
    grew = True
    while grew:
        more = {i.id for i in batch if i.depends_on in out and i.id not in out}
        out |= more
        grew = bool(more)
    return out


def _unreadable_streak(session: Session, item_id: str, detail: str) -> int:
    """How many answers in a row, up to now, gave this item this same unreadable result
    (its history: "sent" events between them do not break the row)."""
    rows = session.execute(
        select(SyncEvent.event, SyncEvent.detail)
        .where(SyncEvent.item_id == item_id, SyncEvent.event != "sent")
        .order_by(SyncEvent.id.desc())
        .limit(UNREADABLE_ALERT_AFTER * 4)
    ).all()
    streak = 0
    for row in rows:
        if row.event != UNKNOWN or row.detail != detail:
            break
        streak += 1
    return streak


def _unreadable_note(result: ItemResult, streak: int) -> str:
    what = (result.detail or "no result")[:80]
    if streak >= UNREADABLE_ALERT_AFTER:
        return (
            f"Tỉnh trả lời mục này {streak} lần liên tiếp bằng kết quả kiosk không hiểu "
            f"({what}); mục chỉ được gửi lại đúng như cũ (cùng mã) 5 phút một lần. Kỹ thuật "
            "viên: báo tỉnh mã mục này. (unreadable result, held back)"
        )
    return (
        f"Chưa đọc được kết quả tỉnh trả lời cho mục này ({what}); kiosk sẽ gửi lại đúng mục "
        "này (cùng mã) sau. (unreadable result)"
    )


# a lookup that failed for its item: the item goes to the back of the line
_ASK_AGAIN = ItemResult("", "retry_later")


def _withdrawal_stands(
    session: Session, ids: list[str], note: str, now: datetime, *, only_in_doubt: bool = False
) -> None:
    """Withdrawn items the province does not hold as sent: their note, no doubt left."""
    query = update(OutboxItem).where(OutboxItem.id.in_(ids))
    if only_in_doubt:
        query = query.where(OutboxItem.doubt_since.is_not(None))
    session.execute(query.values(last_error=note, doubt_since=None, updated_at=now))


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
