"""Exponential back-off with full jitter (base 1 s, cap 5 min), on a monotonic clock.

``delay = uniform(0, min(cap, base * 2**failures))``; when the province names a ``Retry-After``
the jitter comes ON TOP of it (a fleet told "1 s" must not come back together at 1.0 s).

:class:`Pacer` keeps a spacing between the kiosk's requests to the province's rate-limited
(bearer) endpoints — every batch (with the papers it carries: one exchange), reconciliation,
``/changes`` and ``/catalog``, not only between drains, so one kiosk's chain never leaves in
one burst:

* after a 429/503 the spacing doubles (at least ``Retry-After``);
* after (re)joining the province it starts at ``SLOW_START_S`` (*slow start*, as TCP does):
  the first request goes at once — sending resumes as soon as the province answers — and the
  next ones are spaced, so a fleet that comes back within the same few seconds does not send
  its follow-up requests on top of its own first wave;
* the spacing halves every ``HALF_LIFE_S`` seconds without a refusal, until it is gone.

A spacing that relaxes with time, not with each answer, lets the kiosks that are still busy at
the end of a fleet's drain speed up again, while a fleet that sends too fast is told so by
429s and slows down (additive-increase/multiplicative-decrease, on the time scale of the
refusals): measured in ``bench/bench_sync.py`` (fleet of 200 kiosks).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
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
PACE_GROWTH = 2.0  # per refusal
PACE_FLOOR_S = 0.25  # below this the kiosk sends at full speed again
SLOW_START_S = 8.0  # the spacing after (re)joining: about the time a fleet takes to come back
HALF_LIFE_S = 10.0  # the spacing halves every 10 s without a refusal


@dataclass
class Pacer:
    rng: random.Random = field(default_factory=random.Random)
    clock: Callable[[], float] = time.monotonic
    cap_s: float = PACE_CAP_S
    base_pace_s: float = 0.0  # the spacing set at ``since`` (it decays from there)
    since: float = 0.0
    last_request: float | None = None  # clock() when the last spaced request left

    @property
    def pace_s(self) -> float:
        """The spacing now: the last one set, halved for every ``HALF_LIFE_S`` since."""
        if not self.base_pace_s:
            return 0.0
        pace = self.base_pace_s * 0.5 ** ((self.clock() - self.since) / HALF_LIFE_S)
        return pace if pace >= PACE_FLOOR_S else 0.0

    @property
    def pacing(self) -> bool:
        return self.pace_s > 0

    def joined(self) -> None:
        """The kiosk has just (re)joined the province: its next request goes at once, the ones
        after it are spaced (slow start). Never shortens a spacing the province asked for."""
        self.last_request = None
        if self.pace_s < SLOW_START_S:
            self.base_pace_s, self.since = SLOW_START_S, self.clock()

    def limited(self, retry_after: float | None) -> None:
        """The province said 429/503: space requests twice as far apart (≥ Retry-After).
        The refused request itself is retried after the back-off (``Retry-After`` + full
        jitter, the contract's rule); the wider spacing holds for the requests after it."""
        pace = min(self.cap_s, max(retry_after or BASE_S, PACE_GROWTH * self.pace_s))
        self.base_pace_s, self.since = pace, self.clock()
        self.last_request = None

    def wait_s(self) -> float:
        """How long to wait before the next request: the spacing, jittered ±50 %, counted
        from the last request (0 when not pacing, or for the first request after joining)."""
        pace = self.pace_s
        if not pace or self.last_request is None:
            return 0.0
        due = self.last_request + self.rng.uniform(0.5, 1.5) * pace
        return max(0.0, due - self.clock())

    def requested(self) -> None:
        """A spaced request leaves now."""
        self.last_request = self.clock()
