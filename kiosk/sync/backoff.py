"""Exponential back-off with full jitter (base 1 s, cap 5 min), on a monotonic clock.

``delay = uniform(0, min(cap, base * 2**failures))``; when the province names a ``Retry-After``
the jitter comes ON TOP of it (a fleet told "1 s" must not come back together at 1.0 s).
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
