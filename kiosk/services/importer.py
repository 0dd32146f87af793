"""The paper-form backlog: a JSONL file, one record a line, each saved alone or rejected.

Line: ``{"kind": ..., "payload": {... contract-v1 names ...}, "ref": optional}``. The kiosk fills
``MaBienNhanTaiDiem``, ``NguoiHoTro`` and ``NgayNopTaiDiem`` when absent. A ``ref`` seen before
is skipped. Exit codes of the CLI: 0 all saved (or skipped), 1 some rejected, 2 unusable file.

A failure that is not a refusal of the line (the disk is full, the database cannot be written)
stops the import where it happened, and the report still says exactly which lines were saved:
the line that failed, the lines of its group the failure took with it and every line not
reached are reported ``not_saved``, so importing again just those lines (or the whole file,
when its lines carry a ``ref``) saves nothing twice. (Lines after the failed one in its own
group may be saved: each line of a group is saved alone.)
"""

from __future__ import annotations

import errno
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.domain.errors import FieldError, ValidationError
from kiosk.domain.masking import redact_text
from kiosk.domain.text import bad_characters
from kiosk.services import users
from kiosk.services.context import Kiosk
from kiosk.services.records import AlreadyImported, NewRecord, SavedRecord, save_records
from kiosk.store.failure_names import failure_name

log = logging.getLogger(__name__)
MAX_LINE_CHARS = 5 * 1024 * 1024  # a record (its scans are paths, not contents) is far smaller


class UnusableFile(Exception):
    """The file cannot be read as UTF-8 JSON lines at all."""


@dataclass
class ImportReport:
    accepted: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    # where a failure that is not the line's fault stopped the import: {"line", "error"}
    stopped: dict[str, Any] | None = None
    blank: set[int] = field(default_factory=set)  # empty lines (not records, not reported)
    # one dict for each distinct error: a file of many refused lines repeats the same few
    _errors: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict, repr=False)

    def shared(self, error: dict[str, str]) -> dict[str, str]:
        """``error`` as the report keeps it: one dict for every line that has the same one."""
        return self._errors.setdefault(tuple(error.values()), error)

    @property
    def not_saved(self) -> list[int]:
        """The lines a stop left unsaved (their one error is ``not_saved``), in order."""
        return [r["line"] for r in self.rejected if r["errors"][0]["code"] == "not_saved"]

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected or self.stopped else 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "stopped": self.stopped,
        }


def _error(field_name: str, code: str, vi: str, en: str) -> dict[str, str]:
    return FieldError(field_name, code, vi, en).as_dict()


def _parse_line(text: str) -> tuple[str, dict[str, Any], str | None] | list[dict[str, str]]:
    if len(text) > MAX_LINE_CHARS:
        return [
            _error(
                "line",
                "too_long",
                f"Dòng quá dài (tối đa {MAX_LINE_CHARS:,} ký tự)".replace(",", "."),
                f"The line is too long (at most {MAX_LINE_CHARS:,} characters)",
            )
        ]
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        return [_error("line", "invalid_json", "Dòng không phải JSON hợp lệ", "Not valid JSON")]
    except (ValueError, RecursionError):  # a number of thousands of digits, nesting too deep
        return [
            _error(
                "line",
                "too_complex",
                "Dòng có số quá dài hoặc lồng nhau quá sâu, không đọc được",
                "A number is too long or the nesting too deep to read",
            )
        ]
    if not isinstance(obj, dict):
        return [
            _error(
                "line",
                "invalid_shape",
                "Dòng phải là một đối tượng JSON",
                "Each line must be a JSON object",
            )
        ]
    kind, payload, ref = obj.get("kind"), obj.get("payload"), obj.get("ref")
    errors = []
    if not isinstance(kind, str):
        errors.append(_error("kind", "required", "Thiếu loại hồ sơ (kind)", "kind is missing"))
    if not isinstance(payload, dict):
        errors.append(
            _error("payload", "required", "Thiếu nội dung (payload)", "payload is missing")
        )
    if ref is not None and not _ref_ok(ref):
        errors.append(
            _error(
                "ref",
                "invalid_format",
                "Mã tham chiếu (ref) không hợp lệ: cần 1–200 ký tự nhìn thấy được, không có ký "
                "tự điều khiển hay ký tự ẩn",
                "ref must be 1-200 visible characters, with no control or invisible characters",
            )
        )
    if errors:
        return errors
    assert isinstance(kind, str) and isinstance(payload, dict)
    return kind, payload, ref


def _ref_ok(ref: object) -> bool:
    """A paper form's reference: stored and printed back as given, so only plain text."""
    return (
        isinstance(ref, str)
        and 1 <= len(ref) <= 200
        and bool(ref.strip())
        and ref.isprintable()  # no controls, formats (bidi, zero-width), line breaks
        and not bad_characters(ref)  # … surrogates, private use, invisible fillers
    )


_OPEN_ERRORS = {
    errno.ENOENT: ("Không tìm thấy tệp", "file not found"),
    errno.EISDIR: ("Đây là một thư mục, không phải tệp", "this is a directory, not a file"),
    errno.EACCES: ("Không có quyền đọc tệp", "no permission to read the file"),
}


