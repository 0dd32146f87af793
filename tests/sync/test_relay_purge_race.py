"""A person's data withdrawn (``kiosk subject purge --force``) while their item is being sent.

The real relay, the real client against the real simulator on 127.0.0.1, a real data home.
``WithdrawingClient`` is the real client; while its first batch is in flight (or while the
papers of that batch upload) it runs the real ``subject.purge_subject`` — the technician's
withdrawal racing the relay — and then forwards the request unchanged to the simulator, whose
answer (or seeded fault) is what the relay gets.

Whatever the province answers, only items still ``in_flight`` take the batch's result; a
withdrawn item is never sent or picked again and never stops the others; when the province
did store it, the kiosk records that truthfully.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from kiosk.domain.samples import sample_payload
from kiosk.services import purge, records, subject
from kiosk.services.context import Kiosk
from kiosk.simulator import REFUSAL_MARKER, RunningSimulator, start_simulator
from kiosk.store import audit, outbox, province_texts
from kiosk.store.db import read_session, write_session
from kiosk.store.models import AuditEntry, ItemState, OutboxItem, SyncEvent, utcnow
from kiosk.sync import events
from kiosk.sync import relay as relay_module
from kiosk.sync.client import ItemResult, ProvincialClient
from kiosk.sync.errors import RetryLater, SyncError
from kiosk.sync.relay import Relay
from tests.maintenance.conftest import RARE_NAMES, make_person
from tests.sync.conftest import CLIENT_ID, SECRET, client_for

WITHDRAWN = ItemState.SUPERSEDED.value
TWO_DAYS = timedelta(days=2)


class WithdrawingClient(ProvincialClient):
    """The real client; its ``nth`` batch (``at="batch"``) or first paper upload
    (``at="paper"``) is preceded by the withdrawal of ``cccd``'s data, once."""

    def __init__(
        self, base_url: str, kiosk: Kiosk, cccd: str, at: str = "batch", nth: int = 1
    ) -> None:
        super().__init__(base_url, CLIENT_ID, lambda: SECRET, timeout_s=5.0,
                         connect_timeout_s=2.0)  # fmt: skip
        self.kiosk, self.cccd, self.at, self.nth = kiosk, cccd, at, nth
        self.batches = 0
        self.report: purge.PurgeReport | None = None

    def _withdraw(self, at: str) -> None:
        if at == self.at and self.report is None:
            _, self.report = subject.purge_subject(self.kiosk, self.cccd, "KTV01", force=True)

    def submit_batch(self, items: list[dict[str, Any]], body: bytes) -> list[ItemResult]:
        self.batches += 1
        if self.batches >= self.nth:
            self._withdraw("batch")
        return super().submit_batch(items, body)

    def put_attachment(self, sha256: str, data: bytes, mime: str) -> None:
        self._withdraw("paper")
        super().put_attachment(sha256, data, mime)


@pytest.fixture
def rng() -> random.Random:
    return random.Random(2207)


def resident(
    kiosk: Kiosk,
    rng: random.Random,
    n: int,
    *,
    paper: Path | None = None,
    extra: Path | None = None,
    **fields: Any,
) -> tuple[str, str]:
    """A resident's dossier (no postal return: one item) with a scanned ``paper`` and an
    ``extra`` one if given; (CCCD, item id)."""
    person = make_person(rng, RARE_NAMES[n])
    payload = sample_payload("dossier", rng, utcnow())
    payload.update(ChuHoSo=person.name, MaDoiTuong=person.cccd, NgaySinh=f"{person.birth:%Y%m%d}",
                   HinhThucNhanKetQua=0, **fields)  # fmt: skip
    payload["DongY"]["MucDich"] = [m for m in payload["DongY"]["MucDich"]
                                   if m != "tra_ket_qua_buu_chinh"]  # fmt: skip
    if paper is not None:
        paper.parent.mkdir(parents=True, exist_ok=True)
        paper.write_bytes(f"%PDF-1.4 CCCD {person.name} {person.cccd}".encode())
        payload["TaiLieuNop"] = [{"path": str(paper), "MaThanhPhanHoSo": "TP1",
                                  "mime": "application/pdf"}]  # fmt: skip
    if paper is not None and extra is not None:
        extra.write_bytes(f"%PDF-1.4 so ho khau {person.name}".encode())
        payload["TaiLieuNop"].append({"path": str(extra), "MaThanhPhanHoSo": "TP2",
                                      "mime": "application/pdf"})  # fmt: skip
    return person.cccd, records.save_record(kiosk, "dossier", payload, "TNV01").item_id


