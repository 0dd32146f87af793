"""The procedure catalogue in the contract-v1 shape, and its validating loader.

Two ways in, one set of checks:

* :func:`load_catalog_file` reads the bundled ``catalog-v1.json.gz`` (or any ``.json`` /
  ``.json.gz`` file);
* :func:`parse_catalog` takes an already decoded JSON value;
* :func:`parse_catalog_body` takes the body of the provincial ``GET /catalog`` (contract v1
  §9) as bytes and validates it as it streams (ijson): one procedure at a time is a tree of
  Python objects, kept only as the row the catalogue table stores. The sync thread never
  holds the interpreter for the whole 7 MB (one ``json.loads`` of it stalls the touch screen
  for ~0.1 s, and its half a million objects wake the garbage collector).

They return a :class:`Catalog` (:class:`CatalogRows`) or raise a :class:`CatalogError`
subclass carrying a stable ``code`` and a Vietnamese + English message; a wrong shape never
escapes as ``KeyError`` or ``TypeError``. A catalogue without procedures is refused by both
(problem ``empty``; :func:`check_not_empty` before storing): stored, it would empty the kiosk's.
Unknown keys are kept (the contract allows them); every string is NFC.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ijson

from kiosk.domain.errors import FieldError
from kiosk.domain.text import nfc

MAX_FILE_BYTES = 64 * 1024 * 1024  # decompressed; the real catalogue is ~7 MB
MAX_PROBLEMS = 20
LEVELS = frozenset({"tinh", "xa", "bo"})
CHANNELS = frozenset({1, 2, 3})
_TEXT_KEYS = ("MaLinhVuc", "TenLinhVuc", "CoQuanThucHien", "ThoiHanGiaiQuyet")
_BOOL_KEYS = ("ThanhToanTrucTuyen", "BuuChinhCongIch", "NgungApDung")


@dataclass(frozen=True, slots=True)
class Catalog:
    """A validated catalogue: its version and its procedures (contract-v1 dicts, NFC)."""

    version: str
    procedures: list[dict[str, Any]]
    extra: dict[str, Any] = field(default_factory=dict)  # other top-level keys, as sent

    def by_code(self) -> dict[str, dict[str, Any]]:
        return {p["MaTTHC"]: p for p in self.procedures}


@dataclass(frozen=True, slots=True)
class ProcedureRow:
    """One procedure as the catalogue table stores it: the columns that are looked up, and the
    whole contract object as JSON (read back only when a screen shows that procedure)."""

    code: str
    name: str
    field_code: str | None
    field_name: str | None
    level: str | None
    stopped: bool
    data: str


def row_of(procedure: Mapping[str, Any]) -> ProcedureRow:
    """The row of one validated procedure."""
    return ProcedureRow(
        code=str(procedure["MaTTHC"]),
        name=str(procedure["TenTTHC"]),
        field_code=_opt(procedure.get("MaLinhVuc")),
        field_name=_opt(procedure.get("TenLinhVuc")),
        level=_opt(procedure.get("CapThucHien")),
        stopped=bool(procedure.get("NgungApDung", False)),
        data=json.dumps(procedure, ensure_ascii=False),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class CatalogRows:
    """A validated catalogue as the rows to store."""

    version: str
    rows: list[ProcedureRow]


class CatalogError(ValueError):
    """A catalogue that cannot be used; nothing of it should be stored."""

    def __init__(
        self,
        code: str,
        message: str,
        message_en: str,
        problems: list[FieldError] | None = None,
    ) -> None:
        self.code = code
        self.message = message  # Vietnamese (NFC)
        self.message_en = message_en
        self.problems = list(problems or [])
        super().__init__(f"{code}: {message} / {message_en}")


class CatalogReadError(CatalogError):
    """The file cannot be read or decoded (missing, not gzip, not UTF-8, not JSON, too big)."""


class CatalogFormatError(CatalogError):
    """The JSON does not have the contract-v1 catalogue shape; ``problems`` lists where."""


# ----------------------------------------------------------------------------- reading


def load_catalog_file(path: str | Path) -> Catalog:
    """Read and validate a ``.json`` or ``.json.gz`` catalogue (gzip is detected by content)."""
    return parse_catalog(_decode_json(_read_bytes(Path(path))))


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            head = handle.read(2)
            handle.seek(0)
            if head == b"\x1f\x8b":
                with gzip.GzipFile(fileobj=handle) as unzipped:
                    data = unzipped.read(MAX_FILE_BYTES + 1)
            else:
                data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise CatalogReadError(
            "missing",
            f"Không tìm thấy tệp danh mục: {path.name}",
            f"catalogue file not found: {path}",
        ) from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise CatalogReadError(
            "unreadable",
            f"Không đọc được tệp danh mục (hỏng hoặc không phải gzip): {path.name}",
            f"cannot read catalogue file (damaged or not gzip): {path}: {exc}",
        ) from exc
    if len(data) > MAX_FILE_BYTES:
        raise CatalogReadError(
            "too_large",
            "Tệp danh mục quá lớn.",
            f"catalogue file is larger than {MAX_FILE_BYTES} bytes",
        )
    return data


def _decode_json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CatalogReadError(
            "not_utf8", "Tệp danh mục không phải UTF-8.", "catalogue file is not UTF-8"
        ) from exc
    except (json.JSONDecodeError, RecursionError) as exc:
        raise CatalogReadError(
            "not_json", "Tệp danh mục không phải JSON hợp lệ.", "catalogue file is not valid JSON"
        ) from exc


# ----------------------------------------------------------------------------- validating


def parse_catalog(obj: Any) -> Catalog:
    """Validate a decoded catalogue (file content or the ``/catalog`` body)."""
    problems = _Problems()
    if not isinstance(obj, Mapping):
        problems.add("", "not_object", "Danh mục phải là một đối tượng JSON.", "must be an object")
        raise problems.error()
    version = obj.get("version")
    _check_version(version, problems)
    raw = obj.get("procedures")
    if not isinstance(raw, list):
        problems.add("procedures", "not_list", "Thiếu danh sách thủ tục.", "must be a list")
        raise problems.error()
    procedures = [_procedure(item, f"procedures[{i}]", problems) for i, item in enumerate(raw)]
    _check_unique_codes(procedures, problems)
    _check_some(len(procedures), problems)
    if problems:
        raise problems.error()
    extra = {k: _nfc_value(v) for k, v in obj.items() if k not in ("version", "procedures")}
    return Catalog(nfc(str(version)), procedures, extra)


def parse_catalog_body(data: bytes) -> CatalogRows:
    """Validate the body of ``GET /catalog`` while streaming through it: the same checks as
    :func:`parse_catalog`, each procedure turned into its row at once. ``version`` is read
    first (the contract's order; elsewhere in the body it is still found, at the cost of one
    more pass). A catalogue without procedures is refused: it would empty the kiosk's."""
    problems = _Problems()
    try:
        first = next(iter(ijson.parse(data)), None)
        if first is None or first[1] != "start_map":
            problems.add(
                "", "not_object", "Danh mục phải là một đối tượng JSON.", "must be an object"
            )
            raise problems.error()
        version = next(iter(ijson.items(data, "version")), None)
        rows = _stream_rows(ijson.items(data, "procedures.item", use_float=True), problems)
    except UnicodeDecodeError as exc:
        raise CatalogReadError(
            "not_utf8", "Danh mục không phải UTF-8.", "catalogue is not UTF-8"
        ) from exc
    except ijson.JSONError as exc:
        raise CatalogReadError(
            "not_json", "Danh mục không phải JSON hợp lệ.", "catalogue is not valid JSON"
        ) from exc
    _check_version(version, problems)
    if not problems:  # no rows were kept after a problem: not the same as none sent
        _check_some(len(rows), problems)
    if problems:
        raise problems.error()
    return CatalogRows(nfc(str(version)), rows)


