"""Day close (chốt ngày): the volunteer counts the cash, a ward staff PIN approves.

**Stored as audit entries, not in a table of its own.** A close is ``day.close`` (the first)
or ``day.close_correction`` (any later one, naming the entry it corrects) in the hash-chained
audit log, with every figure in the entry's detail. The chain already is what a close must be:
append-only, and any edit, insertion or deletion is reported by ``kiosk audit verify`` at that
entry. A table would need triggers and a cross-check against its own audit entry to offer the
same, and a schema migration; closes are one or two entries a day, read by one scan of the log.

There is no update: closing a closed day again is a *correction* — a new entry that states a
reason (a code, never free text: the chain holds no personal data) and the close it corrects.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.export import figures
from kiosk.export.figures import PendingItem, PrintProblem
from kiosk.export.period import Period, dmy, today
from kiosk.export.session_log import snapshot
from kiosk.printing.money import format_vnd
from kiosk.services import users
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import dbapi, read_session, write_session
from kiosk.store.models import User, db_time

CLOSE, CORRECTION = "day.close", "day.close_correction"
CORRECTION_REASONS: dict[str, tuple[str, str]] = {
    "recount": ("Đếm lại tiền mặt", "Cash counted again"),
    "late_payment": ("Có khoản nộp sau khi chốt", "A payment was recorded after the close"),
    "entry_error": ("Nhập nhầm số tiền đếm được", "The counted amount was mistyped"),
    "other": ("Lý do khác (ghi vào sổ giao ca)", "Other (written in the handover book)"),
}
MAX_CASH_VND = 10_000_000_000


class DayCloseRefused(Exception):
    """The close was not recorded. ``reason``: bad_input | future_day | reason_needed |
    wrong_pin | locked | unknown | not_staff | bad_volunteer. Message: Vietnamese (English)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True, slots=True)
class DayClose:
    seq: int  # the audit entry that records it
    day: date
    revision: int  # 1 = the first close; 2, 3… corrections
    corrects_seq: int | None  # the entry this one corrects
    closed_at: datetime
    volunteer: str
    staff: str
    expected_cash_vnd: int
    counted_cash_vnd: int
    difference_vnd: int  # counted − expected: below 0 money is missing
    cash_payments: int
    not_accepted: int
    print_problems: int
    reason: str | None  # a CORRECTION_REASONS code

    @property
    def difference_words(self) -> str:
        return difference_words(self.difference_vnd)

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "day": self.day.isoformat(),
            "revision": self.revision,
            "corrects_seq": self.corrects_seq,
            "closed_at": self.closed_at.isoformat(),
            "volunteer": self.volunteer,
            "staff": self.staff,
            "expected_cash_vnd": self.expected_cash_vnd,
            "counted_cash_vnd": self.counted_cash_vnd,
            "difference_vnd": self.difference_vnd,
            "cash_payments": self.cash_payments,
            "not_accepted": self.not_accepted,
            "print_problems": self.print_problems,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class DayClosePreview:
    day: date
    expected_cash_vnd: int  # the day's cash payments
    cash_payments: int
    counted_cash_vnd: int | None
    not_accepted: tuple[PendingItem, ...]  # the day's items the province has not accepted
    older_not_accepted: int  # items of earlier days still waiting or refused
    print_problems: tuple[PrintProblem, ...]  # failed or never confirmed
    closes: tuple[DayClose, ...]  # earlier closes of this day: a new one is a correction

    @property
    def difference_vnd(self) -> int | None:
        if self.counted_cash_vnd is None:
            return None
        return self.counted_cash_vnd - self.expected_cash_vnd

    @property
    def closed(self) -> bool:
        return bool(self.closes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "expected_cash_vnd": self.expected_cash_vnd,
            "cash_payments": self.cash_payments,
            "counted_cash_vnd": self.counted_cash_vnd,
            "difference_vnd": self.difference_vnd,
            "not_accepted": [
                {"receipt_code": i.receipt_code, "kind": i.kind, "state": i.state}
                for i in self.not_accepted
            ],
            "older_not_accepted": self.older_not_accepted,
            "print_problems": [
                {
                    "receipt_code": p.receipt_code,
                    "state": p.state,
                    "copy": p.copy_number,
                    "error": p.error_code,
                }
                for p in self.print_problems
            ],
            "closes": [c.as_dict() for c in self.closes],
        }


