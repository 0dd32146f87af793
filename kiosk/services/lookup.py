"""A resident looks their dossier up by the code on their receipt (typed or scanned).

Receipt codes are sequential, so anyone at a public kiosk could type a neighbour's one after
another and read what each filed. A resident alone (nobody logged in) may look up
:data:`RESIDENT_LOOKUPS` different dossiers in :data:`LOOKUP_WINDOW_S`; the next one waits
(:class:`LookupsPaused`) unless a volunteer logs in. The same code again, and a code that finds
nothing (a typo), do not count. A speed bump, not a lock: see docs/security.md.

The code on a payment's, a registration's or a feedback's receipt finds no dossier, but it is
not unknown: the answer says what it is, when it was saved and whether it reached the province
(:class:`OtherReceipt`; nothing of the person), instead of "not found".
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import statuses
from kiosk.domain.fields import VN_TZ
from kiosk.services.context import Kiosk
from kiosk.services.receipt_codes import normalise
from kiosk.store.db import read_session
from kiosk.store.models import RECORD_MODELS, Dossier, ItemState, OutboxItem


@dataclass(frozen=True, slots=True)
class DossierLookup:
    receipt_code: str
    procedure_code: str
    procedure_name: str
    status_code: int | None
    status: str  # Vietnamese words
    status_en: str
    ma_ho_so: str | None  # the official code, once the one-stop system assigned it
    due: str | None  # dd/MM/yyyy
    saved_at: str
    next_step: str = ""  # what the resident does now (Vietnamese)
    next_step_en: str = ""
    fees_due: bool = False  # the province asks for fees: they can be paid here

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


OTHER_KINDS: dict[str, tuple[str, str]] = {
    "payment": ("một khoản nộp tiền", "a payment"),
    "registration": ("một đăng ký dịch vụ", "a service registration"),
    "feedback": ("một phản ánh, kiến nghị", "feedback to the ward"),
    "visit": ("một lượt hướng dẫn", "a guidance visit"),
}
OTHER_STATES: dict[str, tuple[str, str]] = {
    "sent": ("Tỉnh đã nhận.", "The province has received it."),
    "waiting": (
        "Đang chờ gửi lên tỉnh; sẽ tự gửi khi có mạng.",
        "It is waiting to be sent, and goes by itself when the connection is back.",
    ),
    "correct": (
        "Cần sửa thông tin: xin gặp tình nguyện viên.",
        "It needs a correction: please see a volunteer.",
    ),
}


@dataclass(frozen=True, slots=True)
class OtherReceipt:
    """A receipt code that is not a dossier's: what it is, the day it was saved, where it is."""

    receipt_code: str
    kind: str  # payment, registration, feedback, visit
    saved_on: str  # dd/MM/yyyy, Vietnam time
    state: str  # a key of OTHER_STATES

    @property
    def message(self) -> str:
        return (
            f"Mã {self.receipt_code} là biên nhận của {OTHER_KINDS[self.kind][0]}, lưu ngày "
            f"{self.saved_on}, không phải hồ sơ thủ tục. {OTHER_STATES[self.state][0]}"
        )

    @property
    def message_en(self) -> str:
        return (
            f"{self.receipt_code} is the receipt of {OTHER_KINDS[self.kind][1]}, saved on "
            f"{self.saved_on}, not of an application. {OTHER_STATES[self.state][1]}"
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


RESIDENT_LOOKUPS = 5  # different dossiers a resident alone may look up ...
LOOKUP_WINDOW_S = 300.0  # ... in this many seconds


class LookupsPaused(Exception):
    """A resident alone looked up many different dossiers in a short time; ``message`` and
    ``message_en`` say why and for how long, for whichever screen asked."""

    def __init__(self, wait_s: float) -> None:
        super().__init__(f"look-ups paused for {wait_s:.0f} s")
        self.wait_s = wait_s
        minutes = max(1, math.ceil(wait_s / 60))
        self.message = (
            "Máy vừa tra cứu nhiều hồ sơ khác nhau. Để giữ kín thông tin của người khác, xin "
            f"chờ khoảng {minutes} phút rồi tra cứu tiếp, hoặc gọi tình nguyện viên giúp."
        )
        self.message_en = (
            "This kiosk has just looked up many different applications. To keep other "
            f"people's information private, please wait about {minutes} min before the next "
            "look-up, or call a volunteer."
        )


@dataclass
class LookupGuard:
    """The dossiers a resident alone found lately, on this kiosk (one per process)."""

    most: int = RESIDENT_LOOKUPS
    window_s: float = LOOKUP_WINDOW_S
    found: deque[tuple[float, str]] = field(default_factory=deque)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def admit(self, code: str, now: float) -> None:
        """Count ``code`` as shown, or raise :class:`LookupsPaused` if it would be one too many."""
        with self.lock:
            while self.found and self.found[0][0] <= now - self.window_s:
                self.found.popleft()
            last = {c: at for at, c in self.found}  # each code's latest showing
            if code not in last and len(last) >= self.most:
                frees = sorted(last.values())[len(last) - self.most]  # one code falls out
                raise LookupsPaused(frees + self.window_s - now)
            self.found.append((now, code))


def admit(kiosk: Kiosk, code: str, now: float | None = None) -> None:
    """A resident alone is shown the dossier ``code`` (:meth:`LookupGuard.admit`, this kiosk's
    guard): every way a code reveals a dossier goes through here."""
    held = kiosk.cache.get("lookup.guard")
    if not isinstance(held, LookupGuard):
        held = kiosk.cache["lookup.guard"] = LookupGuard()
    held.admit(code, time.monotonic() if now is None else now)


def _other_receipt(session: Session, code: str) -> OtherReceipt | None:
    for kind in OTHER_KINDS:
        model: Any = RECORD_MODELS[kind]
        found = session.execute(
            select(model.created_at, OutboxItem.state)
            .join(OutboxItem, OutboxItem.id == model.current_item_id)
            .where(model.receipt_code == code)
        ).first()
        if found is not None:
            created_at, state = found
            where = "waiting"
            if state in (ItemState.ACCEPTED.value, ItemState.DUPLICATE.value):
                where = "sent"
            elif state == ItemState.REJECTED.value:
                where = "correct"
            saved_on = created_at.astimezone(VN_TZ).strftime("%d/%m/%Y")
            return OtherReceipt(code, kind, saved_on, where)
    return None


def by_receipt_code(
    kiosk: Kiosk, typed: str, *, alone: bool = False, now: float | None = None
) -> DossierLookup | OtherReceipt | None:
    """``alone``: nobody is logged in (a resident on their own): the look-up guard applies."""
    code = normalise(typed)
    with read_session(kiosk.engine) as session:
        dossier = session.execute(
            select(Dossier).where(Dossier.receipt_code == code)
        ).scalar_one_or_none()
        if dossier is None:
            other = _other_receipt(session, code)
            if other is not None and alone:
                admit(kiosk, code, now)
            return other
        if alone:
            admit(kiosk, code, now)
        state = session.execute(
            select(OutboxItem.state).where(OutboxItem.id == dossier.current_item_id)
        ).scalar_one()
    if dossier.status_code is not None:
        words = statuses.status_words(dossier.status_code)
        step = statuses.next_step(dossier.status_code, by_post=dossier.return_method == 1)
    elif state in (ItemState.ACCEPTED.value, ItemState.DUPLICATE.value):
        words, step = statuses.SENT_NO_STATUS, statuses.NEXT_SENT
    elif state == ItemState.REJECTED.value:
        words, step = statuses.NEEDS_CORRECTION, statuses.NEXT_CORRECTION
    else:
        words, step = statuses.NOT_SENT_YET, statuses.NEXT_NOT_SENT
    due = dossier.due_at
    return DossierLookup(
        receipt_code=dossier.receipt_code,
        procedure_code=dossier.procedure_code,
        procedure_name=dossier.procedure_name,
        status_code=dossier.status_code,
        status=words[0],
        status_en=words[1],
        ma_ho_so=dossier.ma_ho_so,
        due=f"{due[6:8]}/{due[4:6]}/{due[0:4]}" if due and len(due) >= 8 else None,
        saved_at=dossier.created_at.isoformat(),
        next_step=step[0],
        next_step_en=step[1],
        fees_due=dossier.status_code == statuses.FEES_DUE,
    )
