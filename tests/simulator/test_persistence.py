"""State survives restarts (in-process and as a killed child process); the CLI."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

from kiosk.simulator import SimulatorProcess, SimulatorState, start_simulator
from tests.simulator.conftest import CLIENTS
from tests.simulator.helpers import TIMEOUT, Client, admin, item, sha256


def test_restart_keeps_everything_but_tokens(state_dir: Path) -> None:
    data = b"scan of a birth certificate"
    dossier = item("dossier")
    with start_simulator(state_dir, clients=CLIENTS) as first:
        kiosk = Client(first.base_url)
        accepted = kiosk.results(dossier)[0]
        assert kiosk.put_attachment(data).status_code == 201
        admin(first.admin_url, "dossier_status", {"id": dossier["id"], "TrangThaiHoSo": 1})
        admin(first.admin_url, "clients", {"client_id": "K-LATE", "client_secret": "s"})
        old_token = kiosk.token
        feed = kiosk.all_changes()
        kiosk.close()
    with start_simulator(state_dir) as second:
        kiosk = Client(second.base_url)
        stale = requests.get(
            second.base_url + "/changes",
            headers={"Authorization": f"Bearer {old_token}"},
            timeout=TIMEOUT,
        )
        assert stale.status_code == 401  # tokens live in memory only
        again = kiosk.results(dossier)[0]
        assert again["status"] == "duplicate"
        assert again["server_ref"] == accepted["server_ref"]
        assert kiosk.request("HEAD", f"/attachments/{sha256(data)}").status_code == 200
        assert kiosk.all_changes() == feed
        assert Client(second.base_url, "K-LATE", "s").fetch_token().status_code == 200
        admin(second.admin_url, "dossier_status", {"id": dossier["id"], "TrangThaiHoSo": 2})
        statuses = [c["data"] for c in kiosk.all_changes()]
        assert statuses[0]["MaHoSo"] == statuses[1]["MaHoSo"]
        next_ref = kiosk.results(item())[0]["server_ref"]
        assert next_ref > accepted["server_ref"]  # the daily counter continues
        kiosk.close()
    with SimulatorState(state_dir) as state:
        assert len(state.items()) == 2


def test_state_is_readable_from_another_handle_while_serving(state_dir: Path) -> None:
    with start_simulator(state_dir, clients=CLIENTS) as running:
        kiosk = Client(running.base_url)
        kiosk.results(item(), item())
        with SimulatorState(state_dir) as reader:
            assert len(reader.items()) == 2
            assert reader.counter("requests.batch") == 1
            assert reader.counter("items.accepted") == 2
        kiosk.close()


def test_concurrent_kiosks_store_each_item_once(state_dir: Path) -> None:
    shared = [item() for _ in range(20)]
    errors: list[BaseException] = []

    def kiosk_run(index: int) -> None:
        try:
            kiosk = Client(running.base_url)
            for start in range(0, 20, 4):
                own = [item() for _ in range(2)]
                results = kiosk.results(*shared[start : start + 4], *own)
                assert {r["status"] for r in results} <= {"accepted", "duplicate"}
            kiosk.close()
        except BaseException as exc:
            errors.append(exc)

    with start_simulator(state_dir, clients=CLIENTS) as running:
        threads = [threading.Thread(target=kiosk_run, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        items = running.state.items()
        assert len(items) == 20 + 8 * 5 * 2
        assert len({i["id"] for i in items}) == len(items)
        assert len({i["server_ref"] for i in items}) == len(items)
        assert running.state.counter("items.accepted") == len(items)
        assert running.state.counter("items.duplicate") == 8 * 20 - 20


def test_child_process_killed_and_restarted_on_the_same_port(tmp_path: Path) -> None:
    state_dir = tmp_path / "province"
    sent = item("dossier")
    with SimulatorProcess(state_dir, clients=CLIENTS, faults="latency=1ms") as child:
        kiosk = Client(child.base_url)
        first = kiosk.results(sent)[0]
        port = child.port
        child.kill()
        with pytest.raises(requests.ConnectionError):
            requests.get(child.base_url + "/health", timeout=TIMEOUT)
        child.restart(faults="reset_after_commit@batch=1")
        assert child.port == port
        kiosk = Client(child.base_url)  # a fresh token: the old one died with the process
        with pytest.raises(requests.ConnectionError):
            kiosk.batch(item())
        assert kiosk.submission(sent["id"]).json()["server_ref"] == first["server_ref"]
        with child.state() as state:
            assert len(state.items()) == 2
            assert state.counter("faults.reset_after_commit") == 1
        stats = admin(child.admin_url, "stats").json()
        assert stats["faults"] == "reset_after_commit@batch=1"
    assert child.proc is not None and child.proc.returncode == 0  # SIGTERM: a clean exit
    assert "simulator serving" in (state_dir / "simulator.log").read_text(encoding="utf-8")


def test_cli_prints_the_url_and_stops_on_sigint(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "simulator",
            "--port",
            "0",
            "--state-dir",
            str(tmp_path / "p"),
            "--client",
            "K-CLI:secret:with:colons",
            "--faults",
            "http503@health=1:retry_after=4",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/api/kiosk/v1")
        health = requests.get(url + "/health", timeout=TIMEOUT)
        assert health.status_code == 503 and health.headers["Retry-After"] == "4"
        assert Client(url, "K-CLI", "secret:with:colons").fetch_token().status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err


@pytest.mark.parametrize(
    "args", [["--faults", "explode=1"], ["--client", "no-secret"], ["--client", ":x"]]
)
def test_cli_refuses_bad_options(tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "simulator", "--state-dir", str(tmp_path), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Invalid value" in result.stderr
