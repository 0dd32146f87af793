"""The validating loader: good files load, bad files raise a typed bilingual error, never crash."""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalog.model import (
    MAX_PROBLEMS,
    Catalog,
    CatalogError,
    CatalogFormatError,
    CatalogReadError,
    load_catalog_file,
    parse_catalog,
    parse_catalog_body,
    row_of,
)
from kiosk.domain.text import fold


def good() -> dict[str, Any]:
    return {
        "version": "2026-11-20",
        "procedures": [
            {
                "MaTTHC": "1.001193",
                "TenTTHC": "Thủ tục đăng ký khai sinh",
                "CapThucHien": "xa",
                "KenhThucHien": [1, 2, 3],
                "ThanhPhanHoSo": [{"Ma": "TP-1", "Ten": "Giấy chứng sinh", "BatBuoc": True}],
                "PhiLePhi": [{"Ma": "LP-1", "Ten": "Miễn phí", "Loai": "Lệ phí", "SoTien": 0}],
                "NgungApDung": False,
                "MotTruongMoi": {"x": 1},
            }
        ],
    }


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_loads_json_and_gzip(tmp_path: Path) -> None:
    raw = json.dumps(good(), ensure_ascii=False).encode()
    plain = load_catalog_file(write(tmp_path / "c.json", raw))
    zipped = load_catalog_file(write(tmp_path / "c.json.gz", gzip.compress(raw)))
    assert plain == zipped
    assert plain.version == "2026-11-20"
    assert plain.by_code()["1.001193"]["MotTruongMoi"] == {"x": 1}  # unknown keys kept


def test_gzip_is_detected_by_content(tmp_path: Path) -> None:
    raw = gzip.compress(json.dumps(good()).encode())
    assert load_catalog_file(write(tmp_path / "no-suffix", raw)).procedures


def test_extra_top_level_keys_are_kept() -> None:
    catalog = parse_catalog({**good(), "source_count": 1})
    assert catalog.extra == {"source_count": 1}


def test_text_becomes_nfc() -> None:
    doc = good()
    doc["procedures"][0]["TenTTHC"] = unicodedata.normalize("NFD", "Đăng ký kết hôn")
    name = parse_catalog(doc).procedures[0]["TenTTHC"]
    assert name == "Đăng ký kết hôn" and unicodedata.is_normalized("NFC", name)


def test_shipped_catalogue_loads(shipped: Catalog) -> None:
    assert len(shipped.by_code()) == len(shipped.procedures)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"not json at all", "not_json"),
        (b'{"version": "1", "procedures": [', "not_json"),
        (b"\xff\xfe\x00garbage", "not_utf8"),
        (gzip.compress(b'{"version": "1"}')[:-8], "unreadable"),  # truncated gzip
        (b"\x1f\x8bnot really gzip", "unreadable"),
    ],
)
def test_unreadable_files(tmp_path: Path, data: bytes, code: str) -> None:
    with pytest.raises(CatalogReadError) as caught:
        load_catalog_file(write(tmp_path / "bad.json.gz", data))
    assert caught.value.code == code
    assert caught.value.message and caught.value.message_en


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogReadError) as caught:
        load_catalog_file(tmp_path / "nowhere.json.gz")
    assert caught.value.code == "missing"
    assert "Không tìm thấy" in caught.value.message
    assert "not found" in caught.value.message_en


def mutate(path: list[Any], value: Any) -> dict[str, Any]:
    doc = good()
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


P = ["procedures", 0]


@pytest.mark.parametrize(
    ("doc", "where"),
    [
        ([], ""),
        ("catalogue", ""),
        (mutate(["version"], KeyError), "version"),
        (mutate(["version"], 7), "version"),
        (mutate(["procedures"], {"a": 1}), "procedures"),
        (mutate(P, "1.001193"), "procedures[0]"),
        (mutate([*P, "MaTTHC"], KeyError), "procedures[0].MaTTHC"),
        (mutate([*P, "TenTTHC"], ""), "procedures[0].TenTTHC"),
        (mutate([*P, "CapThucHien"], "huyen"), "procedures[0].CapThucHien"),
        (mutate([*P, "KenhThucHien"], [1, 4]), "procedures[0].KenhThucHien"),
        (mutate([*P, "KenhThucHien"], [True]), "procedures[0].KenhThucHien"),
        (mutate([*P, "NgungApDung"], "no"), "procedures[0].NgungApDung"),
        (mutate([*P, "TenLinhVuc"], ["Hộ tịch"]), "procedures[0].TenLinhVuc"),
        (mutate([*P, "ThanhPhanHoSo"], "Giấy chứng sinh"), "procedures[0].ThanhPhanHoSo"),
        (mutate([*P, "ThanhPhanHoSo", 0, "Ten"], None), "procedures[0].ThanhPhanHoSo[0]"),
        (mutate([*P, "PhiLePhi", 0, "SoTien"], "0"), "procedures[0].PhiLePhi[0]"),
        (mutate([*P, "PhiLePhi", 0, "SoTien"], -5), "procedures[0].PhiLePhi[0]"),
        (mutate([*P, "PhiLePhi", 0, "SoTien"], 1.5), "procedures[0].PhiLePhi[0]"),
    ],
)
@pytest.mark.parametrize("parser", ["decoded", "body"])
def test_wrong_shapes_are_reported(doc: Any, where: str, parser: str) -> None:
    with pytest.raises(CatalogFormatError) as caught:
        parse_either(parser, doc)
    error = caught.value
    assert error.code == "bad_shape"
    assert error.problems[0].field == where
    assert error.message.startswith("Danh mục thủ tục không đúng định dạng")
    assert error.message_en.startswith("catalogue has the wrong shape")


