"""Logs rotate in the data home's log dir and never hold personal data, tracebacks included;
the crash handler logs uncaught exceptions (redacted) and calls the restart callback."""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import logs
from kiosk.services.context import Kiosk

CCCD, PHONE = "056190123456", "+84905123456"


@pytest.fixture
def log_file(kiosk: Kiosk) -> Iterator[Path]:
    path = logs.setup(kiosk.layout.logs)
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()


def _text(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return "".join(p.read_text(encoding="utf-8") for p in sorted(path.parent.glob("kiosk.log*")))


@pytest.mark.slow
def test_rotates_in_the_log_dir(kiosk: Kiosk, log_file: Path) -> None:
    assert log_file.parent == kiosk.layout.logs
    log = logging.getLogger("kiosk.test")
    words = "đã gửi mục " * 90  # ~1 KB of ordinary words per line
    for i in range(13_000):
        log.info("line %d %s", i, words)
    files = sorted(kiosk.layout.logs.glob("kiosk.log*"))
    assert len(files) == 6  # kiosk.log + 5 rotated
    assert all(f.stat().st_size <= 2_100_000 for f in files)


def test_messages_and_tracebacks_are_redacted(log_file: Path) -> None:
    log = logging.getLogger("kiosk.test")
    log.warning("saving for %s, phone %s", CCCD, PHONE)
    try:
        raise ValueError(f"refused id {CCCD} and phone {PHONE}, client_secret=s3cr3t-value")
    except ValueError:
        log.exception("save failed")
    text = _text(log_file)
    assert "save failed" in text and "ValueError" in text
    for secret in (CCCD, PHONE, "905123456", "s3cr3t-value"):
        assert secret not in text, secret
    assert "*********456" in text


def test_each_line_keeps_its_date_and_time(log_file: Path) -> None:
    """A technician reads when things happened: the line's own time is no phone number."""
    logging.getLogger("kiosk.test").warning("sync failed, retry later")
    line = _text(log_file).splitlines()[-1]
    assert re.match(r"^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} WARNING kiosk.test: sync", line), line


def test_crash_handler_logs_and_restarts(log_file: Path) -> None:
    restarted: list[str] = []
    handler = logs.install_crash_handler(lambda: restarted.append(threading.current_thread().name))
    try:

        def worker() -> None:
            raise RuntimeError(f"worker died on {CCCD}")

        thread = threading.Thread(target=worker, name="kiosk-worker")
        thread.start()
        thread.join()
        try:
            raise KeyError(f"screen died on {PHONE}")
        except KeyError:
            sys.excepthook(*sys.exc_info())  # what the interpreter (or Qt) calls
    finally:
        handler.uninstall()
    assert restarted == ["kiosk-worker", "MainThread"]
    text = _text(log_file)
    assert "uncaught RuntimeError in thread kiosk-worker" in text
    assert "uncaught KeyError in thread MainThread" in text
    assert "Traceback (most recent call last)" in text and "in worker" in text
    assert CCCD not in text and PHONE not in text
    assert sys.excepthook is not handler.excepthook


def test_crash_loop_stops_restarting_and_ctrl_c_passes(log_file: Path) -> None:
    restarted: list[int] = []
    previous: list[type[BaseException]] = []
    handler = logs.install_crash_handler(lambda: restarted.append(1))
    handler.previous_excepthook = lambda kind, *_: previous.append(kind)
    try:
        for _ in range(logs.MAX_RESTARTS + 3):
            handler.excepthook(RuntimeError, RuntimeError("again"), None)
        handler.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    finally:
        handler.uninstall()
    assert len(restarted) == logs.MAX_RESTARTS
    assert previous == [KeyboardInterrupt]
    assert "not restarting" in _text(log_file)


def test_a_failing_restart_is_logged_not_raised(log_file: Path) -> None:
    def broken() -> None:
        raise OSError("screen cannot be rebuilt")

    handler = logs.install_crash_handler(broken)
    try:
        handler.excepthook(RuntimeError, RuntimeError("first"), None)
    finally:
        handler.uninstall()
    assert "the restart after a crash failed" in _text(log_file)
