"""Durable file writes: what a power cut can lose is only what was never reported written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk import fsutil


def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.bin"
    fsutil.write_atomic(target, b"first")
    fsutil.write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["file.bin"]
    if os.name != "nt":
        assert target.stat().st_mode & 0o777 == 0o600


def test_new_directories_are_synced_into_their_parents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(fsutil, "fsync_dir", synced.append)
    fsutil.write_atomic(tmp_path / "attachments" / "ab" / "abcdef", b"sealed")
    # the two new directories' entries (in tmp_path, then in attachments/), then the file's
    assert synced == [tmp_path, tmp_path / "attachments", tmp_path / "attachments" / "ab"]
    synced.clear()
    fsutil.write_atomic(tmp_path / "attachments" / "ab" / "abcdef0", b"sealed")
    assert synced == [tmp_path / "attachments" / "ab"]  # nothing new above it


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "settings.toml"
    fsutil.write_atomic(target, b"old")

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", broken)
    with pytest.raises(OSError):
        fsutil.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]
