"""Procedure references: what the validators need to know about a catalogue entry.

The catalogue itself lives elsewhere (``kiosk.catalog``); validators only receive a
look-up callable ``code -> ProcedureRef | None`` in the :class:`ValidationContext`.
National codes look like ``1.001193``; local variants append an agency part
(``1.001193.000.00.00.H32``), so the format check is deliberately loose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.domain.fields import Problems, check_text

PROCEDURE_CODE = re.compile(r"[0-9]\.[0-9]{6}(?:[.\-][0-9A-Za-z]{1,12}){0,6}")


@dataclass(frozen=True, slots=True)
class ProcedureRef:
    code: str  # MaTTHC
    name: str  # TenTTHC
    field_code: str  # MaLinhVuc
    field_name: str  # TenLinhVuc
    stopped: bool  # NgungApDung: no new dossiers
    level: str  # CapThucHien: "xa" | "tinh" | "bo"


ProcedureLookup = Callable[[str], ProcedureRef | None]


def check_procedure(
    problems: Problems,
    path: str,
    value: object,
    lookup: ProcedureLookup,
    *,
    required: bool = True,
    allow_stopped: bool = False,
) -> ProcedureRef | None:
    """A procedure code known to the catalogue (and still offered, unless allowed)."""
    code = check_text(problems, path, value, required=required, max_len=64)
    if code is None:
        return None
    if not PROCEDURE_CODE.fullmatch(code):
        problems.add(
            path,
            "invalid_format",
            "Mã thủ tục hành chính không đúng định dạng (ví dụ: 1.001193).",
            "The procedure code has an invalid format (e.g. 1.001193).",
        )
        return None
    procedure = lookup(code)
    if procedure is None:
        problems.add(
            path,
            "unknown_procedure",
            f"Không tìm thấy thủ tục hành chính mã {code} trong danh mục.",
            f"Procedure {code} is not in the catalogue.",
        )
        return None
    if procedure.stopped and not allow_stopped:
        problems.add(
            path,
            "procedure_stopped",
            f"Thủ tục «{procedure.name}» đã ngừng áp dụng, không nhận hồ sơ mới.",
            f"Procedure {code} is no longer offered; no new dossiers.",
        )
        return None
    return procedure
