"""Saving what a volunteer or resident filled in: the one save path of the kiosk.

``save_record`` validates (domain rules), stores scanned papers, then in ONE transaction writes
the record, its outbox item (frozen payload, UUIDv7 id = idempotency key) and an audit entry.
When it returns, the record is on disk (WAL, synchronous=FULL): it survives kill -9 and power
loss. A validation failure writes nothing at all.

The save transaction is written in plain SQL on the SQLite connection: a handful of
statements, no ORM unit of work, run by the kiosk's group commit
(:mod:`kiosk.store.group_commit`): saves that arrive together — several threads, or the
paper-form import's :func:`save_records` — share one COMMIT, each in its own savepoint. A
record's payload is stored once, in its outbox item (:func:`record_payload` reads it).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.errors import FieldError, ValidationError
from kiosk.domain.fields import VN_TZ
from kiosk.domain.masking import initials, mask_id
from kiosk.domain.payloads import ProcedureRef, ValidationContext, validate_payload
from kiosk.services import catalog, receipt_codes
from kiosk.services.context import Kiosk
from kiosk.store import audit, outbox
from kiosk.store.attachments import AttachmentTooLarge
from kiosk.store.db import dbapi, insert_row, read_session, write_session
from kiosk.store.failure_names import failure_name
from kiosk.store.import_refs import import_ref_key
from kiosk.store.models import (
    RECORD_MODELS,
    RECORD_TABLES,
    ItemState,
    OutboxItem,
    RecordMixin,
    db_time,
    utcnow,
)

log = logging.getLogger(__name__)
KINDS = tuple(RECORD_MODELS)
TABLES = RECORD_TABLES
POSTAL_RETURN = 1  # HinhThucNhanKetQua: result returned by public postal service


@dataclass(frozen=True, slots=True)
class SavedRecord:
    kind: str
    id: str
    item_id: str
    receipt_code: str
    linked: tuple[SavedRecord, ...] = field(default=())


class AlreadyImported(Exception):
    def __init__(self, ref: str, record_id: str) -> None:
        super().__init__(ref)
        self.ref = ref
        self.record_id = record_id


def vn_stamp(at: datetime) -> str:
    """The national portal's date format, Vietnam time: yyyyMMddHHmmss."""
    return at.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")


def validation_context(
    kiosk: Kiosk, now: datetime, refs: Mapping[str, ProcedureRef] | None = None
) -> ValidationContext:
    """The rules' view of the kiosk at ``now``. ``refs``: the catalogue's references as read
    once for many saves (:func:`save_records`); without them each procedure lookup checks
    the stored catalogue's stamp first."""
    settings = kiosk.settings
    return ValidationContext(
        now=now.astimezone(VN_TZ),
        consent_versions=frozenset(settings.get_list("consent.versions")),
        max_amount_vnd=settings.get_int("money.max_vnd"),
        procedure=refs.get if refs is not None else lambda code: catalog.procedure_ref(kiosk, code),
    )


