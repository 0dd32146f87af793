"""The scanner folder after a resident gives up a dossier: the files it attached go at once
(not a day later), only those and only as attached; and the next resident is not offered
what arrived before they began."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from kiosk.services import scans
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import read_session


def _entries(kiosk: Kiosk, action: str) -> list[tuple[str, dict[str, int]]]:
    with sqlite3.connect(kiosk.layout.database) as conn:
        rows = conn.execute(
            "SELECT actor, detail FROM audit_log WHERE action = ? ORDER BY seq", (action,)
        )
        return [(actor, json.loads(detail)) for actor, detail in rows]


def _pdf(path: Path, body: bytes = b"%PDF-1.4 CCCD front and back") -> Path:
    path.write_bytes(body)
    return path


def test_the_scans_a_dossier_given_up_attached_leave_the_scanner_folder(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    folder = scans.scanner_folder(kiosk)
    attached = scans.read_paper(_pdf(folder / "CCCD-Nguyen-Thi-Anh.pdf"), from_scanner=True)
    png = _pdf(folder / "anh.png", b"\x89PNG\r\n\x1a\n photo")
    photo = scans.read_paper(png, from_scanner=True)
    never_attached = _pdf(folder / "scan-0002.pdf")
    assert scans.remove_abandoned(kiosk, [attached, photo]) == 2
    assert not Path(attached.path).exists() and not Path(photo.path).exists()
    assert never_attached.exists()  # not this dossier's: the daily sweep's
    # audited like the sweeps: who, how many — never a name
    assert _entries(kiosk, "papers.remove_abandoned") == [("system", {"removed": 2, "changed": 0})]
    with read_session(kiosk.engine) as session:
        assert audit.verify(session).ok
    # gone already (the save on its way took them): nothing to do, nothing audited
    assert scans.remove_abandoned(kiosk, [attached]) == 0
    assert len(_entries(kiosk, "papers.remove_abandoned")) == 1


def test_only_what_was_attached_from_the_scanner_folder_goes(kiosk: Kiosk, tmp_path: Path) -> None:
    """A file elsewhere, one not from the scanner, a link, and a file that is no longer what
    was attached (a scanner that names every scan alike wrote the next person's over it)."""
    folder = scans.scanner_folder(kiosk)
    elsewhere = scans.read_paper(_pdf(tmp_path / "cccd.pdf"), from_scanner=True)
    not_scanned = scans.read_paper(_pdf(folder / "picked.pdf"))  # from_scanner=False
    target = _pdf(tmp_path / "private.pdf")
    link = folder / "link.pdf"
    link.symlink_to(target)
    linked = scans.read_paper(link, from_scanner=True)
    reused = folder / "scan.pdf"
    first = scans.read_paper(_pdf(reused, b"%PDF-1.4 resident A"), from_scanner=True)
    _pdf(reused, b"%PDF-1.4 resident B, a new scan")
    files = [elsewhere, not_scanned, linked, first]
    assert scans.remove_abandoned(kiosk, files) == 0
    for kept in (tmp_path / "cccd.pdf", folder / "picked.pdf", link, target, reused):
        assert kept.exists(), kept.name
    assert reused.read_bytes() == b"%PDF-1.4 resident B, a new scan"
    assert _entries(kiosk, "papers.remove_abandoned") == []  # nothing went


def test_the_next_resident_is_offered_only_what_arrived_since_they_began(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    earlier = _pdf(folder / "cccd-a.pdf")  # resident A's, minutes before the wipe
    time.sleep(0.05)
    began = time.time()  # the idle wipe: resident B from here
    time.sleep(0.05)
    later = _pdf(folder / "cccd-b.pdf")
    assert scans.arrived_at(earlier.stat()) < began <= scans.arrived_at(later.stat())
    now = time.time()

    # no wipe yet (since=0): the last 30 minutes, as before
    assert [f.name for f in scans.list_scans(folder, now=now)] == ["cccd-b.pdf", "cccd-a.pdf"]
    # a new resident since: what came before is not offered, however recent
    assert [f.name for f in scans.list_scans(folder, now=now, since=began)] == ["cccd-b.pdf"]
    listing = scans.list_papers(folder, recent_s=scans.RECENT_S, now=now, since=began)
    assert [f.name for f in listing.files] == ["cccd-b.pdf"]
    assert (listing.total, listing.older, listing.before_resident) == (1, 1, True)
    # half an hour on, the 30 minutes hide more than the wipe does: the usual words
    later_on = now + scans.RECENT_S + 60
    aged = scans.list_papers(folder, recent_s=scans.RECENT_S, now=later_on, since=began)
    assert (aged.total, aged.older, aged.before_resident) == (0, 2, False)
    # a volunteer at the screen sees the whole folder, the wipe or not
    everything = scans.list_papers(folder, recent_s=None, now=now, since=began)
    assert [f.name for f in everything.files] == ["cccd-b.pdf", "cccd-a.pdf"]
    assert everything.older == 0