def visits(kiosk: Kiosk, rng: random.Random, n: int) -> list[str]:
    payloads = [sample_payload("visit", rng, utcnow()) for _ in range(n)]
    return [records.save_record(kiosk, "visit", p, "TNV01").item_id for p in payloads]


def item(kiosk: Kiosk, item_id: str) -> OutboxItem:
    with read_session(kiosk.engine) as session:
        return session.execute(select(OutboxItem).where(OutboxItem.id == item_id)).scalar_one()


def states(kiosk: Kiosk, ids: list[str]) -> list[str]:
    return [item(kiosk, i).state for i in ids]


def audit_actions(kiosk: Kiosk) -> list[AuditEntry]:
    with read_session(kiosk.engine) as session:
        assert audit.verify(session).ok
        return list(session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())


def alerts(relay: Relay) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    relay.bus.subscribe(lambda name, data: seen.append(data) if name == events.ALERT else None)
    return seen


def stored_ids(sim: RunningSimulator) -> set[str]:
    return {s["id"] for s in sim.state.items()}


def later(relay: Relay) -> None:
    """The relay's clock two days on: every back-off has run out."""
    relay.now = lambda: utcnow() + TWO_DAYS


def bilingual_withdrawn(note: str | None) -> None:
    assert note and "withdrawn:" in note and "hủy gửi" in note, note


# --- the province answers for the item withdrawn meanwhile ----------------------------------


@pytest.fixture
def other_province(tmp_path: Path) -> Iterator[RunningSimulator]:
    with start_simulator(tmp_path / "other-province", clients=[(CLIENT_ID, SECRET)]) as sim:
        yield sim


def test_withdrawn_while_sent_and_answered_retry_later_never_blocks_the_queue(
    kiosk: Kiosk, province: RunningSimulator, other_province: RunningSimulator, rng: random.Random
) -> None:
    """The reviewer's repro: the withdrawn item answered ``retry_later``, two days on. (The
    province answers ``retry_later`` for a payment whose dossier it does not hold yet: the
    dossier reached one provincial server, the payment goes to another that lacks it.)"""
    _, dossier = resident(kiosk, rng, 0)
    Relay(kiosk, client_for(province.base_url)).drain()
    assert states(kiosk, [dossier]) == ["accepted"]
    payer = make_person(rng, RARE_NAMES[1])
    fee = sample_payload("payment", rng, utcnow())
    fee.update(NguoiNop=payer.name, MaDoiTuongNguoiNop=payer.cccd, dossier_id=dossier)
    payment = records.save_record(kiosk, "payment", fee, "TNV01").item_id
    client = WithdrawingClient(other_province.base_url, kiosk, payer.cccd)
    relay = Relay(kiosk, client)

    first = relay.drain()
    assert client.report is not None and client.report.withdrawn == 1
    later_ones = visits(kiosk, rng, 3)
    later(relay)
    second = relay.drain()  # before the fix: ValueError "payload of item … was purged"
    assert second.sent == second.done == 3
    assert states(kiosk, later_ones) == ["accepted"] * 3
    withdrawn = item(kiosk, payment)
    assert (withdrawn.state, withdrawn.payload_enc, withdrawn.next_attempt_at) == (
        WITHDRAWN, None, None)  # fmt: skip
    assert withdrawn.last_error == purge.WITHDRAWN  # true: the province does not hold it
    assert payment not in stored_ids(other_province)
    assert relay.drain().sent == 0  # never picked again
    assert relay.counts()["pending"] == 0
    assert (first.sent, first.retry_later, first.withdrawn) == (1, 0, 1)


