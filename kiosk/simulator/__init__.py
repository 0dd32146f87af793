"""A simulated provincial system: a real HTTP server on 127.0.0.1 implementing contract v1.

Used by the kiosk's tests, benchmarks and ``kiosk --demo``. No Qt.

Python API::

    from kiosk.simulator import start_simulator
    with start_simulator(tmp_path / "province", faults="seed=7,http503=0.1") as sim:
        sim.register_client("KIOSK-56-22366-01", "s3cret")
        ...  # talk to sim.base_url (http://127.0.0.1:PORT/api/kiosk/v1)
        sim.state.items()  # what the province stored

Command line: ``kiosk simulator --port N --state-dir DIR [--faults SPEC] [--demo]
[--client ID:SECRET]``; as a child process: :class:`SimulatorProcess`.

Modules: :mod:`.server` (start/stop), :mod:`.handlers` (HTTP), :mod:`.endpoints` (contract
endpoints), :mod:`.admin` (``/_sim/`` control endpoints), :mod:`.batch` and
:mod:`.validation` (what the province decides), :mod:`.store` (SQLite state),
:mod:`.faults` (fault SPEC grammar), :mod:`.demo` (demo driver), :mod:`.canonical` (RFC 8785).
"""

from __future__ import annotations

from kiosk.simulator.app import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Simulator
from kiosk.simulator.faults import FaultSpec, FaultSpecError, parse_faults
from kiosk.simulator.process import SimulatorProcess
from kiosk.simulator.server import RunningSimulator, start_simulator
from kiosk.simulator.store import SimulatorState
from kiosk.simulator.validation import REFUSAL_MARKER

__all__ = [
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "REFUSAL_MARKER",
    "FaultSpec",
    "FaultSpecError",
    "RunningSimulator",
    "Simulator",
    "SimulatorProcess",
    "SimulatorState",
    "parse_faults",
    "start_simulator",
]
