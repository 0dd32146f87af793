"""Official notices and storm/flood alerts received from the province, as the home screen
shows them: in force now, for this ward (or all wards), emergencies first."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from kiosk.services.context import Kiosk
from kiosk.store.db import read_session
from kiosk.store.models import Notice, utcnow

LEVEL_ORDER = {"emergency": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class NoticeView:
    notice_id: str
    level: str
    title: str
    body: str
    valid_until: str | None

    @property
    def emergency(self) -> bool:
        return self.level == "emergency"


def _in_force(notice: Notice, now: datetime, ward: str) -> bool:
    wards = json.loads(notice.wards or "[]")
    if wards and ward not in wards:
        return False
    start, end = _moment(notice.valid_from), _moment(notice.valid_until)
    if start is not None and start > now:
        return False
    return not (end is not None and end < now)


def _moment(text: str | None) -> datetime | None:
    """ISO 8601 with an offset (contract §8); an unreadable one does not limit the notice."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def current(kiosk: Kiosk, now: datetime | None = None) -> list[NoticeView]:
    """Every notice in force for this ward, emergencies first, then warnings, then the rest
    (the home screen scrolls when they do not all fit: none is left out)."""
    now = now or utcnow()
    ward = kiosk.settings.get_str("kiosk.ward_code")
    with read_session(kiosk.engine) as session:
        rows = session.execute(select(Notice).where(Notice.withdrawn_at.is_(None))).scalars()
        shown = [
            NoticeView(n.notice_id, n.level, n.title, n.body, n.valid_until)
            for n in rows
            if _in_force(n, now, ward)
        ]
    shown.sort(key=lambda n: (LEVEL_ORDER.get(n.level, 3), n.notice_id))
    return shown
