"""Backups of a data home: one ``.zip`` file each, made online, kept in a rotating set.

A backup holds ``kiosk.db`` (copied with SQLite's online backup API while the kiosk runs),
the scanned papers that copy references (``attachments/ab/<sha256>``, as stored: sealed) and
``manifest.json`` (format, app version, install id, schema revision, created time, counts per
record kind, outbox states and newest item, audit head, the SHA-256 of every member).

Personal data stays as it is at rest: sealed with the data key, which is NOT in the backup.
It lives in the OS keyring under ``kiosk-dvc`` / ``data-key:<install id>``; restoring on
another PC needs that keyring entry there first (docs/maintenance.md).

* :func:`create_backup` — into ``backups/`` (rotating: ``backup.keep`` newest) or a chosen
  folder (a USB stick: never rotated);
* :func:`backup_if_due` — what the app and the sync daemon call: a backup when the newest is
  older than ``backup.every_hours``;
* restoring is :mod:`kiosk.services.restore`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from filelock import FileLock

from kiosk import __version__
from kiosk.fsutil import fsync_dir, make_dirs, remove_older
from kiosk.services.context import Kiosk
from kiosk.services.purge import LEDGER
from kiosk.store import audit, crypto, migrate, secrets
from kiosk.store.db import write_session
from kiosk.store.models import RECORD_TABLES, utcnow

log = logging.getLogger(__name__)
FORMAT = 1
PREFIX = "kiosk-backup-"
SUFFIX = ".zip"
MANIFEST = "manifest.json"
DB_MEMBER = "kiosk.db"
LEDGER_MEMBER = LEDGER  # the purge ledger, as in the data home: ids only, no personal data
ATTACHMENTS = "attachments/"
STAMP = "%Y%m%dT%H%M%S%fZ"
SAFETY_COPIES = ("kiosk-before-upgrade-", "kiosk-before-restore-")
TABLES = RECORD_TABLES


class BackupError(RuntimeError):
    """A backup could not be made or read; the message is Vietnamese then English."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    manifest: dict[str, Any]
    seconds: float

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "size": self.size,
            "seconds": round(self.seconds, 3),
            "manifest": {k: v for k, v in self.manifest.items() if k != "members"},
        }


def key_note(install_id: str) -> str:
    return (
        f"Khóa dữ liệu nằm trong kho khóa của máy (dịch vụ {secrets.SERVICE}, tên "
        f"{crypto.key_name(install_id)}); khôi phục trên máy khác cần chép khóa này trước. "
        f"(The data key stays in this PC's keyring under {secrets.SERVICE} / "
        f"{crypto.key_name(install_id)}; a restore on another PC needs it there first.)"
    )


def create_backup(
    kiosk: Kiosk, target_dir: Path | None = None, actor: str = "system"
) -> BackupInfo:
    """A new backup file; rotated when made into the data home's ``backups/``."""
    started = time.perf_counter()
    rotating = target_dir is None
    folder = kiosk.layout.db_backups if target_dir is None else target_dir
    make_dirs(folder)  # a new folder (on a USB drive) must outlive a power cut with the file
    now = utcnow()
    path = _free_name(folder, now)
    with FileLock(str(kiosk.layout.root / "backup.lock")):
        snapshot = folder / f".{path.name}.db.tmp"
        try:
            migrate.copy_database(kiosk.layout.database, snapshot)
            manifest = _write_zip(kiosk, snapshot, path, now)
        finally:
            # reading the snapshot (a WAL database) leaves its -wal / -shm beside it
            for leftover in ("", "-wal", "-shm", "-journal"):
                snapshot.with_name(snapshot.name + leftover).unlink(missing_ok=True)
        if rotating:
            rotate(folder, kiosk.settings.get_int("backup.keep"))
    _audit(kiosk, actor, path, manifest, rotating)
    seconds = time.perf_counter() - started
    log.info("backup %s made in %.2f s", path.name, seconds)
    return BackupInfo(path, manifest, seconds)


