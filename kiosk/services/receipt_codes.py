"""Receipt codes: short, human, unique to the kiosk — ``NT01-261122-0042``.

Prefix (setting ``kiosk.receipt_prefix``), the day in Vietnam time (yyMMdd), and that day's
counter, taken inside the saving transaction (BEGIN IMMEDIATE), so two saves never share one.
It is what a resident reads out later to look their dossier up.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import ReceiptCounter

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PATTERN = re.compile(r"^[A-Z0-9]{2,8}-\d{6}-\d{4,6}$")


def format_code(prefix: str, day: str, number: int) -> str:
    return f"{prefix}-{day}-{number:04d}"


def next_code(session: Session, prefix: str, at: datetime) -> str:
    day = at.astimezone(VN_TZ).strftime("%y%m%d")
    counter = session.execute(
        select(ReceiptCounter).where(ReceiptCounter.prefix == prefix, ReceiptCounter.day == day)
    ).scalar_one_or_none()
    if counter is None:
        counter = ReceiptCounter(prefix=prefix, day=day, last=0)
        session.add(counter)
    counter.last += 1
    session.flush()
    return format_code(prefix, day, counter.last)


def normalise(text: str) -> str:
    """What a resident types or a scanner reads → the stored form (upper case, no spaces)."""
    return re.sub(r"\s+", "", text).upper()