@pytest.mark.parametrize("answer", ["rejected", "conflict"])
def test_withdrawn_while_sent_and_not_stored_stays_withdrawn(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random, answer: str
) -> None:
    """``rejected``: the province holds nothing; its field errors (which may quote a value)
    are not kept and no one is asked to correct a withdrawn record. ``conflict``: it holds
    other content under this id: still withdrawn, noted, the technician alerted."""
    summary = f"{REFUSAL_MARKER} thiếu giấy tờ" if answer == "rejected" else "Xin cấp bản sao."
    cccd, mine = resident(kiosk, rng, 2, TrichYeuHoSo=summary)
    others = visits(kiosk, rng, 3)
    if answer == "conflict":  # the province holds other content under this id
        with read_session(kiosk.engine) as session:
            row = session.execute(select(OutboxItem).where(OutboxItem.id == mine)).scalar_one()
            wire = outbox.wire_item(kiosk.cipher, row)
        wire["payload"]["TrichYeuHoSo"] = "Một nội dung khác"
        body = json.dumps({"items": [wire]}, ensure_ascii=False).encode()
        assert client_for(province.base_url).submit_batch([wire], body)[0].status == "accepted"
    relay = Relay(kiosk, WithdrawingClient(province.base_url, kiosk, cccd))
    seen, rejected = alerts(relay), []
    relay.bus.subscribe(lambda n, d: rejected.append(d) if n == events.ITEM_REJECTED else None)

    report = relay.drain()
    assert states(kiosk, others) == ["accepted"] * 3
    withdrawn = item(kiosk, mine)
    assert (withdrawn.state, withdrawn.payload_enc, withdrawn.errors_json) == (
        WITHDRAWN, None, None)  # fmt: skip
    assert not rejected
    assert (report.sent, report.done, report.withdrawn) == (4, 3, 1)
    assert (report.rejected, report.conflicts) == (0, 0)
    if answer == "rejected":
        assert withdrawn.last_error == purge.WITHDRAWN
        assert mine not in stored_ids(province)
    else:
        assert withdrawn.last_error == relay_module.WITHDRAWN_CONFLICT
        bilingual_withdrawn(withdrawn.last_error)
        assert [a["code"] for a in seen] == ["conflict"]
    later(relay)
    assert relay.drain().sent == 0


@pytest.mark.parametrize("answer", ["accepted", "duplicate"])
def test_withdrawn_while_sent_but_stored_is_recorded_as_sent(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random, answer: str
) -> None:
    """The province stored it: the withdrawal came too late. The item is done (the
    province's word, ``server_ref`` kept), its payload stays deleted, and the kiosk says so:
    a bilingual note, an audit entry naming the record, a technician alert."""
    cccd, mine = resident(kiosk, rng, 3)
    others = visits(kiosk, rng, 2)
    if answer == "duplicate":  # sent once, the answer lost: reconciled by an identical resend
        province.set_faults("reset_after_commit@batch=1:times=1")
        with pytest.raises(SyncError):
            Relay(kiosk, client_for(province.base_url)).drain()
        assert states(kiosk, [mine, *others]) == ["unknown"] * 3
    relay = Relay(kiosk, WithdrawingClient(province.base_url, kiosk, cccd))
    seen = alerts(relay)

    report = relay.drain()
    done = item(kiosk, mine)
    at_province = province.state.item(mine)
    assert at_province is not None
    assert (done.state, done.server_ref, done.payload_enc) == (
        answer, at_province["server_ref"], None)  # fmt: skip
    bilingual_withdrawn(done.last_error)  # not "never sent": the province has it
    assert "tỉnh đã nhận" in str(done.last_error) and "province had" in str(done.last_error)
    entries = [e for e in audit_actions(kiosk) if e.action == "sync.accepted_after_withdrawal"]
    assert [(e.record_kind, e.record_id) for e in entries] == [("dossier", mine)]
    assert [a["code"] for a in seen] == ["withdrawn_accepted"]
    assert done.last_error == relay_module.WITHDRAWN_BUT_ACCEPTED
    assert "tỉnh" in seen[0]["message"] and "province" in seen[0]["message"]
    assert states(kiosk, others) == [answer] * 2
    assert (report.sent, report.done, report.withdrawn) == (3, 3, 1)
    later(relay)
    assert relay.drain().sent == 0


