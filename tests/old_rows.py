"""Rows as older schemas stored them, for tests that upgrade a database made by them."""

from __future__ import annotations

import hashlib
from typing import Any

from kiosk.store.crypto import canonical_json


def item_before_0008(item: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """An outbox row of :func:`kiosk.store.outbox.new_item` as schemas before 0008 kept it: a
    plain SHA-256 of the frozen payload (``payload_sha256``), no keyed ``payload_mac``."""
    old = {k: v for k, v in item.items() if k != "payload_mac"}
    old["payload_sha256"] = hashlib.sha256(canonical_json(payload)).hexdigest()
    return old
