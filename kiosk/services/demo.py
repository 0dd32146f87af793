"""Realistic synthetic records through the normal save path (``kiosk demo seed``)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime

from kiosk.domain.samples import sample_payload
from kiosk.services.context import Kiosk
from kiosk.services.records import SavedRecord, save_record
from kiosk.store.models import utcnow

VOLUNTEERS = ("TNV01", "TNV02", "TNV03")


def seed_plan(counts: dict[str, int], rng: random.Random) -> list[str]:
    """The kinds to save, interleaved as a busy day would interleave them."""
    plan = [kind for kind, n in counts.items() for _ in range(n)]
    rng.shuffle(plan)
    return plan


def seed(
    kiosk: Kiosk,
    counts: dict[str, int],
    seed_value: int,
    on_saved: Callable[[SavedRecord], None],
    now: Callable[[], datetime] = utcnow,
) -> int:
    rng = random.Random(seed_value)
    dossier_items: list[str] = []
    saved_count = 0
    for kind in seed_plan(counts, rng):
        payload = sample_payload(kind, rng, now())
        if kind in {"payment", "registration"} and "dossier_id" in payload:
            use_dossier = dossier_items and rng.random() < 0.6
            payload["dossier_id"] = rng.choice(dossier_items) if use_dossier else None
        saved = save_record(kiosk, kind, payload, rng.choice(VOLUNTEERS))
        if kind == "dossier":
            dossier_items.append(saved.item_id)
        on_saved(saved)
        saved_count += 1 + len(saved.linked)
    return saved_count
