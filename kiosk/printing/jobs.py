"""Print jobs in the database: create (with its audit entry), move between states, list.

Each function is one short write transaction (``BEGIN IMMEDIATE``); a job's audit entry is
appended inside the same transaction as the change it records. No personal data is stored:
a job names the record and its receipt code only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.printing.models import JobState, PrintJob
from kiosk.printing.source import RecordRef, find_record
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import read_session, write_session
from kiosk.store.models import utcnow

CAME_OUT = (JobState.NEEDS_CONFIRMATION.value, JobState.PRINTED.value)
OPEN = (JobState.QUEUED.value, JobState.PRINTING.value)


class JobRefused(Exception):
    """A print request refused; ``message`` is Vietnamese for the volunteer."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class JobView:
    """A job as the UI and the CLI show it."""

    id: str
    receipt_code: str
    record_kind: str
    copy_number: int
    state: str
    attempts: int
    message: str | None
    error_code: str | None
    created_at: datetime
    updated_at: datetime
    bytes_sent: int | None

    @classmethod
    def of(cls, job: PrintJob) -> JobView:
        return cls(
            job.id,
            job.receipt_code,
            job.record_kind,
            job.copy_number,
            job.state,
            job.attempts,
            job.message,
            job.error_code,
            job.created_at,
            job.updated_at,
            job.bytes_sent,
        )

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def create(
    kiosk: Kiosk, receipt_code: str, actor: str, *, reprint: bool, now: datetime | None = None
) -> JobView:
    """A queued job for the record behind ``receipt_code``; a reprint must be asked for."""
    now = now or utcnow()
    with write_session(kiosk.engine) as session:
        kind, record = find_record(session, receipt_code)
        ref = RecordRef(kind, record.id, record.receipt_code)
        copy_number = _copy_number(session, ref, reprint)
        job = PrintJob(
            id=str(uuid.uuid4()),
            created_at=now,
            updated_at=now,
            actor=actor,
            record_kind=ref.kind,
            record_id=ref.id,
            receipt_code=ref.receipt_code,
            copy_number=copy_number,
            printer=kiosk.settings.get_str("printer.uri"),
            paper=kiosk.settings.get_int("printer.paper"),
            state=JobState.QUEUED.value,
            attempts=0,
        )
        session.add(job)
        action = "print.reprint" if copy_number else "print.queue"
        detail = {"job_id": job.id, "receipt_code": ref.receipt_code, "copy": copy_number}
        audit.append(session, actor, action, ref.kind, ref.id, detail)
        session.flush()
        return JobView.of(job)


def _copy_number(session: Session, ref: RecordRef, reprint: bool) -> int:
    states = list(
        session.execute(select(PrintJob.state).where(PrintJob.record_id == ref.id)).scalars()
    )
    if any(state in OPEN for state in states):
        raise JobRefused("in_queue", "Biên nhận này đang chờ in; vui lòng đợi.")
    came_out = sum(state in CAME_OUT for state in states)
    if reprint and not came_out:
        raise JobRefused(
            "no_original",
            "Biên nhận này chưa được in lần nào; hãy in bản chính (không phải in lại).",
        )
    if not reprint and came_out:
        raise JobRefused(
            "already_printed",
            "Biên nhận này đã được in. Muốn in thêm, hãy chọn “In lại” (bản in sẽ ghi BẢN SAO).",
        )
    return came_out if reprint else 0


def get(kiosk: Kiosk, job_id: str) -> JobView:
    with read_session(kiosk.engine) as session:
        job = session.get(PrintJob, job_id)
        if job is None:
            raise JobRefused("unknown_job", "Không tìm thấy lệnh in này.")
        return JobView.of(job)


def listing(kiosk: Kiosk, limit: int = 50) -> list[JobView]:
    with read_session(kiosk.engine) as session:
        rows = session.execute(
            select(PrintJob).order_by(PrintJob.created_at.desc()).limit(limit)
        ).scalars()
        return [JobView.of(job) for job in rows]


