"""Retention (Law 91/2025/QH15): personal data goes once the province has it, plus a margin.

A record is due when its current outbox item was accepted by the province (``accepted`` or
``duplicate``; a corrected record's earlier ``superseded`` items go with it) more than
``retention.days`` ago (the time of acceptance is the item's last state change). Items that
are pending, unknown, rejected or in conflict are never due: the province does not hold them.
:func:`plan` shows what would go (``kiosk purge --dry-run``), :func:`purge_due` purges it
(:mod:`kiosk.services.purge`), audited with counts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from kiosk.services import purge
from kiosk.services.context import Kiosk
from kiosk.store.db import read_session
from kiosk.store.models import RECORD_MODELS, ItemState, OutboxItem, utcnow

DONE = (ItemState.ACCEPTED.value, ItemState.DUPLICATE.value)


@dataclass(frozen=True, slots=True)
class RetentionPlan:
    days: int
    cutoff: datetime
    targets: list[purge.Target]
    files: int  # scanned papers that would be deleted

    def by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for target in self.targets:
            counts[target.kind] = counts.get(target.kind, 0) + 1
        return counts

    def as_dict(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "cutoff": self.cutoff.isoformat(),
            "records": len(self.targets),
            "by_kind": self.by_kind(),
            "files": self.files,
            "targets": [t.as_dict() for t in self.targets],
        }


def plan(kiosk: Kiosk, now: datetime | None = None) -> RetentionPlan:
    """Records whose personal data is due to go (nothing is changed)."""
    days = kiosk.settings.get_int("retention.days")
    cutoff = (now or utcnow()) - timedelta(days=days)
    targets: list[purge.Target] = []
    with read_session(kiosk.engine) as session:
        for kind, model in RECORD_MODELS.items():
            rows = session.execute(
                select(model.id, model.receipt_code, OutboxItem.state, OutboxItem.updated_at)
                .join(OutboxItem, OutboxItem.id == model.current_item_id)
                .where(model.purged_at.is_(None))
                .where(OutboxItem.state.in_(DONE), OutboxItem.updated_at <= cutoff)
                .order_by(OutboxItem.updated_at)
            ).all()
            targets.extend(purge.Target(kind, r[0], r[1], r[2], r[3]) for r in rows)
        dossiers = [t.record_id for t in targets if t.kind == "dossier"]
        files = len(purge.papers_released(session, kiosk.cipher, dossiers))
    return RetentionPlan(days, cutoff, targets, files)


def purge_due(
    kiosk: Kiosk, actor: str = "system", now: datetime | None = None
) -> purge.PurgeReport:
    """Purge every record :func:`plan` finds due; one audit entry ``retention.purge``."""
    due = plan(kiosk, now)
    return purge.purge(
        kiosk,
        due.targets,
        actor=actor,
        action="retention.purge",
        detail={"retention_days": due.days},
        now=now,
    )
