"""The simulator's clock: Vietnam time (UTC+7) with an adjustable skew.

The skew lets a test pretend the province's clock differs from the kiosk's (the kiosk uses
``GET /health`` ``time`` and the ``Date`` header to detect its own skew).
"""

from __future__ import annotations

import email.utils
import threading
from datetime import UTC, datetime, timedelta, timezone

VN = timezone(timedelta(hours=7), "ICT")


class SimClock:
    """Wall clock in UTC+7 plus ``skew_s`` seconds; thread-safe."""

    def __init__(self, skew_s: float = 0.0) -> None:
        self._skew = timedelta(seconds=skew_s)
        self._lock = threading.Lock()

    @property
    def skew_s(self) -> float:
        return self._skew.total_seconds()

    def set_skew(self, skew_s: float) -> None:
        with self._lock:
            self._skew = timedelta(seconds=skew_s)

    def now(self) -> datetime:
        return datetime.now(VN) + self._skew

    def iso(self) -> str:
        return iso(self.now())

    def http_date(self) -> str:
        return email.utils.format_datetime(self.now().astimezone(UTC), usegmt=True)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC+7 to the second: ``2026-11-22T09:15:02+07:00``."""
    return moment.astimezone(VN).replace(microsecond=0).isoformat()


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(VN)


def portal_stamp(moment: datetime) -> str:
    """The national portal's ``yyyyMMddHHmmss`` in Vietnam time."""
    return moment.astimezone(VN).strftime("%Y%m%d%H%M%S")
