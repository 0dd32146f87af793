"""The print queue: persisted jobs, a worker thread, a network printer on 127.0.0.1 that
receives exactly the job's bytes, and printers that are off, refuse, hang or lack paper."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.printing import events, jobs
from kiosk.printing.connections import PrinterError, connect
from kiosk.printing.escpos_render import build_escpos
from kiosk.printing.models import JobState, PrintJob
from kiosk.printing.prepare import prepare
from kiosk.printing.queue import PrinterSettings, PrintQueue, SendAbandoned, send_with_deadline
from kiosk.printing.source import load_source, point_info
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import read_session, write_session
from kiosk.store.models import AuditEntry
from tests.printing.escpos_parser import parse
from tests.printing.helpers import saved, set_unchecked, use_printer
from tests.printing.printer_emulator import PrinterEmulator

FAST = (0.05, 0.05, 0.05)


def expected_bytes(kiosk: Kiosk, code: str) -> bytes:
    """The original receipt's job, rebuilt outside the queue."""
    receipt = prepare(load_source(kiosk, code), point_info(kiosk))
    return build_escpos(receipt, PrinterSettings.of(kiosk).setup)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run(kiosk: Kiosk, code: str, timeout: float = 30, **queue_args: Any) -> jobs.JobView:
    with PrintQueue(kiosk, backoff=FAST, **queue_args) as queue:
        view = queue.submit(code, "tnv.01")
        return queue.wait(view.id, timeout)


@pytest.mark.parametrize("check_status", [True, False])
def test_network_printer_receives_exactly_the_job_bytes(kiosk: Kiosk, check_status: bool) -> None:
    code = saved(kiosk)
    with PrinterEmulator() as printer:
        use_printer(kiosk, printer.uri, check_status=check_status)
        view = run(kiosk, code)
        received = printer.wait_for_jobs(1)
    assert view.state == JobState.NEEDS_CONFIRMATION.value
    assert view.message == "Đã gửi tới máy in. Biên nhận đã ra giấy chưa?"
    assert len(received) == 1 and received[0] == expected_bytes(kiosk, code)
    assert view.bytes_sent == len(received[0])
    with read_session(kiosk.engine) as session:
        job = session.get(PrintJob, view.id)
        assert job is not None and job.bytes_mac == kiosk.cipher.digest(received[0])
    queries = [b"\x10\x04\x01", b"\x10\x04\x04"] if check_status else []
    assert printer.status_queries == queries
    decoded = parse(received[0])
    assert decoded.commands[0] == "ESC @" and decoded.commands[-1].startswith("GS V")


def test_printer_that_is_off_fails_after_retries_without_blocking(kiosk: Kiosk) -> None:
    code = saved(kiosk)
    use_printer(kiosk, f"tcp:127.0.0.1:{free_port()}", retries=2, timeout_s=2)
    changes: list[dict[str, Any]] = []
    with PrintQueue(kiosk, backoff=FAST) as queue:
        queue.bus.subscribe(lambda name, data: changes.append({"event": name, **data}))
        started = time.monotonic()
        view = queue.submit(code, "tnv.01")
        assert time.monotonic() - started < 1.0  # queued, not printed, by submit
        view = queue.wait(view.id, 30)
    assert view.state == JobState.FAILED.value and view.attempts == 3
    assert view.error_code == "refused"
    assert view.message is not None and "từ chối kết nối" in view.message
    assert "Hồ sơ đã được lưu" in view.message
    retries = [c for c in changes if c["state"] == "queued" and "thử lại" in (c["message"] or "")]
    assert len(retries) == 2
    assert changes[-1]["event"] == events.PRINT_JOB_DID_FINISH


def test_printer_that_resets_the_connection(kiosk: Kiosk) -> None:
    code = saved(kiosk)
    with PrinterEmulator(behaviour="refuse") as printer:
        use_printer(kiosk, printer.uri, retries=1, timeout_s=2)
        view = run(kiosk, code)
    assert view.state == JobState.FAILED.value and view.attempts == 2
    assert view.error_code in {"io_error", "timeout", "refused"}
    assert printer.connections == 2


def test_silent_printer_times_out_and_nothing_waits_for_it(kiosk: Kiosk) -> None:
    first, second = saved(kiosk, seed=1), saved(kiosk, seed=2)
    with PrinterEmulator(behaviour="hang") as printer:
        use_printer(kiosk, printer.uri, retries=0, timeout_s=1)
        with PrintQueue(kiosk, backoff=FAST) as queue:
            one = queue.submit(first, "tnv.01")
            time.sleep(0.2)  # the worker is now waiting on the silent printer
            started = time.monotonic()
            two = queue.submit(second, "tnv.01")
            saved(kiosk, seed=3)  # and a save goes through meanwhile
            assert time.monotonic() - started < 1.0
            one = queue.wait(one.id, 15)
            two = queue.wait(two.id, 15)
    for view in (one, two):
        assert view.state == JobState.FAILED.value and view.error_code == "timeout"
        assert view.message is not None and "không phản hồi" in view.message
    assert not printer.jobs


