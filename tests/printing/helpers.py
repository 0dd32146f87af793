"""Records saved through the real save path, for the queue and CLI tests."""

from __future__ import annotations

import random
from typing import Any

from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from tests.domain.invalid_cases import NOW


def saved(kiosk: Kiosk, kind: str = "dossier", seed: int = 1, **changes: Any) -> str:
    """Save one sample record of ``kind``; its receipt code."""
    payload = sample_payload(kind, random.Random(seed), NOW)
    if "dossier_id" in payload:
        payload["dossier_id"] = None
    payload.update(changes)
    return records.save_record(kiosk, kind, payload, "tnv.01", now=NOW).receipt_code


def use_printer(kiosk: Kiosk, uri: str, **settings: Any) -> None:
    kiosk.settings.set("printer.uri", uri)
    for key, value in settings.items():
        kiosk.settings.set(f"printer.{key}", value)
