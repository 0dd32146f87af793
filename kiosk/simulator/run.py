"""``kiosk simulator``: serve in the foreground until SIGINT or SIGTERM.

The first line on standard output is the base URL (flushed), e.g.
``http://127.0.0.1:8765/api/kiosk/v1``; log lines go to standard error.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from kiosk.simulator.server import start_simulator

log = logging.getLogger(__name__)


def parse_client(text: str) -> tuple[str, str]:
    """``ID:SECRET`` → (ID, SECRET); ValueError when either is missing."""
    client_id, sep, secret = text.partition(":")
    if not sep or not client_id or not secret:
        raise ValueError(f"expected ID:SECRET, got {text!r}")
    return client_id, secret


def _log_to_stderr(level: int) -> None:
    from kiosk.logs import RedactingFilter

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)


def serve(
    state_dir: Path,
    *,
    port: int,
    faults: str | None = None,
    demo: bool = False,
    demo_speed: float = 1.0,
    clients: Sequence[tuple[str, str]] = (),
    token_ttl: float = 900,
    verbose: bool = False,
) -> int:
    """Run until a signal arrives; returns the process exit code."""
    _log_to_stderr(logging.DEBUG if verbose else logging.INFO)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d: stopping", signum)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    running = start_simulator(
        state_dir, port, faults, demo, demo_speed=demo_speed, token_ttl=token_ttl, clients=clients
    )
    try:
        print(running.base_url, flush=True)
        while not stop.wait(0.2):
            pass
    finally:
        running.stop()
    return 0
