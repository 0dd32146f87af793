"""Benchmark of the ward staff's exports (#6) on a year of a busy support point.

Run ``.venv/bin/python bench/bench_export.py`` (``--quick`` for a short run); ``bench/run.py``
puts the Markdown section that :func:`run` returns into ``docs/performance.md``.

**The data.** A data home holding a year (365 opening days ending yesterday; ``--quick``:
45) of a busy point: :data:`PER_DAY` records a day (visits, dossiers, payments, registrations,
feedback in the proportions of ``bench_save``), each with what a real day leaves behind —
its outbox item accepted by the province with its ``sent``/``accepted`` sync events, a printed
and confirmed receipt for dossiers and payments (1 in 40 failed), the province's MaHoSo and
status for dossiers, two volunteers' logins and logouts and a day close every day. Rows are
made by the kiosk's own functions (sample payloads, ``records._make_record``,
``outbox.new_item``, ``audit.next_entry`` for a real hash chain) and inserted a month per
transaction with ``synchronous=OFF`` (build only), then cached in ``bench/out/``. Every run
measures on a copy (an export appends an audit entry).

**What is timed.** Each export runs in a fresh child process (imports and the data key done
before the clock starts), through :func:`kiosk.export.export` — the read snapshot, the
statistics, the streamed log, the file, its SHA-256, its audit entry and its manifest:

* CSV and XLSX of the whole year and of its first weeks (~15,000 log entries);
* PDF of one day (the median of 5), of the first weeks and of the whole year (full run only).

**Memory.** The child reports its resident-set peak during the export (``VmHWM`` after
``clear_refs``, minus ``VmRSS`` before) and, in a second run, tracemalloc's peak of Python
allocations. "Flat" means the year's peak is about the weeks' peak although it writes ten
times the rows.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from kiosk.domain.fields import VN_TZ  # noqa: E402
from kiosk.domain.samples import sample_payload  # noqa: E402
from kiosk.services import catalog, records, users  # noqa: E402
from kiosk.services.context import Kiosk  # noqa: E402
from kiosk.services.receipt_codes import format_code  # noqa: E402
from kiosk.store import audit, migrate, outbox, secrets  # noqa: E402
from kiosk.store.db import dbapi, insert_sql, read_session  # noqa: E402
from kiosk.store.models import db_time  # noqa: E402

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
WORK = OUT / "work-export"
BUILDER_VERSION = 1
PER_DAY = 110  # records a day: with their events, ~470 log entries a day
MIX = (("dossier", 30), ("payment", 15), ("registration", 10), ("feedback", 10), ("visit", 35))
VOLUNTEERS = (("TNV01", "Nguyễn Thị Lan"), ("TNV02", "Lê Văn Hùng"))
STAFF = ("CB01", "Trần Văn Bình")
OPEN_AT, OPEN_SECONDS = clock(7, 30), 9.5 * 3600
DAYS_PER_TRANSACTION = 30
SMALL_ENTRIES = 15_000  # the "weeks" export: about this many log entries
TARGETS = {"csv": 5.0, "xlsx": 30.0, "pdf-day": 1.0}  # seconds (issue #6)


@dataclass(frozen=True)
class Config:
    days: int
    pdf_year: bool  # the year as PDF (~3,500 pages): full run only


FULL_RUN = Config(days=365, pdf_year=True)
QUICK_RUN = Config(days=45, pdf_year=False)


# ----------------------------------------------------------------------------- building


@dataclass
class DayRows:
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    audit: list[tuple[datetime, str, str, str | None, str | None, dict[str, Any]]] = field(
        default_factory=list
    )
    records: int = 0

    def add(self, table: str, row: dict[str, Any]) -> None:
        stored = {k: db_time(v) if isinstance(v, datetime) else v for k, v in row.items()}
        self.tables.setdefault(table, []).append(stored)


def _pick(rng: random.Random) -> str:
    return rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]


def make_day(kiosk: Kiosk, day: date, rng: random.Random, prefix: str) -> DayRows:
    """One opening day: the records and everything they leave behind."""
    out = DayRows()
    start = datetime.combine(day, OPEN_AT, VN_TZ).astimezone(UTC)
    step = timedelta(seconds=OPEN_SECONDS / PER_DAY)
    dossiers: list[str] = []
    cash = [0, 0]
    for code, _ in VOLUNTEERS:
        out.audit.append((start - timedelta(minutes=5), code, "user.login", "user", code, {}))
    for number in range(1, PER_DAY + 1):
        at = start + (number - 1) * step + timedelta(seconds=rng.randrange(60))
        kind = _pick(rng)
        payload = sample_payload(kind, rng, at)
        if "dossier_id" in payload:
            payload["dossier_id"] = (
                rng.choice(dossiers) if dossiers and rng.random() < 0.6 else None
            )
        item_id = _record(
            kiosk, out, kind, payload, at, format_code(prefix, f"{day:%y%m%d}", number), rng
        )
        if kind == "dossier":
            dossiers.append(item_id)
        if kind == "payment" and payload["HinhThuc"] == "tien_mat":
            cash[0], cash[1] = cash[0] + 1, cash[1] + int(payload["SoTien"])
    end = datetime.combine(day, clock(17, 5), VN_TZ).astimezone(UTC)
    for code, _ in VOLUNTEERS:
        out.audit.append((end, code, "user.logout", "user", code, {"reason": "user"}))
    close = {
        "day": day.isoformat(),
        "revision": 1,
        "corrects_seq": None,
        "reason": None,
        "volunteer": VOLUNTEERS[0][0],
        "expected_cash_vnd": cash[1],
        "counted_cash_vnd": cash[1],
        "difference_vnd": 0,
        "cash_payments": cash[0],
        "not_accepted": 0,
        "print_problems": 0,
    }
    out.audit.append(
        (end + timedelta(minutes=5), STAFF[0], "day.close", "day", day.isoformat(), close)
    )
    out.records = PER_DAY
    return out


def _record(
    kiosk: Kiosk,
    out: DayRows,
    kind: str,
    clean: dict[str, Any],
    at: datetime,
    code: str,
    rng: random.Random,
) -> str:
    """The rows ``records._write`` would insert, and the rows the relay, the province and
    the print queue would add afterwards."""
    actor = rng.choice(VOLUNTEERS)[0]
    item_id = outbox.new_item_id()
    payload = records._fill_kiosk_fields(kind, clean, code, actor, at)
    link = payload.get("dossier_id") if kind in {"payment", "registration"} else None
    record = records._make_record(
        None,  # type: ignore[arg-type]  # no dossier link to look up: no connection needed
        kiosk,
        kind,
        {**payload, "dossier_id": None},
        item_id,
        code,
        actor,
        at,
    )
    if link is not None:
        record["dossier_id"] = link
    item = outbox.new_item(
        kiosk.cipher,
        item_id=item_id,
        kind=kind,
        record_id=item_id,
        payload=payload,
        depends_on=link,
        at=at,
    )
    sent, accepted = at + timedelta(seconds=30), at + timedelta(seconds=31)
    server_ref = f"KDC-{at:%Y%m%d}-{code[-4:]}"
    item.update(
        state="accepted",
        attempts=1,
        last_attempt_at=sent,
        updated_at=accepted,
        server_ref=server_ref,
        received_at=accepted.astimezone(VN_TZ).isoformat(),
    )
    out.audit.append(
        (at, actor, f"{kind}.create", kind, item_id, {"receipt_code": code, "item_id": item_id})
    )
    out.add("sync_events", {"at": sent, "item_id": item_id, "event": "sent", "detail": None})
    out.add(
        "sync_events",
        {"at": accepted, "item_id": item_id, "event": "accepted", "detail": server_ref},
    )
    if kind == "dossier":
        _status(out, record, item_id, at, code)
    if kind in {"dossier", "payment"}:
        _print_job(out, kind, item_id, code, actor, at, failed=rng.random() < 0.025)
    out.add(records.TABLES[kind], record)
    out.add("outbox", item)
    return item_id


def _status(out: DayRows, record: dict[str, Any], item_id: str, at: datetime, code: str) -> None:
    when = at + timedelta(hours=2)
    ma_ho_so = f"000.00.12.H32-{code[5:11]}-{code[-4:]}"
    record.update(ma_ho_so=ma_ho_so, status_code=2, status_updated_at=when)
    out.add(
        "dossier_statuses",
        {
            "change_seq": f"{item_id}-2",
            "item_id": item_id,
            "ma_ho_so": ma_ho_so,
            "status_code": 2,
            "due_at": None,
            "note": None,
            "received_at": when,
        },
    )
    out.audit.append(
        (when, "sync", "dossier.status", "dossier", item_id, {"status": 2, "seq": f"{item_id}-2"})
    )


def _print_job(
    out: DayRows, kind: str, item_id: str, code: str, actor: str, at: datetime, failed: bool
) -> None:
    job_id = f"{item_id[:-4]}p{item_id[-3:]}"
    queued, done = at + timedelta(seconds=5), at + timedelta(seconds=20)
    out.add(
        "print_jobs",
        {
            "id": job_id,
            "created_at": queued,
            "updated_at": done,
            "actor": actor,
            "record_kind": kind,
            "record_id": item_id,
            "receipt_code": code,
            "copy_number": 0,
            "printer": "tcp:192.168.1.50:9100",
            "paper": 80,
            "state": "failed" if failed else "printed",
            "attempts": 1,
            "next_attempt_at": None,
            "error_code": "offline" if failed else None,
            "message": None,
            "bytes_sent": None,
            "payload_mac": None,
            "confirmed_at": None if failed else done,
            "confirmed_by": None if failed else actor,
        },
    )
    detail = {"job_id": job_id, "receipt_code": code, "copy": 0}
    out.audit.append((queued, actor, "print.queue", kind, item_id, detail))
    outcome = (
        ("print.failed", {**detail, "error": "offline"}) if failed else ("print.confirm", detail)
    )
    out.audit.append((done, "system" if failed else actor, outcome[0], kind, item_id, outcome[1]))


def _insert(raw: Any, days: list[DayRows], head: tuple[int, str], prefix: str) -> tuple[int, str]:
    order = (*records.TABLES.values(), "outbox", "sync_events", "print_jobs", "dossier_statuses")
    for table in order:
        rows = [r for d in days for r in d.tables.get(table, [])]
        groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for row in rows:
            groups.setdefault(tuple(row), []).append(tuple(row.values()))
        for columns, values in groups.items():
            raw.executemany(insert_sql(table, columns), values)
    for day in days:
        for at, actor, action, kind, record_id, detail in sorted(day.audit, key=lambda a: a[0]):
            entry = audit.next_entry(head, actor, action, kind, record_id, detail, at)
            entry["at"] = db_time(entry["at"])
            raw.execute(insert_sql("audit_log", tuple(entry)), tuple(entry.values()))
            head = (entry["seq"], entry["hash"])
    return head


def build(root: Path, days: int, log: Callable[[str], None]) -> dict[str, Any]:
    started = time.perf_counter()
    with secrets.file_keyring(root / "keyring.cfg"):
        kiosk = Kiosk.open(root / "home")
        catalog.ensure_loaded(kiosk)
        for code, name in (*VOLUNTEERS, STAFF):
            users.add_user(kiosk, code, name, "staff" if code == STAFF[0] else "volunteer", "2468")
        prefix = kiosk.settings.get_str("kiosk.receipt_prefix")
        with read_session(kiosk.engine) as session:
            head = audit.head(session)
        first = datetime.now(VN_TZ).date() - timedelta(days=days)
        rng = random.Random(6)
        with kiosk.engine.connect() as conn:
            raw = dbapi(conn)
            raw.execute("PRAGMA synchronous=OFF")  # the build only
            for begin in range(0, days, DAYS_PER_TRANSACTION):
                span = range(begin, min(days, begin + DAYS_PER_TRANSACTION))
                batch = [make_day(kiosk, first + timedelta(days=n), rng, prefix) for n in span]
                with conn.begin():
                    head = _insert(raw, batch, head, prefix)
                    raw.executemany(
                        "INSERT INTO receipt_counters (prefix, day, last) VALUES (?, ?, ?)",
                        [(prefix, f"{first + timedelta(days=n):%y%m%d}", PER_DAY) for n in span],
                    )
                log(f"  built {span.stop} of {days} days")
            raw.execute("PRAGMA synchronous=FULL")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        kiosk.close()
    return {
        "days": days,
        "first": first.isoformat(),
        "records": days * PER_DAY,
        "audit_entries": head[0],
        "seconds": round(time.perf_counter() - started, 1),
        "db_bytes": (root / "home" / "kiosk.db").stat().st_size,
    }


def cached(days: int, log: Callable[[str], None]) -> tuple[Path, dict[str, Any]]:
    target = OUT / f"export-{days}d-{PER_DAY}-schema{migrate.head_revision()}-b{BUILDER_VERSION}"
    info_file = target / "build.json"
    if info_file.exists():
        return target, json.loads(info_file.read_text(encoding="utf-8"))
    for stale in OUT.glob(f"export-{days}d-*"):
        shutil.rmtree(stale, ignore_errors=True)
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    log(f"building a {days}-day data home in {partial}")
    info = build(partial, days, log)
    info_file = partial / "build.json"
    info_file.write_text(json.dumps(info, indent=2), encoding="utf-8")
    partial.rename(target)
    return target, info


# ----------------------------------------------------------------------------- the child


def _proc_kb(field_name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return 0


def child(root: Path, fmt: str, first: str, last: str, repeat: int, trace: bool) -> dict[str, Any]:
    """One export in this process; what it took."""
    from kiosk.export import export
    from kiosk.printing.source import point_info

    for writer in ("csv_export", "xlsx_export", "pdf_export"):  # loaded before the clock
        importlib.import_module(f"kiosk.export.{writer}")

    with secrets.file_keyring(root / "keyring.cfg"):
        kiosk = Kiosk.open(root / "home")
        point_info(kiosk)  # the units dataset, loaded once per process (the app has it)
        out = root / "out"
        out.mkdir(exist_ok=True)
        times, cpu, rows, rise = [], [], 0, 0
        for n in range(repeat):
            with contextlib.suppress(OSError):
                Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
            before = _proc_kb("VmRSS")
            if trace:
                tracemalloc.start()
            started, used = time.perf_counter(), time.process_time()
            manifest = export(
                kiosk,
                date.fromisoformat(first),
                date.fromisoformat(last),
                fmt,
                out / f"export-{n}.{fmt}",
                "CB01",
            )
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
            traced = tracemalloc.get_traced_memory()[1] if trace else 0
            tracemalloc.stop()
            rows = manifest.rows
            size = manifest.size_bytes
            if n == 0:  # the first export's rise (later ones reuse what it allocated)
                rise = _proc_kb("VmHWM") - before
        kiosk.close()
    return {
        "seconds": statistics.median(times),
        "worst": max(times),
        "cpu": statistics.median(cpu),
        "rows": rows,
        "bytes": size,
        "rss_peak_kb": rise,
        "traced_peak": traced,
    }


def measure(
    root: Path, fmt: str, first: date, last: date, *, repeat: int = 1, trace: bool = False
) -> dict[str, Any]:
    args = [
        sys.executable,
        __file__,
        "--child",
        str(root),
        fmt,
        first.isoformat(),
        last.isoformat(),
        str(repeat),
    ] + (["--trace"] if trace else [])
    done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=1800)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ----------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Row:
    name: str
    fmt: str
    first: date
    last: date
    repeat: int = 1


def run(quick: bool = False) -> str:
    config = QUICK_RUN if quick else FULL_RUN
    source, info = cached(config.days, lambda m: print(m, file=sys.stderr, flush=True))
    work = WORK / "home"
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.copytree(source, work, ignore=shutil.ignore_patterns("build.json"))
    first = date.fromisoformat(info["first"])
    last = first + timedelta(days=config.days - 1)
    per_day = _entries_per_day(work, first, last)
    small_last = first + timedelta(days=max(1, round(SMALL_ENTRIES / per_day)) - 1)
    median_day = first + timedelta(days=config.days // 2)
    plan = [
        Row("CSV, whole period", "csv", first, last, 3),
        Row("CSV, first weeks", "csv", first, small_last),
        Row("XLSX, whole period", "xlsx", first, last, 3),
        Row("XLSX, first weeks", "xlsx", first, small_last),
        Row("PDF, one day", "pdf", median_day, median_day, 5),
        Row("PDF, first weeks", "pdf", first, small_last),
    ]
    if config.pdf_year:
        plan.append(Row("PDF, whole period", "pdf", first, last))
    results = []
    load = [os.getloadavg()[0]]
    try:
        for row in plan:
            print(f"== {row.name}", file=sys.stderr, flush=True)
            timed = measure(work, row.fmt, row.first, row.last, repeat=row.repeat)
            traced = measure(work, row.fmt, row.first, row.last, trace=True)
            results.append((row, timed, traced["traced_peak"]))
        reads = _reads(work, first, last)
        load.append(os.getloadavg()[0])
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    return _report(config, info, per_day, results, reads, load)


def _entries_per_day(work: Path, first: date, last: date) -> float:
    from kiosk.export import session_log

    with secrets.file_keyring(work / "keyring.cfg"):
        kiosk = Kiosk.open(work / "home")
        count = sum(1 for _ in session_log(kiosk, first, last))
        kiosk.close()
    return count / ((last - first).days + 1)


def _reads(work: Path, first: date, last: date) -> dict[str, float]:
    """The reads the staff screens make, on the whole period."""
    from kiosk.export import day_close_preview, day_closes, session_log, stats

    timings: dict[str, float] = {}
    with secrets.file_keyring(work / "keyring.cfg"):
        kiosk = Kiosk.open(work / "home")
        for name, call in (
            (
                "session_log, whole period (iterate)",
                lambda: sum(1 for _ in session_log(kiosk, first, last)),
            ),
            ("session_log, one day (iterate)", lambda: sum(1 for _ in session_log(kiosk, last))),
            ("stats, whole period", lambda: stats(kiosk, first, last)),
            ("stats, one day", lambda: stats(kiosk, last)),
            ("day_close_preview, one day", lambda: day_close_preview(kiosk, last)),
            ("day_closes, whole period (audit scan)", lambda: day_closes(kiosk, first, last)),
        ):
            started = time.perf_counter()
            call()
            timings[name] = time.perf_counter() - started
        kiosk.close()
    return timings


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _report(
    config: Config,
    info: dict[str, Any],
    per_day: float,
    results: list[tuple[Row, dict[str, Any], int]],
    reads: dict[str, float],
    load: list[float],
) -> str:
    lines = [
        "## Exports (session log CSV / XLSX / PDF, #6)",
        "",
        f"`bench/bench_export.py{' --quick' if config.days != 365 else ''}` — a data home of "
        f"{info['days']} opening days × {PER_DAY} records ({info['records']:,} records, "
        f"{info['audit_entries']:,} audit entries, {info['db_bytes'] / 2**20:,.0f} MiB; built "
        f"in {info['seconds']:,.0f} s and cached), {per_day:,.0f} log entries a day. Each "
        "export in a fresh child process, through `kiosk.export.export` (snapshot, statistics, "
        "streamed log, file, SHA-256, audit entry, manifest). RSS peak: the export's rise of "
        "`VmHWM` over `VmRSS`; traced: tracemalloc's peak of Python allocations (second run). "
        "Seconds are wall-clock, CPU s the child's own user + system time: the machine is "
        f"shared (1-minute load average {load[0]:.1f} at the start, {load[-1]:.1f} at the end, "
        f"{os.cpu_count()} cores).",
        "",
        "| export | log rows | file | seconds | CPU s | RSS peak MiB | traced peak MiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row, timed, traced in results:
        seconds = f"{timed['seconds']:.2f}" + (
            f" (median of {row.repeat}, worst {timed['worst']:.2f})" if row.repeat > 1 else ""
        )
        lines.append(
            f"| {row.name} ({_span(row)}) | {timed['rows']:,} | "
            f"{timed['bytes'] / 2**20:,.1f} MiB | {seconds} | {timed['cpu']:.2f} | "
            f"{timed['rss_peak_kb'] / 1024:,.1f} | {traced / 2**20:,.1f} |"
        )
    by_name = {row.name: timed for row, timed, _ in results}
    year_csv, year_xlsx = by_name["CSV, whole period"], by_name["XLSX, whole period"]
    pdf_day = by_name["PDF, one day"]
    lines += [
        "",
        "| read (whole period unless said) | seconds |",
        "| --- | ---: |",
        *[f"| {name} | {seconds:.3f} |" for name, seconds in reads.items()],
        "",
        f"Targets (issue #6, for ≥ 150,000 log entries): CSV < {TARGETS['csv']:.0f} s — "
        f"{year_csv['seconds']:.1f} s for {year_csv['rows']:,} rows "
        f"({_met(year_csv['seconds'] < TARGETS['csv'] and year_csv['rows'] >= 150_000)}); "
        f"XLSX < {TARGETS['xlsx']:.0f} s — {year_xlsx['seconds']:.1f} s "
        f"({_met(year_xlsx['seconds'] < TARGETS['xlsx'])}); one-day PDF < "
        f"{TARGETS['pdf-day']:.0f} s — {pdf_day['seconds']:.2f} s "
        f"({_met(pdf_day['seconds'] < TARGETS['pdf-day'])}).",
        "",
        "Memory: compare each format's whole-period and first-weeks rows. CSV and XLSX stream "
        "row by row (XLSX: the log rows go to a temporary file as inline-string XML, then "
        "into the zip; openpyxl makes the rest of the workbook). The PDF's story refills "
        "itself from the log (400 rows a table), but reportlab keeps every finished page "
        "until it writes the file: each page is deflated when done (~5 KB a page), so its "
        "peak still grows with the number of pages, slowly.",
    ]
    return "\n".join(lines) + "\n"


def _span(row: Row) -> str:
    if row.first == row.last:
        return f"{row.first:%d/%m/%Y}"
    return f"{(row.last - row.first).days + 1} days"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=5, metavar=("ROOT", "FMT", "FIRST", "LAST", "REPEAT"))
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    if args.child:
        root, fmt, first, last, repeat = args.child
        print(json.dumps(child(Path(root), fmt, first, last, int(repeat), args.trace)))
        return
    print(run(quick=args.quick))


if __name__ == "__main__":
    main()