def difference_words(difference: int) -> str:
    if difference == 0:
        return "Khớp"
    word = "Thừa" if difference > 0 else "Thiếu"
    return f"{word} {format_vnd(abs(difference))}"


def day_close_preview(
    kiosk: Kiosk, day: date, counted_cash_vnd: int | None = None
) -> DayClosePreview:
    """What the close of ``day`` would record (nothing is written)."""
    with snapshot(kiosk) as raw:
        return _preview(raw, day, counted_cash_vnd)


def _preview(raw: sqlite3.Connection, day: date, counted: int | None) -> DayClosePreview:
    bounds = Period.of(day).bounds()
    cash = next(
        (m for m in figures.payments_by_method(raw, bounds) if m.method == figures.CASH),
        figures.MethodTotal(figures.CASH, 0, 0),
    )
    return DayClosePreview(
        day=day,
        expected_cash_vnd=cash.total_vnd,
        cash_payments=cash.count,
        counted_cash_vnd=counted,
        not_accepted=tuple(figures.not_accepted(raw, bounds)),
        older_not_accepted=figures.older_not_accepted(raw, bounds[0]),
        print_problems=tuple(figures.print_problems(raw, bounds)),
        closes=tuple(closes_of(raw, Period.of(day))),
    )


def day_closes(kiosk: Kiosk, start: date, end: date | None = None) -> list[DayClose]:
    """Every close (and correction) of the days from ``start`` to ``end``, in order."""
    with snapshot(kiosk) as raw:
        return closes_of(raw, Period.of(start, end))


_CLOSES_SQL = (
    "SELECT seq, at, actor, action, record_id, detail FROM audit_log "
    "WHERE action IN (?, ?) AND record_kind = 'day' AND record_id >= ? AND record_id <= ? "
    "ORDER BY seq"
)


def closes_of(raw: sqlite3.Connection, period: Period) -> list[DayClose]:
    args = (CLOSE, CORRECTION, period.first.isoformat(), period.last.isoformat())
    return [_from_entry(*row) for row in raw.execute(_CLOSES_SQL, args)]


def _from_entry(seq: int, at: str, actor: str, action: str, day: str, text: str) -> DayClose:
    data = json.loads(text)
    return DayClose(
        seq=seq,
        day=date.fromisoformat(day),
        revision=int(data["revision"]),
        corrects_seq=data.get("corrects_seq"),
        closed_at=figures.stored_time(at),
        volunteer=str(data["volunteer"]),
        staff=actor,
        expected_cash_vnd=int(data["expected_cash_vnd"]),
        counted_cash_vnd=int(data["counted_cash_vnd"]),
        difference_vnd=int(data["difference_vnd"]),
        cash_payments=int(data["cash_payments"]),
        not_accepted=int(data["not_accepted"]),
        print_problems=int(data["print_problems"]),
        reason=data.get("reason"),
    )


# --- closing ------------------------------------------------------------------------------


