"""Test data helpers shared by the catalogue tests."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def resident_queries() -> list[tuple[str, list[str], str]]:
    """(query, expected codes, kind) rows of resident_queries.tsv."""
    rows: list[tuple[str, list[str], str]] = []
    lines = (HERE / "resident_queries.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines:
        if not line.strip() or line.startswith("#") or line.startswith("query\t"):
            continue
        query, expected, kind, *_ = line.split("\t")
        rows.append((query, expected.split(","), kind))
    return rows
