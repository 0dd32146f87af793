"""Run the simulator in this process: :func:`start_simulator` → :class:`RunningSimulator`.

The HTTP server listens on 127.0.0.1 only, in a background thread; ``stop()`` (or leaving
the ``with`` block) shuts it down, closes every open connection (so a client's pooled
keep-alive connection cannot reach a stopped simulator) and closes the state. Starting
again on the same state dir (and, if wanted, the same port) continues with everything
stored.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kiosk.simulator.app import DEFAULT_TOKEN_TTL, Simulator
from kiosk.simulator.demo import DemoDriver
from kiosk.simulator.faults import FaultSpec
from kiosk.simulator.handlers import BASE_PATH, SimulatorHTTPServer
from kiosk.simulator.store import SimulatorState

log = logging.getLogger(__name__)
HOST = "127.0.0.1"


class RunningSimulator:
    """A simulator serving in a background thread of this process."""

    def __init__(self, sim: Simulator, server: SimulatorHTTPServer, demo: DemoDriver | None):
        self.sim = sim
        self._server = server
        self.demo = demo
        self.port: int = server.server_address[1]
        self.root_url = f"http://{HOST}:{self.port}"
        self.base_url = self.root_url + BASE_PATH
        self.admin_url = self.root_url + "/_sim"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="sim-http"
        )
        self._thread.daemon = True
        self._stopped = False

    @property
    def state(self) -> SimulatorState:
        return self.sim.state

    @property
    def state_dir(self) -> Path:
        return self.sim.state_dir

    def _start(self) -> RunningSimulator:
        self._thread.start()
        if self.demo is not None:
            self.demo.start()
        log.info("simulator serving %s (state %s)", self.base_url, self.sim.state_dir)
        return self

    def set_faults(self, spec: str | FaultSpec | None) -> FaultSpec:
        """Replace the fault SPEC (see :mod:`kiosk.simulator.faults`); None: no faults."""
        return self.sim.set_faults(spec)

    def register_client(self, client_id: str, secret: str) -> None:
        self.sim.state.register_client(client_id, secret)

    def set_client_disabled(self, client_id: str, disabled: bool = True) -> bool:
        return self.sim.state.set_client_disabled(client_id, disabled)

    def expire_tokens(self, client_id: str | None = None) -> int:
        return self.sim.tokens.expire(client_id)

    def stats(self) -> dict[str, Any]:
        return self.sim.stats()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.sim.stopping.set()
        if self.demo is not None:
            self.demo.stop()
        self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()
        self._thread.join(timeout=5)
        self.sim.close()
        log.info("simulator on port %d stopped", self.port)

    def __enter__(self) -> RunningSimulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_simulator(
    state_dir: str | os.PathLike[str],
    port: int = 0,
    faults: str | FaultSpec | None = None,
    demo: bool = False,
    *,
    demo_speed: float = 1.0,
    token_ttl: float = DEFAULT_TOKEN_TTL,
    clients: Iterable[tuple[str, str]] = (),
    clock_skew_s: float = 0.0,
    catalog_path: str | os.PathLike[str] | None = None,
) -> RunningSimulator:
    """Start serving on ``127.0.0.1:port`` (0: a free port); returns once it accepts.

    ``clients`` are (client_id, secret) pairs to register; ``demo`` also registers the demo
    client and starts :class:`~kiosk.simulator.demo.DemoDriver` at ``demo_speed``.
    """
    sim = Simulator(
        state_dir,
        faults=faults,
        token_ttl=token_ttl,
        clients=clients,
        clock_skew_s=clock_skew_s,
        catalog_path=catalog_path,
    )
    try:
        server = SimulatorHTTPServer((HOST, port), sim)
    except OSError:
        sim.close()
        raise
    driver = DemoDriver(sim, demo_speed) if demo else None
    return RunningSimulator(sim, server, driver)._start()
