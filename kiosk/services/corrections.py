"""Correcting a record the province rejected: its current payload as a list of editable
leaves, the province's reasons as field errors, and the edits folded back into a payload for
:func:`kiosk.services.records.correct_record` (which validates it and creates the superseding
outbox item). No Qt.

Leaves are named by contract paths without the ``payload.`` prefix (``DiaChi.SoNha``,
``DanhSachLePhi[0].SoTien``), the same paths field errors use.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from kiosk.domain.errors import FieldError
from kiosk.domain.fields import LABELS
from kiosk.domain.payloads import PAYLOAD_FIELDS
from kiosk.services.context import Kiosk
from kiosk.services.province_words import reasons_of
from kiosk.services.records import record_payload
from kiosk.store.db import read_session
from kiosk.store.models import RECORD_MODELS, ItemState, OutboxItem

# Filled by the kiosk or the catalogue, or proof of what happened (consent, scanned files):
# shown, never edited by hand.
LOCKED_KEYS = frozenset(
    {
        "MaBienNhanTaiDiem",
        "NgayNopTaiDiem",
        "NguoiHoTro",
        "ThoiDiem",
        "dossier_id",
        "TenTTHC",
        "MaLinhVuc",
        "TenLinhVuc",
        "sha256",
        "size",
        "mime",
    }
)
LOCKED_BRANCHES = frozenset({"DongY"})
_PART = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")
_INTEGER = re.compile(r"-?[0-9]+")


class NotCorrectable(Exception):
    """This item cannot be corrected (any more); messages Vietnamese and English."""

    def __init__(self, code: str, message: str, message_en: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_en = message_en


@dataclass(frozen=True, slots=True)
class Leaf:
    path: str
    value: Any
    editable: bool

    @property
    def kind(self) -> str:
        """``bool``, ``int``, ``text``, ``empty`` (null) or ``list`` (of plain values)."""
        if isinstance(self.value, bool):
            return "bool"
        if isinstance(self.value, int):
            return "int"
        if self.value is None:
            return "empty"
        if isinstance(self.value, list):
            return "list"
        return "text"


@dataclass(frozen=True, slots=True)
class CorrectionDraft:
    item_id: str
    record_id: str
    kind: str
    receipt_code: str
    payload: dict[str, Any]
    errors: tuple[FieldError, ...]

    @property
    def leaves(self) -> list[Leaf]:
        return list(leaves(self.payload, kind=self.kind))


def load(kiosk: Kiosk, item_id: str) -> CorrectionDraft:
    """The rejected item ``item_id`` with its record's current payload and the reasons."""
    with read_session(kiosk.engine) as session:
        item = session.execute(
            select(OutboxItem).where(OutboxItem.id == item_id)
        ).scalar_one_or_none()
        if item is None:
            raise NotCorrectable("not_found", "Không tìm thấy mục này.", "Item not found.")
        if item.state != ItemState.REJECTED.value:
            raise NotCorrectable(
                "not_rejected",
                "Mục này không còn ở trạng thái bị từ chối (có thể đã được sửa).",
                "This item is no longer rejected (it may have been corrected already).",
            )
        record = session.get(RECORD_MODELS[item.kind], item.record_id)
        payload = record_payload(kiosk, session, record) if record is not None else None
        if record is None or payload is None:
            raise NotCorrectable(
                "purged",
                "Dữ liệu của mục này không còn trên máy; hãy lập hồ sơ mới.",
                "This item's data is no longer on this machine; make a new record.",
            )
        return CorrectionDraft(
            item.id,
            record.id,
            item.kind,
            record.receipt_code,
            payload,
            province_errors(kiosk, item),
        )


def province_errors(kiosk: Kiosk, item: OutboxItem) -> tuple[FieldError, ...]:
    """The province's reasons as field errors (the province writes Vietnamese only), opened
    as written: this is the one place they are shown unmasked — to the logged-in volunteer
    who corrects the record, who must read what the province said of the person."""
    return tuple(
        FieldError(r.field, r.code or "province_refused", r.message, r.message)
        for r in reasons_of(kiosk.cipher, item, reveal=True)
    )


def leaves(value: Any, path: str = "", locked: bool = False, kind: str = "") -> Iterator[Leaf]:
    """Every plain value of a payload, depth first in the contract's field order (a frozen
    payload is stored with sorted keys), with whether it may be edited."""
    if isinstance(value, Mapping):
        order = _field_order(kind if not path else "")
        for key, child in sorted(value.items(), key=lambda pair: order(str(pair[0]))):
            inner = f"{path}.{key}" if path else str(key)
            yield from leaves(child, inner, locked or key in LOCKED_BRANCHES or key in LOCKED_KEYS)
    elif isinstance(value, list) and any(isinstance(v, Mapping | list) for v in value):
        for index, child in enumerate(value):
            yield from leaves(child, f"{path}[{index}]", locked)
    else:
        editable = not locked and not isinstance(value, list)
        yield Leaf(path, value, editable)


_LABEL_ORDER = {key: index for index, key in enumerate(LABELS)}


def _field_order(kind: str) -> Any:
    """Sort key: the kind's contract order at the top level, else the labels' order."""
    fields = {key: index for index, key in enumerate(PAYLOAD_FIELDS.get(kind, ()))}
    order = fields or _LABEL_ORDER
    return lambda key: (order.get(key, len(order)), key)


def apply_edits(payload: Mapping[str, Any], edits: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``payload`` with each edited leaf replaced (typed like the value it had).

    Values that do not fit (letters for an amount) are passed on as typed, so that the
    validator names the problem next to the field. Locked or unknown paths are refused.
    """
    editable = {leaf.path: leaf for leaf in leaves(payload) if leaf.editable}
    result = copy.deepcopy(dict(payload))
    for path, raw in edits.items():
        leaf = editable.get(path)
        if leaf is None:
            raise KeyError(f"not an editable field: {path}")
        _set(result, path, coerce(leaf.value, raw))
    return result


def coerce(original: Any, raw: Any) -> Any:
    if isinstance(original, bool) or isinstance(raw, bool):
        return bool(raw)
    text = str(raw).strip() if raw is not None else ""
    if not text:
        return None
    if isinstance(original, int):
        digits = text.replace(".", "").replace(" ", "")  # 1.500.000 as a volunteer types it
        return int(digits) if _INTEGER.fullmatch(digits) else text
    return text


def _set(target: Any, path: str, value: Any) -> None:
    parts = [key or int(index) for key, index in _PART.findall(path)]
    for part in parts[:-1]:
        target = target[part]
    target[parts[-1]] = value
