"""Seeded fault injection: the fault SPEC, its parser, and the per-request decision.

SPEC grammar (``--faults SPEC``, ``POST /_sim/faults``, ``RunningSimulator.set_faults``)::

    SPEC      := "" | "none" | ENTRY ("," ENTRY)*
    ENTRY     := "seed=" INT
               | KIND ["@" ENDPOINTS] "=" PROB (":" PARAM)*
               | "latency" ["@" ENDPOINTS] "=" DURATION
               | "rate=" NUMBER "/s" (":" RATEPARAM)*
    ENDPOINTS := ENDPOINT ("+" ENDPOINT)*      # default: every endpoint
    ENDPOINT  := health | token | batch | submission | attachment | changes | catalog
    PROB      := a number in [0, 1]            # chance per request
    PARAM     := "times=" INT                  # fire at most INT times (then never)
               | "after=" DURATION             # slow: answer after this long (default 30s)
               | "commit=" BOOL                # slow (default yes), http500, http502,
                                               # garbage (no)
               | "retry_after=" INT            # http429 / http503: Retry-After seconds (1)
               | "length=" ("correct"|"wrong") # truncated: Content-Length of the cut body
                                               # (correct, default) or of the full body
    RATEPARAM := "burst=" INT | "scope=" ("client" | "global")
    DURATION  := NUMBER ("ms" | "s")
    BOOL      := yes | no | true | false | 1 | 0

Example: ``seed=7,reset_after_commit@batch=0.1,http503=0.05:retry_after=2,latency=50ms,
rate=20/s``.

KINDS — what the client observes:

* ``reset_before`` — the connection is reset after the request line and headers; nothing is
  read or processed (``requests`` raises ``ConnectionError``).
* ``reset_after_commit`` — the request is processed and COMMITTED, then the connection is
  reset without an answer (``ConnectionError``; ``GET /submissions/{id}`` shows the items).
* ``http500`` — 500 problem ``internal``; with ``commit=yes`` the work is done first.
* ``http502`` — 502 with a gateway's HTML page (not a problem body), as a reverse proxy
  answers when the province behind it is down; with ``commit=yes`` the work is done first.
* ``http409`` — 409 problem ``idempotency_conflict`` for the whole batch (§2); nothing is
  processed. ``batch`` only. (Without faults the simulator answers it to a batch that holds
  one id twice with different content.)
* ``odd_status`` — the batch is processed and committed, then the FIRST item's result
  carries a status outside the contract's five (``"queued"``) and an unknown field. ``batch``
  only.
* ``short_results`` — the batch is processed and committed, then the answer lacks the LAST
  item's result. ``batch`` only.
* ``hash_mismatch`` — a ``PUT /attachments/{sha256}`` is answered 400 ``hash_mismatch`` and
  nothing is stored (§7); a HEAD it is drawn for is answered as usual.
* ``http503`` / ``http429`` — 503 ``unavailable`` / 429 ``rate_limited`` with
  ``Retry-After``; nothing is processed.
* ``slow`` — the answer comes after ``after``; with ``commit=yes`` the work is committed at
  once and the real answer is sent late; with ``commit=no`` nothing is done and a 504
  problem is sent late.
* ``garbage`` — 200 with an HTML (non-JSON) body; ``commit=yes`` processes first. Never on
  ``attachment``: a 200 to HEAD/PUT there carries nothing a client reads, so a garbage 200
  would be indistinguishable from "present"/"stored".
* ``truncated`` — the real answer (processed and committed) with its JSON body cut in half;
  ``length=correct`` sends a Content-Length matching the cut body (the client reads invalid
  JSON), ``length=wrong`` announces the full length and closes early (an incomplete read).
* ``token_expiry`` — 401 ``WWW-Authenticate: Bearer error="invalid_token"`` although the
  token is valid (bearer endpoints only).
* ``disabled`` — 403 ``kiosk_disabled`` (bearer endpoints only); not persisted.
* ``latency`` — a fixed delay added to every matching request (no probability).
* ``rate`` — a token bucket (per client, or one for all with ``scope=global``) over the
  bearer endpoints; an empty bucket gives 429 ``rate_limited`` with ``Retry-After``.

Determinism: every (client, endpoint) pair has its own random stream seeded from
``seed``; each request draws once per rule that matches its endpoint, in SPEC order, and the
first rule whose draw is below its probability fires. The same SPEC and the same sequence
of requests from each client give the same faults, whatever other clients do. A client is
known by its bearer token; ``health`` and ``token`` calls share one anonymous stream. A rule
without ``@`` also hits ``health`` and ``token`` (a client must get its token through faults).
"""

from __future__ import annotations

import dataclasses
import math
import random
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

