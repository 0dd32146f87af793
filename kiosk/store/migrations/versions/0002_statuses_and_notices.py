"""flows back from the province: dossier status history and notices

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier_statuses",
        sa.Column("change_seq", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("ma_ho_so", sa.String(length=64), nullable=True),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.String(length=14), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("received_at", sa.String(length=26), nullable=False),
        sa.PrimaryKeyConstraint("change_seq", name=op.f("pk_dossier_statuses")),
    )
    with op.batch_alter_table("dossier_statuses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_statuses_item_id"), ["item_id"], unique=False)

    op.create_table(
        "notices",
        sa.Column("notice_id", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.String(length=40), nullable=True),
        sa.Column("valid_until", sa.String(length=40), nullable=True),
        sa.Column("wards", sa.Text(), nullable=False),
        sa.Column("received_at", sa.String(length=26), nullable=False),
        sa.Column("withdrawn_at", sa.String(length=26), nullable=True),
        sa.PrimaryKeyConstraint("notice_id", name=op.f("pk_notices")),
    )


def downgrade() -> None:
    with op.batch_alter_table("dossier_statuses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_statuses_item_id"))

    op.drop_table("dossier_statuses")
    op.drop_table("notices")
