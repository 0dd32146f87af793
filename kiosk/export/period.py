"""A reporting period: whole days in Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no DST).

The session log, the statistics, the exports and the day close all take a :class:`Period`;
its bounds are the stored UTC text of ``first 00:00`` and ``last + 1 day 00:00`` local time,
so a range query is two string comparisons on the sortable ``UTCDateTime`` columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from kiosk.domain.fields import VN_TZ
from kiosk.store.models import db_time


class PeriodError(ValueError):
    """A date or period that cannot be used; the message is Vietnamese, then English."""


def parse_day(text: str) -> date:
    """``2026-11-22`` or the Vietnamese ``22/11/2026`` → a date; anything else →
    :class:`PeriodError` (``11/22/2026``, month first, is refused: no day 22 of a month)."""
    value = text.strip()
    try:
        if len(value) == 10 and value[2] == "/" and value[5] == "/":
            return date(int(value[6:]), int(value[3:5]), int(value[:2]))
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise PeriodError(
            f"Ngày không hợp lệ: {text!r}; viết ngày/tháng/năm (23/11/2026) hoặc năm-tháng-ngày "
            "(2026-11-23) (invalid date: use 23/11/2026 or 2026-11-23)"
        ) from None


# Vietnam has kept UTC+7 without summer time since 1975: a fixed offset converts the same as
# the zone (``VN_TZ``) for every time the kiosk stores, at a fraction of the cost per entry.
VN_OFFSET = timezone(timedelta(hours=7), "+07")


def local(at: datetime) -> datetime:
    """An aware time as Vietnam wall-clock time (UTC+7)."""
    return at.astimezone(VN_OFFSET)


def today() -> date:
    return datetime.now(VN_TZ).date()


def dmy(day: date) -> str:
    """``22/11/2026`` (the explicit Vietnamese date format)."""
    return f"{day:%d/%m/%Y}"


@dataclass(frozen=True, slots=True)
class Period:
    first: date
    last: date  # inclusive

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PeriodError(
                f"Ngày kết thúc {dmy(self.last)} trước ngày bắt đầu {dmy(self.first)} "
                "(the end date is before the start date)"
            )

    @classmethod
    def of(cls, start: date, end: date | None = None) -> Period:
        return cls(start, end or start)

    @property
    def start_utc(self) -> datetime:
        return datetime.combine(self.first, time(0), VN_TZ).astimezone(UTC)

    @property
    def end_utc(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return datetime.combine(self.last + timedelta(days=1), time(0), VN_TZ).astimezone(UTC)

    def bounds(self) -> tuple[str, str]:
        """(start, end) as stored text, for ``col >= ? AND col < ?``."""
        return db_time(self.start_utc), db_time(self.end_utc)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def one_day(self) -> bool:
        return self.first == self.last

    def label(self) -> str:
        """``ngày 22/11/2026`` or ``từ 01/11/2026 đến 22/11/2026``."""
        if self.one_day:
            return f"ngày {dmy(self.first)}"
        return f"từ {dmy(self.first)} đến {dmy(self.last)}"

    def label_en(self) -> str:
        if self.one_day:
            return self.first.isoformat()
        return f"{self.first.isoformat()} to {self.last.isoformat()}"

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.first.isoformat(), "to": self.last.isoformat()}
