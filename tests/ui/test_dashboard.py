"""The volunteer dashboard and the correction form, on a real data home, with the real sync
engine and the real provincial simulator where the province is involved."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.domain.samples import sample_payload
from kiosk.printing import jobs
from kiosk.printing.models import JobState, PrintJob
from kiosk.services import corrections, help_requests, records, users
from kiosk.services.context import Kiosk
from kiosk.simulator import REFUSAL_MARKER, RunningSimulator, SimulatorProcess, start_simulator
from kiosk.simulator.validation import REFUSAL_MESSAGE
from kiosk.store.db import read_session
from kiosk.store.models import AuditEntry, OutboxItem, utcnow
from kiosk.sync import engine as engine_module
from kiosk.sync.engine import SyncEngine, set_credentials
from kiosk.ui.main_window import MainWindow
from tests.sync.conftest import relay_held_elsewhere
from tests.ui.conftest import texts_in, type_text

CLIENT_ID = "KIOSK-56-22366-01"
SECRET = "test-secret-8f2c"
PIN = "2468"
LEFT = Qt.MouseButton.LeftButton


class SlowStart(random.Random):
    """The engine's start-up jitter at its longest: only "Gửi ngay" can cut it short."""

    def uniform(self, a: float, b: float) -> float:
        return b if b == engine_module.START_JITTER_S else super().uniform(a, b)


@pytest.fixture
def province(tmp_path: Path) -> Iterator[RunningSimulator]:
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        yield sim


@dataclass
class SlowStartEngine(SyncEngine):
    rng: random.Random = field(default_factory=SlowStart)


@pytest.fixture
def slow_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "START_JITTER_S", 600.0)
    monkeypatch.setattr(engine_module, "SyncEngine", SlowStartEngine)  # the app imports it late


def save(kiosk: Kiosk, kind: str, seed: int, **changes: Any) -> records.SavedRecord:
    payload = sample_payload(kind, random.Random(seed), utcnow())
    payload.update(changes)
    return records.save_record(kiosk, kind, payload, "TNV01")


def refused_dossier(kiosk: Kiosk) -> records.SavedRecord:
    return save(kiosk, "dossier", 1, TrichYeuHoSo=f"{REFUSAL_MARKER} thiếu giấy tờ",
                HinhThucNhanKetQua=0)  # fmt: skip


def log_in(window: MainWindow, role: str = "volunteer") -> None:
    kiosk = window.state.require_kiosk()
    users.add_user(kiosk, "TNV01", "Trần Thị Bình", role, PIN)
    window.state.set_user(users.login(kiosk, "TNV01", PIN))


def open_dashboard(window: MainWindow, qtbot: QtBot) -> Any:
    window.go("dashboard")
    screen = window.current
    assert screen is not None and screen.route == "dashboard"
    qtbot.waitUntil(lambda: screen.view is not None, timeout=10000)
    return screen


def item_state(kiosk: Kiosk, item_id: str) -> OutboxItem:
    with read_session(kiosk.engine) as session:
        return session.execute(select(OutboxItem).where(OutboxItem.id == item_id)).scalar_one()


def stored_ids(province: RunningSimulator) -> set[str]:
    return {item["id"] for item in province.state.items()}


