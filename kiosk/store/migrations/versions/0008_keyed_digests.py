"""keyed digests: outbox.payload_sha256 → payload_mac, print_jobs.payload_sha256 → bytes_mac

A plain SHA-256 of a frozen payload gave a payment's payer away: the payment's other fields are
in plain columns, so hashing the few names that match the stored initials finds the one that
was hashed (about a second of CPU, from a copy of the file). The kiosk now stores an HMAC-SHA256
under a key derived from the data key (``crypto.Cipher.digest``), which only this kiosk can
compute. The same goes for the bytes sent to a printer (a receipt drawn from the record).

The plain digests are dropped, not converted: a migration has no data key. Items and print jobs
made before this revision keep a NULL digest (nothing reads it to decide anything).
``secure_delete`` is on for the migration's connection, so the rewritten rows leave no old
bytes in free pages.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite ≥ 3.35 drops a column in place (no table copy, no index rebuilt)
    op.add_column("outbox", sa.Column("payload_mac", sa.String(length=64), nullable=True))
    op.drop_column("outbox", "payload_sha256")
    op.add_column("print_jobs", sa.Column("bytes_mac", sa.String(length=64), nullable=True))
    op.drop_column("print_jobs", "payload_sha256")


def downgrade() -> None:
    # the digests are not restored: the old ones were the leak this revision closes
    op.add_column(
        "outbox",
        sa.Column("payload_sha256", sa.String(length=64), nullable=False, server_default=""),
    )
    op.drop_column("outbox", "payload_mac")
    op.add_column("print_jobs", sa.Column("payload_sha256", sa.String(length=64), nullable=True))
    op.drop_column("print_jobs", "bytes_mac")
