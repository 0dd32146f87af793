"""The audit chain reports the first altered, inserted or deleted entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import read_session, write_session
from tests.conftest import run_cli


def _append(kiosk: Kiosk, n: int) -> None:
    for i in range(n):
        with write_session(kiosk.engine) as session:
            audit.append(session, "TNV01", "test.write", "dossier", f"rec-{i}", {"i": i})


def _verify(kiosk: Kiosk) -> audit.ChainReport:
    with read_session(kiosk.engine) as session:
        return audit.verify(session)


def _base(kiosk: Kiosk) -> int:
    with read_session(kiosk.engine) as session:
        return audit.head(session)[0]


def test_intact_chain_verifies(kiosk: Kiosk) -> None:
    _append(kiosk, 20)
    report = _verify(kiosk)
    assert report.ok and report.entries == _base(kiosk) and report.first_bad_seq is None


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("UPDATE audit_log SET actor='MALLORY' WHERE seq=:s", "altered"),
        ("UPDATE audit_log SET detail='{}' WHERE seq=:s", "altered"),
        ("DELETE FROM audit_log WHERE seq=:s", "deleted"),
        ("UPDATE audit_log SET prev_hash=hash WHERE seq=:s", "broken_link"),
    ],
)
def test_tampering_reported_at_the_right_entry(kiosk: Kiosk, sql: str, problem: str) -> None:
    _append(kiosk, 20)
    target = _base(kiosk) - 10
    kiosk.close()
    with sqlite3.connect(kiosk.layout.database) as conn:
        conn.execute(sql, {"s": target})
    report = _verify(kiosk)
    assert not report.ok
    # a deleted entry is reported by its own (missing) number
    assert (report.first_bad_seq, report.problem) == (target, problem)


def test_inserted_row_reported(kiosk: Kiosk) -> None:
    _append(kiosk, 5)
    last = _base(kiosk)
    kiosk.close()
    with sqlite3.connect(kiosk.layout.database) as conn:
        row = conn.execute("SELECT at, hash FROM audit_log WHERE seq=?", (last,)).fetchone()
        conn.execute(
            "INSERT INTO audit_log VALUES (?, ?, 'X', 'forged', NULL, NULL, '{}', ?, ?)",
            (last + 1, row[0], row[1], "f" * 64),
        )
    report = _verify(kiosk)
    assert (report.ok, report.first_bad_seq, report.problem) == (False, last + 1, "altered")


def test_cli_audit_verify_exit_codes(home: Path) -> None:
    ok = run_cli("audit", "verify", "--json")
    assert ok.returncode == 0, ok.stderr
    with sqlite3.connect(home / "kiosk.db") as conn:
        conn.execute("UPDATE audit_log SET action='edited' WHERE seq=1")
    bad = run_cli("audit", "verify", "--json")
    assert bad.returncode == 1
    assert '"first_bad_seq": 1' in bad.stdout
