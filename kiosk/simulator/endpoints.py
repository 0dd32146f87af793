"""The contract-v1 endpoints as functions from a :class:`Request` to a Response.

Authentication, the rate limit and faults are applied before these run (see
:mod:`kiosk.simulator.handlers`); a bearer endpoint receives the authenticated
``client_id``. Each function raises :class:`~kiosk.simulator.responses.ProblemError` for an
error answer.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import Any

from kiosk.simulator.app import Simulator
from kiosk.simulator.batch import process_batch
from kiosk.simulator.canonical import content_hash
from kiosk.simulator.responses import ProblemError, Response, json_response, problem
from kiosk.simulator.validation import BatchShapeError, BatchTooLarge, check_batch, is_uuid

API_VERSION = "1.0"
MAX_BATCH_BYTES = 2 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_FORM_BYTES = 64 * 1024
MAX_CHANGES = 500
DEFAULT_CHANGES = 100
_SHA256 = re.compile(r"[0-9a-f]{64}")
_NO_STORE = [("Cache-Control", "no-store")]


@dataclass
class Request:
    sim: Simulator
    method: str
    params: dict[str, str]
    query: dict[str, list[str]]
    headers: Message
    client_id: str  # "" on endpoints without bearer authentication
    read_body: Callable[[int], bytes]  # raises ProblemError(413) past the limit

    def query_value(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


def parse_json(body: bytes) -> Any:
    def no_constants(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    try:
        return json.loads(body.decode("utf-8"), parse_constant=no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ProblemError(400, "bad_request", "the body is not UTF-8 JSON") from None


# ----------------------------------------------------------------------------- §3 health


def health(req: Request) -> Response:
    body = {"status": "ok", "time": req.sim.clock.iso(), "api_version": API_VERSION}
    return json_response(body, headers=_NO_STORE)


# ----------------------------------------------------------------------------- §1 token


def token(req: Request) -> Response:
    try:
        form = urllib.parse.parse_qs(req.read_body(MAX_FORM_BYTES).decode("utf-8"))
    except UnicodeDecodeError:
        return _oauth_error(400, "invalid_request")
    grant = (form.get("grant_type") or [""])[0]
    if grant != "client_credentials":
        return _oauth_error(400, "unsupported_grant_type" if grant else "invalid_request")
    client_id, secret = _client_credentials(form, req.headers.get("Authorization"))
    access = req.sim.issue_token(client_id, secret) if client_id and secret else None
    if access is None:
        req.sim.state.bump({"tokens.refused": 1})
        return _oauth_error(401, "invalid_client")
    req.sim.state.bump({"tokens.issued": 1})
    body = {"access_token": access, "token_type": "Bearer", "expires_in": int(req.sim.token_ttl)}
    return json_response(body, headers=[*_NO_STORE, ("Pragma", "no-cache")])


def _client_credentials(form: dict[str, list[str]], authorization: str | None) -> tuple[str, str]:
    """From the form fields (contract) or HTTP Basic (RFC 6749 §2.3.1)."""
    if authorization and authorization[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        user, _, password = decoded.partition(":")
        return urllib.parse.unquote_plus(user), urllib.parse.unquote_plus(password)
    return (form.get("client_id") or [""])[0], (form.get("client_secret") or [""])[0]


def _oauth_error(status: int, error: str) -> Response:
    return json_response({"error": error}, status, headers=[*_NO_STORE])


# ----------------------------------------------------------------------------- §4, §5


def batch(req: Request) -> Response:
    body = parse_json(req.read_body(MAX_BATCH_BYTES))
    try:
        items = check_batch(body)
    except BatchTooLarge as exc:
        raise ProblemError(413, "too_large", str(exc)) from None
    except BatchShapeError as exc:
        raise ProblemError(400, "bad_request", str(exc)) from None
    seen: dict[str, str] = {}
    for item in items:  # §2/§4: one id, two contents in one request → 409, nothing stored
        digest = content_hash(item["kind"], item["payload"])
        if seen.setdefault(item["id"], digest) != digest:
            detail = f"id {item['id']} appears twice with different content"
            raise ProblemError(409, "idempotency_conflict", detail)
    results = process_batch(req.sim.state, req.client_id, items, req.sim.clock.now())
    return json_response({"results": results}, headers=_NO_STORE)


def submission(req: Request) -> Response:
    item_id = req.params["id"]
    if not is_uuid(item_id):
        raise ProblemError(400, "bad_request", "the id must be a UUID")
    stored = req.sim.state.item(item_id)
    if stored is None:
        raise ProblemError(404, "not_found", "no item with this id was ever stored")
    body = {
        "id": item_id,
        "status": "accepted",
        "server_ref": stored["server_ref"],
        "received_at": stored["received_at"],
        "kind": stored["kind"],
    }
    return json_response(body, headers=_NO_STORE)


# ----------------------------------------------------------------------------- §7


def _sha256_param(req: Request) -> str:
    sha256 = req.params["sha256"]
    if not _SHA256.fullmatch(sha256):
        raise ProblemError(400, "bad_request", "the path must end in 64 lower-case hex digits")
    return sha256


def attachment_head(req: Request) -> Response:
    present = req.sim.state.has_attachment(_sha256_param(req))
    return Response(200) if present else problem(404, "not_found", "no such attachment")


def attachment_put(req: Request) -> Response:
    sha256 = _sha256_param(req)
    data = req.read_body(MAX_ATTACHMENT_BYTES)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ProblemError(400, "hash_mismatch", "the SHA-256 of the body differs from the path")
    mime = req.headers.get("Content-Type")
    created = req.sim.state.put_attachment(sha256, data, mime, req.client_id, req.sim.clock.now())
    return json_response({"sha256": sha256, "size": len(data)}, 201 if created else 200)


# ----------------------------------------------------------------------------- §8


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"kdc1:{seq}".encode("ascii")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        prefix, _, number = raw.partition(":")
        if prefix != "kdc1" or not number.isdigit():
            raise ValueError(raw)
        return int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ProblemError(400, "bad_request", "'since' is not a cursor this server gave") from None


def changes(req: Request) -> Response:
    since = req.query_value("since")
    after = decode_cursor(since) if since else 0
    limit = _limit(req.query_value("limit"))
    found, has_more = req.sim.state.changes_after(req.client_id, after, limit)
    body = {
        "changes": [
            {"seq": f"c-{c['seq']:06d}", "type": c["type"], "data": c["data"]} for c in found
        ],
        "next": encode_cursor(found[-1]["seq"] if found else after),
        "has_more": has_more,
    }
    return json_response(body, headers=_NO_STORE)


def _limit(text: str | None) -> int:
    if text is None:
        return DEFAULT_CHANGES
    if not text.isdigit() or not 1 <= int(text) <= MAX_CHANGES:
        raise ProblemError(400, "bad_request", f"'limit' must be an integer 1..{MAX_CHANGES}")
    return int(text)


# ----------------------------------------------------------------------------- §9


def catalog(req: Request) -> Response:
    served = req.sim.catalog.current()
    headers = [("ETag", served.etag), ("Cache-Control", "no-cache"), ("Vary", "Accept-Encoding")]
    if served.matches(req.headers.get("If-None-Match")):
        return Response(304, headers=headers)
    if accepts_gzip(req.headers.get("Accept-Encoding")):
        headers.append(("Content-Encoding", "gzip"))
        return Response(200, served.gzipped, "application/json", headers)
    return Response(200, served.body, "application/json", headers)


def accepts_gzip(header: str | None) -> bool:
    for part in (header or "").split(","):
        name, *params = [p.strip() for p in part.split(";")]
        if name.lower() not in {"gzip", "*"}:
            continue
        weights = [p.split("=", 1)[1] for p in params if p.startswith("q=")]
        try:
            return not weights or float(weights[0]) > 0
        except ValueError:
            return False
    return False
