"""The catalogue in the database: a procedure's whole object read back from its row, the short
references and the search index built from the columns, all replaced when a new catalogue is
stored (as the ``/catalog`` refresh does)."""

from __future__ import annotations

import json

from sqlalchemy import select

from kiosk.catalog.model import load_catalog_file, parse_catalog_body
from kiosk.paths import asset
from kiosk.services import catalog
from kiosk.services.context import Kiosk
from kiosk.store.db import read_session
from kiosk.store.models import AuditEntry


def test_a_procedure_is_read_whole_from_its_row(kiosk: Kiosk) -> None:
    shipped = load_catalog_file(asset(*catalog.BUNDLED)).by_code()
    code = next(c for c, p in shipped.items() if p.get("ThanhPhanHoSo") and p.get("PhiLePhi"))
    assert catalog.procedure(kiosk, code) == shipped[code]
    assert catalog.procedure(kiosk, "9.999999") is None
    ref = catalog.procedure_ref(kiosk, code)
    assert ref is not None and ref.name == shipped[code]["TenTTHC"]
    assert len(catalog.refs(kiosk)) == len(shipped)


def test_a_new_catalogue_replaces_refs_index_and_rows(kiosk: Kiosk) -> None:
    assert catalog.search(kiosk, "khai sinh")  # the index of the bundled catalogue, built
    procedures = [
        {"MaTTHC": "2.000001", "TenTTHC": "Đăng ký nuôi ong mật", "CapThucHien": "xa",
         "CapThucHienDayDu": ["xa", "tinh"], "TenLinhVuc": "Nông nghiệp", "MaLinhVuc": "NN"},
        {"MaTTHC": "2.000002", "TenTTHC": "Cấp phép đặt biển quảng cáo", "CapThucHien": "tinh",
         "NgungApDung": True},
    ]  # fmt: skip
    body = json.dumps({"version": "t-2", "procedures": procedures}, ensure_ascii=False)
    assert catalog.store_rows(kiosk, parse_catalog_body(body.encode()), "sync", '"e-2"') == 2

    assert catalog.version(kiosk) == "t-2"
    assert set(catalog.refs(kiosk)) == {"2.000001", "2.000002"}
    assert catalog.procedure_ref(kiosk, "2.000002").stopped  # type: ignore[union-attr]
    hits = catalog.search(kiosk, "nuoi ong")
    assert [h.code for h in hits][:1] == ["2.000001"]
    assert all(h.code.startswith("2.") for h in catalog.search(kiosk, "khai sinh"))
    assert catalog.procedure(kiosk, "2.000001") == procedures[0]
    with read_session(kiosk.engine) as session:
        last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
    assert last is not None and last.action == "catalog.load" and last.actor == "sync"
