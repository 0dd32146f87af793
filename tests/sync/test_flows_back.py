"""What flows back (statuses → look-up, notices, catalogue ETag), credentials, the daemon."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.services.lookup import by_receipt_code
from kiosk.simulator import start_simulator
from kiosk.store.db import read_session
from kiosk.store.models import Meta, Notice, utcnow
from kiosk.sync import inbound
from kiosk.sync.relay import Relay
from tests.conftest import run_cli
from tests.sync.conftest import CLIENT_ID, SECRET, client_for, connect, drive


def _dossier(kiosk: Kiosk, seed: int) -> records.SavedRecord:
    payload = sample_payload("dossier", random.Random(seed), utcnow())
    payload["HinhThucNhanKetQua"] = 0
    return records.save_record(kiosk, "dossier", payload, "TNV01")


def test_status_reaches_lookup_by_receipt_code(kiosk: Kiosk, tmp_path: Path) -> None:
    saved = _dossier(kiosk, 1)
    code = saved.receipt_code
    assert by_receipt_code(kiosk, code.lower()).status.startswith("Đã lưu")  # type: ignore[union-attr]
    with start_simulator(tmp_path / "p", clients=[(CLIENT_ID, SECRET)]) as sim:
        client = client_for(sim.base_url)
        drive(Relay(kiosk, client))
        assert by_receipt_code(kiosk, code).status.startswith("Tỉnh đã nhận")  # type: ignore[union-attr]
        sim.state.publish_dossier_status(saved.item_id, 2, ma_ho_so="000.00.12.H32-261122-0004",
                                         ngay_hen_tra="20261129170000")  # fmt: skip
        inbound.pull_changes(kiosk, client)
        client.close()
    found = by_receipt_code(kiosk, f" {code[:4]} {code[4:]} ")
    assert found is not None
    assert (found.status, found.ma_ho_so, found.due) == (
        "Được tiếp nhận", "000.00.12.H32-261122-0004", "29/11/2026")  # fmt: skip
    assert by_receipt_code(kiosk, "NT01-000000-9999") is None


def test_a_status_note_is_never_stored(kiosk: Kiosk) -> None:
    """The province's note (GhiChu) may name the person and nothing on the kiosk shows it (the
    public look-up must not: receipt codes are sequential): the status is kept, the note is
    not, anywhere in the data home."""
    from kiosk.store.db import write_session

    live = _dossier(kiosk, 1)
    note = "Đã trả kết quả cho ông Khổng Minh Triết"
    with write_session(kiosk.engine) as session:
        change = {"TrangThaiHoSo": 10, "id": live.item_id, "GhiChu": note}
        assert inbound.apply_change(session, {"type": "dossier_status", "seq": "1", "data": change})
    found = by_receipt_code(kiosk, live.receipt_code)
    assert found is not None and found.status_code == 10
    home = kiosk.layout.root
    kiosk.close()
    stored = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert note.encode("utf-8") not in stored


def test_notices_stored_and_withdrawn_unknown_types_skipped(kiosk: Kiosk, tmp_path: Path) -> None:
    with start_simulator(tmp_path / "p", clients=[(CLIENT_ID, SECRET)]) as sim:
        client = client_for(sim.base_url)
        start = "2026-11-22T08:00:00+07:00"
        sim.state.publish_notice("emergency", "Cảnh báo bão số 13",
                                 "Người dân khu vực ven biển di chuyển đến nơi an toàn.",
                                 wards=["22366"], valid_from=start, valid_until=None,
                                 notice_id="TB-1")  # fmt: skip
        sim.state.publish_change("survey_invitation", {"x": 1})
        sim.state.publish_notice("info", "Lịch tiếp dân", "Thứ Năm hằng tuần.", wards=["22366"],
                                 valid_from=start, valid_until=None, notice_id="TB-2")  # fmt: skip
        sim.state.withdraw_notice("TB-2")
        assert inbound.pull_changes(kiosk, client) >= 3
        client.close()
    with read_session(kiosk.engine) as session:
        notices = {n.notice_id: n for n in session.query(Notice).all()}
    assert notices["TB-1"].level == "emergency" and notices["TB-1"].withdrawn_at is None
    assert notices["TB-1"].title == "Cảnh báo bão số 13"
    assert json.loads(notices["TB-1"].wards) == ["22366"]
    assert notices["TB-2"].withdrawn_at is not None


def test_catalog_refresh_uses_etag(kiosk: Kiosk, tmp_path: Path) -> None:
    with start_simulator(tmp_path / "p", clients=[(CLIENT_ID, SECRET)]) as sim:
        client = client_for(sim.base_url)
        assert inbound.refresh_catalog(kiosk, client, force=True) is True
        with read_session(kiosk.engine) as session:
            etag = session.get(Meta, "catalog.etag")
        assert etag is not None and etag.value
        assert inbound.refresh_catalog(kiosk, client, force=True) is False  # 304
        assert inbound.refresh_catalog(kiosk, client) is False  # checked today already
        before = (
            sim.stats()["counters"].get("requests.catalog") if "counters" in sim.stats() else None
        )
        client.close()
    assert before is None or before >= 2


def test_credentials_secret_only_in_keyring(home: Path, tmp_path: Path) -> None:
    secret = "s3cret-Áo-dài-9"
    result = run_cli("credentials", "set", "--client-id", "KIOSK-56-22366-07", stdin=secret + "\n")
    assert result.returncode == 0, result.stderr
    assert secret not in result.stdout + result.stderr
    settings = (home / "settings.toml").read_text(encoding="utf-8")
    assert "KIOSK-56-22366-07" in settings and secret not in settings
    keyring_file = Path(os.environ["KIOSK_KEYRING"].removeprefix("file:"))
    assert keyring_file.exists() and oct(keyring_file.stat().st_mode)[-3:] == "600"
    logs = b"".join(p.read_bytes() for p in (home / "logs").glob("*"))
    assert secret.encode() not in logs
    assert run_cli("credentials", "set", "--client-id", "X1", stdin="\n").returncode != 0


def test_daemon_sends_and_stops_on_sigterm(home: Path, tmp_path: Path) -> None:
    kiosk = Kiosk.open(home)
    saved = [_dossier(kiosk, i) for i in range(3)]
    with start_simulator(tmp_path / "p", clients=[(CLIENT_ID, SECRET)]) as sim:
        connect(kiosk, sim.base_url)
        kiosk.close()
        daemon = subprocess.Popen([sys.executable, "-m", "kiosk", "sync", "--daemon"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=os.environ.copy())  # fmt: skip
        end = time.monotonic() + 40  # the engine starts within 0-10 s (jitter)
        while time.monotonic() < end and len(sim.state.items()) < 3:
            time.sleep(0.2)
        assert {i["id"] for i in sim.state.items()} == {s.item_id for s in saved}
        second = run_cli("sync", "--once")
        assert second.returncode != 0 and "another relay" in second.stderr
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0


def test_crash_mid_page_never_advances_the_cursor(
    kiosk: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = [_dossier(kiosk, i) for i in range(3)]
    with start_simulator(tmp_path / "p", clients=[(CLIENT_ID, SECRET)]) as sim:
        client = client_for(sim.base_url)
        drive(Relay(kiosk, client))
        for s in saved:
            sim.state.publish_dossier_status(s.item_id, 2)
        real = inbound.apply_change
        calls = {"n": 0}

        def dies_on_third(session: object, change: dict[str, object]) -> int:
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("power cut")
            return real(session, change)  # type: ignore[arg-type]

        monkeypatch.setattr(inbound, "apply_change", dies_on_third)
        with pytest.raises(RuntimeError):
            inbound.pull_changes(kiosk, client)
        with read_session(kiosk.engine) as session:
            assert session.get(Meta, inbound.CURSOR_KEY) is None  # nothing of the page kept
        monkeypatch.setattr(inbound, "apply_change", real)
        assert inbound.pull_changes(kiosk, client) == 3
        client.close()
    assert all(by_receipt_code(kiosk, s.receipt_code).status_code == 2 for s in saved)  # type: ignore[union-attr]
