"""dossier_statuses.note dropped: the province's status notes are no longer kept

The province's note (``GhiChu``) may name the person ("Đã trả kết quả cho ông …"). Nothing on
the kiosk shows it — the look-up by receipt code shows the status, the official code and the
due date, and must not show more: receipt codes are sequential, so anyone at a public kiosk
can type a neighbour's. What is never shown is not collected (minimum collection, Law
91/2025/QH15); this drops the notes older versions kept in plain text. ``secure_delete`` is
on for the migration's connection, so the dropped values leave no bytes in free pages.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_column("dossier_statuses", "note")  # in place (SQLite ≥ 3.35)


def downgrade() -> None:
    op.add_column("dossier_statuses", sa.Column("note", sa.Text(), nullable=True))
