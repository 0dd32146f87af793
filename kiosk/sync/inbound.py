"""What flows back from the province: ``/changes``, ``/catalog`` and ``/health``.

Changes are applied in order with the cursor saved in the SAME transaction as the changes of
its page, so a crash never skips one and applying a page twice is harmless (status history is
keyed by ``seq``, notices are upserted). Unknown change types are skipped.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.catalog.model import CatalogError, parse_catalog_body
from kiosk.services import catalog as catalog_service
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import write_session
from kiosk.store.models import Dossier, DossierStatus, Meta, Notice, OutboxItem, utcnow
from kiosk.sync.client import ProvincialClient
from kiosk.sync.errors import OutcomeUnknown
from kiosk.sync.relay import meta_get, meta_set

log = logging.getLogger(__name__)
CATALOG_EVERY = timedelta(days=1)
CURSOR_KEY = "changes.cursor"


def pull_changes(kiosk: Kiosk, client: ProvincialClient, max_pages: int = 100) -> int:
    """Fetch and apply changes until the province has no more; returns how many were applied."""
    applied = 0
    for _ in range(max_pages):
        page = client.changes(meta_get(kiosk, CURSOR_KEY))
        with write_session(kiosk.engine) as session:
            for change in page.changes:
                applied += apply_change(session, change)
            session.merge(Meta(key=CURSOR_KEY, value=page.next))
        if not page.has_more:
            break
    return applied


def apply_change(session: Session, change: dict[str, Any]) -> int:
    kind, data, seq = change.get("type"), change.get("data"), change.get("seq")
    if not isinstance(data, dict) or not isinstance(seq, str):
        log.warning("change without data or seq skipped")
        return 0
    handler = _HANDLERS.get(str(kind))
    if handler is None:
        log.info("unknown change type %r skipped", kind)
        return 0
    return handler(session, seq, data)


def _dossier_status(session: Session, seq: str, data: dict[str, Any]) -> int:
    item_id, status = data.get("id"), data.get("TrangThaiHoSo")
    if not isinstance(item_id, str) or not isinstance(status, int) or not 1 <= status <= 10:
        log.warning("dossier_status %s with a bad shape skipped", seq)
        return 0
    if session.get(DossierStatus, seq) is not None:
        return 0  # applied before (changes come at least once)
    ma_ho_so, due = _opt(data.get("MaHoSo")), _opt(data.get("NgayHenTra"))
    record_id = session.execute(
        select(OutboxItem.record_id).where(OutboxItem.id == item_id)
    ).scalar()
    dossier = session.get(Dossier, record_id) if record_id else None
    session.add(  # GhiChu is not kept: it may name the person, and nothing here shows it
        DossierStatus(
            change_seq=seq,
            item_id=item_id,
            ma_ho_so=ma_ho_so,
            status_code=status,
            due_at=due,
            received_at=utcnow(),
        )
    )
    if dossier is None:
        return 1  # kept in the history; the dossier may be from another kiosk or purged
    dossier.status_code = status
    dossier.ma_ho_so = ma_ho_so or dossier.ma_ho_so
    dossier.due_at = due or dossier.due_at
    dossier.status_updated_at = utcnow()
    audit.append(
        session, "sync", "dossier.status", "dossier", dossier.id, {"status": status, "seq": seq}
    )
    return 1


def _notice(session: Session, seq: str, data: dict[str, Any]) -> int:
    notice_id = data.get("notice_id")
    if not isinstance(notice_id, str):
        return 0
    level = data.get("level") if data.get("level") in {"info", "warning", "emergency"} else "info"
    raw_wards = data.get("MaXa")
    wards: list[Any] = raw_wards if isinstance(raw_wards, list) else []
    session.merge(
        Notice(
            notice_id=notice_id,
            level=str(level),
            title=str(data.get("title") or ""),
            body=str(data.get("body") or ""),
            valid_from=_opt(data.get("valid_from")),
            valid_until=_opt(data.get("valid_until")),
            wards=json.dumps([str(w) for w in wards]),
            received_at=utcnow(),
            withdrawn_at=None,
        )
    )
    return 1


def _notice_withdrawn(session: Session, seq: str, data: dict[str, Any]) -> int:
    notice = session.get(Notice, str(data.get("notice_id")))
    if notice is not None and notice.withdrawn_at is None:
        notice.withdrawn_at = utcnow()
    return 1


_HANDLERS = {
    "dossier_status": _dossier_status,
    "notice": _notice,
    "notice_withdrawn": _notice_withdrawn,
}


def _opt(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def refresh_catalog(kiosk: Kiosk, client: ProvincialClient, force: bool = False) -> bool:
    """Daily (or forced) ``GET /catalog`` with If-None-Match; True when a new one was stored."""
    checked = meta_get(kiosk, "catalog.checked_at")
    if not force and checked and utcnow() - datetime.fromisoformat(checked) < CATALOG_EVERY:
        return False
    answer = client.catalog(meta_get(kiosk, "catalog.etag") or None)
    meta_set(kiosk, "catalog.checked_at", utcnow().isoformat())
    if answer is None:
        return False
    body, etag = answer
    try:
        new = parse_catalog_body(body)
    except CatalogError as exc:
        raise OutcomeUnknown(f"catalogue from the province refused: {exc.code}") from None
    catalog_service.store_rows(kiosk, new, "sync", etag)
    return True


def probe_health(kiosk: Kiosk, client: ProvincialClient) -> float | None:
    """GET /health; stores and returns the clock skew (server − local, seconds)."""
    local_before = utcnow()
    health = client.health()
    server = health.server_time or health.date_header
    if server is None:
        return None
    skew = (server - local_before).total_seconds()
    meta_set(kiosk, "sync.clock_skew_s", f"{skew:.1f}")
    meta_set(kiosk, "sync.last_health_at", utcnow().isoformat())
    return skew
