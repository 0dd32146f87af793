"""Restoring a backup file (:mod:`kiosk.services.backup`) into a data home.

Works at the file level, so that a data home whose database is damaged (the usual reason to
restore) can be restored. In order, and nothing is changed until every check passed:

1. the file's manifest and every member's SHA-256 are checked; the schema revision must be
   one this build knows; the data key named by the backup's install id must be in the
   keyring and open the backup (a restore on another PC needs that key there first);
2. the kiosk must not be running (the relay and print locks are free);
3. items in the current queue that the province does not have yet (pending, in flight,
   unknown, rejected or in conflict) and that the backup lacks would be lost: the restore is
   refused and names them (kind, receipt code, state — no personal data) unless ``force``;
4. the current database is copied aside (``backups/kiosk-before-restore-<time>.db``);
5. the backup's database replaces it (SQLite backup API into the live file; a file that no
   longer opens is replaced on disk), missing or different papers are written back;
6. the kiosk is opened (a backup from an older schema is migrated); the receipt counters are
   kept at least where they were (a code already printed for a resident is never handed out
   again); purges recorded in the ledger since the backup are applied again; a
   ``backup.restore`` audit entry is written.

The ledger applied is the data home's merged with the one in the backup file and those in
the other backups of this installation beside it (a restore on a new PC has no ledger of its
own; a newer backup on the same USB drive knows of purges made after the one restored).
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from filelock import FileLock, Timeout

from kiosk import paths
from kiosk.fsutil import write_atomic
from kiosk.services import backup, purge
from kiosk.services.context import Kiosk
from kiosk.store import audit, crypto, migrate
from kiosk.store.db import write_connection, write_session

log = logging.getLogger(__name__)


class RestoreRefused(RuntimeError):
    """Nothing was changed; the message is Vietnamese then English."""

    def __init__(self, message: str, unsent: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.unsent = unsent or []


@dataclass
class RestoreResult:
    backup: str
    created_at: str
    set_aside: str | None
    papers_written: int
    dropped_unsent: list[dict[str, str]] = field(default_factory=list)
    ledger_lines_added: int = 0
    purged_again: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def restore(
    layout: paths.HomeLayout, file: Path, *, force: bool = False, actor: str = "cli"
) -> RestoreResult:
    manifest = backup.read_manifest(file)
    _check_revision(manifest)
    layout.ensure()
    with (
        tempfile.TemporaryDirectory(dir=layout.root, prefix=".restore-") as scratch,
        _kiosk_stopped(layout),
    ):
        database, papers = _unpack(file, manifest, Path(scratch))
        _check_key(database, manifest["install_id"])
        unsent = lost_unsent(layout.database, database)
        if unsent and not force:
            raise RestoreRefused(_refusal(unsent), unsent)
        counters = _counters(layout.database)
        aside = _set_aside(layout)
        _replace_database(database, layout.database)
        written = _write_papers(layout, papers)
    if manifest["install_id"] != _install_id(layout):
        write_atomic(layout.install_id_file, manifest["install_id"].encode("ascii"), 0o644)
    result = RestoreResult(file.name, manifest["created_at"], aside, written, unsent)
    result.ledger_lines_added = _merge_ledgers(layout, file, manifest["install_id"])
    _after(layout, result, counters, force, actor)
    return result


def _check_revision(manifest: dict[str, Any]) -> None:
    revision = manifest.get("schema_revision")
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    known = {s.revision for s in scripts.walk_revisions()}
    if revision not in known:
        raise RestoreRefused(
            f"Bản sao lưu có lược đồ {revision} mà phiên bản này không biết; hãy cập nhật ứng "
            f"dụng trước. (The backup's schema {revision} is unknown to this build: upgrade.)"
        )


@contextmanager
def _kiosk_stopped(layout: paths.HomeLayout) -> Iterator[None]:
    locks = [FileLock(str(layout.root / name)) for name in ("relay.lock", "print.lock")]
    held: list[FileLock] = []
    try:
        for lock in locks:
            try:
                lock.acquire(timeout=0)
            except Timeout:
                raise RestoreRefused(
                    "Ứng dụng kiosk hoặc tiến trình gửi đang chạy; hãy tắt trước khi khôi phục. "
                    "(The kiosk app or sync daemon is running: stop it first.)"
                ) from None
            held.append(lock)
        yield
    finally:
        for lock in held:
            lock.release()


def _unpack(file: Path, manifest: dict[str, Any], scratch: Path) -> tuple[Path, dict[str, bytes]]:
    database = scratch / backup.DB_MEMBER
    papers: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(file) as archive:
            for name, data in backup.members(archive, manifest):
                if name == backup.DB_MEMBER:
                    database.write_bytes(data)
                elif name.startswith(backup.ATTACHMENTS):
                    papers[name.rsplit("/", 1)[-1]] = data
    except (zipfile.BadZipFile, OSError) as exc:
        raise RestoreRefused(f"Không đọc được tệp sao lưu (unreadable backup): {exc}") from None
    except backup.BackupError as exc:
        raise RestoreRefused(str(exc)) from None
    return database, papers


def _check_key(database: Path, install_id: str) -> None:
    key = crypto.load_key(install_id)
    with closing(sqlite3.connect(database)) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = 'key_check'").fetchone()
    try:
        if key is None:
            raise crypto.DataKeyError("missing")
        if row is not None:
            crypto.Cipher(key).open(bytes.fromhex(row[0]), crypto.KEY_CHECK_AAD)
    except crypto.DataKeyError:
        raise RestoreRefused(
            f"Kho khóa của máy không có khóa dữ liệu mở được bản sao lưu này "
            f"({crypto.key_name(install_id)}); hãy chép khóa từ máy cũ trước. "
            f"(The keyring lacks the data key that opens this backup.)"
        ) from None


# --- what the current queue would lose -------------------------------------------------------


def lost_unsent(current: Path, restored: Path) -> list[dict[str, str]]:
    """Items of the current queue the province does not have and the backup lacks."""
    if not current.exists():
        return []
    try:
        with closing(sqlite3.connect(current)) as conn:
            rows = _unsent_rows(conn)
    except sqlite3.DatabaseError as exc:
        return [{"kind": "?", "receipt_code": "?", "state": f"unreadable: {exc}"}]
    with closing(sqlite3.connect(restored)) as conn:
        present = {r[0] for r in conn.execute("SELECT id FROM outbox")}
    return [row for row in rows if row.pop("id") not in present]


def _unsent_rows(conn: sqlite3.Connection) -> list[dict[str, str]]:
    marks = ", ".join("?" * len(purge.UNSENT))
    items = conn.execute(
        f"SELECT id, kind, record_id, state FROM outbox WHERE state IN ({marks}) ORDER BY seq",  # noqa: S608
        purge.UNSENT,
    ).fetchall()
    found = []
    for item_id, kind, record_id, state in items:
        table = backup.TABLES.get(kind)
        code = (
            conn.execute(f"SELECT receipt_code FROM {table} WHERE id = ?", (record_id,)).fetchone()  # noqa: S608
            if table
            else None
        )
        found.append(
            {"id": item_id, "kind": kind, "receipt_code": code[0] if code else "-", "state": state}
        )
    return found


def _refusal(unsent: list[dict[str, str]]) -> str:
    listed = "; ".join(f"{u['kind']} {u['receipt_code']} ({u['state']})" for u in unsent[:50])
    more = f" … +{len(unsent) - 50}" if len(unsent) > 50 else ""
    return (
        f"Không khôi phục: {len(unsent)} mục tỉnh chưa nhận sẽ bị mất: {listed}{more}. "
        f"Gửi chúng trước (kiosk sync --once) hoặc dùng --force. "
        f"(Refused: items the province does not have would be lost: {len(unsent)}; "
        "send them first or use --force.)"
    )


# --- replacing -------------------------------------------------------------------------------


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _set_aside(layout: paths.HomeLayout) -> str | None:
    if not layout.database.exists():
        return None
    target = layout.db_backups / f"kiosk-before-restore-{_stamp()}.db"
    try:
        migrate.copy_database(layout.database, target)
    except sqlite3.DatabaseError:  # it does not open: keep its files as they are
        target.unlink(missing_ok=True)
        for suffix in ("", "-wal"):
            source = Path(f"{layout.database}{suffix}")
            if source.exists():
                shutil.copy2(source, Path(f"{target}{suffix}"))
    log.info("current database set aside as %s", target.name)
    return str(target)


def _replace_database(restored: Path, live: Path) -> None:
    try:
        with closing(sqlite3.connect(restored)) as src, closing(sqlite3.connect(live)) as dst:
            dst.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError:
        log.warning("live database unusable: replaced on disk")
        for suffix in ("-wal", "-shm"):
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        write_atomic(live, restored.read_bytes())


def _write_papers(layout: paths.HomeLayout, papers: dict[str, bytes]) -> int:
    written = 0
    for sha, data in papers.items():
        target = layout.attachments / sha[:2] / sha
        if target.exists() and target.read_bytes() == data:
            continue
        write_atomic(target, data)
        written += 1
    return written


def _merge_ledgers(layout: paths.HomeLayout, file: Path, install_id: str) -> int:
    """The purge ledgers of the backup file and of this installation's backups beside it
    (newest first) are merged into the data home's; how many lines it gained."""
    sources = [file, *(p for _, p in backup.backups(file.parent) if p != file)]
    return purge.merge_ledger(layout.root, *(backup.ledger_of(p, install_id) for p in sources))


