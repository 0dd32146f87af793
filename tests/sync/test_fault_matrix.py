"""Fault matrix: 2,000 mixed items through each fault kind alone and through mixed random
schedules end with the province holding every item exactly once, content-equal, and every
local item done or correctly rejected. Real HTTP on loopback; no mocks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.services.context import Kiosk
from kiosk.simulator import start_simulator
from kiosk.sync.relay import Relay
from tests.sync.conftest import (
    CLIENT_ID,
    SECRET,
    assert_exactly_once,
    client_for,
    copy_home,
    drive,
)

FAULTS = {
    "none": "none",
    "reset_before": "seed=1,reset_before=0.25",
    "reset_after_commit": "seed=2,reset_after_commit=0.3",
    "http500": "seed=3,http500=0.25",
    "http500_after_commit": "seed=3,http500=0.25:commit=yes",
    "http503": "seed=4,http503=0.25:retry_after=0",
    "http429": "seed=5,http429=0.25:retry_after=0",
    "slow_committed": "seed=6,slow@batch=0.15:after=1.5s:commit=yes",
    "slow_not_committed": "seed=6,slow@batch=0.15:after=1.5s:commit=no",
    "garbage": "seed=7,garbage=0.2:commit=yes",
    "truncated": "seed=8,truncated=0.2",
    "truncated_wrong_length": "seed=8,truncated=0.2:length=wrong",
    "token_expiry": "seed=9,token_expiry=0.2",
    "latency": "latency=20ms",
}


def _run(
    home_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str
) -> dict[str, int]:
    home = copy_home(home_root, tmp_path / "kiosk", monkeypatch)
    kiosk = Kiosk.open(home)
    with start_simulator(tmp_path / "province", faults=spec, clients=[(CLIENT_ID, SECRET)]) as sim:
        client = client_for(sim.base_url, timeout_s=1.0)
        relay = Relay(kiosk, client, rng=random.Random(0), item_retry_base_s=0.01)
        drive(relay)
        states = assert_exactly_once(kiosk, sim.state.items())
        client.close()
    kiosk.close()
    return states


@pytest.mark.slow
@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_fault_alone(fault: str, mixed_2000: Path, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    states = _run(mixed_2000, tmp_path, monkeypatch, FAULTS[fault])
    assert states.get("accepted", 0) + states.get("duplicate", 0) > 1900
    assert states.get("rejected", 0) > 0  # the province's own refusals came back


KINDS = ["reset_before", "reset_after_commit", "http500", "http503", "http429", "garbage",
         "truncated", "token_expiry"]  # fmt: skip


@st.composite
def schedules(draw: st.DrawFn) -> str:
    chosen = draw(st.lists(st.sampled_from(KINDS), min_size=2, max_size=5, unique=True))
    parts = [f"seed={draw(st.integers(0, 10_000))}"]
    for kind in chosen:
        probability = draw(st.sampled_from([0.05, 0.1, 0.2]))
        extra = ":retry_after=0" if kind in {"http503", "http429"} else ""
        extra += ":commit=yes" if kind in {"http500", "garbage"} and draw(st.booleans()) else ""
        parts.append(f"{kind}={probability}{extra}")
    return ",".join(parts)


@pytest.mark.slow
@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(spec=schedules())
def test_mixed_random_schedules(
    spec: str, mixed_2000: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp = tmp_path_factory.mktemp("mixed")
    with pytest.MonkeyPatch.context() as monkeypatch:
        _run(mixed_2000, tmp, monkeypatch, spec)
