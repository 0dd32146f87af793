"""Both ways a catalogue is loaded refuse one without procedures (clearly, before the table is
touched), and a running process notices a catalogue stored by another process (the sync daemon,
``kiosk catalog load``): its search and the references a save checks follow the stored one."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.model import (
    CatalogError,
    CatalogRows,
    load_catalog_file,
    parse_catalog,
    parse_catalog_body,
    row_of,
)
from kiosk.domain.errors import ValidationError
from kiosk.domain.samples import sample_payload
from kiosk.paths import asset
from kiosk.services import catalog, records
from kiosk.services.context import Kiosk
from tests.domain.invalid_cases import NOW

EMPTY: dict[str, Any] = {"version": "x", "procedures": []}


def _empty_refusal(error: CatalogError) -> None:
    assert [p.code for p in error.problems] == ["empty"]
    assert "không có thủ tục nào" in error.message and "no procedures" in error.message_en
    assert str(error).index("không có thủ tục") < str(error).index("no procedures")


@pytest.mark.parametrize("parser", ["decoded", "body"])
def test_both_parsers_refuse_an_empty_catalogue_alike(parser: str) -> None:
    with pytest.raises(CatalogError) as caught:
        if parser == "decoded":
            parse_catalog(EMPTY)
        else:
            parse_catalog_body(json.dumps(EMPTY).encode())
    _empty_refusal(caught.value)


def test_loading_an_empty_file_is_refused_and_keeps_the_catalogue(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    before = catalog.version(kiosk)
    path = tmp_path / "empty.json"
    path.write_text(json.dumps(EMPTY), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        catalog.load_file(kiosk, path, "cli")
    _empty_refusal(caught.value)
    with pytest.raises(CatalogError):  # the last guard, whatever the caller parsed
        catalog.store_rows(kiosk, CatalogRows("x", []), "sync")
    assert catalog.version(kiosk) == before and catalog.search(kiosk, "khai sinh")


# --- another process stores a new catalogue -------------------------------------------------------


@pytest.fixture
def other(home: Path) -> Any:
    """A second opening of the same data home: what the sync daemon or the CLI is to the app."""
    opened = Kiosk.open(home)
    yield opened
    opened.close()


def _shipped_with(change: dict[str, dict[str, Any]], version: str) -> CatalogRows:
    procedures = load_catalog_file(asset(*catalog.BUNDLED)).procedures
    return CatalogRows(version, [row_of({**p, **change.get(p["MaTTHC"], {})}) for p in procedures])


def _dossier(code: str) -> dict[str, Any]:
    payload = sample_payload("dossier", random.Random(7), NOW)
    payload["MaTTHC"] = code
    return payload


def test_a_catalogue_stored_by_another_process_is_used_at_once(kiosk: Kiosk, other: Kiosk) -> None:
    code = "1.001193"
    ref = catalog.procedure_ref(kiosk, code)
    assert ref is not None and not ref.stopped
    saved = records.save_record(kiosk, "dossier", _dossier(code), "TNV01", now=NOW)
    assert saved.receipt_code
    assert not any(h.code == "9.999777" for h in catalog.search(kiosk, "nuôi ong mật"))

    renamed = {"TenTTHC": "Đăng ký nuôi ong mật thử nghiệm"}
    extra = {"MaTTHC": "9.999777", **renamed, "CapThucHien": "xa"}
    rows = _shipped_with({code: {"NgungApDung": True}}, "reload-1")
    catalog.store_rows(other, CatalogRows(rows.version, [*rows.rows, row_of(extra)]), "sync")

    now_ref = catalog.procedure_ref(kiosk, code)
    assert now_ref is not None and now_ref.stopped  # the app's references followed
    with pytest.raises(ValidationError) as refused:
        records.save_record(kiosk, "dossier", _dossier(code), "TNV01", now=NOW)
    assert "procedure_stopped" in {e.code for e in refused.value.errors}
    assert catalog.search(kiosk, "nuôi ong mật")[0].code == "9.999777"  # and its search


def test_the_same_version_loaded_again_with_other_content_is_noticed(
    kiosk: Kiosk, other: Kiosk, tmp_path: Path
) -> None:
    code = "1.001193"
    assert not catalog.procedure_ref(kiosk, code).stopped  # type: ignore[union-attr]
    same = catalog.version(kiosk)
    assert same is not None
    rows = _shipped_with({code: {"NgungApDung": True}}, same)  # an edited file, same version
    catalog.store_rows(other, rows, "cli")
    assert catalog.procedure_ref(kiosk, code).stopped  # type: ignore[union-attr]
