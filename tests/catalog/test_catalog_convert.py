"""The converter: crawl records → contract-v1 procedures, and the shipped gzip it produced."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog import convert
from kiosk.catalog.model import Catalog, load_catalog_file
from kiosk.domain.text import fold
from kiosk.paths import asset

REPO = Path(__file__).resolve().parents[2]
PROCEDURE_KEYS = {
    "MaTTHC",
    "TenTTHC",
    "MaLinhVuc",
    "TenLinhVuc",
    "KenhThucHien",
    "ThanhPhanHoSo",
    "PhiLePhi",
    "ThanhToanTrucTuyen",
    "BuuChinhCongIch",
    "NgungApDung",
}
NOTE_OPENINGS = ("luu y", "ghi chu", "nguoi tiep nhan", "co quan dang ky", "phieu nay la")


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def source_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ----------------------------------------------------------------------------- shipped file


def test_shipped_file_counts_and_version(shipped: Catalog) -> None:
    assert shipped.version == "2026-07-tthc-1"
    assert shipped.extra["source_count"] == 2849
    assert len(shipped.procedures) == 2849
    assert shipped.extra["source"]["file"] == "procedures.jsonl"


def test_shipped_file_is_small() -> None:
    assert asset("catalog", "catalog-v1.json.gz").stat().st_size < 1_500_000


def test_every_procedure_has_the_contract_shape(shipped: Catalog) -> None:
    for p in shipped.procedures:
        assert p.keys() >= PROCEDURE_KEYS, p["MaTTHC"]
        assert p["KenhThucHien"] == sorted(set(p["KenhThucHien"]))
        assert set(p["KenhThucHien"]) <= {1, 2, 3}
        assert p["BuuChinhCongIch"] is (3 in p["KenhThucHien"])
        assert p["NgungApDung"] is False
        assert p["MaLinhVuc"].startswith("LV-")


def test_level_is_xa_whenever_the_commune_takes_it(shipped: Catalog) -> None:
    for p in shipped.procedures:
        full = p["CapThucHienDayDu"]
        if "xa" in full:
            assert p["CapThucHien"] == "xa"
        elif "tinh" in full:
            assert p["CapThucHien"] == "tinh"
        elif "bo" in full:
            assert p["CapThucHien"] == "bo"
        else:
            assert "CapThucHien" not in p  # only "khác" or no level in the source
    assert sum(p.get("CapThucHien") == "xa" for p in shipped.procedures) == 662


def test_all_text_is_nfc(shipped: Catalog) -> None:
    raw = gzip.decompress(asset("catalog", "catalog-v1.json.gz").read_bytes())
    doc = json.loads(raw)
    for text in strings(doc):
        assert unicodedata.is_normalized("NFC", text), text[:60]


def test_fees_are_integer_dong(shipped: Catalog) -> None:
    for p in shipped.procedures:
        for fee in p["PhiLePhi"]:
            assert fee["Loai"] in {"Phí", "Lệ phí"}
            amount = fee.get("SoTien")
            assert amount is None or (type(amount) is int and amount >= 0)
            assert amount is None or amount == 0 or amount >= 1000


def test_known_fees(by_code: dict[str, dict[str, Any]]) -> None:
    (card,) = by_code["1.014064"]["PhiLePhi"]  # Cấp lại thẻ căn cước
    assert (card["SoTien"], card["Loai"], card["KenhThucHien"]) == (70000, "Lệ phí", [1, 2])
    (birth,) = by_code["1.001193"]["PhiLePhi"]
    assert birth["SoTien"] == 0
    (licence,) = by_code["3.000350"]["PhiLePhi"]  # portal says 135, text says 135.000 đồng
    assert licence["SoTien"] == 135000
    usd = by_code["1.003358"]["PhiLePhi"]  # thẻ tạm trú, priced in USD
    assert usd and all("SoTien" not in fee for fee in usd)


def test_document_codes_are_unique_per_procedure(shipped: Catalog) -> None:
    for p in shipped.procedures:
        codes = [d["Ma"] for d in p["ThanhPhanHoSo"]]
        assert len(codes) == len(set(codes)), p["MaTTHC"]
        for doc in p["ThanhPhanHoSo"]:
            assert isinstance(doc["BatBuoc"], bool)
            assert doc["Ten"].strip()


def test_no_note_entries_anywhere(shipped: Catalog) -> None:
    for p in shipped.procedures:
        for doc in p["ThanhPhanHoSo"]:
            folded = fold(doc["Ten"])
            assert not folded.startswith(NOTE_OPENINGS), (p["MaTTHC"], doc["Ten"][:80])
            if folded.startswith(("truong hop", "doi voi")):
                assert doc["BatBuoc"] is False  # conditional papers are never mandatory


def names(procedure: dict[str, Any]) -> list[str]:
    return [fold(d["Ten"]) for d in procedure["ThanhPhanHoSo"]]


def test_birth_registration_lists_only_papers(by_code: dict[str, dict[str, Any]]) -> None:
    birth = by_code["1.001193"]
    docs = names(birth)
    assert 5 <= len(docs) <= 12  # the source has 33 entries, most of them notes
    assert any(d.startswith("giay chung sinh") for d in docs)
    assert any(d.startswith("to khai dang ky khai sinh") for d in docs)
    assert not any("nguoi tiep nhan" in d[:30] for d in docs)
    assert not any(d.startswith("truong hop giay to tuy than") for d in docs)
    mandatory = {fold(d["Ten"])[:20]: d["BatBuoc"] for d in birth["ThanhPhanHoSo"]}
    assert mandatory["giay chung sinh; tru"] is True
    abandoned = [d for d in birth["ThanhPhanHoSo"] if "bo roi" in fold(d["Ten"])]
    assert abandoned and abandoned[0]["BatBuoc"] is False


def test_marriage_and_id_card_documents(by_code: dict[str, dict[str, Any]]) -> None:
    marriage = names(by_code["1.000894"])
    assert any(d.startswith("to khai dang ky ket hon") for d in marriage)
    assert not any(d.startswith(("doi voi giay to", "nguoi tiep nhan")) for d in marriage)
    card = names(by_code["1.014064"])
    assert any(d.startswith("phieu de nghi giai quyet thu tuc ve can cuoc") for d in card)
    assert not any(d.startswith("phieu nay la bieu mau") for d in card)


def test_shown_papers_are_flagged(by_code: dict[str, dict[str, Any]]) -> None:
    shown = [d for d in by_code["1.001193"]["ThanhPhanHoSo"] if d.get("XuatTrinh")]
    assert any("can cuoc" in fold(d["Ten"]) for d in shown)


def test_missing_detail_is_flagged(by_code: dict[str, dict[str, Any]]) -> None:
    locked = by_code["3.000283"]
    assert locked["ThieuChiTiet"] is True
    assert locked["ThanhPhanHoSo"] == [] and locked["KenhThucHien"] == []


# ----------------------------------------------------------------------------- from the source


def test_every_source_record_is_converted(source_path: Path) -> None:
    doc = convert.convert_file(source_path)
    assert doc["source_count"] == len(source_lines(source_path)) == len(doc["procedures"])
    codes = [p["MaTTHC"] for p in doc["procedures"]]
    assert codes == sorted(codes)


def test_shipped_file_matches_a_fresh_conversion(source_path: Path) -> None:
    fresh = convert.encode(convert.convert_file(source_path), gzipped=True)
    assert fresh == asset("catalog", "catalog-v1.json.gz").read_bytes()


def test_script_writes_a_loadable_file(source_path: Path, tmp_path: Path) -> None:
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(source_lines(source_path)[:40]) + "\n", encoding="utf-8")
    target = tmp_path / "out.json"
    script = REPO / "scripts" / "convert_catalog.py"
    cmd = [sys.executable, str(script), str(sample), "-o", str(target), "--version", "t-1"]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO)
    assert "40 procedures" in result.stdout
    catalog = load_catalog_file(target)
    assert (catalog.version, len(catalog.procedures)) == ("t-1", 40)


# ----------------------------------------------------------------------------- helpers


def test_conversion_is_deterministic() -> None:
    record = {"code": "9.000001", "name": "Thủ tục thử", "field": "Hộ tịch", "level": ["tỉnh"]}
    first = convert.encode(convert.convert_records([record]), gzipped=True)
    assert first == convert.encode(convert.convert_records([record]), gzipped=True)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1 bản chính", (1, 0)),
        ("0 bản chính,1 bản sao", (0, 1)),
        ("Bản chính: 2, Bản sao: 3", (2, 3)),
        ("20261 bản chính,1 bản sao", (1, 1)),
        ("01 bản sao", (0, 1)),
        (None, (0, 0)),
    ],
)
def test_quantities(cell: str | None, expected: tuple[int, int]) -> None:
    assert convert.quantities(cell) == expected


@pytest.mark.parametrize(
    ("text", "originals", "note"),
    [
        ("Lưu ý: hồ sơ phải viết bằng tiếng Việt", 1, True),
        ("Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ hồ sơ", 0, True),
        ("Trường hợp gửi hồ sơ qua bưu chính thì gửi kèm bản sao", 0, True),
        ("Trường hợp thuê mua nhà ở xã hội:", 1, True),
        ("Bản chụp các giấy tờ gửi kèm phải bảo đảm rõ nét", 0, True),
        ("hoặc", 1, True),
        ("Hóa đơn thương mại: 01 bản chụp", 0, False),
        ("Giấy chứng sinh", 1, False),
        ("Trường hợp ủy quyền phải kèm theo giấy ủy quyền", 1, False),
    ],
)
def test_is_note(text: str, originals: int, note: bool) -> None:
    assert convert.is_note(text, originals, 0) is note


def test_conditional_papers() -> None:
    assert convert.is_conditional("Trường hợp ủy quyền phải kèm theo giấy ủy quyền")
    assert convert.is_conditional("Giấy chứng nhận đoàn viên (nếu có)")
    assert not convert.is_conditional("Giấy chứng sinh")


def test_strip_markers() -> None:
    assert convert.strip_markers("- a) Tờ khai;") == "Tờ khai"
    assert convert.strip_markers("(iv) Quy định nội bộ") == "Quy định nội bộ"
    assert convert.strip_markers("+ 2. Đơn đề nghị.") == "Đơn đề nghị."


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("Phí", "Phí : 50.000 Đồng", "Phí"),
        ("Lệ phí", "Lệ phí 20.000", "Lệ phí"),
        ("Phí, lệ phí", "Phí thẩm định 300.000 đồng", "Phí"),
        ("Phí, lệ phí", "Lệ phí cấp giấy phép lái xe: 135.000 đồng", "Lệ phí"),
        ("Phí, lệ phí", "Miễn phí", "Lệ phí"),
    ],
)
def test_fee_type(name: str, text: str, kind: str) -> None:
    assert convert.fee_type(name, text) == kind


@pytest.mark.parametrize(
    ("amount", "text", "expected"),
    [
        (70000, "70,000 Việt Nam Đồng", 70000),
        (0, "Miễn phí", 0),
        (None, "Miễn phí (theo quy định của HĐND)", None),
        (135, "135 VNĐ (Lệ phí: 135.000 đồng/lần.)", 135000),
        (155, "155 VNĐ (155 USD/thẻ.)", None),
        (50, "50 VNĐ (hồ sơ)", None),
        (True, "x", None),
    ],
)
def test_fee_amount(amount: object, text: str, expected: int | None) -> None:
    assert convert.fee_amount(amount, text) == expected


def test_levels_and_channels() -> None:
    assert convert.levels(["bộ", "tỉnh", "xã", "khác"]) == ["xa", "tinh", "bo", "khac"]
    assert convert.primary_level(["tinh", "bo"]) == "tinh"
    assert convert.primary_level(["khac"]) is None
    assert convert.channels(["bưu chính công ích", "trực tiếp", "trực tiếp"]) == [1, 3]


def test_field_code_is_stable() -> None:
    assert convert.field_code("Hộ tịch") == convert.field_code("HỘ TỊCH") == "LV-6AA9B8"


def test_bad_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(convert.SourceFormatError):
        convert.convert_record({"name": "no code"})
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"code": "1.1", "name": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(convert.SourceFormatError, match="line 2"):
        list(convert.read_jsonl(bad))
    with pytest.raises(convert.SourceFormatError, match="duplicate"):
        convert.convert_records([{"code": "1.1", "name": "a"}, {"code": "1.1", "name": "b"}])
