"""Exponential back-off with full jitter (base 1 s, cap 5 min), on a monotonic clock.

``delay = uniform(0, min(cap, base * 2**failures))``; when the province names a ``Retry-After``
the jitter comes ON TOP of it (a fleet told "1 s" must not come back together at 1.0 s).

:class:`Pacer` remembers that the province is rate-limiting: after a 429/503 the kiosk keeps
a spacing between its requests (doubled at each refusal, at least ``Retry-After``), which
shrinks gently (15 % per answered request) as requests succeed — so a fleet that reconnects
together settles at what the province can take instead of retrying in waves
(additive-increase/multiplicative-decrease on the request rate).
A kiosk that has just (re)joined starts paced too (*slow start*, as TCP does): its first
request goes at once — sending resumes as soon as the province answers — and the spacing
halves with each answered request until it is gone, so a fleet coming back together does
not send each kiosk's whole chain (token, uploads, batch, changes, catalogue) in one second.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

BASE_S = 1.0
CAP_S = 300.0


@dataclass
class Backoff:
    base_s: float = BASE_S
    cap_s: float = CAP_S
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0
    not_before: float = 0.0  # time.monotonic() value

    def failed(self, retry_after: float | None = None) -> float:
        """Record a failure; returns the delay chosen (seconds)."""
        ceiling = min(self.cap_s, self.base_s * (2 ** min(self.failures, 30)))
        delay = self.rng.uniform(0, ceiling)
        if retry_after is not None:
            delay = retry_after + self.rng.uniform(0, ceiling)
        self.failures += 1
        self.not_before = time.monotonic() + delay
        return delay

    def succeeded(self) -> None:
        self.failures = 0
        self.not_before = 0.0

    def wait_s(self) -> float:
        return max(0.0, self.not_before - time.monotonic())


PACE_CAP_S = 30.0
PACE_SHRINK = 0.85  # per success: the rate grows ~18 % per answered request
PACE_GROWTH = 2.0  # per refusal
PACE_FLOOR_S = 0.25  # below this the kiosk sends at full speed again
SLOW_START_S = 2.0  # the spacing after (re)joining: 2 → 1 → 0.5 → 0.25 s, then none


@dataclass
class Pacer:
    rng: random.Random = field(default_factory=random.Random)
    pace_s: float = 0.0
    cap_s: float = PACE_CAP_S
    starting: bool = False  # slow start: no refusal since (re)joining

    def joined(self) -> None:
        """The kiosk has just (re)joined the province: space its next requests (slow start)."""
        if self.pace_s < SLOW_START_S:
            self.pace_s, self.starting = SLOW_START_S, True

    def limited(self, retry_after: float | None) -> None:
        """The province said 429/503: space requests twice as far apart (≥ Retry-After)."""
        self.pace_s = min(self.cap_s, max(retry_after or BASE_S, PACE_GROWTH * self.pace_s))
        self.starting = False

    def succeeded(self) -> None:
        shrunk = self.pace_s * (0.5 if self.starting else PACE_SHRINK)
        self.pace_s = 0.0 if shrunk < PACE_FLOOR_S else shrunk
        self.starting = self.starting and self.pace_s > 0

    @property
    def pacing(self) -> bool:
        return self.pace_s > 0

    def wait_s(self) -> float:
        """The pause before the next request: the pace, jittered ±50 % (0 when not pacing)."""
        return self.rng.uniform(0.5, 1.5) * self.pace_s if self.pace_s else 0.0
