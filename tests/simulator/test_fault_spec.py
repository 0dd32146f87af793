"""The fault SPEC grammar and the seeded decision (no HTTP here; see test_faults_http.py).

SPEC examples used below (the grammar is in ``kiosk.simulator.faults``)::

    seed=7,reset_after_commit=0.1,http503=0.05,latency=50ms,rate=20/s
    reset_after_commit@batch=1:times=1
    slow@batch=0.5:after=2s:commit=no
    http503@batch+changes=0.2:retry_after=3
    truncated=0.1:length=wrong
    rate=5/s:burst=10:scope=global
"""

from __future__ import annotations

import pytest

from kiosk.simulator.faults import (
    NO_FAULTS,
    FaultInjector,
    FaultSpecError,
    parse_faults,
)


def test_the_documented_example() -> None:
    spec = parse_faults("seed=7,reset_after_commit=0.1,http503=0.05,latency=50ms,rate=20/s")
    assert spec.seed == 7
    assert [(r.kind, r.probability) for r in spec.rules] == [
        ("reset_after_commit", 0.1),
        ("http503", 0.05),
    ]
    assert spec.latency_for("batch") == pytest.approx(0.05)
    assert spec.rate is not None
    assert (spec.rate.per_second, spec.rate.burst, spec.rate.scope) == (20, 20, "client")


def test_parameters_and_endpoints() -> None:
    spec = parse_faults(
        "slow@batch=0.5:after=2s:commit=no, http503@batch+changes=0.2:retry_after=3,"
        "truncated=1:length=wrong, reset_after_commit@batch=1:times=1, latency@changes=1.5s,"
        "rate=5/s:burst=10:scope=global"
    )
    slow, unavailable, truncated, reset = spec.rules
    assert slow.endpoints == {"batch"} and slow.after_s == 2 and slow.commit is False
    assert slow.before_processing
    assert unavailable.endpoints == {"batch", "changes"} and unavailable.retry_after == 3
    assert truncated.wrong_length and not truncated.before_processing
    assert reset.times == 1 and not reset.before_processing
    assert spec.latency_for("changes") == 1.5 and spec.latency_for("batch") == 0
    assert spec.rate is not None and spec.rate.scope == "global" and spec.rate.burst == 10


def test_commit_defaults() -> None:
    slow, http500, garbage, http500_commit = parse_faults(
        "slow=1,http500=1,garbage=1,http500=1:commit=yes"
    ).rules
    assert not slow.before_processing  # slow commits by default
    assert http500.before_processing and garbage.before_processing
    assert not http500_commit.before_processing


@pytest.mark.parametrize("text", ["", "none", "  ", None])
def test_empty_means_no_faults(text: str | None) -> None:
    assert parse_faults(text) == NO_FAULTS


@pytest.mark.parametrize(
    "text",
    [
        "explode=0.1",
        "http503",
        "http503=1.5",
        "http503=abc",
        "http503@nowhere=0.1",
        "latency=50",
        "rate=20",
        "rate=0/s",
        "slow=0.1:after=5",
        "http503=0.1:after=2s",
        "truncated=0.1:length=maybe",
        "slow=0.1:commit=perhaps",
        "seed=x",
        "http429=0.1:times=-1",
    ],
)
def test_bad_specs_are_refused(text: str) -> None:
    with pytest.raises(FaultSpecError):
        parse_faults(text)


def _outcomes(spec: str, requests: list[tuple[str, str]]) -> list[str | None]:
    injector = FaultInjector(parse_faults(spec))
    return [
        (rule.kind if (rule := injector.decide(endpoint, client)) else None)
        for endpoint, client in requests
    ]


def test_same_seed_same_faults_and_clients_do_not_disturb_each_other() -> None:
    spec = "seed=7,http503=0.3,reset_before=0.2,token_expiry=0.1"
    mine = [("batch", "A"), ("changes", "A"), ("batch", "A")] * 30
    theirs = [("batch", "B")] * 90
    alone = _outcomes(spec, mine)
    assert alone == _outcomes(spec, mine)
    interleaved = _outcomes(spec, [r for pair in zip(mine, theirs, strict=True) for r in pair])
    assert interleaved[::2] == alone  # another kiosk's traffic changes nothing for this one
    assert {"http503", "reset_before", "token_expiry", None} == set(alone)
    assert _outcomes(spec.replace("seed=7", "seed=8"), mine) != alone


def test_times_limits_and_applicability() -> None:
    assert _outcomes("http500=1:times=2", [("batch", "A")] * 4) == ["http500"] * 2 + [None] * 2
    # token_expiry and disabled need a bearer endpoint
    assert _outcomes("token_expiry=1", [("health", ""), ("batch", "A")]) == [None, "token_expiry"]
    assert _outcomes("disabled@changes=1", [("batch", "A"), ("changes", "A")]) == [
        None,
        "disabled",
    ]
    # a garbage 200 to HEAD/PUT /attachments would look like success: never drawn there
    assert _outcomes("garbage=1", [("attachment", "A"), ("batch", "A")]) == [None, "garbage"]


def test_probabilities_are_roughly_honoured() -> None:
    outcomes = _outcomes("seed=1,http503=0.25", [("batch", "A")] * 2000)
    assert 400 < outcomes.count("http503") < 600


def test_token_bucket() -> None:
    injector = FaultInjector(parse_faults("rate=2/s:burst=3"))
    waits = [injector.rate_wait("A") for _ in range(4)]
    assert waits[:3] == [0, 0, 0]
    assert 0.3 < waits[3] <= 0.5
    assert injector.rate_wait("B") == 0  # per client by default
    shared = FaultInjector(parse_faults("rate=1/s:scope=global"))
    assert shared.rate_wait("A") == 0
    assert shared.rate_wait("B") > 0
