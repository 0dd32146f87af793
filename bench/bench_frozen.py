"""Benchmark of the frozen (PyInstaller) Linux build: size, build time, self-test time.

Run ``.venv/bin/python bench/bench_frozen.py`` (``--quick``: one self-test run each instead of
three); ``bench/run.py --only frozen`` puts the section into ``docs/performance.md``.

* **Build** — ``dist/kiosk/`` (from ``installer/build``) is reused when its
  ``dist/kiosk-build.json`` is newer than every source that goes into it (``kiosk/``,
  ``resources/``, ``installer/``, ``pyproject.toml``, the locks); otherwise ``installer/build``
  runs first. Build times come from ``dist/kiosk-build.json`` (PyInstaller, then the tarball).
* **Size** — ``du`` of ``dist/kiosk`` and the tarball, and the biggest parts of the bundle.
* **Self-test** — ``dist/kiosk/kiosk --selftest`` and the same from the source tree
  (``python -m kiosk --selftest``), side by side: wall time of the whole process, its CPU time
  (user + system: the machine is shared, CPU time is the steadier number) and each step's time
  as the self-test reports it. Also the start-up cost alone: ``kiosk --version``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DIST = REPO / "dist" / "kiosk"
INFO = REPO / "dist" / "kiosk-build.json"
FROZEN = [str(DIST / "kiosk")]
SOURCE = [sys.executable, "-m", "kiosk"]
SOURCES = ("kiosk", "resources", "installer", "pyproject.toml", "requirements")
STEP_LINE = re.compile(r"^\[ OK \] (?P<name>\w+)\s+(?P<seconds>[\d.]+) s")
MiB = 2**20


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float
    steps: dict[str, float]


def newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = REPO / name
        files = [path] if path.is_file() else path.rglob("*")
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                newest = max(newest, file.stat().st_mtime)
    return newest


def ensure_build() -> bool:
    """Build unless dist/ already holds a build newer than its sources; True if built now."""
    fresh = (DIST / "kiosk").is_file() and INFO.is_file()
    if fresh and INFO.stat().st_mtime > newest_source():
        return False
    subprocess.run([str(REPO / "installer" / "build")], cwd=REPO, check=True, timeout=1800)
    return True


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KIOSK_HOME", "DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (this child and its children) of ``command``; its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=environment(),
                          cwd=REPO, timeout=600, check=False)  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def selftest(command: list[str]) -> Run:
    wall, cpu, out = timed([*command, "--selftest"])
    steps = {m["name"]: float(m["seconds"]) for m in map(STEP_LINE.match, out.splitlines()) if m}
    return Run(wall, cpu, steps)


def median_run(runs: list[Run]) -> Run:
    names = runs[0].steps
    return Run(
        statistics.median(r.wall_s for r in runs),
        statistics.median(r.cpu_s for r in runs),
        {n: statistics.median(r.steps.get(n, 0.0) for r in runs) for n in names},
    )


def startup(command: list[str], reps: int) -> float:
    return statistics.median(timed([*command, "--version"])[0] for _ in range(reps))


def tree_bytes(path: Path) -> int:
    return sum(f.lstat().st_size for f in path.rglob("*") if f.is_file() or f.is_symlink())


def biggest_parts(limit: int = 8) -> list[tuple[str, int]]:
    parts = [(p.name, tree_bytes(p) if p.is_dir() else p.stat().st_size)
             for p in (DIST / "_internal").iterdir() if not p.is_symlink()]  # fmt: skip
    return sorted(parts, key=lambda item: -item[1])[:limit]


def section(info: dict[str, object], built_now: bool, frozen: Run, source: Run,
            starts: tuple[float, float], runs: int) -> str:  # fmt: skip
    onedir = tree_bytes(DIST)
    files = sum(1 for _ in DIST.rglob("*"))
    tarball = REPO / str(info["tarball"])
    lines = [
        "## Frozen build (PyInstaller onedir, Linux)",
        "",
        f"`bench/bench_frozen.py` — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs "
        f"(shared). Build {'made by this run' if built_now else 'reused from dist/'}: "
        f"kiosk {info['version']} at `{info['commit']}`, {info['built_at']}.",
        "",
        "| what | value |",
        "| --- | ---: |",
        f"| build: PyInstaller (`installer/build`) | {info['pyinstaller_s']} s |",
        f"| build: tarball (gzip) | {info['tarball_s']} s |",
        f"| `dist/kiosk/` (onedir) | {onedir / MiB:.0f} MiB, {files:,} files |",
        f"| `{tarball.name}` | {tarball.stat().st_size / MiB:.0f} MiB |",
        f"| start-up: `kiosk --version`, frozen / source | {starts[0]:.2f} s / {starts[1]:.2f} s |",
        "",
        f"Self-test (`--selftest`, median of {runs}; a throwaway data home each time):",
        "",
        "| | frozen `dist/kiosk/kiosk` | source `python -m kiosk` |",
        "| --- | ---: | ---: |",
        f"| whole process, wall | {frozen.wall_s:.1f} s | {source.wall_s:.1f} s |",
        f"| whole process, CPU (user + sys) | {frozen.cpu_s:.1f} s | {source.cpu_s:.1f} s |",
    ]
    lines += [
        f"| step `{name}` | {frozen.steps[name]:.2f} s | {source.steps.get(name, 0):.2f} s |"
        for name in frozen.steps
    ]
    lines += ["", "Biggest parts of `dist/kiosk/_internal/`: " + ", ".join(
        f"{name} {size / MiB:.0f} MiB" for name, size in biggest_parts()) + "."]  # fmt: skip
    return "\n".join(lines) + "\n"


def run(quick: bool = False) -> str:
    """Measure and return the Markdown section for docs/performance.md."""
    built_now = ensure_build()
    info = json.loads(INFO.read_text(encoding="utf-8"))
    reps = 1 if quick else 3
    frozen_runs, source_runs = [], []
    for _ in range(reps):  # interleaved: both see the same machine load
        frozen_runs.append(selftest(FROZEN))
        source_runs.append(selftest(SOURCE))
    starts = (startup(FROZEN, 3 if quick else 5), startup(SOURCE, 3 if quick else 5))
    return section(info, built_now, median_run(frozen_runs), median_run(source_runs), starts,
                   reps)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Frozen build benchmark")
    parser.add_argument("--quick", action="store_true", help="one self-test run each")
    args = parser.parse_args(argv)
    print(run(quick=args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
