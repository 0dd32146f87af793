"""Alembic at start-up: a DB made by the first schema upgrades, copied first, data kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.services.context import Kiosk
from kiosk.store import migrate
from kiosk.store.db import make_engine


def test_first_schema_database_upgrades_with_data_kept(empty_home: Path) -> None:
    empty_home.mkdir(parents=True)
    db = empty_home / "kiosk.db"
    engine = make_engine(db)
    migrate.upgrade(engine, db, empty_home / "backups", target="0001")
    assert migrate.current_revision(engine) == "0001"
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO meta(key, value) VALUES ('marker', 'from-0001')")
    engine.dispose()
    kiosk = Kiosk.open(empty_home)  # the normal start-up path migrates to head
    assert migrate.current_revision(kiosk.engine) == migrate.head_revision() != "0001"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key='marker'").fetchone() == (
            "from-0001",
        )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"notices", "dossier_statuses"} <= tables
    copies = list((empty_home / "backups").glob("kiosk-before-upgrade-0001-*.db"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key='marker'").fetchone() == (
            "from-0001",
        )
    kiosk.close()


def test_failed_upgrade_keeps_database_and_copy(
    empty_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_home.mkdir(parents=True)
    db = empty_home / "kiosk.db"
    engine = make_engine(db)
    migrate.upgrade(engine, db, empty_home / "backups", target="0001")
    before = db.read_bytes()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrate.command, "upgrade", broken)
    with pytest.raises(migrate.MigrationFailed) as failure:
        migrate.upgrade(engine, db, empty_home / "backups")
    assert db.exists() and failure.value.backup is not None and failure.value.backup.exists()
    assert "bản sao an toàn" in str(failure.value)
    assert len(before) > 0 and db.stat().st_size > 0


def test_pragmas(kiosk: Kiosk) -> None:
    with kiosk.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        busy = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
    assert (mode, sync, fks) == ("wal", 2, 1) and busy >= 5000
