"""The sync engine: a background worker (never the GUI thread) and the headless runs.

* Connectivity is decided by probing ``/health``, not by the OS network flag. While offline
  and items wait, it probes at jittered intervals of 3–10 s; sending resumes right after the
  province answers again.
* Back-off with full jitter (base 1 s, cap 5 min) on transient failures, never shorter than
  ``Retry-After``; one request at a time.
* A single-instance lock (``relay.lock`` in the data home) makes sure two processes never
  relay the same database at once.
* Publishes plain-Python events (:mod:`kiosk.sync.events`).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from filelock import Timeout

from kiosk import memory
from kiosk.domain.fields import VN_TZ
from kiosk.services.context import Kiosk
from kiosk.store import secrets
from kiosk.sync import events, inbound, shared
from kiosk.sync.backoff import Backoff, Pacer
from kiosk.sync.client import ProvincialClient
from kiosk.sync.errors import (
    AuthFailed,
    BadRequest,
    KioskDisabled,
    NotSent,
    RetryLater,
    Stopping,
    SyncError,
    UnexpectedAnswer,
)
from kiosk.sync.relay import ExchangeReport, Relay, meta_set

log = logging.getLogger(__name__)
PROBE_MIN_S, PROBE_MAX_S = 3.0, 10.0
IDLE_POLL_S = 60.0  # how often /changes is polled when nothing waits
LONG_WAIT_S = 900.0  # after kiosk_disabled / auth failure
START_JITTER_S = 10.0  # a fleet powered on together (after a storm) must not hit at once
ONCE_ATTEMPTS = 4  # kiosk sync --once: a failing exchange tried so often, then the next run
ANNOUNCE_WAIT_S = 30.0  # a Retry-After this long is told to the volunteer (until when)
WAKE_LOOK_S = 1.0  # while waiting, how often the wake file ("Gửi ngay" from the app) is seen


# what an unexpected 4xx most likely means, for the technician (the status is shown too)
UNEXPECTED_HINTS = {
    404: "không có địa chỉ này, có thể server.url sai",
    405: "địa chỉ không nhận yêu cầu này, có thể server.url sai",
    410: "tỉnh có thể đã ngừng phiên bản giao diện này",
}


def province_wait_words(until: datetime) -> str:
    """What the volunteer reads while the province has asked the kiosk to wait."""
    at = until.astimezone(VN_TZ).strftime("%H:%M")
    return (
        f"Hệ thống của tỉnh đang bận và yêu cầu chờ đến {at}; kiosk sẽ tự gửi lại lúc đó. "
        f"Dữ liệu vẫn an toàn trên máy. (The province asked the kiosk to wait until {at}.)"
    )


class AlreadyRelaying(RuntimeError):
    """Another process holds this data home's relay lock."""


def secret_name(client_id: str) -> str:
    return f"client-secret:{client_id}"


def make_client(kiosk: Kiosk) -> ProvincialClient:
    client_id = kiosk.settings.get_str("server.client_id")
    return ProvincialClient(
        kiosk.settings.get_str("server.url"),
        client_id,
        lambda: secrets.get_secret(secret_name(client_id)),
        timeout_s=float(kiosk.settings.get_int("server.timeout_s")),
    )


def set_credentials(kiosk: Kiosk, client_id: str, secret: str) -> None:
    secrets.set_secret(secret_name(client_id), secret)
    kiosk.settings.set("server.client_id", client_id)


@dataclass
class SyncOnceResult:
    report: ExchangeReport
    changes: int
    error: str | None
    remaining: int


