"""The print queue's table: one row per print job (an original or an explicit reprint).

A job holds no personal data and no printed bytes: it names the record (kind, id, receipt
code) and the receipt is drawn again from the record when the job runs. States::

    queued ──► printing ──► needs_confirmation ──► printed      (the volunteer saw it)
      ▲  │          │                 │
      │  │          └──► queued (retry later, ``next_attempt_at``) ──► … ──► failed
      │  └──► failed (no printer configured, record gone)      └──► failed (did not come out)
      └──────── retry (the volunteer asks again) ◄──────────────────────┘

``printing`` left behind by a crash becomes ``needs_confirmation`` at start-up: the bytes
may or may not have reached the paper, and only the volunteer can tell.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base, UTCDateTime


class JobState(enum.StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    NEEDS_CONFIRMATION = "needs_confirmation"
    PRINTED = "printed"
    FAILED = "failed"

    @property
    def is_open(self) -> bool:
        return self in {JobState.QUEUED, JobState.PRINTING}


JOB_STATES = tuple(s.value for s in JobState)


class PrintJob(Base):
    __tablename__ = "print_jobs"
    __table_args__ = (
        CheckConstraint(f"state IN {JOB_STATES!r}", name="state"),
        Index("ix_print_jobs_state_next", "state", "next_attempt_at"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(32))
    record_kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(36))
    receipt_code: Mapped[str] = mapped_column(String(32), index=True)
    copy_number: Mapped[int] = mapped_column(Integer, default=0)  # 0 original, n n-th reprint
    printer: Mapped[str] = mapped_column(String(200))  # the printer.uri at submission
    paper: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(24), default=JobState.QUEUED.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error_code: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str | None] = mapped_column(Text)  # Vietnamese, for the volunteer
    bytes_sent: Mapped[int | None] = mapped_column(Integer)
    bytes_mac: Mapped[str | None] = mapped_column(String(64))  # keyed digest of the bytes sent
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_by: Mapped[str | None] = mapped_column(String(32))
