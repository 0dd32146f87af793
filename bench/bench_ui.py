"""Benchmark of the touch UI: start-up, GUI-thread stalls, resident memory.

Run ``.venv/bin/python bench/bench_ui.py`` (``--quick`` for a short run); ``bench/run.py``
puts the Markdown section that :func:`run` returns into ``docs/performance.md``. Everything
runs offscreen (``QT_QPA_PLATFORM=offscreen``) in child processes started by this one.

1. **Start-up.** From ``Popen`` (the clock is ``CLOCK_MONOTONIC``, shared by all processes)
   to the first ``Paint`` event of the home screen (*window painted*) and to the first
   ``Paint`` of a notice card, i.e. the data home opened and read (*data shown*), of the app
   as ``kiosk`` starts it (``kiosk.ui.app.application`` + ``build_window``, workers started)
   on a data home with the catalogue, demo records and notices — side by side with a bare
   PySide6 ``QMainWindow`` + ``QLabel`` started the same way in the same run (first ``Paint``
   of the label). The two alternate; one discarded warm-up each; median of 5 (``--quick``
   3). The child also notes when its imports were done, to show where the time goes.
2. **GUI-thread stalls.** The real window with its workers (sync engine, print worker) on a
   data home holding 10,000 queued items (``--quick`` 2,000: the same store
   ``bench_sync.py`` builds and caches) and the provincial simulator (a child process,
   0 ms added latency: the engine never waits on the network, the worst case for the GUI
   thread). A 10 ms ``QTimer`` heartbeat (``PreciseTimer``) stamps ``CLOCK_MONOTONIC``; the
   stall is the longest gap between beats minus 10 ms: idle at home (baseline), while the
   app's own sync engine drains the queue ("Gửi ngay" pressed to skip the start jitter), and
   while 20 receipts print through the app's ``PrintQueue`` to a network printer emulated
   on 127.0.0.1 (a socket in this process that answers the status queries). While a beat is
   over 30 ms late a watchdog thread samples the GUI thread's Python stack
   (``sys._current_frames``): what ran on the GUI thread during the stalls.
3. **Memory.** VmRSS (``/proc/self/status``) after start, after the drain and after
   printing; then 200 rounds (``--quick`` 40) of opening every screen module of
   ``kiosk/ui/screen_catalog.py`` (the last entry of each route, i.e. its deepest step:
   ``go(route, **params)`` as its role, its ``calls``, then ``home()``), with a saved
   record (feedback, through the save service on the ``db`` lane, then the ``SavedPanel``
   that prints its receipt) every 10th round; RSS, live widgets and Python objects at each
   quarter (after deferred deletes and ``gc.collect()``).

The province is down until the start and idle phases are over (the simulator is started on
the port the kiosk was given only then, as when a kiosk comes back online), so the drain is
measured from its first request.

Targets (issue #5): window painted ≤ 1.5× the bare window; longest stall < 50 ms; RSS
< 200 MB after start and after the drain; no growth across the repeated flows.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for entry in (str(REPO), str(BENCH)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from printer_peer import SinkPrinter  # noqa: E402

OUT = BENCH / "out"
WORK = OUT / "work-ui"
SIZE = (1366, 768)
HEARTBEAT_MS = 10
WATCH_LATE_S = 0.030
TARGET_STARTUP_RATIO = 1.5
TARGET_STALL_MS = 50.0
TARGET_RSS_MB = 200.0
RECEIPTS = 20
CHILD_TIMEOUT_S = 2400


@dataclass(frozen=True)
class Config:
    startup_runs: int
    drain_items: int
    rounds: int


FULL_RUN = Config(9, 10_000, 200)  # 9 start-ups: this shared machine varies ±50 ms a run
QUICK_RUN = Config(3, 2_000, 40)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def child_env(root: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # The warm-up run writes the .pyc files, as an installed kiosk has them (pip and
    # PyInstaller ship compiled bytecode); a shell with PYTHONDONTWRITEBYTECODE would make
    # every run compile the kiosk's modules again (~40 ms the bare window never pays).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault(
        "ESCPOS_CAPABILITIES_PICKLE_DIR", str(Path(tempfile.gettempdir()) / "kiosk-escpos-cache")
    )
    if root is not None:
        env["KIOSK_HOME"] = str(root / "home")
        env["KIOSK_KEYRING"] = f"file:{root / 'keyring.cfg'}"
    return env


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ============================================================================= children
# The children import Qt only inside these functions: the parent (bench/run.py) stays Qt-free.


def child_startup_bare() -> None:
    t0 = time.monotonic()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    imported = time.monotonic()
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    text = QLabel("Cà phê Dịch vụ công")
    window.setCentralWidget(text)
    marks: dict[str, float] = {"start": t0, "imported": imported}

    class FirstPaint(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint and watched is text and "painted" not in marks:
                marks["painted"] = marks["data"] = time.monotonic()
                marks["rss_mb"] = rss_mb()
                QTimer.singleShot(0, app.quit)
            return False

    spy = FirstPaint()
    app.installEventFilter(spy)
    window.resize(*SIZE)
    window.show()
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    print(json.dumps(marks), flush=True)
    os._exit(0)


def child_startup_app() -> None:
    t0 = time.monotonic()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    qt_imported = time.monotonic()
    from kiosk.ui.app import application, build_window

    imported = time.monotonic()
    marks: dict[str, float] = {"start": t0, "qt_imported": qt_imported, "imported": imported}
    app = application()
    marks["themed"] = time.monotonic()
    window = build_window(kiosk_mode=False, start_workers=True)
    marks["built"] = time.monotonic()
    window.state.opened.connect(lambda: marks.setdefault("opened", time.monotonic()))

    class FirstPaint(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
                return False
            if watched is window.home_screen and "painted" not in marks:
                marks["painted"] = time.monotonic()
            elif watched.objectName().startswith("notice_") and "data" not in marks:
                marks["data"] = time.monotonic()
                marks["rss_mb"] = rss_mb()
                QTimer.singleShot(0, app.quit)
            return False

    spy = FirstPaint()
    app.installEventFilter(spy)
    window.resize(*SIZE)
    window.show()
    marks["shown"] = time.monotonic()
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    print(json.dumps(marks), flush=True)
    os._exit(0)  # the measurement is done; the workers' shutdown is not part of it


@dataclass(frozen=True)
class Stall:
    phase: str
    gap_ms: float  # between two heartbeats
    cpu_ms: float  # the GUI thread on a CPU meanwhile
    runqueue_ms: float  # the GUI thread runnable, waiting for a CPU (the machine was busy)
    start: float = 0.0  # the heartbeat before the gap (CLOCK_MONOTONIC)

    @property
    def other_ms(self) -> float:
        """Neither: blocked, i.e. waiting for the GIL (or a lock) held by another thread."""
        return max(0.0, self.gap_ms - self.cpu_ms - self.runqueue_ms)


class Sampler(threading.Thread):
    """Every 5 ms: the GUI thread's scheduler counters; on each heartbeat more than 40 ms
    after the previous one, a :class:`Stall` with the counters' change over that gap; while
    the heartbeat is more than 30 ms late, the Python stacks of the GUI thread and of the
    threads not blocked in a wait."""

    def __init__(self, beats: Any, gui_ident: int, gui_tid: int) -> None:
        super().__init__(name="bench-watchdog", daemon=True)
        self.beats = beats
        self.gui_ident = gui_ident
        self.gui_tid = gui_tid
        self.samples: dict[str, int] = {}
        self.others: dict[str, int] = {}
        self.stalls: list[Stall] = []
        self.phase = "start"
        self.stop = threading.Event()

    def run(self) -> None:
        last_beat, last_sched = 0.0, sched(self.gui_tid)
        while not self.stop.wait(0.005):
            now_sched = sched(self.gui_tid)
            beat = self.beats[-1] if self.beats else 0.0
            if beat != last_beat:
                if last_beat and beat - last_beat > 0.040:
                    gap, cpu = beat - last_beat, now_sched[0] - last_sched[0]
                    wait = now_sched[1] - last_sched[1]
                    self.stalls.append(
                        Stall(self.phase, 1000 * gap, 1000 * cpu, 1000 * wait, last_beat)
                    )
                last_beat, last_sched = beat, now_sched
            if not beat or time.monotonic() - beat < WATCH_LATE_S:
                continue
            frames = sys._current_frames()
            key = f"{self.phase}: {describe_stack(frames.get(self.gui_ident))}"
            self.samples[key] = self.samples.get(key, 0) + 1
            for ident, frame in frames.items():  # the threads running Python meanwhile
                if ident in (self.gui_ident, threading.get_ident()) or idle_frame(frame):
                    continue
                name = THREAD_NAMES.get(ident) or thread_name(ident)
                other = f"{self.phase}: {name}: {describe_stack(frame)}"
                self.others[other] = self.others.get(other, 0) + 1


THREAD_NAMES: dict[int, str] = {}
IDLE_CALLS = {"wait", "_wait_for_tstate_lock", "select", "poll", "accept", "get", "recv",
              "_worker", "sleep", "readline", "join", "wait_for"}  # fmt: skip


def thread_name(ident: int) -> str:
    for thread in threading.enumerate():
        if thread.ident == ident:
            THREAD_NAMES[ident] = thread.name.rsplit("_", 1)[0]
            return THREAD_NAMES[ident]
    return f"thread {ident}"


def idle_frame(frame: Any) -> bool:
    """A thread blocked in a wait (not competing for the GIL)."""
    return frame is None or frame.f_code.co_name in IDLE_CALLS


def sched(tid: int) -> tuple[float, float]:
    """(seconds on a CPU, seconds waiting for a CPU) of one thread (/proc schedstat)."""
    try:
        run_ns, wait_ns, _ = Path(f"/proc/self/task/{tid}/schedstat").read_text().split()
    except (OSError, ValueError):
        return float("nan"), float("nan")
    return int(run_ns) / 1e9, int(wait_ns) / 1e9


def describe_stack(frame: Any) -> str:
    """The innermost frames of the GUI thread that are ours (kiosk/, PySide6 calls kept)."""
    parts: list[str] = []
    innermost = True
    while frame is not None and len(parts) < 4:
        code = frame.f_code
        path = code.co_filename
        if "/kiosk/" in path or "bench_ui" in path:
            short = path.split("/kiosk/", 1)[-1] if "/kiosk/" in path else "bench_ui.py"
            parts.append(f"{short}:{frame.f_lineno} {code.co_name}")
        elif innermost:  # a library function called from our code
            library = path.split("site-packages/", 1)[-1].split("/lib/python3", 1)[-1]
            parts.append(f"[{library}:{frame.f_lineno} {code.co_name}]")
        innermost = False
        frame = frame.f_back
    if parts and parts[0].startswith("bench_ui.py") and "wait_for" in parts[0]:
        return "in the Qt event loop (no Python code of ours running on the GUI thread)"
    return " ← ".join(parts) or "no Python frame"


def child_load(args: argparse.Namespace) -> None:
    import gc
    from array import array

    from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.domain.samples import sample_payload
    from kiosk.services import records, users
    from kiosk.store.models import utcnow
    from kiosk.ui import screen_catalog
    from kiosk.ui.app import application, build_window
    from kiosk.ui.widgets.saved_panel import SavedPanel

    out: dict[str, Any] = {"rss": {}, "phases": {}, "flows": []}
    out["rss"]["PySide6 and kiosk.ui imported"] = rss_mb()
    application()
    beats = array("d")
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
    heartbeat.start()
    sampler = Sampler(beats, threading.get_ident(), threading.get_native_id())
    sampler.start()

    def wait_for(condition: Any, timeout: float = 60.0) -> bool:
        if condition():
            return True
        loop = QEventLoop()
        end = time.monotonic() + timeout
        poll = QTimer()
        poll.setInterval(20)

        def check() -> None:
            if condition() or time.monotonic() > end:
                loop.quit()

        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()
        return bool(condition())

    settling: list[tuple[float, float]] = []  # the bench's own gc.collect(): not a stall

    def settle() -> None:
        start = time.monotonic()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        settling.append((start, time.monotonic()))

    gui_tid = threading.get_native_id()
    marks: dict[str, tuple[tuple[float, float], float]] = {}

    def begin(name: str) -> float:
        sampler.phase = name
        marks[name] = (sched(gui_tid), sum(os.times()[:2]))
        return time.monotonic()

    def phase(name: str, start: float, end: float, extra: dict[str, Any]) -> None:
        (run0, wait0), cpu0 = marks.pop(name, ((0.0, 0.0), 0.0))
        run1, wait1 = sched(gui_tid)
        extra = {
            **extra,
            "gui_cpu_s": run1 - run0,
            "gui_runqueue_s": wait1 - wait0,
            "process_cpu_s": sum(os.times()[:2]) - cpu0,
            "load": os.getloadavg()[0],
        }
        stamps = [b for b in beats if start <= b <= end]
        gaps = [
            b - a
            for a, b in itertools.pairwise(stamps)
            if not any(a <= s1 and s0 <= b for s0, s1 in settling)
        ]
        gaps.sort()
        out["phases"][name] = {
            "seconds": end - start,
            "beats": len(stamps),
            "max_gap_ms": 1000 * gaps[-1] if gaps else None,
            "p99_gap_ms": 1000 * gaps[int(0.99 * (len(gaps) - 1))] if gaps else None,
            "late_50": sum(g > (TARGET_STALL_MS + HEARTBEAT_MS) / 1000 for g in gaps),
            **extra,
        }

    window = build_window(kiosk_mode=False, start_workers=True)
    state = window.state
    window.resize(*SIZE)
    window.show()
    wait_for(lambda: False, 0.5)
    out["rss"]["window shown (data home opening)"] = rss_mb()
    if not wait_for(lambda: state.kiosk is not None, 120):
        raise SystemExit("the data home did not open")
    kiosk = state.require_kiosk()
    window.idle.configure(24 * 3600, 15)
    wait_for(lambda: bool(window.home_screen.notices), 30)
    wait_for(lambda: False, 2.0)
    settle()
    out["rss"]["after start"] = rss_mb()
    out["engine"] = state.engine is not None
    out["printer_worker"] = bool(state.printer and state.printer.is_worker)

    t = begin("idle at home")
    wait_for(lambda: False, 5.0)
    phase("idle at home", t, time.monotonic(), {})

    # The province comes back: the parent starts the simulator now (it was down until here,
    # so the engine could not send anything yet), then "Gửi ngay" skips the probe interval.
    print("READY-FOR-DRAIN", flush=True)
    go = Path(args.go_file)
    if not wait_for(go.exists, 120):
        raise SystemExit("the simulator was not started")
    before = dict(state.counts)
    exchanges: list[float] = []
    state.bridge.exchanged.connect(lambda _at: exchanges.append(time.monotonic()))
    t = begin("sync engine draining the queue")
    state.send_now()
    held = int(args.facts.pop("held", 0))
    drained = wait_for(lambda: bool(state.counts) and state.waiting <= held, args.drain_timeout)
    empty = time.monotonic()
    # The engine's cycle goes on once the queue is empty: /changes, then the daily catalogue
    # check (due here: this store never fetched it), then "exchange succeeded".
    wait_for(lambda: any(at >= empty for at in exchanges), 300)
    end = time.monotonic()
    sampler.phase = "after drain"
    after = dict(state.counts)
    extra = {"drained": drained, "before": before, "after": after, "empty_s": empty - t,
             "held": held}  # fmt: skip
    phase("sync engine draining the queue", t, end, extra)
    wait_for(lambda: False, 2.0)
    settle()
    out["rss"]["after the drain"] = rss_mb()

    finished: list[dict[str, Any]] = []
    state.bridge.print_job_finished.connect(finished.append)
    printer = state.printer
    assert printer is not None
    t = begin(f"{len(args.receipts)} receipts printing")
    for code in args.receipts:
        state.tasks.run(functools.partial(printer.submit, code, "TNV01"), lane="print")
    printed = wait_for(lambda: len(finished) >= len(args.receipts), 300)
    end = time.monotonic()
    outcome: dict[str, int] = {}
    for job in finished:
        outcome[str(job["state"])] = outcome.get(str(job["state"]), 0) + 1
    phase(f"{len(args.receipts)} receipts printing", t, end, {"done": printed, "jobs": outcome})
    sampler.phase = "after printing"
    wait_for(lambda: False, 1.0)
    settle()
    out["rss"]["after printing"] = rss_mb()

    facts = screen_catalog.DemoFacts(**args.facts)
    people = {u.code: u for u in users.list_users(kiosk)}
    # Every screen module once a round, in its deepest catalogue state (the last entry of
    # each route: the dossier's review step, the VietQR code, a found look-up, ...).
    last = {entry.route: entry for entry in screen_catalog.SCREENS}
    entries = sorted(last.values(), key=lambda s: s.role or "")
    opened: dict[str, list[float]] = {}
    saved_panels = 0
    t_flows = begin("opening and closing screens")
    import random

    rng = random.Random(5)
    for round_no in range(1, args.rounds + 1):
        for entry in entries:
            code = screen_catalog.ROLE_USERS[entry.role][0] if entry.role else None
            if (state.user.code if state.user else None) != code:
                state.set_user(people[code] if code else None)  # no Argon2 per round
            start = time.perf_counter()
            screen_catalog.open_screen(window, entry, facts, wait_for)
            opened.setdefault(entry.key, []).append(time.perf_counter() - start)
            window.home()
        if round_no % 10 == 0:
            saved_panels += save_and_print(state, window, wait_for, rng, sample_payload,
                                           records, utcnow, SavedPanel)  # fmt: skip
        if round_no % max(1, args.rounds // 4) == 0:
            state.set_user(None)
            window.home()
            settle()
            out["flows"].append(
                {
                    "round": round_no,
                    "rss": rss_mb(),
                    "widgets": len(QApplication.allWidgets()),
                    "objects": len(gc.get_objects()),
                }
            )
    phase("opening and closing screens", t_flows, time.monotonic(), {})
    out["saved_panels"] = saved_panels
    out["open_ms"] = {k: 1000 * statistics.median(v) for k, v in opened.items()}
    out["open_max_ms"] = {k: 1000 * max(v) for k, v in opened.items()}
    sampler.stop.set()
    out["stall_samples"] = sampler.samples
    out["stall_others"] = sampler.others
    out["stalls"] = [
        vars(one)
        for one in sampler.stalls
        if not any(one.start <= s1 and s0 <= one.start + one.gap_ms / 1000 for s0, s1 in settling)
    ]
    Path(args.out).write_text(json.dumps(out, indent=1), encoding="utf-8")
    window.exit_allowed = True
    window.close()
    os._exit(0)


def save_and_print(state: Any, window: Any, wait_for: Any, rng: Any, sample_payload: Any,
                   records: Any, utcnow: Any, panel_class: Any) -> int:  # fmt: skip
    """A flow's end: save a record on the db lane, then the SavedPanel that prints it."""
    kiosk = state.require_kiosk()
    payload = sample_payload("feedback", rng, utcnow())
    saved: list[Any] = []
    state.tasks.run(lambda: records.save_record(kiosk, "feedback", payload, state.actor),
                    saved.append)  # fmt: skip
    if not wait_for(lambda: bool(saved), 30):
        return 0
    panel = panel_class(state, window, saved[0], "Phản ánh đã lưu")
    done = ("needs_confirmation", "printed", "failed")
    wait_for(lambda: panel.job_state in done, 30)
    panel.deleteLater()
    return 1