def sync_once(
    kiosk: Kiosk,
    client: ProvincialClient | None = None,
    max_rounds: int = 50,
    progress: Callable[[int, int], None] | None = None,
) -> SyncOnceResult:
    """``kiosk sync --once``: send until the queue is drained or no progress, then pull back.
    ``progress(sent, waiting)`` is told after each batch: the items sent so far in this run,
    and those that waited when it began (a retried item counts again)."""
    lock = kiosk.relay_lock
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise AlreadyRelaying(str(kiosk.layout.root)) from None
    client = client or make_client(kiosk)
    relay = Relay(kiosk, client)
    total, error, changes = ExchangeReport(), None, 0
    waited: SyncError | None = None  # the last refusal, if the province asked us to wait
    sent_so_far = 0
    backoff = Backoff()  # contract §2: 5xx and the network, full-jitter exponential back-off
    failures = 0

    def on_batch(report: ExchangeReport) -> None:
        nonlocal sent_so_far
        sent_so_far += report.sent
        if progress is not None:
            progress(sent_so_far, waiting)

    try:
        kiosk.recover_if_no_relay_locked()
        counts = relay.counts()
        waiting = counts["pending"] + counts["unknown"]
        inbound.probe_health(kiosk, client)
        for _ in range(max_rounds):
            try:
                report = relay.drain(on_batch=on_batch)
            except SyncError as exc:
                error, waited = _describe(exc), exc
                if isinstance(exc, KioskDisabled):
                    meta_set(kiosk, "sync.disabled", "1")
                if isinstance(exc, NotSent | KioskDisabled | AuthFailed | UnexpectedAnswer):
                    break  # (an unexpected 4xx: retrying does not help, the technician looks)
                if exc.retry_after:  # the province said how long to wait (§2): the next run
                    break
                failures += 1
                if failures >= ONCE_ATTEMPTS:  # the rest is left to the next run
                    break
                time.sleep(backoff.failed())  # a 5xx / no answer: later, jittered, widening
                continue
            total.add(report)
            if report.sent:  # progress: a later failure starts its back-off afresh
                failures = 0
                backoff.succeeded()
            waited = report.refused
            if waited is None:  # a round that went through: an earlier round's error is past
                error = None
            else:  # a lookup refused: the batches went; stop here
                error = _describe(waited)
                if isinstance(waited, KioskDisabled):
                    meta_set(kiosk, "sync.disabled", "1")
                break
            if report.sent == 0:
                break
        if (error is None or total.sent) and not isinstance(waited, RetryLater | KioskDisabled):
            # (the province asked us to wait: /changes and /catalog wait for the next run)
            try:
                changes = inbound.pull_changes(kiosk, client)
                inbound.refresh_catalog(kiosk, client)
            except SyncError as exc:
                error = error or _describe(exc)
    except SyncError as exc:
        error = _describe(exc)
    finally:
        client.close()
        lock.release()
    counts = relay.counts()
    remaining = counts["pending"] + counts["unknown"] + counts["in_flight"]
    return SyncOnceResult(total, changes, error, remaining)


def _describe(exc: SyncError) -> str:
    """The error as the technician reads it: what happened, what to do; the class and the
    transport's words go to the log."""
    # a refusal's detail is the province's own words, which may name a person: not logged
    said = getattr(exc, "code", "") if isinstance(exc, BadRequest | KioskDisabled) else exc.detail
    log.warning("sync stopped: %s: %s", type(exc).__name__, said)
    what = exc.message.split(";")[0]
    if isinstance(exc, UnexpectedAnswer) and exc.status:
        what = f"{what} (HTTP {exc.status}: {UNEXPECTED_HINTS.get(exc.status, 'mã lạ')})"
    return f"{what}. {exc.advice} (mã lỗi: {type(exc).__name__})"