def _free_name(folder: Path, now: datetime) -> Path:
    path = folder / f"{PREFIX}{now.strftime(STAMP)}{SUFFIX}"
    while path.exists():  # two in the same microsecond: move on by one
        now += timedelta(microseconds=1)
        path = folder / f"{PREFIX}{now.strftime(STAMP)}{SUFFIX}"
    return path


def _write_zip(kiosk: Kiosk, snapshot: Path, path: Path, now: datetime) -> dict[str, Any]:
    manifest = describe(snapshot, now, kiosk.install_id)
    manifest["kiosk_code"] = kiosk.settings.get_str("kiosk.code")
    members = {DB_MEMBER: _digest(snapshot.read_bytes())}
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as archive:
            archive.write(snapshot, DB_MEMBER, compress_type=zipfile.ZIP_DEFLATED)
            for sha in referenced_papers(snapshot):
                source = kiosk.attachments.path_for(sha)
                if not source.exists():
                    continue  # purged (its row says so) or lost: nothing to keep
                data = source.read_bytes()
                name = f"{ATTACHMENTS}{sha[:2]}/{sha}"
                archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)  # sealed
                members[name] = _digest(data)
            papers = [n for n in members if n.startswith(ATTACHMENTS)]
            manifest["attachments"] = {
                "count": len(papers),
                "bytes": sum(members[n]["size"] for n in papers),
            }
            # read after the snapshot: a purge writes its ledger line before its commit, so
            # every purge the snapshot holds is in it
            ledger = kiosk.layout.root / LEDGER_MEMBER
            if ledger.exists():
                data = ledger.read_bytes()
                archive.writestr(LEDGER_MEMBER, data, compress_type=zipfile.ZIP_DEFLATED)
                members[LEDGER_MEMBER] = _digest(data)
            manifest["members"] = members
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        _fsync(tmp)
        tmp.chmod(0o600)
        tmp.replace(path)
        fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return manifest


