"""Durable file writes: temp file, fsync, atomic rename, fsync of the directory."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

# Windows refuses os.replace over a file another handle has open (a reader at that moment):
# PermissionError, which a short wait clears. Elsewhere a refusal is real: not retried.
_REPLACE_ATTEMPTS = 5 if sys.platform == "win32" else 1
_REPLACE_WAIT = 0.05


def fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dirs(directory: Path) -> None:
    """``mkdir -p`` that survives power loss: each directory it creates is fsynced into its
    parent (a new directory's entry lives in the parent, not in itself)."""
    missing = []
    here = directory
    while not here.exists() and here.parent != here:  # a missing drive's root: mkdir says so
        missing.append(here)
        here = here.parent
    directory.mkdir(parents=True, exist_ok=True)
    for created in reversed(missing):
        fsync_dir(created.parent)


def _temporary_affixes(path: Path) -> tuple[str, str]:
    """How :func:`write_atomic` names its temporary file for ``path``: prefix and suffix."""
    return f".{path.name}.", ".tmp"


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    make_dirs(path.parent)
    prefix, suffix = _temporary_affixes(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode)
        _replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _replace(tmp: Path, path: Path) -> None:
    for attempt in range(1, _REPLACE_ATTEMPTS + 1):
        try:
            tmp.replace(path)  # os.replace
            return
        except PermissionError:
            if attempt == _REPLACE_ATTEMPTS:
                raise
            time.sleep(_REPLACE_WAIT * attempt)


def remove_stale_temporaries(path: Path, older_than: float) -> None:
    """Delete temporary files of :func:`write_atomic` for ``path`` that an interrupted write
    left (a kill between the write and the rename), once older than ``older_than`` seconds:
    a younger one may be another process's write in progress."""
    prefix, suffix = _temporary_affixes(path)
    remove_older(path.parent.glob(f"{prefix}*{suffix}"), time.time() - older_than)


def remove_older(
    paths: Iterable[Path],
    cutoff: float,
    moment: Callable[[os.stat_result], float] = lambda stat: stat.st_mtime,
) -> int:
    """Delete each file or folder among ``paths`` whose ``moment`` (by default: last
    modified) is before ``cutoff`` (seconds since the epoch); the number deleted. One that is
    gone already, or cannot be deleted, is skipped: the caller's next sweep tries again."""
    removed = 0
    for path in paths:
        try:
            if moment(path.stat()) >= cutoff:
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
        except OSError:
            continue
    return removed
