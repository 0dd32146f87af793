"""Benchmark of the outbox relay and the sync engine against the provincial simulator.

Run ``.venv/bin/python bench/bench_sync.py`` (``--quick`` for a short run); ``bench/run.py``
puts the Markdown section that :func:`run` returns into ``docs/performance.md``.

The province is the real simulator (:class:`kiosk.simulator.SimulatorProcess`: a child
process serving HTTP on 127.0.0.1, so it has a core of its own, as a server would).

1. **Drain.** One data home holding 10,000 queued items (``--quick``: 2,000), made by the
   save path (:func:`kiosk.services.records.save_record`): dossiers (some with a small
   scanned paper, a few the province refuses), payments and registrations naming an earlier
   dossier (``depends_on``), feedback and visits. It is drained by
   :class:`kiosk.sync.relay.Relay` with 0 ms and with 50 ms of latency added to every request
   (fault SPEC ``latency=50ms``), in the same run:

   * **batched** — the relay as it ships (≤ 100 items and ≤ 2 MiB a request);
   * **one per request** — :class:`OnePerRequestRelay`, the same relay with ``max_items``
     held at 1 (one POST per item, as OpenRosa-style clients do); the same code, database
     writes, attachment uploads and client, so only the batching differs. One item per
     request at 50 ms takes ≥ 500 s for 10,000 items, so it is measured on the first
     :attr:`Config.single` items of the same queue and extrapolated linearly (items/s of
     the subset); the report says so.

   Each variant drains its own copy of the home into its own, fresh simulator; afterwards
   :func:`verify` checks exactly-once: every item the kiosk holds as done is stored once at
   the simulator (one ``accepted`` answer), content-equal to the frozen payload, and
   nothing else is stored.

2. **Fleet.** 200 kiosks (``--quick``: 50), each a data home of its own holding 20–50
   queued items and its own client id (setting ``server.client_id``, secret in the keyring,
   registered at the simulator), each running the shipped
   :class:`kiosk.sync.engine.SyncEngine` thread (health probe, relay, ``/changes``,
   ``/catalog``, back-off with full jitter honouring ``Retry-After``), in two worker
   processes (:func:`fleet_worker`; one per core). Every engine thread waits on one event
   (:class:`GatedEngine`) and all are released at the same moment against ONE simulator
   that rate-limits every bearer endpoint with one global token bucket
   (``rate=20/s:burst=40:scope=global``). The simulator runs with ``--verbose``, so its log
   holds one timestamped line per answered request: requests/s are counted from it in
   1-second intervals (peak = the busiest whole second, mean = all requests ÷ the drain
   time). The drain ends when the last kiosk's queue is empty (each engine's
   ``outbox_did_change`` event); then every engine is stopped and :func:`verify` checks the
   simulator's state: nothing stored twice, each kiosk's items stored exactly once. CPU of
   the kiosk processes and of the simulator is read from ``/proc`` every second. The fleet
   runs twice (the back-off is random; ``--quick``: once), each run bounded by
   :attr:`Config.fleet_deadline_s`.

The queues are built once and cached under ``bench/out/sync-*`` keyed by the schema head
revision (and :data:`BUILDER_VERSION`); each run works on copies in ``bench/out/work-sync/``,
removed afterwards. Everything stored is synthetic (``kiosk.domain.samples``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import math
import multiprocessing
import os
import queue
import random
import re
import shutil
import sqlite3
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

import kiosk
from kiosk.domain.samples import sample_payload
from kiosk.services import catalog, records
from kiosk.services.context import Kiosk
from kiosk.simulator import REFUSAL_MARKER, SimulatorProcess
from kiosk.simulator.handlers import BASE_PATH, find_route
from kiosk.simulator.responses import ProblemError
from kiosk.store import migrate, outbox, secrets
from kiosk.store.db import read_session
from kiosk.store.models import ItemState, OutboxItem, utcnow
from kiosk.sync import events
from kiosk.sync.client import ProvincialClient
from kiosk.sync.engine import SyncEngine, make_client, set_credentials
from kiosk.sync.errors import SyncError
from kiosk.sync.relay import ExchangeReport, Relay, meta_set

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
WORK = OUT / "work-sync"
BUILDER_VERSION = 1  # bump when a builder's output changes: the cache key includes it

# The queued mix (weights): dossiers first, as at a busy support point.
MIX: tuple[tuple[str, int], ...] = (
    ("dossier", 35),
    ("payment", 20),
    ("registration", 15),
    ("feedback", 10),
    ("visit", 20),
)
ACTORS = ("TNV01", "TNV02", "TNV03", "TNV04")
LINK_SHARE = 0.6  # payments / registrations naming an earlier dossier (depends_on)
PAPER_SHARE = 0.05  # dossiers with one scanned paper
PAPER_BYTES = 2000
REFUSE_SHARE = 0.01  # dossiers the province refuses (the simulator's refusal marker)

DRAIN_CLIENT = "KIOSK-56-22366-01"
DRAIN_SECRET = "bench-drain-secret"  # synthetic, bench data only
LATENCIES_MS = (0, 50)
DRAIN_DEADLINE_S = 900.0

SAMPLE_PERIOD_S = 1.0
BEARER = ("batch", "submission", "attachment", "changes", "catalog")

TARGET_SPEEDUP = 20.0  # batched ≥ 20× one per request, at 50 ms
TARGET_DRAIN_S = 30.0  # 10,000 items in < 30 s at 50 ms
TARGET_DRAIN_ITEMS = 10_000
TARGET_PEAK_RATIO = 3.0  # fleet: peak requests/s ≤ 3× mean


@dataclass(frozen=True)
class Config:
    drain_items: int
    single: dict[int, int]  # latency ms -> items measured one per request
    fleet_kiosks: int
    fleet_items: tuple[int, int]  # items per kiosk, inclusive range
    rate: float  # the simulator's global token bucket, requests/s
    burst: int
    fleet_deadline_s: float
    fleet_workers: int  # processes the kiosks run in (kiosks ÷ workers engine threads each)
    fleet_runs: int  # the fleet is run this many times (the back-off is random)


FULL_RUN = Config(10_000, {0: 1000, 50: 500}, 200, (20, 50), 20.0, 40, 150.0, 2, 2)
QUICK_RUN = Config(2_000, {0: 200, 50: 100}, 50, (20, 50), 20.0, 40, 90.0, 2, 1)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- helpers


def keyring_of(root: Path) -> AbstractContextManager[None]:
    """The file keyring of one bench data home (``root/keyring.cfg``), as in the tests."""
    return secrets.file_keyring(root / "keyring.cfg")


def checkpoint(opened: Kiosk) -> None:
    """Fold the WAL into the database file, so a copied home is self-contained."""
    with opened.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def waiting(counts: dict[str, int]) -> int:
    return counts["pending"] + counts["in_flight"] + counts["unknown"]


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest rank on the sorted values (same rule as bench_save / bench_search)."""
    ordered = sorted(values)
    position = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[position]


