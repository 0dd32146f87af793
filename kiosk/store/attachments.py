"""Scanned papers, stored content-addressed by the SHA-256 of their plaintext, encrypted.

File ``attachments/ab/abcdef…`` holds the AES-GCM sealed bytes (associated data: the hash).
Files are written durably (temp, fsync, rename) *before* the transaction that references them
commits; a file no row references (a crash in between) is collected by
:mod:`kiosk.services.stray_papers`.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path

from kiosk.fsutil import write_atomic
from kiosk.store.crypto import Cipher

log = logging.getLogger(__name__)
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # contract §7


class AttachmentTooLarge(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class StoredFile:
    sha256: str
    size: int
    mime: str
    created: bool = False  # this call wrote the file (it was not stored before)


def _aad(sha256: str) -> bytes:
    return f"attachment:{sha256}".encode("ascii")


class AttachmentStore:
    def __init__(self, root: Path, cipher: Cipher) -> None:
        self.root = root
        self._cipher = cipher

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes, mime: str | None = None, name: str = "") -> StoredFile:
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise AttachmentTooLarge(f"{len(data)} bytes > {MAX_ATTACHMENT_BYTES}")
        digest = hashlib.sha256(data).hexdigest()
        path = self.path_for(digest)
        created = not path.exists()
        if not created:  # brought again: recent now, so the stray-paper sweep leaves it be
            try:
                os.utime(path)
            except FileNotFoundError:  # deleted meanwhile: write it again
                created = True
            except OSError:  # read-only storage: the file is there, the save goes on
                log.warning("stored paper's time not refreshed")
        if created:
            write_atomic(path, self._cipher.seal(data, _aad(digest)))
        guessed = mime or mimetypes.guess_type(name)[0] or "application/octet-stream"
        return StoredFile(digest, len(data), guessed, created)

    def put_file(self, source: Path, mime: str | None = None) -> StoredFile:
        if source.stat().st_size > MAX_ATTACHMENT_BYTES:
            raise AttachmentTooLarge(source.name)
        return self.put(source.read_bytes(), mime, source.name)

    def get(self, sha256: str) -> bytes:
        data = self._cipher.open(self.path_for(sha256).read_bytes(), _aad(sha256))
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ValueError(f"attachment {sha256} does not match its hash")
        return data

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def delete(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)
