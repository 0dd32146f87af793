"""The province's words about an item (a rejection's messages, a ``retry_later``'s detail),
for people to read. They are sealed at rest (:mod:`kiosk.store.province_texts`) and may name
the person, so every output shows them masked (:func:`kiosk.domain.masking.mask_person_text`:
the record's own name, ID, phone, e-mail and street masked, then any ID- or phone-like number)
— the queue, the dashboard, the CLI, exports. Only the correction screen, where a logged-in
volunteer corrects that record, asks for them as written (``reveal=True``). No Qt.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.domain.masking import mask_person_text
from kiosk.store import outbox, province_texts
from kiosk.store.crypto import Cipher
from kiosk.store.models import OutboxItem


@dataclass(frozen=True, slots=True)
class ProvinceReason:
    """One reason the province gave (its words are Vietnamese)."""

    field: str
    code: str
    message: str


def masker(cipher: Cipher, item: OutboxItem) -> Callable[[str], str]:
    """Masks text about ``item``: its record's personal values (while its payload is kept),
    then ID- and phone-like numbers and e-mails."""
    payload: dict[str, Any] | None = None
    if item.payload_enc is not None:
        payload = json.loads(outbox.frozen_payload(cipher, item))
    return lambda text: mask_person_text(text, payload)


def reasons_of(
    cipher: Cipher, item: OutboxItem, *, reveal: bool = False
) -> tuple[ProvinceReason, ...]:
    """The province's field errors of a rejected item (or the detail of a ``retry_later``,
    or the kiosk's own note), masked unless ``reveal``."""
    words = province_texts.read(cipher, item)
    if not words.errors and not words.detail and not item.last_error:
        return ()
    show = (lambda text: text) if reveal else masker(cipher, item)
    reasons = [
        ProvinceReason(e["field"], e["code"], show(e["message"]))
        for e in words.errors
        if e["message"]
    ]
    if words.detail:
        reasons.append(ProvinceReason("", item.last_error or "", show(words.detail)))
    if not reasons and item.last_error:
        reasons.append(ProvinceReason("", "", show(item.last_error)))
    return tuple(reasons)


def queue_reason(cipher: Cipher, item: OutboxItem) -> Any:
    """What ``kiosk queue`` shows as an item's reason, masked: a rejected item's errors
    (``field``, ``code``, ``message``), else its note (with the province's detail)."""
    if item.errors_json is None and item.reasons_enc is None:
        return item.last_error
    words = province_texts.read(cipher, item)
    show = masker(cipher, item)
    if item.errors_json is not None:
        return [{**e, "message": show(e["message"])} for e in words.errors]
    if words.detail:
        return f"{item.last_error}: {show(words.detail)}" if item.last_error else show(words.detail)
    return item.last_error
