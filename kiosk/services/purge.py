"""Erasing residents' personal data from the data home, keeping the masked session-log facts.

Used by retention (records the province accepted more than ``retention.days`` ago,
:mod:`kiosk.services.retention`) and by a person's request (:mod:`kiosk.services.subject`).

What goes, for each purged record and every outbox item it ever had:

* the sealed frozen payload (``outbox.payload_enc`` → NULL; the keyed ``payload_mac`` and the
  size stay, so what was sent can still be shown to be what the province holds);
* the province's field errors and words on those items (``errors_json``, the sealed
  ``reasons_enc``: they may quote a value);
* the keyed ``subject_ref`` (the person can no longer be linked to the row), and the masked
  name and ID (``N.V.A. 056*****1234`` → ``-``): initials, seven of twelve digits, the day
  and the ward are near enough to one person, and the retention that kept them is over;
* scanned papers no other live record uses: the file is deleted, its row marked ``purged_at``.

What stays: the record row's plain columns (kind, time, receipt code, procedure, amount,
state), the audit chain and the sync history — the session log still counts
the visit. Each purge appends one audit entry with counts only, and the purged record ids
go to ``purge-ledger.jsonl`` in the data home so that restoring an older backup purges them
again (:func:`reapply_ledger`), with the ids of their items the province holds or may hold:
in the restored copy those items take that state again instead of being withdrawn (an item
the province accepted is not "withdrawn before the province accepted it", and what depends
on it is not held for ever). The ledger travels in every backup. Afterwards the database is
compacted (``VACUUM``, WAL truncated; ``secure_delete`` is on for every connection) so no
free page keeps the old bytes.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.services.context import Kiosk
from kiosk.services.records import delete_unreferenced_papers
from kiosk.store import audit
from kiosk.store.crypto import Cipher
from kiosk.store.db import compact, read_session, write_session
from kiosk.store.models import (
    RECORD_MODELS,
    Attachment,
    Dossier,
    DossierAttachment,
    ItemState,
    OutboxItem,
    utcnow,
)
from kiosk.store.outbox import WITHDRAWN, WITHDRAWN_IN_DOUBT, frozen_payload

log = logging.getLogger(__name__)
LEDGER = "purge-ledger.jsonl"
CHUNK = 400  # ids per IN (...) list
UNSENT = (
    ItemState.PENDING.value,
    ItemState.IN_FLIGHT.value,
    ItemState.UNKNOWN.value,
    ItemState.REJECTED.value,
    ItemState.CONFLICT.value,
)
MAYBE_AT_PROVINCE = (ItemState.IN_FLIGHT.value, ItemState.UNKNOWN.value)  # sent, no answer
AT_PROVINCE = (ItemState.ACCEPTED.value, ItemState.DUPLICATE.value)
IN_DOUBT = "in_doubt"  # the ledger's name for a withdrawn item the province may hold


@dataclass(frozen=True, slots=True)
class Target:
    """One record to purge (no personal data: kind, id, receipt code, its item's state)."""

    kind: str
    record_id: str
    receipt_code: str
    state: str
    accepted_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["accepted_at"] = self.accepted_at.isoformat() if self.accepted_at else None
        return values


@dataclass
class PurgeReport:
    records: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    items: int = 0
    withdrawn: int = 0
    files: int = 0
    compacted: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def counts(self) -> dict[str, Any]:
        """What the audit entry holds: counts only."""
        return {
            "records": self.records,
            "by_kind": self.by_kind,
            "items": self.items,
            "withdrawn": self.withdrawn,
            "files": self.files,
        }


def chunks(values: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def purge(
    kiosk: Kiosk,
    targets: Iterable[Target],
    *,
    actor: str,
    action: str,
    detail: dict[str, Any] | None = None,
    now: datetime | None = None,
    compact_after: bool = True,
    known: dict[str, str] | None = None,
) -> PurgeReport:
    """Purge ``targets`` in one transaction (with its audit entry), then delete their files.

    Items not yet accepted become ``superseded`` with :data:`WITHDRAWN` (never sent again):
    callers decide beforehand whether that is wanted (retention only passes accepted ones).
    ``known`` (item id → ``accepted``, ``duplicate`` or :data:`IN_DOUBT`, from the ledger)
    overrides the state of those items: what the province was known to hold when they were
    first purged.
    """
    wanted = list(targets)
    report = PurgeReport()
    if not wanted:
        return report
    now = now or utcnow()
    dossiers = [t.record_id for t in wanted if t.kind == "dossier"]
    with write_session(kiosk.engine) as session:
        papers = papers_of(session, kiosk.cipher, dossiers)  # read before the payloads go
        ids = _mark_records(session, wanted, now, report)
        _purge_items(session, ids, report, known or {})
        files = _release_papers(session, kiosk.cipher, dossiers, papers, now)
        report.files = len(files)
        audit.append(session, actor, action, detail={**report.counts(), **(detail or {})})
        held = _held_by_province(session, ids)
        append_ledger(kiosk.layout.root, action, ids, now, held)  # before the commit: privacy first
    # through the writer: a file a save made live again since the commit above stays
    delete_unreferenced_papers(kiosk, files)
    if compact_after:
        report.compacted = compact_database(kiosk)
    log.info("purged %d records (%s)", report.records, action)
    return report


def _mark_records(
    session: Session, targets: list[Target], now: datetime, report: PurgeReport
) -> list[str]:
    done: list[str] = []
    for kind, model in RECORD_MODELS.items():
        ids = [t.record_id for t in targets if t.kind == kind]
        for part in chunks(ids):
            values: dict[str, Any] = {"purged_at": now}
            if hasattr(model, "subject_ref"):
                values["subject_ref"] = None
            for masked in ("subject_masked", "payer_masked"):  # "-": no one, as if not given
                if hasattr(model, masked):
                    values[masked] = "-"
            session.execute(
                update(model).where(model.id.in_(part), model.purged_at.is_(None)).values(**values)
            )
        if ids:
            report.by_kind[kind] = len(ids)
        done.extend(ids)
    report.records = len(done)
    return done


def _purge_items(
    session: Session, record_ids: list[str], report: PurgeReport, known: dict[str, str]
) -> list[str]:
    item_ids: list[str] = []
    for part in chunks(record_ids):
        rows = session.execute(
            select(OutboxItem.id, OutboxItem.state).where(OutboxItem.record_id.in_(part))
        ).all()
        item_ids.extend(r.id for r in rows)
        report.withdrawn += sum(1 for r in rows if r.state in UNSENT and r.id not in known)
        now = utcnow()
        session.execute(  # sent, no answer yet: the province may hold it (the relay asks)
            update(OutboxItem)
            .where(OutboxItem.record_id.in_(part), OutboxItem.state.in_(MAYBE_AT_PROVINCE))
            .values(state=ItemState.SUPERSEDED.value, last_error=WITHDRAWN_IN_DOUBT,
                    doubt_since=now, next_attempt_at=None, updated_at=now)
        )  # fmt: skip
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.record_id.in_(part), OutboxItem.state.in_(UNSENT))
            .values(
                state=ItemState.SUPERSEDED.value,
                last_error=WITHDRAWN,
                next_attempt_at=None,
                updated_at=now,
            )
        )
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.record_id.in_(part))
            .values(payload_enc=None, errors_json=None, reasons_enc=None)
        )
    _set_known(session, {i: known[i] for i in item_ids if i in known}, utcnow())
    report.items = len(item_ids)
    return item_ids


