"""Back-off: full jitter, growing to the cap, never below Retry-After, jitter on top of it."""

from __future__ import annotations

import random

from kiosk.sync.backoff import Backoff


def test_full_jitter_grows_to_the_cap() -> None:
    backoff = Backoff(rng=random.Random(1))
    delays = [backoff.failed() for _ in range(20)]
    assert all(0 <= d <= min(300.0, 2.0**i) for i, d in enumerate(delays))
    assert max(delays[10:]) > 60  # it really grows
    backoff.succeeded()
    assert backoff.failed() <= 1.0


def test_retry_after_is_a_floor_and_jitter_keeps_growing() -> None:
    backoff = Backoff(rng=random.Random(2))
    delays = [backoff.failed(retry_after=1.0) for _ in range(12)]
    assert all(d >= 1.0 for d in delays)
    assert max(delays[8:]) > 10  # a fleet told "1 s" spreads out more and more
    fleet = [Backoff(rng=random.Random(seed)).failed(retry_after=1.0) for seed in range(200)]
    assert len({round(d, 3) for d in fleet}) > 150  # not all back at 1.0 s