def fleet_client(n: int) -> tuple[str, str]:
    return f"KIOSK-56-B{n:03d}", f"bench-fleet-secret-{n:03d}"


# ----------------------------------------------------------------------------- building


@dataclass
class Seeded:
    items: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    papers: int = 0
    refused: int = 0
    depends: int = 0  # items with depends_on (payments / registrations naming a dossier)


def seed_queue(opened: Kiosk, n: int, rng: random.Random, papers_dir: Path) -> Seeded:
    """Exactly ``n`` queued items through the save path (postal-return dossiers also save
    their linked registration, as in production; refused dossiers get no dependents)."""
    out = Seeded()
    dependable: list[str] = []
    papers_dir.mkdir(parents=True, exist_ok=True)
    kinds, weights = [k for k, _ in MIX], [w for _, w in MIX]
    while out.items < n:
        kind = rng.choices(kinds, weights)[0] if out.items < n - 1 else "visit"
        payload = sample_payload(kind, rng, utcnow())
        if "dossier_id" in payload:
            use = dependable and rng.random() < LINK_SHARE
            payload["dossier_id"] = rng.choice(dependable) if use else None
            out.depends += bool(use)
        refuse = kind == "dossier" and rng.random() < REFUSE_SHARE
        if refuse:
            payload["TrichYeuHoSo"] = f"{REFUSAL_MARKER} hồ sơ thử (bench)"
            payload["HinhThucNhanKetQua"] = 0
            out.refused += 1
        elif kind == "dossier" and rng.random() < PAPER_SHARE:
            paper = papers_dir / f"scan-{out.items}.pdf"
            paper.write_bytes(b"%PDF-1.4 scan " + rng.randbytes(PAPER_BYTES))
            payload["TaiLieuNop"] = [
                {"path": str(paper), "MaThanhPhanHoSo": "TP1", "mime": "application/pdf"}
            ]
            out.papers += 1
        saved = records.save_record(opened, kind, payload, rng.choice(ACTORS))
        if kind == "dossier" and not refuse:
            dependable.append(saved.item_id)
        out.kinds[kind] += 1
        out.kinds["registration"] += len(saved.linked)
        out.depends += len(saved.linked)
        out.items += 1 + len(saved.linked)
    return out


@dataclass
class BuildInfo:
    what: str
    items: int
    seconds: float
    built_at: str
    revision: str
    extra: dict[str, Any] = field(default_factory=dict)


def _info(what: str, items: int, start: float, extra: dict[str, Any]) -> BuildInfo:
    built_at = utcnow().isoformat(timespec="seconds")
    seconds = time.perf_counter() - start
    return BuildInfo(what, items, seconds, built_at, migrate.head_revision(), extra)


def build_drain_home(root: Path, n: int) -> BuildInfo:
    """``root/home`` (+ ``root/keyring.cfg``): one kiosk with ``n`` queued items."""
    start = time.perf_counter()
    with keyring_of(root):
        opened = Kiosk.open(root / "home")
        try:
            catalog.ensure_loaded(opened)
            set_credentials(opened, DRAIN_CLIENT, DRAIN_SECRET)
            seeded = seed_queue(opened, n, random.Random(10_000), root / "papers")
            checkpoint(opened)
        finally:
            opened.close()
    shutil.rmtree(root / "papers", ignore_errors=True)
    extra = {
        "kinds": dict(seeded.kinds),
        "papers": seeded.papers,
        "refused": seeded.refused,
        "depends": seeded.depends,
    }
    return _info("drain", seeded.items, start, extra)


def build_fleet(root: Path, kiosks: int, items: tuple[int, int]) -> BuildInfo:
    """``root/kiosks/NNN`` data homes sharing ``root/keyring.cfg`` (one install, copied: the
    same data key), each with its own kiosk code, receipt prefix, client id and secret and
    its own 20–50 queued items (saved separately: copied items would share their ids)."""
    start = time.perf_counter()
    rng = random.Random(200)
    template = root / "template"
    listing: list[tuple[str, int]] = []
    totals: Counter[str] = Counter()
    with keyring_of(root):
        opened = Kiosk.open(template)
        try:
            catalog.ensure_loaded(opened)
            checkpoint(opened)
        finally:
            opened.close()
        for n in range(kiosks):
            home = root / "kiosks" / f"{n:03d}"
            shutil.copytree(template, home)
            opened = Kiosk.open(home)
            try:
                client_id, secret = fleet_client(n)
                opened.settings.set("kiosk.code", client_id)
                opened.settings.set("kiosk.receipt_prefix", f"B{n:03d}")
                set_credentials(opened, client_id, secret)
                count = rng.randint(*items)
                seeded = seed_queue(opened, count, random.Random(n), root / "papers")
                checkpoint(opened)
            finally:
                opened.close()
            listing.append((client_id, seeded.items))
            totals.update(seeded.kinds)
            totals.update(papers=seeded.papers, refused=seeded.refused, depends=seeded.depends)
            if (n + 1) % 50 == 0:
                _log(f"  built {n + 1} of {kiosks} kiosks")
    shutil.rmtree(template)
    shutil.rmtree(root / "papers", ignore_errors=True)
    extra = {"kiosks": listing, "totals": dict(totals)}
    return _info("fleet", sum(c for _, c in listing), start, extra)


def cached(
    what: str, size: str, builder: Callable[[Path], BuildInfo]
) -> tuple[Path, BuildInfo, bool]:
    """The built store (directory, build facts, whether it came from the cache)."""
    target = OUT / f"sync-{what}-{size}-schema{migrate.head_revision()}-b{BUILDER_VERSION}"
    info_file = target / "build.json"
    if info_file.exists():
        return target, BuildInfo(**json.loads(info_file.read_text(encoding="utf-8"))), True
    for stale in OUT.glob(f"sync-{what}-{size}-*"):  # an older schema's build: not kept
        shutil.rmtree(stale, ignore_errors=True)
    partial = target.with_name(target.name + ".partial")
    partial.mkdir(parents=True)
    _log(f"building {what} store {size} in {partial}")
    info = builder(partial)
    (partial / "build.json").write_text(json.dumps(asdict(info), indent=2), encoding="utf-8")
    partial.rename(target)
    return target, info, False


def work_copy(source: Path, name: str) -> Path:
    """A fresh copy of a cached build; then ``sync``, so the copy's writeback does not land
    in the timed fsyncs."""
    target = WORK / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("build.json"))
    os.sync()
    return target


# ----------------------------------------------------------------------------- checking


