"""Convert the crawled national procedure catalogue (``procedures.jsonl``) to contract v1.

Input: one JSON object per line in the crawl format described in
``/work/shared/data/tthc/SOURCE.md`` (``code``, ``name``, ``field``, ``level``, ``documents`` ...).
Output: the body of the provincial ``GET /catalog`` (contract v1 §9), ``{"version",
"procedures"}``, plus a few extra top-level keys (``source_count``, ``source``) and a few extra
procedure keys (``CapThucHienDayDu``, ``ThieuChiTiet``); unknown keys are allowed by the
contract. Every mapping choice is documented in ``resources/catalog/README.md``.

The conversion is pure and deterministic: the same input gives byte-identical output
(gzip header without a timestamp), so regenerated files diff cleanly.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk.domain.text import collapse_spaces, fold, nfc
from kiosk.fsutil import write_atomic

DEFAULT_VERSION = "2026-07-tthc-1"

LEVEL_CODES = {"xã": "xa", "tỉnh": "tinh", "bộ": "bo", "khác": "khac"}
LEVEL_ORDER = ("xa", "tinh", "bo", "khac")
CHANNEL_CODES = {"trực tiếp": 1, "trực tuyến": 2, "bưu chính công ích": 3}
FEE_TYPE_PHI = "Phí"
FEE_TYPE_LE_PHI = "Lệ phí"

# A leading list marker: "-", "+", "*", "a)", "(iv)", "1.", "(1.2)", "g.1)", in any combination.
_LEAD_MARKERS = re.compile(
    r"^[\s\-+*•;:.,–]*"
    r"(?:(?:\(?\d{1,2}(?:\.\d{1,2})*[).]|\(?[a-zđ]\)|\(?[ivx]{1,4}\)|[a-zđ]\.\d\))\s*[-+]?\s*)*",
    re.IGNORECASE,
)
# Folded openings of entries that explain rather than name a paper.
_NOTE_OPENINGS = (
    "luu y",
    "ghi chu",
    "chu y",
    "nguoi tiep nhan",
    "nguoi co yeu cau",
    "nguoi yeu cau",
    "co quan",
    "ca nhan co quyen",
    "so luong",
    "thanh phan ho so",
    "phieu nay la",
    "viec ",
    "khi ",
    "cham nhat",
    "trong thoi han",
    "khong quy dinh",
    "doi voi giay to",
    "hoac",
)
# Folded openings of an entry that names a paper needed only in some cases.
_CONDITIONAL_OPENINGS = (
    "truong hop",
    "(truong hop",
    "doi voi",
    "(doi voi",
    "neu ",
    "trong truong hop",
)
_CONDITIONAL_PHRASES = ("neu co)", "trong truong hop", "doi voi truong hop")
# Folded openings of entries that name a paper even when the portal's quantity is zero
# (customs records write the quantity inside the text, e.g. "Hóa đơn thương mại: 01 bản chụp").
_DOCUMENT_OPENINGS = (
    "to khai",
    "don ",
    "giay ",
    "ban sao",
    "ban chinh",
    "ban chup",
    "ban ke",
    "ban ve",
    "van ban",
    "hoa don",
    "hop dong",
    "chung tu",
    "chung thu",
    "van tai don",
    "van don",
    "quyet dinh",
    "phieu ",
    "bao cao",
    "danh sach",
    "ho chieu",
    "the ",
    "so ",
    "to trinh",
    "de an",
    "du thao",
    "phuong an",
    "tai lieu",
    "cac tai lieu",
    "cac giay to",
)
_STANDALONE_PHI = re.compile(r"(?<!\ble )(?<!\bmien )(?<!\bchi )(?<!\bcuoc )\bphi\b")
_QTY_PORTAL = re.compile(r"Bản chính:\s*(\d+),\s*Bản sao:\s*(\d+)")
_QTY_ORIGINAL = re.compile(r"(\d+)\s*bản chính")
_QTY_COPY = re.compile(r"(\d+)\s*bản sao")
_INLINE_QUANTITY = re.compile(r"\b\d+ ban (?:chup|sao|chinh)\b")
_ONLINE_PAYMENT = "thanh toan truc tuyen"


class SourceFormatError(ValueError):
    """A source line is not a crawl record (not JSON, or without ``code``/``name``)."""


def clean(text: str) -> str:
    """NFC, whitespace collapsed."""
    return nfc(collapse_spaces(text))


def stable_hash(text: str, size: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:size].upper()


def field_code(field_name: str) -> str:
    """``MaLinhVuc`` for a field name: ``LV-`` + 6 hex digits of SHA-1 of the folded name."""
    return "LV-" + stable_hash(fold(field_name))


def levels(raw: Sequence[str] | None) -> list[str]:
    """Source levels (``xã|tỉnh|bộ|khác``) as ASCII codes in the fixed order xa, tinh, bo, khac."""
    codes = {LEVEL_CODES[value] for value in raw or () if value in LEVEL_CODES}
    return [code for code in LEVEL_ORDER if code in codes]


def primary_level(all_levels: Sequence[str]) -> str | None:
    """``CapThucHien``: the lowest level that takes the dossier (xa > tinh > bo); None if only
    "khac" or nothing."""
    return next((code for code in ("xa", "tinh", "bo") if code in all_levels), None)


def channels(raw: Iterable[str] | None) -> list[int]:
    return sorted({CHANNEL_CODES[name] for name in raw or () if name in CHANNEL_CODES})


def _quantity_number(digits: str) -> int:
    # The flattened table sometimes glues a year or an index to the count ("20261 bản chính"):
    # the portal's count is a single digit, so keep the last one.
    return int(digits) if len(digits) <= 2 else int(digits[-1])


def quantities(raw: str | None) -> tuple[int, int]:
    """(originals, copies) from the portal's quantity cell."""
    text = raw or ""
    portal = _QTY_PORTAL.search(text)
    if portal:
        return int(portal[1]), int(portal[2])
    original = _QTY_ORIGINAL.search(text)
    copy = _QTY_COPY.search(text)
    return (
        _quantity_number(original[1]) if original else 0,
        _quantity_number(copy[1]) if copy else 0,
    )