def _digest(data: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def referenced_papers(database: Path) -> list[str]:
    """The live papers a database file references; opened read-only (a missing file is an
    error, never a new empty database)."""
    uri = f"{database.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        rows = conn.execute("SELECT sha256 FROM attachments WHERE purged_at IS NULL").fetchall()
    return sorted(r[0] for r in rows)


def describe(database: Path, now: datetime, install_id: str) -> dict[str, Any]:
    """The manifest facts read from a database copy (no personal data)."""
    with closing(sqlite3.connect(database)) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        counts = {
            kind: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for kind, table in TABLES.items()
        }
        states = dict(conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
        newest = conn.execute(
            "SELECT seq, id, kind, state FROM outbox ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        head = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return {
        "format": FORMAT,
        "app": "kiosk-dvc",
        "version": __version__,
        "created_at": now.isoformat(),
        "install_id": install_id,
        "schema_revision": revision[0] if revision else None,
        "records": counts,
        "outbox": {
            "counts": states,
            "newest": dict(zip(("seq", "id", "kind", "state"), newest, strict=True))
            if newest
            else None,
        },
        "audit_head": {"seq": head[0], "hash": head[1]} if head else None,
        "key": {"service": secrets.SERVICE, "name": crypto.key_name(install_id)},
    }


def _audit(kiosk: Kiosk, actor: str, path: Path, manifest: dict[str, Any], rotating: bool) -> None:
    detail = {
        "file": path.name,
        "records": sum(manifest["records"].values()),
        "attachments": manifest["attachments"]["count"],
        "rotating": rotating,
    }
    with write_session(kiosk.engine) as session:
        audit.append(session, actor, "backup.create", detail=detail)


# --- the rotating set ------------------------------------------------------------------------


def backup_time(path: Path) -> datetime | None:
    """When a backup file was made, from its name (None for other files)."""
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    try:
        return datetime.strptime(name[len(PREFIX) : -len(SUFFIX)], STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def backups(folder: Path) -> list[tuple[datetime, Path]]:
    """The backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [(t, p) for p in folder.iterdir() if (t := backup_time(p)) is not None]
    return sorted(found, reverse=True)


def newest_backup(kiosk: Kiosk) -> tuple[datetime, Path] | None:
    found = backups(kiosk.layout.db_backups)
    return found[0] if found else None


def rotate(folder: Path, keep: int, now: datetime | None = None) -> list[Path]:
    """Delete all but the ``keep`` newest backups; safety copies made before an upgrade or a
    restore go once older than ``keep`` days — every one of them: a copy kept for ever would
    keep for ever the personal data a withdrawal or the retention purge has since removed
    (by then the upgraded database has run for ``keep`` days and the backups cover it)."""
    removed = [path for _, path in backups(folder)[keep:]]
    cutoff = (now or utcnow()) - timedelta(days=keep)
    for prefix in SAFETY_COPIES:
        copies = folder.glob(f"{prefix}*.db")
        removed += [p for p in copies if datetime.fromtimestamp(p.stat().st_mtime, UTC) < cutoff]
    for path in removed:
        path.unlink(missing_ok=True)
        log.info("old backup %s removed", path.name)
    return removed


_INTERRUPTED_AGE = timedelta(hours=1)  # no backup or restore runs this long


def remove_interrupted(kiosk: Kiosk, now: datetime | None = None) -> int:
    """Delete what a backup or a restore killed half-way left: a database snapshot or a zip
    being written in ``backups/``, a restore's scratch folder in the data home. They hold a
    copy of the data (sealed, but the purge and withdrawals must reach every copy). Only those
    over an hour old; the number deleted."""
    cutoff = ((now or utcnow()) - _INTERRUPTED_AGE).timestamp()
    with FileLock(str(kiosk.layout.root / "backup.lock")):
        left = [*kiosk.layout.db_backups.glob(f".{PREFIX}*.tmp")]
        left += kiosk.layout.root.glob(".restore-*")
        removed = remove_older(left, cutoff)
    if removed:
        log.info("interrupted backup/restore leftovers deleted: %d", removed)
    return removed


def backup_if_due(kiosk: Kiosk, now: datetime | None = None) -> BackupInfo | None:
    """A backup when the newest in ``backups/`` is older than ``backup.every_hours``."""
    newest = newest_backup(kiosk)
    every = timedelta(hours=kiosk.settings.get_int("backup.every_hours"))
    if newest is not None and (now or utcnow()) - newest[0] < every:
        return None
    return create_backup(kiosk, actor="system")


# --- reading a backup file -----------------------------------------------------------------


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BackupError(
            f"Tệp sao lưu hỏng hoặc không đúng định dạng: {path.name} "
            f"(not a readable kiosk backup: {type(exc).__name__})"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"Định dạng sao lưu không hỗ trợ (unsupported backup format): {path}")
    return manifest


def ledger_of(path: Path, install_id: str) -> str:
    """The purge ledger a backup file holds ("" if none, if the file is not a readable backup
    or if it is another installation's)."""
    try:
        manifest = read_manifest(path)
        if manifest.get("install_id") != install_id or LEDGER_MEMBER not in manifest["members"]:
            return ""
        with zipfile.ZipFile(path) as archive:
            data = member(archive, manifest, LEDGER_MEMBER)
    except (BackupError, OSError, zipfile.BadZipFile):
        log.warning("purge ledger of %s unreadable or altered; skipped", path.name)
        return ""
    return data.decode("utf-8", errors="replace")


def members(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> Iterator[tuple[str, bytes]]:
    """Every member listed in the manifest, its SHA-256 checked (BackupError if altered)."""
    for name in manifest["members"]:
        yield name, member(archive, manifest, name)


def member(archive: zipfile.ZipFile, manifest: dict[str, Any], name: str) -> bytes:
    """One member listed in the manifest, its SHA-256 checked (BackupError if altered)."""
    try:
        data = archive.read(name)
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"Tệp sao lưu thiếu {name} (member missing or damaged)") from exc
    if hashlib.sha256(data).hexdigest() != manifest["members"][name]["sha256"]:
        raise BackupError(f"Tệp sao lưu bị sửa đổi: {name} (member altered)")
    return data