@dataclass
class Check:
    """Exactly-once, from the simulator's state and the kiosks' outboxes."""

    stored: int = 0  # items the simulator stores
    done: int = 0  # local items accepted/duplicate
    rejected: int = 0
    waiting: int = 0  # local items not sent (the one-per-request subset leaves many)
    duplicate_answers: int = 0  # "duplicate" answers given (a resend, not a second copy)
    stored_twice: int = 0  # ids stored more than once, or accepted more than once
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.stored_twice == 0

    def text(self) -> str:
        if self.ok:
            return (
                f"exactly once: {self.stored:,} stored = {self.done:,} done locally, each once "
                f"and content-equal; {self.rejected:,} refused (marker), nothing stored twice"
            )
        return f"**FAILED**: {self.stored_twice} stored twice; " + "; ".join(self.problems[:5])


def verify(
    kiosks: Sequence[tuple[str, Kiosk]],
    stored: list[dict[str, Any]],
    answers: list[dict[str, Any]],
    complete: bool,
) -> Check:
    """Every local done item stored once at the simulator, content-equal; nothing else stored;
    refused items carry the refusal marker; ``complete``: nothing left waiting."""
    check = Check(stored=len(stored))
    ids = Counter(str(s["id"]).lower() for s in stored)
    accepted = Counter(a["item_id"] for a in answers if a["status"] == "accepted")
    check.duplicate_answers = sum(1 for a in answers if a["status"] == "duplicate")
    check.stored_twice = sum(c - 1 for c in ids.values() if c > 1)
    check.stored_twice += sum(c - 1 for c in accepted.values() if c > 1)
    by_client: dict[str, dict[str, dict[str, Any]]] = {}
    for entry in stored:
        by_client.setdefault(entry["client_id"], {})[str(entry["id"]).lower()] = entry
    for client_id, opened in kiosks:
        mine = by_client.pop(client_id, {})
        with read_session(opened.engine) as session:
            local = list(session.execute(select(OutboxItem)).scalars())
            frozen = {i.id.lower(): outbox.wire_item(opened.cipher, i) for i in local}
        done = {i.id.lower() for i in local if i.state in (ItemState.ACCEPTED, ItemState.DUPLICATE)}
        check.done += len(done)
        if set(mine) != done:
            check.problems.append(
                f"{client_id}: {len(done - set(mine))} done but not stored, "
                f"{len(set(mine) - done)} stored but not done"
            )
        for item_id, entry in mine.items():
            wire = frozen.get(item_id)
            if wire is None or entry["payload"] != wire["payload"] or entry["kind"] != wire["kind"]:
                check.problems.append(f"{client_id}: content differs for {item_id}")
            if accepted[item_id] != 1:
                check.problems.append(f"{client_id}: {item_id} accepted {accepted[item_id]}×")
        for item in local:
            if item.state == ItemState.REJECTED:
                check.rejected += 1
                text = str(frozen[item.id.lower()]["payload"].get("TrichYeuHoSo"))
                if REFUSAL_MARKER not in text:
                    check.problems.append(f"{client_id}: {item.id} rejected without the marker")
            elif item.state in (ItemState.PENDING, ItemState.IN_FLIGHT, ItemState.UNKNOWN):
                check.waiting += 1
            elif item.state not in (ItemState.ACCEPTED, ItemState.DUPLICATE):
                check.problems.append(f"{client_id}: {item.id} left {item.state}")
    if complete and check.waiting:
        check.problems.append(f"{check.waiting} items still waiting")
    if by_client:
        check.problems.append(f"items stored for unknown clients: {sorted(by_client)[:3]}")
    return check


# ----------------------------------------------------------------------------- drain


class OnePerRequestRelay(Relay):
    """The shipped relay, one item per request: ``max_items`` is put back to 1 before every
    batch (``Relay._send`` doubles it after each success, "recovering" toward 100)."""

    def send_next_batch(self) -> ExchangeReport | None:
        self.max_items = 1
        return super().send_next_batch()


@dataclass
class DrainRun:
    latency_ms: int
    variant: str  # "batched" | "one per request"
    queue: int  # items queued
    sent: int  # items sent in the timed part (the subset for one per request)
    seconds: float
    http_s: float  # inside ProvincialClient._send: request out → answer in (server included)
    requests: dict[str, int]  # simulator counters: requests.<endpoint>
    batches: int
    errors: int
    check: Check
    measured_all: bool

    @property
    def per_s(self) -> float:
        return self.sent / self.seconds

    @property
    def projected_s(self) -> float:
        """Time for the whole queue: measured, or extrapolated from the subset's items/s."""
        return self.seconds if self.measured_all else self.queue / self.per_s


def time_requests(client: ProvincialClient) -> list[float]:
    """Wrap the client's transport (``_send``: one HTTP request → its answer) on this instance;
    returns the list the durations are appended to."""
    spent: list[float] = []
    send = client._send

    def timed(method: str, path: str, **kwargs: Any) -> requests.Response:
        start = time.perf_counter()
        try:
            return send(method, path, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    client._send = timed  # type: ignore[method-assign]
    return spent


def pump(relay: Relay, limit: int | None, deadline_s: float) -> tuple[ExchangeReport, int]:
    """Send batches until nothing waits (or ``limit`` items were sent); retry on errors."""
    total, errors = ExchangeReport(), 0
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            report = relay.send_next_batch()
        except SyncError:
            errors += 1
            time.sleep(0.05)
            continue
        if report is None:
            if waiting(relay.counts()) == 0:
                break
            time.sleep(0.05)  # items waiting for their retry time
            continue
        total.add(report)
        if limit is not None and total.sent >= limit:
            break
    return total, errors


def drain_once(source: Path, queue: int, latency_ms: int, limit: int | None) -> DrainRun:
    variant = "batched" if limit is None else "one per request"
    name = f"drain-{latency_ms}ms-{'batched' if limit is None else 'single'}"
    root = work_copy(source, name)
    faults = f"latency={latency_ms}ms" if latency_ms else None
    sim = SimulatorProcess(root / "province", faults=faults,
                           clients=[(DRAIN_CLIENT, DRAIN_SECRET)]).start()  # fmt: skip
    try:
        with keyring_of(root):
            opened = Kiosk.open(root / "home")
            try:
                opened.settings.set("server.url", sim.base_url)
                client = make_client(opened)  # settings + keyring, as the engine makes it
                http = time_requests(client)
                relay = (
                    Relay(opened, client) if limit is None else OnePerRequestRelay(opened, client)
                )
                start = time.perf_counter()
                report, errors = pump(relay, limit, DRAIN_DEADLINE_S)
                seconds = time.perf_counter() - start
                client.close()
                with sim.state() as state:
                    stored, answers = state.items(), state.submission_log()
                    counters = state.counters()
                check = verify([(DRAIN_CLIENT, opened)], stored, answers, limit is None)
            finally:
                opened.close()
    finally:
        sim.terminate()
        shutil.rmtree(root, ignore_errors=True)
    requests = {
        k.removeprefix("requests."): v for k, v in counters.items() if k.startswith("requests.")
    }
    return DrainRun(latency_ms, variant, queue, report.sent, seconds, sum(http), requests,
                    report.batches, errors, check, limit is None)  # fmt: skip


# ----------------------------------------------------------------------------- fleet


@dataclass
class GatedEngine(SyncEngine):
    """The shipped engine, whose thread first waits for a shared gate: ``start()`` of 200
    engines takes a while, the gate lets every thread begin at the same moment."""

    gate: threading.Event = field(default_factory=threading.Event)

    def _run(self) -> None:
        self.gate.wait()
        super()._run()


class LoggedSimulator(SimulatorProcess):
    """The simulator with ``--verbose``: one DEBUG line per answered request (its request
    line and status, timestamped to the millisecond) in ``state_dir/simulator.log``."""

    def command(self) -> list[str]:
        return [*super().command(), "--verbose"]


ANSWER_LINE = re.compile(
    r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) DEBUG kiosk\.simulator\.handlers: \S+ "
    r'"(\w+) (\S+) [^"]*"? (\d{3}) '  # the log redacts what follows "token": no quote
)


