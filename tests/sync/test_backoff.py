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


def test_pacer_spaces_requests_after_refusals_and_relaxes_on_success() -> None:
    from kiosk.sync.backoff import PACE_CAP_S, Pacer

    pacer = Pacer(rng=random.Random(3))
    assert not pacer.pacing and pacer.wait_s() == 0.0
    pacer.limited(retry_after=1.0)
    assert pacer.pace_s == 1.0
    for expected in (2.0, 4.0, 8.0):
        pacer.limited(retry_after=1.0)
        assert pacer.pace_s == expected
    pacer.succeeded()
    assert pacer.pace_s == 8.0 * 0.85
    pacer.limited(retry_after=1.0)
    assert round(pacer.pace_s, 6) == round(2 * 8.0 * 0.85, 6)
    waits = [pacer.wait_s() for _ in range(200)]
    assert min(waits) >= 6.8
    assert max(waits) <= 20.4
    assert max(waits) - min(waits) > 6.0
    for _ in range(10):
        pacer.limited(None)
    assert pacer.pace_s == PACE_CAP_S
    successes = 0
    while pacer.pacing:
        pacer.succeeded()
        successes += 1
    assert 25 <= successes <= 35  # back to full speed after a few dozen answered requests


def test_slow_start_after_joining_halves_per_answer_until_gone() -> None:
    from kiosk.sync.backoff import SLOW_START_S, Pacer

    pacer = Pacer(rng=random.Random(5))
    pacer.joined()
    assert pacer.pace_s == SLOW_START_S and pacer.starting
    paces = []
    while pacer.pacing:
        pacer.succeeded()
        paces.append(pacer.pace_s)
    assert paces == [1.0, 0.5, 0.25, 0.0]  # full speed after four answered requests
    pacer.joined()
    pacer.succeeded()
    pacer.limited(retry_after=1.0)  # a refusal ends the slow start: the gentle relaxing again
    assert pacer.pace_s == 2.0 and not pacer.starting
    pacer.succeeded()
    assert pacer.pace_s == 2.0 * 0.85
    pacer.limited(retry_after=1.0)
    pacer.limited(retry_after=1.0)
    pacer.joined()  # rejoining never shortens a spacing the province asked for
    assert pacer.pace_s == 4 * 2.0 * 0.85 and not pacer.starting
