"""The session log as CSV: UTF-8 with a BOM (Excel then reads the Vietnamese right), the
``csv`` module's quoting, CRLF lines, one header row and one row per log entry.

Times are given three ways: ISO 8601 with the +07:00 offset, the date as ``dd/MM/yyyy`` and
the time as ``HH:mm:ss`` (Vietnam time). Amounts are whole đồng without separators.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk.export.columns import CSV_HEADER, csv_row
from kiosk.export.session_log import LogEntry

PROGRESS_EVERY = 5000


def write_csv(
    path: Path, entries: Iterable[LogEntry], progress: Callable[[int], None] | None = None
) -> int:
    """Write the rows to ``path`` (fsynced); the number of log rows written."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        for entry in entries:
            writer.writerow(csv_row(entry))
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
        handle.flush()
        os.fsync(handle.fileno())
    return count