# ============================================================================= parent


def keyring_of(root: Path) -> Any:
    from kiosk.store import secrets

    return secrets.file_keyring(root / "keyring.cfg")


def use_root(root: Path) -> None:
    """This process opens ``root/home`` with ``root/keyring.cfg`` (as the children will)."""
    from kiosk import paths
    from kiosk.store import secrets

    os.environ["KIOSK_HOME"] = str(root / "home")
    os.environ["KIOSK_KEYRING"] = f"file:{root / 'keyring.cfg'}"
    paths.set_home(None)
    secrets.reset_backend()


def build_startup_home(root: Path) -> None:
    from kiosk.services import catalog
    from kiosk.services.context import Kiosk
    from kiosk.ui import screen_catalog

    use_root(root)
    kiosk = Kiosk.open(root / "home")
    try:
        catalog.ensure_loaded(kiosk)
        screen_catalog.prepare_demo(kiosk)
    finally:
        kiosk.close()


def one_startup(kind: str, root: Path) -> dict[str, float]:
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", f"startup-{kind}"],
        capture_output=True, text=True, timeout=180, env=child_env(root), check=False,
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"startup-{kind} failed ({done.returncode}): {done.stderr[-2000:]}")
    marks = json.loads(lines[-1])
    return {k: v if k == "rss_mb" else v - start for k, v in marks.items()}


