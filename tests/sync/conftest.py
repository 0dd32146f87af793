"""Sync tests: a real kiosk data home and the real provincial simulator on 127.0.0.1."""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock, Timeout

from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.simulator import REFUSAL_MARKER, RunningSimulator, start_simulator
from kiosk.store import outbox, province_texts
from kiosk.store.db import read_session
from kiosk.store.models import ItemState, OutboxItem, utcnow
from kiosk.sync.client import ProvincialClient
from kiosk.sync.engine import set_credentials
from kiosk.sync.errors import SyncError
from kiosk.sync.relay import Relay

CLIENT_ID = "KIOSK-56-22366-01"
SECRET = "test-secret-8f2c"
DONE = {ItemState.ACCEPTED.value, ItemState.DUPLICATE.value}


def seed_mixed(
    kiosk: Kiosk, n: int, seed: int, papers_dir: Path, refuse_share: float = 0.03
) -> None:
    """n items: dossiers (some with scanned papers, some the province will refuse), payments
    and registrations depending on dossiers, feedback, visits — through the normal save path."""
    rng = random.Random(seed)
    dependable: list[str] = []
    saved = 0
    papers_dir.mkdir(parents=True, exist_ok=True)
    while saved < n:
        kind = rng.choices(records.KINDS, weights=(35, 20, 15, 10, 20))[0]
        payload = sample_payload(kind, rng, utcnow())
        if "dossier_id" in payload:
            payload["dossier_id"] = (
                rng.choice(dependable) if dependable and rng.random() < 0.6 else None
            )
        refuse = kind == "dossier" and rng.random() < refuse_share
        if refuse:  # refused dossiers get no dependents (re-pointing them is not built yet)
            payload["TrichYeuHoSo"] = f"{REFUSAL_MARKER} hồ sơ thử"
            payload["HinhThucNhanKetQua"] = 0
        if kind == "dossier" and not refuse and rng.random() < 0.05:
            paper = papers_dir / f"scan-{saved}.pdf"
            paper.write_bytes(b"%PDF-1.4 scan " + rng.randbytes(2000))
            payload["TaiLieuNop"] = [{"path": str(paper), "MaThanhPhanHoSo": "TP1",
                                      "mime": "application/pdf"}]  # fmt: skip
        result = records.save_record(kiosk, kind, payload, "TNV01")
        if kind == "dossier" and not refuse:
            dependable.append(result.item_id)
        saved += 1 + len(result.linked)


def copy_home(source_root: Path, target_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("home", "keyring.cfg"):
        src = source_root / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, target_root / name)
    monkeypatch.setenv("KIOSK_HOME", str(target_root / "home"))
    monkeypatch.setenv("KIOSK_KEYRING", f"file:{target_root / 'keyring.cfg'}")
    from kiosk import paths
    from kiosk.store import secrets

    paths.set_home(None)
    secrets.reset_backend()
    return target_root / "home"


@pytest.fixture(scope="session")
def mixed_2000(template_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data home holding 2,000 mixed queued items (built once, copied per test)."""
    root = tmp_path_factory.mktemp("mixed2000")
    mp = pytest.MonkeyPatch()
    try:
        home = copy_home(template_home, root, mp)
        kiosk = Kiosk.open(home)
        seed_mixed(kiosk, 2000, seed=2000, papers_dir=root / "papers")
        kiosk.close()
    finally:
        mp.undo()
    return root


@pytest.fixture
def province(tmp_path: Path) -> Iterator[RunningSimulator]:
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        yield sim


def connect(kiosk: Kiosk, sim_url: str) -> None:
    kiosk.settings.set("server.url", sim_url)
    set_credentials(kiosk, CLIENT_ID, SECRET)


def relay_held_elsewhere(home: Path) -> bool:
    """Another process (a ``kiosk sync --daemon``) holds this data home's relay lock."""
    lock = FileLock(str(home / "relay.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False


def client_for(sim_url: str, timeout_s: float = 5.0) -> ProvincialClient:
    return ProvincialClient(sim_url, CLIENT_ID, lambda: SECRET, timeout_s=timeout_s,
                            connect_timeout_s=2.0)  # fmt: skip


def drive(relay: Relay, deadline_s: float = 240.0) -> int:
    """Keep relaying through every fault until nothing waits; returns the errors survived."""
    end, errors = time.monotonic() + deadline_s, 0
    while time.monotonic() < end:
        try:
            relay.drain()
        except SyncError:
            errors += 1
            time.sleep(0.02)
            continue
        counts = relay.counts()
        if counts["pending"] + counts["unknown"] + counts["in_flight"] == 0:
            return errors
        time.sleep(0.02)
    raise AssertionError(f"queue not drained in {deadline_s} s: {relay.counts()}")


def assert_exactly_once(kiosk: Kiosk, stored: list[dict[str, Any]]) -> dict[str, int]:
    """The province holds every done item exactly once, content-equal to what was queued;
    every local item is done, or rejected by the province (the refusal marker), or superseded."""
    with read_session(kiosk.engine) as session:
        items = {i.id: i for i in session.query(OutboxItem).all()}
        frozen = {i.id: outbox.wire_item(kiosk.cipher, i)["payload"] for i in items.values()}
    ids = [s["id"] for s in stored]
    assert len(ids) == len(set(ids)), "an item stored twice at the province"
    done = {i for i, item in items.items() if item.state in DONE}
    assert set(ids) == done, (len(set(ids) - done), len(done - set(ids)))
    for entry in stored:
        assert entry["payload"] == frozen[entry["id"]], f"content differs for {entry['id']}"
        assert entry["kind"] == items[entry["id"]].kind
    states: dict[str, int] = {}
    for item in items.values():
        states[item.state] = states.get(item.state, 0) + 1
        if item.state == ItemState.REJECTED.value:
            assert REFUSAL_MARKER in str(frozen[item.id].get("TrichYeuHoSo")), item.id
            said = province_texts.read(kiosk.cipher, item).errors
            assert item.errors_json and "từ chối" in said[0]["message"]
        else:
            assert item.state in DONE | {ItemState.SUPERSEDED.value}, item.state
    return states
