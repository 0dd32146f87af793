"""sync events: per-item history of the exchange with the province

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.String(length=26), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_events")),
    )
    with op.batch_alter_table("sync_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_events_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_events_item_id"))
        batch_op.drop_index(batch_op.f("ix_sync_events_at"))
    op.drop_table("sync_events")
