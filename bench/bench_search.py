"""Benchmark of the catalogue search: build time, per-query latency and recall.

Run ``.venv/bin/python bench/bench_search.py`` (add ``--quick`` for a short run); the lead
assembles ``docs/performance.md`` from the Markdown section that :func:`run` returns.

Measured on the shipped catalogue and on a 10× enlarged one (nine perturbed copies of every
procedure: new codes, names with a word swapped, replaced or added), for

* the index (:class:`kiosk.catalog.search.CatalogIndex`; it keeps no cache between queries);
* a naive scan baseline in the same run: fold every name for every query, keep names that
  contain a query word as a substring, rank by the number of query words found, then by
  shorter name.

Two query sets: ``tests/catalog/resident_queries.tsv`` (104 queries; the alias table was
written with them in view) and the HELD-OUT set ``tests/catalog/resident_queries_heldout.tsv``
(queries written afterwards, never added as aliases; its header says what its first batch's
misses led to). Latency is over the resident set (as in earlier runs) and, separately, over the
held-out set; recall is reported for both. No assertion on time is made here.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.catalog.model import load_catalog_file
from kiosk.catalog.search import CatalogIndex
from kiosk.domain.text import fold, fold_words
from kiosk.paths import asset

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "catalog" / "resident_queries.tsv"
HELDOUT = REPO / "tests" / "catalog" / "resident_queries_heldout.tsv"
COPIES = 9
Procedure = dict[str, Any]
Searcher = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class Row:
    catalogue: str
    size: int
    method: str
    build_ms: float | None
    p50: float
    p95: float
    p99: float
    recall5: float
    recall1: float
    heldout5: float
    heldout1: float
    heldout_p50: float
    heldout_p95: float


def load_queries(path: Path = QUERIES) -> list[tuple[str, set[str]]]:
    rows: list[tuple[str, set[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("query\t"):
            continue
        query, expected, *_ = line.split("\t")
        rows.append((query, set(expected.split(","))))
    return rows


# ----------------------------------------------------------------------------- data


def enlarge(procedures: Sequence[Procedure], copies: int = COPIES) -> list[Procedure]:
    """The catalogue plus ``copies`` perturbed copies of every procedure (deterministic)."""
    rng = random.Random(20260722)
    vocabulary = sorted({w for p in procedures for w in str(p["TenTTHC"]).split()})
    out = list(procedures)
    for n in range(1, copies + 1):
        for p in procedures:
            words = str(p["TenTTHC"]).split()
            out.append(
                {**p, "MaTTHC": f"{p['MaTTHC']}-{n}", "TenTTHC": perturb(words, rng, vocabulary)}
            )
    return out


def perturb(words: list[str], rng: random.Random, vocabulary: list[str]) -> str:
    words = list(words)
    action = rng.randrange(3)
    i = rng.randrange(len(words))
    if action == 0 and len(words) > 1:
        j = min(i + 1, len(words) - 1)
        words[i], words[j] = words[j], words[i]
    elif action == 1:
        words[i] = rng.choice(vocabulary)
    else:
        words.insert(i, rng.choice(vocabulary))
    return " ".join(words)


# ----------------------------------------------------------------------------- searchers


def naive_searcher(procedures: Sequence[Procedure]) -> Searcher:
    def search(text: str, limit: int) -> list[str]:
        words = fold_words(text)
        scored: list[tuple[int, int, str]] = []
        for p in procedures:
            name = fold(str(p["TenTTHC"]))
            found = sum(1 for w in words if w in name)
            if found:
                scored.append((-found, len(name), str(p["MaTTHC"])))
        scored.sort()
        return [code for _, _, code in scored[:limit]]

    return search


def index_searcher(index: CatalogIndex) -> Searcher:
    def search(text: str, limit: int) -> list[str]:
        return [hit.code for hit in index.search(text, limit)]

    return search


# ----------------------------------------------------------------------------- measuring


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    position = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[position]


def timed_runs(
    search: Searcher, queries: Sequence[str], repetitions: int
) -> tuple[list[float], list[list[str]]]:
    """Latencies (ms) of every call, and the top-10 codes of the first repetition."""
    times: list[float] = []
    first: list[list[str]] = []
    for repetition in range(repetitions):
        for query in queries:
            start = time.perf_counter_ns()
            found = search(query, 10)
            times.append((time.perf_counter_ns() - start) / 1e6)
            if repetition == 0:
                first.append(found)
    return times, first


def recall(results: Sequence[list[str]], rows: Sequence[tuple[str, set[str]]], k: int) -> float:
    hits = sum(
        1 for top, (_, expected) in zip(results, rows, strict=True) if expected & set(top[:k])
    )
    return hits / len(rows)


def measure(
    catalogue: str,
    size: int,
    method: str,
    search: Searcher,
    rows: Sequence[tuple[str, set[str]]],
    heldout: Sequence[tuple[str, set[str]]],
    repetitions: int,
    build_ms: float | None = None,
) -> Row:
    times, results = timed_runs(search, [q for q, _ in rows], repetitions)
    held_times, held_results = timed_runs(search, [q for q, _ in heldout], repetitions)
    return Row(
        catalogue,
        size,
        method,
        build_ms,
        statistics.median(times),
        percentile(times, 0.95),
        percentile(times, 0.99),
        recall(results, rows, 5),
        recall(results, rows, 1),
        recall(held_results, heldout, 5),
        recall(held_results, heldout, 1),
        statistics.median(held_times),
        percentile(held_times, 0.95),
    )


def build_ms(procedures: Sequence[Procedure], rounds: int) -> tuple[CatalogIndex, float]:
    timings: list[float] = []
    index: CatalogIndex | None = None
    for _ in range(rounds):
        start = time.perf_counter()
        index = CatalogIndex.build(procedures)
        timings.append((time.perf_counter() - start) * 1000)
    assert index is not None
    return index, statistics.median(timings)


def bench_catalogue(
    name: str,
    procedures: Sequence[Procedure],
    rows: Sequence[tuple[str, set[str]]],
    heldout: Sequence[tuple[str, set[str]]],
    quick: bool,
    naive_rows: Sequence[tuple[str, set[str]]],
    naive_heldout: Sequence[tuple[str, set[str]]],
) -> list[Row]:
    index, built = build_ms(procedures, 2 if quick else 5)
    reps = 3 if quick else 30
    size = len(procedures)
    naive = naive_searcher(procedures)
    return [
        measure(name, size, "index", index_searcher(index), rows, heldout, reps, built),
        measure(name, size, "naive scan", naive, naive_rows, naive_heldout, 1),
    ]


# ----------------------------------------------------------------------------- report


def table(rows: Sequence[Row]) -> list[str]:
    lines = [
        "| catalogue | procedures | method | build ms | p50 ms | p95 ms | p99 ms "
        "| recall@5 | recall@1 | held-out recall@5 | held-out recall@1 "
        "| held-out p50 ms | held-out p95 ms |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        built = f"{r.build_ms:.0f}" if r.build_ms is not None else "–"
        lines.append(
            f"| {r.catalogue} | {r.size:,} | {r.method} | {built} | {r.p50:.2f} | {r.p95:.2f} "
            f"| {r.p99:.2f} | {r.recall5:.3f} | {r.recall1:.3f} | {r.heldout5:.3f} "
            f"| {r.heldout1:.3f} | {r.heldout_p50:.2f} | {r.heldout_p95:.2f} |"
        )
    return lines


def run(quick: bool = False) -> str:
    """Measure and return the Markdown section for docs/performance.md."""
    path = asset("catalog", "catalog-v1.json.gz")
    start = time.perf_counter()
    catalog = load_catalog_file(path)
    load_ms = (time.perf_counter() - start) * 1000
    rows = load_queries()
    heldout = load_queries(HELDOUT)
    shipped = catalog.procedures
    big = enlarge(shipped)
    results = bench_catalogue(
        "shipped",
        shipped,
        rows,
        heldout,
        quick,
        rows[:20] if quick else rows,
        heldout[:10] if quick else heldout,
    )
    results += bench_catalogue(
        "10×",
        big,
        rows,
        heldout,
        quick,
        rows[:8] if quick else rows,
        heldout[:4] if quick else heldout,
    )
    reps = 3 if quick else 30
    lines = [
        "## Catalogue search",
        "",
        f"`bench/bench_search.py{' --quick' if quick else ''}` — Python "
        f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs. "
        f"Catalogue `{catalog.version}`, {path.stat().st_size:,} bytes gzip; "
        f"`load_catalog_file` took {load_ms:.0f} ms.",
        "",
        f"Queries: the {len(rows)} resident queries of `tests/catalog/resident_queries.tsv`, "
        f"each run {reps}× on the index (limit 10; p50/p95/p99 over all runs). "
        f"**Held-out**: the {len(heldout)} queries of "
        "`tests/catalog/resident_queries_heldout.tsv`, written after the alias table and the "
        "ranking weights and never added as aliases (recall, and their own p50/p95 over "
        f"{reps} runs each). "
        "The naive scan folds every name per query and substring-matches the query words "
        f"({'a subset of the queries' if quick else 'every query'}, once). "
        "The 10× catalogue adds nine perturbed copies of each procedure, so recall there is "
        "measured against near-duplicate distractors.",
        "",
        *table(results),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Catalogue search benchmark")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args(argv)
    print(run(quick=args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
