"""Recall of the resident query set (resident_queries.tsv) on the shipped catalogue."""

from __future__ import annotations

from typing import Any

from kiosk.catalog.search import CatalogIndex
from tests.catalog.catalog_testdata import resident_queries

MIN_RECALL_AT_5 = 0.85


def test_query_set_is_large_and_valid(by_code: dict[str, dict[str, Any]]) -> None:
    rows = resident_queries()
    assert len(rows) >= 45
    assert len({q for q, _, _ in rows}) == len(rows)
    for query, expected, kind in rows:
        assert kind in {"plain", "everyday", "abbreviation", "typo", "order", "spelling", "code"}
        assert all(code in by_code for code in expected), query
    kinds = {kind for _, _, kind in rows}
    assert {"everyday", "abbreviation", "typo", "order"} <= kinds


def recall(index: CatalogIndex, k: int) -> float:
    rows = resident_queries()
    found = 0
    for query, expected, _ in rows:
        top = [hit.code for hit in index.search(query, limit=k)]
        found += any(code in top for code in expected)
    return found / len(rows)


def test_recall_at_5(index: CatalogIndex) -> None:
    at5, at1 = recall(index, 5), recall(index, 1)
    print(f"recall@5 = {at5:.3f}, recall@1 = {at1:.3f} over {len(resident_queries())} queries")
    assert at5 >= MIN_RECALL_AT_5
