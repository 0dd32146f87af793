"""0005 adds the print queue's table to a database made by the earlier schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.services.context import Kiosk
from kiosk.store import migrate
from kiosk.store.db import make_engine


def tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_0004_database_gets_print_jobs_and_can_go_back(empty_home: Path) -> None:
    empty_home.mkdir(parents=True)
    db = empty_home / "kiosk.db"
    engine = make_engine(db)
    migrate.upgrade(engine, db, empty_home / "backups", target="0004")
    assert "print_jobs" not in tables(db)
    engine.dispose()
    kiosk = Kiosk.open(empty_home)
    assert migrate.current_revision(kiosk.engine) == migrate.head_revision() >= "0005"
    kiosk.close()
    assert "print_jobs" in tables(db)
    engine = make_engine(db)
    from alembic import command

    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    engine.dispose()
    assert "print_jobs" not in tables(db)