def measure_startup(cfg: Config) -> dict[str, list[dict[str, float]]]:
    root = WORK / "startup"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    build_startup_home(root)
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "app": []}
    for n in range(cfg.startup_runs + 1):
        for kind in ("bare", "app"):
            marks = one_startup(kind, root)
            if n:  # the first of each is a warm-up (disk cache, font cache, .pyc)
                runs[kind].append(marks)
        _log(f"  start-up run {n}: bare {marks_text(runs['bare'][-1:])}, "
             f"app {marks_text(runs['app'][-1:])}")  # fmt: skip
    runs["imports"] = [import_times(root)]
    return runs


# Packages the window's modules pull in before the first paint (cumulative import time of
# each, measured once with ``python -X importtime -c "import kiosk.ui.app"``).
WATCHED_IMPORTS = (
    "PySide6.QtWidgets", "sqlalchemy", "alembic", "requests", "cryptography", "argon2",
    "phonenumbers", "rapidfuzz", "keyring", "filelock", "platformdirs", "escpos", "PIL",
    "reportlab", "kiosk.catalog", "kiosk.ui.keyboard", "kiosk.ui.app",
)  # fmt: skip


def import_times(root: Path) -> dict[str, float]:
    """Seconds of cumulative import time per watched package (first import only)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import kiosk.ui.app"],
        capture_output=True, text=True, timeout=180, env=child_env(root), check=False,
    )  # fmt: skip
    found: dict[str, float] = {}
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].strip()
        if name in WATCHED_IMPORTS and name not in found:
            found[name] = int(parts[1]) / 1e6
    return found


def marks_text(runs: list[dict[str, float]]) -> str:
    if not runs:
        return "(warm-up)"
    return f"{1000 * runs[-1]['painted']:.0f} ms"


def prepare_load_home(cfg: Config) -> tuple[Path, dict[str, Any], list[str], int]:
    """A copy of bench_sync's cached drain store, with demo users/notices and 20 dossiers to
    print; returns (root, demo facts, receipt codes, queued items)."""
    import random

    import bench_sync

    from kiosk.domain.samples import sample_payload
    from kiosk.services import records
    from kiosk.services.context import Kiosk
    from kiosk.store.models import utcnow
    from kiosk.ui import screen_catalog

    source, built, _hit = bench_sync.cached(
        "drain",
        str(cfg.drain_items),
        lambda p: bench_sync.build_drain_home(p, cfg.drain_items),
    )
    root = WORK / "load"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("build.json"))
    use_root(root)
    with keyring_of(root):
        kiosk = Kiosk.open(root / "home")
        try:
            facts = screen_catalog.prepare_demo(kiosk)
            rng = random.Random(20)
            codes = [
                records.save_record(
                    kiosk, "dossier", sample_payload("dossier", rng, utcnow()), "TNV01"
                ).receipt_code
                for _ in range(RECEIPTS)
            ]
            held = held_items(kiosk, facts.rejected_item_id)
            bench_sync.checkpoint(kiosk)
        finally:
            kiosk.close()
    fact_data: dict[str, Any] = {k: v for k, v in vars(facts).items() if isinstance(v, str)}
    fact_data["held"] = held
    queued = built.items + sum(1 + len(s.linked) for s in facts.saved) + RECEIPTS
    return root, fact_data, codes, queued


def held_items(kiosk: Any, rejected_item_id: str) -> int:
    """Items waiting on the demo dossier the province refused: they stay queued until it is
    corrected, so the drain is over when only they are left."""
    from sqlalchemy import func, select

    from kiosk.store.db import read_session
    from kiosk.store.models import OutboxItem

    with read_session(kiosk.engine) as session:
        query = select(func.count()).where(OutboxItem.depends_on == rejected_item_id)
        return int(session.execute(query).scalar_one())


def run_load_child(command: list[str], root: Path, sim: Any, go: Path) -> tuple[int, str]:
    """Run the child; when it says READY-FOR-DRAIN, start the simulator and touch ``go``."""
    errors_file = root / "child-stderr.txt"
    with errors_file.open("w", encoding="utf-8") as errors:
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True,
                                 env=child_env(root))  # fmt: skip
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == "READY-FOR-DRAIN":
                sim.start()
                go.touch()
                _log("  simulator started; draining")
        code = child.wait(timeout=CHILD_TIMEOUT_S)
    return code, errors_file.read_text(encoding="utf-8", errors="replace")


def measure_load(cfg: Config) -> dict[str, Any]:
    import bench_sync

    from kiosk.services.context import Kiosk
    from kiosk.simulator import SimulatorProcess

    root, facts, codes, queued = prepare_load_home(cfg)
    sim = SimulatorProcess(
        root / "province", clients=[(bench_sync.DRAIN_CLIENT, bench_sync.DRAIN_SECRET)]
    ).start()
    sim.terminate()  # its port is kept: started again when the child is ready to drain
    sink = SinkPrinter()
    try:
        use_root(root)
        with keyring_of(root):
            kiosk = Kiosk.open(root / "home")
            kiosk.settings.set("server.url", sim.base_url)
            kiosk.settings.set("printer.uri", sink.uri)
            kiosk.close()
        out_file, go = root / "result.json", root / "go"
        command = [
            sys.executable, str(Path(__file__).resolve()), "--child", "load",
            "--out", str(out_file), "--rounds", str(cfg.rounds), "--go-file", str(go),
            "--facts", json.dumps(facts), "--receipts", *codes,
        ]  # fmt: skip
        _log(f"  load child: {queued:,} queued items, {cfg.rounds} rounds of screens")
        code, errors = run_load_child(command, root, sim, go)
        if code != 0 or not out_file.exists():
            raise RuntimeError(f"load child failed ({code}): {errors[-3000:]}")
        result: dict[str, Any] = json.loads(out_file.read_text(encoding="utf-8"))
        with sim.state() as sim_state:
            result["simulator_stored"] = len(sim_state.items())
        result["queued"] = queued
        result["printer_bytes"] = sink.received
        return result
    finally:
        sink.close()
        sim.terminate()


# ============================================================================= report


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _yes(ok: bool) -> str:
    return "**met**" if ok else "**NOT met**"


def median_of(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def startup_report(runs: dict[str, list[dict[str, float]]]) -> list[str]:
    bare, app = runs["bare"], runs["app"]
    imports = runs.get("imports", [{}])[0]
    bare_paint = median_of(bare, "painted")
    app_paint, app_data = median_of(app, "painted"), median_of(app, "data")
    ratio = app_paint / bare_paint
    steps = [
        ("Python + PySide6 imported", "qt_imported"),
        ("`kiosk.ui.app` imported (the window's modules and the core they import)", "imported"),
        ("`application()`: bundled font, stylesheet", "themed"),
        (
            "`build_window()`: window built (the data home opens on the db worker once the "
            "home screen has painted)",
            "built",
        ),
        ("window shown", "shown"),
        ("**home screen painted**", "painted"),
        ("data home opened (`state.opened`)", "opened"),
        ("**notices painted (data shown)**", "data"),
    ]
    lines = [
        "### Start-up to the first painted home screen",
        "",
        f"Median of {len(app)} runs each (after one warm-up each), alternating, from `Popen` "
        "to the first `Paint` event (`CLOCK_MONOTONIC`, offscreen, 1366×768).",
        "",
        "| process | window painted ms | data shown ms | runs (painted, ms) |",
        "|---|---:|---:|---|",
        f"| bare PySide6 `QMainWindow` + `QLabel` | {1000 * bare_paint:,.0f} | – | "
        + ", ".join(f"{1000 * r['painted']:.0f}" for r in bare)
        + " |",
        f"| the kiosk (`build_window`, workers started, demo data home) | "
        f"{1000 * app_paint:,.0f} | {1000 * app_data:,.0f} | "
        + ", ".join(f"{1000 * r['painted']:.0f}" for r in app)
        + " |",
        "",
        "Where the kiosk's start-up goes (medians, ms from `Popen`):",
        "",
        "| step | at ms |",
        "|---|---:|",
        *[f"| {name} | {1000 * median_of(app, key):,.0f} |" for name, key in steps],
        f"| (bare: PySide6 imported) | {1000 * median_of(bare, 'imported'):,.0f} |",
        "",
        f"Resident memory at that moment (median VmRSS): bare window "
        f"{median_of(bare, 'rss_mb'):,.0f} MB at its first paint; the kiosk "
        f"{median_of(app, 'rss_mb'):,.0f} MB when the notices were painted.",
        "",
        'Import time (cumulative, `python -X importtime -c "import kiosk.ui.app"`, one '
        "run; nested packages are counted inside the package that imported them first): "
        + "; ".join(
            f"`{name}` {1000 * sec:,.0f} ms"
            for name, sec in sorted(imports.items(), key=lambda kv: -kv[1])
        )
        + ".",
        "",
        "| target | measured | result |",
        "|---|---:|---|",
        f"| window painted ≤ {TARGET_STARTUP_RATIO:g}× the bare window | {ratio:,.2f}× "
        f"({1000 * app_paint:,.0f} vs {1000 * bare_paint:,.0f} ms) | "
        f"{_yes(ratio <= TARGET_STARTUP_RATIO)} |",
        "",
    ]
    return lines


def load_report(result: dict[str, Any], cfg: Config) -> list[str]:
    phases = result["phases"]
    lines = [
        "### GUI-thread stalls (10 ms heartbeat) and resident memory",
        "",
        f"The real window (1366×768, offscreen) with its sync engine and print worker "
        f"(engine running: {result['engine']}, print worker: {result['printer_worker']}), "
        f"{result['queued']:,} queued items ({cfg.drain_items:,} from `bench_sync`'s drain "
        "store, the demo records and the dossiers to print), the simulator on 127.0.0.1 with "
        "0 ms added latency, a network printer emulated on 127.0.0.1. Stall = longest gap "
        "between heartbeats − 10 ms.",
        "",
        "| phase | duration s | longest stall ms | p99 gap ms | gaps > 60 ms | GUI thread "
        "on CPU / waiting for a CPU s | process CPU s | load avg | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, p in phases.items():
        stall = None if p["max_gap_ms"] is None else p["max_gap_ms"] - HEARTBEAT_MS
        notes = ""
        if "after" in p:
            notes = (
                f"queue empty after {p['empty_s']:,.1f} s (but the {p['held']} items held "
                "behind the dossier the province refused), then `/changes` and the daily "
                "catalogue check (a full download here) until the engine reported the exchange; "
                f"drained: {p['drained']}; before {_counts(p['before'])}; "
                f"after {_counts(p['after'])}; simulator stores {result['simulator_stored']:,}"
            )
        elif "jobs" in p:
            notes = f"jobs finished: {_counts(p['jobs'])}; {result['printer_bytes']:,} bytes"
        elif name.startswith("opening"):
            notes = f"{cfg.rounds} rounds, {result['saved_panels']} saved + printed"
        lines.append(
            f"| {name} | {p['seconds']:,.1f} | {_ms(stall)} | {_ms(p['p99_gap_ms'])} | "
            f"{p['late_50']:,} | {p['gui_cpu_s']:,.2f} / {p['gui_runqueue_s']:,.2f} | "
            f"{p['process_cpu_s']:,.1f} | {p['load']:,.1f} | {notes} |"
        )
    drain = phases["sync engine draining the queue"]
    printing = next(p for n, p in phases.items() if n.endswith("receipts printing"))
    drain_stall = drain["max_gap_ms"] - HEARTBEAT_MS
    print_stall = printing["max_gap_ms"] - HEARTBEAT_MS
    rss = result["rss"]
    flows = result["flows"]
    growth = flows[-1]["rss"] - flows[0]["rss"] if len(flows) > 1 else 0.0
    lines += [
        "",
        "Resident memory (VmRSS):",
        "",
        "| when | RSS MB |",
        "|---|---:|",
        *[f"| {k} | {v:,.1f} |" for k, v in rss.items()],
        "",
        f"Repeated flows: each round opens and closes every screen module "
        f"({len(result['open_ms'])}: the last catalogue entry of each, i.e. its deepest step), "
        "a saved record (with its receipt printed) every 10th round:",
        "",
        "| after round | RSS MB | live widgets | Python objects |",
        "|---:|---:|---:|---:|",
        *[
            f"| {f['round']} | {f['rss']:,.1f} | {f['widgets']:,} | {f['objects']:,} |"
            for f in flows
        ],
        "",
        "| target | measured | result |",
        "|---|---:|---|",
        f"| longest stall < {TARGET_STALL_MS:g} ms while the queue drains | "
        f"{drain_stall:,.0f} ms | {_yes(drain_stall < TARGET_STALL_MS)} |",
        f"| longest stall < {TARGET_STALL_MS:g} ms while {RECEIPTS} receipts print | "
        f"{print_stall:,.0f} ms | {_yes(print_stall < TARGET_STALL_MS)} |",
        f"| RSS < {TARGET_RSS_MB:g} MB after start | {rss['after start']:,.1f} MB | "
        f"{_yes(rss['after start'] < TARGET_RSS_MB)} |",
        f"| RSS < {TARGET_RSS_MB:g} MB after the drain | {rss['after the drain']:,.1f} MB | "
        f"{_yes(rss['after the drain'] < TARGET_RSS_MB)} |",
        f"| no growth across the flows (round {flows[0]['round']} → {flows[-1]['round']}) | "
        f"{growth:+,.1f} MB, widgets {flows[0]['widgets']} → {flows[-1]['widgets']} | "
        f"{_yes(growth < 5.0 and flows[-1]['widgets'] <= flows[0]['widgets'])} |",
        "",
    ]
    slow = sorted(result["open_ms"].items(), key=lambda kv: -kv[1])[:5]
    lines.append(
        "Opening a screen (go → its background work landed), median / max ms: "
        + "; ".join(f"`{k}` {v:,.0f} / {result['open_max_ms'][k]:,.0f}" for k, v in slow)
        + "."
    )
    lines += ["", *stall_table(result["stalls"])]
    lines += stall_profile(result["stall_samples"], result["stall_others"])
    return lines


def stall_table(raw: list[dict[str, Any]]) -> list[str]:
    """The longest stalls per phase, split by where the GUI thread's time went."""
    stalls = [Stall(**one) for one in raw]
    if not stalls:
        return []
    lines = [
        "The longest gaps per phase, and where the GUI thread was meanwhile (from its "
        "`/proc/self/task/<tid>/schedstat`): *on CPU* (running: Qt or our Python), *waiting "
        "for a CPU* (runnable, but both cores busy — other processes on this shared machine, "
        "the simulator, our own threads), *blocked* (the rest: waiting for the GIL held by "
        "another thread of the kiosk, or a lock):",
        "",
        "| phase | gap ms | on CPU ms | waiting for a CPU ms | blocked (GIL) ms |",
        "|---|---:|---:|---:|---:|",
    ]
    phases = list(dict.fromkeys(one.phase for one in stalls))
    for name in phases:
        worst = sorted((s for s in stalls if s.phase == name), key=lambda s: -s.gap_ms)[:3]
        for one in worst:
            lines.append(
                f"| {name} | {one.gap_ms:,.0f} | {one.cpu_ms:,.0f} | {one.runqueue_ms:,.0f} | "
                f"{one.other_ms:,.0f} |"
            )
    return [*lines, ""]


