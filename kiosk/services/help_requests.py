""" "Gọi tình nguyện viên": a resident asks for help; the volunteer dashboard lists the asks
not yet answered. Kept in the audit chain (time and screen only — no personal data)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import read_session, write_session
from kiosk.store.models import AuditEntry, utcnow

ASKED = "help.requested"
ANSWERED = "help.answered"


@dataclass(frozen=True, slots=True)
class HelpRequest:
    seq: int
    at: datetime
    screen: str


def request(kiosk: Kiosk, screen: str, now: datetime | None = None) -> HelpRequest:
    with write_session(kiosk.engine) as session:
        entry = audit.append(session, "resident", ASKED, detail={"screen": screen}, at=now)
        return HelpRequest(entry.seq, entry.at, screen)


def answer(kiosk: Kiosk, seq: int, volunteer: str) -> None:
    with write_session(kiosk.engine) as session:
        audit.append(session, volunteer, ANSWERED, "help", str(seq))


def waiting(kiosk: Kiosk, since: datetime | None = None) -> list[HelpRequest]:
    """Asks not answered yet (today's by default), oldest first."""
    since = since or utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    with read_session(kiosk.engine) as session:
        rows = session.execute(
            select(AuditEntry)
            .where(AuditEntry.action.in_((ASKED, ANSWERED)), AuditEntry.at >= since)
            .order_by(AuditEntry.seq)
        ).scalars()
        asked: dict[int, HelpRequest] = {}
        for row in rows:
            if row.action == ASKED:
                screen = str(json.loads(row.detail or "{}").get("screen", ""))
                asked[row.seq] = HelpRequest(row.seq, row.at, screen)
            elif row.record_id is not None and row.record_id.isdigit():
                asked.pop(int(row.record_id), None)
    return list(asked.values())
