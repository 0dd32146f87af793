"""Removable drives an export can be written to (the ward staff's USB stick).

Linux: the folders the desktop mounts sticks under, ``/media/$USER/*`` (Debian, Ubuntu) and
``/run/media/$USER/*`` (Fedora, openSUSE). Windows: every drive letter whose type is
``DRIVE_REMOVABLE`` (``GetDriveTypeW``). Nothing is mounted or formatted here; a drive that
cannot be written is listed with ``writable=False`` so that the screen can say why.

``roots`` (Linux-style folders to look in) and ``kernel32`` (a stand-in for the Windows API)
let tests point the detection at a temporary folder.
"""

from __future__ import annotations

import getpass
import os
import platform
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DRIVE_REMOVABLE = 2  # GetDriveTypeW


@dataclass(frozen=True, slots=True)
class Drive:
    path: Path
    label: str  # the volume's folder name (Linux) or "E:" (Windows)
    free_bytes: int | None
    writable: bool


def linux_roots(user: str | None = None) -> list[Path]:
    """Where desktops mount removable media for ``user`` (the current user by default)."""
    name = user or _user()
    return [Path("/media") / name, Path("/run/media") / name]


def removable_drives(
    roots: Sequence[Path] | None = None,
    *,
    system: str | None = None,
    kernel32: Any = None,
) -> list[Drive]:
    """The removable drives plugged in now, in name order."""
    if kernel32 is not None or (roots is None and (system or platform.system()) == "Windows"):
        return windows_drives(kernel32)
    return mounted_under(linux_roots() if roots is None else roots)


def mounted_under(roots: Sequence[Path]) -> list[Drive]:
    found: list[Drive] = []
    for root in roots:
        try:
            children = sorted(p for p in root.iterdir() if p.is_dir())
        except OSError:  # no such folder, or not ours to read
            continue
        found += [_drive(child, child.name) for child in children]
    return found


def windows_drives(kernel32: Any = None) -> list[Drive]:
    if kernel32 is None:
        import ctypes

        kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 (Windows only)
    mask = int(kernel32.GetLogicalDrives())
    found: list[Drive] = []
    for index in range(26):
        if not mask & (1 << index):
            continue
        letter = f"{chr(ord('A') + index)}:"
        if int(kernel32.GetDriveTypeW(f"{letter}\\")) == DRIVE_REMOVABLE:
            found.append(_drive(Path(f"{letter}\\"), letter))
    return found


def _drive(path: Path, label: str) -> Drive:
    try:
        free: int | None = shutil.disk_usage(path).free
    except OSError:  # a card reader with no card in it
        free = None
    return Drive(path, label, free, free is not None and os.access(path, os.W_OK))


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "")