def _install_id(layout: paths.HomeLayout) -> str | None:
    path = layout.install_id_file
    return path.read_text(encoding="ascii").strip() if path.exists() else None


def _counters(database: Path) -> list[tuple[str, str, int]]:
    """The receipt counters before the restore: codes already handed out are never reused."""
    if not database.exists():
        return []
    try:
        with closing(sqlite3.connect(database)) as conn:
            return conn.execute("SELECT prefix, day, last FROM receipt_counters").fetchall()
    except sqlite3.DatabaseError:
        log.warning("receipt counters of the replaced database unreadable")
        return []


_KEEP_COUNTER = (
    "INSERT INTO receipt_counters (prefix, day, last) VALUES (?, ?, ?) "
    "ON CONFLICT (prefix, day) DO UPDATE SET last = max(last, excluded.last)"
)


def _after(
    layout: paths.HomeLayout,
    result: RestoreResult,
    counters: list[tuple[str, str, int]],
    force: bool,
    actor: str,
) -> None:
    kiosk = Kiosk.open(layout.root)
    try:
        with write_connection(kiosk.engine) as db:
            db.executemany(_KEEP_COUNTER, counters)
        result.purged_again = purge.reapply_ledger(kiosk).records
        detail = {
            "file": result.backup,
            "backup_created_at": result.created_at,
            "forced": force,
            "dropped_unsent": len(result.dropped_unsent),
            "purged_again": result.purged_again,
        }
        with write_session(kiosk.engine) as session:
            audit.append(session, actor, "backup.restore", detail=detail)
    finally:
        kiosk.close()
