"""A refused lookup of a withdrawn item in doubt (``GET /submissions/{id}``, contract §5) is
waited for like a refused batch (contract §2), by the engine and by ``kiosk sync --once``;
and a batch whose token could not be had never stays claimed.

Real data home, the real simulator on 127.0.0.1, the real client and relay."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import update

from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator
from kiosk.store import secrets
from kiosk.store.db import write_session
from kiosk.store.models import OutboxItem, utcnow
from kiosk.sync import events
from kiosk.sync.backoff import Backoff
from kiosk.sync.client import ProvincialClient
from kiosk.sync.engine import SyncEngine, sync_once
from kiosk.sync.errors import AuthFailed, RetryLater, SyncError
from kiosk.sync.relay import ExchangeReport, Relay, meta_get
from tests.sync.conftest import CLIENT_ID, SECRET, client_for, connect
from tests.sync.test_relay_purge_race import (
    TWO_DAYS,
    WithdrawingClient,
    item,
    resident,
    states,
    visits,
)


def _one_in_doubt(kiosk: Kiosk, province: RunningSimulator, rng: random.Random) -> str:
    """A dossier withdrawn while its batch's answer was lost, its lookup due now."""
    cccd, mine = resident(kiosk, rng, 4)
    province.set_faults("reset_after_commit@batch=1:times=1")
    with pytest.raises(SyncError):
        Relay(kiosk, WithdrawingClient(province.base_url, kiosk, cccd)).drain()
    with write_session(kiosk.engine) as session:
        session.execute(
            update(OutboxItem).where(OutboxItem.id == mine).values(doubt_since=utcnow() - TWO_DAYS)
        )
    province.set_faults("none")
    return mine


def test_the_engine_waits_after_a_refused_lookup(kiosk: Kiosk, province: RunningSimulator) -> None:
    """The batches went (and the UI is told of that exchange); then the lookup's 503 with
    Retry-After 600: the engine sleeps at least that long and pulls no /changes first."""
    rng = random.Random(2207)
    connect(kiosk, province.base_url)
    _one_in_doubt(kiosk, province, rng)
    ids = visits(kiosk, rng, 3)
    province.set_faults("http503@submission=1:times=1:retry_after=600")
    client = client_for(province.base_url)
    engine = SyncEngine(kiosk, client=client, rng=random.Random(1))
    engine.online = True
    seen: list[str] = []
    engine.bus.subscribe(lambda name, data: seen.append(name))
    sleeps: list[float] = []
    engine._sleep = sleeps.append  # type: ignore[method-assign]
    engine._cycle(client, Relay(kiosk, client, engine.bus), Backoff(rng=random.Random(1)))
    assert states(kiosk, ids) == ["accepted"] * 3
    assert events.EXCHANGE_DID_SUCCEED in seen
    assert province.state.counter("requests.changes") == 0
    assert sleeps and sleeps[0] >= 600
    assert engine.pacer.pacing


def test_sync_once_stops_and_pulls_nothing_after_a_refused_lookup(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    rng = random.Random(2207)
    connect(kiosk, province.base_url)
    mine = _one_in_doubt(kiosk, province, rng)
    visits(kiosk, rng, 3)
    province.set_faults("http503@submission=1:times=1:retry_after=600")
    count = province.state.counter
    before = (count("requests.changes"), count("requests.catalog"))
    result = sync_once(kiosk, client_for(province.base_url))
    assert result.report.sent == 3 and "RetryLater" in (result.error or "")
    assert (count("requests.changes"), count("requests.catalog")) == before
    assert item(kiosk, mine).doubt_since is not None


def test_sync_once_records_a_kiosk_switched_off_on_a_lookup(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    rng = random.Random(2207)
    connect(kiosk, province.base_url)
    _one_in_doubt(kiosk, province, rng)
    visits(kiosk, rng, 1)
    province.set_faults("disabled@submission=1")
    result = sync_once(kiosk, client_for(province.base_url))
    assert "KioskDisabled" in (result.error or "")
    assert meta_get(kiosk, "sync.disabled") == "1"  # shown red by kiosk doctor


def test_a_keyring_failure_getting_the_token_leaves_the_batch_waiting(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    """Before: the keyring's own error left the claimed items ``in_flight`` until a restart
    made them ``unknown``. Now it is ``AuthFailed`` before the request: back to pending."""
    ids = visits(kiosk, random.Random(2207), 2)
    calls = {"n": 0}

    def secret() -> str:
        calls["n"] += 1
        if calls["n"] == 1:
            raise secrets.KeyringUnavailable("keyring locked")
        return SECRET

    relay = Relay(kiosk, ProvincialClient(province.base_url, CLIENT_ID, secret, timeout_s=5.0))
    with pytest.raises(AuthFailed):
        relay.drain()
    assert states(kiosk, ids) == ["pending"] * 2
    assert [item(kiosk, i).attempts for i in ids] == [0, 0]
    assert relay.drain().done == 2


def test_reports_add_up_and_keep_the_last_refusal() -> None:
    first, refused, last = ExchangeReport(sent=1), ExchangeReport(sent=2), ExchangeReport(sent=3)
    refused.refused = RetryLater("HTTP 503 unavailable", 600)
    first.add(refused)
    first.add(last)
    assert (first.sent, first.refused) == (6, refused.refused)
