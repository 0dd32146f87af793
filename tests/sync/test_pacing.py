"""The sync engine spaces its requests to the rate-limited endpoints after (re)joining.

The real engine and client against the real simulator; the client only records when each of
its requests left (``RecordingClient`` adds a timestamp list, nothing else).
"""

from __future__ import annotations

import itertools
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


def queue_dossier_with_paper_and_payment(kiosk: Kiosk, tmp_path: Path) -> list[str]:
    rng = random.Random(11)
    dossier = sample_payload("dossier", rng, utcnow())
    paper = tmp_path / "scan-1.pdf"
    paper.write_bytes(b"%PDF-1.4 scan " + rng.randbytes(2000))
    dossier["TaiLieuNop"] = [{"path": str(paper), "MaThanhPhanHoSo": "TP1",
                              "mime": "application/pdf"}]  # fmt: skip
    dossier["HinhThucNhanKetQua"] = 0
    saved = records.save_record(kiosk, "dossier", dossier, "TNV01")
    payment = sample_payload("payment", rng, utcnow())
    payment["dossier_id"] = saved.item_id  # a second batch: after its dossier is accepted
    paid = records.save_record(kiosk, "payment", payment, "TNV01")
    return [saved.item_id, paid.item_id]


def all_accepted(kiosk: Kiosk, ids: list[str]) -> bool:
    with read_session(kiosk.engine) as session:
        states = session.scalars(select(OutboxItem.state).where(OutboxItem.id.in_(ids))).all()
    return len(states) == len(ids) and all(state == "accepted" for state in states)


def run_until(engine: SyncEngine, condition: Any, timeout_s: float) -> None:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end and not condition():
        time.sleep(0.05)
    assert condition(), f"not done in {timeout_s} s"


def test_after_joining_the_first_request_goes_at_once_and_the_next_are_spaced(
    kiosk: Kiosk, province: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "START_JITTER_S", 0.0)
    monkeypatch.setattr(backoff, "SLOW_START_S", 1.0)  # 8 s in production: the same shape
    connect(kiosk, province.base_url)
    ids = queue_dossier_with_paper_and_payment(kiosk, tmp_path)
    client = RecordingClient(province.base_url)
    engine = SyncEngine(kiosk, client=client)
    engine.start()

    def catalog_asked() -> bool:
        return any(path == "/catalog" for _, _, path in client.sent)

    try:
        run_until(engine, lambda: all_accepted(kiosk, ids) and catalog_asked(), 30)
    finally:
        engine.stop()
    (health_at, _, path), *_ = client.sent
    assert path == "/health"
    limited = client.limited()
    assert len(limited) >= 4  # upload, batch, /changes, /catalog
    assert limited[0] - health_at < 0.5  # sending resumes the moment the province answers
    gaps = [b - a for a, b in itertools.pairwise(limited)][:3]
    # each spacing ≥ half the slow-start pace (jitter), decayed by at most 15 % in 2.5 s
    assert all(gap >= 0.42 for gap in gaps), (gaps, client.sent)


def test_no_request_leaves_once_the_worker_is_stopping(
    kiosk: Kiosk, province: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "START_JITTER_S", 0.0)  # slow start: 8 s spacing
    connect(kiosk, province.base_url)
    queue_dossier_with_paper_and_payment(kiosk, tmp_path)
    client = RecordingClient(province.base_url)
    engine = SyncEngine(kiosk, client=client)
    engine.start()
    run_until(engine, lambda: len(client.limited()) == 1, 10)  # the upload: at once
    engine.stop()
    assert len(client.limited()) == 1  # the batch waited for its spacing, then was not sent
    assert engine.online is True  # stopping is not "offline"


def test_send_now_drain_is_not_spaced(
    kiosk: Kiosk, province: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Gửi ngay" is one volunteer asking once: that drain goes without the slow start's
    spacing (a refusal would still end it and be waited out)."""
    monkeypatch.setattr(engine_module, "START_JITTER_S", 600.0)  # only "Gửi ngay" starts it
    connect(kiosk, province.base_url)
    ids = queue_dossier_with_paper_and_payment(kiosk, tmp_path)[:1]
    client = RecordingClient(province.base_url)
    engine = SyncEngine(kiosk, client=client)
    engine.start()
    try:
        time.sleep(0.3)
        assert client.sent == []
        engine.send_now()
        run_until(engine, lambda: all_accepted(kiosk, ids), 5)  # slow start: ≥ 8 s
    finally:
        engine.stop()
    put, batch = client.limited()[:2]  # a small paper goes without a HEAD first
    assert batch - put < 2.0
    assert engine.pacer.pacing  # the slow start still holds for the drains that follow