def _set_known(session: Session, known: dict[str, str], now: datetime) -> None:
    """Items the ledger says the province held (or may hold) when first purged get that state
    back: a restored copy older than the purge has them unsent."""
    for state in AT_PROVINCE:
        ids = [i for i, s in known.items() if s == state]
        for part in chunks(ids):
            session.execute(
                update(OutboxItem)
                .where(OutboxItem.id.in_(part))
                .values(state=state, last_error=None, doubt_since=None, next_attempt_at=None,
                        updated_at=now)
            )  # fmt: skip
    doubted = [i for i, s in known.items() if s == IN_DOUBT]
    for part in chunks(doubted):
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.id.in_(part), OutboxItem.state.not_in(AT_PROVINCE))
            .values(state=ItemState.SUPERSEDED.value, last_error=WITHDRAWN_IN_DOUBT,
                    doubt_since=now, next_attempt_at=None, updated_at=now)
        )  # fmt: skip


def _held_by_province(session: Session, record_ids: list[str]) -> dict[str, str]:
    """After a purge: its items the province holds (accepted, duplicate) or may hold (in
    doubt), by id — what the ledger keeps besides the record ids."""
    held: dict[str, str] = {}
    for part in chunks(record_ids):
        rows = session.execute(
            select(OutboxItem.id, OutboxItem.state, OutboxItem.doubt_since).where(
                OutboxItem.record_id.in_(part)
            )
        )
        for item_id, state, doubt_since in rows:
            if state in AT_PROVINCE:
                held[item_id] = state
            elif doubt_since is not None:
                held[item_id] = IN_DOUBT
    return held


def papers_of(session: Session, cipher: Cipher, dossier_ids: list[str]) -> set[str]:
    """The scanned papers of ``dossier_ids``: their link rows and every paper their items'
    payloads name (a correction may add a paper without a link row)."""
    shas: set[str] = set()
    for part in chunks(dossier_ids):
        shas.update(
            session.execute(
                select(DossierAttachment.sha256).where(DossierAttachment.dossier_id.in_(part))
            ).scalars()
        )
        items = session.execute(
            select(OutboxItem).where(
                OutboxItem.record_id.in_(part), OutboxItem.payload_enc.is_not(None)
            )
        ).scalars()
        for item in items:
            papers = json.loads(frozen_payload(cipher, item)).get("TaiLieuNop") or []
            shas.update(p["sha256"] for p in papers if isinstance(p, dict) and "sha256" in p)
    return shas


