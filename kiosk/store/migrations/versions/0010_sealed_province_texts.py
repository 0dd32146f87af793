"""outbox.reasons_enc: the province's words about an item are sealed, not kept in plain text

A rejection's messages (``errors_json``) and a ``retry_later`` item's detail (``last_error``)
are the province's free text, and real portals quote the person in them: the CCCD, the name,
the phone. The kiosk now seals them with the data key in ``reasons_enc`` and keeps in plain
text only each error's field path and code (``kiosk.store.province_texts``).

A migration has no data key, so the rows older versions wrote are not sealed here: when any
holds such words, this leaves ``meta['upgrade.seal_province_texts']`` and ``Kiosk.open`` seals
them right after (``province_texts.seal_plain``, with ``secure_delete`` on, so the old cells
leave no bytes in the file). The pre-upgrade safety copy in ``backups/`` still holds them until
the backup rotation deletes it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

FLAG = "upgrade.seal_province_texts"  # kiosk.store.province_texts.UPGRADE_FLAG


def upgrade() -> None:
    op.add_column("outbox", sa.Column("reasons_enc", sa.LargeBinary(), nullable=True))
    op.execute(
        sa.text(
            "INSERT OR REPLACE INTO meta (key, value) SELECT :flag, '1' WHERE EXISTS ("
            "SELECT 1 FROM outbox WHERE errors_json LIKE '%\"message\"%' OR (state = 'pending' "
            "AND last_error IS NOT NULL AND last_error <> 'retry_later'))"
        ).bindparams(flag=FLAG)
    )


def downgrade() -> None:
    # the sealed words are not put back in plain text: that was the leak this revision closes
    op.execute(sa.text("DELETE FROM meta WHERE key = :flag").bindparams(flag=FLAG))
    op.drop_column("outbox", "reasons_enc")
