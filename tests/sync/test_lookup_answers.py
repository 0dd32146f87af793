"""``GET /submissions/{id}`` (contract §5) answered by a real HTTP server on 127.0.0.1 that
is not the province: only the contract's ``not_found`` problem means "never stored"."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.sync.errors import OutcomeUnknown
from tests.sync.conftest import client_for


class _NotTheProvince(BaseHTTPRequestHandler):
    """A token for anyone; every lookup a 404 with ``answer`` (content type, body)."""

    answer: tuple[str, bytes] = ("text/html", b"<h1>404 Not Found</h1>")

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send(200, "application/json", json.dumps({"access_token": "t"}).encode())

    def do_GET(self) -> None:
        self._send(404, *self.answer)

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _NotTheProvince)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def _url(httpd: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}/api/v1"


def test_the_contracts_not_found_means_never_stored(server: ThreadingHTTPServer) -> None:
    problem = {"type": "about:blank", "status": 404, "code": "not_found", "detail": "never"}
    _NotTheProvince.answer = ("application/problem+json", json.dumps(problem).encode())
    assert client_for(_url(server)).get_submission("0193a3f4-5c1e-7d2a-9b7e-1f2a3b4c5d6e") is None


@pytest.mark.parametrize(
    "answer",
    [
        ("text/html", b"<h1>404 Not Found</h1>"),  # a proxy, a wrong base URL
        ("application/problem+json", b'{"status": 404, "code": "no_route"}'),
    ],
)
def test_any_other_404_says_nothing_about_the_item(
    server: ThreadingHTTPServer, answer: tuple[str, bytes]
) -> None:
    _NotTheProvince.answer = answer
    with pytest.raises(OutcomeUnknown):
        client_for(_url(server)).get_submission("0193a3f4-5c1e-7d2a-9b7e-1f2a3b4c5d6e")
