"""outbox.doubt_since: a withdrawn item the province may hold, until the relay has asked

An item withdrawn (its personal data deleted on request) while its outcome was unknown cannot
be resent to find out; the relay now asks the province by id (contract §5). Until now such an
item was known only by its note's text, and not at all when the withdrawal came after the
answer was lost (the purge wrote its plain "withdrawn" note). This marks, with the time of
their last change:

* items carrying the in-doubt note of version 0006;
* withdrawn items (superseded, payload deleted, no server reference, not corrected) that a
  request carried (a ``sent`` event) and whose last request's answer, if any, was not one by
  which the province showed it does not hold them (``rejected``, ``retry_later``,
  ``conflict``): a ``sent`` with no answer after it counts, a ``not_sent`` does not (0006
  also wrote it after a 500 the province may have processed). An
  item marked wrongly costs one lookup, answered 404.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# the note 0006's relay wrote (kiosk.sync.relay.WITHDRAWN_IN_DOUBT then), word for word
_OLD_NOTE = (
    "Đã huỷ gửi theo yêu cầu xoá dữ liệu khi mục đang được gửi; không rõ tỉnh đã nhận hay "
    "chưa và không thể gửi lại để đối chiếu: hãy hỏi tỉnh theo mã mục. (withdrawn: personal "
    "data deleted on request while this item was being sent; whether the province received "
    "it is unknown and it cannot be resent to find out: ask the province by item id.)"
)


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("doubt_since", sa.String(length=26), nullable=True))
        batch_op.create_index(
            "ix_outbox_doubt_since",
            ["doubt_since"],
            unique=False,
            sqlite_where=sa.text("doubt_since IS NOT NULL"),
        )
    conn = op.get_bind()
    conn.execute(
        sa.text("UPDATE outbox SET doubt_since = updated_at WHERE last_error = :note"),
        {"note": _OLD_NOTE},
    )
    conn.execute(
        sa.text(
            "UPDATE outbox SET doubt_since = updated_at "
            "WHERE doubt_since IS NULL AND state = 'superseded' AND payload_enc IS NULL "
            "AND server_ref IS NULL AND superseded_by IS NULL "
            "AND EXISTS (SELECT 1 FROM sync_events e WHERE e.item_id = outbox.id "
            "  AND e.event = 'sent') "
            "AND coalesce(("
            "  SELECT e.event FROM sync_events e WHERE e.item_id = outbox.id "
            "  AND e.event <> 'not_sent' ORDER BY e.id DESC LIMIT 1"
            "), 'unknown') NOT IN ('rejected', 'retry_later', 'conflict', 'settled')"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_doubt_since", sqlite_where=sa.text("doubt_since IS NOT NULL"))
        batch_op.drop_column("doubt_since")
