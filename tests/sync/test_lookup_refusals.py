"""A refused lookup of a withdrawn item in doubt (``GET /submissions/{id}``, contract §5) is
waited for like a refused batch (contract §2), by the engine and by ``kiosk sync --once``;
and a batch whose token could not be had never stays claimed.

Real data home, the real simulator on 127.0.0.1, the real client and relay."""

from __future__ import annotations

import random
import sqlite3

import pytest
from sqlalchemy import update

from kiosk.services import doctor_reach
from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator
from kiosk.store import secrets
from kiosk.store.db import write_session
from kiosk.store.models import OutboxItem, utcnow
from kiosk.sync import events
from kiosk.sync.backoff import Backoff
from kiosk.sync.client import ProvincialClient
from kiosk.sync.engine import SyncEngine, sync_once
from kiosk.sync.errors import AuthFailed, RetryLater, SecretUnavailable, SyncError
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
    engine._hold = sleeps.append  # type: ignore[method-assign]  # (the Retry-After part)
    engine._cycle(client, Relay(kiosk, client, engine.bus), Backoff(rng=random.Random(1)))
    assert states(kiosk, ids) == ["accepted"] * 3
    assert events.EXCHANGE_DID_SUCCEED in seen
    assert province.state.counter("requests.changes") == 0
    assert sleeps and sum(sleeps) >= 600 and sleeps[0] >= 600  # what the province said first
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


def test_sync_once_does_not_resend_inside_a_batchs_retry_after(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    """A 503 with Retry-After 600 on the batch: the run ends there (it used to resend after
    5 s and pull /changes and /catalog, all inside the wait); the next run sends."""
    ids = visits(kiosk, random.Random(2207), 3)
    connect(kiosk, province.base_url)
    province.set_faults("http503@batch=1:times=1:retry_after=600")
    count = province.state.counter
    result = sync_once(kiosk, client_for(province.base_url))
    assert count("requests.batch") == 1
    assert (count("requests.changes"), count("requests.catalog")) == (0, 0)
    assert "RetryLater" in (result.error or "") and states(kiosk, ids) == ["pending"] * 3
    again = sync_once(kiosk, client_for(province.base_url))
    assert (again.error, again.remaining, again.report.done) == (None, 0, 3)


def test_sync_once_after_a_passing_500_ends_without_an_error(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    """A 500 with no Retry-After, then the resend goes through: the run ends well (the
    self-test reads ``error``), and the items are done once."""
    ids = visits(kiosk, random.Random(2207), 2)
    connect(kiosk, province.base_url)
    province.set_faults("http500@batch=1:times=1:commit=yes")
    result = sync_once(kiosk, client_for(province.base_url))
    assert (result.error, result.remaining) == (None, 0)
    assert states(kiosk, ids) == ["duplicate"] * 2  # stored by the 500'd request: resent, known
    assert len(province.state.items()) == 2


def test_an_answer_that_cannot_be_recorded_does_not_leave_the_batch_claimed(
    kiosk: Kiosk, province: RunningSimulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The province answered but the kiosk could not record it (the database refused the
    write): the items become ``unknown``, not stuck ``in_flight``; the next drain resends them
    and the province says it has them."""
    ids = visits(kiosk, random.Random(2207), 2)
    relay = Relay(kiosk, client_for(province.base_url))
    real_apply = Relay._apply
    calls = {"n": 0}

    def failing_apply(self: Relay, *args: object, **kwargs: object) -> ExchangeReport:
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.OperationalError("database or disk is full")
        return real_apply(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Relay, "_apply", failing_apply)
    with pytest.raises(sqlite3.OperationalError):
        relay.drain()
    assert states(kiosk, ids) == ["unknown"] * 2
    assert relay.drain().done == 2
    assert states(kiosk, ids) == ["duplicate"] * 2 and len(province.state.items()) == 2


def test_a_locked_keyring_is_not_said_to_be_the_province_refusing(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    def locked() -> str:
        raise secrets.KeyringUnavailable("keyring locked")

    client = ProvincialClient(province.base_url, CLIENT_ID, locked, timeout_s=5.0)
    with pytest.raises(SecretUnavailable) as refused:
        client.token()
    assert "kho khóa" in refused.value.message and "từ chối" not in refused.value.message
    check = doctor_reach._token(client)
    assert check.status == "red" and "kho khóa" in check.hint_vi
    assert "Tỉnh từ chối" not in check.hint_vi
