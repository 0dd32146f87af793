"""The procedure catalogue in the database: load (replace atomically), look up, search.

The bundled national catalogue (``resources/catalog/catalog-v1.json.gz``) is loaded on first
use; ``kiosk catalog load FILE`` and the sync engine's ``/catalog`` refresh replace it.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import cast

from sqlalchemy import delete, func, insert, select

from kiosk.catalog.model import Catalog, CatalogRows, load_catalog_file, row_of
from kiosk.catalog.search import CatalogIndex, SearchHit
from kiosk.domain.payloads import ProcedureRef
from kiosk.paths import asset
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import read_session, write_session
from kiosk.store.models import Meta, Procedure

BUNDLED = ("catalog", "catalog-v1.json.gz")


def store_catalog(kiosk: Kiosk, catalog: Catalog, actor: str, etag: str | None = None) -> int:
    """Replace the whole catalogue in one transaction; returns the number of procedures."""
    return store_rows(kiosk, CatalogRows(catalog.version, [row_of(p) for p in catalog.procedures]),
                      actor, etag)  # fmt: skip


def store_rows(kiosk: Kiosk, catalog: CatalogRows, actor: str, etag: str | None = None) -> int:
    """:func:`store_catalog` for a catalogue already turned into rows (the ``/catalog`` body,
    :func:`~kiosk.catalog.model.parse_catalog_body`)."""
    rows = [asdict(row) for row in catalog.rows]
    with write_session(kiosk.engine) as session:
        session.execute(delete(Procedure))
        session.execute(insert(Procedure), rows)
        session.merge(Meta(key="catalog.version", value=catalog.version))
        session.merge(Meta(key="catalog.etag", value=etag or ""))
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


def refs(kiosk: Kiosk) -> dict[str, ProcedureRef]:
    """Every procedure's short reference by code (what a save checks and a record names),
    from the catalogue's columns — no procedure's JSON is parsed."""
    cached = kiosk.cache.get("catalog.refs")
    if cached is None:
        ensure_loaded(kiosk)
        columns = (
            Procedure.code,
            Procedure.name,
            Procedure.field_code,
            Procedure.field_name,
            Procedure.stopped,
            Procedure.level,
        )
        with read_session(kiosk.engine) as session:
            rows = session.execute(select(*columns)).all()
        cached = {
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
        kiosk.cache["catalog.refs"] = cached
    return cast(dict[str, ProcedureRef], cached)


def procedure_ref(kiosk: Kiosk, code: str) -> ProcedureRef | None:
    return refs(kiosk).get(code)


def index(kiosk: Kiosk) -> CatalogIndex:
    """The search index, built from the columns it needs and each procedure's list of levels
    (``json_extract`` in SQLite: the rest of the JSON is never parsed for it)."""
    cached = kiosk.cache.get("catalog.index")
    if cached is None:
        ensure_loaded(kiosk)
        columns = (
            Procedure.code,
            Procedure.name,
            Procedure.field_name,
            Procedure.level,
            Procedure.stopped,
            func.json_extract(Procedure.data, "$.CapThucHienDayDu"),
        )
        with read_session(kiosk.engine) as session:
            rows = session.execute(select(*columns)).all()
        cached = CatalogIndex.build(
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
        kiosk.cache["catalog.index"] = cached
    return cast(CatalogIndex, cached)


def search(kiosk: Kiosk, text: str, limit: int = 10) -> list[SearchHit]:
    return index(kiosk).search(text, limit=limit, prefer_level="xa")


def _forget(kiosk: Kiosk) -> None:
    kiosk.cache.pop("catalog.refs", None)
    kiosk.cache.pop("catalog.index", None)
