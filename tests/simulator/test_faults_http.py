"""Each fault kind as a kiosk sees it over real HTTP, and seeded reproducibility.

SPECs used here, e.g. ``reset_after_commit@batch=1:times=1``, ``slow@batch=1:after=1s:
commit=no``, ``truncated@batch=1:length=wrong``, ``seed=7,http503=0.3,reset_before=0.2``,
``rate=2/s:burst=2`` (grammar: ``kiosk.simulator.faults``).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from kiosk.simulator import RunningSimulator, start_simulator
from tests.simulator.conftest import CLIENTS
from tests.simulator.helpers import TIMEOUT, Client, admin, item, wait_until


def stored(sim: RunningSimulator, item_id: str) -> bool:
    return sim.state.item(item_id) is not None


def test_reset_before_processes_nothing(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("reset_before@batch=1")
    sent = item()
    with pytest.raises(requests.ConnectionError):
        client.batch(sent)
    sim.set_faults(None)
    assert client.submission(sent["id"]).status_code == 404
    assert sim.state.counter("faults.reset_before") == 1
    assert sim.state.counter("status.reset") == 1


def test_reset_after_commit_stores_then_drops(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("reset_after_commit@batch=1:times=1")
    sent = [item("dossier"), item("visit")]
    with pytest.raises(requests.ConnectionError):
        client.batch(*sent)
    # the outcome is unknown to the kiosk, but the province has both items
    for each in sent:
        response = client.submission(each["id"])
        assert response.status_code == 200 and response.json()["status"] == "accepted"
    resent = client.results(*sent)  # safe by idempotency; times=1 so no fault now
    assert [r["status"] for r in resent] == ["duplicate", "duplicate"]
    assert len(sim.state.items()) == 2


def test_http500_with_and_without_commit(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("http500@batch=1:times=1")
    lost = item()
    response = client.batch(lost)
    assert response.status_code == 500 and response.json()["code"] == "internal"
    assert not stored(sim, lost["id"])
    sim.set_faults("http500@batch=1:commit=yes:times=1")
    kept = item()
    assert client.batch(kept).status_code == 500
    assert stored(sim, kept["id"])


@pytest.mark.parametrize(
    ("kind", "status", "code"), [("http503", 503, "unavailable"), ("http429", 429, "rate_limited")]
)
def test_busy_answers_carry_retry_after(
    sim: RunningSimulator, client: Client, kind: str, status: int, code: str
) -> None:
    sim.set_faults(f"{kind}@batch=1:retry_after=7")
    sent = item()
    response = client.batch(sent)
    assert response.status_code == status and response.json()["code"] == code
    assert response.headers["Retry-After"] == "7"
    assert not stored(sim, sent["id"])
    if kind == "http429":
        assert sim.state.counter("status.429") == 1


def test_slow_with_commit_times_out_but_stores(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("slow@batch=1:after=1s")
    sent = item()
    with pytest.raises(requests.ReadTimeout):
        client.batch(sent, timeout=0.3)
    assert wait_until(lambda: stored(sim, sent["id"]), timeout=2)
    started = time.monotonic()
    late = client.batch(item(), timeout=5)  # a patient client gets the real answer late
    assert late.status_code == 200 and late.json()["results"][0]["status"] == "accepted"
    assert time.monotonic() - started >= 0.9


def test_slow_without_commit_stores_nothing(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("slow@batch=1:after=0.6s:commit=no")
    sent = item()
    with pytest.raises(requests.ReadTimeout):
        client.batch(sent, timeout=0.2)
    time.sleep(0.8)
    assert not stored(sim, sent["id"])
    response = client.batch(sent, timeout=5)
    assert response.status_code == 504 and response.json()["code"] == "unavailable"
    assert not stored(sim, sent["id"])


def test_garbage_is_200_without_json(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("garbage@batch=1:times=1")
    sent = item()
    response = client.batch(sent)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html"
    with pytest.raises(requests.JSONDecodeError):
        response.json()
    assert not stored(sim, sent["id"])
    sim.set_faults("garbage@batch=1:commit=yes:times=1")
    kept = item()
    assert client.batch(kept).text.startswith("<html>")
    assert stored(sim, kept["id"])


def test_truncated_with_correct_length(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("truncated@batch=1:times=1")
    sent = item()
    response = client.batch(sent)
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) == len(response.content)
    with pytest.raises(requests.JSONDecodeError):
        response.json()
    assert response.content.startswith(b'{"results":[')
    assert stored(sim, sent["id"])  # the work was done


def test_truncated_with_wrong_length(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("truncated@changes=1:length=wrong:times=1")
    with pytest.raises((requests.exceptions.ChunkedEncodingError, requests.ConnectionError)):
        client.request("GET", "/changes")
    assert client.request("GET", "/changes").status_code == 200


def test_token_expiry_on_a_valid_token(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("token_expiry@changes=1:times=1")
    response = client.request("GET", "/changes")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert response.json()["code"] == "invalid_token"
    assert client.request("GET", "/changes").status_code == 200  # the same token still works


def test_disabled_fault_is_not_persisted(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("disabled@batch=1:times=1")
    response = client.batch(item())
    assert response.status_code == 403 and response.json()["code"] == "kiosk_disabled"
    assert client.batch(item()).status_code == 200


def test_latency_is_added(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("latency@health=300ms")
    started = time.monotonic()
    assert requests.get(sim.base_url + "/health", timeout=TIMEOUT).status_code == 200
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    client.request("GET", "/changes")
    assert time.monotonic() - started < 0.3


def test_faults_can_be_restricted_to_one_endpoint(sim: RunningSimulator, client: Client) -> None:
    sim.set_faults("http503@changes=1")
    assert client.batch(item()).status_code == 200
    assert client.request("GET", "/changes").status_code == 503


def test_rate_limit_per_client_and_global(
    sim: RunningSimulator, client: Client, other: Client
) -> None:
    sim.set_faults("rate=2/s:burst=2")
    codes = [client.request("GET", "/changes").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    limited = client.request("GET", "/changes")
    assert limited.json()["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) >= 1
    assert other.request("GET", "/changes").status_code == 200  # its own bucket
    time.sleep(1.1)
    assert client.request("GET", "/changes").status_code == 200
    sim.set_faults("rate=1/s:burst=1:scope=global")
    assert client.request("GET", "/changes").status_code == 200
    assert other.request("GET", "/changes").status_code == 429


def test_faults_set_through_the_control_endpoint(sim: RunningSimulator, client: Client) -> None:
    assert admin(sim.admin_url, "faults", {"spec": "http503@changes=1"}).json() == {
        "faults": "http503@changes=1"
    }
    assert client.request("GET", "/changes").status_code == 503
    bad = admin(sim.admin_url, "faults", {"spec": "explode=1"})
    assert bad.status_code == 400 and "explode" in bad.json()["detail"]
    assert admin(sim.admin_url, "faults", {"spec": ""}).json() == {"faults": "none"}
    assert client.request("GET", "/changes").status_code == 200


def _run_sequence(state_dir: Path, spec: str) -> list[str]:
    """Outcomes of a fixed sequence of 40 requests against a fresh simulator."""
    outcomes: list[str] = []
    with start_simulator(state_dir, faults=spec, clients=CLIENTS) as running:
        kiosk = Client(running.base_url)
        running.set_faults(None)
        token = kiosk.token  # fetched without faults
        running.set_faults(spec)
        for index in range(40):
            try:
                call = (lambda: kiosk.request("GET", "/changes")) if index % 2 else None
                response = call() if call else kiosk.batch(item())
                outcomes.append(str(response.status_code))
            except requests.RequestException as exc:
                outcomes.append(type(exc).__name__)
        assert token
        kiosk.close()
    return outcomes


def test_seeded_faults_are_reproducible(tmp_path: Path) -> None:
    spec = "seed=7,http503=0.2,reset_before=0.1,reset_after_commit@batch=0.1,garbage=0.1"
    first = _run_sequence(tmp_path / "a", spec)
    assert first == _run_sequence(tmp_path / "b", spec)
    assert {"200", "503", "ConnectionError"} <= set(first)
    assert first != _run_sequence(tmp_path / "c", spec.replace("seed=7", "seed=8"))