ENDPOINTS = ("health", "token", "batch", "submission", "attachment", "changes", "catalog")
BEARER_ENDPOINTS = frozenset({"batch", "submission", "attachment", "changes", "catalog"})
KINDS = (
    "reset_before",
    "reset_after_commit",
    "http500",
    "http502",
    "http409",
    "odd_status",
    "short_results",
    "hash_mismatch",
    "http503",
    "http429",
    "slow",
    "garbage",
    "truncated",
    "token_expiry",
    "disabled",
)
_COMMIT_DEFAULT = {"slow": True, "http500": False, "http502": False, "garbage": False}
_ALWAYS_COMMITS = frozenset({"reset_after_commit", "truncated", "odd_status", "short_results"})
_BATCH_ONLY = frozenset({"http409", "odd_status", "short_results"})
_KEY = re.compile(r"([a-z_0-9]+)(?:@([a-z+]+))?")
_DURATION = re.compile(r"([0-9]+(?:\.[0-9]+)?)(ms|s)")
_BOOLS = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


class FaultSpecError(ValueError):
    """A SPEC that does not follow the grammar (the message says where)."""


@dataclass(frozen=True, slots=True)
class FaultRule:
    kind: str
    probability: float
    endpoints: frozenset[str] = frozenset()  # empty: every endpoint
    times: int | None = None
    after_s: float = 30.0
    commit: bool = False
    retry_after: int = 1
    wrong_length: bool = False

    def matches(self, endpoint: str) -> bool:
        return not self.endpoints or endpoint in self.endpoints

    def applies(self, endpoint: str) -> bool:
        """Whether this kind can happen on ``endpoint``: the auth faults need a bearer call;
        ``garbage`` never hits ``attachment``, whose 200 has no body a client reads (a
        garbage 200 to HEAD or PUT would be indistinguishable from success)."""
        if self.kind in {"token_expiry", "disabled"}:
            return endpoint in BEARER_ENDPOINTS
        if self.kind in _BATCH_ONLY:
            return endpoint == "batch"
        if self.kind == "hash_mismatch":
            return endpoint == "attachment"
        return not (self.kind == "garbage" and endpoint == "attachment")

    @property
    def before_processing(self) -> bool:
        """True when the fault replaces the work; False when it follows committed work."""
        if self.kind in _ALWAYS_COMMITS:
            return False
        return not self.commit


@dataclass(frozen=True, slots=True)
class Latency:
    seconds: float
    endpoints: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class RateLimit:
    per_second: float
    burst: float
    scope: str = "client"  # or "global"


@dataclass(frozen=True, slots=True)
class FaultSpec:
    seed: int = 0
    rules: tuple[FaultRule, ...] = ()
    latency: tuple[Latency, ...] = ()
    rate: RateLimit | None = None
    text: str = ""

    def latency_for(self, endpoint: str) -> float:
        return sum(x.seconds for x in self.latency if not x.endpoints or endpoint in x.endpoints)


NO_FAULTS = FaultSpec()


# ----------------------------------------------------------------------------- parsing


def parse_faults(text: str | FaultSpec | None) -> FaultSpec:
    """Parse a SPEC (see the module docstring); ``None``, ``""`` and ``"none"``: no faults."""
    if isinstance(text, FaultSpec):
        return text
    source = (text or "").strip()
    if source in {"", "none"}:
        return NO_FAULTS
    seed, rules, latency, rate = 0, [], [], None
    for raw in source.split(","):
        entry = raw.strip()
        if not entry:
            continue
        key, sep, value = entry.partition("=")
        if not sep:
            raise FaultSpecError(f"{entry!r}: expected NAME=VALUE")
        match = _KEY.fullmatch(key.strip())
        if not match:
            raise FaultSpecError(f"{entry!r}: bad name {key!r}")
        name, endpoints = match.group(1), _endpoints(match.group(2), entry)
        if name == "seed":
            seed = _int(value, entry)
        elif name == "latency":
            latency.append(Latency(_duration(value, entry), endpoints))
        elif name == "rate":
            rate = _rate(value, entry)
        elif name in KINDS:
            rules.append(_rule(name, endpoints, value, entry))
        else:
            raise FaultSpecError(f"{entry!r}: unknown fault {name!r} (known: {', '.join(KINDS)})")
    return FaultSpec(seed, tuple(rules), tuple(latency), rate, source)


def _endpoints(text: str | None, entry: str) -> frozenset[str]:
    if not text:
        return frozenset()
    names = frozenset(text.split("+"))
    unknown = sorted(names - set(ENDPOINTS))
    if unknown:
        raise FaultSpecError(f"{entry!r}: unknown endpoint {unknown[0]!r}")
    return names


