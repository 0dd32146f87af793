"""receipt counters move past the codes records came with

A record may come with its receipt code (a paper form's, through the backlog import). Until now
the day's counter did not move past such a code, so the kiosk could later make the same code for
another record. From now on the save claims a given code (``receipt_codes.claim``); this moves
each counter past every code already stored (highest number per prefix and day, all record kinds).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TABLES = ("dossiers", "payments", "registrations", "feedback", "visits")
_CODE = re.compile(r"^([A-Z0-9]{2,8})-(\d{6})-(\d{4,6})$")


def upgrade() -> None:
    conn = op.get_bind()
    highest: dict[tuple[str, str], int] = {}
    for table in _TABLES:
        for (code,) in conn.execute(sa.text(f"SELECT receipt_code FROM {table}")):  # noqa: S608
            parts = _CODE.match(code or "")
            if parts is not None:
                key = (parts[1], parts[2])
                highest[key] = max(highest.get(key, 0), int(parts[3]))
    for (prefix, day), last in highest.items():
        conn.execute(
            sa.text(
                "INSERT INTO receipt_counters (prefix, day, last) VALUES (:p, :d, :n) "
                "ON CONFLICT (prefix, day) DO UPDATE SET last = max(last, excluded.last)"
            ),
            {"p": prefix, "d": day, "n": last},
        )


def downgrade() -> None:
    """Nothing to undo: a counter past a used code is right under either schema."""
