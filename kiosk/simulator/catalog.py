"""The catalogue ``GET /catalog`` serves: the bundled one, or one a test put in its place.

The body is the contract-v1 shape ``{"version", "procedures"}`` (compact UTF-8 JSON), kept
ready in plain and gzip form with a strong ``ETag`` (SHA-256 of the plain body). A
catalogue replaced at run time (``POST /_sim/catalog``) is validated with the kiosk's own
``parse_catalog`` and saved as ``catalog.json.gz`` in the state dir, so a restart keeps it.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.catalog.model import Catalog, load_catalog_file, parse_catalog
from kiosk.paths import asset

STATE_FILE = "catalog.json.gz"


@dataclass(frozen=True, slots=True)
class ServedCatalog:
    version: str
    count: int
    body: bytes
    gzipped: bytes
    etag: str  # quoted, strong

    def matches(self, if_none_match: str | None) -> bool:
        """Whether an ``If-None-Match`` header names this version (weak comparison)."""
        if not if_none_match:
            return False
        tags = [t.strip() for t in if_none_match.split(",")]
        return any(t == "*" or t.removeprefix("W/") == self.etag for t in tags)


def serve(catalog: Catalog) -> ServedCatalog:
    body = json.dumps(
        {"version": catalog.version, "procedures": catalog.procedures},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    gzipped = gzip.compress(body, compresslevel=6, mtime=0)
    return ServedCatalog(catalog.version, len(catalog.procedures), body, gzipped, etag)


@functools.lru_cache(maxsize=4)
def _from_file(path: Path) -> ServedCatalog:
    return serve(load_catalog_file(path))


class CatalogSource:
    """Which catalogue to serve, loaded on first use (the bundled one takes ~1 s)."""

    def __init__(self, state_dir: Path, catalog_path: Path | None = None) -> None:
        self._state_file = state_dir / STATE_FILE
        self._path = catalog_path
        self._current: ServedCatalog | None = None
        self._lock = threading.Lock()

    def current(self) -> ServedCatalog:
        with self._lock:
            if self._current is None:
                if self._state_file.exists():
                    self._current = serve(load_catalog_file(self._state_file))
                else:
                    self._current = _from_file(self._path or asset("catalog", "catalog-v1.json.gz"))
            return self._current

    def replace(self, document: Any) -> ServedCatalog:
        """Serve ``document`` from now on (CatalogError when it is not a catalogue)."""
        served = serve(parse_catalog(document))
        partial = self._state_file.with_suffix(".part")
        partial.write_bytes(served.gzipped)
        partial.replace(self._state_file)
        with self._lock:
            self._current = served
        return served
