"""The sync engine spaces its requests to the rate-limited endpoints after (re)joining.

The real engine and client against the real simulator; the client only records when each of
its requests left (``RecordingClient`` adds a timestamp list, nothing else).
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator
from kiosk.store.db import read_session
from kiosk.store.models import OutboxItem, utcnow
from kiosk.sync import backoff
from kiosk.sync import engine as engine_module
from kiosk.sync.client import ProvincialClient
from kiosk.sync.engine import SyncEngine
from tests.sync.conftest import CLIENT_ID, SECRET, connect

LIMITED = ("/submissions", "/attachments/", "/changes", "/catalog")


class RecordingClient(ProvincialClient):
    def __init__(self, base_url: str) -> None:
        super().__init__(base_url, CLIENT_ID, lambda: SECRET)
        self.sent: list[tuple[float, str, str]] = []

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        self.sent.append((time.monotonic(), method, path))
        return super()._send(method, path, **kwargs)

    def limited(self) -> list[float]:
        return [at for at, _, path in self.sent if path.startswith(LIMITED)]


def queue_two_batches(kiosk: Kiosk, tmp_path: Path) -> list[str]:
    """A dossier carrying a scanned paper, then 150 visits: two batches of ≤ 100 items."""
    rng = random.Random(11)
    dossier = sample_payload("dossier", rng, utcnow())
    paper = tmp_path / "scan-1.pdf"
    paper.write_bytes(b"%PDF-1.4 scan " + rng.randbytes(2000))
    dossier["TaiLieuNop"] = [{"path": str(paper), "MaThanhPhanHoSo": "TP1",
                              "mime": "application/pdf"}]  # fmt: skip
    dossier["HinhThucNhanKetQua"] = 0
    ids = [records.save_record(kiosk, "dossier", dossier, "TNV01").item_id]
    for _ in range(150):
        visit = sample_payload("visit", rng, utcnow())
        ids.append(records.save_record(kiosk, "visit", visit, "TNV01").item_id)
    return ids


def all_accepted(kiosk: Kiosk, ids: list[str]) -> bool:
    with read_session(kiosk.engine) as session:
        states = session.scalars(select(OutboxItem.state).where(OutboxItem.id.in_(ids))).all()
    return len(states) == len(ids) and all(state == "accepted" for state in states)


def run_until(engine: SyncEngine, condition: Any, timeout_s: float) -> None:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end and not condition():
        time.sleep(0.05)
    assert condition(), f"not done in {timeout_s} s"


def test_after_joining_the_first_exchange_goes_at_once_and_the_next_are_spaced(
    kiosk: Kiosk, province: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "START_JITTER_S", 0.0)
    monkeypatch.setattr(backoff, "SLOW_START_S", 1.0)  # 8 s in production: the same shape
    connect(kiosk, province.base_url)
    ids = queue_two_batches(kiosk, tmp_path)
    client = RecordingClient(province.base_url)
    engine = SyncEngine(kiosk, client=client)
    engine.start()
    try:
        run_until(engine, lambda: all_accepted(kiosk, ids), 30)
        time.sleep(1.5)  # the engine is idle now: would it pull while still spacing?
    finally:
        engine.stop()
    paths = [path for _, _, path in client.sent]
    assert paths[0] == "/health" and paths.count("/submissions:batch") == 2
    (health_at, *_), limited = client.sent[0], client.limited()
    put, batch_1, batch_2 = limited[:3]
    assert put - health_at < 0.5  # sending resumes the moment the province answers
    assert batch_1 - put < 0.3  # the paper and the batch carrying it: one exchange
    assert batch_2 - put >= 0.45  # the next exchange: ≥ half the slow-start spacing (jitter)
    assert "/changes" not in paths and "/catalog" not in paths  # put off while spacing


def test_send_now_drain_is_not_spaced_and_pulls_at_once(
    kiosk: Kiosk, province: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Gửi ngay" is one volunteer asking once: that drain goes without the slow start's
    spacing (a refusal would still end it and be waited out) and hears what came back."""
    monkeypatch.setattr(engine_module, "START_JITTER_S", 600.0)  # only "Gửi ngay" starts it
    connect(kiosk, province.base_url)
    ids = queue_two_batches(kiosk, tmp_path)
    client = RecordingClient(province.base_url)
    engine = SyncEngine(kiosk, client=client)
    engine.start()

    def pulled() -> bool:
        return {"/changes", "/catalog"} <= {path for _, _, path in client.sent}

    try:
        time.sleep(0.3)
        assert client.sent == []
        engine.send_now()
        run_until(engine, lambda: all_accepted(kiosk, ids) and pulled(), 5)  # spaced: ≥ 8 s
    finally:
        engine.stop()
    assert engine.pacer.pacing  # the slow start still holds for the drains that follow


def test_no_request_leaves_once_the_worker_is_stopping(
    kiosk: Kiosk, province: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "START_JITTER_S", 0.0)  # slow start: 8 s spacing
    connect(kiosk, province.base_url)
    queue_two_batches(kiosk, tmp_path)
    client = RecordingClient(province.base_url)
    engine = SyncEngine(kiosk, client=client)
    engine.start()
    run_until(engine, lambda: len(client.limited()) == 2, 10)  # the first exchange: at once
    engine.stop()
    assert len(client.limited()) == 2  # the second batch waited for its spacing, never sent
    assert engine.online is True  # stopping is not "offline"


def test_a_retry_after_on_health_holds_even_against_send_now(
    kiosk: Kiosk, province: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an outage the province answers /health 503 + Retry-After to every kiosk: each
    asks again only when it said, also when a volunteer presses "Gửi ngay" (it probed every
    3–10 s, and "Gửi ngay" went through the wait at once); the volunteer is told until when."""
    monkeypatch.setattr(engine_module, "START_JITTER_S", 0.0)
    monkeypatch.setattr(engine_module, "ANNOUNCE_WAIT_S", 3.0)
    connect(kiosk, province.base_url)
    queue_two_batches(kiosk, tmp_path)
    province.set_faults("http503@health=1:retry_after=5")
    client = RecordingClient(province.base_url)
    engine = SyncEngine(kiosk, client=client)
    told: list[str] = []
    engine.bus.subscribe(
        lambda name, data: told.append(data["message"]) if name == "alert" else None
    )
    engine.start()
    try:
        run_until(engine, lambda: len(client.sent) >= 1, 10)
        time.sleep(0.5)
        engine.send_now()  # the volunteer, 0.5 s into the wait
        run_until(engine, lambda: len(client.sent) >= 2, 15)
    finally:
        engine.stop()
    (first, *_), (second, *_) = client.sent[:2]
    assert second - first >= 5.0  # not before the province said
    assert second - first < 7.0  # ... and at once after it: "Gửi ngay" is honoured then
    assert told and "yêu cầu chờ đến" in told[0] and "Dữ liệu vẫn an toàn" in told[0]
