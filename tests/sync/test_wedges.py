"""One odd answer must never wedge the queue (contract review, four findings):

1. a paper the province refuses for good (§7 ``hash_mismatch``, §2 ``too_large``) or a paper
   gone from this kiosk: that dossier waits for a person, the others go;
2. one item result the kiosk cannot read (a status outside the five, a result missing): the
   others are applied, that item alone is ``unknown`` and cannot starve the queue;
3. 409 ``idempotency_conflict``: the item ends in ``conflict`` (quarantine), never
   ``rejected`` (a correction would send it again under a new id);
4. ``kiosk sync --once`` on a 5xx: a few attempts with back-off; on an unexpected 4xx: stops.

Against the real simulator (faults ``hash_mismatch``, ``odd_status``, ``short_results``,
``http409``, ``http500``/``http502``), or a small contract-shaped server on 127.0.0.1.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator
from kiosk.store import outbox, province_texts
from kiosk.store.db import read_session
from kiosk.store.models import OutboxItem, utcnow
from kiosk.sync import events
from kiosk.sync.engine import ONCE_ATTEMPTS, sync_once
from kiosk.sync.errors import RetryLater
from kiosk.sync.relay import UNREADABLE_ALERT_AFTER, Relay
from tests.sync.conftest import DONE, client_for, connect


def _save(kiosk: Kiosk, kind: str, seed: int, **changes: Any) -> str:
    payload = sample_payload(kind, random.Random(seed), utcnow())
    if "dossier_id" in payload:
        payload["dossier_id"] = None
    payload.update(changes)
    return records.save_record(kiosk, kind, payload, "TNV01").item_id


def _visits(kiosk: Kiosk, n: int, seed: int = 0) -> list[str]:
    return [_save(kiosk, "visit", seed + i) for i in range(n)]


def _dossier_with_paper(kiosk: Kiosk, tmp_path: Path, seed: int = 100) -> str:
    paper = tmp_path / f"scan-{seed}.pdf"
    paper.write_bytes(b"%PDF-1.4 scan " + random.Random(seed).randbytes(2000))
    papers = [{"path": str(paper), "MaThanhPhanHoSo": "TP1", "mime": "application/pdf"}]
    return _save(kiosk, "dossier", seed, TaiLieuNop=papers, HinhThucNhanKetQua=0)


def _items(kiosk: Kiosk) -> dict[str, OutboxItem]:
    with read_session(kiosk.engine) as session:
        return {i.id: i for i in session.query(OutboxItem).all()}


def _stored_once(kiosk: Kiosk, stored: list[dict[str, Any]], ids: list[str]) -> None:
    """Each of ``ids`` is done here and held once by the province, content-equal; the province
    holds nothing the kiosk does not know under that id (no item under a new id)."""
    items = _items(kiosk)
    held = [s["id"] for s in stored]
    assert len(held) == len(set(held)), "an item stored twice at the province"
    assert set(held) <= set(items), "the province holds an id the kiosk never made"
    by_id = {s["id"]: s for s in stored}
    for item_id in ids:
        assert items[item_id].state in DONE, (item_id, items[item_id].state)
        frozen = outbox.wire_item(kiosk.cipher, items[item_id])["payload"]
        assert by_id[item_id]["payload"] == frozen


def _alerts(relay: Relay) -> list[dict[str, Any]]:
    heard: list[dict[str, Any]] = []
    relay.bus.subscribe(lambda name, data: heard.append(data) if name == events.ALERT else None)
    return heard


# --- 1. papers -------------------------------------------------------------------------------


def test_a_paper_refused_for_good_holds_up_only_its_dossier(
    kiosk: Kiosk, province: RunningSimulator, tmp_path: Path
) -> None:
    """The review's case: 3 visits, a dossier with a paper, 2 visits; every PUT is answered
    400 hash_mismatch. Before: 50 PUTs, nothing sent (the error escaped the batch)."""
    first = _visits(kiosk, 3)
    dossier = _dossier_with_paper(kiosk, tmp_path)
    fee = _save(kiosk, "payment", 7, dossier_id=dossier)
    last = _visits(kiosk, 2, seed=10)
    province.set_faults("hash_mismatch@attachment=1")
    relay = Relay(kiosk, client_for(province.base_url))
    rejected: list[dict[str, Any]] = []
    relay.bus.subscribe(
        lambda name, data: rejected.append(data) if name == events.ITEM_REJECTED else None
    )
    report = relay.drain()
    relay.drain()  # nothing more leaves: the dossier waits for a person, its payment behind it
    assert report.rejected == 1 and report.done == 5
    _stored_once(kiosk, province.state.items(), first + last)
    items = _items(kiosk)
    assert items[dossier].state == "rejected"
    errors = province_texts.read(kiosk.cipher, items[dossier]).errors  # sealed: opened
    assert errors[0]["code"] == "hash_mismatch"
    assert errors[0]["field"] == "payload.TaiLieuNop[0]"
    assert "quét lại giấy tờ" in errors[0]["message"]
    assert items[fee].state == "pending"  # it depends on the dossier: never sent
    held = {s["id"] for s in province.state.items()}
    assert dossier not in held and fee not in held
    assert province.state.counter("requests.attachment") == 2  # the PUT, and once re-read
    assert province.state.counter("requests.batch") == 1
    assert [r["item_id"] for r in rejected] == [dossier]


def test_a_paper_gone_from_the_kiosk_holds_up_only_its_dossier(
    kiosk: Kiosk, province: RunningSimulator, tmp_path: Path
) -> None:
    before = _visits(kiosk, 2)
    dossier = _dossier_with_paper(kiosk, tmp_path)
    after = _visits(kiosk, 2, seed=20)
    payload = outbox.wire_item(kiosk.cipher, _items(kiosk)[dossier])["payload"]
    kiosk.attachments.path_for(payload["TaiLieuNop"][0]["sha256"]).unlink()
    relay = Relay(kiosk, client_for(province.base_url))
    relay.drain()
    _stored_once(kiosk, province.state.items(), before + after)
    item = _items(kiosk)[dossier]
    assert item.state == "rejected"
    error = province_texts.read(kiosk.cipher, item).errors[0]
    assert error["code"] == "paper_missing" and "Không còn tệp" in error["message"]
    assert province.state.counter("requests.attachment") == 0


def test_a_transient_paper_failure_still_retries_the_exchange(
    kiosk: Kiosk, province: RunningSimulator, tmp_path: Path
) -> None:
    others = _visits(kiosk, 2)
    dossier = _dossier_with_paper(kiosk, tmp_path)
    province.set_faults("http503@attachment=1:times=1:retry_after=1")
    relay = Relay(kiosk, client_for(province.base_url))
    with pytest.raises(RetryLater):
        relay.drain()
    assert all(i.state == "pending" for i in _items(kiosk).values())  # nothing judged
    relay.drain()
    _stored_once(kiosk, province.state.items(), [*others, dossier])


# --- 2. unreadable results -----------------------------------------------------------------


@pytest.mark.parametrize("fault", ["odd_status", "short_results"])
def test_one_unreadable_result_leaves_only_that_item_unknown(
    kiosk: Kiosk, province: RunningSimulator, fault: str
) -> None:
    """Before: the whole batch became unknown and was resent before anything newer."""
    batch = _visits(kiosk, 5)
    odd = batch[0] if fault == "odd_status" else batch[-1]
    province.set_faults(f"{fault}@batch=1:times=1")
    relay = Relay(kiosk, client_for(province.base_url), item_retry_base_s=0.2)
    report = relay.drain()
    assert (report.done, report.unknown) == (4, 1)
    states = {i: s.state for i, s in _items(kiosk).items()}
    assert states[odd] == "unknown"
    assert all(states[i] == "accepted" for i in batch if i != odd)
    newer = _visits(kiosk, 3, seed=50)
    relay.drain()  # the odd item waits its back-off: the newer ones go
    assert all(_items(kiosk)[i].state == "accepted" for i in newer)
    time.sleep(0.5)
    relay.drain()  # then it is resent as it is, same id: the province says duplicate
    assert _items(kiosk)[odd].state == "duplicate"
    _stored_once(kiosk, province.state.items(), batch + newer)
    assert [e["status"] for e in province.state.submission_log(odd)] == ["accepted", "duplicate"]


def test_an_item_answered_unreadably_again_and_again_is_held_back_not_starving_the_queue(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    """Every batch's first result is unreadable: the item alone, again and again. After
    UNREADABLE_ALERT_AFTER in a row the technician is told and it is asked only every 5
    minutes; the queue goes on; it is only ever sent under its own id."""
    odd, *rest = _visits(kiosk, 3)
    province.set_faults("odd_status@batch=1")
    relay = Relay(kiosk, client_for(province.base_url), item_retry_base_s=0.05)
    alerts = _alerts(relay)
    relay.drain()
    for turn in range(1, UNREADABLE_ALERT_AFTER):
        later = timedelta(seconds=30 * turn)  # its back-off is over
        relay.now = lambda later=later: utcnow() + later  # type: ignore[misc]
        relay.drain()
    relay.now = utcnow
    item = _items(kiosk)[odd]
    assert item.state == "unknown"
    assert "Kỹ thuật viên" in (item.last_error or "")
    assert item.next_attempt_at is not None
    # held back: the next try at least 150 s after the last (the cap is 300 s)
    assert item.next_attempt_at - utcnow() > timedelta(seconds=30 * UNREADABLE_ALERT_AFTER + 60)
    assert [a["code"] for a in alerts] == ["unreadable_answer"]
    sent = len(province.state.submission_log(odd))
    assert sent == UNREADABLE_ALERT_AFTER
    province.set_faults("none")
    newer = _visits(kiosk, 4, seed=70)
    relay.drain()
    _stored_once(kiosk, province.state.items(), rest + newer)
    assert len(province.state.submission_log(odd)) == sent  # not resent while held back
    relay.now = lambda: utcnow() + timedelta(seconds=500)
    relay.drain()  # later it is asked again, same id: done
    assert _items(kiosk)[odd].state == "duplicate"
    _stored_once(kiosk, province.state.items(), [odd, *rest, *newer])


# --- 3. 409 idempotency_conflict -------------------------------------------------------------


def test_409_idempotency_conflict_quarantines_the_item_never_rejects_it(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    """Three 409s: the batch of 4 halves to 2, then to the first item alone. Before: that
    item became ``rejected`` (a correction would send it again under a new id)."""
    first, *others = _visits(kiosk, 4)
    province.set_faults("http409@batch=1:times=3")
    relay = Relay(kiosk, client_for(province.base_url))
    alerts = _alerts(relay)
    for _ in range(4):
        relay.drain()
    item = _items(kiosk)[first]
    assert item.state == "conflict" and item.errors_json is None
    assert [a["code"] for a in alerts] == ["conflict"]
    assert province.state.counter("status.409") == 3
    _stored_once(kiosk, province.state.items(), others)
    assert first not in {s["id"] for s in province.state.items()}


def test_the_simulator_answers_409_to_one_id_with_two_contents(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    item_id = _visits(kiosk, 1)[0]
    wire = outbox.wire_item(kiosk.cipher, _items(kiosk)[item_id])
    other = {**wire, "payload": {**wire["payload"], "ThoiLuongGiay": 1}}
    client = client_for(province.base_url)
    response = client._authed("POST", "/submissions:batch", json={"items": [wire, other]})
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_conflict"
    assert province.state.items() == []
    same = client._authed("POST", "/submissions:batch", json={"items": [wire, wire]})
    assert [r["status"] for r in same.json()["results"]] == ["accepted", "duplicate"]


# --- 4. kiosk sync --once ------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["http500", "http502"])
def test_sync_once_on_a_5xx_tries_a_few_times_with_back_off_then_stops(
    kiosk: Kiosk, province: RunningSimulator, fault: str
) -> None:
    """Before: 50 POSTs, one a second."""
    _visits(kiosk, 3)
    connect(kiosk, province.base_url)
    province.set_faults(f"{fault}@batch=1")
    started = time.monotonic()
    result = sync_once(kiosk, client_for(province.base_url))
    assert province.state.counter("requests.batch") == ONCE_ATTEMPTS
    assert time.monotonic() - started < 20
    assert result.remaining == 3 and "RetryLater" in (result.error or "")
    province.set_faults("none")
    again = sync_once(kiosk, client_for(province.base_url))
    assert (again.error, again.remaining) == (None, 0)


class _Province(BaseHTTPRequestHandler):
    """Contract-shaped: health, token, changes and catalog answer; a batch gets ``answer``."""

    protocol_version = "HTTP/1.1"
    answer = (410, "gone")
    posts: ClassVar[list[int]] = []

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: dict[str, Any], problem: bool = False) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        ctype = "application/problem+json" if problem else "application/json"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.endswith("/health"):
            self._send(200, {"status": "ok", "time": "2026-11-23T16:00:00+07:00"})
        elif "/changes" in self.path:
            self._send(200, {"changes": [], "next": "N0", "has_more": False})
        else:
            self._send(404, {"status": 404, "code": "not_found"}, problem=True)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.endswith("/oauth2/token"):
            self._send(200, {"access_token": "t", "token_type": "Bearer", "expires_in": 900})
            return
        self.posts.append(1)
        status, code = self.answer
        self._send(status, {"status": status, "code": code, "detail": "x"}, problem=True)


@pytest.fixture
def fake_province() -> Iterator[str]:
    _Province.posts = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Province)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/kiosk/v1"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("status", [404, 405, 410])
def test_sync_once_stops_at_once_on_an_unexpected_4xx(
    kiosk: Kiosk, fake_province: str, status: int
) -> None:
    """Before: 50 POSTs, one a second."""
    _Province.answer = (status, "gone" if status == 410 else "not_found")
    ids = _visits(kiosk, 2)
    connect(kiosk, fake_province)
    result = sync_once(kiosk, client_for(fake_province))
    assert len(_Province.posts) == 1
    assert f"HTTP {status}" in (result.error or "") and "kỹ thuật viên" in (result.error or "")
    assert "UnexpectedAnswer" in (result.error or "")
    assert [_items(kiosk)[i].state for i in ids] == ["pending", "pending"]  # not processed
