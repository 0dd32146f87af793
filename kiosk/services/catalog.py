"""The procedure catalogue in the database: load (replace atomically), look up, search.

The bundled national catalogue (``resources/catalog/catalog-v1.json.gz``) is loaded on first
use; ``kiosk catalog load FILE`` and the sync engine's ``/catalog`` refresh replace it.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, func, select

from kiosk.catalog.model import Catalog, load_catalog_file
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
    rows = [_row(p) for p in catalog.procedures]
    with write_session(kiosk.engine) as session:
        session.execute(delete(Procedure))
        session.add_all(rows)
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


def procedures(kiosk: Kiosk) -> dict[str, dict[str, object]]:
    cached = kiosk.cache.get("catalog.procedures")
    if cached is None:
        ensure_loaded(kiosk)
        with read_session(kiosk.engine) as session:
            data = session.execute(select(Procedure.code, Procedure.data)).all()
        cached = {code: json.loads(text) for code, text in data}
        kiosk.cache["catalog.procedures"] = cached
    return cached


def procedure_ref(kiosk: Kiosk, code: str) -> ProcedureRef | None:
    proc = procedures(kiosk).get(code)
    if proc is None:
        return None
    return ProcedureRef(
        code=code,
        name=str(proc["TenTTHC"]),
        field_code=str(proc.get("MaLinhVuc") or ""),
        field_name=str(proc.get("TenLinhVuc") or ""),
        stopped=bool(proc.get("NgungApDung", False)),
        level=str(proc.get("CapThucHien") or ""),
    )


def index(kiosk: Kiosk) -> CatalogIndex:
    cached = kiosk.cache.get("catalog.index")
    if cached is None:
        cached = CatalogIndex.build(procedures(kiosk).values())
        kiosk.cache["catalog.index"] = cached
    return cached


def search(kiosk: Kiosk, text: str, limit: int = 10) -> list[SearchHit]:
    return index(kiosk).search(text, limit=limit, prefer_level="xa")


def _row(proc: dict[str, object]) -> Procedure:
    return Procedure(
        code=str(proc["MaTTHC"]),
        name=str(proc["TenTTHC"]),
        field_code=_opt(proc.get("MaLinhVuc")),
        field_name=_opt(proc.get("TenLinhVuc")),
        level=_opt(proc.get("CapThucHien")),
        stopped=bool(proc.get("NgungApDung", False)),
        data=json.dumps(proc, ensure_ascii=False),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _forget(kiosk: Kiosk) -> None:
    kiosk.cache.pop("catalog.procedures", None)
    kiosk.cache.pop("catalog.index", None)
