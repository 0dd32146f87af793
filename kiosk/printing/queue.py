"""The print queue: jobs persisted in SQLite, printed by one worker thread, never the GUI's.

``submit`` writes the job (and its audit entry) and returns at once; the worker builds the
receipt from the record, hands the bytes to the printer connection under a deadline, and
records the outcome:

* bytes delivered → ``needs_confirmation``: many printers do not report paper-out, so the
  volunteer answers "did the receipt come out?" (:meth:`PrintQueue.answer`);
* a printer that is off, unplugged, out of paper or silent → ``queued`` again with a later
  ``next_attempt_at`` (``printer.retries`` times, back-off :data:`BACKOFF_S`), then
  ``failed`` with a Vietnamese message; the record itself was saved long before.

Only one process runs the worker for a data home (``print.lock``); another process (the CLI
while the touch app runs) only queues jobs and waits for their outcome. Events
(:mod:`kiosk.printing.events`) are published on the worker thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from filelock import FileLock, Timeout

from kiosk.events import EventBus
from kiosk.printing import events, jobs
from kiosk.printing.connections import Connection, PrinterError, connect
from kiosk.printing.escpos_render import PrinterSetup, build_escpos
from kiosk.printing.models import JobState, PrintJob
from kiosk.printing.prepare import prepare
from kiosk.printing.source import ReceiptUnavailable, load_source, point_info
from kiosk.services.context import Kiosk
from kiosk.store.models import utcnow

log = logging.getLogger(__name__)
BACKOFF_S = (3.0, 10.0, 30.0, 60.0)
ABANDONED_POLL_S = 0.2
IDLE_POLL_S = 2.0  # jobs queued by another process are noticed this fast
ConnectionFactory = Callable[[str, float, bool], Connection]


def default_connection(uri: str, timeout: float, check_status: bool) -> Connection:
    return connect(uri, timeout=timeout, check_status=check_status)


@dataclass(frozen=True, slots=True)
class PrinterSettings:
    uri: str
    setup: PrinterSetup
    timeout: float
    retries: int
    check_status: bool

    @classmethod
    def of(cls, kiosk: Kiosk) -> PrinterSettings:
        s = kiosk.settings
        mode = s.get_str("printer.mode")
        setup = PrinterSetup(
            profile=s.get_str("printer.profile"),
            paper=s.get_int("printer.paper"),
            mode=mode if mode in ("text", "ascii") else "raster",  # type: ignore[arg-type]
        )
        return cls(
            uri=s.get_str("printer.uri"),
            setup=setup,
            timeout=float(s.get_int("printer.timeout_s")),
            retries=s.get_int("printer.retries"),
            check_status=bool(s.get("printer.check_status")),
        )

    @property
    def deadline(self) -> float:
        """Longest a whole send may take: connect, two status answers, the data, closing."""
        return 4 * self.timeout + 2


def job_bytes(kiosk: Kiosk, job: PrintJob, setup: PrinterSetup, now: datetime) -> bytes:
    """The ESC/POS bytes of ``job``: the receipt drawn from its record as it is now."""
    source = load_source(kiosk, job.receipt_code)
    receipt = prepare(source, point_info(kiosk), copy_number=job.copy_number, printed_at=now)
    return build_escpos(receipt, setup)


class PrintQueue:
    """Submit, answer and watch print jobs; :meth:`start` runs the worker thread."""

    def __init__(
        self,
        kiosk: Kiosk,
        bus: EventBus | None = None,
        *,
        connection_factory: ConnectionFactory = default_connection,
        backoff: tuple[float, ...] = BACKOFF_S,
    ) -> None:
        self.kiosk = kiosk
        self.bus = bus or EventBus()
        self.connection_factory = connection_factory
        self.backoff = backoff
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._abandoned: threading.Thread | None = None  # a send given up while still writing
        self._lock = FileLock(str(kiosk.layout.root / "print.lock"))

    # --- what the UI and the CLI call (any thread) ---------------------------------------

    def submit(self, receipt_code: str, actor: str, *, reprint: bool = False) -> jobs.JobView:
        view = jobs.create(self.kiosk, receipt_code, actor, reprint=reprint)
        self._publish(view)
        self._wake.set()
        return view

    def answer(self, job_id: str, actor: str, came_out: bool) -> jobs.JobView:
        view = jobs.answer(self.kiosk, job_id, actor, came_out)
        self._publish(view, finished=True)
        return view

    def retry(self, job_id: str, actor: str) -> jobs.JobView:
        view = jobs.requeue(self.kiosk, job_id, actor)
        self._publish(view)
        self._wake.set()
        return view

    def wait(self, job_id: str, timeout: float) -> jobs.JobView:
        """The job once it left queued/printing, or as it is when ``timeout`` runs out."""
        end = time.monotonic() + timeout
        while True:
            view = jobs.get(self.kiosk, job_id)
            if view.state not in jobs.OPEN or time.monotonic() >= end:
                return view
            time.sleep(0.05)

    # --- the worker -------------------------------------------------------------------------

    @property
    def is_worker(self) -> bool:
        return self._thread is not None

    def start(self) -> bool:
        """Run the worker thread if no other process does; False if another one prints."""
        if self._thread is not None:
            return True
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            log.info("another process runs the print worker")
            return False
        recovered = jobs.recover_interrupted(self.kiosk)
        if recovered:
            log.warning("%d print job(s) interrupted: asking the volunteer", recovered)
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="print-worker", daemon=True)
        self._thread.start()
        return True

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
            self._lock.release()

    def __enter__(self) -> PrintQueue:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                worked = self.run_once()
            except Exception:  # the worker must survive anything one job does
                log.exception("print worker: unexpected error")
                worked = False
            if not worked:
                self._wake.wait(self._idle_wait())
                self._wake.clear()

    def _idle_wait(self) -> float:
        if self._abandoned is not None:  # look again soon: the printer is free once it ends
            return ABANDONED_POLL_S
        _due, later = jobs.next_due(self.kiosk, utcnow())
        if later is None:
            return IDLE_POLL_S
        return max(0.05, min(IDLE_POLL_S, (later - utcnow()).total_seconds()))

    def run_once(self) -> bool:
        """Print the oldest due job, if any (on the calling thread); True if one ran."""
        if self._abandoned is not None:
            if self._abandoned.is_alive():  # an abandoned send still holds the printer
                return False
            self._abandoned = None
        job_id, _later = jobs.next_due(self.kiosk, utcnow())
        if job_id is None:
            return False
        job = jobs.start_attempt(self.kiosk, job_id, utcnow())
        if job is None:
            return True
        self._publish(jobs.JobView.of(job))
        view = self._attempt(job, PrinterSettings.of(self.kiosk))
        self._publish(view, finished=view.state != JobState.QUEUED.value)
        return True

    def _attempt(self, job: PrintJob, printer: PrinterSettings) -> jobs.JobView:
        now = utcnow()
        try:
            data = job_bytes(self.kiosk, job, printer.setup, now)
        except ReceiptUnavailable as exc:
            return self._failed(job, "record_missing", exc.message)
        except Exception:  # e.g. a printer profile python-escpos does not know: never stuck
            log.exception("print job %s: the receipt could not be rendered", job.id)
            return self._failed(job, "render_error", _RENDER_ERROR)
        connection = self.connection_factory(printer.uri, printer.timeout, printer.check_status)
        try:
            send_with_deadline(connection, data, printer.deadline)
        except SendAbandoned as exc:
            # bytes may have reached the paper, and may still be going: never sent again by
            # itself (a retry would print it twice); the volunteer says whether it came out
            log.warning("print job %s: %s", job.id, exc)
            self._abandoned = exc.sender
            return jobs.finish(
                self.kiosk,
                job.id,
                JobState.NEEDS_CONFIRMATION,
                now=utcnow(),
                message=_ABANDONED,
                error_code=exc.code,
            )
        except PrinterError as exc:
            log.warning("print job %s: %s", job.id, exc)
            return self._after_error(job, exc, printer)
        digest = self.kiosk.cipher.digest(data)
        log.info("print job %s: %d bytes handed to the printer", job.id, len(data))
        return jobs.finish(
            self.kiosk,
            job.id,
            JobState.NEEDS_CONFIRMATION,
            now=utcnow(),
            message="Đã gửi tới máy in. Biên nhận đã ra giấy chưa?",
            sent=(len(data), digest),
        )

    def _after_error(
        self, job: PrintJob, exc: PrinterError, printer: PrinterSettings
    ) -> jobs.JobView:
        if not exc.retry or job.attempts > printer.retries:
            return self._failed(job, exc.code, exc.message)
        wait = self.backoff[min(job.attempts - 1, len(self.backoff) - 1)]
        message = f"{exc.message} Sẽ tự thử lại sau {wait:g} giây."
        return jobs.finish(
            self.kiosk,
            job.id,
            JobState.QUEUED,
            now=utcnow(),
            message=message,
            error_code=exc.code,
            retry_in=wait,
        )

    def _failed(self, job: PrintJob, code: str, message: str) -> jobs.JobView:
        text = f"{message} Hồ sơ đã được lưu; có thể in lại sau hoặc lưu biên nhận thành PDF."
        return jobs.finish(
            self.kiosk,
            job.id,
            JobState.FAILED,
            now=utcnow(),
            message=text,
            error_code=code,
            audit_action="print.failed",
        )

    def _publish(self, view: jobs.JobView, *, finished: bool = False) -> None:
        data = {
            "job_id": view.id,
            "receipt_code": view.receipt_code,
            "state": view.state,
            "copy_number": view.copy_number,
            "message": view.message,
        }
        self.bus.publish(events.PRINT_JOB_DID_CHANGE, **data)
        if finished:
            self.bus.publish(events.PRINT_JOB_DID_FINISH, **data)


class SendAbandoned(PrinterError):
    """The send ran past its deadline and was given up while its helper thread may still be
    writing (a serial port or a device file with no write time-out): not to be retried."""

    def __init__(self, sender: threading.Thread, detail: str) -> None:
        super().__init__("timeout", detail)
        self.retry = False
        self.sender = sender


_ABANDONED = (
    "Máy in nhận dữ liệu quá chậm nên máy đã thôi chờ; biên nhận có thể đã ra, hoặc ra dở. "
    "Biên nhận đã ra giấy chưa?"
)
_RENDER_ERROR = (
    "Không tạo được biên nhận cho máy in này (dòng máy in trong phần cài đặt có thể không "
    "đúng): hãy gọi kỹ thuật viên."
)


def send_with_deadline(connection: Connection, data: bytes, deadline: float) -> None:
    """``connection.send(data)`` on a helper thread; past ``deadline`` seconds the attempt is
    given up (:class:`SendAbandoned`) and the helper is left to its socket/driver time-out."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            connection.send(data)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    helper = threading.Thread(target=run, name="print-send", daemon=True)
    helper.start()
    helper.join(deadline)
    if not outcome:
        raise SendAbandoned(helper, f"no answer within {deadline:g} s")
    error = outcome[0]
    if isinstance(error, PrinterError):
        raise error
    if error is not None:
        from kiosk.printing.connections import classify

        raise classify(error)