@dataclass(frozen=True)
class Answer:
    at: float  # seconds after the release (wall clock; the simulator logs local time)
    endpoint: str
    status: int


def read_answers(log_file: Path, t0_wall: float) -> list[Answer]:
    """Every API request the simulator answered, from its verbose log."""
    out: list[Answer] = []
    for line in log_file.read_text(encoding="utf-8", errors="replace").splitlines():
        match = ANSWER_LINE.match(line)
        if match is None or not match.group(3).startswith(BASE_PATH + "/"):
            continue
        stamp, method, target, status = match.groups()
        path = target.partition("?")[0][len(BASE_PATH) :]
        try:
            endpoint = find_route(method, path)[0].endpoint
        except ProblemError:
            continue
        at = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f").timestamp() - t0_wall
        out.append(Answer(at, endpoint, int(status)))
    return out


@dataclass
class Second:
    start: int  # seconds after the release
    requests: int = 0  # every API request answered (health and token included)
    bearer: int = 0  # requests to the rate-limited endpoints
    limited: int = 0  # 429 answers


def per_second(answers: list[Answer], seconds: float) -> list[Second]:
    bins = [Second(k) for k in range(max(1, math.ceil(seconds)))]
    for a in answers:
        if 0 <= a.at < len(bins):
            one = bins[int(a.at)]
            one.requests += 1
            one.bearer += a.endpoint in BEARER
            one.limited += a.status == 429
    return bins