def _lines(path: Path) -> list[str]:
    try:
        if path.is_dir():  # Windows answers a directory with EACCES: say what it is
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        raw = path.read_bytes()
    except OSError as exc:
        vi, en = _OPEN_ERRORS.get(exc.errno or 0, ("Không đọc được tệp", "cannot read file"))
        raise UnusableFile(f"{vi}: {path} ({en})") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnusableFile("Tệp không phải UTF-8 (file is not UTF-8)") from None
    if "\x00" in text and not text.strip("\x00"):
        raise UnusableFile("Tệp rỗng (empty file)")
    # lines as an editor counts them: only "\n" ends one (str.splitlines also splits at
    # U+2028, U+0085, form feed…, which JSON allows inside a string: every later line number
    # would be off by one, and the report names lines to import again)
    return [line.removesuffix("\r") for line in text.split("\n")]


def check_volunteer(code: str) -> None:
    """``--volunteer`` is recorded as the actor and as ``NguoiHoTro``: a code, never a name."""
    if not users.valid_code(code):
        raise UnusableFile(
            f"Mã tình nguyện viên không hợp lệ: {code!r}. Cần 2–32 chữ cái không dấu, chữ số, "
            "'.', '_' hoặc '-' (ví dụ TNV01), không phải họ tên. (--volunteer must be a "
            "volunteer's code, e.g. TNV01, not a name.)"
        )


IMPORT_GROUP = 64  # lines validated, then saved together (each alone, one COMMIT for all)


def import_file(kiosk: Kiosk, path: Path, volunteer: str) -> ImportReport:
    """Each line saved alone or rejected; lines go to the group commit ``IMPORT_GROUP`` at a
    time (each in its own savepoint), so a backlog pays one fsync per group, not per line.

    Stops at the first failure that is not the line's fault (see the module's docstring)."""
    lines = _lines(path)
    if not any(line.strip() for line in lines):
        raise UnusableFile("Tệp không có dòng nào (file has no records)")
    report = ImportReport()
    waiting: list[tuple[int, NewRecord]] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            report.blank.add(number)
            continue
        parsed = _parse_line(text)
        if isinstance(parsed, list):
            report.rejected.append({"line": number, "errors": [report.shared(e) for e in parsed]})
            continue
        kind, payload, ref = parsed
        waiting.append((number, NewRecord(kind, payload, ref)))
        if len(waiting) == IMPORT_GROUP:
            if not _save(kiosk, waiting, volunteer, report):
                _not_saved(report, lines, after=number)
                break
            waiting = []
    else:
        if not _save(kiosk, waiting, volunteer, report):
            _not_saved(report, lines, after=len(lines))
    report.rejected.sort(key=lambda entry: int(entry["line"]))
    return report


def _save(
    kiosk: Kiosk, waiting: list[tuple[int, NewRecord]], volunteer: str, report: ImportReport
) -> bool:
    """Save a group of lines into ``report``; False when a failure that is not a line's fault
    stopped it (``report.stopped`` says where; its unsaved lines are reported ``not_saved``)."""
    if not waiting:
        return True
    results = save_records(kiosk, [record for _, record in waiting], volunteer)
    for (number, _), result in zip(waiting, results, strict=True):
        if isinstance(result, SavedRecord):
            report.accepted.append(
                {"line": number, "id": result.id, "receipt_code": result.receipt_code}
            )
        elif isinstance(result, ValidationError):
            errors = [report.shared(e.as_dict()) for e in result.errors]
            report.rejected.append({"line": number, "errors": errors})
        elif isinstance(result, AlreadyImported):
            ref = redact_text(result.ref)  # the file's own words, masked as any output is
            report.skipped.append({"line": number, "ref": ref, "id": result.record_id})
        else:  # the disk, the database: not the line's fault
            if report.stopped is None:
                report.stopped = {"line": number, "error": failure_name(result)}
                log.error("import stopped at line %d: %s", number, report.stopped["error"])
            report.rejected.append({"line": number, "errors": [_not_saved_error(report)]})
    return report.stopped is None


def _not_saved(report: ImportReport, lines: list[str], after: int) -> None:
    """Every line after ``after`` that has something on it: not saved, the import stopped."""
    error = _not_saved_error(report)
    for number in range(after + 1, len(lines) + 1):
        if lines[number - 1].strip():
            report.rejected.append({"line": number, "errors": [error]})
        else:
            report.blank.add(number)


def _not_saved_error(report: ImportReport) -> dict[str, str]:
    assert report.stopped is not None
    line, what = report.stopped["line"], report.stopped["error"]
    return _error(
        "line",
        "not_saved",
        f"Chưa lưu: việc nhập đã dừng ở dòng {line} vì lỗi lưu trữ ({what}). Khắc phục "
        "rồi chỉ nhập lại những dòng được báo là chưa lưu (các dòng khác đã được lưu).",
        f"Not saved: the import stopped at line {line} because of a storage error ({what}). "
        "Fix it, then import again only the lines reported not saved (the others are saved).",
    )
