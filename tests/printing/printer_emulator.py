"""A network receipt printer on 127.0.0.1 for tests and the benchmark (raw port, like 9100).

Behaviours:

* ``ok`` — answers real-time status queries (``DLE EOT n``) sent before the job with
  ``status`` / ``paper`` bytes, records every other byte of the connection as one job;
* ``refuse`` — accepts and closes at once (a printer busy with another host, or resetting);
* ``hang`` — accepts and never reads nor answers (a frozen printer);
* a stopped emulator is a printer that is off: nothing listens on the port.

Every loop is bounded: the server stops by itself after ``lifetime`` seconds.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Literal

Behaviour = Literal["ok", "refuse", "hang"]
DLE_EOT = b"\x10\x04"
ONLINE = 0x12  # status byte: fixed bits only (online, no error)


@dataclass
class PrinterEmulator:
    behaviour: Behaviour = "ok"
    status: int = ONLINE
    paper: int = ONLINE
    lifetime: float = 120.0
    receive_buffer: int | None = None  # a small SO_RCVBUF makes a hang block the sender
    jobs: list[bytes] = field(default_factory=list)
    status_queries: list[bytes] = field(default_factory=list)
    connections: int = 0
    _server: socket.socket | None = None
    _thread: threading.Thread | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _done: threading.Event = field(default_factory=threading.Event)
    _hung: list[socket.socket] = field(default_factory=list)

    def start(self) -> PrinterEmulator:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if self.receive_buffer:
            server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.receive_buffer)
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.settimeout(0.1)
        self._server = server
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return self

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.getsockname()[1])

    @property
    def uri(self) -> str:
        return f"tcp:127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        for conn in self._hung:
            conn.close()
        if self._server is not None:
            self._server.close()

    def wait_for_jobs(self, count: int, timeout: float = 10.0) -> list[bytes]:
        end = time.monotonic() + timeout
        while len(self.jobs) < count and time.monotonic() < end:
            time.sleep(0.02)
        return self.jobs

    def __enter__(self) -> PrinterEmulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        assert self._server is not None
        end = time.monotonic() + self.lifetime
        while not self._stop.is_set() and time.monotonic() < end:
            try:
                conn, _addr = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            if self.behaviour == "refuse":
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                conn.close()
            elif self.behaviour == "hang":
                self._hung.append(conn)
            else:
                threading.Thread(target=self._print, args=(conn,), daemon=True).start()

    def _print(self, conn: socket.socket) -> None:
        conn.settimeout(5.0)
        data = bytearray()
        try:
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
                self._answer_status(conn, data)
        except OSError:
            pass
        finally:
            conn.close()
        if data:
            self.jobs.append(bytes(data))

    def _answer_status(self, conn: socket.socket, data: bytearray) -> None:
        """Queries come before the job: answer and drop them from what is recorded."""
        while data[:2] == DLE_EOT and len(data) >= 3:
            query = bytes(data[:3])
            del data[:3]
            self.status_queries.append(query)
            conn.sendall(bytes([self.paper if query[2] == 4 else self.status]))
