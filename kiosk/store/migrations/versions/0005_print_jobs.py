"""print queue: one row per print job (kiosk.printing.models.PrintJob)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

STATES = "('queued', 'printing', 'needs_confirmation', 'printed', 'failed')"


def upgrade() -> None:
    op.create_table(
        "print_jobs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=26), nullable=False),
        sa.Column("updated_at", sa.String(length=26), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("record_kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("receipt_code", sa.String(length=32), nullable=False),
        sa.Column("copy_number", sa.Integer(), nullable=False),
        sa.Column("printer", sa.String(length=200), nullable=False),
        sa.Column("paper", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.String(length=26), nullable=True),
        sa.Column("error_code", sa.String(length=32), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("bytes_sent", sa.Integer(), nullable=True),
        sa.Column("payload_sha256", sa.String(length=64), nullable=True),
        sa.Column("confirmed_at", sa.String(length=26), nullable=True),
        sa.Column("confirmed_by", sa.String(length=32), nullable=True),
        sa.CheckConstraint(f"state IN {STATES}", name=op.f("ck_print_jobs_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_jobs")),
    )
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_print_jobs_receipt_code"), ["receipt_code"], unique=False
        )
        batch_op.create_index("ix_print_jobs_state_next", ["state", "next_attempt_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_print_jobs_state_next")
        batch_op.drop_index(batch_op.f("ix_print_jobs_receipt_code"))
    op.drop_table("print_jobs")
