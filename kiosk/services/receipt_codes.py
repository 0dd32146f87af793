"""Receipt codes: short, human, unique to the kiosk — ``NT01-261122-0042``.

Prefix (setting ``kiosk.receipt_prefix``), the day in Vietnam time (yyMMdd), and that day's
counter, taken inside the saving transaction (BEGIN IMMEDIATE), so two saves never share one.
It is what a resident reads out later to look their dossier up.

A code can also come with the record (a paper form's code, typed in by the backlog import):
:func:`claim` then moves that day's counter past it, so the kiosk never makes the same code
for a later record of any kind.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime

from kiosk.domain.codes import RECEIPT_CODE
from kiosk.domain.fields import VN_TZ


def format_code(prefix: str, day: str, number: int) -> str:
    return f"{prefix}-{day}-{number:04d}"


# The day's counter goes up by one; the day's first code creates it. Two statements rather
# than one INSERT … ON CONFLICT DO UPDATE: every save but the day's first takes the UPDATE,
# which costs SQLite about half the upsert's conflict path.
_BUMP_SQL = (
    "UPDATE receipt_counters SET last = last + 1 WHERE prefix = ? AND day = ? RETURNING last"
)
_FIRST_SQL = "INSERT INTO receipt_counters (prefix, day, last) VALUES (?, ?, 1)"


def next_code(raw: sqlite3.Connection, prefix: str, at: datetime) -> str:
    """The next code of ``at``'s day; call inside the saving (BEGIN IMMEDIATE) transaction,
    whose write lock keeps another save from creating the same day's counter in between."""
    day = at.astimezone(VN_TZ).strftime("%y%m%d")
    bumped = raw.execute(_BUMP_SQL, (prefix, day)).fetchone()
    if bumped is None:
        raw.execute(_FIRST_SQL, (prefix, day))
        return format_code(prefix, day, 1)
    return format_code(prefix, day, bumped[0])


# A code given with the record: its day's counter goes at least as far as its number.
_CLAIM_SQL = (
    "INSERT INTO receipt_counters (prefix, day, last) VALUES (?, ?, ?) "
    "ON CONFLICT (prefix, day) DO UPDATE SET last = max(last, excluded.last)"
)


def claim(raw: sqlite3.Connection, code: str) -> None:
    """A code given with a record is taken: :func:`next_code` goes on after it, never to it.

    Call inside the saving transaction; a code not in the kiosk's form claims nothing."""
    parts = RECEIPT_CODE.fullmatch(code)
    if parts is not None:
        raw.execute(_CLAIM_SQL, (parts["prefix"], parts["day"], int(parts["number"])))


def normalise(text: str) -> str:
    """What a resident types or a scanner reads → the stored form (upper case, no spaces)."""
    return re.sub(r"\s+", "", text).upper()
