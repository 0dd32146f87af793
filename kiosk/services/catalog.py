"""The procedure catalogue in the database: load (replace atomically), look up, search.

The bundled national catalogue (``resources/catalog/catalog-v1.json.gz``) is loaded on first
use; ``kiosk catalog load FILE`` and the sync engine's ``/catalog`` refresh replace it.

A process keeps the search index and the short references in ``kiosk.cache`` with the
catalogue's *stamp* (``meta``: a generation written by every load, the version, the etag). Each
use reads the stamp again (one indexed ``SELECT``, ~20 µs) and rebuilds what it holds when
another process (the sync daemon, ``kiosk catalog load``) stored a new catalogue, so that a
running app never searches or checks a save against the catalogue it started with.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar, cast

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from kiosk.catalog.model import Catalog, CatalogRows, check_not_empty, load_catalog_file, row_of
from kiosk.catalog.search import CatalogIndex, SearchHit
from kiosk.domain.payloads import ProcedureRef
from kiosk.paths import asset
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import dbapi, read_session, write_session
from kiosk.store.models import Meta, Procedure

BUNDLED = ("catalog", "catalog-v1.json.gz")
# what a stored catalogue changes in ``meta``; the generation is new at every load (the same
# version loaded again from an edited file is still a new catalogue)
STAMP_KEYS = ("catalog.generation", "catalog.version", "catalog.etag")
_STAMP_SQL = "SELECT key, value FROM meta WHERE key IN (?, ?, ?)"
Stamp = tuple[str | None, ...]
T = TypeVar("T")


def store_catalog(kiosk: Kiosk, catalog: Catalog, actor: str, etag: str | None = None) -> int:
    """Replace the whole catalogue in one transaction; returns the number of procedures."""
    return store_rows(kiosk, CatalogRows(catalog.version, [row_of(p) for p in catalog.procedures]),
                      actor, etag)  # fmt: skip


def store_rows(kiosk: Kiosk, catalog: CatalogRows, actor: str, etag: str | None = None) -> int:
    """:func:`store_catalog` for a catalogue already turned into rows (the ``/catalog`` body,
    :func:`~kiosk.catalog.model.parse_catalog_body`)."""
    check_not_empty(len(catalog.rows))  # an empty insert would not even be refused cleanly
    rows = [asdict(row) for row in catalog.rows]
    with write_session(kiosk.engine) as session:
        session.execute(delete(Procedure))
        session.execute(insert(Procedure), rows)
        session.merge(Meta(key="catalog.version", value=catalog.version))
        session.merge(Meta(key="catalog.etag", value=etag or ""))
        session.merge(Meta(key="catalog.generation", value=uuid.uuid4().hex))
        audit.append(
            session,
            actor,
            "catalog.load",
            detail={"version": catalog.version, "procedures": len(rows)},
        )
    _forget(kiosk)
    return len(rows)


def load_file(kiosk: Kiosk, path: Path, actor: str) -> int:
    return store_catalog(kiosk, load_catalog_file(path), actor)


def ensure_loaded(kiosk: Kiosk) -> None:
    with read_session(kiosk.engine) as session:
        count = session.execute(select(func.count()).select_from(Procedure)).scalar_one()
    if count == 0:
        load_file(kiosk, asset(*BUNDLED), "system")


def version(kiosk: Kiosk) -> str | None:
    with read_session(kiosk.engine) as session:
        return session.execute(select(Meta.value).where(Meta.key == "catalog.version")).scalar()


def procedure(kiosk: Kiosk, code: str) -> dict[str, object] | None:
    """One procedure's whole contract object (papers, fees, times, …), read from the
    database when a screen shows it: only the search index and the short references stay in
    memory (the whole catalogue as Python objects would be ~50 MB of a kiosk's RAM)."""
    with read_session(kiosk.engine) as session:
        text = session.execute(select(Procedure.data).where(Procedure.code == code)).scalar()
    return None if text is None else cast(dict[str, object], json.loads(text))


def stamp(kiosk: Kiosk) -> Stamp:
    """The stored catalogue's stamp, read outside any transaction on the raw connection (the
    per-use check of what this process holds: ~20 µs, where an ORM read session is ~250 µs)."""
    with kiosk.engine.connect() as conn:
        return _stamp_of(dbapi(conn))


def _stamp_in(session: Session) -> Stamp:
    """The stamp inside ``session``'s snapshot (the rows it reads go with it)."""
    return _stamp_of(dbapi(session.connection()))


def _stamp_of(raw: sqlite3.Connection) -> Stamp:
    found = dict(raw.execute(_STAMP_SQL, STAMP_KEYS).fetchall())
    return tuple(found.get(key) for key in STAMP_KEYS)


def _held(kiosk: Kiosk, name: str, build: Callable[[Session], T]) -> T:
    """What this process keeps of the catalogue, built again when the stored one changed."""
    held = kiosk.cache.get(name)
    if held is not None and held[0] == stamp(kiosk):
        return cast(T, held[1])
    ensure_loaded(kiosk)
    with read_session(kiosk.engine) as session:  # the stamp and the rows of one snapshot
        at = _stamp_in(session)
        value = build(session)
    kiosk.cache[name] = (at, value)
    return value


def refs(kiosk: Kiosk) -> dict[str, ProcedureRef]:
    """Every procedure's short reference by code (what a save checks and a record names),
    from the catalogue's columns — no procedure's JSON is parsed."""
    return _held(kiosk, "catalog.refs", _build_refs)


def _build_refs(session: Session) -> dict[str, ProcedureRef]:
    columns = (
        Procedure.code,
        Procedure.name,
        Procedure.field_code,
        Procedure.field_name,
        Procedure.stopped,
        Procedure.level,
    )
    rows = session.execute(select(*columns)).all()
    return {
        code: ProcedureRef(
            code=code,
            name=name,
            field_code=field_code or "",
            field_name=field_name or "",
            stopped=bool(stopped),
            level=level or "",
        )
        for code, name, field_code, field_name, stopped, level in rows
    }


def procedure_ref(kiosk: Kiosk, code: str) -> ProcedureRef | None:
    return refs(kiosk).get(code)


def index(kiosk: Kiosk) -> CatalogIndex:
    """The search index, built from the columns it needs and each procedure's list of levels
    (``json_extract`` in SQLite: the rest of the JSON is never parsed for it)."""
    return _held(kiosk, "catalog.index", _build_index)


def _build_index(session: Session) -> CatalogIndex:
    columns = (
        Procedure.code,
        Procedure.name,
        Procedure.field_name,
        Procedure.level,
        Procedure.stopped,
        func.json_extract(Procedure.data, "$.CapThucHienDayDu"),
    )
    rows = session.execute(select(*columns)).all()
    return CatalogIndex.build(
        {
            "MaTTHC": code,
            "TenTTHC": name,
            "TenLinhVuc": field_name,
            "CapThucHien": level,
            "CapThucHienDayDu": json.loads(levels) if levels else None,
            "NgungApDung": bool(stopped),
        }
        for code, name, field_name, level, stopped, levels in rows
    )


def search(kiosk: Kiosk, text: str, limit: int = 10) -> list[SearchHit]:
    return index(kiosk).search(text, limit=limit, prefer_level="xa")


def _forget(kiosk: Kiosk) -> None:
    kiosk.cache.pop("catalog.refs", None)
    kiosk.cache.pop("catalog.index", None)
