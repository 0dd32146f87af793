"""A PIN typed at a terminal is asked for, not shown, and asked twice; from a pipe it is read
as before (scripts, tests)."""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.conftest import run_cli


def _take_terminal(fd: int) -> None:
    """In the child: a new session whose controlling terminal is the pty (getpass opens
    /dev/tty to turn echo off)."""
    os.setsid()
    fcntl.ioctl(fd, termios.TIOCSCTTY, 0)


def run_in_terminal(args: list[str], answers: list[str], timeout: float = 30) -> tuple[int, str]:
    """``kiosk ARGS`` on a pseudo-terminal; each answer typed after the next prompt."""
    leader, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=os.environ.copy(),
        preexec_fn=lambda: _take_terminal(follower),
    )
    os.close(follower)
    seen = since = b""
    pending, deadline = list(answers), time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen, since = seen + chunk, since + chunk
            if pending and since.rstrip().endswith(b":"):  # a new prompt since the last answer
                time.sleep(0.3)  # as a person types: after the prompt has settled
                os.write(leader, pending.pop(0).encode() + b"\n")
                since = b""
        elif process.poll() is not None:
            break
    try:
        code = process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError(f"still running; the screen: {seen!r}") from None
    os.close(leader)
    return code, seen.decode("utf-8", "replace")


def test_a_pin_typed_at_a_terminal_is_not_shown_and_is_asked_twice(home: Path) -> None:
    add = ["users", "add", "--code", "TNV07", "--name", "Lê Văn Bảy", "--role", "volunteer"]
    code, screen = run_in_terminal(add, ["7391", "7391"])
    assert code == 0, screen
    assert "Mã PIN" in screen and "Nhập lại" in screen
    assert "7391" not in screen  # not echoed
    mistyped, screen = run_in_terminal([*add[:2], "--code", "TNV08", *add[4:]], ["7391", "7319"])
    assert mistyped == 1 and "không giống nhau" in screen
    listed = run_cli("users", "list").stdout
    assert "TNV07" in listed and "TNV08" not in listed
