"""HTTP client of the provincial API, contract v1 (``../shared/provincial-api``).

* ``requests`` session, connect/read time-outs, TLS verification always on; plain ``http://``
  only to a loopback address.
* OAuth2 client credentials; the secret comes from the OS keyring (never config or logs); the
  token lives in memory and is fetched again once on a 401 ``invalid_token``.
* Problem+json mapped to typed errors (:mod:`kiosk.sync.errors`); bodies that are not JSON,
  truncated or wrongly shaped are failures, never crashes.
* One request at a time (the relay is single-threaded; a lock makes sure).
"""

from __future__ import annotations

import email.utils
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from ssl import SSLCertVerificationError
from typing import Any
from urllib.parse import quote, urlparse

import requests
from urllib3.exceptions import NewConnectionError

from kiosk.sync.errors import (
    AuthFailed,
    BadRequest,
    IdempotencyConflict,
    KioskDisabled,
    NotSent,
    OutcomeUnknown,
    RetryLater,
    SecretUnavailable,
    SyncError,
    UnexpectedAnswer,
)

log = logging.getLogger(__name__)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
USER_AGENT = "kiosk-dvc"


@dataclass(frozen=True, slots=True)
class ItemResult:
    id: str
    # accepted | duplicate | rejected | conflict | retry_later (the contract's five), or
    # unknown: no result for this item, or one the kiosk cannot read (``detail`` says which)
    status: str
    server_ref: str | None = None
    received_at: str | None = None
    detail: str | None = None
    errors: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ChangesPage:
    changes: list[dict[str, Any]]
    next: str
    has_more: bool


@dataclass(frozen=True, slots=True)
class Health:
    server_time: datetime | None
    date_header: datetime | None


