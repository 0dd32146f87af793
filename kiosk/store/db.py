"""The SQLite engine: one file, pragmas set in one connect listener, explicit BEGIN modes.

Writes use ``BEGIN IMMEDIATE`` (the write lock is taken before anything is read, so the
audit-chain head and receipt counters read inside a write are never stale); reads use a
deferred BEGIN. pysqlite's own transaction handling is switched off so that SQLAlchemy's
BEGIN is the one SQLite sees.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session

BUSY_TIMEOUT_MS = 10_000


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA trusted_schema=OFF")
        # deleted or rewritten content (a purged payload) is overwritten with zeros, not left
        # in free space for a copy of the file to reveal
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    # straight to the SQLite connection: the same BEGIN, without a SQLAlchemy execution
    # context around it (~10 µs of every save)
    conn.connection.driver_connection.execute(f"BEGIN {mode}")


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One short write transaction (BEGIN IMMEDIATE); commits on success, rolls back on error."""
    immediate = engine.execution_options(sqlite_begin="IMMEDIATE")
    with Session(immediate, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def write_connection(engine: Engine) -> Iterator[sqlite3.Connection]:
    """:func:`write_session` without the ORM, for the save path's plain SQL.

    The same ``BEGIN IMMEDIATE`` transaction, begun and committed (or rolled back on error)
    by SQLAlchemy on the pooled connection; the caller writes on the SQLite connection itself.
    """
    with engine.connect() as conn:
        conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            yield dbapi(conn)


def dbapi(conn: Connection) -> sqlite3.Connection:
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


@lru_cache(maxsize=64)
def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """``INSERT INTO table (columns) VALUES (?, ...)``; names come from code, never input."""
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608


def insert_row(raw: sqlite3.Connection, table: str, row: Mapping[str, Any]) -> None:
    """One row, its values already in their stored form (see ``models.db_time``)."""
    raw.execute(insert_sql(table, tuple(row)), tuple(row.values()))


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def integrity_check(engine: Engine) -> str:
    with engine.connect() as conn:
        rows = conn.execute(text("PRAGMA integrity_check")).scalars().all()
    return "; ".join(str(r) for r in rows)


def checkpoint(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def compact(engine: Engine) -> bool:
    """VACUUM (no free pages left holding old content), then empty the WAL.

    Returns False when another connection's open read kept the WAL from being emptied."""
    with engine.connect() as conn:
        raw = dbapi(conn)  # outside any transaction: VACUUM cannot run inside one
        raw.execute("VACUUM")
        busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy is None or busy[0] == 0
