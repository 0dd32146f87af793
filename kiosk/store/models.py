"""Typed SQLAlchemy 2 models of everything the kiosk stores in its one SQLite file.

Personal data (names, ID numbers, phones, addresses, file names) only ever sits in ``*_enc``
columns (AES-GCM, see :mod:`kiosk.store.crypto`). Plain columns hold what the session log,
queue and look-up need: codes, amounts, masked forms (``056*****1234``, initials), times.
``__repr__`` never prints personal data.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as sortable UTC text ``2026-11-22 01:41:10.123456``."""

    impl = String(26)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else db_time(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)


def db_time(value: datetime) -> str:
    """How :class:`UTCDateTime` stores an aware datetime (for statements written in plain SQL)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime refused: use aware datetimes")
    # = strftime("%Y-%m-%d %H:%M:%S.%f"), at a fifth of its cost (years 1000-9999)
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    def __repr__(self) -> str:
        ident = getattr(self, "id", None) or getattr(self, "code", None) or getattr(self, "seq", "")
        return f"<{type(self).__name__} {ident}>"


class ItemState(enum.StrEnum):
    """Outbox item states; the sync engine (#3) drives the transitions."""

    PENDING = "pending"  # waiting to be sent (also: retry later)
    IN_FLIGHT = "in_flight"  # handed to the network; outcome not yet known
    UNKNOWN = "unknown"  # sent, no answer: reconcile before anything newer
    ACCEPTED = "accepted"  # the province stored it (done)
    DUPLICATE = "duplicate"  # the province had it already, same content (done)
    REJECTED = "rejected"  # needs correction by a person
    CONFLICT = "conflict"  # same id, different content: quarantined for the technician
    SUPERSEDED = "superseded"  # a correction replaced this rejected item

    @property
    def is_done(self) -> bool:
        return self in {ItemState.ACCEPTED, ItemState.DUPLICATE}


ITEM_STATES = tuple(s.value for s in ItemState)
RECORD_KINDS = ("dossier", "payment", "registration", "feedback", "visit")


class Meta(Base):
    """Key/value facts about this database (install id, key check, catalogue version...)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('volunteer','staff','technician')", name="role"),)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_enc: Mapped[bytes] = mapped_column(LargeBinary)
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Procedure(Base):
    """The procedure catalogue (contract-v1 PROCEDURE objects), replaced atomically."""

    __tablename__ = "procedures"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    field_code: Mapped[str | None] = mapped_column(String(80))
    field_name: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str | None] = mapped_column(String(8))
    stopped: Mapped[bool] = mapped_column(default=False)
    data: Mapped[str] = mapped_column(Text)  # the PROCEDURE object as JSON


class RecordMixin:
    """Columns every saved record has.

    A record's payload is the frozen payload of its current outbox item
    (``current_item_id``): it is stored once, there (see ``records.record_payload``).
    Only the indexes a query uses are kept: each one is a page more in every save's commit.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    receipt_code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(32))
    current_item_id: Mapped[str] = mapped_column(String(36))
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Dossier(RecordMixin, Base):
    __tablename__ = "dossiers"
    procedure_code: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(Text)
    subject_masked: Mapped[str] = mapped_column(String(64))  # "N.V.A. 056*****1234"
    subject_ref: Mapped[str | None] = mapped_column(String(64))
    return_method: Mapped[int] = mapped_column(Integer)  # HinhThucNhanKetQua
    fee_total: Mapped[int] = mapped_column(Integer, default=0)
    ma_ho_so: Mapped[str | None] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    due_at: Mapped[str | None] = mapped_column(String(14))  # NgayHenTra yyyyMMddHHmmss
    status_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Payment(RecordMixin, Base):
    __tablename__ = "payments"
    # indexed: a foreign key's child column (SQLite checks it when a dossier row goes)
    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))  # LoaiKhoanNop
    method: Mapped[str] = mapped_column(String(16))  # HinhThuc
    amount: Mapped[int] = mapped_column(Integer)
    payer_masked: Mapped[str] = mapped_column(String(64))
    subject_ref: Mapped[str | None] = mapped_column(String(64))


class Registration(RecordMixin, Base):
    __tablename__ = "registrations"
    service: Mapped[str] = mapped_column(String(32))  # DichVu
    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    subject_masked: Mapped[str] = mapped_column(String(64))
    subject_ref: Mapped[str | None] = mapped_column(String(64))


