"""lean save path: a record's payload stored once (in its outbox item); unused indexes dropped

A record's ``data_enc`` held the same sealed payload as its current outbox item's
``payload_enc``; the item's copy is now the only one (``records.record_payload`` reads it).
Before the column goes, every record that has one is checked to have its current item's
payload; if any has not, the upgrade stops (nothing dropped, the pre-upgrade copy kept).

Indexes that no query uses are dropped: each one was a B-tree page more in every save's
commit. ``created_at`` of every record table, ``dossiers.procedure_code``, ``subject_ref``
(a person's records are looked up nowhere yet; such a rare look-up can scan) and
``outbox.record_id``. Kept: the receipt codes' and outbox ids' unique indexes, the outbox
``(state, seq)`` index the relay reads by, and ``dossier_id`` of payments and registrations
(the child columns of a foreign key).

The tables are altered in place (``ALTER TABLE ... DROP COLUMN``, SQLite ≥ 3.35), not
recreated, so foreign keys stay on and no table that others reference is dropped.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RECORD_TABLES = ("dossiers", "payments", "registrations", "feedback", "visits")
SUBJECT_TABLES = ("dossiers", "payments", "registrations")


def _refuse_if_a_payload_would_be_lost() -> None:
    bind = op.get_bind()
    for table in RECORD_TABLES:
        lost = bind.exec_driver_sql(
            f"SELECT count(*) FROM {table} r WHERE r.data_enc IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM outbox o WHERE o.id = r.current_item_id "
            "AND o.payload_enc IS NOT NULL)"
        ).scalar_one()
        if lost:
            raise RuntimeError(
                f"{lost} {table} rows hold a payload their current outbox item lacks: "
                "data_enc is not dropped"
            )


def upgrade() -> None:
    _refuse_if_a_payload_would_be_lost()
    for table in RECORD_TABLES:
        with op.batch_alter_table(table, recreate="never") as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_created_at"))
            if table in SUBJECT_TABLES:
                batch_op.drop_index(batch_op.f(f"ix_{table}_subject_ref"))
            if table == "dossiers":
                batch_op.drop_index(batch_op.f("ix_dossiers_procedure_code"))
            batch_op.drop_column("data_enc")
    with op.batch_alter_table("outbox", recreate="never") as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_record_id"))


def downgrade() -> None:
    """Indexes back; ``data_enc`` comes back empty (the payloads stay in the outbox)."""
    with op.batch_alter_table("outbox", recreate="never") as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_record_id"), ["record_id"], unique=False)
    for table in RECORD_TABLES:
        with op.batch_alter_table(table, recreate="never") as batch_op:
            batch_op.add_column(sa.Column("data_enc", sa.LargeBinary(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_created_at"), ["created_at"])
            if table in SUBJECT_TABLES:
                batch_op.create_index(batch_op.f(f"ix_{table}_subject_ref"), ["subject_ref"])
            if table == "dossiers":
                batch_op.create_index(
                    batch_op.f("ix_dossiers_procedure_code"), ["procedure_code"]
                )