@pytest.mark.parametrize(
    ("fault", "in_doubt"),
    [
        ("reset_after_commit@batch=1:times=1", True),  # stored, the answer lost
        ("http500@batch=1:times=1:commit=yes", True),  # stored, then a 500
        ("http503@batch=1:times=1:retry_after=1", False),  # nothing processed
    ],
)
def test_withdrawn_while_sent_without_an_answer_never_blocks_the_queue(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random, fault: str, in_doubt: bool
) -> None:
    """No answer for the batch: the others are reconciled or sent again; the withdrawn item
    cannot be resent (its payload is gone), so it stays withdrawn — noted as in doubt,
    audited and alerted when the province may hold it."""
    cccd, mine = resident(kiosk, rng, 4)
    others = visits(kiosk, rng, 3)
    province.set_faults(fault)
    relay = Relay(kiosk, WithdrawingClient(province.base_url, kiosk, cccd))
    seen = alerts(relay)
    with pytest.raises(SyncError):
        relay.drain()
    withdrawn = item(kiosk, mine)
    assert (withdrawn.state, withdrawn.payload_enc) == (WITHDRAWN, None)
    if in_doubt:
        assert withdrawn.last_error == relay_module.WITHDRAWN_IN_DOUBT
        bilingual_withdrawn(withdrawn.last_error)
    later(relay)
    more = visits(kiosk, rng, 2)

    relay.drain()  # before the fix: ValueError "payload of item … was purged"
    assert states(kiosk, others) == ["duplicate" if in_doubt else "accepted"] * 3
    assert states(kiosk, more) == ["accepted"] * 2
    withdrawn = item(kiosk, mine)
    assert withdrawn.payload_enc is None
    doubts = [e for e in audit_actions(kiosk) if e.action == "sync.withdrawn_in_doubt"]
    if in_doubt:
        assert [(e.record_kind, e.record_id) for e in doubts] == [("dossier", mine)]
        assert mine in stored_ids(province)  # what "in doubt" warned about, settled by asking
        assert (withdrawn.state, withdrawn.last_error) == (
            "accepted", relay_module.WITHDRAWN_BUT_ACCEPTED)  # fmt: skip
        assert [a["code"] for a in seen] == ["withdrawn_in_doubt", "withdrawn_accepted"]
    else:
        assert withdrawn.state == WITHDRAWN
        assert withdrawn.last_error == purge.WITHDRAWN
        assert not doubts and not seen
        assert mine not in stored_ids(province)
    assert relay.drain().sent == 0
    assert relay.counts()["pending"] + relay.counts()["unknown"] == 0


@pytest.mark.parametrize(
    ("fault", "stored"),
    [
        ("reset_after_commit@batch=1:times=1", True),  # stored, the answer lost
        ("http500@batch=1:times=1:commit=no", False),  # a 500 before anything was stored
    ],
)
def test_a_withdrawn_item_in_doubt_is_settled_by_asking_the_province(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random, fault: str, stored: bool
) -> None:
    """In doubt (withdrawn in flight, no answer), asked by id (contract §5) once the province
    has long finished: never stored → the withdrawal is complete, noted and audited; stored →
    recorded as stored with its server reference, audited and alerted (the person must ask
    the province to delete it). Not asked before ``SETTLE_AFTER``; asked once."""
    cccd, mine = resident(kiosk, rng, 1)
    others = visits(kiosk, rng, 2)
    province.set_faults(fault)
    relay = Relay(kiosk, WithdrawingClient(province.base_url, kiosk, cccd))
    with pytest.raises(SyncError):
        relay.drain()
    assert item(kiosk, mine).last_error == relay_module.WITHDRAWN_IN_DOUBT
    assert (mine in stored_ids(province)) is stored

    relay.now = lambda: utcnow() + relay_module.SETTLE_AFTER / 2
    assert relay.drain().settled == 0  # too early: the province may still be at it
    assert item(kiosk, mine).last_error == relay_module.WITHDRAWN_IN_DOUBT

    seen = alerts(relay)
    later(relay)
    assert relay.drain().settled == 1
    settled = item(kiosk, mine)
    assert settled.payload_enc is None
    actions = [e for e in audit_actions(kiosk) if e.record_id == mine and e.actor == "sync"]
    with read_session(kiosk.engine) as session:
        last = (
            session.execute(
                select(SyncEvent).where(SyncEvent.item_id == mine).order_by(SyncEvent.id.desc())
            )
            .scalars()
            .first()
        )
    assert last is not None and settled.doubt_since is None
    if stored:
        assert settled.state == "accepted" and settled.server_ref
        assert settled.last_error == relay_module.WITHDRAWN_BUT_ACCEPTED
        assert actions[-1].action == "sync.accepted_after_withdrawal"
        assert [a["code"] for a in seen] == ["withdrawn_accepted"]
        assert (last.event, last.detail) == ("reconciled", settled.server_ref)
    else:
        assert (settled.state, settled.server_ref) == (WITHDRAWN, None)
        assert settled.last_error == relay_module.WITHDRAWN_NOT_RECEIVED
        bilingual_withdrawn(settled.last_error)
        assert actions[-1].action == "sync.withdrawn_settled"
        assert json.loads(actions[-1].detail) == {"item_id": mine, "answer": "not_found"}
        assert not seen
        assert (last.event, last.detail) == ("settled", relay_module.NOT_RECEIVED_EVENT)
    assert states(kiosk, others) == ["duplicate" if stored else "accepted"] * 2
    asked = province.state.counter("requests.submission")
    assert asked == 1
    assert relay.drain().settled == 0  # settled once, never asked again
    assert province.state.counter("requests.submission") == asked