def parse_either(parser: str, doc: Any) -> Any:
    """``parse_catalog`` of the decoded value, or ``parse_catalog_body`` of its JSON bytes."""
    if parser == "decoded":
        return parse_catalog(doc)
    return parse_catalog_body(json.dumps(doc, ensure_ascii=False).encode())


@pytest.mark.parametrize("parser", ["decoded", "body"])
def test_duplicate_codes(parser: str) -> None:
    doc = good()
    doc["procedures"].append(dict(doc["procedures"][0]))
    with pytest.raises(CatalogFormatError) as caught:
        parse_either(parser, doc)
    assert caught.value.problems[0].code == "duplicate"


def test_body_gives_the_rows_of_the_decoded_catalogue(shipped: Catalog) -> None:
    body = json.dumps(
        {"version": shipped.version, "procedures": shipped.procedures}, ensure_ascii=False
    ).encode()
    streamed = parse_catalog_body(body)
    assert streamed.version == shipped.version
    assert streamed.rows == [row_of(p) for p in shipped.procedures]
    assert len(streamed.rows) == len(shipped.procedures) > 2000


def test_body_finds_the_version_after_the_procedures_and_keeps_unknown_keys() -> None:
    doc = good()
    body = json.dumps({"procedures": doc["procedures"], "x": [1], "version": "v-9"}).encode()
    streamed = parse_catalog_body(body)
    assert streamed.version == "v-9"
    assert json.loads(streamed.rows[0].data)["MotTruongMoi"] == {"x": 1}
    assert (streamed.rows[0].code, streamed.rows[0].level) == ("1.001193", "xa")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"", "not_json"),
        (b'{"version": "v", "procedures": [{"MaTTHC": "1"', "not_json"),  # cut short
        (b'{"version": "v", "procedures": [}', "not_json"),
        (b'{"version": "v", "procedures": ["x"]}', "bad_shape"),
        ('{"version": "v", "procedures": [{"TenTTHC": "é"}]}'.encode("latin-1"), "not_json"),
        (b'{"version": "v", "procedures": []}', "bad_shape"),  # would empty the kiosk's
        (b'{"version": "v"}', "bad_shape"),
    ],
)
def test_unusable_bodies_are_refused(body: bytes, code: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog_body(body)
    assert caught.value.code == code


def test_null_optional_fields_are_accepted() -> None:
    doc = mutate([*P, "PhiLePhi", 0, "SoTien"], None)
    doc["procedures"][0]["CoQuanThucHien"] = None
    assert parse_catalog(doc).procedures[0]["PhiLePhi"][0]["SoTien"] is None


def test_problem_list_is_capped() -> None:
    doc = {"version": "v", "procedures": [{"MaTTHC": i} for i in range(100)]}
    with pytest.raises(CatalogFormatError) as caught:
        parse_catalog(doc)
    assert len(caught.value.problems) == MAX_PROBLEMS
    assert "200 problems" in caught.value.message_en


def test_errors_are_value_errors_with_both_languages() -> None:
    with pytest.raises(ValueError, match="wrong shape") as caught:
        parse_catalog({"version": "v", "procedures": [1]})
    assert isinstance(caught.value, CatalogError)
    assert "không đúng định dạng" in str(caught.value)
    assert fold(caught.value.problems[0].message).startswith("thu tuc phai")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["version", "procedures", "MaTTHC", "TenTTHC", "PhiLePhi", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json_value_gives_a_catalog_or_a_catalog_error(value: Any) -> None:
    try:
        catalog = parse_catalog(value)
    except CatalogError:
        pass
    else:
        assert isinstance(catalog.version, str)
    try:
        streamed = parse_catalog_body(json.dumps(value).encode())
    except CatalogError:
        return
    assert isinstance(streamed.version, str) and streamed.rows
