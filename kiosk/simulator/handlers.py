"""HTTP plumbing: routing, request bodies, authentication, faults, writing answers.

One :class:`ApiHandler` per connection (HTTP/1.1 keep-alive). For an API request:
latency → fault draw → (``reset_before``: reset) → (a fault that replaces the work:
answer it) → authenticate, check the client is enabled, rate limit → the endpoint →
(a fault that follows the work: reset / delay / cut / replace the answer) → write.
Counters (``requests.<endpoint>``, ``status.<code>``, ``faults.<kind>``) are written before
the answer leaves, so a client that has its answer can read them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import re
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from kiosk.simulator import admin, endpoints
from kiosk.simulator.faults import BEARER_ENDPOINTS, FaultRule
from kiosk.simulator.responses import (
    ProblemError,
    Response,
    garbage,
    json_response,
    problem,
)

if TYPE_CHECKING:
    from kiosk.simulator.app import Simulator

log = logging.getLogger(__name__)

BASE_PATH = "/api/kiosk/v1"
ADMIN_PREFIX = "/_sim/"
MAX_ADMIN_BYTES = 64 * 1024 * 1024
DRAIN_LIMIT = 64 * 1024 * 1024  # past this an unread body is not drained: the connection closes
_BLOCK = 64 * 1024
_LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}
_INVALID_TOKEN = [("WWW-Authenticate", 'Bearer error="invalid_token"')]
_NO_BODY = {204, 304}

EndpointFn = Callable[[endpoints.Request], Response]


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    endpoint: str
    fn: EndpointFn


ROUTES = (
    Route("GET", re.compile(r"/health"), "health", endpoints.health),
    Route("POST", re.compile(r"/oauth2/token"), "token", endpoints.token),
    Route("POST", re.compile(r"/submissions:batch"), "batch", endpoints.batch),
    Route("GET", re.compile(r"/submissions/(?P<id>[^/]+)"), "submission", endpoints.submission),
    Route(
        "HEAD",
        re.compile(r"/attachments/(?P<sha256>[^/]+)"),
        "attachment",
        endpoints.attachment_head,
    ),
    Route(
        "PUT", re.compile(r"/attachments/(?P<sha256>[^/]+)"), "attachment", endpoints.attachment_put
    ),
    Route("GET", re.compile(r"/changes"), "changes", endpoints.changes),
    Route("GET", re.compile(r"/catalog"), "catalog", endpoints.catalog),
)


def find_route(method: str, path: str) -> tuple[Route, dict[str, str]]:
    """The route for ``path`` (below the base path); HEAD also reaches a GET route."""
    allowed = False
    for want in (method, "GET") if method == "HEAD" else (method,):
        for route in ROUTES:
            match = route.pattern.fullmatch(path)
            if match and route.method == want:
                return route, match.groupdict()
            allowed = allowed or bool(match)
    if allowed or any(r.pattern.fullmatch(path) for r in ROUTES):
        raise ProblemError(405, "bad_request", f"{method} is not allowed here")
    raise ProblemError(404, "not_found", "no such endpoint")


class SimulatorHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its simulator and its open connections."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sim: Simulator) -> None:
        self.sim = sim
        self.connections: dict[socket.socket, threading.Thread] = {}
        super().__init__(address, ApiHandler)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        self.connections[request] = threading.current_thread()
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.pop(request, None)

    def close_connections(self, wait_s: float = 3.0) -> None:
        """Shut every open connection down and wait (a while) for their threads to end."""
        open_now = list(self.connections.items())
        for connection, _thread in open_now:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + wait_s
        for _connection, thread in open_now:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))


class ApiHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "KhanhHoaProvinceSimulator/1.0"
    timeout = 120  # an idle keep-alive connection is closed after this
    server: SimulatorHTTPServer

    # ------------------------------------------------------------------ http.server hooks

    def setup(self) -> None:
        super().setup()
        # headers and body leave in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK add ~40 ms to every keep-alive answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    def date_time_string(self, timestamp: float | None = None) -> str:
        return self.sim.clock.http_date()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.client_address[0], *args)

    @property
    def sim(self) -> Simulator:
        return self.server.sim

    # ------------------------------------------------------------------ dispatch

    def _handle(self) -> None:
        self._counts: Counter[str] = Counter()
        self._gone = False
        path, _, query = self.path.partition("?")
        path = urllib.parse.unquote(path)
        try:
            self._start_body()
            if path.startswith(ADMIN_PREFIX):
                self._admin(path)
            elif path.startswith(BASE_PATH + "/"):
                route, params = find_route(self.command, path[len(BASE_PATH) :])
                self._api(route, params, urllib.parse.parse_qs(query))
            else:
                raise ProblemError(404, "not_found", "no such endpoint")
        except ProblemError as exc:
            self._finish(exc.response())
        except OSError as exc:  # the client went away
            log.debug("connection lost: %s", exc)
            self._gone = True
            self.close_connection = True
        except Exception:
            log.exception("internal error answering %s %s", self.command, path)
            if not self._gone:
                self._finish(problem(500, "internal", "the simulator failed"))

    def _admin(self, path: str) -> None:
        if self.client_address[0] not in _LOOPBACK:
            raise ProblemError(403, "bad_request", "control endpoints answer loopback callers only")
        body = endpoints.parse_json(self.read_body(MAX_ADMIN_BYTES) or b"{}")
        if self.command == "GET":
            body = None
        self._finish(admin.handle(self.sim, self.command, path, body))

    def _api(self, route: Route, params: dict[str, str], query: dict[str, list[str]]) -> None:
        sim, endpoint = self.sim, route.endpoint
        token = _bearer(self.headers.get("Authorization"))
        client = sim.tokens.client_for(token) if token else None
        self._counts[f"requests.{endpoint}"] += 1
        if sim.sleep(sim.injector.latency(endpoint)):
            return self._reset()
        fault = sim.injector.decide(endpoint, client or "")
        if fault is not None and fault.kind == "hash_mismatch" and self.command != "PUT":
            fault = None  # drawn for a HEAD: answered as usual
        if fault is not None:
            self._counts[f"faults.{fault.kind}"] += 1
            log.info("fault %s on %s", fault.kind, endpoint)
            if fault.kind == "reset_before":
                return self._reset()
            if fault.before_processing:
                return self._finish(self._instead(fault))
        request = endpoints.Request(
            sim, self.command, params, query, self.headers, client or "", self.read_body
        )
        response = self._process(route, request, token)
        if fault is None:
            return self._finish(response)
        return self._after(fault, response)

    def _process(self, route: Route, request: endpoints.Request, token: str | None) -> Response:
        try:
            if route.endpoint in BEARER_ENDPOINTS:
                self._admit(token, request.client_id)
            return route.fn(request)
        except ProblemError as exc:
            return exc.response()

    def _admit(self, token: str | None, client: str) -> None:
        if token is None:
            challenge = [("WWW-Authenticate", "Bearer")]
            raise ProblemError(401, "invalid_token", "no bearer token", challenge)
        if not client:
            detail = "the token is unknown or expired"
            raise ProblemError(401, "invalid_token", detail, _INVALID_TOKEN)
        if self.sim.state.is_disabled(client):
            raise ProblemError(403, "kiosk_disabled", "this kiosk has been switched off")
        wait = self.sim.injector.rate_wait(client)
        if wait > 0:
            retry = [("Retry-After", str(max(1, math.ceil(wait))))]
            raise ProblemError(429, "rate_limited", "too many requests", retry)

    # ------------------------------------------------------------------ faults

    def _instead(self, fault: FaultRule) -> Response:
        """The answer of a fault that replaces the work (nothing is processed)."""
        retry = [("Retry-After", str(fault.retry_after))]
        if fault.kind == "slow":
            self.sim.sleep(fault.after_s)
            return problem(504, "unavailable", "the one-stop system did not answer in time")
        answers: dict[str, Callable[[], Response]] = {
            "http500": lambda: problem(500, "internal", "internal error (injected)"),
            "http502": lambda: Response(502, BAD_GATEWAY, "text/html"),
            "http409": lambda: problem(
                409, "idempotency_conflict", "an id is stored with different content (injected)"
            ),
            "hash_mismatch": lambda: problem(
                400, "hash_mismatch", "the SHA-256 of the body differs from the path (injected)"
            ),
            "http503": lambda: problem(503, "unavailable", "temporarily unavailable", retry),
            "http429": lambda: problem(429, "rate_limited", "too many requests", retry),
            "garbage": garbage,
            "token_expiry": lambda: problem(
                401, "invalid_token", "the token has expired", _INVALID_TOKEN
            ),
            "disabled": lambda: problem(403, "kiosk_disabled", "this kiosk has been switched off"),
        }
        return answers[fault.kind]()

    def _after(self, fault: FaultRule, response: Response) -> None:
        """Faults that follow committed work."""
        if fault.kind == "reset_after_commit":
            return self._reset()
        if fault.kind == "slow":
            if self.sim.sleep(fault.after_s):
                return self._reset()
            return self._finish(response)
        if fault.kind == "truncated":
            return self._finish(response, cut=True, wrong_length=fault.wrong_length)
        if fault.kind in {"odd_status", "short_results"}:
            return self._finish(_odd_results(response, fault.kind))
        return self._finish(self._instead(fault))  # http500 / garbage with commit=yes

    def _reset(self) -> None:
        """Drop the connection with a TCP reset, answering nothing."""
        self._counts["status.reset"] += 1
        self.sim.state.bump(dict(self._counts))
        self._gone = True
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    # ------------------------------------------------------------------ bodies

    def _start_body(self) -> None:
        self._chunked, self._remaining, self._body_done = False, 0, True
        encoding = (self.headers.get("Transfer-Encoding") or "").lower()
        self._chunked = "chunked" in encoding
        length = self.headers.get("Content-Length")
        if not self._chunked and length is not None and not length.strip().isdigit():
            self.close_connection = True
            raise ProblemError(400, "bad_request", "bad Content-Length")
        self._remaining = 0 if self._chunked or length is None else int(length)
        self._body_done = not self._chunked and self._remaining == 0

    def read_body(self, limit: int) -> bytes:
        """The whole request body; ProblemError 413 when it is longer than ``limit``."""
        if self._body_done:
            return b""
        if not self._chunked:
            if self._remaining > limit:
                raise ProblemError(413, "too_large", f"the body is over {limit} bytes")
            data = self.rfile.read(self._remaining)
            self._remaining -= len(data)
            self._body_done = True
            if self._remaining:
                self.close_connection = True
                raise ProblemError(400, "bad_request", "the body ended early")
            return data
        parts: list[bytes] = []
        size = 0
        for chunk in self._chunks():
            size += len(chunk)
            if size > limit:
                raise ProblemError(413, "too_large", f"the body is over {limit} bytes")
            parts.append(chunk)
        return b"".join(parts)

    def _chunks(self) -> Iterator[bytes]:
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                self._body_done = True
                self.close_connection = True
                raise ProblemError(400, "bad_request", "bad chunked encoding") from None
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass  # trailers
                self._body_done = True
                return
            yield self.rfile.read(size)
            self.rfile.readline(8)

    def _drain(self) -> None:
        """Read what is left of the body so the connection can serve the next request."""
        if self._body_done:
            return
        if self._chunked:
            drained = 0
            try:
                for chunk in self._chunks():
                    drained += len(chunk)
                    if drained > DRAIN_LIMIT:
                        break
            except ProblemError:
                pass
        elif self._remaining <= DRAIN_LIMIT:
            while self._remaining > 0:
                block = self.rfile.read(min(_BLOCK, self._remaining))
                if not block:
                    break
                self._remaining -= len(block)
        if not self._body_done and (self._chunked or self._remaining):
            self.close_connection = True
        self._body_done = True

    # ------------------------------------------------------------------ writing

    def _finish(self, response: Response, *, cut: bool = False, wrong_length: bool = False) -> None:
        if self._gone:
            return
        self._counts[f"status.{response.status}"] += 1
        self.sim.state.bump(dict(self._counts))
        try:
            self._drain()
            self._write(response, cut=cut, wrong_length=wrong_length)
        except OSError as exc:  # the client went away mid-answer
            log.debug("connection lost while answering: %s", exc)
            self._gone = True
            self.close_connection = True

    def _write(self, response: Response, *, cut: bool, wrong_length: bool) -> None:
        body = response.body
        sent = body[: len(body) // 2] if cut else body
        if wrong_length:
            self.close_connection = True
        self.send_response(response.status)
        if response.content_type and response.status not in _NO_BODY:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers:
            self.send_header(name, value)
        if response.status not in _NO_BODY:
            self.send_header("Content-Length", str(len(body) if wrong_length else len(sent)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and response.status not in _NO_BODY:
            self.wfile.write(sent)
        self.wfile.flush()


BAD_GATEWAY = (
    b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
    b"</h1></center><hr><center>nginx</center></body></html>"
)


def _odd_results(response: Response, kind: str) -> Response:
    """A processed batch's answer made odd: the first result's status unknown to the contract
    (and an unknown field), or the last result left out. Other answers pass unchanged."""
    if response.status != 200:
        return response
    body = json.loads(response.body)
    results = body.get("results") or []
    if not results:
        return response
    if kind == "odd_status":
        results[0] = {"id": results[0]["id"], "status": "queued", "queue_position": 3}
    else:
        del results[-1]
    return json_response(body, headers=response.headers)


def _bearer(header: str | None) -> str | None:
    if header and header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return None