def test_lookups_wait_when_the_province_says_wait_and_never_fail_the_drain(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random
) -> None:
    """A 503 with Retry-After on a lookup: the drain still reports what it sent (its caller
    goes on to pull /changes), no lookup is made until the wait is over, then it settles."""
    cccd, mine = resident(kiosk, rng, 4)
    province.set_faults("reset_after_commit@batch=1:times=1")
    relay = Relay(kiosk, WithdrawingClient(province.base_url, kiosk, cccd))
    with pytest.raises(SyncError):
        relay.drain()
    start = utcnow() + TWO_DAYS
    relay.now = lambda: start
    visits(kiosk, rng, 2)
    province.set_faults("http503@submission=1:retry_after=600")
    report = relay.drain()
    assert (report.sent, report.done, report.settled) == (2, 2, 0)
    assert isinstance(report.refused, RetryLater)  # the engine waits as for a batch's 503
    assert report.refused.retry_after == 600
    asked = province.state.counter("requests.submission")
    province.set_faults("none")
    relay.now = lambda: start + timedelta(seconds=590)
    assert relay.drain().settled == 0
    assert province.state.counter("requests.submission") == asked  # not asked while told to wait
    assert item(kiosk, mine).doubt_since is not None
    relay.now = lambda: start + timedelta(seconds=610)
    assert relay.drain().settled == 1
    assert item(kiosk, mine).last_error == relay_module.WITHDRAWN_BUT_ACCEPTED
    assert item(kiosk, mine).doubt_since is None


def test_a_500_that_may_have_been_processed_leaves_the_item_in_doubt(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random
) -> None:
    """A 500 after the province stored the batch: the item is ``unknown`` (not ``pending``),
    so a withdrawal before the next drain knows the province may hold it, and asks."""
    cccd, mine = resident(kiosk, rng, 4)
    province.set_faults("http500@batch=1:times=1:commit=yes")
    relay = Relay(kiosk, client_for(province.base_url))
    with pytest.raises(SyncError):
        relay.drain()
    assert item(kiosk, mine).state == ItemState.UNKNOWN.value
    assert mine in stored_ids(province)
    subject.purge_subject(kiosk, cccd, "KTV01", force=True)
    withdrawn = item(kiosk, mine)
    assert withdrawn.doubt_since is not None
    assert withdrawn.last_error == relay_module.WITHDRAWN_IN_DOUBT
    later(relay)
    assert relay.drain().settled == 1
    assert item(kiosk, mine).last_error == relay_module.WITHDRAWN_BUT_ACCEPTED


