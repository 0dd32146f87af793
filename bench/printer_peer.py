"""The receipt printer the benchmarks print to: a network printer on 127.0.0.1 (python-escpos
writes real ESC/POS bytes to it) that answers DLE EOT status queries and reads everything.

Not a benchmark itself (``bench/run.py`` runs only ``bench_*.py``).
"""

from __future__ import annotations

import socket
import threading


class SinkPrinter:
    """A network receipt printer on 127.0.0.1: answers DLE EOT status queries, reads all."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.stop = threading.Event()
        self.received = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def uri(self) -> str:
        return f"tcp:127.0.0.1:{self.server.getsockname()[1]}"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        with conn:
            try:
                while chunk := conn.recv(65536):
                    self.received += len(chunk)
                    if b"\x10\x04" in chunk:
                        conn.sendall(b"\x12" * chunk.count(b"\x10\x04"))
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2)
        self.server.close()
