"""What waits to go to the province: counts by state, oldest waiting age, the items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from kiosk.services.context import Kiosk
from kiosk.services.province_words import queue_reason
from kiosk.store import outbox
from kiosk.store.crypto import Cipher
from kiosk.store.db import read_session
from kiosk.store.models import RECORD_MODELS, ItemState, Meta, OutboxItem, utcnow
from kiosk.sync.shared import LAST_EXCHANGE


@dataclass(frozen=True, slots=True)
class QueueView:
    counts: dict[str, int]
    oldest_pending_age_s: float | None
    last_exchange_at: str | None
    items: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            "oldest_pending_age_s": self.oldest_pending_age_s,
            "last_exchange_at": self.last_exchange_at,
            "items": self.items,
        }


def _item(cipher: Cipher, row: OutboxItem, receipt: str | None) -> dict[str, Any]:
    return {
        "seq": row.seq,
        "id": row.id,
        "kind": row.kind,
        "receipt_code": receipt,
        "state": row.state,
        "attempts": row.attempts,
        "created_at": row.created_at_local,
        "depends_on": row.depends_on,
        "server_ref": row.server_ref,
        "reason": queue_reason(cipher, row),  # the province's words masked
    }


SETTLED = (ItemState.ACCEPTED.value, ItemState.DUPLICATE.value, ItemState.SUPERSEDED.value)


def view(kiosk: Kiosk, limit: int = 200, now: datetime | None = None) -> QueueView:
    """The counts, then up to ``limit`` items: first those the province has not settled
    (waiting, in doubt, refused, in conflict; oldest first), then the latest settled ones.
    A technician's ``kiosk queue`` once listed 200 accepted items and none of the 3 waiting."""
    with read_session(kiosk.engine) as session:
        summary = outbox.summary(session)
        open_rows = list(
            session.execute(
                select(OutboxItem)
                .where(OutboxItem.state.not_in(SETTLED))
                .order_by(OutboxItem.seq)
                .limit(limit)
            ).scalars()
        )
        settled_rows = session.execute(
            select(OutboxItem)
            .where(OutboxItem.state.in_(SETTLED))
            .order_by(OutboxItem.seq.desc())
            .limit(max(limit - len(open_rows), 0))
        ).scalars()
        items = []
        for row in [*open_rows, *settled_rows]:
            model = RECORD_MODELS[row.kind]
            receipt = session.execute(
                select(model.receipt_code).where(model.id == row.record_id)
            ).scalar()
            items.append(_item(kiosk.cipher, row, receipt))
        last = session.execute(select(Meta.value).where(Meta.key == LAST_EXCHANGE)).scalar()
    return QueueView(summary.counts, summary.oldest_pending_age_s(now or utcnow()), last, items)