class Feedback(RecordMixin, Base):
    __tablename__ = "feedback"
    topic: Mapped[str] = mapped_column(String(32))  # LinhVuc
    anonymous: Mapped[bool] = mapped_column()


class Visit(RecordMixin, Base):
    __tablename__ = "visits"
    topic: Mapped[str] = mapped_column(String(32))  # ChuDe
    procedure_code: Mapped[str | None] = mapped_column(String(40))
    result: Mapped[str] = mapped_column(String(32))  # KetQua
    duration_s: Mapped[int] = mapped_column(Integer)


RECORD_MODELS: dict[str, type[RecordMixin]] = {
    "dossier": Dossier,
    "payment": Payment,
    "registration": Registration,
    "feedback": Feedback,
    "visit": Visit,
}
RECORD_TABLES: dict[str, str] = {
    kind: model.__tablename__  # type: ignore[attr-defined]
    for kind, model in RECORD_MODELS.items()
}


class Attachment(Base):
    """A scanned paper, stored encrypted in ``attachments/ab/<sha256>`` (content-addressed)."""

    __tablename__ = "attachments"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DossierAttachment(Base):
    __tablename__ = "dossier_attachments"
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), primary_key=True)
    doc_code: Mapped[str | None] = mapped_column(String(40))


class OutboxItem(Base):
    """One item for the province. ``id`` is the idempotency key; ``payload_enc`` is frozen."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(f"state IN {ITEM_STATES!r}", name="state"),
        CheckConstraint(f"kind IN {RECORD_KINDS!r}", name="kind"),
        Index("ix_outbox_state_seq", "state", "seq"),
        # few rows ever have it: a partial index the save path never writes
        Index("ix_outbox_doubt_since", "doubt_since", sqlite_where=text("doubt_since IS NOT NULL")),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at_local: Mapped[str] = mapped_column(String(32))  # as sent: ISO-8601 +07:00
    depends_on: Mapped[str | None] = mapped_column(String(36))
    payload_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    # keyed digest (crypto.Cipher.digest) of the frozen payload; NULL on items made before 0008
    payload_mac: Mapped[str | None] = mapped_column(String(64))
    payload_size: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default=ItemState.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # the province's field errors: paths and codes only; its words (messages, a retry_later's
    # detail) are sealed in reasons_enc (kiosk.store.province_texts)
    errors_json: Mapped[str | None] = mapped_column(Text)
    reasons_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    server_ref: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[str | None] = mapped_column(String(40))
    supersedes: Mapped[str | None] = mapped_column(String(36))
    superseded_by: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # withdrawn (payload deleted on request) while the province may hold it: since when; the
    # relay asks the province by id (contract §5) and clears it (kiosk.sync.relay)
    doubt_since: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """Append-only, SHA-256 hash-chained log of every write and export. No personal data."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(48))
    record_kind: Mapped[str | None] = mapped_column(String(16))
    record_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ReceiptCounter(Base):
    __tablename__ = "receipt_counters"
    __table_args__ = (UniqueConstraint("prefix", "day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(16))
    day: Mapped[str] = mapped_column(String(6))  # yyMMdd, Vietnam time
    last: Mapped[int] = mapped_column(Integer)


class ImportRef(Base):
    """A paper-form backlog line already imported (its ``ref``): seen again → skipped."""

    __tablename__ = "import_refs"
    ref: Mapped[str] = mapped_column(String(200), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Notice(Base):
    """Official notices and storm/flood alerts received from the province."""

    __tablename__ = "notices"
    notice_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    level: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[str | None] = mapped_column(String(40))
    valid_until: Mapped[str | None] = mapped_column(String(40))
    wards: Mapped[str] = mapped_column(Text, default="[]")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DossierStatus(Base):
    """Every dossier status change received from the province (history, idempotent by seq)."""

    __tablename__ = "dossier_statuses"
    change_seq: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(36), index=True)
    ma_ho_so: Mapped[str | None] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[str | None] = mapped_column(String(14))
    # no note: the province's GhiChu may name the person and nothing here shows it (0009)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_dict(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}


class SyncEvent(Base):
    """Per-item sync history (sent, accepted, rejected, unknown, reconciled…) for the session
    log and the volunteer's queue screen. No personal data."""

    __tablename__ = "sync_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    item_id: Mapped[str] = mapped_column(String(36), index=True)
    event: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)
