"""The manifest written beside every export, and ``kiosk export verify``.

``<file>.manifest.json`` holds the file's SHA-256 and size, the format, the period, the
number of log rows, the audit-chain head (seq and hash) when the export was read, the audit
entry that records the export, who exported and when. ``<file>.sha256`` is the same digest in
``sha256sum`` format, for checking with the system's own tools.

:func:`verify_export` re-checks the file against its manifest (size, SHA-256, and the row
count read back from a CSV or XLSX). Given the kiosk the export came from, it also checks the
chain: the head entry still has the recorded hash (an export anchors everything before it:
a rewritten or shortened chain no longer matches), the export's own audit entry names the
same digest, and the whole chain verifies.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.export.period import Period, local
from kiosk.fsutil import write_atomic
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import read_session
from kiosk.store.models import AuditEntry

MANIFEST_VERSION = 1
SUFFIX = ".manifest.json"
CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Manifest:
    file: str  # the export's file name; it sits beside the manifest
    format: str  # csv | xlsx | pdf
    sha256: str
    size_bytes: int
    rows: int  # log rows in the file
    period: Period
    audit_head_seq: int  # the audit chain's head when the export was read
    audit_head_hash: str
    export_audit_seq: int  # the audit entry that records this export
    exported_by: str
    exported_at: datetime
    kiosk_code: str
    kiosk_version: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "manifest_version": MANIFEST_VERSION,
            "file": self.file,
            "format": self.format,
            "sha256": self.sha256,
            "size_bytes": self.size_bytes,
            "rows": self.rows,
            "period": self.period.as_dict(),
            "audit_head": {"seq": self.audit_head_seq, "hash": self.audit_head_hash},
            "export_audit_seq": self.export_audit_seq,
            "exported_by": self.exported_by,
            "exported_at": local(self.exported_at).isoformat(),
            "kiosk_code": self.kiosk_code,
            "kiosk_version": self.kiosk_version,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        if data.get("manifest_version") != MANIFEST_VERSION:
            raise ValueError("unknown manifest_version")
        return cls(
            file=_name(data["file"]),
            format=str(data["format"]),
            sha256=str(data["sha256"]).lower(),
            size_bytes=int(data["size_bytes"]),
            rows=int(data["rows"]),
            period=Period(
                date.fromisoformat(data["period"]["from"]), date.fromisoformat(data["period"]["to"])
            ),
            audit_head_seq=int(data["audit_head"]["seq"]),
            audit_head_hash=str(data["audit_head"]["hash"]),
            export_audit_seq=int(data["export_audit_seq"]),
            exported_by=str(data["exported_by"]),
            exported_at=datetime.fromisoformat(data["exported_at"]),
            kiosk_code=str(data["kiosk_code"]),
            kiosk_version=str(data["kiosk_version"]),
        )


def _name(value: Any) -> str:
    """Only a bare file name: a manifest never points elsewhere than beside itself."""
    name = str(value)
    if not name or Path(name).name != name or name in {".", ".."}:
        raise ValueError("file must be a bare file name")
    return name


def manifest_path(export_path: Path) -> Path:
    return export_path.with_name(export_path.name + SUFFIX)


def sha256_file(path: Path) -> tuple[str, int]:
    """(hex digest, size) of a file, read in 1 MiB chunks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def write_manifest(manifest: Manifest, export_path: Path) -> Path:
    target = manifest_path(export_path)
    text = json.dumps(manifest.as_dict(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(target, text.encode("utf-8"), mode=0o644)
    line = f"{manifest.sha256}  {manifest.file}\n"
    write_atomic(export_path.with_name(export_path.name + ".sha256"), line.encode(), mode=0o644)
    return target


# --- verification -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # manifest_unreadable | file_missing | size_differs | hash_differs |
    # rows_differ | chain_head_differs | export_entry_differs | chain_broken
    message: str  # Vietnamese
    message_en: str


@dataclass(frozen=True, slots=True)
class VerifyResult:
    manifest_path: Path
    manifest: Manifest | None
    problems: tuple[Problem, ...]
    checked: tuple[str, ...]  # size, sha256, rows, chain

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "manifest": str(self.manifest_path),
            "file": self.manifest.file if self.manifest else None,
            "sha256": self.manifest.sha256 if self.manifest else None,
            "checked": list(self.checked),
            "problems": [
                {"code": p.code, "message": p.message, "message_en": p.message_en}
                for p in self.problems
            ],
        }


def read_manifest(path: Path) -> Manifest:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("a manifest is a JSON object")
    return Manifest.from_dict(data)


def verify_export(manifest_file: Path, kiosk: Kiosk | None = None) -> VerifyResult:
    """Re-check an export against its manifest (and, given ``kiosk``, against its chain).
    Given the exported file itself, its manifest beside it is used (staff pick the file they
    know, ``nhat-ky.csv``, not ``nhat-ky.csv.manifest.json``)."""
    if not manifest_file.name.endswith(SUFFIX) and manifest_path(manifest_file).exists():
        manifest_file = manifest_path(manifest_file)
    try:
        manifest = read_manifest(manifest_file)
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        if not manifest_file.name.endswith(SUFFIX):
            problem = Problem(
                "not_a_manifest",
                f"{manifest_file.name} không phải tệp kê khai và bên cạnh nó không có "
                f"{manifest_file.name}{SUFFIX}: hãy chỉ tệp kê khai được xuất cùng tệp dữ liệu",
                f"{manifest_file.name} is not a manifest and has none beside it",
            )
        else:
            problem = Problem(
                "manifest_unreadable",
                f"Không đọc được tệp kê khai {manifest_file.name}: tệp bị hỏng hoặc đã bị sửa",
                f"The manifest cannot be read: {type(exc).__name__}",
            )
        return VerifyResult(manifest_file, None, (problem,), ())
    problems: list[Problem] = []
    checked = _check_file(manifest_file.with_name(manifest.file), manifest, problems)
    if kiosk is not None:
        _check_chain(kiosk, manifest, problems)
        checked.append("chain")
    return VerifyResult(manifest_file, manifest, tuple(problems), tuple(checked))


def _check_file(path: Path, manifest: Manifest, problems: list[Problem]) -> list[str]:
    if not path.is_file():
        problems.append(
            Problem(
                "file_missing",
                f"Không thấy tệp {manifest.file} bên cạnh tệp kê khai",
                f"{manifest.file} is not beside the manifest",
            )
        )
        return []
    digest, size = sha256_file(path)
    if size != manifest.size_bytes:
        problems.append(
            Problem(
                "size_differs",
                f"Kích thước tệp đã thay đổi: {size} byte, kê khai {manifest.size_bytes}",
                "The file size differs",
            )
        )
    if digest != manifest.sha256:
        problems.append(
            Problem(
                "hash_differs",
                "Mã băm SHA-256 không khớp: tệp đã bị sửa",
                "The SHA-256 differs: the file was changed",
            )
        )
    rows = _count_rows(path, manifest.format)
    if rows is not None and rows != manifest.rows:
        problems.append(
            Problem(
                "rows_differ",
                f"Số dòng nhật ký là {rows}, kê khai {manifest.rows}",
                "The number of log rows differs",
            )
        )
    return ["size", "sha256", *(["rows"] if rows is not None else [])]


def _count_rows(path: Path, fmt: str) -> int | None:
    """Log rows read back from a CSV or XLSX (a PDF: None); -1 if the file cannot be read."""
    try:
        if fmt == "csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return sum(1 for _ in csv.reader(handle)) - 1
        if fmt == "xlsx":
            return _xlsx_rows(path)
    except Exception:  # a damaged file: csv, zipfile and openpyxl errors of many kinds
        return -1
    return None


def _xlsx_rows(path: Path) -> int:
    from openpyxl import load_workbook

    from kiosk.export.xlsx_export import LOG_SHEET

    book = load_workbook(path, read_only=True)
    try:
        sheet = book[LOG_SHEET]
        return sum(1 for _ in sheet.iter_rows(min_row=2, max_col=1, values_only=True))
    finally:
        book.close()


def _check_chain(kiosk: Kiosk, manifest: Manifest, problems: list[Problem]) -> None:
    with read_session(kiosk.engine) as session:
        head = session.get(AuditEntry, manifest.audit_head_seq)
        own = session.get(AuditEntry, manifest.export_audit_seq)
        report = audit.verify(session)
    if head is None or head.hash != manifest.audit_head_hash:
        problems.append(
            Problem(
                "chain_head_differs",
                f"Mục nhật ký kiểm toán #{manifest.audit_head_seq} không còn như lúc xuất",
                "The audit chain head recorded at export time has changed",
            )
        )
    if own is None or own.action != "export.file" or _digest_of(own) != manifest.sha256:
        problems.append(
            Problem(
                "export_entry_differs",
                "Nhật ký kiểm toán không ghi lần xuất với mã băm này",
                "No audit entry records this export's digest",
            )
        )
    if not report.ok:
        problems.append(
            Problem(
                "chain_broken",
                f"Chuỗi nhật ký kiểm toán bị hỏng tại mục "
                f"{report.first_bad_seq} ({report.problem})",
                f"The audit chain is broken at entry {report.first_bad_seq}",
            )
        )


def _digest_of(entry: AuditEntry) -> str | None:
    try:
        value = json.loads(entry.detail).get("sha256")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None
