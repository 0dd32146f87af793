"""Test data helpers shared by the catalogue tests."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
RESIDENT_QUERIES = HERE / "resident_queries.tsv"
HELDOUT_QUERIES = HERE / "resident_queries_heldout.tsv"


def resident_queries(path: Path = RESIDENT_QUERIES) -> list[tuple[str, list[str], str]]:
    """(query, expected codes, kind) rows of resident_queries.tsv (or of ``path``)."""
    rows: list[tuple[str, list[str], str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if not line.strip() or line.startswith("#") or line.startswith("query\t"):
            continue
        query, expected, kind, *_ = line.split("\t")
        rows.append((query, expected.split(","), kind))
    return rows


def heldout_queries() -> list[tuple[str, list[str], str]]:
    """Rows of resident_queries_heldout.tsv: queries not used to write aliases or weights."""
    return resident_queries(HELDOUT_QUERIES)