def stall_profile(samples: dict[str, int], others: dict[str, int]) -> list[str]:
    if not samples:
        return ["No heartbeat was ever more than 30 ms late: nothing to profile.", ""]
    return [
        "<details><summary>What ran while a heartbeat was more than 30 ms late (a watchdog "
        "thread samples every 5 ms: the GUI thread's Python stack, and the other threads "
        "that were not blocked in a wait; the most frequent per phase)</summary>",
        "",
        "| samples | phase: GUI thread (innermost first) |",
        "|---:|---|",
        *[f"| {n} | {key} |" for key, n in top_per_phase(samples, 4)],
        "",
        "| samples | phase: other thread running Python |",
        "|---:|---|",
        *[f"| {n} | {key} |" for key, n in top_per_phase(others, 4)],
        "",
        "</details>",
        "",
    ]


def top_per_phase(counts: dict[str, int], per_phase: int) -> list[tuple[str, int]]:
    """The most frequent keys of each phase (keys are "phase: ..."), phases in first-seen
    order."""
    phases: dict[str, list[tuple[str, int]]] = {}
    for key, n in counts.items():
        phases.setdefault(key.split(":", 1)[0], []).append((key, n))
    out: list[tuple[str, int]] = []
    for rows in phases.values():
        out += sorted(rows, key=lambda kv: -kv[1])[:per_phase]
    return out


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items()) if v) or "none"


