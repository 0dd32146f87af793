"""Sync behaviour against the real simulator: crashes, rejections, outages, changes."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.simulator import REFUSAL_MARKER, SimulatorProcess, start_simulator
from kiosk.store import province_texts
from kiosk.store.db import read_session, write_session
from kiosk.store.models import Dossier, DossierStatus, Meta, Notice, OutboxItem, utcnow
from kiosk.sync import events, inbound
from kiosk.sync.engine import SyncEngine, sync_once
from kiosk.sync.relay import Relay
from tests.sync.conftest import (
    CLIENT_ID,
    SECRET,
    assert_exactly_once,
    client_for,
    connect,
    copy_home,
    drive,
)


def _save(kiosk: Kiosk, kind: str, seed: int, **changes: object) -> records.SavedRecord:
    payload = sample_payload(kind, random.Random(seed), utcnow())
    if "dossier_id" in payload:
        payload["dossier_id"] = None
    payload.update(changes)
    return records.save_record(kiosk, kind, payload, "TNV01")


@pytest.mark.slow
def test_sigkill_of_sync_once_keeps_exactly_once(
    mixed_2000: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # fmt: skip
    home = copy_home(mixed_2000, tmp_path / "kiosk", monkeypatch)
    spec = "seed=11,latency=60ms,reset_after_commit=0.05"
    killed_mid_drain = 0
    with start_simulator(tmp_path / "province", faults=spec, clients=[(CLIENT_ID, SECRET)]) as sim:
        kiosk = Kiosk.open(home)
        connect(kiosk, sim.base_url)
        kiosk.close()
        rng = random.Random(7)
        for _ in range(22):
            proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sync", "--once"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    env=os.environ.copy())  # fmt: skip
            # The kill lands inside the drain, whatever the start-up takes on a loaded machine
            # (a fixed delay after the start often killed it before its first batch).
            _until_sending(home, proc, deadline_s=30)
            time.sleep(rng.uniform(0.0, 0.6))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            killed_mid_drain += _waiting(home) > 0
        sim.set_faults("none")
        final = subprocess.run([sys.executable, "-m", "kiosk", "sync", "--once", "--json"],
                               capture_output=True, text=True, env=os.environ.copy(), timeout=300,
                               check=False)  # fmt: skip
        assert final.returncode == 0, final.stdout + final.stderr
        kiosk = Kiosk.open(home)
        states = assert_exactly_once(kiosk, sim.state.items())
        kiosk.close()
    assert states["accepted"] + states.get("duplicate", 0) > 1900
    assert killed_mid_drain >= 20, killed_mid_drain
    with sqlite3.connect(home / "kiosk.db") as conn:
        recovered = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action='outbox.recover_in_flight'"
        ).fetchone()[0]
    assert recovered >= 1  # some kill really left items in flight, and they were reconciled


def test_rejected_item_never_blocks_and_correction_supersedes(kiosk: Kiosk, tmp_path: Path) -> None:
    bad = _save(kiosk, "dossier", 1, TrichYeuHoSo=f"{REFUSAL_MARKER} thiếu giấy tờ",
                HinhThucNhanKetQua=0)  # fmt: skip
    others = [_save(kiosk, kind, i) for i, kind in enumerate(["visit", "feedback", "dossier"] * 10)]
    rejected: list[dict[str, object]] = []
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        relay = Relay(kiosk, client_for(sim.base_url), item_retry_base_s=0.01)
        relay.bus.subscribe(
            lambda name, data: rejected.append(data) if name == events.ITEM_REJECTED else None
        )
        drive(relay)
        with read_session(kiosk.engine) as session:
            states = {i.id: i.state for i in session.query(OutboxItem).all()}
            bad_item = session.query(OutboxItem).filter_by(id=bad.item_id).one()
        assert states[bad.item_id] == "rejected"
        assert all(states[o.item_id] == "accepted" for o in others)
        said = province_texts.read(kiosk.cipher, bad_item).errors
        assert "từ chối" in said[0]["message"] and "từ chối" not in str(bad_item.errors_json)
        assert [r["item_id"] for r in rejected] == [bad.item_id]
        payload = sample_payload("dossier", random.Random(1), utcnow())
        payload.update(TrichYeuHoSo="Đã bổ sung giấy tờ", HinhThucNhanKetQua=0)
        fixed = records.correct_record(kiosk, bad.id, "dossier", payload, "TNV02")
        drive(relay)
        stored = {s["id"] for s in sim.state.items()}
        assert fixed.item_id in stored and bad.item_id not in stored
        assert_exactly_once(kiosk, sim.state.items())
        with read_session(kiosk.engine) as session:
            old = session.query(OutboxItem).filter_by(id=bad.item_id).one()
        assert (old.state, old.superseded_by) == ("superseded", fixed.item_id)


def test_correcting_a_rejected_dossier_carries_its_payment_and_postal_return(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    bad = _save(kiosk, "dossier", 4, TrichYeuHoSo=f"{REFUSAL_MARKER} sai tên",
                HinhThucNhanKetQua=1)  # fmt: skip
    assert [linked.kind for linked in bad.linked] == ["registration"]  # the postal return
    fee = _save(kiosk, "payment", 5, dossier_id=bad.item_id)
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        relay = Relay(kiosk, client_for(sim.base_url), item_retry_base_s=0.01)
        relay.drain()  # the dossier is rejected; its two dependents are held back, not sent
        relay.drain()
        assert _state(kiosk, bad.item_id) == "rejected"
        held = [bad.linked[0].item_id, fee.item_id]
        assert [_state(kiosk, item) for item in held] == ["pending", "pending"]
        payload = sample_payload("dossier", random.Random(4), utcnow())
        payload.update(TrichYeuHoSo="Đã sửa tên", HinhThucNhanKetQua=1)
        fixed = records.correct_record(kiosk, bad.id, "dossier", payload, "TNV02")
        assert sorted(m.kind for m in fixed.linked) == ["payment", "registration"]
        drive(relay)
        stored = {item["id"]: item for item in sim.state.items()}
        for moved in fixed.linked:
            assert _state(kiosk, moved.item_id) == "accepted"
            assert stored[moved.item_id]["payload"]["dossier_id"] == fixed.item_id
        assert not set(held) & set(stored)  # the old, never-sent copies never left the kiosk
        assert [_state(kiosk, item) for item in held] == ["superseded", "superseded"]
        assert_exactly_once(kiosk, sim.state.items())


def test_offline_then_online_resumes_within_ten_seconds(kiosk: Kiosk, tmp_path: Path) -> None:
    sim = SimulatorProcess(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]).start()
    connect(kiosk, sim.base_url)
    online: list[bool] = []
    engine = SyncEngine(kiosk)
    engine.bus.subscribe(lambda name, data: online.append(data["online"])
                         if name == events.CONNECTIVITY_DID_CHANGE else None)  # fmt: skip
    engine.start()
    try:
        first = _save(kiosk, "visit", 1)
        _wait(lambda: _state(kiosk, first.item_id) == "accepted", 30)  # start jitter ≤ 10 s
        sim.kill()  # the province goes away
        waiting = [_save(kiosk, "feedback", i) for i in range(5)]
        engine.send_now()
        _wait(lambda: online and online[-1] is False, 20)
        time.sleep(4)
        assert all(_state(kiosk, w.item_id) == "pending" for w in waiting)
        sim.start()  # same port, same state
        back = time.monotonic()
        _wait(lambda: all(_state(kiosk, w.item_id) == "accepted" for w in waiting), 10.5)
        resumed_after = time.monotonic() - back
    finally:
        engine.stop()
        sim.terminate()
    assert resumed_after < 10.0 and online[-1] is True


def test_changes_applied_twice_leave_the_same_state(kiosk: Kiosk, tmp_path: Path) -> None:
    saved = _save(kiosk, "dossier", 3, HinhThucNhanKetQua=0)
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        client = client_for(sim.base_url)
        drive(Relay(kiosk, client))
        for status in (2, 4, 9):
            sim.state.publish_dossier_status(saved.item_id, status, ngay_hen_tra="20261129170000")
        assert inbound.pull_changes(kiosk, client) >= 3
        first = _snapshot(kiosk)
        assert first["dossier"][1:3] == (9, "20261129170000") and first["dossier"][0]
        with write_session(kiosk.engine) as session:  # a crash before the cursor was saved
            session.merge(Meta(key=inbound.CURSOR_KEY, value=""))
        inbound.pull_changes(kiosk, client)
        assert _snapshot(kiosk) == first
        sim.state.publish_dossier_status(saved.item_id, 10)
        inbound.pull_changes(kiosk, client)
        assert _snapshot(kiosk)["dossier"][1] == 10
        assert _snapshot(kiosk)["history"] == first["history"] + 1
        client.close()


def test_sync_once_cli_reports_and_exits_zero(home: Path, tmp_path: Path) -> None:
    kiosk = Kiosk.open(home)
    for i in range(5):
        _save(kiosk, "visit", i)
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        connect(kiosk, sim.base_url)
        result = sync_once(kiosk)
        assert (result.report.done, result.remaining, result.error) == (5, 0, None)
        assert len(sim.state.items()) == 5


def test_kiosk_disabled_stops_sending_and_deletes_nothing(kiosk: Kiosk, tmp_path: Path) -> None:
    saved = [_save(kiosk, "visit", i) for i in range(3)]
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        connect(kiosk, sim.base_url)
        sim.set_client_disabled(CLIENT_ID, True)
        result = sync_once(kiosk)
        assert result.remaining == 3 and result.error and "ngừng" in result.error
        assert sim.state.items() == []
        with read_session(kiosk.engine) as session:
            assert session.query(OutboxItem).count() == 3
            assert session.get(Meta, "sync.disabled").value == "1"
        sim.set_client_disabled(CLIENT_ID, False)
        assert sync_once(kiosk).remaining == 0
        assert {s["id"] for s in sim.state.items()} == {s.item_id for s in saved}


def test_wrong_secret_is_an_auth_failure_not_a_crash(kiosk: Kiosk, tmp_path: Path) -> None:
    _save(kiosk, "visit", 1)
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, "another")]) as sim:
        connect(kiosk, sim.base_url)
        result = sync_once(kiosk)
    assert result.remaining == 1 and result.error and "AuthFailed" in result.error


def _until_sending(home: Path, proc: subprocess.Popen[bytes], deadline_s: float) -> None:
    """Until the relay has a batch in flight (or has finished, or the deadline passed)."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end and proc.poll() is None:
        with sqlite3.connect(home / "kiosk.db") as conn:
            if conn.execute("SELECT 1 FROM outbox WHERE state = 'in_flight' LIMIT 1").fetchone():
                return
        time.sleep(0.02)


