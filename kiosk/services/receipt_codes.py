"""Receipt codes: short, human, unique to the kiosk — ``NT01-261122-0042``.

Prefix (setting ``kiosk.receipt_prefix``), the day in Vietnam time (yyMMdd), and that day's
counter, taken inside the saving transaction (BEGIN IMMEDIATE), so two saves never share one.
It is what a resident reads out later to look their dossier up.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime

from kiosk.domain.fields import VN_TZ

PATTERN = re.compile(r"^[A-Z0-9]{2,8}-\d{6}-\d{4,6}$")


def format_code(prefix: str, day: str, number: int) -> str:
    return f"{prefix}-{day}-{number:04d}"


# One statement: the day's first code creates its counter, later ones add 1 to it.
_NEXT_SQL = (
    "INSERT INTO receipt_counters (prefix, day, last) VALUES (?, ?, 1) "
    "ON CONFLICT (prefix, day) DO UPDATE SET last = last + 1 RETURNING last"
)


def next_code(raw: sqlite3.Connection, prefix: str, at: datetime) -> str:
    """The next code of ``at``'s day; call inside the saving (BEGIN IMMEDIATE) transaction."""
    day = at.astimezone(VN_TZ).strftime("%y%m%d")
    (number,) = raw.execute(_NEXT_SQL, (prefix, day)).fetchone()
    return format_code(prefix, day, number)


def normalise(text: str) -> str:
    """What a resident types or a scanner reads → the stored form (upper case, no spaces)."""
    return re.sub(r"\s+", "", text).upper()