def test_an_item_whose_lookup_gets_a_500_goes_to_the_back_of_the_line(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random
) -> None:
    """A 500 pauses the lookups (it may be the province's trouble), and the item it came
    with is asked last next time: an item that always gets a 500 cannot hold up the others."""
    first, one = resident(kiosk, rng, 4)
    second, two = resident(kiosk, rng, 5)
    province.set_faults("reset_after_commit@batch=1:times=1")
    relay = Relay(kiosk, WithdrawingClient(province.base_url, kiosk, first))
    with pytest.raises(SyncError):
        relay.drain()
    subject.purge_subject(kiosk, second, "KTV01", force=True)
    start = utcnow() + TWO_DAYS
    relay.now = lambda: start
    province.set_faults("http500@submission=1:times=1")
    assert relay.drain().settled == 0
    relay.now = lambda: start + relay_module.LOOKUP_PAUSE + timedelta(seconds=1)
    assert relay.drain().settled == 1  # the other one first
    assert [item(kiosk, i).doubt_since is None for i in (one, two)] == [False, True]


def test_a_token_refused_before_the_batch_left_leaves_the_items_as_they_were(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random
) -> None:
    """A 500 from the token endpoint: the batch never left, so its items are not taken for
    possibly delivered (``unknown``); they stay ``pending``, the attempt not counted."""
    ids = visits(kiosk, rng, 2)
    province.set_faults("http500@token=1:times=1")
    relay = Relay(kiosk, client_for(province.base_url))
    with pytest.raises(SyncError):
        relay.drain()
    assert states(kiosk, ids) == ["pending"] * 2
    assert [item(kiosk, i).attempts for i in ids] == [0, 0]
    assert relay.drain().done == 2


def test_one_item_whose_lookup_fails_does_not_hold_up_the_others(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random
) -> None:
    """A garbled answer about one item is that item's: it is asked again later, the next
    item is asked now, and the drain does not fail."""
    first, one = resident(kiosk, rng, 4)
    second, two = resident(kiosk, rng, 5)
    province.set_faults("reset_after_commit@batch=1:times=1")
    client = WithdrawingClient(province.base_url, kiosk, first)
    relay = Relay(kiosk, client)
    with pytest.raises(SyncError):
        relay.drain()  # both in the lost batch; the first withdrawn meanwhile
    subject.purge_subject(kiosk, second, "KTV01", force=True)  # the second after: unknown
    assert all(item(kiosk, i).doubt_since is not None for i in (one, two))
    later(relay)
    province.set_faults("garbage@submission=1:times=1")
    assert relay.drain().settled == 1
    assert [item(kiosk, i).doubt_since is None for i in (one, two)] == [False, True]
    province.set_faults("none")
    assert relay.drain().settled == 0  # the garbled one went to the back of the line
    relay.now = lambda: utcnow() + TWO_DAYS + 2 * relay_module.SETTLE_AFTER
    assert relay.drain().settled == 1
    assert [item(kiosk, i).last_error for i in (one, two)] == [
        relay_module.WITHDRAWN_BUT_ACCEPTED] * 2  # fmt: skip


def test_withdrawn_while_its_papers_upload_never_leaves(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random, tmp_path: Path
) -> None:
    """Withdrawn after the relay picked it, before the batch left: it is not sent; the
    others in its batch are."""
    cccd, mine = resident(kiosk, rng, 5, paper=tmp_path / "papers" / "cccd.pdf")
    others = visits(kiosk, rng, 3)
    client = WithdrawingClient(province.base_url, kiosk, cccd, at="paper")
    relay = Relay(kiosk, client)

    report = relay.drain()
    assert client.report is not None and client.report.withdrawn == 1
    assert (report.sent, report.done) == (3, 3)
    assert mine not in stored_ids(province)
    withdrawn = item(kiosk, mine)
    assert (withdrawn.state, withdrawn.attempts, withdrawn.last_error) == (
        WITHDRAWN, 0, purge.WITHDRAWN)  # fmt: skip
    assert states(kiosk, others) == ["accepted"] * 3


