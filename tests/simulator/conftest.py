"""Fixtures: a real simulator on 127.0.0.1 in a background thread, and clients for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.simulator import RunningSimulator, start_simulator
from tests.simulator.helpers import CLIENT_ID, CLIENT_SECRET, OTHER_ID, OTHER_SECRET, Client

CLIENTS = [(CLIENT_ID, CLIENT_SECRET), (OTHER_ID, OTHER_SECRET)]


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "province"


@pytest.fixture
def sim(state_dir: Path) -> Iterator[RunningSimulator]:
    with start_simulator(state_dir, clients=CLIENTS) as running:
        yield running


@pytest.fixture
def client(sim: RunningSimulator) -> Iterator[Client]:
    kiosk = Client(sim.base_url)
    yield kiosk
    kiosk.close()


@pytest.fixture
def other(sim: RunningSimulator) -> Iterator[Client]:
    kiosk = Client(sim.base_url, OTHER_ID, OTHER_SECRET)
    yield kiosk
    kiosk.close()
