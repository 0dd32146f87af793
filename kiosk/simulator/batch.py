"""``POST /submissions:batch``: one answer per item, in order, in one transaction.

For each item, in this order (contract v1 §4):

1. the ``id`` is stored already → ``duplicate`` (same ``kind`` + ``payload`` after RFC 8785
   canonicalisation; the original ``server_ref`` and ``received_at``) or ``conflict``;
2. the payload fails validation → ``rejected`` with ``errors`` (never stored; sending it
   again gives the same answer);
3. ``depends_on`` names an item not stored (accepted earlier, or earlier in this batch)
   → ``retry_later``;
4. a dossier lists a ``TaiLieuNop`` file the server does not have → ``retry_later``;
5. otherwise → ``accepted``: stored with a new ``server_ref``.

The whole batch commits at once, so ``reset_after_commit`` drops the answer to a batch that
is entirely stored. Every answer is recorded in ``submission_log`` and counted
(``items.<status>``).
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime
from typing import Any

from kiosk.simulator.canonical import content_hash
from kiosk.simulator.store import SimulatorState, Tx
from kiosk.simulator.validation import attachment_hashes, check_payload

log = logging.getLogger(__name__)


def process_batch(
    state: SimulatorState, client_id: str, items: list[dict[str, Any]], now: datetime
) -> list[dict[str, Any]]:
    """The per-item results for a well-shaped batch (see ``validation.check_batch``)."""
    results: list[dict[str, Any]] = []
    with state.transaction() as tx:
        for item in items:
            result = _one(tx, client_id, item, now)
            tx.log_result(item["id"], client_id, result["status"], now)
            tx.bump(f"items.{result['status']}")
            results.append(result)
    tally = Counter(r["status"] for r in results)
    log.info("batch from %s: %d items %s", client_id, len(items), dict(sorted(tally.items())))
    return results


def _one(tx: Tx, client_id: str, item: dict[str, Any], now: datetime) -> dict[str, Any]:
    item_id, kind, payload = item["id"], item["kind"], item["payload"]
    digest = content_hash(kind, payload)
    stored = tx.find_item(item_id)
    if stored is not None:
        return _seen_before(item_id, stored["content_sha256"] == digest, stored)
    errors = check_payload(kind, payload)
    if errors:
        return {"id": item_id, "status": "rejected", "errors": errors}
    depends_on = item.get("depends_on")
    if depends_on and tx.find_item(depends_on) is None:
        return {"id": item_id, "status": "retry_later", "detail": "depends_on not yet accepted"}
    missing = [h for h in attachment_hashes(kind, payload) if not tx.has_attachment(h)]
    if missing:
        detail = f"attachment not uploaded yet: {missing[0]}"
        return {"id": item_id, "status": "retry_later", "detail": detail}
    server_ref, received_at = tx.insert_item(item, client_id, digest, now)
    return {
        "id": item_id,
        "status": "accepted",
        "server_ref": server_ref,
        "received_at": received_at,
    }


def _seen_before(item_id: str, same: bool, stored: Any) -> dict[str, Any]:
    if same:
        return {
            "id": item_id,
            "status": "duplicate",
            "server_ref": stored["server_ref"],
            "received_at": stored["received_at"],
        }
    return {
        "id": item_id,
        "status": "conflict",
        "server_ref": stored["server_ref"],
        "detail": "this id was stored before with different content",
    }
