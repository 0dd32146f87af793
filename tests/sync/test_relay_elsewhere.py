"""The sync daemon relays; another process on the same data home (the touch app) reads what
the relay knows from the database and asks it to send at once through the wake file —
a real ``kiosk sync --daemon`` process against the real simulator."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator
from kiosk.store.db import read_session
from kiosk.store.models import OutboxItem, utcnow
from kiosk.sync import shared
from kiosk.sync.engine import IDLE_POLL_S
from tests.sync.conftest import connect, relay_held_elsewhere


def wait_for(condition: Callable[[], object], timeout_s: float, what: str) -> None:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout_s} s: {what}")


def state_of(kiosk: Kiosk, item_id: str) -> str:
    with read_session(kiosk.engine) as session:
        return str(session.query(OutboxItem).filter_by(id=item_id).one().state)


def save_visit(kiosk: Kiosk, seed: int) -> records.SavedRecord:
    return records.save_record(
        kiosk, "visit", sample_payload("visit", random.Random(seed), utcnow()), "TNV01"
    )


@pytest.fixture
def daemon(kiosk: Kiosk, province: RunningSimulator) -> Iterator[subprocess.Popen[bytes]]:
    connect(kiosk, province.base_url)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--daemon"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    try:
        wait_for(
            lambda: relay_held_elsewhere(kiosk.layout.root), 30, "the daemon holds the relay lock"
        )
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)


@pytest.mark.slow
def test_the_daemons_view_and_a_send_now_from_another_process(
    kiosk: Kiosk, daemon: subprocess.Popen[bytes]
) -> None:
    before = datetime.now(UTC)
    first = save_visit(kiosk, 1)
    shared.ask_to_send(kiosk)  # cuts the daemon's start-up pause (up to 10 s)
    wait_for(lambda: state_of(kiosk, first.item_id) == "accepted", 20, "the first item sent")
    wait_for(lambda: shared.read_status(kiosk).last_exchange_at is not None, 10, "published")
    status = shared.read_status(kiosk)
    assert status.online is True
    assert status.last_exchange_at is not None and status.last_exchange_at >= before
    assert sum(status.waiting.values()) == 0
    time.sleep(2)  # the daemon is idle now: its next look at the province is a minute away

    second = save_visit(kiosk, 2)
    assert shared.read_status(kiosk).waiting["pending"] == 1  # what the app's strip shows
    asked = time.monotonic()
    shared.ask_to_send(kiosk)
    wait_for(lambda: state_of(kiosk, second.item_id) == "accepted", 15, "sent when asked")
    assert time.monotonic() - asked < IDLE_POLL_S / 4

    daemon.send_signal(signal.SIGTERM)
    daemon.wait(timeout=60)
    stopped = shared.read_status(kiosk)
    assert stopped.online is None  # nobody relays: not shown as connected
    assert stopped.last_exchange_at is not None
    assert stopped.last_exchange_at >= status.last_exchange_at - timedelta(seconds=1)


def test_the_wake_file_counts_each_touch_once(tmp_path: Path) -> None:
    (tmp_path / shared.WAKE_FILE).touch()
    wake = shared.WakeFile(tmp_path)
    assert not wake.asked()  # a touch from before this relay started was for another
    other = shared.WakeFile(tmp_path)
    time.sleep(0.01)
    other.touch()
    assert wake.asked()
    assert not wake.asked()
    time.sleep(0.01)
    other.touch()
    assert wake.asked()


def test_a_status_that_cannot_be_written_never_fails_the_relay(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*_args: object, **_kwargs: object) -> None:
        raise OSError("database is locked")

    monkeypatch.setattr(shared, "write_session", locked)
    shared.publish(kiosk, online=True, exchanged_at=datetime.now(UTC))  # no exception
    monkeypatch.undo()
    assert shared.read_status(kiosk).online is None


def start_daemon() -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--daemon"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def stop(proc: subprocess.Popen[str], timeout_s: float = 60) -> str:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=timeout_s)
    return err


@pytest.mark.slow
def test_the_daemon_waits_while_the_app_relays_then_takes_over(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    """The app holds the relay lock: the daemon neither exits (systemd would start it again
    every minute, all day) nor relays; once the app closes it relays by itself."""
    connect(kiosk, province.base_url)
    app = kiosk.relay_lock
    app.acquire(timeout=0)
    daemon = start_daemon()
    try:
        time.sleep(3)
        assert daemon.poll() is None  # waiting, not gone
        item = save_visit(kiosk, 3)
        time.sleep(1)
        assert state_of(kiosk, item.item_id) == "pending"  # and not relaying beside the app
        app.release()  # the app closes
        wait_for(lambda: relay_held_elsewhere(kiosk.layout.root), 15, "the daemon took the relay")
        shared.ask_to_send(kiosk)
        wait_for(lambda: state_of(kiosk, item.item_id) == "accepted", 20, "the daemon sent it")

        second = start_daemon()  # a second daemon waits too, and stops when asked
        time.sleep(2)
        assert second.poll() is None
        started = time.monotonic()
        assert "dịch vụ nền sẽ gửi khi ứng dụng đóng" in stop(second, 15)
        assert second.returncode == 0 and time.monotonic() - started < 10
    finally:
        err = stop(daemon)
    assert daemon.returncode == 0, err
    assert "dịch vụ nền sẽ gửi khi ứng dụng đóng" in err
