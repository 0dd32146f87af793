"""``export()``: one file of the session log (CSV, XLSX or PDF), its audit entry, its manifest.

1. One read snapshot: the audit-chain head, the statistics (XLSX and PDF) and the log rows,
   streamed into a temporary file beside the target (fsynced).
2. Its SHA-256; then the export is recorded in the audit chain (``export.file``: format,
   period, rows, digest, the head it was read at — never the path, which may name a person).
3. The temporary file is renamed into place, then ``<file>.manifest.json`` and
   ``<file>.sha256`` are written beside it.
A failure at any step leaves no export file behind (an audit entry without a file, at worst).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kiosk import __version__
from kiosk.export.manifest import Manifest, sha256_file, write_manifest
from kiosk.export.period import Period
from kiosk.export.session_log import entries, snapshot
from kiosk.export.stats import compute
from kiosk.export.summary import ExportInfo
from kiosk.fsutil import fsync_dir
from kiosk.printing.source import point_info
from kiosk.services import users
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import write_session
from kiosk.store.models import utcnow

FORMATS = ("csv", "xlsx", "pdf")
_HEAD_SQL = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"


class ExportRefused(Exception):
    """Nothing was exported; ``message`` is Vietnamese (English)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def export(
    kiosk: Kiosk,
    start: date,
    end: date | None,
    fmt: str,
    out_path: Path,
    exported_by: str,
    progress: Callable[[int], None] | None = None,
) -> Manifest:
    """Export the session log of ``start``..``end`` (Vietnam days, inclusive) to ``out_path``
    as ``fmt``; ``progress(rows)`` is called every few thousand rows. Returns the manifest."""
    period = Period.of(start, end)
    _check(fmt, out_path, exported_by)
    tmp = out_path.with_name(f".{out_path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        info, rows = _write(kiosk, period, fmt, tmp, exported_by, progress)
        digest, size = sha256_file(tmp)
        seq = _record(kiosk, info, fmt, rows, digest, size)
        tmp.replace(out_path)
        fsync_dir(out_path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    manifest = Manifest(
        file=out_path.name,
        format=fmt,
        sha256=digest,
        size_bytes=size,
        rows=rows,
        period=period,
        audit_head_seq=info.chain_head[0],
        audit_head_hash=info.chain_head[1],
        export_audit_seq=seq,
        exported_by=exported_by,
        exported_at=info.exported_at,
        kiosk_code=info.point.kiosk_code,
        kiosk_version=__version__,
    )
    write_manifest(manifest, out_path)
    return manifest


def _check(fmt: str, out_path: Path, exported_by: str) -> None:
    if fmt not in FORMATS:
        raise ExportRefused("bad_format", f"Định dạng phải là csv, xlsx hoặc pdf (got {fmt!r})")
    if not users.valid_code(exported_by):
        raise ExportRefused("bad_user", "Mã người xuất không hợp lệ (invalid user code)")
    if not out_path.parent.is_dir():
        raise ExportRefused(
            "no_folder",
            f"Không có thư mục {out_path.parent} (is the USB drive plugged in?)",
        )
    if out_path.is_dir():
        raise ExportRefused("is_folder", f"{out_path} là một thư mục (is a folder)")
    suffix = out_path.suffix.lower().lstrip(".")
    if suffix in FORMATS and suffix != fmt:  # a CSV named .pdf opens as a broken PDF
        raise ExportRefused(
            "wrong_extension",
            f"Tệp {out_path.name} có đuôi .{suffix} nhưng định dạng là {fmt}: sửa tên tệp "
            f"hoặc --format (the file name says {suffix}, the format is {fmt})",
        )


def _write(
    kiosk: Kiosk,
    period: Period,
    fmt: str,
    tmp: Path,
    exported_by: str,
    progress: Callable[[int], None] | None,
) -> tuple[ExportInfo, int]:
    with snapshot(kiosk) as raw:
        last = raw.execute(_HEAD_SQL).fetchone()
        head = (int(last[0]), str(last[1])) if last else (0, audit.GENESIS)
        info = ExportInfo(point_info(kiosk), period, exported_by, utcnow(), head)
        log = entries(raw, period)
        if fmt == "csv":
            from kiosk.export.csv_export import write_csv

            return info, write_csv(tmp, log, progress)
        stats = compute(raw, period)
        if fmt == "xlsx":
            from kiosk.export.xlsx_export import write_xlsx

            return info, write_xlsx(tmp, log, stats, info, progress)
        from kiosk.export.pdf_export import write_pdf  # reportlab: imported when needed

        return info, write_pdf(tmp, log, stats, info, progress)


def _record(kiosk: Kiosk, info: ExportInfo, fmt: str, rows: int, digest: str, size: int) -> int:
    detail = {
        "format": fmt,
        "from": info.period.first.isoformat(),
        "to": info.period.last.isoformat(),
        "rows": rows,
        "sha256": digest,
        "size": size,
        "audit_head_seq": info.chain_head[0],
    }
    with write_session(kiosk.engine) as session:
        return audit.append(session, info.exported_by, "export.file", "export", None, detail).seq