def close_day(
    kiosk: Kiosk,
    day: date,
    counted_cash_vnd: int,
    volunteer_code: str,
    staff_code: str,
    staff_pin: str,
    reason: str | None = None,
) -> DayClose:
    """Record the close of ``day``, approved by a ward staff PIN (5 wrong PINs lock, as at
    login). A day already closed gets a correction entry, which needs ``reason``."""
    _check_input(day, counted_cash_vnd, volunteer_code, staff_code, reason)
    if reason is None and day_close_preview(kiosk, day).closed:
        raise _reason_needed(day)
    with read_session(kiosk.engine) as session:
        _check_volunteer(session, volunteer_code)  # before the PIN: a typo costs no attempt
    _approve(kiosk, staff_code, staff_pin)
    with write_session(kiosk.engine) as session:
        _check_volunteer(session, volunteer_code)
        preview = _preview(dbapi(session.connection()), day, counted_cash_vnd)
        if preview.closed and reason is None:
            raise _reason_needed(day)  # closed meanwhile by someone else
        detail = _detail(preview, volunteer_code, reason)
        action = CORRECTION if preview.closed else CLOSE
        entry = audit.append(session, staff_code, action, "day", day.isoformat(), detail)
        return _from_entry(
            entry.seq, db_time(entry.at), staff_code, action, day.isoformat(), entry.detail
        )


def _detail(preview: DayClosePreview, volunteer: str, reason: str | None) -> dict[str, Any]:
    latest = preview.closes[-1] if preview.closes else None
    return {
        "day": preview.day.isoformat(),
        "revision": len(preview.closes) + 1,
        "corrects_seq": latest.seq if latest else None,
        "reason": reason if latest else None,
        "volunteer": volunteer,
        "expected_cash_vnd": preview.expected_cash_vnd,
        "counted_cash_vnd": preview.counted_cash_vnd,
        "difference_vnd": preview.difference_vnd,
        "cash_payments": preview.cash_payments,
        "not_accepted": len(preview.not_accepted),
        "print_problems": len(preview.print_problems),
    }


def _check_input(day: date, counted: int, volunteer: str, staff: str, reason: str | None) -> None:
    if day > today():
        raise DayCloseRefused(
            "future_day", f"Chưa thể chốt ngày {dmy(day)} (a day in the future cannot be closed)"
        )
    if (
        isinstance(counted, bool)
        or not isinstance(counted, int)
        or not 0 <= counted <= MAX_CASH_VND
    ):
        raise DayCloseRefused(
            "bad_input", "Số tiền đếm được phải là số nguyên đồng, không âm (whole đồng, ≥ 0)"
        )
    if not users.valid_code(volunteer) or not users.valid_code(staff):
        raise DayCloseRefused("bad_input", "Mã người dùng không hợp lệ (invalid user code)")
    if volunteer == staff:
        raise DayCloseRefused(
            "bad_input",
            "Tình nguyện viên và cán bộ duyệt phải là hai người khác nhau "
            "(the volunteer and the approving staff must be two people)",
        )
    if reason is not None and reason not in CORRECTION_REASONS:
        raise DayCloseRefused(
            "bad_input",
            f"Lý do chốt lại phải là một trong: {', '.join(CORRECTION_REASONS)} "
            "(unknown correction reason)",
        )


def _reason_needed(day: date) -> DayCloseRefused:
    return DayCloseRefused(
        "reason_needed",
        f"Ngày {dmy(day)} đã được chốt; chốt lại là một điều chỉnh và cần ghi lý do "
        "(the day is closed already: a correction needs a reason)",
    )


def _approve(kiosk: Kiosk, staff_code: str, pin: str) -> None:
    try:
        approver = users.login(kiosk, staff_code, pin)
    except users.LoginRefused as exc:
        raise DayCloseRefused(exc.reason, str(exc)) from None
    if approver.role != "staff":
        raise DayCloseRefused(
            "not_staff", "Chỉ cán bộ phường được duyệt chốt ngày (only ward staff can approve)"
        )


def _check_volunteer(session: Session, code: str) -> None:
    user = session.execute(select(User).where(User.code == code)).scalar_one_or_none()
    if user is None or not user.active or user.role == "technician":
        raise DayCloseRefused(
            "bad_volunteer",
            "Không có tình nguyện viên với mã này (no active volunteer with this code)",
        )
