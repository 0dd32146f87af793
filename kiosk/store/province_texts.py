"""The province's own words about an item, sealed at rest.

A rejection's messages and a ``retry_later`` item's ``detail`` are free text the province
writes, and real portals quote the person in them ("Số định danh 0790… của công dân Trần Hữu
Nam không khớp…"). A name cannot be found by a pattern, so these words are never stored in
plain text: they are sealed with the data key (AES-GCM, associated data
``outbox-reasons:<item id>``) in ``outbox.reasons_enc``, as a record's payload is. In plain
text the outbox keeps only what is needed to act on them: each error's field path and code
(``errors_json``, ``[{"field": "payload.MaDoiTuong", "code": "invalid_format"}]``), and
``last_error = "retry_later"`` for an item the province asked to send again later.

Who reads them: :func:`read` opens them; the volunteer's correction screen shows them as they
are (a volunteer is logged in to correct that record), every other output masks them
(``kiosk.services.province_words``).

Databases before schema 0010 kept the words in plain text; 0010 cannot seal them (a migration
has no data key), so it leaves :data:`UPGRADE_FLAG` in ``meta`` and :func:`seal_plain` — run by
``Kiosk.open`` once the data key is known — seals them and rewrites the plain columns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from kiosk.store.crypto import Cipher
from kiosk.store.models import ItemState, Meta, OutboxItem

RETRY_LATER = "retry_later"  # ``last_error`` of an item the province asked to send again later
UPGRADE_FLAG = "upgrade.seal_province_texts"  # set by schema 0010 when plain words are left
# what may stay in plain text: a contract path and a code, nothing that could be a sentence
_FIELD = re.compile(r"[A-Za-z0-9_.\[\]]{0,120}")
_CODE = re.compile(r"[A-Za-z0-9_.\-]{0,64}")


def aad(item_id: str) -> bytes:
    return f"outbox-reasons:{item_id}".encode("ascii")


@dataclass(frozen=True, slots=True)
class ProvinceWords:
    """What the province said about one item: its field errors (``field``, ``code``,
    ``message``) and the ``detail`` of a ``retry_later``, as the province wrote them."""

    errors: tuple[dict[str, str], ...] = ()
    detail: str | None = None


def _plain(entry: Mapping[str, Any]) -> dict[str, str]:
    """An error's field path and code, only if they look like a path and a code."""
    field, code = str(entry.get("field") or ""), str(entry.get("code") or "")
    return {
        "field": field if _FIELD.fullmatch(field) else "",
        "code": code if _CODE.fullmatch(code) else "",
    }


def columns(
    cipher: Cipher,
    item_id: str,
    errors: Iterable[Mapping[str, Any]] = (),
    detail: str | None = None,
    *,
    rejected: bool = True,
) -> dict[str, Any]:
    """The ``errors_json`` and ``reasons_enc`` values for what the province said: the field
    paths and codes in plain text (a rejected item's, even when there are none), every word
    sealed."""
    entries = [
        {"field": str(e.get("field") or ""), "code": str(e.get("code") or ""),
         "message": str(e.get("message") or "")}
        for e in errors
    ]  # fmt: skip
    words = any(e["message"] for e in entries) or bool(detail)
    sealed = (
        cipher.seal_json({"errors": entries, "detail": detail or None}, aad(item_id))
        if words
        else None
    )
    plain = [_plain(e) for e in entries]
    return {
        "errors_json": json.dumps(plain, ensure_ascii=False) if rejected or plain else None,
        "reasons_enc": sealed,
    }


def read(cipher: Cipher, item: OutboxItem) -> ProvinceWords:
    """What the province said about ``item``, opened (the plain field paths and codes alone
    when nothing was sealed)."""
    if item.reasons_enc is not None:
        opened = cipher.open_json(item.reasons_enc, aad(item.id))
        errors = tuple(
            {k: str(e.get(k) or "") for k in ("field", "code", "message")}
            for e in opened.get("errors") or ()
            if isinstance(e, dict)
        )
        detail = opened.get("detail")
        return ProvinceWords(errors, detail if isinstance(detail, str) else None)
    return ProvinceWords(_plain_errors(item.errors_json))


def _plain_errors(errors_json: str | None) -> tuple[dict[str, str], ...]:
    raw: Any = json.loads(errors_json) if errors_json else []
    if not isinstance(raw, list):
        return ()
    return tuple(
        {k: str(e.get(k) or "") for k in ("field", "code", "message")}
        for e in raw
        if isinstance(e, dict)
    )


# rows an older version wrote: plain messages, or a pending item's province ``detail``
_OLD_ROWS = or_(
    OutboxItem.errors_json.like('%"message"%'),
    (OutboxItem.state == ItemState.PENDING.value)
    & OutboxItem.last_error.is_not(None)
    & (OutboxItem.last_error != RETRY_LATER),
)


def seal_plain(session: Session, cipher: Cipher) -> int:
    """The upgrade step after schema 0010: the province's words older versions kept in plain
    text are sealed, the plain columns keep paths and codes only (``secure_delete`` is on for
    every connection: the old cells leave no bytes in the file). Returns the items rewritten."""
    rows = session.execute(
        select(
            OutboxItem.id, OutboxItem.state, OutboxItem.errors_json, OutboxItem.last_error
        ).where(OutboxItem.reasons_enc.is_(None), _OLD_ROWS)
    ).all()
    for row in rows:
        errors = _plain_errors(row.errors_json)
        pending = row.state == ItemState.PENDING.value and row.last_error not in (None, RETRY_LATER)
        values = columns(
            cipher,
            row.id,
            errors,
            row.last_error if pending else None,
            rejected=row.errors_json is not None,
        )
        if pending:
            values["last_error"] = RETRY_LATER
        session.execute(update(OutboxItem).where(OutboxItem.id == row.id).values(**values))
    session.execute(delete(Meta).where(Meta.key == UPGRADE_FLAG))
    return len(rows)
