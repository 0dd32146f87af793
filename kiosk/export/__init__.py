"""Ward staff's end of the day: the session log, the day close, exports that prove themselves,
and the pilot statistics. No Qt: the touch UI and the CLI call these same functions.

Plain-data API (every ``start``/``end``/``day`` is a Vietnam calendar date, ``end``
inclusive; messages are Vietnamese, then English)::

    session_log(kiosk, start, end) -> Iterator[LogEntry]        # streamed, oldest first
    day_close_preview(kiosk, day, counted_cash_vnd=None) -> DayClosePreview
    close_day(kiosk, day, counted_cash_vnd, volunteer_code, staff_code, staff_pin,
              reason=None) -> DayClose                          # raises DayCloseRefused
    day_closes(kiosk, start, end) -> list[DayClose]
    export(kiosk, start, end, fmt, out_path, exported_by, progress=None) -> Manifest
    verify_export(manifest_path, kiosk=None) -> VerifyResult
    stats(kiosk, start, end) -> Stats

Modules: :mod:`.session_log`, :mod:`.dayclose`, :mod:`.stats`, :mod:`.summary` (the tables
all formats share), :mod:`.csv_export`, :mod:`.xlsx_export`, :mod:`.pdf_export` (+
:mod:`.pdf_chart`), :mod:`.manifest`, :mod:`.exporter`, :mod:`.period`, :mod:`.labels`.
"""

from __future__ import annotations

# (the writers — reportlab, openpyxl — are imported by ``export()`` when it runs)
from kiosk.export.dayclose import (
    CORRECTION_REASONS,
    DayClose,
    DayClosePreview,
    DayCloseRefused,
    close_day,
    day_close_preview,
    day_closes,
)
from kiosk.export.exporter import FORMATS, ExportRefused, export
from kiosk.export.manifest import Manifest, VerifyResult, manifest_path, verify_export
from kiosk.export.period import Period, PeriodError, parse_day
from kiosk.export.session_log import LogEntry, session_log
from kiosk.export.stats import Stats, stats

__all__ = [
    "CORRECTION_REASONS",
    "FORMATS",
    "DayClose",
    "DayClosePreview",
    "DayCloseRefused",
    "ExportRefused",
    "LogEntry",
    "Manifest",
    "Period",
    "PeriodError",
    "Stats",
    "VerifyResult",
    "close_day",
    "day_close_preview",
    "day_closes",
    "export",
    "manifest_path",
    "parse_day",
    "session_log",
    "stats",
    "verify_export",
]