def process_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (Linux ``/proc/PID/stat``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rpartition(")")[2].split()
    except OSError:
        return math.nan
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuSampler(threading.Thread):
    """CPU used by the kiosks' worker processes and by the simulator, read every second."""

    def __init__(self, sim_pid: int, kiosk_pids: list[int]) -> None:
        super().__init__(name="bench-cpu", daemon=True)
        self.sim_pid = sim_pid
        self.kiosk_pids = kiosk_pids
        self.samples: list[tuple[float, float, float]] = []  # monotonic, kiosks, simulator
        self._stop_event = threading.Event()

    def sample(self) -> None:
        kiosks = sum(process_cpu_s(pid) for pid in self.kiosk_pids)
        self.samples.append((time.monotonic(), kiosks, process_cpu_s(self.sim_pid)))

    def begin(self) -> None:
        self.sample()
        self.start()

    def run(self) -> None:
        while not self._stop_event.wait(SAMPLE_PERIOD_S):
            self.sample()

    def finish(self) -> list[tuple[float, float, float]]:
        self._stop_event.set()
        self.join()
        self.sample()
        return self.samples


class WarningCounter(logging.Handler):
    """Warnings and errors the kiosk's code logs during the fleet run (first line each)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage().splitlines()[0][:120]
        if record.exc_info and record.exc_info[1] is not None:
            text += f" ({type(record.exc_info[1]).__name__})"
        self.seen[f"{record.name}: {text}"] += 1


@dataclass
class FleetRun:
    kiosks: int
    items: int
    spec: str
    workers: int  # processes the kiosks ran in
    copy_s: float
    open_s: float
    drained: int  # kiosks whose queue emptied before the deadline
    seconds: float  # release → the last kiosk's queue empty
    done_at: list[float]  # per kiosk, seconds after the release
    answers: list[Answer]  # every API request answered, from the simulator's log
    counters: dict[str, int]  # the simulator's own counters, deltas from release to the end
    cpu: list[tuple[float, float, float]]  # (monotonic, kiosk CPU s, simulator CPU s)
    t0: float  # monotonic time of the release
    stop_s: float
    check: Check
    warnings: Counter[str]
    alerts: Counter[str]

    @property
    def window(self) -> list[Answer]:
        return [a for a in self.answers if 0 <= a.at <= self.seconds]

    @property
    def series(self) -> list[Second]:
        return per_second(self.answers, self.seconds)

    @property
    def full_seconds(self) -> list[Second]:
        """The whole 1-second intervals before the last queue emptied (all, if under 1 s)."""
        whole = self.series[: max(1, math.floor(self.seconds))]
        return whole

    @property
    def mean_per_s(self) -> float:
        return len(self.window) / self.seconds

    @property
    def peak(self) -> Second:
        return max(self.full_seconds, key=lambda s: s.requests)

    def nth(self, endpoint: str, n: int) -> float | None:
        """When the n-th answer from ``endpoint`` left the simulator (None: never)."""
        times = sorted(a.at for a in self.answers if a.endpoint == endpoint and a.at >= 0)
        return times[n - 1] if len(times) >= n else None


def fleet_run(source: Path, info: BuildInfo, cfg: Config, seed: int) -> FleetRun:
    listing: list[tuple[str, int]] = [(c, n) for c, n in info.extra["kiosks"]]
    kiosks = len(listing)
    copy_start = time.perf_counter()
    root = work_copy(source, "fleet")
    copy_s = time.perf_counter() - copy_start
    spec = f"rate={cfg.rate:g}/s:burst={cfg.burst}:scope=global"
    clients = [fleet_client(n) for n in range(kiosks)]
    sim = LoggedSimulator(root / "province", faults=spec, clients=clients).start()
    assert sim.pid is not None
    context = multiprocessing.get_context("fork")
    gate, stop, inbox = context.Event(), context.Event(), context.Queue()
    workers: list[multiprocessing.process.BaseProcess] = []
    try:
        with keyring_of(root):  # the workers inherit KIOSK_KEYRING
            etag = warm_catalog(sim.base_url, clients[0], cfg)
            open_start = time.perf_counter()
            for w in range(cfg.fleet_workers):
                share = list(range(w, kiosks, cfg.fleet_workers))
                plan = WorkerPlan(root, sim.base_url, etag, share, seed)
                worker = context.Process(
                    target=fleet_worker, args=(plan, gate, stop, inbox), name=f"fleet-{w}"
                )
                worker.start()
                workers.append(worker)
            mail = Mailbox(inbox, kiosks)
            mail.wait_ready(len(workers), deadline_s=300.0)
            open_s = time.perf_counter() - open_start
            with sim.state() as state:
                before = state.counters()
            cpu = CpuSampler(sim.pid, [w.pid for w in workers if w.pid is not None])
            cpu.begin()
            t0_wall, t0 = time.time(), time.monotonic()
            gate.set()  # every engine thread of every worker starts now
            _log(f"fleet: {kiosks} engines in {len(workers)} processes released; {spec}")
            mail.collect_until_done(t0 + cfg.fleet_deadline_s)
            end = time.monotonic()
            cpu_samples = cpu.finish()
            wait_for_pulls(sim, before, kiosks, end + PULLS_WAIT_S)
            stop_start = time.perf_counter()
            stop.set()
            mail.wait_exits(len(workers), deadline_s=120.0)
            for proc in workers:
                proc.join(timeout=30)
            stop_s = time.perf_counter() - stop_start
            with sim.state() as state:
                stored, answers = state.items(), state.submission_log()
                after = state.counters()
            check = verify_fleet(root, listing, stored, answers)
    finally:
        stop.set()
        gate.set()
        for proc in workers:
            proc.join(timeout=60)
            if proc.is_alive():
                proc.kill()
                proc.join()
        sim.terminate()
    try:
        logged = read_answers(root / "province" / "simulator.log", t0_wall)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    done_at = sorted(t - t0 for t in mail.done_at.values())
    deltas = {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}
    drained = len(done_at)
    seconds = max(done_at) if drained == kiosks else end - t0
    return FleetRun(kiosks, info.items, spec, len(workers), copy_s, open_s, drained, seconds,
                    done_at, logged, deltas, cpu_samples, t0, stop_s, check, mail.warnings,
                    mail.alerts)  # fmt: skip


PULLS = ("changes", "catalog")
PULLS_WAIT_S = 150.0  # the engine's idle poll is 60 s; a kiosk still spacing waits one more


def wait_for_pulls(
    sim: SimulatorProcess, before: dict[str, int], kiosks: int, deadline: float
) -> None:
    """Keep the engines running until every kiosk has made the ``/changes`` and ``/catalog``
    pulls it put off while it was spacing its requests (or until the deadline)."""
    while time.monotonic() < deadline:
        with sim.state() as state:
            now = state.counters()
        made = [now.get(f"requests.{e}", 0) - before.get(f"requests.{e}", 0) for e in PULLS]
        if min(made) >= kiosks:
            return
        time.sleep(1.0)


def verify_fleet(
    root: Path,
    listing: list[tuple[str, int]],
    stored: list[dict[str, Any]],
    answers: list[dict[str, Any]],
) -> Check:
    """:func:`verify` over every kiosk of the fleet (opened again once the workers are gone)."""
    opened: list[tuple[str, Kiosk]] = []
    try:
        for n, (client_id, _) in enumerate(listing):
            opened.append((client_id, Kiosk.open(root / "kiosks" / f"{n:03d}")))
        return verify(opened, stored, answers, complete=True)
    finally:
        for _, home in opened:
            home.close()


@dataclass(frozen=True)
class WorkerPlan:
    root: Path
    base_url: str
    etag: str
    kiosks: list[int]
    seed: int  # engine n's random stream: Random(seed * 1000 + n)


def fleet_worker(plan: WorkerPlan, gate: Any, stop: Any, mail: Any) -> None:
    """A worker process: its share of the kiosks, each with its engine thread, released by
    ``gate``; reports each kiosk's queue empty, alerts and logged warnings to ``mail``."""
    pid = os.getpid()
    watcher = WarningCounter()
    logging.getLogger("kiosk").addHandler(watcher)
    opened: list[Kiosk] = []
    engines: list[GatedEngine] = []
    local_gate = threading.Event()
    try:
        for n in plan.kiosks:
            home = Kiosk.open(plan.root / "kiosks" / f"{n:03d}")
            opened.append(home)
            reconnecting(home, plan.base_url, plan.etag)
            bus = events.EventBus()
            bus.subscribe(_reporter(n, mail))
            rng = random.Random(plan.seed * 1000 + n)
            engine = GatedEngine(home, bus=bus, rng=rng, gate=local_gate)
            engine.start()
            engines.append(engine)
        mail.put(("ready", pid, len(engines)))
        gate.wait()
        local_gate.set()
        stop.wait()
    except BaseException as exc:
        mail.put(("error", pid, f"{type(exc).__name__}: {exc}"))
        raise
    finally:
        stop_all(engines)
        for home in opened:
            home.close()
        mail.put(("warnings", pid, dict(watcher.seen)))
        mail.put(("exit", pid, 0))


def _reporter(n: int, mail: Any) -> events.Handler:
    """Bus subscriber of kiosk ``n``: its alerts, and the moment nothing waits any more."""
    done = threading.Event()

    def on_event(name: str, data: dict[str, Any]) -> None:
        if name == events.ALERT:
            mail.put(("alert", n, str(data.get("code"))))
        elif name == events.OUTBOX_DID_CHANGE and not waiting(data["counts"]) and not done.is_set():
            done.set()
            mail.put(("done", n, time.monotonic()))  # CLOCK_MONOTONIC: system-wide

    return on_event


class Mailbox:
    """The parent's end of the workers' queue."""

    def __init__(self, inbox: Any, kiosks: int) -> None:
        self.inbox = inbox
        self.kiosks = kiosks
        self.done_at: dict[int, float] = {}
        self.alerts: Counter[str] = Counter()
        self.warnings: Counter[str] = Counter()
        self.ready = 0
        self.exited = 0

    def _take(self, timeout: float) -> None:
        try:
            kind, who, value = self.inbox.get(timeout=max(0.01, timeout))
        except queue.Empty:
            return
        if kind == "error":
            raise RuntimeError(f"fleet worker {who} failed: {value}")
        if kind == "ready":
            self.ready += 1
        elif kind == "done":
            self.done_at.setdefault(who, value)
        elif kind == "alert":
            self.alerts[value] += 1
        elif kind == "warnings":
            self.warnings.update(value)
        elif kind == "exit":
            self.exited += 1

    def wait_ready(self, workers: int, deadline_s: float) -> None:
        end = time.monotonic() + deadline_s
        while self.ready < workers:
            if time.monotonic() > end:
                raise TimeoutError("the fleet workers did not get ready")
            self._take(end - time.monotonic())

    def collect_until_done(self, end: float) -> None:
        while len(self.done_at) < self.kiosks and time.monotonic() < end:
            self._take(min(0.5, end - time.monotonic()))

    def wait_exits(self, workers: int, deadline_s: float) -> None:
        end = time.monotonic() + deadline_s
        while self.exited < workers and time.monotonic() < end:
            self._take(end - time.monotonic())


def warm_catalog(base_url: str, credentials: tuple[str, str], cfg: Config) -> str:
    """One GET /catalog before the fleet starts: the simulator loads its catalogue (~1 s, once)
    and the answer's ETag is what a kiosk that synced before holds. Then the bucket refills."""
    client = ProvincialClient(base_url, credentials[0], lambda: credentials[1])
    try:
        answer = client.catalog(None)
    finally:
        client.close()
    assert answer is not None and answer[1], "the simulator served no catalogue ETag"
    time.sleep(cfg.burst / cfg.rate + 0.5)
    return answer[1]


def reconnecting(home: Kiosk, base_url: str, etag: str) -> None:
    """A kiosk that synced before and has been offline since yesterday: it knows the
    province's catalogue ETag and last checked it over a day ago (so it revalidates once,
    answered 304), it has no /changes cursor yet."""
    home.settings.set("server.url", base_url)
    meta_set(home, "catalog.etag", etag)
    meta_set(home, "catalog.checked_at", (utcnow() - timedelta(hours=26)).isoformat())


def stop_all(engines: list[GatedEngine]) -> None:
    running = [e for e in engines if e._thread is not None and e._thread.is_alive()]
    if not running:
        return
    for engine in running:
        engine.gate.set()
    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(lambda e: e.stop(timeout=30.0), running))


