"""Scanned papers that no record references: found and deleted.

A scan is stored (encrypted, :mod:`kiosk.store.attachments`) *before* the save that references
it commits. A crash or a power cut in between, or a refused save whose clean-up failed, leaves a
file that no row references; a crash inside ``write_atomic`` leaves its half-written temporary
file. Encrypted or not, these are citizens' papers that no retention rule would ever reach.

:func:`collect` deletes them once they are older than :data:`GRACE` (no save takes that long
between storing its scans and its COMMIT; storing a scan that is already there refreshes its
time, and the sweep looks at the time again under the write lock, just before it deletes). The
stored files go through :func:`kiosk.services.records.delete_unreferenced_papers` — the writer,
under the write lock — so a save of the same file at that moment is kept, or refused with
``missing_file``, never saved pointing at a deleted file. Papers that a database set aside by a
restore or an upgrade (``backups/kiosk-before-*.db``) references stay for ``backup.keep`` days,
the time such a copy is meant to be kept. Housekeeping runs it.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.services import backup
from kiosk.services.context import Kiosk
from kiosk.services.records import delete_unreferenced_papers
from kiosk.store import audit
from kiosk.store.db import write_session
from kiosk.store.models import utcnow

log = logging.getLogger(__name__)
GRACE = timedelta(hours=1)
_STORED = re.compile(r"[0-9a-f]{64}")
_TEMPORARY = re.compile(r"\.[0-9a-f]{64}\..+\.tmp")  # write_atomic's, named after its target


@dataclass(frozen=True, slots=True)
class StrayReport:
    stored: int  # stored scans that no live record referenced
    temporary: int  # temporary files left by an interrupted write

    @property
    def total(self) -> int:
        return self.stored + self.temporary


def collect(kiosk: Kiosk, actor: str = "system", now: datetime | None = None) -> StrayReport:
    """Delete the scans no live record references and the temporary files left behind, both
    older than :data:`GRACE`; one audit entry ``papers.collect_stray`` when anything went."""
    now = now or utcnow()
    cutoff = (now - GRACE).timestamp()
    stored: list[str] = []
    temporary: list[Path] = []
    for path in _old_files(kiosk.attachments.root, cutoff):
        if _STORED.fullmatch(path.name) and path.parent.name == path.name[:2]:
            stored.append(path.name)
        elif _TEMPORARY.fullmatch(path.name):
            temporary.append(path)
    if stored:
        keep_days = kiosk.settings.get_int("backup.keep")
        kept = _kept_by_safety_copies(kiosk.layout.db_backups, now, keep_days)
        stored = [] if kept is None else [sha for sha in stored if sha not in kept]
    deleted = delete_unreferenced_papers(kiosk, stored, older_than=cutoff)
    for path in temporary:
        path.unlink(missing_ok=True)
    report = StrayReport(deleted, len(temporary))
    if report.total:
        log.info("stray papers deleted: %d stored, %d temporary", deleted, len(temporary))
        with write_session(kiosk.engine) as session:
            detail = {"stored": report.stored, "temporary": report.temporary}
            audit.append(session, actor, "papers.collect_stray", detail=detail)
    return report


def _kept_by_safety_copies(folder: Path, now: datetime, keep_days: int) -> set[str] | None:
    """Papers the databases set aside by a restore or an upgrade (``backups/kiosk-before-*``)
    in the last ``keep_days`` days (``backup.keep``: how long such a copy is meant to be
    kept) reference: going back to one finds its papers. None when one of them cannot be read
    (whose papers are in it is not known: none go until it is older than ``keep_days``)."""
    since = (now - timedelta(days=keep_days)).timestamp()
    kept: set[str] = set()
    for prefix in backup.SAFETY_COPIES:
        for copy in sorted(folder.glob(f"{prefix}*.db")):
            try:
                if copy.stat().st_mtime < since:
                    continue
                kept.update(backup.referenced_papers(copy))
            except FileNotFoundError:  # rotated away meanwhile
                continue
            except sqlite3.DatabaseError:
                log.warning("set-aside database %s unreadable: stored papers kept", copy.name)
                return None
    return kept


def _old_files(root: Path, cutoff: float) -> list[Path]:
    """Files two levels down (``ab/abcdef…``) last changed before ``cutoff``."""
    found: list[Path] = []
    if not root.is_dir():
        return found
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    found.append(path)
            except FileNotFoundError:  # deleted meanwhile
                continue
    return found
