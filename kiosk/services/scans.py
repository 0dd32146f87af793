"""The scanner's output folder and the files a resident attaches to a dossier.

The scanner (or its driver) saves each scan as a file in one folder — setting
``scanner.folder``, by default ``scans`` in the data home. The dossier screen watches that
folder and offers the files that *arrived* (:func:`arrived_at`) in the last 30 minutes and
since the current resident began (``since``: the screen's last idle wipe): scans of earlier
residents are not shown. The paper picker ("Chọn tệp") shows the same to a resident alone,
and the whole folder once a volunteer is logged in. A file chosen for a paper is read and
hashed here, off the GUI thread. Only PDF, JPEG and PNG up to 10 MB are accepted (contract
§7); the type is decided by the file's first bytes, not its name.

After the dossier is saved (the save path keeps an encrypted copy), :func:`remove_scans`
deletes the attached files from the folder, picked or scanned: scanned ID papers must not
lie around in plain files on a shared public PC. A dossier given up before it was saved (idle
wipe, home, a crash of the screen) has its attached files deleted by
:func:`remove_abandoned`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.domain.payloads import MAX_FILE_BYTES
from kiosk.fsutil import remove_older
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import write_session
from kiosk.store.models import utcnow

log = logging.getLogger(__name__)
RECENT_S = 30 * 60  # scans older than this belong to someone else: not offered
# scans never attached (a dossier given up) are deleted once this old: a day's residents
KEEP_UNUSED_S = 24 * 3600
_SCAN_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png")  # what a paper can be; nothing else touched
_SKIP_SUFFIXES = (".part", ".tmp", ".crdownload", "~")


@dataclass(frozen=True, slots=True)
class ScanFile:
    """A file in the scanner folder, as listed (not read yet)."""

    path: str
    name: str
    size: int
    arrived: float  # seconds since the epoch: see arrived_at


@dataclass(frozen=True, slots=True)
class PaperFile:
    """A file read for a dossier paper: what ``TaiLieuNop`` needs, and where it came from."""

    path: str
    name: str
    sha256: str
    size: int
    mime: str
    from_scanner: bool = False


class PaperFileError(ValueError):
    """The file cannot be attached; ``message`` (Vietnamese) / ``message_en`` say why."""

    def __init__(self, code: str, message: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message = message
        self.message_en = message_en


def scanner_folder(kiosk: Kiosk) -> Path:
    """The folder the scanner writes to (created if missing)."""
    configured = kiosk.settings.get_str("scanner.folder").strip()
    folder = Path(configured).expanduser() if configured else kiosk.layout.root / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sniff_mime(head: bytes) -> str | None:
    """PDF, JPEG or PNG by the first bytes; None for anything else."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def arrived_at(stat: os.stat_result) -> float:
    """When a file came into the folder: the latest of its modification time and its status
    change time (Linux: a copy, a rename) or creation time (Windows, and ``st_birthtime``
    where there is one). A photo copied in from a phone or a USB stick keeps its old
    modification time; by that alone it would look like an earlier resident's scan, hidden
    from the next one and deleted by the next sweep while it is being chosen."""
    times = (stat.st_mtime, stat.st_ctime, getattr(stat, "st_birthtime", 0.0))
    return max(times)


def _paper_files(folder: Path) -> list[ScanFile]:
    """The paper files directly in ``folder``, newest arrival first (name order for equal
    times): regular files only (no folder, no link followed), PDF/JPG/PNG by name, not
    hidden, not half-written, not empty."""
    found: list[ScanFile] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.endswith(_SKIP_SUFFIXES):
                continue
            if not name.lower().endswith(_SCAN_SUFFIXES):
                continue
            try:
                if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
                    continue
                stat = entry.stat(follow_symlinks=False)
            except OSError:  # gone meanwhile (the scanner renames its temporary file)
                continue
            if stat.st_size > 0:
                found.append(ScanFile(entry.path, name, stat.st_size, arrived_at(stat)))
    found.sort(key=lambda f: (-f.arrived, f.name))
    return found


def _cutoff(seconds: float, now: float | None, since: float) -> float:
    """The earliest arrival still offered: ``seconds`` ago, or ``since`` if later."""
    return max((now if now is not None else time.time()) - seconds, since)


def _arrived_since(files: list[ScanFile], cutoff: float) -> list[ScanFile]:
    return [f for f in files if f.arrived >= cutoff]


def list_scans(
    folder: Path, *, now: float | None = None, recent_s: float = RECENT_S, since: float = 0.0
) -> list[ScanFile]:
    """The paper files that arrived in the last ``recent_s`` seconds and not before ``since``
    (seconds since the epoch: when the current resident began), newest first: the scanner
    list of the papers step. Empty when the folder cannot be read."""
    try:
        return _arrived_since(_paper_files(folder), _cutoff(recent_s, now, since))
    except OSError:
        return []


@dataclass(frozen=True, slots=True)
class FolderFiles:
    """The paper picker's listing: the newest paper files of ``folder`` (at most ``most``),
    how many it may show in all (``total``), and how many it hides for their age
    (``older``: a resident alone is not shown an earlier resident's scans) — all of them
    because they arrived before the current resident began (``before_resident``), or some
    only for being older than :data:`RECENT_S`."""

    folder: str
    files: list[ScanFile]
    total: int
    older: int = 0
    before_resident: bool = False


