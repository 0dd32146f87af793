"""Crash safety: ``kiosk demo seed`` SIGKILLed at random moments, over and over.

After every kill: ``PRAGMA integrity_check`` is ok; every id the process printed as committed
is in the database with its outbox item and its audit entry; nothing is orphaned (no outbox
item without its record, no record without its item, the audit chain intact).
"""

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

from kiosk.store.models import RECORD_MODELS

KILLS = 24
TABLES = {kind: model.__tablename__ for kind, model in RECORD_MODELS.items()}  # type: ignore[attr-defined]


def _seed_and_kill(delay_s: float, seed: int) -> list[tuple[str, str]]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "demo",
            "seed",
            "--dossiers",
            "400",
            "--payments",
            "200",
            "--registrations",
            "200",
            "--feedback",
            "100",
            "--visits",
            "200",
            "--seed",
            str(seed),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    time.sleep(delay_s)
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=30)
    committed = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:  # a line cut by the kill is not a promise
            committed.append((parts[0], parts[1]))
    return committed


def _check(db: Path, committed: list[tuple[str, str]]) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # one pass over the audit log (it has no index on record_id: a query per record
        # would make the check quadratic in the number of promises)
        creates_audited = {
            (record_id, action): count
            for record_id, action, count in conn.execute(
                "SELECT record_id, action, count(*) FROM audit_log "
                "WHERE action LIKE '%.create' GROUP BY record_id, action"
            )
        }
        for kind, record_id in committed:
            table = TABLES[kind]
            row = conn.execute(
                f"SELECT current_item_id FROM {table} WHERE id=?", (record_id,)
            ).fetchone()
            assert row is not None, f"{kind} {record_id} promised but missing"
            item = conn.execute("SELECT kind FROM outbox WHERE id=?", (row[0],)).fetchone()
            assert item == (kind,), f"{kind} {record_id} has no outbox item"
            audited = creates_audited.get((record_id, f"{kind}.create"), 0)
            assert audited == 1, f"{kind} {record_id} has {audited} audit entries"
        for kind, table in TABLES.items():
            orphans = conn.execute(
                f"SELECT count(*) FROM outbox o WHERE o.kind=? AND NOT EXISTS "
                f"(SELECT 1 FROM {table} r WHERE r.id=o.record_id)",
                (kind,),
            ).fetchone()[0]
            assert orphans == 0, f"{orphans} outbox items without their {kind}"
            itemless = conn.execute(
                f"SELECT count(*) FROM {table} r WHERE NOT EXISTS "
                f"(SELECT 1 FROM outbox o WHERE o.id=r.current_item_id)"
            ).fetchone()[0]
            assert itemless == 0, f"{itemless} {kind} records without an outbox item"
        records = sum(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES.values()
        )
        creates = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action LIKE '%.create'"
        ).fetchone()[0]
        assert records == creates


@pytest.mark.slow
def test_sigkill_during_seed_loses_nothing_promised(home: Path) -> None:
    rng = random.Random(20261122)
    all_committed: list[tuple[str, str]] = []
    for round_no in range(KILLS):
        committed = _seed_and_kill(rng.uniform(0.9, 3.0), seed=round_no)
        all_committed += committed
        _check(home / "kiosk.db", all_committed)
    assert len(all_committed) > KILLS * 5, "the kills came before anything was saved"
    verify = subprocess.run(
        [sys.executable, "-m", "kiosk", "audit", "verify"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
