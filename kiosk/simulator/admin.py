"""Control endpoints under ``/_sim/`` (loopback callers only; no auth, no faults).

========================  ================================================================
``GET  /_sim/stats``      counters, fault SPEC, item/change counts, clients, config, time
``GET  /_sim/items``      ``{"items": [...]}`` every stored item (id, kind, payload, ref …)
``GET  /_sim/changes``    ``{"changes": [...]}`` the whole feed, with ``client_id``
``POST /_sim/clients``    ``{"client_id", "client_secret"}`` register or re-key → 201
``POST /_sim/disable``    ``{"client_id"}`` → every bearer call answers 403 kiosk_disabled
``POST /_sim/enable``     ``{"client_id"}``
``POST /_sim/expire_tokens``  ``{"client_id"?}`` revoke tokens (all when absent)
``POST /_sim/faults``     ``{"spec": "seed=7,http503=0.1"}`` replace the fault SPEC
``POST /_sim/dossier_status``  ``{"id", "TrangThaiHoSo", "MaHoSo"?, "NgayHenTra"?,
                          "GhiChu"?}`` publish a status change for a stored dossier
``POST /_sim/notices``    ``{"level", "title", "body", "MaXa"?, "valid_from"?,
                          "valid_until"?, "notice_id"?}`` publish a notice → 201
``POST /_sim/notices/withdraw``  ``{"notice_id"}`` publish ``notice_withdrawn``
``POST /_sim/changes``    ``{"type", "data", "client_id"?}`` any change, e.g. an unknown type
``POST /_sim/config``     ``{"token_ttl"?, "clock_skew_s"?}``
``POST /_sim/catalog``    a catalogue document (contract §9 shape) to serve from now on
========================  ================================================================
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from kiosk.catalog.model import CatalogError
from kiosk.simulator.app import Simulator
from kiosk.simulator.clock import iso
from kiosk.simulator.faults import FaultSpecError
from kiosk.simulator.responses import ProblemError, Response, json_response

DEFAULT_WARDS = ["22366"]
_Handler = Callable[[Simulator, Any], Response]


def handle(sim: Simulator, method: str, path: str, body: Any) -> Response:
    """Answer one control request; ``body`` is the decoded JSON (None for GET)."""
    route = _ROUTES.get((method, path))
    if route is None:
        raise ProblemError(404, "not_found", f"no control endpoint {method} {path}")
    if method == "POST" and not isinstance(body, dict):
        raise ProblemError(400, "bad_request", "the body must be a JSON object")
    return route(sim, body)


def _need(body: dict[str, Any], key: str, kind: type = str) -> Any:
    value = body.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) or value in ("", None):
        raise ProblemError(400, "bad_request", f"'{key}' is required ({kind.__name__})")
    return value


def _stats(sim: Simulator, _body: Any) -> Response:
    return json_response(sim.stats())


def _items(sim: Simulator, _body: Any) -> Response:
    return json_response({"items": sim.state.items()})


def _all_changes(sim: Simulator, _body: Any) -> Response:
    return json_response({"changes": sim.state.changes()})


def _register(sim: Simulator, body: dict[str, Any]) -> Response:
    client_id = _need(body, "client_id")
    sim.state.register_client(client_id, _need(body, "client_secret"), sim.clock.now())
    return json_response({"client_id": client_id}, 201)


def _switch(disabled: bool) -> _Handler:
    def switch(sim: Simulator, body: dict[str, Any]) -> Response:
        client_id = _need(body, "client_id")
        if not sim.state.set_client_disabled(client_id, disabled):
            raise ProblemError(404, "not_found", "no such client")
        return json_response({"client_id": client_id, "disabled": disabled})

    return switch


def _expire(sim: Simulator, body: dict[str, Any]) -> Response:
    client_id = body.get("client_id")
    return json_response({"expired": sim.tokens.expire(client_id if client_id else None)})


def _faults(sim: Simulator, body: dict[str, Any]) -> Response:
    try:
        spec = sim.set_faults(str(body.get("spec") or ""))
    except FaultSpecError as exc:
        raise ProblemError(400, "bad_request", str(exc)) from None
    return json_response({"faults": spec.text or "none"})


def _dossier_status(sim: Simulator, body: dict[str, Any]) -> Response:
    try:
        data = sim.state.publish_dossier_status(
            _need(body, "id"),
            _need(body, "TrangThaiHoSo", int),
            ma_ho_so=body.get("MaHoSo"),
            ngay_hen_tra=body.get("NgayHenTra"),
            ghi_chu=body.get("GhiChu"),
            now=sim.clock.now(),
        )
    except KeyError:
        raise ProblemError(404, "not_found", "no stored dossier with this id") from None
    except ValueError as exc:
        raise ProblemError(400, "bad_request", str(exc)) from None
    return json_response(data)


def _notice(sim: Simulator, body: dict[str, Any]) -> Response:
    now = sim.clock.now()
    wards = body.get("MaXa") or DEFAULT_WARDS
    try:
        data = sim.state.publish_notice(
            _need(body, "level"),
            _need(body, "title"),
            _need(body, "body"),
            wards=[str(w) for w in wards],
            valid_from=str(body.get("valid_from") or iso(now)),
            valid_until=body.get("valid_until") or iso(now + timedelta(days=7)),
            notice_id=body.get("notice_id"),
            now=now,
        )
    except ValueError as exc:
        raise ProblemError(400, "bad_request", str(exc)) from None
    return json_response(data, 201)


def _withdraw(sim: Simulator, body: dict[str, Any]) -> Response:
    notice_id = _need(body, "notice_id")
    try:
        seq = sim.state.withdraw_notice(notice_id, sim.clock.now())
    except KeyError:
        raise ProblemError(404, "not_found", "no such notice") from None
    return json_response({"notice_id": notice_id, "seq": seq})


def _change(sim: Simulator, body: dict[str, Any]) -> Response:
    data = body.get("data") or {}
    if not isinstance(data, dict):
        raise ProblemError(400, "bad_request", "'data' must be an object")
    seq = sim.state.publish_change(
        _need(body, "type"), data, body.get("client_id"), sim.clock.now()
    )
    return json_response({"seq": seq}, 201)


def _config(sim: Simulator, body: dict[str, Any]) -> Response:
    if "token_ttl" in body:
        sim.token_ttl = _number(body, "token_ttl")
    if "clock_skew_s" in body:
        sim.clock.set_skew(_number(body, "clock_skew_s"))
    return json_response({"token_ttl": sim.token_ttl, "clock_skew_s": sim.clock.skew_s})


def _number(body: dict[str, Any], key: str) -> float:
    value = body[key]
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ProblemError(400, "bad_request", f"'{key}' must be a number")
    return float(value)


def _catalog(sim: Simulator, body: dict[str, Any]) -> Response:
    try:
        served = sim.catalog.replace(body)
    except CatalogError as exc:
        raise ProblemError(400, "bad_request", exc.message_en) from None
    return json_response({"version": served.version, "etag": served.etag, "count": served.count})


_ROUTES: dict[tuple[str, str], _Handler] = {
    ("GET", "/_sim/stats"): _stats,
    ("GET", "/_sim/items"): _items,
    ("GET", "/_sim/changes"): _all_changes,
    ("POST", "/_sim/clients"): _register,
    ("POST", "/_sim/disable"): _switch(True),
    ("POST", "/_sim/enable"): _switch(False),
    ("POST", "/_sim/expire_tokens"): _expire,
    ("POST", "/_sim/faults"): _faults,
    ("POST", "/_sim/dossier_status"): _dossier_status,
    ("POST", "/_sim/notices"): _notice,
    ("POST", "/_sim/notices/withdraw"): _withdraw,
    ("POST", "/_sim/changes"): _change,
    ("POST", "/_sim/config"): _config,
    ("POST", "/_sim/catalog"): _catalog,
}
