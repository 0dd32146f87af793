"""Benchmark of the receipts: build time and size per renderer, and save → printer latency.

Run ``.venv/bin/python bench/bench_receipts.py`` (``--quick`` for a short run); ``bench/run.py``
puts the Markdown section that :func:`run` returns into ``docs/performance.md``.

* **Build** — from a prepared receipt model to the finished bytes, per renderer: ESC/POS
  raster 80 mm (TM-T20II profile, native QR), ESC/POS raster 58 mm (POS-5890 profile, QR as
  pixels), ESC/POS text (CP1258), PDF A4, PDF 80 mm roll, PNG 80 mm. Receipts: the documented
  dossier example (3 papers, 2 fees, a VietQR code: a long one) and realistic sample dossiers
  of :func:`kiosk.domain.samples.sample_payload`. ``prepare()`` is timed on its own. Fonts and
  python-escpos are loaded before timing (a kiosk loads them once at start-up).
* **Save → printer** — in a fresh data home: :func:`kiosk.services.records.save_record` of a
  sample dossier, then ``PrintQueue.submit``; the worker thread loads the record, draws the
  receipt and hands the bytes to the connection (a network printer emulated on 127.0.0.1:
  a socket that answers the status queries and reads everything). Timed from before the save
  to the moment the connection's ``send`` is called, and to the moment it returned.

Targets (issue #4): ESC/POS raster 80 mm < 60 KB for a typical dossier; build < 100 ms;
PDF < 150 ms. The machine is shared: medians are reported, and p95.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for entry in (str(REPO), str(BENCH)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from printer_peer import SinkPrinter  # noqa: E402

from kiosk.domain.samples import sample_payload  # noqa: E402
from kiosk.printing import escpos_lib, examples  # noqa: E402
from kiosk.printing.connections import Connection, connect  # noqa: E402
from kiosk.printing.escpos_render import PrinterSetup, build_escpos  # noqa: E402
from kiosk.printing.model import Receipt  # noqa: E402
from kiosk.printing.pdf_render import build_pdf  # noqa: E402
from kiosk.printing.prepare import ReceiptSource, prepare  # noqa: E402
from kiosk.printing.raster import render_image  # noqa: E402

TARGET_BYTES = 60_000
TARGET_BUILD_MS = 100.0
TARGET_PDF_MS = 150.0


@dataclass(frozen=True)
class Timing:
    name: str
    median_ms: float
    p95_ms: float
    bytes_median: int | None = None
    bytes_max: int | None = None


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _png(receipt: Receipt) -> bytes:
    import io

    buffer = io.BytesIO()
    render_image(receipt, 576).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


RENDERERS: dict[str, Callable[[Receipt], bytes]] = {
    "ESC/POS raster 80 mm (TM-T20II, native QR)": lambda r: build_escpos(
        r, PrinterSetup("TM-T20II", 80)
    ),
    "ESC/POS raster 58 mm (POS-5890, QR as pixels)": lambda r: build_escpos(
        r, PrinterSetup("POS-5890", 58)
    ),
    "ESC/POS text CP1258 80 mm": lambda r: build_escpos(r, PrinterSetup("TM-T20II", 80, "text")),
    "PDF A4": lambda r: build_pdf(r, "a4"),
    "PDF 80 mm roll": lambda r: build_pdf(r, "80"),
    "PNG 80 mm": _png,
}


def sample_dossiers(count: int) -> list[ReceiptSource]:
    rng = random.Random(20261122)
    now = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    out = []
    for n in range(count):
        payload = sample_payload("dossier", rng, now, with_receipt=True)
        out.append(
            ReceiptSource("dossier", payload["MaBienNhanTaiDiem"], now, f"tnv.{n % 9}", payload)
        )
    return out


def time_renderer(render: Callable[[Receipt], bytes], receipts: list[Receipt], reps: int) -> Timing:
    times: list[float] = []
    sizes: list[int] = []
    for _ in range(reps):
        for receipt in receipts:
            start = time.perf_counter()
            data = render(receipt)
            times.append((time.perf_counter() - start) * 1000)
            sizes.append(len(data))
    return Timing(
        "", statistics.median(times), p95(times), int(statistics.median(sizes)), max(sizes)
    )


def bench_builds(quick: bool) -> tuple[list[tuple[str, Timing]], Timing]:
    escpos_lib.load()
    example = [prepare(examples.DOSSIER, examples.POINT)]
    samples = [prepare(s, examples.POINT) for s in sample_dossiers(10 if quick else 40)]
    for render in RENDERERS.values():  # warm-up: fonts, code pages, QR tables
        render(example[0])
    reps = 3 if quick else 10
    rows: list[tuple[str, Timing]] = []
    for name, render in RENDERERS.items():
        rows.append((f"{name} — example", time_renderer(render, example, reps * 3)))
        rows.append((f"{name} — sample dossiers", time_renderer(render, samples, 1)))
    sources = sample_dossiers(10 if quick else 40)
    prepare_ms: list[float] = []
    for _ in range(reps):
        for source in sources:
            start = time.perf_counter()
            prepare(source, examples.POINT)
            prepare_ms.append((time.perf_counter() - start) * 1000)
    return rows, Timing("prepare()", statistics.median(prepare_ms), p95(prepare_ms))


# ----------------------------------------------------------------------------- save → printer


class TimedConnection:
    """Wraps the real connection and notes when the bytes were handed over and sent."""

    def __init__(self, inner: Connection, marks: dict[str, float]) -> None:
        self.inner = inner
        self.marks = marks

    def send(self, data: bytes) -> None:
        self.marks["handed"] = time.perf_counter()
        self.inner.send(data)
        self.marks["sent"] = time.perf_counter()


@contextmanager
def temp_home() -> Iterator[Path]:
    from kiosk import paths
    from kiosk.store import secrets

    saved = {k: os.environ.get(k) for k in ("KIOSK_HOME", "KIOSK_KEYRING")}
    with tempfile.TemporaryDirectory(prefix="bench-receipts-") as root:
        os.environ["KIOSK_HOME"] = f"{root}/home"
        os.environ["KIOSK_KEYRING"] = f"file:{root}/keyring.cfg"
        paths.set_home(None)
        secrets.reset_backend()
        try:
            yield Path(root) / "home"
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            secrets.reset_backend()


def bench_save_to_printer(quick: bool) -> tuple[Timing, Timing, int]:
    from kiosk.printing.queue import PrintQueue
    from kiosk.services import catalog, records
    from kiosk.services.context import Kiosk

    count = 8 if quick else 40
    handed: list[float] = []
    sent: list[float] = []
    with temp_home() as home:
        kiosk = Kiosk.open(home)
        catalog.ensure_loaded(kiosk)
        printer = SinkPrinter()
        kiosk.settings.set("printer.uri", printer.uri)
        marks: dict[str, float] = {}

        def factory(uri: str, timeout: float, check: bool) -> Connection:
            return TimedConnection(connect(uri, timeout=timeout, check_status=check), marks)  # type: ignore[return-value]

        rng = random.Random(7)
        with PrintQueue(kiosk, connection_factory=factory) as queue:
            for n in range(count + 2):
                payload = sample_payload("dossier", rng, datetime.now(UTC))
                marks.clear()
                start = time.perf_counter()
                saved = records.save_record(kiosk, "dossier", payload, "tnv.01")
                view = queue.submit(saved.receipt_code, "tnv.01")
                view = queue.wait(view.id, 30)
                if n >= 2 and "sent" in marks:  # the first two warm the caches up
                    handed.append((marks["handed"] - start) * 1000)
                    sent.append((marks["sent"] - start) * 1000)
        printer.close()
        kiosk.close()
    return (
        Timing("save → handed to the connection", statistics.median(handed), p95(handed)),
        Timing("save → bytes sent (status checked)", statistics.median(sent), p95(sent)),
        len(handed),
    )


# ----------------------------------------------------------------------------- report


def _row(name: str, t: Timing) -> str:
    return f"| {name} | {t.median_ms:.1f} | {t.p95_ms:.1f} | {t.bytes_median:,} | {t.bytes_max:,} |"


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def run(quick: bool = False) -> str:
    """Measure and return the Markdown section for docs/performance.md."""
    os.environ.setdefault(
        "ESCPOS_CAPABILITIES_PICKLE_DIR", str(Path(tempfile.gettempdir()) / "kiosk-escpos-cache")
    )
    rows, prepare_timing = bench_builds(quick)
    handed, sent, count = bench_save_to_printer(quick)
    example_80 = next(
        t for name, t in rows if name.startswith("ESC/POS raster 80") and "example" in name
    )
    samples_80 = next(
        t for name, t in rows if name.startswith("ESC/POS raster 80") and "sample" in name
    )
    pdf_worst = max(t.median_ms for name, t in rows if name.startswith("PDF"))
    build_worst = max(t.median_ms for name, t in rows if not name.startswith("PDF"))
    lines = [
        "## Receipts (thermal ESC/POS, PDF, PNG)",
        "",
        f"`bench/bench_receipts.py{' --quick' if quick else ''}` — Python "
        f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs. "
        "Times are from a finished receipt model to the bytes (fonts and python-escpos loaded "
        "before); the example is the documented dossier (3 papers, 2 fees, VietQR), the "
        "samples are realistic generated dossiers.",
        "",
        "| renderer — receipts | median ms | p95 ms | bytes (median) | bytes (max) |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[_row(name, t) for name, t in rows],
        f"| `prepare()` — sample dossiers | {prepare_timing.median_ms:.2f} | "
        f"{prepare_timing.p95_ms:.2f} | | |",
        "",
        f"Save → printer ({count} dossiers, each saved then printed through the queue to a "
        "network printer emulated on 127.0.0.1):",
        "",
        "| step | median ms | p95 ms |",
        "| --- | ---: | ---: |",
        f"| {handed.name} | {handed.median_ms:.1f} | {handed.p95_ms:.1f} |",
        f"| {sent.name} | {sent.median_ms:.1f} | {sent.p95_ms:.1f} |",
        "",
        "Targets: ESC/POS raster 80 mm < 60 KB — example "
        f"{example_80.bytes_max:,} B, samples ≤ {samples_80.bytes_max:,} B "
        f"({_met(max(example_80.bytes_max or 0, samples_80.bytes_max or 0) < TARGET_BYTES)}); "
        f"build < {TARGET_BUILD_MS:.0f} ms — worst median {build_worst:.1f} ms "
        f"({_met(build_worst < TARGET_BUILD_MS)}); "
        f"PDF < {TARGET_PDF_MS:.0f} ms — worst median {pdf_worst:.1f} ms "
        f"({_met(pdf_worst < TARGET_PDF_MS)}).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(run(quick=args.quick))


if __name__ == "__main__":
    main()
