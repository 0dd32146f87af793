"""The scanner's output folder and the files a resident attaches to a dossier.

The scanner (or its driver) saves each scan as a file in one folder — setting
``scanner.folder``, by default ``scans`` in the data home. The dossier screen watches that
folder and offers the *recent* files (scans of earlier residents are not shown); a file chosen
for a paper is read and hashed here, off the GUI thread. Only PDF, JPEG and PNG up to 10 MB
are accepted (contract §7); the type is decided by the file's first bytes, not its name.

After the dossier is saved (the save path keeps an encrypted copy), :func:`remove_scans`
deletes the attached scans from the folder: scanned ID papers must not lie around in plain
files on a shared public PC.
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
    modified: float  # seconds since the epoch


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


def list_scans(
    folder: Path, *, now: float | None = None, recent_s: float = RECENT_S
) -> list[ScanFile]:
    """Recent, non-empty files of the folder (newest first); half-written temp files skipped."""
    cutoff = (now if now is not None else time.time()) - recent_s
    found: list[ScanFile] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith(_SKIP_SUFFIXES):
            continue
        try:
            stat = entry.stat()
        except OSError:
            continue
        if entry.is_file() and stat.st_size > 0 and stat.st_mtime >= cutoff:
            found.append(ScanFile(str(entry), entry.name, stat.st_size, stat.st_mtime))
    found.sort(key=lambda f: (-f.modified, f.name))
    return found


@dataclass(frozen=True, slots=True)
class FolderFiles:
    """The paper picker's listing: the newest paper files of ``folder`` and how many there are."""

    folder: str
    files: list[ScanFile]
    total: int


def list_papers(folder: Path, most: int = 50) -> FolderFiles:
    """The paper files directly in ``folder``, newest first (name order for equal times):
    regular files only (no folder, no link), not hidden, not half-written, not empty — what
    the paper picker offers, of any age (``most`` shown)."""
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
                found.append(ScanFile(entry.path, name, stat.st_size, stat.st_mtime))
    found.sort(key=lambda f: (-f.modified, f.name))
    return FolderFiles(str(folder), found[:most], len(found))


def read_scanner_folder(kiosk: Kiosk) -> FolderFiles:
    """The configured scanner folder (made if missing) and its paper files (on a worker)."""
    return list_papers(scanner_folder(kiosk))


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


def remove_old_scans(kiosk: Kiosk, now: datetime | None = None) -> int:
    """Delete scans left in the scanner folder for over :data:`KEEP_UNUSED_S` (a dossier
    given up before it was saved): scanned ID papers must not stay in plain files. Only scan
    files (PDF, JPEG, PNG) directly in the folder; the number deleted."""
    cutoff = (now or utcnow()).timestamp() - KEEP_UNUSED_S
    scans = [
        path
        for path in scanner_folder(kiosk).iterdir()
        if path.suffix.lower() in _SCAN_SUFFIXES and path.is_file()
    ]
    removed = remove_older(scans, cutoff)
    if removed:
        log.info("old scans deleted from the scanner folder: %d", removed)
    return removed