def list_papers(
    folder: Path,
    most: int = 50,
    *,
    recent_s: float | None = None,
    now: float | None = None,
    since: float = 0.0,
) -> FolderFiles:
    """What the paper picker offers: the paper files of ``folder``, of any age
    (``recent_s=None``, a volunteer at the screen) or only those that arrived in the last
    ``recent_s`` seconds and not before ``since`` (a resident alone; ``since``: when they
    began). OSError when the folder cannot be read."""
    found = _paper_files(folder)
    if recent_s is None:
        return FolderFiles(str(folder), found[:most], len(found))
    cutoff = _cutoff(recent_s, now, since)
    shown = _arrived_since(found, cutoff)
    hidden = len(found) - len(shown)
    return FolderFiles(str(folder), shown[:most], len(shown), hidden, cutoff == since)


def read_scanner_folder(
    kiosk: Kiosk, *, everything: bool = False, now: float | None = None, since: float = 0.0
) -> FolderFiles:
    """The configured scanner folder (made if missing) and its paper files, for the picker
    (on a worker): all of them with ``everything`` (a volunteer is logged in), else the recent
    ones only (:data:`RECENT_S`, as the scanner list), none that arrived before ``since``
    (when the current resident began)."""
    folder = scanner_folder(kiosk)
    return list_papers(folder, recent_s=None if everything else RECENT_S, now=now, since=since)


def read_paper(path: str | Path, *, from_scanner: bool = False) -> PaperFile:
    """Read, type-check and hash one file (a worker calls this, never the GUI thread)."""
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PaperFileError(
                "too_large",
                "Tệp lớn hơn 10 MB. Hãy quét lại với độ phân giải thấp hơn.",
                "The file is larger than 10 MB. Scan again at a lower resolution.",
            )
        data = source.read_bytes()
    except OSError:
        raise PaperFileError(
            "unreadable",
            "Không đọc được tệp này. Hãy quét lại hoặc chọn tệp khác.",
            "This file cannot be read. Scan again or choose another file.",
        ) from None
    if not data:
        raise PaperFileError("empty", "Tệp này trống.", "This file is empty.")
    mime = sniff_mime(data[:16])
    if mime is None:
        raise PaperFileError(
            "wrong_type",
            "Chỉ nhận tệp PDF hoặc ảnh JPG, PNG.",
            "Only PDF files or JPG, PNG pictures are accepted.",
        )
    digest = hashlib.sha256(data).hexdigest()
    return PaperFile(str(source), source.name, digest, len(data), mime, from_scanner)


def remove_scans(paths: Iterable[str]) -> int:
    """Delete attached scans from the scanner folder once saved; the number removed."""
    removed = 0
    for path in paths:
        try:
            Path(path).unlink()
            removed += 1
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("could not remove a saved scan: %s", type(exc).__name__)
    return removed


def remove_abandoned(kiosk: Kiosk, files: Iterable[PaperFile], actor: str = "system") -> int:
    """Delete from the scanner folder the files attached to a dossier given up before it was
    saved (the idle wipe, "go home", a crash of the screen): the resident is gone, their
    scanned ID papers must not wait a day in plain files for :func:`remove_old_scans`. Only a
    file directly in the scanner folder, not a link, and still what was attached (same size
    and SHA-256: a scanner that names every scan alike may have written the next person's
    paper there since) — anything else stays. One audit entry ``papers.remove_abandoned``
    (counts only, never a name) when any went; the number deleted."""
    folder = scanner_folder(kiosk).resolve()
    removed = changed = 0
    for file in files:
        if not file.from_scanner:
            continue
        path = Path(file.path)
        try:
            if path.parent.resolve() != folder or path.is_symlink() or not path.is_file():
                continue
            if path.stat().st_size != file.size or _sha256(path) != file.sha256:
                changed += 1
                continue
            path.unlink()
            removed += 1
        except FileNotFoundError:  # gone already: the save that was on its way removed it
            continue
        except OSError as exc:
            log.warning("could not remove a scan of an abandoned dossier: %s", type(exc).__name__)
    if removed:
        log.info("scans of an abandoned dossier deleted from the scanner folder: %d", removed)
        with write_session(kiosk.engine) as session:
            detail = {"removed": removed, "changed": changed}
            audit.append(session, actor, "papers.remove_abandoned", detail=detail)
    return removed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _scan_files(folder: Path) -> list[Path]:
    """Scan files (PDF, JPEG, PNG) directly in ``folder``: regular files, no link followed."""
    return [
        path
        for path in folder.iterdir()
        if path.suffix.lower() in _SCAN_SUFFIXES and path.is_file() and not path.is_symlink()
    ]


def remove_old_scans(kiosk: Kiosk, now: datetime | None = None) -> int:
    """Delete scans left in the scanner folder for over :data:`KEEP_UNUSED_S` (a dossier
    given up before it was saved): scanned ID papers must not stay in plain files. Only scan
    files (PDF, JPEG, PNG) directly in the folder; the number deleted."""
    cutoff = (now or utcnow()).timestamp() - KEEP_UNUSED_S
    # by arrival: a photo copied in with last year's date is a fresh paper
    removed = remove_older(_scan_files(scanner_folder(kiosk)), cutoff, arrived_at)
    if removed:
        log.info("old scans deleted from the scanner folder: %d", removed)
    return removed