def strip_markers(text: str) -> str:
    stripped = _LEAD_MARKERS.sub("", clean(text))
    return stripped.rstrip(" ;,").strip()


def is_note(text: str, originals: int, copies: int) -> bool:
    """True when a ``documents`` entry explains something instead of naming a paper."""
    folded = fold(text)
    if len(folded) < 6 or not any(ch.isalpha() for ch in folded):
        return True
    if folded.startswith(_NOTE_OPENINGS):
        return True
    conditional = folded.startswith(_CONDITIONAL_OPENINGS)
    if conditional and folded.endswith(":"):
        return True  # a case heading ("Trường hợp thuê mua nhà ở xã hội:")
    if originals == 0 and copies == 0:
        return _is_note_without_quantity(folded, conditional)
    return False


def _is_note_without_quantity(folded: str, conditional: bool) -> bool:
    """With no quantity, keep only an entry that names a paper and does not lay down a rule
    ("Bản chụp ... phải bảo đảm rõ nét") unless it states its own quantity ("01 bản chụp")."""
    if conditional or folded.endswith(":") or not folded.startswith(_DOCUMENT_OPENINGS):
        return True
    return " phai " in f" {folded} " and not _INLINE_QUANTITY.search(folded)


def is_conditional(text: str) -> bool:
    folded = fold(text)
    return folded.startswith(_CONDITIONAL_OPENINGS) or any(
        phrase in folded for phrase in _CONDITIONAL_PHRASES
    )


def _presented_indexes(record: Mapping[str, Any]) -> set[int]:
    """Indexes of documents inside a "Giấy tờ phải xuất trình" group (shown, not handed in)."""
    shown: set[int] = set()
    for group in record.get("document_groups") or ():
        if "xuat trinh" in fold(group.get("title") or ""):
            shown.update(range(int(group.get("start", 0)), int(group.get("end", 0))))
    return shown


def _unique_code(prefix: str, key: str, taken: set[str]) -> str:
    base = f"{prefix}-{stable_hash(key)}"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    taken.add(code)
    return code


