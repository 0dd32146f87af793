"""Back-off: full jitter, growing to the cap, never below Retry-After, jitter on top of it."""

from __future__ import annotations

import random
from dataclasses import dataclass

from kiosk.sync.backoff import HALF_LIFE_S, PACE_CAP_S, SLOW_START_S, Backoff, Pacer


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


@dataclass
class FakeClock:
    """The pacer's monotonic clock, moved by the test."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


def make_pacer(seed: int) -> tuple[Pacer, FakeClock]:
    clock = FakeClock()
    return Pacer(rng=random.Random(seed), clock=clock), clock


def test_pacer_doubles_on_refusals_and_halves_with_time() -> None:
    pacer, clock = make_pacer(3)
    assert not pacer.pacing and pacer.wait_s() == 0.0
    pacer.limited(retry_after=1.0)
    assert pacer.pace_s == 1.0
    for expected in (2.0, 4.0, 8.0):
        pacer.limited(retry_after=1.0)
        assert pacer.pace_s == expected
    clock.now += HALF_LIFE_S
    assert pacer.pace_s == 4.0  # ten seconds without a refusal: half the spacing
    pacer.limited(retry_after=1.0)
    assert pacer.pace_s == 8.0
    pacer.limited(retry_after=12.0)  # never below what the province asked for
    assert pacer.pace_s == 16.0
    pacer.limited(retry_after=20.0)
    assert pacer.pace_s == PACE_CAP_S  # doubled, but capped
    clock.now += HALF_LIFE_S * 6.9  # 30 s halved 6.9 times: 0.25 s, the floor
    assert pacer.pacing
    clock.now += HALF_LIFE_S * 0.2
    assert not pacer.pacing and pacer.wait_s() == 0.0  # full speed again


def test_waits_are_counted_from_the_last_request_and_jittered() -> None:
    pacer, clock = make_pacer(4)
    pacer.limited(retry_after=4.0)
    pacer.requested()
    waits = []
    for _ in range(300):
        waits.append(pacer.wait_s())
    assert min(waits) >= 2.0 - 1e-9 and max(waits) <= 6.0 + 1e-9  # ±50 % of 4 s
    assert max(waits) - min(waits) > 3.0  # a fleet told the same does not come back together
    clock.now += 1.5  # time already spent since that request counts (and the spacing decays)
    pace = pacer.pace_s
    assert 3.5 < pace < 4.0
    low, high = pace / 2 - 1.5 - 1e-9, pace * 1.5 - 1.5 + 1e-9
    assert all(low <= pacer.wait_s() <= high for _ in range(99))
    clock.now += 10.0
    assert pacer.wait_s() == 0.0


def test_slow_start_first_request_at_once_then_spaced() -> None:
    pacer, clock = make_pacer(5)
    pacer.requested()  # a request before the outage
    pacer.joined()
    assert pacer.pace_s == SLOW_START_S
    assert pacer.wait_s() == 0.0  # sending resumes the moment the province answers
    pacer.requested()
    assert SLOW_START_S * 0.5 <= pacer.wait_s() <= SLOW_START_S * 1.5
    clock.now += HALF_LIFE_S
    assert pacer.pace_s == SLOW_START_S / 2
    pacer.limited(retry_after=1.0)
    assert pacer.pace_s == SLOW_START_S  # a refusal doubles the decayed spacing ...
    assert pacer.wait_s() == 0.0  # ... for the requests after the refused one, which the
    pacer.requested()  # engine retries after the back-off (Retry-After + full jitter)
    assert pacer.wait_s() >= SLOW_START_S / 2 - 1e-9
    pacer.limited(retry_after=1.0)
    pacer.joined()  # rejoining never shortens a spacing the province asked for
    assert pacer.pace_s == 2 * SLOW_START_S


def test_a_fleet_in_slow_start_spreads_its_second_requests() -> None:
    """200 kiosks that joined in the same second send their second request over ≥ 8 s."""
    seconds = []
    for seed in range(200):
        pacer, _ = make_pacer(seed)
        pacer.joined()
        pacer.requested()
        seconds.append(pacer.wait_s())
    assert min(seconds) >= SLOW_START_S / 2 - 1e-9
    assert max(seconds) - min(seconds) > SLOW_START_S * 0.9
