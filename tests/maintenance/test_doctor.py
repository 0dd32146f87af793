"""``kiosk doctor --json``: green on a healthy, set-up kiosk (real simulator on 127.0.0.1, a
real loopback socket as the printer), and red for each fault injected."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.domain.samples import sample_payload
from kiosk.printing.models import PrintJob
from kiosk.services import backup, doctor, records
from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator
from kiosk.store import secrets
from kiosk.store.db import write_session
from kiosk.store.models import utcnow
from kiosk.sync.engine import secret_name
from kiosk.sync.relay import Relay
from tests.conftest import run_cli
from tests.printing.printer_emulator import PrinterEmulator
from tests.sync.conftest import CLIENT_ID, client_for, connect

ALL_CHECKS = {
    "database",
    "schema",
    "disk",
    "keyring",
    "secret",
    "server",
    "token",
    "clock",
    "province",
    "printer",
    "last_print",
    "receipt",
    "queue",
    "backup",
    "logs",
    "data_home",
}


def run_doctor(*extra: str) -> tuple[int, dict[str, dict[str, Any]]]:
    result = run_cli(*extra, "doctor", "--json")
    report = json.loads(result.stdout)
    checks = {c["name"]: c for c in report["checks"]}
    assert (report["status"] == "red") == (result.returncode == 1), result.stderr
    return result.returncode, checks


def reds(checks: dict[str, dict[str, Any]]) -> set[str]:
    return {name for name, c in checks.items() if c["status"] == "red"}


@pytest.fixture
def printer() -> Iterator[PrinterEmulator]:
    with PrinterEmulator(lifetime=300) as emulator:
        yield emulator


@pytest.fixture
def healthy(kiosk: Kiosk, province: RunningSimulator, printer: PrinterEmulator) -> Kiosk:
    """Set up: credentials verified, one record sent and accepted, a printer, a backup."""
    connect(kiosk, province.base_url)
    kiosk.settings.set("printer.uri", f"tcp:127.0.0.1:{printer.port}")
    payload = sample_payload("visit", random.Random(3), utcnow())
    records.save_record(kiosk, "visit", payload, "TNV01")
    relay = Relay(kiosk, client_for(province.base_url))
    assert relay.drain().done == 1
    backup.create_backup(kiosk)
    return kiosk


def test_green_when_all_is_well(healthy: Kiosk) -> None:
    code, checks = run_doctor()
    assert code == 0 and set(checks) == ALL_CHECKS
    not_green = {n: c["status"] for n, c in checks.items() if c["status"] != "green"}
    assert not_green == {"keyring": "amber"}  # a file keyring (tests) is honestly amber
    for check in checks.values():
        assert check["label"] and check["label_en"]
    assert "ms" in checks["server"]["detail"] and "vừa đo" in checks["clock"]["detail"]


def _corrupt_copy(kiosk: Kiosk, tmp_path: Path, **_: Any) -> tuple[str, ...]:
    copy = tmp_path / "copied-home"
    shutil.copytree(kiosk.layout.root, copy)
    db = copy / "kiosk.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='outbox'").fetchone()[0]
    with db.open("r+b") as handle:  # scribble over a b-tree page of the queue
        handle.seek((root - 1) * page)
        handle.write(b"\x0d" + b"\xff" * 200)
    return ("--home", str(copy))


def _missing_secret(kiosk: Kiosk, **_: Any) -> tuple[str, ...]:
    secrets.delete_secret(secret_name(CLIENT_ID))
    return ()


def _server_down(province: RunningSimulator, **_: Any) -> tuple[str, ...]:
    province.stop()
    return ()


def _printer_down(printer: PrinterEmulator, **_: Any) -> tuple[str, ...]:
    printer.stop()
    return ()


def _clock_skew(province: RunningSimulator, **_: Any) -> tuple[str, ...]:
    province.sim.clock.set_skew(600.0)  # the province's clock is 10 minutes ahead of ours
    return ()


def _stale_queue(kiosk: Kiosk, **_: Any) -> tuple[str, ...]:
    then = utcnow() - timedelta(days=2)
    records.save_record(
        kiosk, "visit", sample_payload("visit", random.Random(4), then), "T", now=then
    )
    return ()


FAULTS: dict[str, tuple[Callable[..., tuple[str, ...]], set[str]]] = {
    "corrupted DB copy": (_corrupt_copy, {"database"}),
    "missing secret": (_missing_secret, {"secret", "token"}),
    "unreachable server": (_server_down, {"server"}),
    "printer socket down": (_printer_down, {"printer"}),
    "10-minute clock skew": (_clock_skew, {"clock"}),
    "stale queue": (_stale_queue, {"queue"}),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_red_for_each_fault(
    fault: str,
    healthy: Kiosk,
    province: RunningSimulator,
    printer: PrinterEmulator,
    tmp_path: Path,
) -> None:
    inject, expected = FAULTS[fault]
    extra = inject(kiosk=healthy, province=province, printer=printer, tmp_path=tmp_path)
    code, checks = run_doctor(*extra)
    assert code == 1
    assert expected <= reds(checks)
    if fault != "corrupted DB copy":  # a damaged file may upset more than one check
        assert reds(checks) == expected
    for name in expected:
        assert checks[name]["hint_vi"] and checks[name]["hint_en"]


def test_refused_secret_and_a_home_that_does_not_open(
    healthy: Kiosk, province: RunningSimulator, tmp_path: Path
) -> None:
    secrets.set_secret(secret_name(CLIENT_ID), "not-the-secret")
    code, checks = run_doctor()
    assert code == 1 and reds(checks) == {"token"}
    assert "từ chối" in checks["token"]["hint_vi"]
    broken = tmp_path / "broken-home"
    shutil.copytree(healthy.layout.root, broken)
    (broken / "kiosk.db-wal").unlink(missing_ok=True)
    (broken / "kiosk.db").write_bytes(b"garbage, not SQLite" * 100)
    code, checks = run_doctor("--home", str(broken))
    assert code == 1 and checks["database"]["status"] == "red"
    assert "kiosk restore" in checks["database"]["hint_vi"]


def test_offline_doctor_skips_the_province(healthy: Kiosk, province: RunningSimulator) -> None:
    province.stop()
    report = doctor.run(healthy, network=False)
    names = {c["name"] for c in report["checks"]}
    assert "server" not in names and "token" not in names and report["status"] != "red"


def test_backup_age_last_print_and_file_printer(healthy: Kiosk, tmp_path: Path) -> None:
    assert doctor.check_backup(healthy).status == "green"
    assert doctor.check_backup(healthy, now=utcnow() + timedelta(hours=30)).status == "amber"
    assert doctor.check_backup(healthy, now=utcnow() + timedelta(days=4)).status == "red"
    with write_session(healthy.engine) as session:
        session.add(
            PrintJob(
                id="j1",
                created_at=utcnow(),
                updated_at=utcnow(),
                actor="T",
                record_kind="visit",
                record_id="r",
                receipt_code="NT01-261122-0001",
                copy_number=0,
                printer="tcp:x",
                paper=80,
                state="failed",
                attempts=3,
                message="Máy in hết giấy",
            )
        )
    last = doctor.check_last_print(healthy)
    assert last.status == "amber" and "hết giấy" in last.detail
    from kiosk.services.doctor_reach import check_printer

    healthy.settings.set("printer.uri", f"file:{tmp_path / 'lp0'}")
    assert check_printer(healthy).status == "green"
    healthy.settings.set("printer.uri", "file:/nonexistent-dir/lp0")
    assert check_printer(healthy).status == "red"