def test_rejection_is_shown_with_the_reason_and_the_correction_is_accepted(
    province: RunningSimulator, home: Path, slow_engine: None, window_factory: Any, qtbot: QtBot
) -> None:
    kiosk = Kiosk.open(home)
    kiosk.settings.set("server.url", province.base_url)
    set_credentials(kiosk, CLIENT_ID, SECRET)
    bad, visit = refused_dossier(kiosk), save(kiosk, "visit", 2)
    kiosk.close()
    window = window_factory(start_workers=True)
    log_in(window)
    screen = open_dashboard(window, qtbot)
    assert screen.queue_tiles.value("waiting") == "2"
    assert screen.today.value("dossier") == "1" and screen.today.value("visit") == "1"
    assert stored_ids(province) == set()  # the engine still waits out its start-up jitter

    qtbot.mouseClick(screen.send_button, LEFT)  # "Gửi ngay" wakes it
    assert "Đang thử" in screen.send_status.text() and not screen.send_button.isEnabled()
    qtbot.waitUntil(lambda: bad.item_id in screen.attention.fix_buttons, timeout=15000)
    assert visit.item_id in stored_ids(province) and bad.item_id not in stored_ids(province)
    assert REFUSAL_MESSAGE in texts_in(screen.attention)
    qtbot.waitUntil(lambda: "Đã trao đổi với tỉnh" in screen.send_status.text())
    assert screen.queue_tiles.value("rejected") == "1"
    assert item_state(window.state.require_kiosk(), bad.item_id).state == "rejected"

    qtbot.mouseClick(screen.attention.fix_buttons[bad.item_id], LEFT)
    fix = window.current
    assert fix is not None and fix.route == "correction"
    qtbot.waitUntil(lambda: fix.form is not None)
    summary = fix.form.fields["TrichYeuHoSo"]
    assert summary.error.text() == REFUSAL_MESSAGE and not summary.error.isHidden()
    assert fix.form.fields["ChuHoSo"].value()  # the record's current payload is shown
    assert "MaBienNhanTaiDiem" not in fix.form.fields  # kiosk-filled: shown, not editable
    summary.editor.clear()
    type_text(summary.editor, "Đề nghị đăng ký tạm trú; đã bổ sung giấy tờ.")
    qtbot.mouseClick(fix.save_button, LEFT)
    qtbot.waitUntil(lambda: fix.saved is not None)
    fixed = fix.saved
    assert fixed.receipt_code == bad.receipt_code and fixed.item_id != bad.item_id
    assert fix.findChild(QLabel, "receiptCode").text() == bad.receipt_code
    kiosk = window.state.require_kiosk()
    old = item_state(kiosk, bad.item_id)
    assert (old.state, old.superseded_by) == ("superseded", fixed.item_id)
    assert item_state(kiosk, fixed.item_id).supersedes == bad.item_id

    qtbot.mouseClick(fix.findChild(QPushButton, "sendNow"), LEFT)
    qtbot.waitUntil(lambda: fixed.item_id in stored_ids(province), timeout=15000)
    accepted = {i["id"]: i for i in province.state.items()}[fixed.item_id]
    assert accepted["payload"]["TrichYeuHoSo"] == "Đề nghị đăng ký tạm trú; đã bổ sung giấy tờ."
    assert accepted["payload"]["MaBienNhanTaiDiem"] == bad.receipt_code
    qtbot.waitUntil(lambda: item_state(kiosk, fixed.item_id).state == "accepted", timeout=10000)

    qtbot.mouseClick(fix.findChild(QPushButton, "backToDashboard"), LEFT)
    screen = window.current
    assert screen is not None and screen.route == "dashboard"
    qtbot.waitUntil(lambda: screen.view is not None)
    assert screen.attention.fix_buttons == {}
    assert screen.queue_tiles.value("rejected") == "0"


def test_correction_errors_from_the_kiosk_rules_show_next_to_the_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    kiosk, bad, fix = open_correction(window, qtbot)
    phone = fix.form.fields["SoDienThoai"]
    phone.editor.clear()
    type_text(phone.editor, "12345")
    qtbot.mouseClick(fix.save_button, LEFT)
    qtbot.waitUntil(lambda: not phone.error.isHidden())
    assert "điện thoại" in phone.error.text().lower()
    assert fix.saved is None and not fix.leave_ok()  # edits would be lost: ask first
    assert item_state(kiosk, bad.item_id).state == "rejected"  # nothing was written


def test_a_coded_value_is_corrected_by_choosing_words(window: MainWindow, qtbot: QtBot) -> None:
    """ "Loại đối tượng" was a box holding "1" to retype: it is two choices in words."""
    from kiosk.ui.widgets.choice_buttons import ChoiceButtons

    _kiosk, _bad, fix = open_correction(window, qtbot)
    kind = fix.form.fields["LoaiDoiTuong"].editor
    assert isinstance(kind, ChoiceButtons) and kind.value() == "1"
    assert "Số định danh cá nhân" in kind.words["1"] and "Mã số thuế" in kind.words["2"]
    assert fix.form.edits() == {}
    qtbot.mouseClick(kind.buttons["2"], LEFT)
    assert fix.form.edits() == {"LoaiDoiTuong": "2"}


