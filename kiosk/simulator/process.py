"""The simulator as a child process (``kiosk simulator``), for tests that kill and restart it.

``SimulatorProcess(state_dir, ...).start()`` runs ``python -m kiosk simulator`` and waits
for the base URL it prints. ``kill()`` is SIGKILL (no clean shutdown), ``terminate()`` is
SIGTERM; ``restart()`` starts again on the same state dir and the same port, so a kiosk
configured with ``base_url`` finds it again. The child's log goes to
``state_dir/simulator.log``.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

from kiosk.simulator.handlers import BASE_PATH
from kiosk.simulator.store import SimulatorState

LOG_NAME = "simulator.log"


class SimulatorStartError(RuntimeError):
    """The child did not print its URL in time (the log file says why)."""


class SimulatorProcess:
    def __init__(
        self,
        state_dir: str | os.PathLike[str],
        *,
        port: int = 0,
        faults: str | None = None,
        demo: bool = False,
        demo_speed: float = 1.0,
        clients: Iterable[tuple[str, str]] = (),
        token_ttl: float | None = None,
        env: Mapping[str, str] | None = None,
        startup_timeout: float = 30.0,
    ) -> None:
        self.state_dir = Path(state_dir)
        self.port = port
        self.faults = faults
        self.demo = demo
        self.demo_speed = demo_speed
        self.clients = list(clients)
        self.token_ttl = token_ttl
        self.env = dict(env if env is not None else os.environ)
        self.startup_timeout = startup_timeout
        self.base_url = ""
        self.proc: subprocess.Popen[str] | None = None

    @property
    def root_url(self) -> str:
        return self.base_url.removesuffix(BASE_PATH)

    @property
    def admin_url(self) -> str:
        return self.root_url + "/_sim"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def command(self) -> list[str]:
        args = [sys.executable, "-m", "kiosk", "simulator", "--port", str(self.port)]
        args += ["--state-dir", str(self.state_dir), "--demo-speed", str(self.demo_speed)]
        if self.faults:
            args += ["--faults", self.faults]
        if self.demo:
            args.append("--demo")
        if self.token_ttl is not None:
            args += ["--token-ttl", str(self.token_ttl)]
        for client_id, secret in self.clients:
            args += ["--client", f"{client_id}:{secret}"]
        return args

    def start(self) -> SimulatorProcess:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        with (self.state_dir / LOG_NAME).open("a", encoding="utf-8") as log_file:
            self.proc = subprocess.Popen(
                self.command(),
                stdout=subprocess.PIPE,
                stderr=log_file,
                text=True,
                env=self.env,
            )
        assert self.proc.stdout is not None
        self.base_url = self._first_line(self.proc.stdout)
        self.port = int(self.base_url.split(":")[2].split("/")[0])
        return self

    def _first_line(self, stream: IO[str]) -> str:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([stream], [], [], 0.1)
            if ready:
                line = stream.readline().strip()
                if line.startswith("http://"):
                    return line
                if not line and self.proc is not None and self.proc.poll() is not None:
                    break
        self.kill()
        raise SimulatorStartError(f"simulator did not start; see {self.state_dir / LOG_NAME}")

    def kill(self) -> None:
        """SIGKILL: the simulator gets no chance to finish anything."""
        self._end(signal.SIGKILL)

    def terminate(self) -> None:
        """SIGTERM: a clean shutdown."""
        self._end(signal.SIGTERM)

    def _end(self, signum: int) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signum)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def restart(self, *, faults: str | None = None) -> SimulatorProcess:
        """Stop (SIGTERM if still running) and start again: same state dir, same port."""
        self.terminate()
        if faults is not None:
            self.faults = faults
        return self.start()

    def state(self) -> SimulatorState:
        """A new inspection handle on the state (close it when done)."""
        return SimulatorState(self.state_dir)

    def __enter__(self) -> SimulatorProcess:
        return self.start() if self.proc is None else self

    def __exit__(self, *exc: object) -> None:
        self.terminate()
