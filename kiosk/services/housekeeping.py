"""The daily chores the app and the sync daemon run: retention purge, the sweep of scanned
papers no record references (:mod:`kiosk.services.stray_papers`), of scans left in the
scanner folder and of what an interrupted backup or restore left, then a backup if due.

The purge and the sweep run first so that a backup made afterwards never holds data that was
due to go.
A failing chore is logged and tried again next time; it never stops its caller.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from kiosk.services import backup, retention, scans, stray_papers
from kiosk.services.context import Kiosk
from kiosk.store.db import write_session
from kiosk.store.models import Meta, utcnow

log = logging.getLogger(__name__)
EVERY_S = 3600.0  # how often a long-running process calls run_due


def run_due(kiosk: Kiosk, now: datetime | None = None) -> dict[str, Any]:
    done: dict[str, Any] = {}
    try:
        report = retention.purge_due(kiosk, now=now)
        done["purged"] = report.records
    except Exception as exc:
        log.exception("retention purge failed")
        _note(kiosk, "retention.last_error", type(exc).__name__)
    try:
        done["stray_papers"] = stray_papers.collect(kiosk, now=now).total
    except Exception:
        log.exception("stray-paper sweep failed")
    try:  # copies of personal data that nothing else would ever delete
        done["old_scans"] = scans.remove_old_scans(kiosk, now=now)
        done["interrupted"] = backup.remove_interrupted(kiosk, now=now)
    except Exception:
        log.exception("sweep of old scans and interrupted backups failed")
    try:
        made = backup.backup_if_due(kiosk, now=now)
        done["backup"] = made.path.name if made else None
        if made:
            _note(kiosk, "backup.last_error", "")
    except Exception as exc:
        log.exception("automatic backup failed")
        _note(kiosk, "backup.last_error", f"{(now or utcnow()).isoformat()} {type(exc).__name__}")
    return done


def _note(kiosk: Kiosk, key: str, value: str) -> None:
    try:
        with write_session(kiosk.engine) as session:
            session.merge(Meta(key=key, value=value))
    except Exception:
        log.exception("could not record %s", key)