def check_not_empty(count: int) -> None:
    """CatalogFormatError when a catalogue to store has no procedure (the last guard before the
    table is replaced)."""
    problems = _Problems()
    _check_some(count, problems)
    if problems:
        raise problems.error()


def _check_version(version: Any, problems: _Problems) -> None:
    if not isinstance(version, str) or not version.strip():
        problems.add("version", "required", "Thiếu phiên bản danh mục.", "version is required")


def _check_some(count: int, problems: _Problems) -> None:
    if count == 0:
        problems.add(
            "procedures",
            "empty",
            "Danh mục không có thủ tục nào (danh sách procedures trống hoặc thiếu); danh mục "
            "đang dùng được giữ nguyên",
            "the catalogue has no procedures (the procedures list is empty or missing); the "
            "current catalogue is kept",
        )


def _stream_rows(items: Iterable[Any], problems: _Problems) -> list[ProcedureRow]:
    rows: list[ProcedureRow] = []
    seen: set[str] = set()
    for i, item in enumerate(items):  # a Python loop: the interpreter is shared between items
        where = f"procedures[{i}]"
        procedure = _procedure(item, where, problems)
        _check_unique_code(procedure, where, seen, problems)
        if not problems:  # after the first problem only the checks go on
            rows.append(row_of(procedure))
    return rows


