"""The HELD-OUT resident query set (resident_queries_heldout.tsv): valid, new, and found.

These queries were written after the alias table and the ranking weights and are not used to
write either; their recall is the honest measure of how search copes with residents' words.
Recall measured when the floors were set (2026-11-22, 81 queries): recall@5 0.938,
recall@1 0.802 (the search before the order-free alias matching: 0.778 and 0.593).
"""

from __future__ import annotations

from typing import Any

from kiosk.catalog.aliases import AliasTable
from kiosk.catalog.search import CatalogIndex
from kiosk.domain.text import fold_words
from tests.catalog.catalog_testdata import heldout_queries, resident_queries

MIN_HELDOUT_RECALL_AT_5 = 0.90
MIN_HELDOUT_RECALL_AT_1 = 0.72
KINDS = {"plain", "everyday", "abbreviation", "typo", "order", "spelling", "code"}


def recall(index: CatalogIndex, rows: list[tuple[str, list[str], str]], k: int) -> float:
    found = 0
    for query, expected, _ in rows:
        top = [hit.code for hit in index.search(query, limit=k)]
        found += any(code in top for code in expected)
    return found / len(rows)


def test_heldout_set_is_large_valid_and_new(by_code: dict[str, dict[str, Any]]) -> None:
    rows = heldout_queries()
    assert len(rows) >= 40
    queries = [tuple(fold_words(q)) for q, _, _ in rows]
    assert len(set(queries)) == len(rows)
    known = {tuple(fold_words(q)) for q, _, _ in resident_queries()}
    assert not set(queries) & known, "a held-out query is also in resident_queries.tsv"
    for query, expected, kind in rows:
        assert kind in KINDS, query
        assert all(code in by_code for code in expected), query
    assert {"everyday", "abbreviation", "typo", "order", "spelling"} <= {k for _, _, k in rows}


def test_no_alias_row_is_a_heldout_query() -> None:
    # aliases are for residents' words, not for passing this set
    phrases = {alias.phrase for alias in AliasTable.load().entries}
    assert not [q for q, _, _ in heldout_queries() if tuple(fold_words(q)) in phrases]


def test_heldout_recall(index: CatalogIndex) -> None:
    rows = heldout_queries()
    at5, at1 = recall(index, rows, 5), recall(index, rows, 1)
    print(f"held-out recall@5 = {at5:.3f}, recall@1 = {at1:.3f} over {len(rows)} queries")
    assert at5 >= MIN_HELDOUT_RECALL_AT_5
    assert at1 >= MIN_HELDOUT_RECALL_AT_1