def _waiting(home: Path) -> int:
    with sqlite3.connect(home / "kiosk.db") as conn:
        return int(
            conn.execute(
                "SELECT count(*) FROM outbox WHERE state IN ('pending','unknown','in_flight')"
            ).fetchone()[0]
        )


def _state(kiosk: Kiosk, item_id: str) -> str:
    with read_session(kiosk.engine) as session:
        return session.query(OutboxItem).filter_by(id=item_id).one().state


def _wait(condition: object, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"condition not met in {timeout} s")


def _snapshot(kiosk: Kiosk) -> dict[str, object]:
    with read_session(kiosk.engine) as session:
        dossier = session.query(Dossier).one()
        return {
            "dossier": (dossier.ma_ho_so, dossier.status_code, dossier.due_at),
            "history": session.query(DossierStatus).count(),
            "notices": session.query(Notice).count(),
        }


def test_clock_skew_from_health_reaches_doctor(kiosk: Kiosk, tmp_path: Path) -> None:
    from kiosk.services import doctor

    sim_dir = tmp_path / "province"
    with start_simulator(sim_dir, clients=[(CLIENT_ID, SECRET)], clock_skew_s=600) as sim:
        connect(kiosk, sim.base_url)
        result = sync_once(kiosk)
    assert result.error is None, result.error
    checks = {c["name"]: c for c in doctor.run(kiosk)["checks"]}
    measured = float(checks["clock"]["detail"].split()[1])
    assert checks["clock"]["status"] == "red" and 590 <= measured <= 601
    with start_simulator(sim_dir, clients=[(CLIENT_ID, SECRET)]) as sim:
        connect(kiosk, sim.base_url)
        sync_once(kiosk)
    checks = {c["name"]: c for c in doctor.run(kiosk)["checks"]}
    assert checks["clock"]["status"] == "green"
    assert checks["province"]["status"] in {"green", "amber"}


def test_dependents_of_a_rejected_dossier_never_stall_the_queue(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    bad = _save(kiosk, "dossier", 1, TrichYeuHoSo=f"{REFUSAL_MARKER} thiếu giấy tờ",
                HinhThucNhanKetQua=0)  # fmt: skip
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        relay = Relay(kiosk, client_for(sim.base_url), max_items=2, item_retry_base_s=0.01)
        relay.drain()
        assert _state(kiosk, bad.item_id) == "rejected"
        waiting = [_save(kiosk, "payment", i, dossier_id=bad.item_id) for i in range(12)]
        later = [_save(kiosk, "visit", i) for i in range(5)]
        relay.drain()
        assert all(_state(kiosk, v.item_id) == "accepted" for v in later)
        assert all(_state(kiosk, w.item_id) == "pending" for w in waiting)  # wait for a correction
        assert relay.max_items == 2  # never grows past what it was given