class _Problems:
    def __init__(self) -> None:
        self.items: list[FieldError] = []
        self.total = 0

    def __bool__(self) -> bool:
        return self.total > 0

    def add(self, where: str, code: str, message: str, message_en: str) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(FieldError(where, code, message, message_en))

    def error(self) -> CatalogFormatError:
        first = self.items[0]
        return CatalogFormatError(
            "bad_shape",
            f"Danh mục thủ tục không đúng định dạng ({self.total} lỗi; đầu tiên: "
            f"{first.field or 'gốc'}: {first.message})",
            f"catalogue has the wrong shape ({self.total} problems; first: "
            f"{first.field or 'root'}: {first.message_en})",
            self.items,
        )


def _procedure(item: Any, where: str, problems: _Problems) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        problems.add(where, "not_object", "Thủ tục phải là một đối tượng.", "must be an object")
        return {}
    out: dict[str, Any] = {k: _nfc_value(v) for k, v in item.items()}
    for key in ("MaTTHC", "TenTTHC"):
        value = out.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.add(f"{where}.{key}", "required", "Thiếu mã hoặc tên thủ tục.", "required")
    for key in _TEXT_KEYS:
        _expect(out, key, where, problems, lambda v: isinstance(v, str), "a string")
    for key in _BOOL_KEYS:
        _expect(out, key, where, problems, lambda v: isinstance(v, bool), "true or false")
    _expect(out, "CapThucHien", where, problems, lambda v: v in LEVELS, "tinh, xa or bo")
    _expect(out, "KenhThucHien", where, problems, _is_channel_list, "a list of 1, 2, 3")
    _check_items(out, "ThanhPhanHoSo", where, problems, _document_ok)
    _check_items(out, "PhiLePhi", where, problems, _fee_ok)
    return out


def _expect(
    out: Mapping[str, Any],
    key: str,
    where: str,
    problems: _Problems,
    ok: Callable[[Any], bool],
    what: str,
) -> None:
    value = out.get(key)
    if value is None or ok(value):
        return
    problems.add(
        f"{where}.{key}", "wrong_type", f"Giá trị không hợp lệ ({key}).", f"must be {what}"
    )


def _is_channel_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, int) and not isinstance(v, bool) and v in CHANNELS for v in value
    )


def _check_items(
    out: Mapping[str, Any],
    key: str,
    where: str,
    problems: _Problems,
    ok: Callable[[Any], bool],
) -> None:
    value = out.get(key)
    if value is None:
        return
    if not isinstance(value, list):
        problems.add(f"{where}.{key}", "not_list", f"{key} phải là danh sách.", "must be a list")
        return
    for i, item in enumerate(value):
        if not ok(item):
            problems.add(
                f"{where}.{key}[{i}]", "wrong_type", f"Mục {key} không hợp lệ.", "invalid item"
            )


def _document_ok(item: Any) -> bool:
    return (
        isinstance(item, Mapping)
        and isinstance(item.get("Ten"), str)
        and isinstance(item.get("Ma", ""), str)
        and isinstance(item.get("BatBuoc", True), bool)
    )


def _fee_ok(item: Any) -> bool:
    if not isinstance(item, Mapping) or not isinstance(item.get("Ten", ""), str):
        return False
    amount = item.get("SoTien")
    amount_ok = amount is None or (
        isinstance(amount, int) and not isinstance(amount, bool) and amount >= 0
    )
    return amount_ok and isinstance(item.get("Loai", ""), str)


def _check_unique_codes(procedures: list[dict[str, Any]], problems: _Problems) -> None:
    seen: set[str] = set()
    for i, procedure in enumerate(procedures):
        _check_unique_code(procedure, f"procedures[{i}]", seen, problems)


def _check_unique_code(
    procedure: Mapping[str, Any], where: str, seen: set[str], problems: _Problems
) -> None:
    code = procedure.get("MaTTHC")
    if not isinstance(code, str):
        return
    if code in seen:
        problems.add(f"{where}.MaTTHC", "duplicate", f"Mã thủ tục bị trùng: {code}", "duplicate")
    seen.add(code)


def _nfc_value(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_value(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k) if isinstance(k, str) else k: _nfc_value(v) for k, v in value.items()}
    return value
