"""Shared fixtures of the catalogue tests: the shipped catalogue, its index, the crawl source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.model import Catalog, load_catalog_file
from kiosk.catalog.search import CatalogIndex
from kiosk.paths import asset
from tests.shared_data import TTHC

SOURCE = TTHC / "procedures.jsonl"


@pytest.fixture(scope="session")
def shipped() -> Catalog:
    return load_catalog_file(asset("catalog", "catalog-v1.json.gz"))


@pytest.fixture(scope="session")
def by_code(shipped: Catalog) -> dict[str, dict[str, Any]]:
    return shipped.by_code()


@pytest.fixture(scope="session")
def index(shipped: Catalog) -> CatalogIndex:
    return CatalogIndex.build(shipped.procedures)


@pytest.fixture(scope="session")
def source_path() -> Path:
    if not SOURCE.exists():
        pytest.skip("crawl source procedures.jsonl not available on this machine")
    return SOURCE