def test_printer_that_stops_reading_mid_job_times_out() -> None:
    """More bytes than the socket buffers hold: the send itself must give up."""
    with PrinterEmulator(behaviour="hang", receive_buffer=2048) as printer:
        connection = connect(printer.uri, timeout=1, check_status=False)
        started = time.monotonic()
        with pytest.raises(PrinterError) as failure:
            connection.send(b"\x00" * 16_000_000)
        assert time.monotonic() - started < 10
    assert failure.value.code == "timeout"


def test_a_send_that_never_returns_is_abandoned_at_the_deadline() -> None:
    class Stuck:
        def send(self, data: bytes) -> None:
            threading.Event().wait(30)  # a driver call that never comes back

    started = time.monotonic()
    with pytest.raises(PrinterError) as failure:
        send_with_deadline(Stuck(), b"x", deadline=0.5)  # type: ignore[arg-type]
    assert failure.value.code == "timeout" and time.monotonic() - started < 2
    assert isinstance(failure.value, SendAbandoned) and not failure.value.retry


def test_a_send_abandoned_at_its_deadline_is_never_sent_again(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow serial port or a stalled device file may still be writing when the deadline
    passes: the job asks the volunteer instead of printing again, and no other job opens the
    printer until that send has ended."""
    first, second = saved(kiosk, seed=1), saved(kiosk, seed=2)
    use_printer(kiosk, "tcp:127.0.0.1:9", retries=2)
    monkeypatch.setattr(PrinterSettings, "deadline", property(lambda _self: 0.3))
    release = threading.Event()
    sends: list[int] = []

    class StillWriting:
        def send(self, data: bytes) -> None:
            sends.append(len(data))
            release.wait(30)

    with PrintQueue(kiosk, backoff=FAST, connection_factory=lambda *_a: StillWriting()) as queue:
        one = queue.wait(queue.submit(first, "tnv.01").id, 10)
        two = queue.submit(second, "tnv.01")
        time.sleep(0.6)  # three polls of the worker while the first send still writes
        waiting = jobs.get(kiosk, two.id)
        release.set()
        two = queue.wait(two.id, 10)
    assert one.state == JobState.NEEDS_CONFIRMATION.value and one.attempts == 1
    assert one.message is not None and "ra dở" in one.message
    assert waiting.state == JobState.QUEUED.value and waiting.attempts == 0
    assert two.state == JobState.NEEDS_CONFIRMATION.value and len(sends) == 2


def test_a_receipt_that_cannot_be_rendered_fails_and_can_be_retried(kiosk: Kiosk) -> None:
    code = saved(kiosk)
    use_printer(kiosk, "tcp:127.0.0.1:9")
    set_unchecked(kiosk, "printer.profile", "XP-58")  # not in python-escpos's profiles
    view = run(kiosk, code, timeout=10)
    assert view.state == JobState.FAILED.value and view.error_code == "render_error"
    assert view.message is not None and "kỹ thuật viên" in view.message
    kiosk.settings.set("printer.profile", "TM-T20II")
    with PrinterEmulator() as printer:
        use_printer(kiosk, printer.uri)
        with PrintQueue(kiosk, backoff=FAST) as queue:
            again = queue.wait(queue.retry(view.id, "tnv.01").id, 30)
        assert again.state == JobState.NEEDS_CONFIRMATION.value
        assert printer.wait_for_jobs(1) == [expected_bytes(kiosk, code)]


@pytest.mark.parametrize(
    ("status", "paper", "code", "words"),
    [(0x12 | 0x08, 0x12, "offline", "tạm dừng"), (0x12, 0x12 | 0x60, "paper_out", "hết giấy")],
)
def test_printer_reporting_a_problem(
    kiosk: Kiosk, status: int, paper: int, code: str, words: str
) -> None:
    receipt = saved(kiosk)
    with PrinterEmulator(status=status, paper=paper) as printer:
        use_printer(kiosk, printer.uri, retries=0)
        view = run(kiosk, receipt)
        time.sleep(0.1)
    assert view.state == JobState.FAILED.value and view.error_code == code
    assert view.message is not None and words in view.message
    assert not printer.jobs  # nothing but the status questions was sent


def test_no_printer_configured_fails_at_once(kiosk: Kiosk) -> None:
    view = run(kiosk, saved(kiosk))
    assert view.state == JobState.FAILED.value and view.attempts == 1
    assert view.message is not None and view.message.startswith("Chưa cài đặt máy in")


def test_file_printer_gets_the_bytes(kiosk: Kiosk, tmp_path: Path) -> None:
    code = saved(kiosk, kind="payment")
    target = tmp_path / "lp0"
    use_printer(kiosk, f"file:{target}")
    view = run(kiosk, code)
    assert view.state == JobState.NEEDS_CONFIRMATION.value
    assert target.read_bytes() == expected_bytes(kiosk, code)


def test_reprints_are_explicit_counted_copies_and_audited(kiosk: Kiosk, tmp_path: Path) -> None:
    code = saved(kiosk)
    use_printer(kiosk, f"file:{tmp_path / 'lp0'}")
    with PrintQueue(kiosk, backoff=FAST) as queue:
        first = queue.wait(queue.submit(code, "tnv.01").id, 20)
        with pytest.raises(jobs.JobRefused) as refused:
            queue.submit(code, "tnv.01")
        assert refused.value.code == "already_printed" and "In lại" in refused.value.message
        queue.answer(first.id, "tnv.01", came_out=True)
        copy = queue.wait(queue.submit(code, "tnv.02", reprint=True).id, 20)
        second = queue.wait(queue.submit(code, "tnv.02", reprint=True).id, 20)
    assert (first.copy_number, copy.copy_number, second.copy_number) == (0, 1, 2)
    assert jobs.get(kiosk, first.id).state == JobState.PRINTED.value
    with read_session(kiosk.engine) as session:
        actions = list(
            session.execute(
                select(AuditEntry.action).where(AuditEntry.action.like("print.%"))
            ).scalars()
        )
        assert actions == ["print.queue", "print.confirm", "print.reprint", "print.reprint"]
        assert audit.verify(session).ok


def test_reprint_of_nothing_printed_is_refused(kiosk: Kiosk) -> None:
    with pytest.raises(jobs.JobRefused) as refused:
        PrintQueue(kiosk).submit(saved(kiosk), "tnv.01", reprint=True)
    assert refused.value.code == "no_original"


def test_receipt_that_did_not_come_out_is_tried_again_as_the_same_copy(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    code = saved(kiosk)
    use_printer(kiosk, f"file:{tmp_path / 'lp0'}")
    with PrintQueue(kiosk, backoff=FAST) as queue:
        view = queue.wait(queue.submit(code, "tnv.01").id, 20)
        failed = queue.answer(view.id, "tnv.01", came_out=False)
        assert failed.state == JobState.FAILED.value and failed.error_code == "not_out"
        again = queue.wait(queue.retry(view.id, "tnv.01").id, 20)
    assert again.state == JobState.NEEDS_CONFIRMATION.value and again.copy_number == 0


def test_interrupted_job_asks_the_volunteer_at_start_up(kiosk: Kiosk) -> None:
    code = saved(kiosk)
    view = jobs.create(kiosk, code, "tnv.01", reprint=False)
    with write_session(kiosk.engine) as session:
        job = session.get(PrintJob, view.id)
        assert job is not None
        job.state = JobState.PRINTING.value
    with PrintQueue(kiosk):
        time.sleep(0.1)
    after = jobs.get(kiosk, view.id)
    assert after.state == JobState.NEEDS_CONFIRMATION.value
    assert after.message is not None and "đã ra giấy chưa" in after.message


def test_only_one_process_runs_the_worker(kiosk: Kiosk) -> None:
    first, second = PrintQueue(kiosk), PrintQueue(kiosk)
    assert first.start()
    try:
        assert not second.start()  # filelock held by this data home's worker
    finally:
        first.stop()


def test_purged_record_fails_with_a_clear_message(kiosk: Kiosk) -> None:
    code = saved(kiosk)
    with sqlite3.connect(kiosk.layout.database) as db:
        db.execute("UPDATE outbox SET payload_enc = NULL")
    view = run(kiosk, code)
    assert view.state == JobState.FAILED.value and view.error_code == "record_missing"
    assert view.message is not None and "thời hạn lưu trữ" in view.message


def test_jobs_and_audit_hold_no_personal_data(kiosk: Kiosk, tmp_path: Path) -> None:
    import random

    from kiosk.domain.samples import sample_payload
    from tests.domain.invalid_cases import NOW

    payload = sample_payload("dossier", random.Random(1), NOW)
    code = saved(kiosk)
    use_printer(kiosk, f"file:{tmp_path / 'lp0'}")
    run(kiosk, code)
    with sqlite3.connect(kiosk.layout.database) as db:
        dump = "\n".join(db.iterdump())
    job_rows = [line for line in dump.splitlines() if "print_jobs" in line]
    audit_rows = [line for line in dump.splitlines() if "audit_log" in line and "print" in line]
    text = "\n".join(job_rows + audit_rows)
    assert job_rows and audit_rows
    assert payload["MaDoiTuong"] not in text and payload["ChuHoSo"] not in text
    assert payload["SoDienThoai"] not in text
    log = kiosk.layout.logs / "kiosk.log"
    if log.exists():
        assert payload["MaDoiTuong"] not in log.read_text(encoding="utf-8")


def test_worker_survives_a_subscriber_that_raises(kiosk: Kiosk, tmp_path: Path) -> None:
    use_printer(kiosk, f"file:{tmp_path / 'lp0'}")
    done = threading.Event()

    def broken(name: str, data: dict[str, Any]) -> None:
        if name == events.PRINT_JOB_DID_FINISH:
            done.set()
        raise RuntimeError("a broken screen")

    with PrintQueue(kiosk) as queue:
        queue.bus.subscribe(broken)
        view = queue.submit(saved(kiosk), "tnv.01")
        assert done.wait(10)
        assert queue.wait(view.id, 10).state == JobState.NEEDS_CONFIRMATION.value
