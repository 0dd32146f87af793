"""Schema migrations at start-up (Alembic, shipped inside the package).

Before upgrading a database that already has a schema, the file is copied with SQLite's online
backup API into ``backups/``. A failed upgrade leaves the database (and the copy) in place and
says where the copy is: a database is never deleted.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class MigrationFailed(RuntimeError):
    def __init__(self, message: str, backup: Path | None) -> None:
        super().__init__(message)
        self.backup = backup


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live WAL database (SQLite online backup API)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def upgrade(engine: Engine, database: Path, backups: Path, target: str = "head") -> str | None:
    """Bring the schema to ``target``; returns the path of the pre-upgrade copy, if one was made."""
    current = current_revision(engine)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return None
    backup: Path | None = None
    if current is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = backups / f"kiosk-before-upgrade-{current}-{stamp}.db"
        copy_database(database, backup)
        log.info("database copied before upgrade from %s to %s", current, wanted)
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    except Exception as exc:
        log.exception("schema upgrade %s -> %s failed", current, wanted)
        raise MigrationFailed(
            f"Nâng cấp cơ sở dữ liệu thất bại; bản sao an toàn: {backup} "
            f"(database upgrade failed; safe copy at {backup})",
            backup,
        ) from exc
    return str(backup) if backup else None