def report(cfg: Config, quick: bool, startup: Any, load: Any, seconds: float) -> str:
    lines = [
        "## Touch UI: start-up, GUI-thread stalls, memory",
        "",
        f"`bench/bench_ui.py{' --quick' if quick else ''}` — offscreen Qt, every measurement "
        f"in a child process of its own; {seconds:,.0f} s in all.",
        "",
    ]
    if startup is not None:
        lines += startup_report(startup)
    if load is not None:
        lines += load_report(load, cfg)
    return "\n".join(lines)


def measure(quick: bool, parts: tuple[str, ...]) -> str:
    started = time.perf_counter()
    cfg = QUICK_RUN if quick else FULL_RUN
    saved = {k: os.environ.get(k) for k in ("KIOSK_HOME", "KIOSK_KEYRING")}
    startup = load = None
    try:
        if "startup" in parts:
            _log("ui: start-up")
            startup = measure_startup(cfg)
        if "load" in parts:
            _log("ui: stalls and memory")
            load = measure_load(cfg)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(WORK, ignore_errors=True)
    return report(cfg, quick, startup, load, time.perf_counter() - started)


PARTS = ("startup", "load")


def run(quick: bool = False) -> str:
    """Measure and return the Markdown section for docs/performance.md."""
    return measure(quick, PARTS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="UI benchmark: start-up, stalls, memory")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--part", choices=PARTS, action="append")
    parser.add_argument("--child", choices=("startup-bare", "startup-app", "load"))
    parser.add_argument("--out")
    parser.add_argument("--rounds", type=int, default=FULL_RUN.rounds)
    parser.add_argument("--facts", type=json.loads, default={})
    parser.add_argument("--receipts", nargs="*", default=[])
    parser.add_argument("--drain-timeout", type=float, default=1200.0)
    parser.add_argument("--go-file", default="")
    args = parser.parse_args(argv)
    if args.child == "startup-bare":
        child_startup_bare()
    elif args.child == "startup-app":
        child_startup_app()
    elif args.child == "load":
        child_load(args)
    else:
        print(measure(args.quick, tuple(args.part or PARTS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
