"""Property: variants of a query that fold to the same text give the same results."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalog.model import Catalog
from kiosk.catalog.search import CatalogIndex
from kiosk.domain.text import fold
from tests.catalog.catalog_testdata import resident_queries


def variants(text: str) -> list[str]:
    """Same folded text: diacritics stripped, upper/lower/swapped case, NFD, NFC."""
    return [
        fold(text),
        text.upper(),
        text.lower(),
        text.swapcase(),
        unicodedata.normalize("NFD", text),
        unicodedata.normalize("NFC", text),
    ]


def name_fragments(shipped: Catalog) -> st.SearchStrategy[str]:
    names = [p["TenTTHC"] for p in shipped.procedures[::7]]

    @st.composite
    def fragment(draw: st.DrawFn) -> str:
        words = draw(st.sampled_from(names)).split()
        start = draw(st.integers(0, max(0, len(words) - 1)))
        length = draw(st.integers(1, 4))
        chosen = words[start : start + length]
        if draw(st.booleans()):
            chosen = list(reversed(chosen))
        return " ".join(chosen) + draw(st.sampled_from(["", " "]))

    return fragment()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_folding_insensitive_variants_give_the_same_results(
    data: st.DataObject, shipped: Catalog, index: CatalogIndex
) -> None:
    resident = [q for q, _, _ in resident_queries()]
    query = data.draw(st.sampled_from(resident) | name_fragments(shipped))
    expected = index.search(query)
    for variant in variants(query):
        if variant.endswith(" ") != query.endswith(" "):
            continue  # a trailing space means "word finished": not a folding change
        assert index.search(variant) == expected, (query, variant)
