"""Records saved through the real save path, for the queue and CLI tests."""

from __future__ import annotations

import random
import tomllib
from typing import Any

import tomli_w

from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.settings import Settings
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


def set_unchecked(kiosk: Kiosk, key: str, value: Any) -> None:
    """``key = value`` in settings.toml as if edited by hand (a value ``kiosk config set``
    refuses), read back without checks, as :meth:`Settings.load_for_repair` does."""
    path = kiosk.settings.path
    data = tomllib.loads(path.read_text("utf-8")) if path.exists() else {}
    *sections, name = key.split(".")
    table = data
    for section in sections:
        table = table.setdefault(section, {})
    table[name] = value
    path.write_text(tomli_w.dumps(data), "utf-8")
    kiosk.settings = Settings.load_for_repair(path)