@dataclass(frozen=True, slots=True)
class NewRecord:
    """One record to save: its kind, its contract-v1 payload, and an import ``ref`` if any."""

    kind: str
    payload: Mapping[str, Any]
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A validated record, ready for its transaction; ``new_files`` are papers it stored."""

    write: Callable[[sqlite3.Connection], SavedRecord]
    new_files: list[str]


def save_record(
    kiosk: Kiosk,
    kind: str,
    payload: Mapping[str, Any],
    actor: str,
    *,
    ref: str | None = None,
    now: datetime | None = None,
) -> SavedRecord:
    """Validate and save one record with its outbox item and audit entry, atomically.

    Returns once the record is committed (see :mod:`kiosk.store.group_commit`: a save that
    arrives while another commits shares that one's next COMMIT)."""
    prepared = _prepare(kiosk, NewRecord(kind, payload, ref), actor, now or utcnow())
    try:
        saved = kiosk.writes.run(prepared.write)
    except BaseException:
        _forget_new_papers(kiosk, prepared.new_files)  # nothing half-written
        raise
    _log_saved(saved)
    return saved


def save_records(
    kiosk: Kiosk, records: Sequence[NewRecord], actor: str, *, now: datetime | None = None
) -> list[SavedRecord | Exception]:
    """Save many records, each alone (all-or-nothing on its own), in as few commits as can be.

    Each record is validated, then all go to the group commit in order: every record gets its
    own savepoint, a group of them one COMMIT. Returns, in the same order, each record's
    :class:`SavedRecord` or the error that refused it (nothing of a refused record is stored).
    Returns only once every saved record is on disk.
    """
    prepared: list[_Prepared | Exception] = []
    refs = catalog.refs(kiosk)  # one catalogue check for the whole group, not one a lookup
    for record in records:
        try:
            prepared.append(_prepare(kiosk, record, actor, now or utcnow(), refs))
        except Exception as exc:  # refused before its transaction: reported in its place
            prepared.append(exc)
    ready = [p for p in prepared if isinstance(p, _Prepared)]
    outcomes = iter(kiosk.writes.run_all([p.write for p in ready]))
    results: list[SavedRecord | Exception] = []
    for item in prepared:
        if isinstance(item, Exception):
            results.append(item)
            continue
        outcome = next(outcomes)
        if outcome.error is None:
            saved = outcome.result()
            _log_saved(saved)
            results.append(saved)
        else:
            _forget_new_papers(kiosk, item.new_files)
            assert isinstance(outcome.error, Exception)  # units' errors, or GroupAborted
            results.append(outcome.error)
    return results


def _log_saved(saved: SavedRecord) -> None:
    log.info("saved %s %s (item %s)", saved.kind, saved.receipt_code, saved.item_id)


def _prepare(
    kiosk: Kiosk,
    record: NewRecord,
    actor: str,
    now: datetime,
    refs: Mapping[str, ProcedureRef] | None = None,
) -> _Prepared:
    """Everything before the transaction: the kind, the scanned papers, the domain rules."""
    kind = record.kind
    if kind not in KINDS:
        raise ValidationError(
            [
                FieldError(
                    "kind",
                    "invalid_choice",
                    f"Loại hồ sơ không hợp lệ: {kind!r}",
                    f"Unknown record kind: {kind!r}",
                )
            ]
        )
    raw = dict(record.payload)
    new_files = _store_papers(kiosk, raw)
    try:
        context = validation_context(kiosk, now, refs)
        clean = validate_payload(kind, raw, context)
        linked = _linked_postal_return(kind, clean, context)
    except BaseException:
        _forget_new_papers(kiosk, new_files)
        raise
    ref = record.ref
    ref_key = import_ref_key(kiosk.cipher, ref) if ref is not None else None

    def write(db: sqlite3.Connection) -> SavedRecord:
        """The transaction's part: refs, links and papers checked, every row written."""
        if ref is not None and ref_key is not None:
            _refuse_seen_ref(db, ref, ref_key)
        if kind == "dossier":  # under the write lock: a refused save's delete of the same
            check_papers_present(kiosk, clean)  # file is before or after this, not between
        saved = _write(db, kiosk, kind, clean, actor, now)
        extra = tuple(
            _write(db, kiosk, "registration", _attach(reg, saved), actor, now) for reg in linked
        )
        if ref_key is not None:
            imported = {"ref": ref_key, "record_id": saved.id, "imported_at": db_time(now)}
            insert_row(db, "import_refs", imported)
        return SavedRecord(saved.kind, saved.id, saved.item_id, saved.receipt_code, extra)

    return _Prepared(write, new_files)


def _write(
    db: sqlite3.Connection,
    kiosk: Kiosk,
    kind: str,
    clean: dict[str, Any],
    actor: str,
    now: datetime,
) -> SavedRecord:
    """Record, scanned-paper links, outbox item, audit entry: plain INSERTs, one transaction."""
    item_id = outbox.new_item_id()  # a record's id is the id of its first outbox item
    given = clean.get("MaBienNhanTaiDiem")
    if given:
        _refuse_used_code(db, given)
        receipt_codes.claim(db, given)
    code = given or receipt_codes.next_code(db, kiosk.settings.get_str("kiosk.receipt_prefix"), now)
    payload = _fill_kiosk_fields(kind, clean, code, actor, now)
    depends_on = None
    if kind in {"payment", "registration"} and payload.get("dossier_id"):
        # the dossier as the province will know it: a correction gave it a new item, and the
        # one named (a receipt's record id is its first item) was superseded, never sent
        depends_on = payload["dossier_id"] = _current_dossier_item(db, payload["dossier_id"])
    insert_row(db, TABLES[kind], _make_record(db, kiosk, kind, payload, item_id, code, actor, now))
    if kind == "dossier":
        _link_papers(db, item_id, payload, now)
    item = outbox.new_item(
        kiosk.cipher,
        item_id=item_id,
        kind=kind,
        record_id=item_id,
        payload=payload,
        depends_on=depends_on,
        at=now,
    )
    outbox.enqueue_sql(db, item)
    detail = {"receipt_code": code, "item_id": item_id}
    audit.append_sql(db, actor, f"{kind}.create", kind, item_id, detail, at=now)
    return SavedRecord(kind, item_id, item_id, code)


def _fill_kiosk_fields(
    kind: str, clean: dict[str, Any], code: str, actor: str, now: datetime
) -> dict[str, Any]:
    payload = dict(clean)
    if kind in {"dossier", "payment", "registration"}:
        payload["MaBienNhanTaiDiem"] = code
    if kind == "dossier":
        payload.setdefault("NguoiHoTro", actor)
        payload.setdefault("NgayNopTaiDiem", vn_stamp(now))
    else:
        payload.setdefault("ThoiDiem", vn_stamp(now))
    return payload


def _make_record(
    db: sqlite3.Connection,
    kiosk: Kiosk,
    kind: str,
    payload: dict[str, Any],
    item_id: str,
    code: str,
    actor: str,
    now: datetime,
) -> dict[str, Any]:
    """The record's row (column → stored value); its payload goes in its outbox item only."""
    common: dict[str, Any] = {
        "id": item_id,  # a record's id is the id of its first outbox item
        "receipt_code": code,
        "created_at": db_time(now),
        "actor": actor,
        "current_item_id": item_id,
    }
    return _BUILDERS[kind](db, kiosk, payload, common)


def _subject(kiosk: Kiosk, name: str | None, ident: str | None) -> dict[str, Any]:
    masked = " ".join(part for part in (initials(name or ""), mask_id(ident or "")) if part)
    ref = kiosk.cipher.subject_ref(ident) if ident else None
    return {"subject_masked": masked or "-", "subject_ref": ref}


def _dossier(
    db: sqlite3.Connection, kiosk: Kiosk, p: dict[str, Any], common: dict[str, Any]
) -> dict[str, Any]:
    fees = sum(int(f.get("SoTien") or 0) for f in p.get("DanhSachLePhi") or [])
    return {
        **common,
        "procedure_code": p["MaTTHC"],
        "procedure_name": p["TenTTHC"],
        "return_method": int(p["HinhThucNhanKetQua"]),
        "fee_total": fees,
        **_subject(kiosk, p.get("ChuHoSo"), p.get("MaDoiTuong")),
    }


def _payment(
    db: sqlite3.Connection, kiosk: Kiosk, p: dict[str, Any], common: dict[str, Any]
) -> dict[str, Any]:
    subject = _subject(kiosk, p.get("NguoiNop"), p.get("MaDoiTuongNguoiNop"))
    return {
        **common,
        "dossier_id": _dossier_record_id(db, p.get("dossier_id")),
        "purpose": p["LoaiKhoanNop"],
        "method": p["HinhThuc"],
        "amount": int(p["SoTien"]),
        "payer_masked": subject["subject_masked"],
        "subject_ref": subject["subject_ref"],
    }


def _registration(
    db: sqlite3.Connection, kiosk: Kiosk, p: dict[str, Any], common: dict[str, Any]
) -> dict[str, Any]:
    person = p.get("NguoiDangKy") or {}
    return {
        **common,
        "service": p["DichVu"],
        "dossier_id": _dossier_record_id(db, p.get("dossier_id")),
        **_subject(kiosk, person.get("HoTen"), person.get("MaDoiTuong")),
    }


def _feedback(
    db: sqlite3.Connection, kiosk: Kiosk, p: dict[str, Any], common: dict[str, Any]
) -> dict[str, Any]:
    return {**common, "topic": p["LinhVuc"], "anonymous": bool(p["AnDanh"])}


def _visit(
    db: sqlite3.Connection, kiosk: Kiosk, p: dict[str, Any], common: dict[str, Any]
) -> dict[str, Any]:
    return {
        **common,
        "topic": p["ChuDe"],
        "procedure_code": p.get("MaTTHC"),
        "result": p["KetQua"],
        "duration_s": int(p["ThoiLuongGiay"]),
    }


_BUILDERS = {
    "dossier": _dossier,
    "payment": _payment,
    "registration": _registration,
    "feedback": _feedback,
    "visit": _visit,
}


def _current_dossier_item(db: sqlite3.Connection, item_id: str) -> str:
    """The current outbox item of the dossier one of whose items is ``item_id``."""
    row = db.execute(
        "SELECT d.current_item_id FROM outbox AS o JOIN dossiers AS d ON d.id = o.record_id "
        "WHERE o.id = ? AND o.kind = 'dossier'",
        (item_id,),
    ).fetchone()
    if row is None:
        raise _unknown_dossier()
    current: str = row[0]
    return current


def _dossier_record_id(db: sqlite3.Connection, item_id: str | None) -> str | None:
    """A payment/registration names its dossier by the dossier's outbox item id."""
    if item_id is None:
        return None
    row = db.execute(
        "SELECT record_id FROM outbox WHERE id = ? AND kind = 'dossier'", (item_id,)
    ).fetchone()
    found: str | None = row[0] if row else None
    if found is None:
        raise _unknown_dossier()
    return found


def _unknown_dossier() -> ValidationError:
    return ValidationError(
        [
            FieldError(
                "payload.dossier_id",
                "unknown_dossier",
                "Không tìm thấy hồ sơ mà khoản này gắn với",
                "The dossier this refers to was not found",
            )
        ]
    )


def _refuse_seen_ref(db: sqlite3.Connection, ref: str, key: str) -> None:
    seen = db.execute("SELECT record_id FROM import_refs WHERE ref = ?", (key,)).fetchone()
    if seen is not None:
        raise AlreadyImported(ref, seen[0])


def _refuse_used_code(db: sqlite3.Connection, code: str) -> None:
    for table in TABLES.values():
        sql = f"SELECT 1 FROM {table} WHERE receipt_code = ?"  # noqa: S608 (names from code)
        if db.execute(sql, (code,)).fetchone() is not None:
            raise ValidationError(
                [
                    FieldError(
                        "payload.MaBienNhanTaiDiem",
                        "duplicate",
                        "Mã biên nhận này đã được dùng",
                        "This receipt code is already used",
                    )
                ]
            )


# --- scanned papers -----------------------------------------------------------------------


def _store_papers(kiosk: Kiosk, raw: dict[str, Any]) -> list[str]:
    """Entries of ``TaiLieuNop`` given as ``{"path": ...}`` are read, encrypted and stored;
    the entry then carries ``sha256``, ``size``, ``mime`` as the contract wants."""
    papers = raw.get("TaiLieuNop")
    if not isinstance(papers, list):
        return []
    created: list[str] = []
    stored: list[Any] = []
    for index, entry in enumerate(papers):
        if isinstance(entry, dict) and "path" in entry:
            entry = dict(entry)
            source = Path(str(entry.pop("path")))
            try:
                info = kiosk.attachments.put(source.read_bytes(), entry.get("mime"), source.name)
            except (OSError, AttachmentTooLarge) as exc:
                _forget_new_papers(kiosk, created)  # the papers before it, stored for nothing
                raise ValidationError([_paper_error(index, exc)]) from None
            if info.created:
                created.append(info.sha256)
            entry.setdefault("TenTepDinhKem", source.name)
            entry.update(sha256=info.sha256, size=info.size, mime=info.mime)
        stored.append(entry)
    raw["TaiLieuNop"] = stored
    return created


def delete_unreferenced_papers(
    kiosk: Kiosk, shas: Iterable[str], *, older_than: float | None = None
) -> int:
    """Delete the files among ``shas`` that no live (unpurged) attachment row references;
    returns how many were deleted. Used by refused saves (their new scans), purges and the
    stray-paper sweep (``older_than``: only files last changed before that time, looked at
    under the write lock — a scan stored again just now is in a save).

    One unit of the writer, under the write lock: a save of the same file (it found the file
    there, so the file is not among its new scans) has either committed its reference before
    this looks, or re-checks its papers in its own transaction after this deleted them and is
    refused with ``missing_file`` — never saved pointing at a deleted file.
    """
    wanted = sorted(set(shas))
    if not wanted:
        return 0

    def delete(db: sqlite3.Connection) -> int:
        deleted = 0
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ", ".join("?" * len(part))
            sql = (  # a purged row is no reference: its file was deleted already
                "SELECT sha256 FROM attachments "  # noqa: S608 (placeholders only)
                f"WHERE purged_at IS NULL AND sha256 IN ({marks})"
            )
            live = {row[0] for row in db.execute(sql, part)}
            for sha in part:
                if sha in live or not _old_enough(kiosk, sha, older_than):
                    continue
                kiosk.attachments.delete(sha)
                deleted += 1
        return deleted

    return kiosk.writes.run(delete)


def _old_enough(kiosk: Kiosk, sha: str, older_than: float | None) -> bool:
    if older_than is None:
        return True
    try:
        return kiosk.attachments.path_for(sha).stat().st_mtime < older_than
    except FileNotFoundError:
        return False  # gone already


def _forget_new_papers(kiosk: Kiosk, shas: Sequence[str]) -> None:
    """A refused save's new scans go. If deleting them fails too, the refusal is still what the
    caller hears (the volunteer sees the field message, not a disk error); the files are left
    to :mod:`kiosk.services.stray_papers`."""
    if not shas:
        return
    try:
        delete_unreferenced_papers(kiosk, shas)
    except Exception as exc:
        left, why = len(shas), failure_name(exc)
        log.warning("%d scan(s) of a refused save left for the sweep: %s", left, why)


def _paper_error(index: int, exc: Exception) -> FieldError:
    if isinstance(exc, AttachmentTooLarge):
        return FieldError(
            f"payload.TaiLieuNop[{index}]",
            "too_large",
            "Tệp đính kèm lớn hơn 10 MB",
            "Attachment larger than 10 MiB",
        )
    return FieldError(
        f"payload.TaiLieuNop[{index}]",
        "unreadable",
        "Không đọc được tệp đính kèm",
        "The attached file cannot be read",
    )


# a paper purged with an earlier dossier and brought again is live again (backups, relay)
_ADD_ATTACHMENT = (
    "INSERT INTO attachments (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (sha256) DO UPDATE SET purged_at = NULL WHERE attachments.purged_at IS NOT NULL"
)
_LINK_ATTACHMENT = (
    "INSERT INTO dossier_attachments (dossier_id, sha256, doc_code) VALUES (?, ?, ?) "
    "ON CONFLICT (dossier_id, sha256) DO NOTHING"
)


def _link_papers(
    db: sqlite3.Connection, dossier_id: str, payload: dict[str, Any], now: datetime
) -> None:
    """Each paper's attachment row (kept if the same file is known already), linked once."""
    for paper in payload.get("TaiLieuNop") or []:
        sha = paper["sha256"]
        db.execute(_ADD_ATTACHMENT, (sha, int(paper["size"]), paper["mime"], db_time(now)))
        db.execute(_LINK_ATTACHMENT, (dossier_id, sha, paper.get("MaThanhPhanHoSo")))


def check_papers_present(kiosk: Kiosk, payload: Mapping[str, Any]) -> None:
    missing = [
        i
        for i, p in enumerate(payload.get("TaiLieuNop") or [])
        if not kiosk.attachments.exists(p["sha256"])
    ]
    if missing:
        raise ValidationError(
            [
                FieldError(
                    f"payload.TaiLieuNop[{i}]",
                    "missing_file",
                    "Chưa có tệp quét của giấy tờ này",
                    "The scanned file is missing",
                )
                for i in missing
            ]
        )


# --- dossier returned by post: a postal_return registration goes with it ---------------------


# stands for the id of the dossier being saved while its postal return is validated: the
# registration names a dossier (a postal return must), and _attach puts the real id in
_NOT_YET_SAVED = "00000000-0000-7000-8000-000000000000"


def _linked_postal_return(
    kind: str, clean: dict[str, Any], context: ValidationContext
) -> list[dict[str, Any]]:
    if kind != "dossier" or int(clean.get("HinhThucNhanKetQua", 0)) != POSTAL_RETURN:
        return []
    registration = {
        "DichVu": "postal_return",
        "dossier_id": _NOT_YET_SAVED,  # the dossier's item id, once it has one (_attach)
        "NguoiDangKy": {"HoTen": clean.get("ChuHoSo"), "SoDienThoai": clean.get("SoDienThoai")},
        "DiaChi": clean["DiaChi"],
        "ChiTiet": {},
        "DongY": clean["DongY"],
        "ThoiDiem": clean.get("NgayNopTaiDiem") or vn_stamp(context.now),
    }
    clean_registration = validate_payload("registration", registration, context)
    return [{**clean_registration, "dossier_id": None}]


def _attach(registration: dict[str, Any], dossier: SavedRecord) -> dict[str, Any]:
    return {**registration, "dossier_id": dossier.item_id}


# --- corrections ------------------------------------------------------------------------------


def correct_record(
    kiosk: Kiosk, record_id: str, kind: str, payload: Mapping[str, Any], actor: str
) -> SavedRecord:
    """A rejected record, corrected: a NEW outbox item (new id) supersedes the rejected one.

    The record keeps its id and receipt code (the resident's receipt stays valid).
    """
    now = utcnow()
    model = RECORD_MODELS[kind]
    raw = dict(payload)
    context = validation_context(kiosk, now)
    if kind == "payment" and not _asked_consent(kiosk, model, record_id):
        context = dataclasses.replace(context, payment_consent=False)
    new_files = _store_papers(kiosk, raw)
    try:
        clean = validate_payload(kind, raw, context)
        with write_session(kiosk.engine) as session:
            record = session.get(model, record_id)
            if record is None:
                raise KeyError(record_id)
            old = session.execute(
                select(OutboxItem).where(OutboxItem.id == record.current_item_id)
            ).scalar_one()
            item_id = outbox.new_item_id()
            outbox.supersede(session, old, item_id)
            payload_out = _fill_kiosk_fields(kind, clean, record.receipt_code, actor, now)
            db = dbapi(session.connection())
            if kind == "dossier":  # its papers, as a new dossier's: present, linked, live
                check_papers_present(kiosk, clean)
                _link_papers(db, record.id, payload_out, now)
            # the row's own columns (amount, masked name, subject ref, procedure…) follow the
            # corrected payload: exports, look-ups and a withdrawal by CCCD read them
            for column, value in _BUILDERS[kind](db, kiosk, payload_out, {}).items():
                setattr(record, column, value)  # its kind's columns; id, code, dates stay
            record.current_item_id = item_id
            outbox.enqueue(
                session,
                kiosk.cipher,
                item_id=item_id,
                kind=kind,
                record_id=record.id,
                payload=payload_out,
                depends_on=old.depends_on,
                supersedes=old.id,
                at=now,
            )
            audit.append(
                session,
                actor,
                f"{kind}.correct",
                kind,
                record.id,
                {"item_id": item_id, "supersedes": old.id},
            )
            moved = _repoint_dependents(session, kiosk, old.id, item_id, actor, now)
            return SavedRecord(kind, record.id, item_id, record.receipt_code, moved)
    except BaseException:
        _forget_new_papers(kiosk, new_files)
        raise


def _asked_consent(kiosk: Kiosk, model: type[RecordMixin], record_id: str) -> bool:
    """Whether the record's current payload carries ``DongY``: false only for a payment saved
    before payments asked for consent (it cannot be asked after the fact). Unknown (no such
    record, payload purged) counts as asked: the rule then applies in full."""
    with read_session(kiosk.engine) as session:
        record = session.get(model, record_id)
        payload = record_payload(kiosk, session, record) if record is not None else None
    return payload is None or "DongY" in payload


def _repoint_dependents(
    session: Session, kiosk: Kiosk, old_id: str, new_id: str, actor: str, now: datetime
) -> tuple[SavedRecord, ...]:
    """Payments/registrations waiting behind the rejected dossier follow its correction.

    They were never sent (the relay holds a dependent until its dossier is accepted), so each
    is superseded by an identical item that names the corrected dossier's new item id.
    """
    waiting = session.execute(
        select(OutboxItem).where(
            OutboxItem.depends_on == old_id, OutboxItem.state == ItemState.PENDING.value
        )
    ).scalars()
    moved = []
    for dependent in list(waiting):
        payload = json.loads(outbox.frozen_payload(kiosk.cipher, dependent))
        payload["dossier_id"] = new_id
        item_id = outbox.new_item_id()
        outbox.supersede_waiting(session, dependent, item_id)
        outbox.enqueue(
            session,
            kiosk.cipher,
            item_id=item_id,
            kind=dependent.kind,
            record_id=dependent.record_id,
            payload=payload,
            depends_on=new_id,
            supersedes=dependent.id,
            at=now,
        )
        record = session.get(RECORD_MODELS[dependent.kind], dependent.record_id)
        if record is not None:
            record.current_item_id = item_id
            code = record.receipt_code
        else:
            code = ""
        detail = {"item_id": item_id, "supersedes": dependent.id, "dossier_item": new_id}
        audit.append(session, actor, f"{dependent.kind}.repoint", dependent.kind,
                     dependent.record_id, detail)  # fmt: skip
        moved.append(SavedRecord(dependent.kind, dependent.record_id, item_id, code))
    return tuple(moved)


def record_payload(kiosk: Kiosk, session: Session, record: RecordMixin) -> dict[str, Any] | None:
    """A record's current payload: the frozen payload of its current outbox item (a correction
    makes a new item current); None if that payload was purged."""
    item = session.execute(
        select(OutboxItem).where(OutboxItem.id == record.current_item_id)
    ).scalar_one_or_none()
    if item is None or item.payload_enc is None:
        return None
    value = json.loads(outbox.frozen_payload(kiosk.cipher, item))
    assert isinstance(value, dict)
    return value


__all__ = ["ItemState", "NewRecord", "SavedRecord", "correct_record", "save_record", "save_records"]