def documents(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``ThanhPhanHoSo``: the papers to bring, notes dropped, each with a stable ``Ma``."""
    names: Sequence[str] = record.get("documents") or ()
    counts: Sequence[str] = record.get("document_quantities") or ()
    shown = _presented_indexes(record)
    taken: set[str] = set()
    out: list[dict[str, Any]] = []
    for index, raw in enumerate(names):
        originals, copies = quantities(counts[index] if index < len(counts) else None)
        text = strip_markers(raw)
        if is_note(text, originals, copies):
            continue
        item: dict[str, Any] = {
            "Ma": _unique_code("TP", fold(text), taken),
            "Ten": text,
            "BatBuoc": not is_conditional(text),
            "BanChinh": originals,
            "BanSao": copies,
        }
        if index in shown:
            item["XuatTrinh"] = True
        out.append(item)
    return out


def fee_type(name: str, text: str) -> str:
    """``Loai``: from the portal's label; "Phí, lệ phí" is decided by the text, else Lệ phí."""
    label = fold(name)
    if label == "phi":
        return FEE_TYPE_PHI
    if label == "le phi":
        return FEE_TYPE_LE_PHI
    body = fold(text).replace("phi, le phi", " ")
    if _STANDALONE_PHI.search(body) and "le phi" not in body:
        return FEE_TYPE_PHI
    return FEE_TYPE_LE_PHI


def fee_amount(amount: object, text: str) -> int | None:
    """``SoTien`` in đồng, or None when the source gives no trustworthy VND amount.

    The portal's head amounts below 1,000 ₫ are either USD or thousands of đồng. An amount
    is scaled by 1,000 only when the fee text itself states the scaled figure ("135.000 đồng").
    """
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        return None
    if amount == 0 or amount >= 1000:
        return amount
    folded = fold(text)
    if "usd" in folded:
        return None
    scaled = f"{amount}.000"
    if scaled in folded or f"{amount},000" in folded:
        return amount * 1000
    return None


def fees(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    taken: set[str] = set()
    out: list[dict[str, Any]] = []
    for raw in record.get("fees") or ():
        text = clean(raw.get("text") or raw.get("name") or "")
        fee_channels = channels(raw.get("channels"))
        item: dict[str, Any] = {
            "Ma": _unique_code("LP", f"{fold(text)}|{fee_channels}", taken),
            "Ten": text,
            "Loai": fee_type(raw.get("name") or "", text),
        }
        amount = fee_amount(raw.get("amount_vnd"), text)
        if amount is not None:
            item["SoTien"] = amount
        item["KenhThucHien"] = fee_channels
        out.append(item)
    return out


def online_payment(record: Mapping[str, Any]) -> bool:
    """True when the steps, fee texts or channel descriptions mention paying online."""
    texts = _steps_list(record)
    texts += [fee.get("text") or "" for fee in record.get("fees") or ()]
    texts += [d.get("description") or "" for d in record.get("channel_details") or ()]
    return any(_ONLINE_PAYMENT in fold(text) for text in texts if text)


def _steps_list(record: Mapping[str, Any]) -> list[str]:
    steps = record.get("steps")
    if isinstance(steps, str):
        return [steps]
    return [s for s in steps or () if isinstance(s, str)]


def convert_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """One crawl record → one contract-v1 PROCEDURE (optional strings omitted when unknown)."""
    code, name = record.get("code"), record.get("name")
    if not isinstance(code, str) or not isinstance(name, str) or not code or not name:
        raise SourceFormatError(f"record without code/name: {str(record)[:80]}")
    field_name = clean(record.get("field") or "Chưa phân loại")
    all_levels = levels(record.get("level"))
    kenh = channels(record.get("channels"))
    out: dict[str, Any] = {
        "MaTTHC": clean(code),
        "TenTTHC": clean(name),
        "MaLinhVuc": field_code(field_name),
        "TenLinhVuc": field_name,
    }
    level = primary_level(all_levels)
    if level is not None:
        out["CapThucHien"] = level
    out["CapThucHienDayDu"] = all_levels
    _put_text(out, "CoQuanThucHien", record.get("agency"))
    _put_text(out, "ThoiHanGiaiQuyet", record.get("processing_time"))
    out["KenhThucHien"] = kenh
    out["ThanhPhanHoSo"] = documents(record)
    out["PhiLePhi"] = fees(record)
    out["ThanhToanTrucTuyen"] = online_payment(record)
    out["BuuChinhCongIch"] = 3 in kenh
    out["NgungApDung"] = False
    if record.get("detail_missing"):
        out["ThieuChiTiet"] = True
    return out


def _put_text(out: dict[str, Any], key: str, value: object) -> None:
    if isinstance(value, str) and value.strip():
        out[key] = clean(value)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SourceFormatError(f"line {number}: not JSON ({exc.msg})") from exc
            if not isinstance(record, dict):
                raise SourceFormatError(f"line {number}: not a JSON object")
            yield record


def convert_records(
    records: Iterable[Mapping[str, Any]],
    version: str = DEFAULT_VERSION,
    source: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """All records → the catalogue document, procedures sorted by code, codes unique."""
    procedures = [convert_record(r) for r in records]
    procedures.sort(key=lambda p: p["MaTTHC"])
    _check_unique(procedures)
    doc: dict[str, Any] = {
        "version": version,
        "format": "contract-v1",
        "source_count": len(procedures),
    }
    if source:
        doc["source"] = dict(source)
    doc["procedures"] = procedures
    return doc


def _check_unique(procedures: Sequence[Mapping[str, Any]]) -> None:
    codes = [p["MaTTHC"] for p in procedures]
    if len(set(codes)) != len(codes):
        raise SourceFormatError("duplicate MaTTHC in source")
    fields: dict[str, str] = {}
    for p in procedures:
        known = fields.setdefault(p["MaLinhVuc"], p["TenLinhVuc"])
        if known != p["TenLinhVuc"]:
            raise SourceFormatError(f"MaLinhVuc collision: {known!r} / {p['TenLinhVuc']!r}")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def convert_file(source: Path, version: str = DEFAULT_VERSION) -> dict[str, Any]:
    provenance = {"file": source.name, "sha256": file_sha256(source)}
    return convert_records(read_jsonl(source), version=version, source=provenance)


def encode(doc: Mapping[str, Any], gzipped: bool) -> bytes:
    """Compact UTF-8 JSON (NFC text, no ASCII escapes); gzip without a timestamp."""
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0) if gzipped else raw


def write_catalog(doc: Mapping[str, Any], target: Path) -> int:
    """Write ``.json`` or ``.json.gz`` (by suffix); returns the number of bytes written."""
    data = encode(doc, gzipped=target.name.endswith(".gz"))
    write_atomic(target, data, mode=0o644)
    return len(data)