class ProvincialClient:
    def __init__(
        self,
        base_url: str,
        client_id: str,
        secret: Callable[[], str | None],
        timeout_s: float = 15.0,
        connect_timeout_s: float = 5.0,
    ) -> None:
        parsed = urlparse(base_url)
        if parsed.scheme == "http" and parsed.hostname not in LOOPBACK:
            raise ValueError("plain http is allowed only to a loopback address")
        if parsed.scheme not in {"http", "https"}:
            raise ValueError(f"unsupported URL scheme: {parsed.scheme}")
        self.base_url = base_url.rstrip("/")
        self.client_id = client_id
        self._secret = secret
        self._timeout = (connect_timeout_s, timeout_s)
        self._session = requests.Session()
        self._session.verify = True
        self._session.trust_env = False  # no proxy surprises on a kiosk
        self._session.headers["User-Agent"] = USER_AGENT
        self._token: str | None = None
        self._lock = threading.Lock()
        # Called before every request to a bearer (rate-limited) endpoint — once for a whole
        # ``exchange()`` — where the sync engine keeps its Pacer's spacing. None: no spacing
        # (``kiosk sync --once``, tests).
        self.pace: Callable[[], None] | None = None
        self._in_exchange = False

    def close(self) -> None:
        self._session.close()

    # --- transport -------------------------------------------------------------------------

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            return self._session.request(
                method, f"{self.base_url}{path}", timeout=self._timeout, **kwargs
            )
        except requests.exceptions.ConnectTimeout as exc:
            raise NotSent(f"connect timeout: {type(exc).__name__}") from None
        except requests.exceptions.ConnectionError as exc:
            if _never_connected(exc):
                raise NotSent(f"connection refused: {type(exc).__name__}") from None
            raise OutcomeUnknown(f"connection dropped: {type(exc).__name__}") from None
        except requests.exceptions.Timeout:
            raise OutcomeUnknown("read timeout") from None
        except requests.exceptions.RequestException as exc:
            raise OutcomeUnknown(f"transport error: {type(exc).__name__}") from None

    def _authed(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        with self.exchange(), self._lock:  # spaced: alone, or as part of an open exchange
            for attempt in range(2):
                headers = dict(kwargs.pop("headers", {}) or {})
                try:
                    token = self._ensure_token()
                except SyncError as exc:  # the request itself never left
                    exc.before_request = True
                    raise
                headers["Authorization"] = f"Bearer {token}"
                response = self._send(method, path, headers=headers, **kwargs)
                if response.status_code == 401 and attempt == 0:
                    self._token = None  # expired or revoked: one new token, one retry
                    kwargs["headers"] = {k: v for k, v in headers.items() if k != "Authorization"}
                    continue
                return response
        raise AssertionError("unreachable")

    @contextmanager
    def exchange(self) -> Iterator[None]:
        """Requests that belong together (a batch and the papers it carries, which must
        reach the province first) are spaced as one: ``pace`` runs once, on entry."""
        if self.pace is not None and not self._in_exchange:
            self.pace()
        outer, self._in_exchange = self._in_exchange, True
        try:
            yield
        finally:
            self._in_exchange = outer

    def _ensure_token(self) -> str:
        if self._token is None:
            self._token = self._fetch_token()
        return self._token

    def _fetch_token(self) -> str:
        try:
            secret = self._secret()
        except Exception as exc:  # the keyring's own errors (locked, unreadable, no backend)
            raise SecretUnavailable(f"keyring unavailable ({type(exc).__name__})") from exc
        if not secret:
            raise AuthFailed("no client secret in the keyring")
        form = {"grant_type": "client_credentials", "client_id": self.client_id}
        form["client_secret"] = secret
        response = self._send("POST", "/oauth2/token", data=form)
        if response.status_code in (400, 401):
            raise AuthFailed("invalid_client")
        _raise_for_problem(response)
        body = _json(response)
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise OutcomeUnknown("token response without access_token")
        return token

    # --- API -------------------------------------------------------------------------------

    def token(self) -> str:
        """A fresh token from the token endpoint (checks the stored credentials: AuthFailed
        when the province refuses them)."""
        with self._lock:
            self._token = self._fetch_token()
            return self._token

    def health(self) -> Health:
        response = self._send("GET", "/health")
        _raise_for_problem(response)
        body = _json(response)
        server_time = None
        if isinstance(body, dict) and isinstance(body.get("time"), str):
            try:
                server_time = datetime.fromisoformat(body["time"])
            except ValueError:
                server_time = None
        date_header = None
        if response.headers.get("Date"):
            try:
                date_header = email.utils.parsedate_to_datetime(response.headers["Date"])
            except (TypeError, ValueError):
                date_header = None
        return Health(server_time, date_header)

    def submit_batch(self, items: list[dict[str, Any]], body: bytes) -> list[ItemResult]:
        """POST the batch (``body`` is its exact JSON bytes); one result per item, in order.

        Results are read one by one and matched to the items by ``id`` (contract §4: one per
        item, same order): an item without a readable result of its own — missing, a second
        one, an unrecognised status, the wrong shape — gets ``status="unknown"`` (the province
        may hold it) while the others keep theirs. Only an answer without a results list at
        all leaves the whole batch unknown (OutcomeUnknown)."""
        response = self._authed(
            "POST",
            "/submissions:batch",
            data=body,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        _raise_for_problem(response)
        parsed = _json(response)
        results = parsed.get("results") if isinstance(parsed, dict) else None
        if not isinstance(results, list):
            raise OutcomeUnknown("batch answer without a results list")
        sent = {item["id"] for item in items}
        found: dict[str, ItemResult] = {}
        twice: set[str] = set()
        for raw in results:
            raw_id = raw.get("id") if isinstance(raw, dict) else None
            if not isinstance(raw_id, str) or raw_id not in sent:
                continue  # a result for no item sent: nothing to apply it to
            if raw_id in found:
                twice.add(raw_id)
            try:
                found[raw_id] = _item_result(raw)
            except OutcomeUnknown as exc:
                found[raw_id] = ItemResult(raw_id, UNKNOWN, detail=str(exc))
        out = []
        for item in items:
            result = found.get(item["id"])
            if item["id"] in twice:
                result = ItemResult(item["id"], UNKNOWN, detail="two results for this item")
            elif result is None:
                result = ItemResult(item["id"], UNKNOWN, detail="no result for this item")
            out.append(result)
        odd = sum(1 for r in out if r.status == UNKNOWN)
        if odd:
            log.warning("batch answer: %d of %d item result(s) unreadable", odd, len(items))
        return out

    def get_submission(self, item_id: str) -> ItemResult | None:
        response = self._authed("GET", f"/submissions/{quote(item_id)}")
        if response.status_code == 404:
            if _problem(response)[0] == "not_found":  # the contract's "never stored"
                return None
            # a 404 of something else (a proxy, a wrong base URL) says nothing about the item
            raise OutcomeUnknown("404 without the problem code not_found")
        _raise_for_problem(response)
        result = _item_result(_json(response))
        if result.id != item_id:
            raise OutcomeUnknown("lookup answered for another id")
        return result

    def has_attachment(self, sha256: str) -> bool:
        response = self._authed("HEAD", f"/attachments/{sha256}")
        if response.status_code == 404:
            return False
        _raise_for_problem(response)
        return True

    def put_attachment(self, sha256: str, data: bytes, mime: str) -> None:
        response = self._authed(
            "PUT", f"/attachments/{sha256}", data=data, headers={"Content-Type": mime}
        )
        _raise_for_problem(response)

    def changes(self, since: str | None, limit: int = 500) -> ChangesPage:
        params: dict[str, Any] = {"limit": limit}
        if since:
            params["since"] = since
        response = self._authed("GET", "/changes", params=params)
        _raise_for_problem(response)
        body = _json(response)
        if not isinstance(body, dict) or not isinstance(body.get("changes"), list):
            raise OutcomeUnknown("changes answer has the wrong shape")
        nxt = body.get("next")
        if not isinstance(nxt, str):
            raise OutcomeUnknown("changes answer without a cursor")
        return ChangesPage(
            [c for c in body["changes"] if isinstance(c, dict)], nxt, bool(body.get("has_more"))
        )

    def catalog(self, etag: str | None) -> tuple[bytes, str | None] | None:
        """The catalogue body (bytes, still JSON: :func:`kiosk.catalog.model.parse_catalog_body`
        validates it as it streams) and its ETag, or None when unchanged (304)."""
        headers = {"Accept-Encoding": "gzip"}
        if etag:
            headers["If-None-Match"] = etag
        response = self._authed("GET", "/catalog", headers=headers)
        if response.status_code == 304:
            return None
        _raise_for_problem(response)
        return response.content, response.headers.get("ETag")


_NEVER_SENT = (NewConnectionError, ConnectionRefusedError, SSLCertVerificationError)


def _never_connected(exc: requests.exceptions.ConnectionError) -> bool:
    cause: BaseException | None = exc
    seen = 0
    while cause is not None and seen < 10:
        # a refused connection, or a certificate refused in the TLS handshake: no request
        # byte has left (the request is sent only over an established TLS session)
        if isinstance(cause, _NEVER_SENT):
            return True
        reason = getattr(cause, "reason", None)
        cause = reason if isinstance(reason, BaseException) else cause.__context__
        seen += 1
    return False


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except (ValueError, requests.exceptions.RequestException):
        raise OutcomeUnknown(f"answer is not JSON (HTTP {response.status_code})") from None


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, (when - datetime.now(when.tzinfo)).total_seconds())


def _problem(response: requests.Response) -> tuple[str, str]:
    try:
        body = response.json()
    except ValueError:
        return "", ""
    if not isinstance(body, dict):
        return "", ""
    return str(body.get("code") or body.get("error") or ""), str(body.get("detail") or "")


def _raise_for_problem(response: requests.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    code, detail = _problem(response)
    if status == 403 and code == "kiosk_disabled":
        raise KioskDisabled(detail)
    if status in (401, 403):
        raise AuthFailed(f"HTTP {status} {code}")
    if status in (429, 503):
        raise RetryLater(f"HTTP {status} {code}", _retry_after(response), status)
    if status == 409 and code == "idempotency_conflict":
        raise IdempotencyConflict(detail or code, status, code)
    if status in (400, 409, 413, 422):
        raise BadRequest(detail or code, status, code)
    if status >= 500:
        raise RetryLater(f"HTTP {status}", _retry_after(response), status)
    # 404/405/410…: not in the contract for this call; retrying does not help
    raise UnexpectedAnswer(f"HTTP {status} {code}", status)


UNKNOWN = "unknown"  # an ItemResult the kiosk could not read: the item's outcome is unknown
STATUSES = frozenset({"accepted", "duplicate", "rejected", "conflict", "retry_later"})


def _item_result(raw: Any) -> ItemResult:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise OutcomeUnknown("item result has the wrong shape")
    status = raw.get("status")
    if status not in STATUSES:
        raise OutcomeUnknown(f"unrecognised item status {str(status)[:40]!r}")
    raw_errors = raw.get("errors")
    errors: list[Any] = raw_errors if isinstance(raw_errors, list) else []
    return ItemResult(
        id=raw["id"],
        status=status,
        server_ref=_opt_str(raw.get("server_ref")),
        received_at=_opt_str(raw.get("received_at")),
        detail=_opt_str(raw.get("detail")),
        errors=tuple(
            {k: str(v) for k, v in e.items() if k in {"field", "code", "message"}}
            for e in errors
            if isinstance(e, dict)
        ),
    )


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
