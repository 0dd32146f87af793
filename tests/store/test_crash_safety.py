"""Crash safety: ``kiosk demo seed`` SIGKILLed at random moments, over and over.

After every kill: ``PRAGMA integrity_check`` is ok; every id the process printed as committed
is in the database with its outbox item and its audit entry; nothing is orphaned (no outbox
item without its record, no record without its item, the audit chain intact).

And ``kiosk import`` (64 lines a commit) SIGKILLed further on each run: the database stays whole,
and the same file run again saves exactly the lines not saved yet — each ``ref`` once. With
scanned papers too: no saved dossier ever misses its scan, and the stray-paper sweep deletes
exactly the scans a kill left behind.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

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


IMPORT_LINES = 1500


def _backlog(path: Path) -> None:
    """A paper-form backlog: every line has its ``ref`` (what makes re-running it safe)."""
    from kiosk.domain.samples import sample_payload
    from kiosk.store.models import utcnow

    rng = random.Random(7)
    kinds = ("visit", "feedback", "dossier", "payment", "registration")
    with path.open("w", encoding="utf-8") as out:
        for i in range(IMPORT_LINES):
            kind = kinds[i % len(kinds)]
            payload = sample_payload(kind, rng, utcnow())
            if "dossier_id" in payload:
                payload["dossier_id"] = None
            out.write(json.dumps({"kind": kind, "payload": payload, "ref": f"paper-{i}"}) + "\n")


def _imported(home: Path) -> int:
    with sqlite3.connect(home / "kiosk.db", timeout=10) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM import_refs").fetchone()[0])
        except sqlite3.OperationalError:  # the first run has not made its tables yet
            return 0


def _start_import(backlog: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "import", str(backlog), "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )


def _import_to_the_end(backlog: Path) -> dict[str, Any]:
    """The same file run again, not killed: its report (every line saved or skipped)."""
    finish = subprocess.run(
        [sys.executable, "-m", "kiosk", "import", str(backlog), "--json"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
        timeout=300,
    )
    assert finish.returncode == 0, finish.stderr[-2000:]
    report: dict[str, Any] = json.loads(finish.stdout)
    return report


@pytest.mark.slow
def test_sigkill_during_import_then_run_again_saves_every_line_exactly_once(
    home: Path, tmp_path: Path
) -> None:
    """The import commits 64 lines a group: killed anywhere, the database is whole, and the
    same file run again saves exactly the lines not saved yet (each ref once)."""
    backlog = tmp_path / "backlog.jsonl"
    _backlog(backlog)
    rng = random.Random(2611)
    saved_before = [0]
    for _ in range(6):  # each run killed a few groups further on than the last one
        proc = _start_import(backlog)
        target = saved_before[-1] + rng.randint(1, 300)
        while proc.poll() is None and _imported(home) < target:
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        _check(home / "kiosk.db", [])
        saved_before.append(_imported(home))
    assert any(0 < n < IMPORT_LINES for n in saved_before), f"no kill mid-import: {saved_before}"
    report = _import_to_the_end(backlog)
    assert len(report["accepted"]) + len(report["skipped"]) == IMPORT_LINES
    assert len(report["skipped"]) == saved_before[-1]
    with sqlite3.connect(home / "kiosk.db") as conn:
        refs = conn.execute("SELECT count(*), count(DISTINCT ref) FROM import_refs").fetchone()
        assert refs == (IMPORT_LINES, IMPORT_LINES)
        records = sum(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES.values()
        )
        postal = conn.execute("SELECT count(*) FROM dossiers WHERE return_method = 1").fetchone()[0]
    assert records == IMPORT_LINES + postal  # each line once, a postal dossier with its return
    _check(home / "kiosk.db", [])


SCANNED_LINES = 640


def _scanned_backlog(path: Path, scans: Path) -> None:
    """Dossiers with a scanned paper each (its own file): stored before its group commits."""
    from kiosk.domain.samples import sample_payload
    from kiosk.store.models import utcnow

    rng = random.Random(11)
    scans.mkdir()
    with path.open("w", encoding="utf-8") as out:
        for i in range(SCANNED_LINES):
            scan = scans / f"giay-to-{i}.pdf"
            scan.write_bytes(b"%PDF-1.4\n" + f"giay to so {i} ".encode() * 40)
            payload = sample_payload("dossier", rng, utcnow())
            payload["TaiLieuNop"] = [{"path": str(scan), "MaThanhPhanHoSo": "TP1"}]
            out.write(json.dumps({"kind": "dossier", "payload": payload, "ref": f"scan-{i}"}))
            out.write("\n")


def _papers(home: Path) -> tuple[set[str], set[str]]:
    """(scans a live record references, sealed scan files on disk)."""
    with sqlite3.connect(home / "kiosk.db", timeout=10) as conn:
        try:
            rows = conn.execute("SELECT sha256 FROM attachments WHERE purged_at IS NULL")
            referenced = {row[0] for row in rows}
        except sqlite3.OperationalError:
            referenced = set()
    files = {p.name for p in (home / "attachments").glob("??/*") if len(p.name) == 64}
    return referenced, files


@pytest.mark.slow
def test_sigkill_during_an_import_with_scans_loses_none_and_leaves_none_behind(
    home: Path, tmp_path: Path
) -> None:
    """Scans are stored before their group's COMMIT: a kill in between leaves sealed scans no
    record references. Every referenced scan is there after each kill (nothing lost); the
    stray-paper sweep then deletes exactly the others (nothing left behind), and running the
    file again saves every line once, each with its scan."""
    from datetime import timedelta

    from kiosk.services import stray_papers
    from kiosk.services.context import Kiosk
    from kiosk.store.models import utcnow

    backlog = tmp_path / "backlog.jsonl"
    _scanned_backlog(backlog, tmp_path / "scans")
    rng = random.Random(2212)
    strays = []
    for _ in range(4):
        proc = _start_import(backlog)
        target = _imported(home) + rng.randint(40, 120)
        while proc.poll() is None and _imported(home) < target:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.05))  # somewhere in the next group's work
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        _check(home / "kiosk.db", [])
        referenced, files = _papers(home)
        assert referenced <= files, "a saved dossier's scan is missing"
        strays.append(len(files - referenced))
    assert any(strays), f"no kill left a stray scan: {strays}"

    kiosk = Kiosk.open(home)
    try:
        later = utcnow() + stray_papers.GRACE + timedelta(minutes=1)
        swept = stray_papers.collect(kiosk, now=later)
    finally:
        kiosk.close()
    referenced, files = _papers(home)
    assert swept.stored == strays[-1] and files == referenced

    report = _import_to_the_end(backlog)
    assert len(report["accepted"]) + len(report["skipped"]) == SCANNED_LINES
    referenced, files = _papers(home)
    assert len(referenced) == SCANNED_LINES and files == referenced
