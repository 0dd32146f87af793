"""Finding the USB sticks an export can go to: folders under the mount roots (Linux), and
removable drive letters through the Windows API (a stand-in for kernel32 here)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.services import drives


def test_sticks_under_the_mount_roots(tmp_path: Path) -> None:
    media, run_media = tmp_path / "media" / "kiosk", tmp_path / "run" / "media" / "kiosk"
    for stick in (media / "KINGSTON", media / "SANDISK 16GB", run_media / "B2E1-0F3A"):
        stick.mkdir(parents=True)
    (media / "not-a-stick.txt").write_text("x")
    found = drives.removable_drives([media, run_media, tmp_path / "missing"])
    assert [(d.label, d.path) for d in found] == [
        ("KINGSTON", media / "KINGSTON"),
        ("SANDISK 16GB", media / "SANDISK 16GB"),
        ("B2E1-0F3A", run_media / "B2E1-0F3A"),
    ]
    assert all(d.writable and d.free_bytes and d.free_bytes > 0 for d in found)
    assert drives.removable_drives([tmp_path / "nothing-mounted"]) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_stick_is_listed_as_not_writable(tmp_path: Path) -> None:
    locked = tmp_path / "media" / "LOCKED"
    locked.mkdir(parents=True)
    locked.chmod(0o555)
    try:
        (found,) = drives.removable_drives([locked.parent])
        assert not found.writable
    finally:
        locked.chmod(0o755)


def test_linux_roots_are_the_users_media_folders() -> None:
    assert drives.linux_roots("kiosk") == [Path("/media/kiosk"), Path("/run/media/kiosk")]


TYPES = {"C:\\": 3, "D:\\": 5, "E:\\": 2, "G:\\": 2}  # fixed, CD-ROM, removable, removable


class FakeKernel32:
    """The two calls of the Windows API that the detection makes."""

    def GetLogicalDrives(self) -> int:
        return sum(1 << (ord(root[0]) - ord("A")) for root in TYPES)

    def GetDriveTypeW(self, root: str) -> int:
        return TYPES[root]


def test_windows_removable_letters() -> None:
    found = drives.removable_drives(kernel32=FakeKernel32())
    assert [d.label for d in found] == ["E:", "G:"]
    assert [str(d.path) for d in found] == ["E:\\", "G:\\"]
    assert not any(d.writable for d in found)  # not this machine's drives: unreadable here