def test_the_provinces_words_naming_the_person_are_masked_but_on_the_correction_screen(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The province quotes the applicant (as real portals do): the dashboard's card shows the
    message masked; the correction screen, where the logged-in volunteer fixes that record,
    shows it as the province wrote it."""
    log_in(window)
    kiosk = window.state.require_kiosk()
    bad = save(kiosk, "dossier", 1, ChuHoSo="Trần Hữu Nam", MaDoiTuong="079059415805",
               NgaySinh="19590312", SoDienThoai="+84915732099")  # fmt: skip
    said = ("Số định danh 079059415805 của công dân Trần Hữu Nam không khớp CSDL quốc gia "
            "(SĐT +84915732099)")  # fmt: skip
    reject(kiosk, bad.item_id, said)
    screen = open_dashboard(window, qtbot)
    qtbot.waitUntil(lambda: bad.item_id in screen.attention.fix_buttons)
    (card,) = [w.text() for w in screen.attention.findChildren(QLabel, "provinceReason")]
    assert "không khớp CSDL quốc gia" in card and "T.H.N." in card
    for secret in ("Trần Hữu Nam", "079059415805", "+84915732099"):
        assert not any(secret in text for text in texts_in(screen.attention))
    qtbot.mouseClick(screen.attention.fix_buttons[bad.item_id], LEFT)
    fix = window.current
    assert fix is not None and fix.route == "correction"
    qtbot.waitUntil(lambda: fix.form is not None)
    shown = [w.text() for w in fix.findChildren(QLabel, "provinceReason")]
    assert shown == [said]


def open_correction(window: MainWindow, qtbot: QtBot) -> tuple[Kiosk, Any, Any]:
    """A volunteer logged in, a dossier the province refused, its correction screen open."""
    log_in(window)
    kiosk = window.state.require_kiosk()
    bad = refused_dossier(kiosk)
    reject(kiosk, bad.item_id)
    window.go("correction", item_id=bad.item_id)
    fix = window.current
    assert fix is not None
    qtbot.waitUntil(lambda: fix.form is not None)
    return kiosk, bad, fix


def reject(kiosk: Kiosk, item_id: str, message: str = REFUSAL_MESSAGE) -> None:
    """As the relay records a refusal (used where the province's round trip is not the point)."""
    from kiosk.store import province_texts
    from kiosk.store.db import write_session

    errors = [{"field": "payload.TrichYeuHoSo", "code": "province_refused", "message": message}]
    with write_session(kiosk.engine) as session:
        item = session.execute(select(OutboxItem).where(OutboxItem.id == item_id)).scalar_one()
        item.state = "rejected"
        for column, value in province_texts.columns(kiosk.cipher, item_id, errors).items():
            setattr(item, column, value)


def test_reprint_makes_a_marked_copy_job(window: MainWindow, qtbot: QtBot) -> None:
    log_in(window)
    kiosk = window.state.require_kiosk()
    fee = save(kiosk, "payment", 3, dossier_id=None)
    original = jobs.create(kiosk, fee.receipt_code, "TNV01", reprint=False)
    jobs.finish(kiosk, original.id, JobState.PRINTED, now=utcnow())
    screen = open_dashboard(window, qtbot)
    assert screen.today.value("payment") == "1"
    qtbot.mouseClick(screen.reprint_box.recent_buttons[fee.receipt_code], LEFT)
    qtbot.waitUntil(lambda: "bản sao số 1" in screen.reprint_box.result.text())
    with read_session(kiosk.engine) as session:
        copies = session.execute(
            select(PrintJob.copy_number, PrintJob.actor).where(PrintJob.id != original.id)
        ).all()
        actions = session.execute(
            select(AuditEntry.action).where(AuditEntry.action == "print.reprint")
        ).scalars()
        assert list(actions) == ["print.reprint"]
    assert [tuple(c) for c in copies] == [(1, "TNV01")]


def test_reprint_by_typed_code_and_an_unknown_code(window: MainWindow, qtbot: QtBot) -> None:
    log_in(window)
    kiosk = window.state.require_kiosk()
    note = save(kiosk, "feedback", 4)
    screen = open_dashboard(window, qtbot)
    type_text(screen.reprint_box.code.editor, "NT01-000000-9999")
    qtbot.mouseClick(screen.reprint_box.submit, LEFT)
    qtbot.waitUntil(lambda: "Không tìm thấy" in screen.reprint_box.result.text())
    type_text_replace(screen.reprint_box.code.editor, note.receipt_code.lower())
    qtbot.mouseClick(screen.reprint_box.submit, LEFT)  # never printed: the original goes
    qtbot.waitUntil(lambda: "bản chính" in screen.reprint_box.result.text())
    with read_session(kiosk.engine) as session:
        job = session.execute(select(PrintJob)).scalar_one()
    assert (job.receipt_code, job.copy_number, job.state) == (note.receipt_code, 0, "queued")


def type_text_replace(editor: Any, text: str) -> None:
    editor.clear()
    type_text(editor, text)


def test_help_requests_are_listed_and_answered(window: MainWindow, qtbot: QtBot) -> None:
    log_in(window)
    kiosk = window.state.require_kiosk()
    ask = help_requests.request(kiosk, "HomeScreen")
    screen = open_dashboard(window, qtbot)
    assert ask.seq in screen.help.buttons
    assert any("Gọi lúc" in text for text in texts_in(screen.help))
    qtbot.mouseClick(screen.help.buttons[ask.seq], LEFT)
    qtbot.waitUntil(lambda: screen.help.buttons == {})
    assert help_requests.waiting(kiosk) == []
    with read_session(kiosk.engine) as session:
        answered = session.execute(
            select(AuditEntry).where(AuditEntry.action == help_requests.ANSWERED)
        ).scalar_one()
    assert (answered.actor, answered.record_id) == ("TNV01", str(ask.seq))


def test_failed_print_job_is_listed_and_retried(window: MainWindow, qtbot: QtBot) -> None:
    log_in(window)
    kiosk = window.state.require_kiosk()
    visit = save(kiosk, "visit", 5)
    job = jobs.create(kiosk, visit.receipt_code, "TNV01", reprint=False)
    jobs.finish(kiosk, job.id, JobState.FAILED, now=utcnow(), message="Máy in hết giấy.")
    screen = open_dashboard(window, qtbot)
    assert "Máy in hết giấy." in texts_in(screen.failed)
    qtbot.mouseClick(screen.failed.buttons[job.id], LEFT)
    qtbot.waitUntil(lambda: screen.failed.buttons == {})
    assert jobs.get(kiosk, job.id).state == JobState.QUEUED.value


def test_receipts_nobody_confirmed_are_listed_and_answered(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The PC went off mid-print (a job left "printing", found at start-up) and a saved panel
    was left without an answer: both wait for "did it come out?" and must be on the dashboard,
    where "Chưa ra — in lại" prints the same copy again and "Đã ra giấy" closes it."""
    log_in(window)
    kiosk = window.state.require_kiosk()
    cut = jobs.create(kiosk, save(kiosk, "visit", 6).receipt_code, "TNV01", reprint=False)
    assert jobs.start_attempt(kiosk, cut.id, utcnow()) is not None
    assert jobs.recover_interrupted(kiosk) == 1  # what start-up does after kill -9
    left = jobs.create(kiosk, save(kiosk, "visit", 7).receipt_code, "TNV01", reprint=False)
    jobs.finish(kiosk, left.id, JobState.NEEDS_CONFIRMATION, now=utcnow(), message="Đã gửi.")
    screen = open_dashboard(window, qtbot)
    assert set(screen.failed.not_out) == {cut.id, left.id}
    shown = texts_in(screen.failed)
    assert any("tắt giữa lúc in" in text for text in shown)
    assert any(cut.receipt_code in text and "chưa rõ" in text for text in shown)
    qtbot.mouseClick(screen.failed.not_out[cut.id], LEFT)
    qtbot.waitUntil(lambda: set(screen.failed.buttons) == {left.id})
    assert jobs.get(kiosk, cut.id).state == JobState.QUEUED.value  # the same copy again
    qtbot.mouseClick(screen.failed.buttons[left.id], LEFT)
    qtbot.waitUntil(lambda: screen.failed.buttons == {})
    assert jobs.get(kiosk, left.id).state == JobState.PRINTED.value


def test_send_now_while_offline_says_the_province_did_not_answer(
    home: Path, tmp_path: Path, window_factory: Any, qtbot: QtBot
) -> None:
    """Already offline: the probe "Gửi ngay" asks for changes nothing, and the dashboard must
    still hear its answer (it said "Đang thử gửi…" for ever)."""
    sim = SimulatorProcess(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]).start()
    kiosk = Kiosk.open(home)
    kiosk.settings.set("server.url", sim.base_url)
    set_credentials(kiosk, CLIENT_ID, SECRET)
    kiosk.close()
    sim.terminate()  # nobody answers there
    window = window_factory(start_workers=True)
    state = window.state
    log_in(window)
    screen = open_dashboard(window, qtbot)
    qtbot.mouseClick(screen.send_button, LEFT)  # cuts the start-up pause: offline
    qtbot.waitUntil(lambda: state.online is False)
    qtbot.waitUntil(lambda: screen.send_button.isEnabled())  # after its cool-down
    qtbot.mouseClick(screen.send_button, LEFT)
    assert screen.send_status.text() == "Đang thử gửi cho tỉnh ngay…"
    qtbot.waitUntil(lambda: "Chưa kết nối được với tỉnh" in screen.send_status.text())


@pytest.mark.slow
def test_beside_the_sync_daemon_the_app_shows_its_work_and_takes_over(
    home: Path, tmp_path: Path, window_factory: Any, qtbot: QtBot
) -> None:
    """At boot the sync daemon gets the relay lock first; the app, opened at login, shows
    what the daemon does (from the database) — offline with the item waiting, then connected
    and sent —, its "Gửi ngay" reaches the daemon, and when the daemon stops the app relays
    by itself."""
    sim = SimulatorProcess(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]).start()
    kiosk = Kiosk.open(home)
    kiosk.settings.set("server.url", sim.base_url)
    set_credentials(kiosk, CLIENT_ID, SECRET)
    kiosk.close()
    sim.kill()  # the connection is down when the point opens
    daemon = subprocess.Popen([sys.executable, "-m", "kiosk", "sync", "--daemon"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=os.environ.copy())  # fmt: skip
    try:
        end = time.monotonic() + 30
        while not relay_held_elsewhere(home) and time.monotonic() < end:
            time.sleep(0.1)
        window = window_factory(start_workers=True)
        state, strip = window.state, window.status_strip
        assert state.engine is None and state.relayed_elsewhere
        kiosk = state.require_kiosk()
        first = save(kiosk, "visit", 1)
        log_in(window)
        screen = open_dashboard(window, qtbot)
        assert screen.send_button.isEnabled()
        qtbot.mouseClick(screen.send_button, LEFT)  # the daemon tries at once: no answer
        # what the daemon knows, read from the database by the watch
        qtbot.waitUntil(lambda: state.waiting == 1 and state.online is False)
        assert strip.waiting.text() == "Chờ gửi: 1 mục"
        assert strip.connection.text() == "● Mất kết nối — vẫn lưu được"
        qtbot.waitUntil(lambda: "Chưa kết nối được với tỉnh" in screen.send_status.text())

        sim.start()  # the connection is back
        qtbot.waitUntil(lambda: screen.send_button.isEnabled())
        qtbot.mouseClick(screen.send_button, LEFT)
        assert screen.send_status.text() == "Đang thử gửi cho tỉnh ngay…"
        qtbot.waitUntil(lambda: item_state(kiosk, first.item_id).state == "accepted")
        qtbot.waitUntil(lambda: "Đã trao đổi với tỉnh lúc" in screen.send_status.text())
        qtbot.waitUntil(lambda: state.waiting == 0 and state.online is True)
        assert strip.exchange.text().startswith("Trao đổi lần cuối")
        assert strip.connection.text() == "● Đã kết nối với tỉnh"

        daemon.send_signal(signal.SIGTERM)  # the technician stops the daemon
        daemon.wait(timeout=60)
        qtbot.waitUntil(lambda: state.engine is not None)
        assert not state.relayed_elsewhere
        later = save(kiosk, "visit", 2)
        state.send_now()
        qtbot.waitUntil(lambda: item_state(kiosk, later.item_id).state == "accepted")
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait(timeout=30)
        sim.terminate()


def test_guidance_visit_button_goes_to_the_visit_screen(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_in(window)
    screen = open_dashboard(window, qtbot)
    went: list[str] = []
    monkeypatch.setattr(window, "go", lambda name, **_params: went.append(name))
    qtbot.mouseClick(screen.visit_button, LEFT)
    assert went == ["visit"]


def test_a_resident_cannot_open_the_dashboard(window: MainWindow) -> None:
    window.go("dashboard")
    assert window.current is not None and window.current.route == "login"


def test_correction_leaves_lock_what_the_kiosk_filled() -> None:
    payload = sample_payload("dossier", random.Random(7), utcnow(), with_receipt=True)
    payload["DanhSachLePhi"] = [{"MaPhiLePhi": "1", "TenPhiLePhi": "Lệ phí",
                                 "LoaiPhiLePhi": "Lệ phí", "SoTien": 7000}]  # fmt: skip
    editable = {leaf.path for leaf in corrections.leaves(payload) if leaf.editable}
    assert {"ChuHoSo", "DiaChi.SoNha", "DanhSachLePhi[0].SoTien", "TrichYeuHoSo"} <= editable
    assert not editable & {"MaBienNhanTaiDiem", "NgayNopTaiDiem", "DongY.ThoiDiem", "TenTTHC"}
    edited = corrections.apply_edits(
        payload, {"DanhSachLePhi[0].SoTien": "1.500.000", "SoDienThoai": "", "ChuHoSo": "Lê A"}
    )
    assert edited["DanhSachLePhi"][0]["SoTien"] == 1_500_000
    assert edited["SoDienThoai"] is None and edited["ChuHoSo"] == "Lê A"
    assert payload["ChuHoSo"] != "Lê A"  # the stored payload itself is never touched
    assert corrections.apply_edits(payload, {"LoaiDoiTuong": "một"})["LoaiDoiTuong"] == "một"
    with pytest.raises(KeyError):
        corrections.apply_edits(payload, {"MaBienNhanTaiDiem": "X"})


def test_today_starts_at_midnight_in_vietnam() -> None:
    from datetime import UTC, datetime

    from kiosk.services.dashboard import start_of_today

    late_utc = datetime(2026, 11, 21, 23, 30, tzinfo=UTC)  # 06:30 on the 22nd in Nha Trang
    assert start_of_today(late_utc) == datetime(2026, 11, 21, 17, 0, tzinfo=UTC)


def test_a_province_refusing_the_kiosk_stays_in_view_until_an_exchange(
    window: MainWindow, qtbot: QtBot
) -> None:
    """401 (the secret changed) or 403 kiosk_disabled: the words were shown once, on a
    dashboard open at that moment, while the strip kept saying "Đã kết nối với tỉnh"."""
    words = "Thông tin đăng nhập của kiosk bị từ chối; hãy gọi kỹ thuật viên."
    window.state.bridge.alert.emit({"code": "AuthFailed", "message": words})  # the engine's
    strip = window.status_strip
    assert strip.connection.text() == "● Tỉnh từ chối kiosk — gọi kỹ thuật viên"
    assert strip.connection.property("role") == "error"
    log_in(window)
    screen = open_dashboard(window, qtbot)  # opened after the alert: still said
    assert screen.send_status.isVisible() and screen.send_status.text() == words
    window.state.bridge.exchanged.emit(utcnow().isoformat())  # the technician fixed it
    assert strip.connection.text() == "● Đã kết nối với tỉnh"
    assert strip.connection.property("role") == ""
    window.state.bridge.alert.emit({"code": "conflict", "message": "x"})  # not a refusal
    assert window.state.refused is None
