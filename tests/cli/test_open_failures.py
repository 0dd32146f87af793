"""A data home that cannot be opened is told in Vietnamese (then English), never as a Python
traceback, and the failure is in the log."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_cli


def _said_plainly(result_stderr: str) -> None:
    assert "Traceback" not in result_stderr
    assert result_stderr.startswith("Lỗi (Error): ")  # one line, Vietnamese first


def test_a_damaged_database_is_told_plainly_and_logged(home: Path) -> None:
    (home / "kiosk.db").write_bytes(os.urandom(8192))
    for suffix in ("-wal", "-shm"):
        (home / f"kiosk.db{suffix}").unlink(missing_ok=True)
    result = run_cli("queue")
    assert result.returncode == 1
    _said_plainly(result.stderr)
    assert "Không mở được dữ liệu của kiosk" in result.stderr and "kiosk doctor" in result.stderr
    assert "cannot open the data home" in (home / "logs" / "kiosk.log").read_text()


def test_a_damaged_keyring_file_is_told_plainly(home: Path) -> None:
    keyring_file = Path(os.environ["KIOSK_KEYRING"].removeprefix("file:"))
    text = keyring_file.read_text()
    keyring_file.write_text(text.replace("=", "=!!not base64!!", 1))
    result = run_cli("queue")
    assert result.returncode == 1
    _said_plainly(result.stderr)


def test_a_home_that_cannot_be_made_is_told_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("KIOSK_HOME", str(blocker / "sub"))
    result = run_cli("demo", "seed", "--dossiers", "1")  # a command that sets a kiosk up
    assert result.returncode == 1
    _said_plainly(result.stderr)
    assert "Không tạo hoặc mở được thư mục dữ liệu" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("queue",),
        ("stats", "--from", "2026-11-23"),
        ("lookup", "NT01-261123-0001"),
        ("sync", "--once"),
        ("backup",),
        ("purge", "--dry-run"),
        ("users", "list"),
        ("audit", "verify"),
    ],
)
def test_a_mistyped_home_is_refused_and_nothing_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """``--home /srv/kiosk-typo queue`` answered "pending: 0" from an empty kiosk it made."""
    typo = tmp_path / "kiosk-typo"
    monkeypatch.setenv("KIOSK_HOME", str(typo))
    result = run_cli(*command)
    assert result.returncode == 2, result.stderr
    assert "Không có dữ liệu kiosk ở" in result.stderr and "kiosk setup" in result.stderr
    assert not (typo / "kiosk.db").exists()
    doctor = run_cli("doctor")
    assert doctor.returncode == 1 and "không có dữ liệu kiosk" in doctor.stdout
    assert not (typo / "kiosk.db").exists()
