"""Events the sync engine publishes (names and data); the bus itself is :mod:`kiosk.events`."""

from __future__ import annotations

from kiosk.events import EventBus, Handler

OUTBOX_DID_CHANGE = "outbox_did_change"  # data: {"counts": {...}}
CONNECTIVITY_DID_CHANGE = "connectivity_did_change"  # data: {"online": bool}
ITEM_REJECTED = "item_rejected"  # data: {"item_id", "receipt_code", "errors": [...]}
ALERT = "alert"  # data: {"code": "kiosk_disabled"|"conflict"|"auth_failed", "message": vi}
CHANGES_APPLIED = "changes_applied"  # data: {"count": n}
EXCHANGE_DID_SUCCEED = "exchange_did_succeed"  # data: {"at": ISO 8601 UTC}

__all__ = [
    "ALERT",
    "CHANGES_APPLIED",
    "CONNECTIVITY_DID_CHANGE",
    "EXCHANGE_DID_SUCCEED",
    "ITEM_REJECTED",
    "OUTBOX_DID_CHANGE",
    "EventBus",
    "Handler",
]
