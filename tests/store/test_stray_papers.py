"""Scanned papers no record references never stay: a refused save's clean-up, a paper that
fails after others were stored, and the sweep of what a crash or a failed delete left."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.domain.errors import ValidationError
from kiosk.domain.samples import sample_payload
from kiosk.services import backup, housekeeping, records, stray_papers
from kiosk.services.context import Kiosk
from kiosk.store.attachments import MAX_ATTACHMENT_BYTES
from kiosk.store.models import utcnow
from tests.domain.invalid_cases import NOW


def _later() -> datetime:
    """A sweep some time after now (now: when the test runs, not when it was collected)."""
    return utcnow() + stray_papers.GRACE + timedelta(minutes=1)


def _files(kiosk: Kiosk) -> set[str]:
    return {p.name for p in kiosk.layout.attachments.rglob("*") if p.is_file()}


def _dossier(papers: list[Path], seed: int = 4) -> dict[str, Any]:
    payload = sample_payload("dossier", random.Random(seed), NOW)
    payload["TaiLieuNop"] = [
        {"path": str(p), "MaThanhPhanHoSo": f"TP{i}"} for i, p in enumerate(papers, 1)
    ]
    return payload


def _scan(tmp_path: Path, name: str, body: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(body)
    return path


def _sha(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _age(kiosk: Kiosk, name: str, hours: float = 2) -> None:
    path = next(p for p in kiosk.layout.attachments.rglob(name))
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def _audit_actions(kiosk: Kiosk) -> list[str]:
    with sqlite3.connect(kiosk.layout.database) as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def test_a_refused_save_is_still_refused_when_deleting_its_scan_fails(
    kiosk: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The volunteer sees the field message, not a disk error; the scan left behind goes with
    the next sweep. (Fault injected: the disk refuses the delete — as root, permissions can't.)"""
    body = b"%PDF-1.4 scan of a refused dossier"
    dossier = _dossier([_scan(tmp_path, "giay.pdf", body)])
    dossier["MaDoiTuong"] = "999999999999"  # no such province: refused

    def disk_refuses(_sha256: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(kiosk.attachments, "delete", disk_refuses)
    with pytest.raises(ValidationError) as refused:
        records.save_record(kiosk, "dossier", dossier, "TNV01", now=NOW)
    assert refused.value.errors[0].field == "payload.MaDoiTuong"
    assert _files(kiosk) == {_sha(body)}  # left behind
    monkeypatch.undo()

    assert stray_papers.collect(kiosk, now=utcnow()).total == 0  # too young: maybe in a save
    report = stray_papers.collect(kiosk, now=_later())
    assert (report.stored, report.temporary) == (1, 0)
    assert _files(kiosk) == set()
    assert _audit_actions(kiosk)[-1] == "papers.collect_stray"


def test_a_paper_refused_after_others_were_stored_leaves_none_of_them(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    first = _scan(tmp_path, "cccd.png", b"\x89PNG the first paper")
    too_big = _scan(tmp_path, "big.pdf", b"%PDF" + b"0" * MAX_ATTACHMENT_BYTES)
    with pytest.raises(ValidationError) as refused:
        records.save_record(kiosk, "dossier", _dossier([first, too_big]), "TNV01", now=NOW)
    assert refused.value.errors[0].code == "too_large"
    assert _files(kiosk) == set()


def test_the_sweep_deletes_only_old_scans_no_live_record_references(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    kept_body, stray_body, young_body = b"%PDF kept", b"%PDF crash before commit", b"%PDF new"
    saved = records.save_record(
        kiosk, "dossier", _dossier([_scan(tmp_path, "a.pdf", kept_body)]), "TNV01", now=NOW
    )
    assert saved.id
    kiosk.attachments.put(stray_body, "application/pdf")  # stored, then the power went
    kiosk.attachments.put(young_body, "application/pdf")  # a save storing its scan right now
    folder = kiosk.layout.attachments / "ab"
    folder.mkdir(exist_ok=True)
    temporary = folder / f".{'ab' + '0' * 62}.x1y2z3.tmp"  # an interrupted write_atomic
    temporary.write_bytes(b"half a sealed scan")
    unrelated = folder / "README.txt"
    unrelated.write_text("not ours")
    for name in (_sha(kept_body), _sha(stray_body), temporary.name, unrelated.name):
        _age(kiosk, name)

    report = stray_papers.collect(kiosk, now=_later() - timedelta(hours=1))
    assert (report.stored, report.temporary) == (1, 1)
    assert _files(kiosk) == {_sha(kept_body), _sha(young_body), "README.txt"}
    assert kiosk.attachments.get(_sha(kept_body)) == kept_body
    assert stray_papers.collect(kiosk, now=_later() - timedelta(hours=1)).total == 0
    assert _audit_actions(kiosk).count("papers.collect_stray") == 1


def test_a_scan_brought_again_is_recent_again_and_survives_the_sweep(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    """A stray scan (its save crashed) that the volunteer brings again is in use again: storing
    it refreshes its time, so the sweep between the store and the COMMIT leaves it be."""
    body = b"%PDF the same scan, brought again"
    kiosk.attachments.put(body, "application/pdf")
    _age(kiosk, _sha(body))
    again = kiosk.attachments.put(body, "application/pdf")
    assert not again.created
    assert stray_papers.collect(kiosk, now=utcnow()).total == 0
    assert _files(kiosk) == {_sha(body)}


def test_housekeeping_runs_the_sweep(kiosk: Kiosk) -> None:
    body = b"%PDF left by a crash"
    kiosk.attachments.put(body, "application/pdf")
    _age(kiosk, _sha(body))
    done = housekeeping.run_due(kiosk, now=utcnow())
    assert done["stray_papers"] == 1 and _files(kiosk) == set()


def test_papers_of_a_database_set_aside_stay_while_it_is_kept(kiosk: Kiosk, tmp_path: Path) -> None:
    """A restore sets the current database aside (``backups/kiosk-before-restore-*.db``): the
    scans only it references stay, so going back to it finds them; an unreadable set-aside
    copy keeps every stored scan (whose they are is not known)."""
    body = b"%PDF only the set-aside database has this"
    records.save_record(
        kiosk, "dossier", _dossier([_scan(tmp_path, "a.pdf", body)]), "TNV01", now=NOW
    )
    aside = kiosk.layout.db_backups / "kiosk-before-restore-20261122T080000000000Z.db"
    with sqlite3.connect(kiosk.layout.database) as live, sqlite3.connect(aside) as copy:
        live.backup(copy)
    with sqlite3.connect(kiosk.layout.database) as live:  # as if the restored database lacked it
        live.execute("PRAGMA foreign_keys = OFF")
        live.execute("DELETE FROM dossier_attachments")
        live.execute("DELETE FROM attachments")
    _age(kiosk, _sha(body))
    assert stray_papers.collect(kiosk, now=utcnow()).total == 0
    assert _files(kiosk) == {_sha(body)}

    aside.write_bytes(b"not a database at all, " * 100)
    assert stray_papers.collect(kiosk, now=utcnow()).total == 0
    keep_days = kiosk.settings.get_int("backup.keep")
    expired = time.time() - (keep_days + 1) * 86400  # set aside longer ago than it is kept
    os.utime(aside, (expired, expired))
    assert stray_papers.collect(kiosk, now=utcnow()).stored == 1
    assert _files(kiosk) == set()


def test_reading_a_set_aside_database_never_makes_one(tmp_path: Path) -> None:
    """Read-only: a copy rotated away between the listing and the read is not made again
    (an empty file there would count as an unreadable copy, stopping the sweep)."""
    gone = tmp_path / "kiosk-before-restore-20261122T080000000000Z.db"
    with pytest.raises(sqlite3.OperationalError):
        backup.referenced_papers(gone)
    assert not gone.exists()


def test_a_scan_stored_again_after_the_sweep_listed_it_is_not_deleted(
    kiosk: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sweep lists old files, then a save stores the same scan (its time refreshed) before
    the sweep's delete: the delete looks at the time again under the write lock and keeps it,
    and the save goes through."""
    body = b"%PDF stray, then brought again"
    scan = _scan(tmp_path, "again.pdf", body)
    kiosk.attachments.put(body, "application/pdf")
    _age(kiosk, _sha(body))
    listed = stray_papers._old_files

    def listed_then_brought_again(root: Path, cutoff: float) -> list[Path]:
        found = listed(root, cutoff)
        kiosk.attachments.put(body, "application/pdf")  # a save storing its scan, meanwhile
        return found

    monkeypatch.setattr(stray_papers, "_old_files", listed_then_brought_again)
    assert stray_papers.collect(kiosk, now=utcnow()).total == 0
    saved = records.save_record(kiosk, "dossier", _dossier([scan]), "TNV01", now=NOW)
    assert saved.id and _files(kiosk) == {_sha(body)}


def test_a_scan_whose_time_cannot_be_refreshed_is_still_stored(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read-only storage (fault injected: as root the OS would not refuse): bringing a scan
    already stored still works; only its time stays old."""
    body = b"%PDF on read-only storage"
    kiosk.attachments.put(body, "application/pdf")

    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "utime", refused)
    again = kiosk.attachments.put(body, "application/pdf")
    assert not again.created and again.sha256 == _sha(body)


def test_housekeeping_deletes_old_scans_and_interrupted_backups(kiosk: Kiosk) -> None:
    """Scans of a dossier given up stay in the scanner folder as plain files, and a backup or
    restore killed half-way leaves a copy of the database: a day (an hour) later they go; fresh
    ones, and files that are not scans, stay."""
    from kiosk.services import scans

    folder = scans.scanner_folder(kiosk)
    day_old = time.time() - scans.KEEP_UNUSED_S - 60
    copied, fresh_scan, note = folder / "cccd.pdf", folder / "new.JPG", folder / "doc.txt"
    for path in (copied, fresh_scan, note):
        path.write_bytes(b"%PDF-1.4 scan")
    os.utime(copied, (day_old, day_old))  # copied in just now with yesterday's date kept
    os.utime(note, (day_old, day_old))
    backups = kiosk.layout.db_backups
    backups.mkdir(parents=True, exist_ok=True)
    snapshot = backups / f".{backup.PREFIX}20261122-010203-000000.zip.db.tmp"
    snapshot.write_bytes(b"SQLite format 3\x00")
    scratch = kiosk.layout.root / ".restore-abc123"
    (scratch / "inner").mkdir(parents=True)
    running = backups / f".{backup.PREFIX}20261122-230000-000000.zip.tmp"
    running.write_bytes(b"PK")
    hour_old = time.time() - 2 * 3600
    for path in (snapshot, scratch):
        os.utime(path, (hour_old, hour_old))
    done = housekeeping.run_due(kiosk, now=utcnow())
    assert (done["old_scans"], done["interrupted"]) == (0, 2)
    assert copied.exists() and fresh_scan.exists() and note.exists()  # it arrived just now
    assert not snapshot.exists() and not scratch.exists() and running.exists()
    a_day_on = utcnow() + timedelta(seconds=scans.KEEP_UNUSED_S + 60)
    assert housekeeping.run_due(kiosk, now=a_day_on)["old_scans"] == 2
    assert not copied.exists() and not fresh_scan.exists() and note.exists()
