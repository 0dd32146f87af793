"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=26), nullable=False),
        sa.Column("purged_at", sa.String(length=26), nullable=True),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachments")),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=26), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("record_kind", sa.String(length=16), nullable=True),
        sa.Column("record_id", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "dossiers",
        sa.Column("procedure_code", sa.String(length=40), nullable=False),
        sa.Column("procedure_name", sa.Text(), nullable=False),
        sa.Column("subject_masked", sa.String(length=64), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=True),
        sa.Column("return_method", sa.Integer(), nullable=False),
        sa.Column("fee_total", sa.Integer(), nullable=False),
        sa.Column("ma_ho_so", sa.String(length=64), nullable=True),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.String(length=14), nullable=True),
        sa.Column("status_updated_at", sa.String(length=26), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("receipt_code", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=26), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("current_item_id", sa.String(length=36), nullable=False),
        sa.Column("data_enc", sa.LargeBinary(), nullable=True),
        sa.Column("purged_at", sa.String(length=26), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossiers")),
        sa.UniqueConstraint("receipt_code", name=op.f("uq_dossiers_receipt_code")),
    )
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossiers_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_dossiers_procedure_code"), ["procedure_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dossiers_subject_ref"), ["subject_ref"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("receipt_code", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=26), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("current_item_id", sa.String(length=36), nullable=False),
        sa.Column("data_enc", sa.LargeBinary(), nullable=True),
        sa.Column("purged_at", sa.String(length=26), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("receipt_code", name=op.f("uq_feedback_receipt_code")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_created_at"), ["created_at"], unique=False)

    op.create_table(
        "import_refs",
        sa.Column("ref", sa.String(length=200), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("imported_at", sa.String(length=26), nullable=False),
        sa.PrimaryKeyConstraint("ref", name=op.f("pk_import_refs")),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_meta")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=26), nullable=False),
        sa.Column("created_at_local", sa.String(length=32), nullable=False),
        sa.Column("depends_on", sa.String(length=36), nullable=True),
        sa.Column("payload_enc", sa.LargeBinary(), nullable=True),
        sa.Column("payload_sha256", sa.String(length=64), nullable=False),
        sa.Column("payload_size", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.String(length=26), nullable=True),
        sa.Column("last_attempt_at", sa.String(length=26), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("errors_json", sa.Text(), nullable=True),
        sa.Column("server_ref", sa.String(length=64), nullable=True),
        sa.Column("received_at", sa.String(length=40), nullable=True),
        sa.Column("supersedes", sa.String(length=36), nullable=True),
        sa.Column("superseded_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.String(length=26), nullable=False),
        sa.CheckConstraint(
            "kind IN ('dossier', 'payment', 'registration', 'feedback', 'visit')",
            name=op.f("ck_outbox_kind"),
        ),
        sa.CheckConstraint(
            "state IN ('pending', 'in_flight', 'unknown', 'accepted', 'duplicate', 'rejected', 'conflict', 'superseded')",
            name=op.f("ck_outbox_state"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("id", name=op.f("uq_outbox_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_record_id"), ["record_id"], unique=False)
        batch_op.create_index("ix_outbox_state_seq", ["state", "seq"], unique=False)

    op.create_table(
        "procedures",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("field_code", sa.String(length=80), nullable=True),
        sa.Column("field_name", sa.Text(), nullable=True),
        sa.Column("level", sa.String(length=8), nullable=True),
        sa.Column("stopped", sa.Boolean(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_procedures")),
    )
    op.create_table(
        "receipt_counters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("day", sa.String(length=6), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_counters")),
        sa.UniqueConstraint("prefix", "day", name=op.f("uq_receipt_counters_prefix")),
    )
    op.create_table(
        "users",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_enc", sa.LargeBinary(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.String(length=26), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=26), nullable=False),
        sa.CheckConstraint(
            "role IN ('volunteer','staff','technician')", name=op.f("ck_users_role")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_users")),
    )
    op.create_table(
        "visits",
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("procedure_code", sa.String(length=40), nullable=True),
        sa.Column("result", sa.String(length=32), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("receipt_code", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=26), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("current_item_id", sa.String(length=36), nullable=False),
        sa.Column("data_enc", sa.LargeBinary(), nullable=True),
        sa.Column("purged_at", sa.String(length=26), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint("receipt_code", name=op.f("uq_visits_receipt_code")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visits_created_at"), ["created_at"], unique=False)

    op.create_table(
        "dossier_attachments",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("doc_code", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_attachments_dossier_id_dossiers")
        ),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["attachments.sha256"],
            name=op.f("fk_dossier_attachments_sha256_attachments"),
        ),
        sa.PrimaryKeyConstraint("dossier_id", "sha256", name=op.f("pk_dossier_attachments")),
    )
    op.create_table(
        "payments",
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("payer_masked", sa.String(length=64), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("receipt_code", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=26), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("current_item_id", sa.String(length=36), nullable=False),
        sa.Column("data_enc", sa.LargeBinary(), nullable=True),
        sa.Column("purged_at", sa.String(length=26), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_payments_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("receipt_code", name=op.f("uq_payments_receipt_code")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payments_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_dossier_id"), ["dossier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_subject_ref"), ["subject_ref"], unique=False)

    op.create_table(
        "registrations",
        sa.Column("service", sa.String(length=32), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("subject_masked", sa.String(length=64), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("receipt_code", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=26), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("current_item_id", sa.String(length=36), nullable=False),
        sa.Column("data_enc", sa.LargeBinary(), nullable=True),
        sa.Column("purged_at", sa.String(length=26), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_registrations_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registrations")),
        sa.UniqueConstraint("receipt_code", name=op.f("uq_registrations_receipt_code")),
    )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registrations_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_registrations_dossier_id"), ["dossier_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_registrations_subject_ref"), ["subject_ref"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registrations_subject_ref"))
        batch_op.drop_index(batch_op.f("ix_registrations_dossier_id"))
        batch_op.drop_index(batch_op.f("ix_registrations_created_at"))

    op.drop_table("registrations")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_subject_ref"))
        batch_op.drop_index(batch_op.f("ix_payments_dossier_id"))
        batch_op.drop_index(batch_op.f("ix_payments_created_at"))

    op.drop_table("payments")
    op.drop_table("dossier_attachments")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visits_created_at"))

    op.drop_table("visits")
    op.drop_table("users")
    op.drop_table("receipt_counters")
    op.drop_table("procedures")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_state_seq")
        batch_op.drop_index(batch_op.f("ix_outbox_record_id"))

    op.drop_table("outbox")
    op.drop_table("meta")
    op.drop_table("import_refs")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_created_at"))

    op.drop_table("feedback")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossiers_subject_ref"))
        batch_op.drop_index(batch_op.f("ix_dossiers_procedure_code"))
        batch_op.drop_index(batch_op.f("ix_dossiers_created_at"))

    op.drop_table("dossiers")
    op.drop_table("audit_log")
    op.drop_table("attachments")