# ----------------------------------------------------------------------------- report


def _yes(ok: bool) -> str:
    return "**pass**" if ok else "**FAIL**"


def report(
    cfg: Config,
    quick: bool,
    drain: tuple[tuple[BuildInfo, bool], list[DrainRun]] | None,
    fleet: tuple[tuple[BuildInfo, bool], list[FleetRun]] | None,
    seconds: float,
) -> str:
    kiosks = fleet[1][0].kiosks if fleet else cfg.fleet_kiosks
    lines = [f"## Sync: batched relay vs one item per request; {kiosks} kiosks reconnecting", ""]
    if drain is not None:
        lines += drain_report(cfg, *drain)
    if fleet is not None:
        lines += fleet_report(cfg, *fleet)
    lines += [
        "",
        f"- Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, kiosk "
        f"{kiosk.__version__}, {os.cpu_count()} cores; simulator and kiosks on the same "
        f"machine. This section took {seconds:,.0f} s{' (--quick)' if quick else ''}.",
    ]
    return "\n".join(lines) + "\n"


def drain_report(
    cfg: Config, drain_info: tuple[BuildInfo, bool], drains: list[DrainRun]
) -> list[str]:
    info, hit = drain_info
    kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(info.extra["kinds"].items()))
    lines = [
        "### Drain: one kiosk, a queue of " + f"{info.items:,} items",
        "",
        f"`bench/bench_sync.py` — one data home holding {info.items:,} queued items made by "
        f"`save_record` ({kinds}; {info.extra['depends']:,} name a dossier in `depends_on`, "
        f"{info.extra['papers']:,} dossiers carry a {PAPER_BYTES:,}-byte scanned paper, "
        f"{info.extra['refused']:,} are refused by the province), drained by "
        "`kiosk.sync.relay.Relay` through `ProvincialClient` to the simulator "
        "(`SimulatorProcess`, its own process) on 127.0.0.1, with 0 ms and with 50 ms added "
        "to every request (`latency=50ms`). *Batched*: the relay as shipped (≤ 100 items, "
        "≤ 2 MiB a request). *One per request*: the same relay with `max_items` held at 1 — "
        "one POST per item, the same database writes, uploads and client. Each row drains "
        "its own copy of the home into a fresh simulator; time is `perf_counter` from the "
        "first request (token included) to the queue empty. *In HTTP*: the time inside the "
        "client's transport (`ProvincialClient._send`, request out → answer in: the "
        "simulator's work and the added latency); *kiosk side*: the rest (picking, "
        "decrypting, the relay's database writes).",
        "",
        "| latency | relay | items timed | requests | time s | in HTTP s | kiosk side s "
        f"| items/s | time for {info.items:,} s | exactly once |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for d in drains:
        posts = d.requests.get("batch", 0)
        projected = f"{d.projected_s:,.1f}" + ("" if d.measured_all else " *(extrapolated)*")
        lines.append(
            f"| {d.latency_ms} ms | {d.variant} | {d.sent:,} | {posts:,} batch POSTs + "
            f"{d.requests.get('attachment', 0):,} HEAD/PUT | {d.seconds:,.1f} | "
            f"{d.http_s:,.1f} | {d.seconds - d.http_s:,.1f} | {d.per_s:,.1f} | {projected} | "
            f"{'ok' if d.check.ok else '**FAILED**'} |"
        )
    lines.append("")
    single = {d.latency_ms: d for d in drains if not d.measured_all}
    batched = {d.latency_ms: d for d in drains if d.measured_all}
    for ms in LATENCIES_MS:
        if ms in single:
            d = single[ms]
            lines.append(
                f"- One per request at {ms} ms was measured on the first {d.sent:,} items of "
                f"the same queue ({d.seconds:,.1f} s, {1000 / d.per_s:,.1f} ms an item); the "
                f"time for all {d.queue:,} is that rate extrapolated linearly, not measured."
            )
    lines.append("")
    lines.append("| target | measured | result |")
    lines.append("|---|---:|---|")
    b50, s50 = batched.get(50), single.get(50)
    if b50 and s50:
        ratio = b50.per_s / s50.per_s
        lines.append(
            f"| batched ≥ {TARGET_SPEEDUP:g}× faster than one per request at 50 ms | "
            f"{ratio:,.1f}× ({b50.per_s:,.0f} vs {s50.per_s:,.1f} items/s) | "
            f"{_yes(ratio >= TARGET_SPEEDUP)} |"
        )
    if b50:
        scale = TARGET_DRAIN_ITEMS / b50.sent
        at_target = b50.seconds * scale
        note = "" if b50.sent == TARGET_DRAIN_ITEMS else f" (scaled from {b50.sent:,})"
        lines.append(
            f"| {TARGET_DRAIN_ITEMS:,} items in < {TARGET_DRAIN_S:g} s at 50 ms (batched) | "
            f"{at_target:,.1f} s{note} | {_yes(at_target < TARGET_DRAIN_S)} |"
        )
    lines.append("")
    for d in drains:
        lines.append(f"- {d.latency_ms} ms, {d.variant}: {d.check.text()}; "
                     f"{d.batches:,} batches, {d.errors} errors retried; simulator requests "
                     f"{_requests_text(d.requests)}.")  # fmt: skip
    lines.append(
        f"- The queue: built once ({info.seconds:,.0f} s, {info.built_at}, schema "
        f"{info.revision}) and cached in `bench/out/`{' — reused' if hit else ''}; each row "
        "works on a copy."
    )
    lines.append("")
    return lines


def _requests_text(requests: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in sorted(requests.items()))


def fleet_report(
    cfg: Config, fleet_info: tuple[BuildInfo, bool], runs: list[FleetRun]
) -> list[str]:
    info, hit = fleet_info
    per = [n for _, n in info.extra["kiosks"]]
    first = runs[0]
    names = [f"run {i + 1}" for i in range(len(runs))]
    ratios = [f.peak.requests / f.mean_per_s for f in runs]

    def row(label: str, cells: Sequence[str]) -> str:
        return f"| {label} | " + " | ".join(cells) + " |"

    lines = [
        f"### Fleet: {first.kiosks} kiosks reconnecting at once to a rate-limited province",
        "",
        f"{first.kiosks} data homes, each with its own client id (registered at the "
        f"simulator), {min(per)}–{max(per)} queued items each ({info.items:,} in all, the same "
        "mix), each running the shipped `SyncEngine` thread (health probe, relay, `/changes`, "
        "`/catalog`; back-off with full jitter, never shorter than `Retry-After`; every "
        "request to a rate-limited endpoint spaced by the engine's `Pacer`, a batch and its "
        "papers as one; `/changes` and `/catalog` put off to the next poll while the kiosk "
        "spaces its requests — the run goes on until every kiosk has made them), in "
        f"{first.workers} worker processes of {first.kiosks // first.workers} engine threads. "
        "Every engine thread waits on one event and all are released together; ONE "
        "simulator rate-limits the bearer endpoints with one global token bucket "
        f"(`{first.spec}`: 429 with `Retry-After` when empty; health and token are not "
        "limited). Each kiosk synced before: it holds the catalogue ETag and last checked it "
        "26 h ago (one conditional `GET /catalog`, answered 304). Requests/s come from the "
        "simulator's own request log (`--verbose`: one line per answered request, "
        "millisecond timestamps), counted in 1-second intervals from the release: **peak** "
        "= the most requests answered in one whole interval before the last queue emptied; "
        "**mean** = requests answered from the release to the last queue empty ÷ that time. "
        "Both count every API request (health, token and 429 answers included). The fleet "
        f"is run {len(runs)}× (engine random seeds differ): the back-off is random and the "
        "runs differ.",
        "",
        "| measure | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(runs),
        row("kiosks drained", [f"{f.drained} of {f.kiosks}" for f in runs]),
        row("total drain time (release → last queue empty)", [f"{f.seconds:,.1f} s" for f in runs]),
        row("per-kiosk drain time p50 / p90 / max", [_pcts(f.done_at) for f in runs]),
        row(
            "requests answered (all / to rate-limited endpoints)",
            [f"{len(f.window):,} / {sum(a.endpoint in BEARER for a in f.window):,}" for f in runs],
        ),
        row(
            "peak requests/s (which second; of them 429s)",
            [f"{f.peak.requests:,} (s {f.peak.start}; {f.peak.limited:,})" for f in runs],
        ),
        row("mean requests/s", [f"{f.mean_per_s:,.1f}" for f in runs]),
        row("**peak ÷ mean**", [f"**{r:,.1f}**" for r in ratios]),
        row("peak ÷ mean after the first 3 s", [_tail_ratio(f, 3) for f in runs]),
        row("429s sent (share of rate-limited requests)", [_limited(f) for f in runs]),
        row(
            f"all {first.kiosks} health probes / tokens answered by",
            [f"{_at(f.nth('health', f.kiosks))} / {_at(f.nth('token', f.kiosks))}" for f in runs],
        ),
        row(
            f"put-off `/changes` / `/catalog`: the {first.kiosks}th answered at",
            [_pulled_at(f) for f in runs],
        ),
        row("after the drain until then: requests, peak/s", [_after(f) for f in runs]),
        row(
            "CPU busy, kiosk processes / simulator, first 10 s",
            ["{:.2f} / {:.2f} cores".format(*_cores(f, 0.0, min(10.0, f.seconds))) for f in runs],
        ),
        row(
            "CPU busy, kiosk processes / simulator, whole drain",
            ["{:.2f} / {:.2f} cores".format(*_cores(f, 0.0, f.seconds)) for f in runs],
        ),
        row(
            "items stored / stored twice",
            [f"{f.check.stored:,} / {f.check.stored_twice}" for f in runs],
        ),
        "",
        "| target | " + " | ".join(names) + " | result |",
        "|---|" + "---:|" * len(runs) + "---|",
        row(
            f"peak ≤ {TARGET_PEAK_RATIO:g}× mean requests/s",
            [f"{r:,.1f}×" for r in ratios] + [_yes(all(r <= TARGET_PEAK_RATIO for r in ratios))],
        ),
        row(
            "duplicates stored = 0; every kiosk's items stored exactly once",
            [f"{f.check.stored_twice}; {'yes' if f.check.ok else 'no'}" for f in runs]
            + [_yes(all(f.check.ok for f in runs))],
        ),
        "",
    ]
    for name, f in zip(names, runs, strict=True):
        lines += [
            f"<details><summary>{name}, per second after the release: requests answered, of "
            "them to rate-limited endpoints, 429s; CPU busy (cores) of the kiosk processes "
            "and of the simulator</summary>",
            "",
            "```text",
            *_series_lines(f),
            "```",
            "",
            "</details>",
            "",
        ]
    for name, f in zip(names, runs, strict=True):
        endpoints = Counter(a.endpoint for a in f.window)
        statuses = Counter(str(a.status) for a in f.window)
        lines.append(
            f"- {name}: {f.check.text()}; {f.check.duplicate_answers:,} resends answered "
            f"`duplicate`. Requests by endpoint: {_requests_text(dict(endpoints))}; by "
            f"status: {_requests_text(dict(statuses))}. Warnings/errors the kiosk code "
            "logged: "
            + (", ".join(f"{n}× {m}" for m, n in f.warnings.most_common(3)) or "none")
            + "; alerts: "
            + (", ".join(f"{n}× {m}" for m, n in f.alerts.most_common()) or "none")
            + f". Setup (untimed): copy {f.copy_s:,.0f} s, opening the homes and starting "
            f"the engines {f.open_s:,.1f} s; stopping them {f.stop_s:,.1f} s."
        )
    lines += [
        f"- **How far this machine spreads the herd.** {first.kiosks} kiosks share "
        f"{os.cpu_count()} cores here, and a kiosk's first exchange costs tens of ms of CPU in "
        "the relay (picking, marking in flight, applying the results item by item), so the "
        "release reaches the simulator over the first seconds: the last of the "
        f"{first.kiosks} tokens was issued "
        + ", ".join(_at(f.nth("token", f.kiosks)) for f in runs)
        + " after the release (see the kiosk-process CPU column). Kiosks on their own "
        "hardware would all probe, fetch a token and try a first batch within about one "
        "round trip, so where that spread is over 1 s the peak measured here is lower than "
        "a real fleet's.",
        f"- The homes: built once ({info.seconds:,.0f} s, {info.built_at}, schema "
        f"{info.revision}) and cached in `bench/out/`{' — reused' if hit else ''}; each run "
        "works on a fresh copy and a fresh simulator.",
    ]
    return lines


def _pulled_at(f: FleetRun) -> str:
    return f"{_at(f.nth('changes', f.kiosks))} / {_at(f.nth('catalog', f.kiosks))}"


def _after(f: FleetRun) -> str:
    """Requests answered after the last queue emptied, up to the last put-off pull."""
    ends = [f.nth(e, f.kiosks) for e in PULLS]
    if any(e is None for e in ends):
        return "pulls not all made"
    end = max(e for e in ends if e is not None)
    after = [a for a in f.answers if f.seconds < a.at <= end]
    counts = Counter(math.floor(a.at) for a in after)
    return f"{len(after):,}, peak {max(counts.values(), default=0)}/s"


def _limited(f: FleetRun) -> str:
    bearer = sum(a.endpoint in BEARER for a in f.window)
    limited = sum(a.status == 429 for a in f.window)
    return f"{limited:,} ({limited / max(1, bearer):.0%})"


def _tail_ratio(f: FleetRun, skip: int) -> str:
    rest = [one for one in f.full_seconds if one.start >= skip]
    seconds = f.seconds - skip
    if not rest or seconds <= 0:
        return "–"
    mean = sum(a.at >= skip for a in f.window) / seconds
    peak = max(rest, key=lambda one: one.requests)
    return f"{peak.requests / mean:,.1f} ({peak.requests} at s {peak.start})"


def _at(seconds: float | None) -> str:
    return "never" if seconds is None else f"{seconds:,.1f} s"


def _cores(f: FleetRun, start: float, end: float) -> tuple[float, float]:
    """CPU cores busy between two times after the release (cumulative CPU interpolated
    linearly between the samples)."""
    if end <= start:
        return math.nan, math.nan
    a, b = _cpu_at(f, start), _cpu_at(f, end)
    return (b[0] - a[0]) / (end - start), (b[1] - a[1]) / (end - start)


def _cpu_at(f: FleetRun, at: float) -> tuple[float, float]:
    samples = [(t - f.t0, k, s) for t, k, s in f.cpu]
    for (ta, ka, sa), (tb, kb, sb) in itertools.pairwise(samples):
        if ta <= at <= tb and tb > ta:
            w = (at - ta) / (tb - ta)
            return ka + w * (kb - ka), sa + w * (sb - sa)
    edge = samples[0] if at < samples[0][0] else samples[-1]
    return edge[1], edge[2]


def _pcts(values: Sequence[float]) -> str:
    if not values:
        return "–"
    p50, p90 = percentile(values, 0.5), percentile(values, 0.9)
    return f"{p50:,.1f} / {p90:,.1f} / {max(values):,.1f} s"


def _series_lines(f: FleetRun) -> list[str]:
    lines = ["     s  requests  limited   429s  kiosk CPU  sim CPU"]
    for one in f.series:
        kiosk_cores, sim_cores = _cores(f, one.start, one.start + 1)
        lines.append(
            f"{one.start:>6}  {one.requests:>8}  {one.bearer:>7}  {one.limited:>5}  "
            f"{kiosk_cores:>9.2f}  {sim_cores:>7.2f}"
        )
    return lines


# ----------------------------------------------------------------------------- run


def run(quick: bool = False) -> str:
    """Measure and return the Markdown section for docs/performance.md."""
    return measure(quick, PARTS)


PARTS = ("drain", "fleet")


def measure(quick: bool, parts: Sequence[str]) -> str:
    started = time.perf_counter()
    cfg = QUICK_RUN if quick else FULL_RUN
    drain = fleet = None
    shutil.rmtree(WORK, ignore_errors=True)
    try:
        if "drain" in parts:
            drain = measure_drain(cfg)
        if "fleet" in parts:
            fleet = measure_fleet(cfg)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    return report(cfg, quick, drain, fleet, time.perf_counter() - started)


def measure_drain(cfg: Config) -> tuple[tuple[BuildInfo, bool], list[DrainRun]]:
    source, built, hit = cached(
        "drain", str(cfg.drain_items), lambda p: build_drain_home(p, cfg.drain_items)
    )
    drains: list[DrainRun] = []
    for ms in LATENCIES_MS:
        for limit in (None, cfg.single[ms]):
            _log(
                f"drain: {ms} ms, " + ("batched" if limit is None else f"one per request ×{limit}")
            )
            d = drain_once(source, built.items, ms, limit)
            drains.append(d)
            _log(f"  {d.sent:,} items in {d.seconds:,.1f} s ({d.per_s:,.1f}/s); {d.check.text()}")
    return (built, hit), drains


def measure_fleet(cfg: Config) -> tuple[tuple[BuildInfo, bool], list[FleetRun]]:
    lo, hi = cfg.fleet_items
    source, built, hit = cached(
        "fleet",
        f"{cfg.fleet_kiosks}x{lo}-{hi}",
        lambda p: build_fleet(p, cfg.fleet_kiosks, cfg.fleet_items),
    )
    runs: list[FleetRun] = []
    for run_no in range(cfg.fleet_runs):
        _log(f"fleet: {cfg.fleet_kiosks} kiosks, run {run_no + 1} of {cfg.fleet_runs}")
        f = fleet_run(source, built, cfg, seed=run_no)
        runs.append(f)
        _log(f"  drained in {f.seconds:,.1f} s; peak {f.peak.requests:,}/s, "
             f"mean {f.mean_per_s:,.1f}/s; {f.check.text()}")  # fmt: skip
    return (built, hit), runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sync benchmark: relay drain and a kiosk fleet")
    parser.add_argument("--quick", action="store_true", help="2,000 items, 50 kiosks")
    parser.add_argument("--part", choices=PARTS, action="append", help="only this part")
    args = parser.parse_args(argv)
    print(measure(args.quick, args.part or PARTS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