@dataclass
class SyncEngine:
    """The background worker inside the app, and ``kiosk sync --daemon``."""

    kiosk: Kiosk
    bus: events.EventBus = field(default_factory=events.EventBus)
    client: ProvincialClient | None = None
    rng: random.Random = field(default_factory=random.Random)
    online: bool | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _wake: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    pacer: Pacer = field(default_factory=Pacer)
    _worked: bool = False  # items were sent since the queue was last empty
    _asked: bool = False  # "Gửi ngay" not yet honoured
    _hurry: bool = False  # this drain was asked for by "Gửi ngay": no spacing inside it

    _wake_file: shared.WakeFile | None = None  # "Gửi ngay" from the app when we are the daemon

    def start(self) -> None:
        lock = self.kiosk.relay_lock
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise AlreadyRelaying(str(self.kiosk.layout.root)) from None
        self.kiosk.recover_if_no_relay_locked()
        self._wake_file = shared.WakeFile(self.kiosk.layout.root)
        self._thread = threading.Thread(target=self._run, name="kiosk-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            shared.publish(self.kiosk, stopped=True)  # not "connected" once nobody relays
        self.kiosk.relay_lock.release(force=True)

    def send_now(self) -> None:
        """The volunteer's "Gửi ngay": stop waiting and try at once. The request holds until
        the engine next tries (a probe while offline, a drain online): no wait of the cycle
        in between — pacing, idle — can swallow it."""
        self._asked = True
        self._wake.set()

    def _sleep(self, seconds: float) -> None:
        """Wait, cut short by "Gửi ngay" (in this process, or the app's through the wake
        file) or by stop() — which also cuts every later wait."""
        if self._asked:
            return
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if self._wake.wait(min(left, WAKE_LOOK_S)):
                break
            if self._wake_file is not None and self._wake_file.asked():
                self._asked = True
                break
        if not self._stop.is_set():
            self._wake.clear()

    def _wait_after(self, wait_s: float, retry_after: float | None) -> None:
        """Wait ``wait_s`` after a refusal. The part the province asked for (``Retry-After``,
        contract §2, §10) is not cut short by "Gửi ngay" — only by stop(): a fleet pressing it
        after an outage would otherwise come back at once. A "Gửi ngay" pressed meanwhile is
        honoured right after it; the volunteer is told until when (long waits)."""
        firm = min(wait_s, retry_after or 0.0)
        if firm > 0:
            if firm >= ANNOUNCE_WAIT_S:
                until = datetime.now(UTC) + timedelta(seconds=firm)
                self.bus.publish(
                    events.ALERT, code="RetryLater", message=province_wait_words(until)
                )
            self._hold(firm)
            if self._stop.is_set():
                return
        self._sleep(wait_s - firm)

    def _hold(self, seconds: float) -> None:
        """Wait, cut short by stop() alone (not by "Gửi ngay")."""
        self._stop.wait(seconds)

    def _space_request(self) -> None:
        """Before each request to a rate-limited endpoint: keep the pacer's spacing (not in
        a drain the volunteer asked for with "Gửi ngay"; a refusal still ends that drain)."""
        if not self._hurry:
            self._sleep(self.pacer.wait_s())
        if self._stop.is_set():  # closing: no new request leaves
            raise Stopping("the sync worker is stopping")
        self.pacer.requested()

    def _exchanged(self) -> None:
        now = datetime.now(UTC)
        shared.publish(self.kiosk, exchanged_at=now)  # the app reads it when we are the daemon
        self.bus.publish(events.EXCHANGE_DID_SUCCEED, at=now.isoformat())

    def _set_online(self, online: bool, asked: bool = False) -> None:
        """``asked``: the probe a volunteer's "Gửi ngay" asked for — its answer is told even
        when nothing changed (the dashboard waits for it)."""
        if online != self.online or asked:
            if online != self.online:
                log.info("connectivity: %s", "online" if online else "offline")
            self.online = online
            shared.publish(self.kiosk, online=online, checked_at=datetime.now(UTC))
            self.bus.publish(events.CONNECTIVITY_DID_CHANGE, online=online)

    def _run(self) -> None:
        client = self.client or make_client(self.kiosk)
        relay = Relay(self.kiosk, client, self.bus, rng=self.rng)
        backoff = Backoff(rng=self.rng)
        self.pacer = Pacer(rng=self.rng)
        client.pace = self._space_request
        self._sleep(self.rng.uniform(0, START_JITTER_S))  # "Gửi ngay" cuts it short
        while not self._stop.is_set():
            try:
                self._cycle(client, relay, backoff)
            except Exception:  # the worker must never die silently
                log.exception("sync cycle failed")
                self._sleep(backoff.failed())
        client.close()

    def _cycle(self, client: ProvincialClient, relay: Relay, backoff: Backoff) -> None:
        if not self.online:
            asked, self._asked = self._asked, False  # honoured by this probe
            try:
                inbound.probe_health(self.kiosk, client)
            except SyncError as exc:
                self._set_online(False, asked=asked)
                probe_s = self.rng.uniform(PROBE_MIN_S, PROBE_MAX_S)
                # a province that answers its health check with 503 + Retry-After (after an
                # outage, to every kiosk at once) is asked again only when it said
                retry_after = exc.retry_after if isinstance(exc, RetryLater) else None
                self._wait_after(max(probe_s, retry_after or 0.0), retry_after)
                return
            self._asked = self._asked or asked  # ... and by the drain right after it
            self._set_online(True)
            backoff.succeeded()
            self.pacer.joined()  # slow start: the first request goes now, the next ones spaced
        try:
            self._hurry, self._asked = self._asked, False  # honoured by this drain
            paced = self.pacer.pacing and not self._hurry
            report = relay.drain(max_batches=1 if paced else 20)
            self._worked = self._worked or report.sent > 0
            if report.refused is not None:  # a lookup refused: wait as for a batch refused
                if report.sent:  # ... after an exchange that did happen
                    self._exchanged()
                raise report.refused
            if (report.sent == 0 and not paced) or self._hurry:  # time to hear what came back
                applied = inbound.pull_changes(self.kiosk, client)
                if applied:  # statuses, notices: the screens read them again
                    shared.publish(self.kiosk, changes_at=datetime.now(UTC))
                    self.bus.publish(events.CHANGES_APPLIED, count=applied)
                if inbound.refresh_catalog(self.kiosk, client) or self._worked:
                    memory.give_back()  # after a drain or a new catalogue: tens of MB
                self._worked = False
            # While the kiosk spaces its requests (the province is busy, or it has just
            # rejoined) /changes and /catalog wait for the next poll: the queue goes first.
        except Stopping:
            return
        except NotSent:
            self._set_online(False)
            return
        except (KioskDisabled, AuthFailed) as exc:
            if isinstance(exc, KioskDisabled):
                meta_set(self.kiosk, "sync.disabled", "1")  # shown by doctor; nothing deleted
            self.bus.publish(events.ALERT, code=type(exc).__name__, message=exc.message)
            self._sleep(LONG_WAIT_S)
            return
        except SyncError as exc:
            if isinstance(exc, RetryLater):  # the requests after the wait are spaced wider
                self.pacer.limited(exc.retry_after)
            self._wait_after(backoff.failed(exc.retry_after), exc.retry_after)
            return
        finally:
            self._hurry = False
        backoff.succeeded()
        self._exchanged()
        if report.sent == 0:
            self._sleep(IDLE_POLL_S)
