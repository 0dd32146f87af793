"""The simulated province as one Python object, shared by the HTTP handlers and the demo.

:class:`Simulator` holds the persistent :class:`~kiosk.simulator.store.SimulatorState`, the
clock, the in-memory tokens, the fault injector and the served catalogue. It knows nothing
of HTTP; :mod:`kiosk.simulator.handlers` turns requests into calls on it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kiosk.simulator.catalog import CatalogSource
from kiosk.simulator.clock import SimClock
from kiosk.simulator.faults import FaultInjector, FaultSpec, parse_faults
from kiosk.simulator.store import SimulatorState
from kiosk.simulator.tokens import TokenRegistry

log = logging.getLogger(__name__)

DEFAULT_TOKEN_TTL = 900
DEMO_CLIENT_ID = "KIOSK-56-22366-01"
# Documented in the report and README; for the demo client only, never a real kiosk.
DEMO_CLIENT_SECRET = "demo-secret-56-22366"  # noqa: S105


class Simulator:
    """State + clock + tokens + faults + catalogue of one simulated province."""

    def __init__(
        self,
        state_dir: str | os.PathLike[str],
        *,
        faults: str | FaultSpec | None = None,
        token_ttl: float = DEFAULT_TOKEN_TTL,
        clients: Iterable[tuple[str, str]] = (),
        clock_skew_s: float = 0.0,
        catalog_path: str | os.PathLike[str] | None = None,
    ) -> None:
        self.state_dir = Path(state_dir)
        self.state = SimulatorState(self.state_dir)
        self.clock = SimClock(clock_skew_s)
        self.tokens = TokenRegistry()
        self.token_ttl = token_ttl
        self.injector = FaultInjector(parse_faults(faults))
        self.catalog = CatalogSource(
            self.state_dir, Path(catalog_path) if catalog_path is not None else None
        )
        self.stopping = threading.Event()
        for client_id, secret in clients:
            self.state.register_client(client_id, secret)

    def set_faults(self, spec: str | FaultSpec | None) -> FaultSpec:
        parsed = parse_faults(spec)
        self.injector.replace(parsed)
        log.info("fault spec now %r", parsed.text or "none")
        return parsed

    def sleep(self, seconds: float) -> bool:
        """Wait (interrupted by stop); True when the simulator is stopping."""
        return self.stopping.wait(seconds) if seconds > 0 else self.stopping.is_set()

    def issue_token(self, client_id: str, secret: str) -> str | None:
        if not self.state.check_client(client_id, secret):
            return None
        return self.tokens.issue(client_id, self.token_ttl)

    def stats(self) -> dict[str, Any]:
        return {
            "counters": self.state.counters(),
            "faults": self.injector.spec.text or "none",
            "items": self.state.count("items"),
            "changes": self.state.count("changes"),
            "attachments": self.state.count("attachments"),
            "clients": self.state.clients(),
            "token_ttl": self.token_ttl,
            "clock_skew_s": self.clock.skew_s,
            "time": self.clock.iso(),
        }

    def close(self) -> None:
        self.stopping.set()
        self.state.close()