def _rule(kind: str, endpoints: frozenset[str], value: str, entry: str) -> FaultRule:
    probability_text, *params = value.split(":")
    probability = _number(probability_text, entry)
    if not 0 <= probability <= 1:
        raise FaultSpecError(f"{entry!r}: probability must be between 0 and 1")
    commit = _COMMIT_DEFAULT.get(kind, kind in _ALWAYS_COMMITS)
    rule = FaultRule(kind, probability, endpoints, commit=commit)
    for param in params:
        name, sep, raw = param.partition("=")
        if not sep:
            raise FaultSpecError(f"{entry!r}: parameter {param!r} needs a value")
        rule = dataclasses.replace(rule, **_param(kind, name, raw, entry))
    return rule


def _param(kind: str, name: str, raw: str, entry: str) -> dict[str, Any]:
    if name == "times":
        return {"times": _int(raw, entry)}
    if name == "after" and kind == "slow":
        return {"after_s": _duration(raw, entry)}
    if name == "commit" and kind in _COMMIT_DEFAULT:
        if raw.lower() not in _BOOLS:
            raise FaultSpecError(f"{entry!r}: commit must be yes or no")
        return {"commit": _BOOLS[raw.lower()]}
    if name == "retry_after" and kind in {"http429", "http503"}:
        return {"retry_after": _int(raw, entry)}
    if name == "length" and kind == "truncated":
        if raw not in {"correct", "wrong"}:
            raise FaultSpecError(f"{entry!r}: length must be correct or wrong")
        return {"wrong_length": raw == "wrong"}
    raise FaultSpecError(f"{entry!r}: {kind} takes no parameter {name!r}")


def _rate(value: str, entry: str) -> RateLimit:
    rate_text, *params = value.split(":")
    if not rate_text.endswith("/s"):
        raise FaultSpecError(f"{entry!r}: rate must look like 20/s")
    per_second = _number(rate_text[:-2], entry)
    if per_second <= 0:
        raise FaultSpecError(f"{entry!r}: rate must be positive")
    burst, scope = max(1.0, per_second), "client"
    for param in params:
        name, _, raw = param.partition("=")
        if name == "burst":
            burst = float(_int(raw, entry))
        elif name == "scope" and raw in {"client", "global"}:
            scope = raw
        else:
            raise FaultSpecError(f"{entry!r}: bad rate parameter {param!r}")
    return RateLimit(per_second, burst, scope)


def _duration(text: str, entry: str) -> float:
    match = _DURATION.fullmatch(text.strip())
    if not match:
        raise FaultSpecError(f"{entry!r}: a duration looks like 50ms or 2s")
    amount = float(match.group(1))
    return amount / 1000 if match.group(2) == "ms" else amount


def _number(text: str, entry: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise FaultSpecError(f"{entry!r}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise FaultSpecError(f"{entry!r}: {text!r} is not a finite number")
    return value


def _int(text: str, entry: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise FaultSpecError(f"{entry!r}: {text!r} is not an integer") from None
    if value < 0:
        raise FaultSpecError(f"{entry!r}: {text!r} must not be negative")
    return value


# ----------------------------------------------------------------------------- deciding


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class FaultInjector:
    """Draws the fault for each request and keeps the rate-limit buckets (thread-safe)."""

    spec: FaultSpec = NO_FAULTS
    _streams: dict[tuple[str, str], random.Random] = field(default_factory=dict)
    _fired: dict[int, int] = field(default_factory=dict)
    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def replace(self, spec: FaultSpec) -> None:
        """Use a new SPEC; random streams, ``times`` counts and buckets start afresh."""
        with self._lock:
            self.spec = spec
            self._streams.clear()
            self._fired.clear()
            self._buckets.clear()

    def decide(self, endpoint: str, client: str) -> FaultRule | None:
        """The fault for this request, or None; ``client`` keys the random stream."""
        with self._lock:
            stream = self._streams.get((client, endpoint))
            if stream is None:
                stream = random.Random(f"{self.spec.seed}/{client}/{endpoint}")
                self._streams[(client, endpoint)] = stream
            chosen: FaultRule | None = None
            for index, rule in enumerate(self.spec.rules):
                if not rule.matches(endpoint):
                    continue
                draw = stream.random()
                fired = self._fired.get(index, 0)
                if (
                    chosen is None
                    and draw < rule.probability
                    and rule.applies(endpoint)
                    and (rule.times is None or fired < rule.times)
                ):
                    self._fired[index] = fired + 1
                    chosen = rule
            return chosen

    def latency(self, endpoint: str) -> float:
        return self.spec.latency_for(endpoint)

    def rate_wait(self, client: str) -> float:
        """0 when the request may pass, else seconds until the bucket has a token."""
        rate = self.spec.rate
        if rate is None:
            return 0.0
        key = client if rate.scope == "client" else ""
        now = time.monotonic()
        with self._lock:
            bucket = self._buckets.setdefault(key, _Bucket(rate.burst, now))
            bucket.tokens = min(rate.burst, bucket.tokens + (now - bucket.stamp) * rate.per_second)
            bucket.stamp = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / rate.per_second