def papers_released(
    session: Session, cipher: Cipher, dossier_ids: list[str], shas: set[str] | None = None
) -> list[str]:
    """Papers of ``dossier_ids`` (or ``shas``) that no other live (unpurged) dossier uses:
    neither by a link row nor in a live payload."""
    if shas is None:
        shas = papers_of(session, cipher, dossier_ids)
    if not shas:
        return []
    purging = set(dossier_ids)
    linked = {
        sha
        for sha, dossier in session.execute(
            select(DossierAttachment.sha256, DossierAttachment.dossier_id)
            .join(Dossier, Dossier.id == DossierAttachment.dossier_id)
            .where(DossierAttachment.sha256.in_(sorted(shas)), Dossier.purged_at.is_(None))
        ).all()
        if dossier not in purging
    }
    free = shas - linked
    return sorted(free - _named_in_live_payloads(session, cipher, free, purging))


def _named_in_live_payloads(
    session: Session, cipher: Cipher, shas: set[str], purging: set[str]
) -> set[str]:
    if not shas:
        return set()
    items = session.execute(
        select(OutboxItem)
        .where(OutboxItem.kind == "dossier", OutboxItem.payload_enc.is_not(None))
        .execution_options(yield_per=500)
    ).scalars()
    named: set[str] = set()
    for item in items:
        if item.record_id in purging:
            continue
        text = frozen_payload(cipher, item)
        named.update(sha for sha in shas if sha.encode("ascii") in text)
    return named


def _release_papers(
    session: Session, cipher: Cipher, dossier_ids: list[str], shas: set[str], now: datetime
) -> list[str]:
    released = papers_released(session, cipher, dossier_ids, shas)
    for part in chunks(released):
        session.execute(
            update(Attachment)
            .where(Attachment.sha256.in_(part), Attachment.purged_at.is_(None))
            .values(purged_at=now)
        )
    return released


def compact_database(kiosk: Kiosk) -> bool:
    try:
        return compact(kiosk.engine)
    except Exception:  # busy for too long: secure_delete already zeroed the freed bytes
        log.exception("VACUUM after a purge failed; it will be tried after the next purge")
        return False


# --- the ledger: purged ids, re-applied after a restore ------------------------------------


def ledger_path(root: Path) -> Path:
    return root / LEDGER


def append_ledger(
    root: Path,
    action: str,
    record_ids: list[str],
    now: datetime,
    held: dict[str, str] | None = None,
) -> None:
    entry: dict[str, Any] = {"at": now.isoformat(), "action": action, "records": record_ids}
    if held:
        entry["items"] = {
            state: sorted(i for i, s in held.items() if s == state)
            for state in sorted(set(held.values()))
        }
    append_ledger_lines(ledger_path(root), [json.dumps(entry)])


def append_ledger_lines(path: Path, lines: list[str]) -> None:
    """Lines added to a ledger file, on disk before this returns."""
    with path.open("a", encoding="utf-8") as handle:
        handle.writelines(line + "\n" for line in lines)
        handle.flush()
        os.fsync(handle.fileno())
    path.chmod(0o600)


@dataclass
class Ledger:
    """What a ledger says: the purged record ids, and the state of their items the province
    held or may hold then (item id → ``accepted``, ``duplicate`` or :data:`IN_DOUBT`)."""

    records: set[str] = field(default_factory=set)
    items: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> Ledger:
        ledger = cls()
        for line in text.splitlines():
            try:
                entry = json.loads(line)
                ledger.records.update(entry.get("records", []))
                for state, ids in entry.get("items", {}).items():
                    if state in (*AT_PROVINCE, IN_DOUBT):
                        ledger.items.update(dict.fromkeys(ids, state))
            except (ValueError, AttributeError, TypeError):
                log.warning("unreadable line in %s skipped", LEDGER)
        return ledger


def read_ledger(root: Path) -> Ledger:
    path = ledger_path(root)
    return Ledger.parse(path.read_text(encoding="utf-8")) if path.exists() else Ledger()


def merge_ledger(root: Path, *texts: str) -> int:
    """Lines of other ledgers (backups') the data home's lacks are added; how many."""
    path = ledger_path(root)
    have = set(path.read_text(encoding="utf-8").splitlines()) if path.exists() else set()
    lines = dict.fromkeys(line for text in texts for line in text.splitlines())
    new = [line for line in lines if line.strip() and line not in have]
    if new:
        append_ledger_lines(path, new)
    return len(new)


def reapply_ledger(kiosk: Kiosk, actor: str = "system") -> PurgeReport:
    """Purge again what the ledger says was purged (after restoring an older backup)."""
    ledger = read_ledger(kiosk.layout.root)
    if not ledger.records:
        return PurgeReport()
    targets = [t for t in live_records(kiosk) if t.record_id in ledger.records]
    return purge(kiosk, targets, actor=actor, action="purge.reapply", known=ledger.items)


def live_records(kiosk: Kiosk) -> list[Target]:
    """Every record not purged yet, with its current item's state."""
    found: list[Target] = []
    with read_session(kiosk.engine) as session:
        for kind, model in RECORD_MODELS.items():
            rows = session.execute(
                select(model.id, model.receipt_code, OutboxItem.state)
                .join(OutboxItem, OutboxItem.id == model.current_item_id)
                .where(model.purged_at.is_(None))
            ).all()
            found.extend(Target(kind, r[0], r[1], r[2]) for r in rows)
    return found