def test_withdrawn_while_its_first_paper_uploads_sends_no_further_paper(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random, tmp_path: Path
) -> None:
    """A dossier with two scanned papers, withdrawn while the first one is on its way: the
    second is never uploaded (before: every paper of the batch went, then the claim left the
    dossier behind), the dossier never leaves, the others in its batch go."""
    second = tmp_path / "papers" / "so-ho-khau.pdf"
    cccd, mine = resident(kiosk, rng, 5, paper=tmp_path / "papers" / "cccd.pdf", extra=second)
    papers = outbox.wire_item(kiosk.cipher, item(kiosk, mine))["payload"]["TaiLieuNop"]
    assert len(papers) == 2
    others = visits(kiosk, rng, 3)
    client = WithdrawingClient(province.base_url, kiosk, cccd, at="paper")

    report = Relay(kiosk, client).drain()
    assert client.report is not None and client.report.withdrawn == 1
    at_province = {a["sha256"] for a in province.state.attachments()}
    assert papers[0]["sha256"] in at_province  # already on its way when the withdrawal came
    assert papers[1]["sha256"] not in at_province
    assert mine not in stored_ids(province)
    assert (report.sent, report.done) == (3, 3)
    assert states(kiosk, others) == ["accepted"] * 3
    assert item(kiosk, mine).state == WITHDRAWN


@pytest.mark.parametrize("left_as", ["pending", "unknown"])
def test_an_item_left_waiting_without_its_payload_is_retired_not_sent(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random, left_as: str
) -> None:
    """A data home an older version left with a withdrawn item back in ``pending`` or
    ``unknown`` (payload gone): it is never picked, it never stops the others, and the next
    drain retires it for good."""
    cccd, mine = resident(kiosk, rng, 6)
    others = visits(kiosk, rng, 3)
    subject.purge_subject(kiosk, cccd, "KTV01", force=True)
    with write_session(kiosk.engine) as session:  # what the defect left behind
        session.execute(update(OutboxItem).where(OutboxItem.id == mine).values(state=left_as))
    relay = Relay(kiosk, client_for(province.base_url))

    one = relay.send_next_batch()  # picks only items that can be sent
    assert one is not None and (one.sent, one.done) == (3, 3)
    assert states(kiosk, [mine]) == [left_as]
    assert relay.drain().sent == 0  # ... and retires the one that cannot
    retired = item(kiosk, mine)
    assert retired.state == WITHDRAWN
    bilingual_withdrawn(retired.last_error)
    expected = relay_module.UNSENDABLE if left_as == "pending" else relay_module.WITHDRAWN_IN_DOUBT
    assert retired.last_error == expected
    assert any(e.action == "sync.unsendable" for e in audit_actions(kiosk))
    assert mine not in stored_ids(province)
    assert states(kiosk, others) == ["accepted"] * 3


@pytest.mark.parametrize("withdrawn", [True, False])
def test_an_item_the_province_refuses_as_malformed_alone(
    kiosk: Kiosk, province: RunningSimulator, rng: random.Random, withdrawn: bool
) -> None:
    """A whole-batch 400 halves the batch down to the one item at fault, which then needs a
    person (``rejected``) — unless it was withdrawn meanwhile: then it stays withdrawn, with
    no field errors kept and no one asked to correct it. The others go either way."""
    cccd, mine = resident(kiosk, rng, 7)
    with write_session(kiosk.engine) as session:  # an item whose shape the province refuses
        session.execute(
            update(OutboxItem).where(OutboxItem.id == mine).values(created_at_local="2026-01-01")
        )
    others = visits(kiosk, rng, 3)
    client = WithdrawingClient(province.base_url, kiosk, cccd, nth=3 if withdrawn else 99)
    relay = Relay(kiosk, client)
    rejected: list[dict[str, Any]] = []
    relay.bus.subscribe(lambda n, d: rejected.append(d) if n == events.ITEM_REJECTED else None)

    relay.drain()  # 4 refused, 2 refused, then the one at fault alone (the 3rd batch)
    assert states(kiosk, others) == ["accepted"] * 3
    refused = item(kiosk, mine)
    if withdrawn:
        assert client.report is not None and client.report.withdrawn == 1
        assert (refused.state, refused.errors_json, refused.payload_enc) == (
            WITHDRAWN, None, None)  # fmt: skip
        assert refused.last_error == purge.WITHDRAWN  # a refused request, never out before
        assert refused.doubt_since is None
        assert not rejected
    else:
        said = province_texts.read(kiosk.cipher, refused).errors
        assert refused.state == "rejected" and "Tỉnh không nhận" in said[0]["message"]
        assert [r["item_id"] for r in rejected] == [mine]
    assert mine not in stored_ids(province)
    later(relay)
    assert relay.drain().sent == 0