def next_due(kiosk: Kiosk, now: datetime) -> tuple[str | None, datetime | None]:
    """(id of the oldest job due now, when the next later one is due)."""
    with read_session(kiosk.engine) as session:
        queued = session.execute(
            select(PrintJob.id, PrintJob.next_attempt_at)
            .where(PrintJob.state == JobState.QUEUED.value)
            .order_by(PrintJob.created_at)
        ).all()
    due = next((job_id for job_id, at in queued if at is None or at <= now), None)
    later = [at for _id, at in queued if at is not None and at > now]
    return due, min(later) if later else None


def start_attempt(kiosk: Kiosk, job_id: str, now: datetime) -> PrintJob | None:
    """queued → printing (attempts + 1); None if the job is no longer queued."""
    with write_session(kiosk.engine) as session:
        job = session.get(PrintJob, job_id)
        if job is None or job.state != JobState.QUEUED.value:
            return None
        job.state = JobState.PRINTING.value
        job.attempts += 1
        job.updated_at = now
        job.printer = kiosk.settings.get_str("printer.uri")
        job.paper = kiosk.settings.get_int("printer.paper")
        session.flush()
        session.expunge(job)
        return job


def finish(
    kiosk: Kiosk,
    job_id: str,
    state: JobState,
    *,
    now: datetime,
    message: str | None = None,
    error_code: str | None = None,
    retry_in: float | None = None,
    sent: tuple[int, str] | None = None,
    audit_action: str | None = None,
    actor: str = "system",
) -> JobView:
    """Record the outcome of an attempt or a volunteer's answer (with its audit entry)."""
    with write_session(kiosk.engine) as session:
        job = session.get(PrintJob, job_id)
        if job is None:
            raise JobRefused("unknown_job", "Không tìm thấy lệnh in này.")
        job.state = state.value
        job.updated_at = now
        job.message = message
        job.error_code = error_code
        job.next_attempt_at = now + timedelta(seconds=retry_in) if retry_in else None
        if sent is not None:
            job.bytes_sent, job.bytes_mac = sent
        if state is JobState.PRINTED:
            job.confirmed_at, job.confirmed_by = now, actor
        if audit_action:
            detail = {"job_id": job.id, "receipt_code": job.receipt_code, "copy": job.copy_number}
            if error_code:
                detail["error"] = error_code
            audit.append(session, actor, audit_action, job.record_kind, job.record_id, detail)
        session.flush()
        return JobView.of(job)


def answer(kiosk: Kiosk, job_id: str, actor: str, came_out: bool) -> JobView:
    """The volunteer's answer to "did the receipt come out?"."""
    view = get(kiosk, job_id)
    if view.state != JobState.NEEDS_CONFIRMATION.value:
        raise JobRefused("not_waiting", "Lệnh in này không chờ xác nhận.")
    if came_out:
        return finish(
            kiosk,
            job_id,
            JobState.PRINTED,
            now=utcnow(),
            message="Đã in xong.",
            audit_action="print.confirm",
            actor=actor,
        )
    return finish(
        kiosk,
        job_id,
        JobState.FAILED,
        now=utcnow(),
        error_code="not_out",
        message="Biên nhận không ra giấy. Hãy kiểm tra giấy và máy in rồi bấm In lại.",
        audit_action="print.not_out",
        actor=actor,
    )


def requeue(kiosk: Kiosk, job_id: str, actor: str) -> JobView:
    """A failed job tried again (the same copy: the first one never came out)."""
    view = get(kiosk, job_id)
    if view.state != JobState.FAILED.value:
        raise JobRefused("not_failed", "Chỉ thử lại được lệnh in đã lỗi.")
    return finish(
        kiosk,
        job_id,
        JobState.QUEUED,
        now=utcnow(),
        message="Đang chờ in lại.",
        audit_action="print.retry",
        actor=actor,
    )


def recover_interrupted(kiosk: Kiosk, now: datetime | None = None) -> int:
    """At start-up: a job left ``printing`` by a crash may or may not have printed."""
    now = now or utcnow()
    with write_session(kiosk.engine) as session:
        jobs = session.execute(
            select(PrintJob).where(PrintJob.state == JobState.PRINTING.value)
        ).scalars()
        count = 0
        for job in jobs:
            job.state = JobState.NEEDS_CONFIRMATION.value
            job.message = "Máy tính đã tắt giữa lúc in: biên nhận đã ra giấy chưa?"
            job.updated_at = now
            count += 1
        return count
