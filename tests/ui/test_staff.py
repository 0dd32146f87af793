"""The ward staff's screen on a real data home: the day close (a wrong count's difference, the
staff PIN, a close that cannot be edited and a second close that is a correction), exports
to a stand-in USB stick in each format with their manifests re-checked, and the pilot
statistics — each checked against what landed in the audit chain and on disk."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.domain.samples import sample_payload
from kiosk.export import stats
from kiosk.export.manifest import manifest_path, sha256_file, verify_export
from kiosk.export.period import today
from kiosk.printing.money import format_vnd
from kiosk.services import records, users
from kiosk.services.context import Kiosk
from kiosk.store.db import read_session
from kiosk.store.models import AuditEntry, utcnow
from kiosk.ui.main_window import MainWindow
from tests.ui.conftest import texts_in, type_text
from tests.ui.flows import LEFT, PIN

CASH = (120_000, 30_000, 50_000)  # the day's cash payments: 200.000 ₫


def people(kiosk: Kiosk) -> None:
    users.add_user(kiosk, "CB01", "Nguyễn Văn An", "staff", PIN)
    users.add_user(kiosk, "TNV01", "Trần Thị Bình", "volunteer", PIN)
    users.add_user(kiosk, "TNV02", "Lê Văn Cường", "volunteer", PIN)


def cash_day(kiosk: Kiosk) -> int:
    rng = random.Random(6)
    for amount in CASH:
        payload = sample_payload("payment", rng, utcnow())
        payload.update(HinhThuc="tien_mat", SoTien=amount, dossier_id=None, MaThamChieu=None)
        records.save_record(kiosk, "payment", payload, "TNV01")
    for _ in range(2):
        payload = sample_payload("dossier", rng, utcnow())
        records.save_record(kiosk, "dossier", payload, "TNV01")
    return sum(CASH)


def entries(kiosk: Kiosk, *actions: str) -> list[AuditEntry]:
    with read_session(kiosk.engine) as session:
        found = session.execute(
            select(AuditEntry).where(AuditEntry.action.in_(actions)).order_by(AuditEntry.seq)
        ).scalars()
        return list(found)


def open_staff(window: MainWindow, qtbot: QtBot, section: str = "dayclose", **params: Any) -> Any:
    kiosk = window.state.require_kiosk()
    window.state.set_user(users.login(kiosk, "CB01", PIN))
    window.go("staff", section=section, **params)
    screen = window.current
    assert screen is not None and screen.route == "staff"
    return screen.panels[section]


def fill_close(panel: Any, counted: int, volunteer: str = "TNV01", pin: str = PIN) -> None:
    panel.counted.line.clear()
    type_text(panel.counted.line, str(counted))
    panel.volunteer.editor.clear()
    type_text(panel.volunteer.editor, volunteer)
    type_text(panel.pin.editor, pin)


@pytest.fixture
def cash(window: MainWindow) -> int:
    kiosk = window.state.require_kiosk()
    people(kiosk)
    return cash_day(kiosk)


# --- day close -----------------------------------------------------------------------------


def test_a_wrong_count_is_closed_once_and_corrected_by_a_new_entry(
    window: MainWindow, qtbot: QtBot, cash: int
) -> None:
    kiosk = window.state.require_kiosk()
    panel = open_staff(window, qtbot)
    qtbot.waitUntil(lambda: panel.preview is not None)
    assert panel.view.expected.text() == format_vnd(cash) == "200.000 ₫"
    assert "3 khoản nộp tiền mặt" in panel.view.cash_count.text()
    waiting = len(panel.preview.not_accepted)  # nothing was sent: every record of the day
    assert waiting >= 5 and f"Tỉnh chưa nhận: {waiting} mục" in panel.view.pending.heading.text()
    assert panel.staff.value() == "CB01"  # the logged-in ward staff approves
    fill_close(panel, cash - 20_000)
    assert panel.view.difference.text() == "Chênh lệch: Thiếu 20.000 ₫"
    assert not panel.reason.isVisible()
    qtbot.mouseClick(panel.approve, LEFT)
    qtbot.waitUntil(lambda: "Đã chốt ngày" in panel.message.text())
    assert "Thiếu 20.000 ₫" in panel.message.text()
    (first,) = entries(kiosk, "day.close")
    detail = json.loads(first.detail)
    assert (first.actor, first.record_id) == ("CB01", today().isoformat())
    assert detail["counted_cash_vnd"] == cash - 20_000 and detail["expected_cash_vnd"] == cash
    assert (detail["difference_vnd"], detail["volunteer"]) == (-20_000, "TNV01")
    qtbot.waitUntil(lambda: panel.preview is not None and panel.preview.closed)
    shown = panel.view.closes.findChild(type(panel.view.expected), "close_1")
    assert shown is not None and "Thiếu 20.000 ₫" in shown.text()
    assert not panel.view.closes.findChildren(QLineEdit)  # shown, never editable
    assert panel.pin.value() == "" and panel.counted.amount() is None  # the form starts over

    # the same day again: the service asks for a reason, and nothing is recorded
    assert panel.reason.isVisible()
    fill_close(panel, cash)
    qtbot.mouseClick(panel.approve, LEFT)
    qtbot.waitUntil(lambda: panel.reason_error.isVisible())
    assert (
        "đã được chốt" in panel.reason_error.text() and "cần ghi lý do" in panel.reason_error.text()
    )
    assert len(entries(kiosk, "day.close", "day.close_correction")) == 1

    qtbot.mouseClick(panel.reason.buttons["recount"], LEFT)
    type_text(panel.pin.editor, PIN)
    qtbot.mouseClick(panel.approve, LEFT)
    qtbot.waitUntil(lambda: "(lần 2)" in panel.message.text())
    assert "Khớp" in panel.message.text()
    (again,) = entries(kiosk, "day.close_correction")
    corrected = json.loads(again.detail)
    assert (corrected["corrects_seq"], corrected["reason"], corrected["revision"]) == (
        first.seq,
        "recount",
        2,
    )
    assert entries(kiosk, "day.close")[0].hash == first.hash  # the first close is untouched
    qtbot.waitUntil(lambda: panel.view.closes.findChild(type(shown), "close_2") is not None)
    second = panel.view.closes.findChild(type(shown), "close_2")
    assert "(điều chỉnh)" in second.text() and "Đếm lại tiền mặt" in second.text()
    assert panel.status.text() == f"Ngày {today():%d/%m/%Y} đã chốt 2 lần."


def test_a_wrong_staff_pin_is_refused_and_locks_after_five(
    window: MainWindow, qtbot: QtBot, cash: int
) -> None:
    kiosk = window.state.require_kiosk()
    panel = open_staff(window, qtbot)
    qtbot.waitUntil(lambda: panel.preview is not None)
    for attempt in range(1, 6):
        panel.pin.set_error(None)
        fill_close(panel, cash, pin="1111")
        qtbot.mouseClick(panel.approve, LEFT)
        qtbot.waitUntil(lambda: panel.pin.error.isVisible() and panel.approve.isEnabled())
        if attempt < 5:
            assert panel.pin.error.text() == "Sai mã người dùng hoặc mã PIN"
    assert "Tài khoản tạm khóa do nhập sai PIN 5 lần" in panel.pin.error.text()
    panel.pin.set_error(None)
    fill_close(panel, cash)  # the right PIN, but the account is locked now
    qtbot.mouseClick(panel.approve, LEFT)
    qtbot.waitUntil(lambda: panel.pin.error.isVisible() and panel.approve.isEnabled())
    assert "tạm khóa" in panel.pin.error.text()
    assert entries(kiosk, "day.close", "day.close_correction") == []
    assert len(entries(kiosk, "user.login_failed")) == 4
    assert len(entries(kiosk, "user.lockout")) == 1


def test_only_ward_staff_approve_and_empty_fields_are_named(
    window: MainWindow, qtbot: QtBot, cash: int
) -> None:
    kiosk = window.state.require_kiosk()
    panel = open_staff(window, qtbot)
    qtbot.waitUntil(lambda: panel.preview is not None)
    qtbot.mouseClick(panel.approve, LEFT)
    assert panel.counted.error.text() == "Hãy nhập số tiền đếm được."
    assert panel.volunteer.error.isVisible() and panel.pin.error.isVisible()
    fill_close(panel, cash)
    panel.staff.editor.clear()
    type_text(panel.staff.editor, "TNV02")  # a volunteer's own PIN cannot approve
    qtbot.mouseClick(panel.approve, LEFT)
    qtbot.waitUntil(lambda: panel.staff.error.isVisible())
    assert panel.staff.error.text() == "Chỉ cán bộ phường được duyệt chốt ngày"
    assert entries(kiosk, "day.close") == []


# --- exports -------------------------------------------------------------------------------


def test_each_format_to_a_usb_stick_with_a_manifest_that_verifies(
    window: MainWindow, qtbot: QtBot, cash: int, tmp_path: Path
) -> None:
    kiosk = window.state.require_kiosk()
    media = tmp_path / "media" / "ward"
    stick = media / "KINGSTON"
    stick.mkdir(parents=True)
    panel = open_staff(window, qtbot, "export", drive_roots=[str(media)])
    qtbot.waitUntil(lambda: panel.target.choices is not None)
    assert "Tìm thấy 1 ổ USB" in panel.target.found.text()
    assert panel.target.folder() == stick  # the only stick is chosen
    for fmt in ("csv", "xlsx", "pdf"):
        qtbot.mouseClick(panel.format.buttons[fmt], LEFT)
        qtbot.mouseClick(panel.go, LEFT)
        assert not panel.go.isEnabled() and panel.busy.isVisible()
        qtbot.waitUntil(lambda: panel.go.isEnabled(), timeout=60000)
        assert panel.done is not None and not panel.error.isVisible()
        path = panel.done.path
        assert path.parent == stick and path.suffix == f".{fmt}" and path.is_file()
        manifest = json.loads(manifest_path(path).read_text(encoding="utf-8"))
        digest, size = sha256_file(path)
        assert (manifest["sha256"], manifest["size_bytes"]) == (digest, size)
        assert panel.file_label.text() == f"Tệp: {path.name}"
        assert panel.hash_label.text() == f"SHA-256: {digest[:16]}…"
        assert f"Số dòng nhật ký: {manifest['rows']} ·" in panel.rows_label.text()
        assert str(manifest_path(path)) in panel.manifest_label.text()
        qtbot.mouseClick(panel.verify_button, LEFT)
        qtbot.waitUntil(lambda: "khớp với tệp kê khai" in panel.verify_label.text())
        assert verify_export(manifest_path(path), kiosk).ok
    exported = [json.loads(e.detail)["format"] for e in entries(kiosk, "export.file")]
    assert exported == ["csv", "xlsx", "pdf"]
    names = sorted(p.name for p in stick.iterdir())
    assert len(names) == 9  # each file, its manifest and its .sha256

    with path.open("ab") as handle:  # the PDF changed on the stick after the export
        handle.write(b"%% edited")
    qtbot.mouseClick(panel.verify_button, LEFT)
    qtbot.waitUntil(lambda: "KHÔNG khớp" in panel.verify_label.text())
    assert "SHA-256 không khớp" in panel.verify_label.text()


def test_an_export_never_overwrites_and_a_missing_folder_is_said(
    window: MainWindow, qtbot: QtBot, cash: int, tmp_path: Path
) -> None:
    stick = tmp_path / "media" / "ward" / "USB"
    stick.mkdir(parents=True)
    panel = open_staff(window, qtbot, "export", drive_roots=[str(stick.parent)])
    qtbot.waitUntil(lambda: panel.target.choices is not None)
    qtbot.mouseClick(panel.format.buttons["csv"], LEFT)
    for _ in range(2):
        qtbot.mouseClick(panel.go, LEFT)
        qtbot.waitUntil(lambda: panel.go.isEnabled(), timeout=30000)
    csvs = sorted(p.name for p in stick.glob("*.csv"))
    code = window.state.require_kiosk().settings.get_str("kiosk.code")
    assert csvs == [
        f"nhat-ky-{code}-{today():%Y%m%d}-2.csv",
        f"nhat-ky-{code}-{today():%Y%m%d}.csv",
    ]
    stick.rename(tmp_path / "unplugged")  # the stick was pulled out
    qtbot.mouseClick(panel.go, LEFT)
    qtbot.waitUntil(lambda: panel.error.isVisible(), timeout=30000)
    assert "Không có thư mục" in panel.error.text()


def test_a_folder_chosen_in_the_window(
    window: MainWindow, qtbot: QtBot, cash: int, tmp_path: Path
) -> None:
    folder = tmp_path / "báo cáo"
    folder.mkdir()
    panel = open_staff(window, qtbot, "export", drive_roots=[str(tmp_path / "none")])
    qtbot.waitUntil(lambda: "Chưa thấy ổ USB" in panel.target.found.text())
    assert panel.target.folder() is None
    qtbot.mouseClick(panel.go, LEFT)
    assert "Hãy chọn ổ USB hoặc một thư mục" in panel.error.text()
    qtbot.mouseClick(panel.target.folder_button, LEFT)
    dialog = panel.target.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isWindow()  # in the window
    dialog.fileSelected.emit(str(folder))  # what choosing the folder in the dialog sends
    assert panel.target.folder() == folder and not dialog.isVisible()
    qtbot.mouseClick(panel.go, LEFT)
    qtbot.waitUntil(lambda: panel.result.isVisible(), timeout=60000)
    assert panel.done is not None and panel.done.path.parent == folder


# --- statistics ----------------------------------------------------------------------------


def tiles_shown(panel: Any) -> bool:
    return any(w.isVisible() for w in panel.findChildren(QLabel, "stat_filed"))


def stat(panel: Any, key: str) -> str:
    (tile,) = [w for w in panel.findChildren(QLabel, f"stat_{key}") if w.isVisible()]
    return str(tile.text())


def test_statistics_show_the_services_figures(window: MainWindow, qtbot: QtBot, cash: int) -> None:
    kiosk = window.state.require_kiosk()
    panel = open_staff(window, qtbot, "stats")
    qtbot.waitUntil(lambda: panel.figures is not None)
    qtbot.waitUntil(lambda: tiles_shown(panel))  # a layout shows new tiles a moment later
    figures = stats(kiosk, today())
    shown = {key: stat(panel, key) for key in ("filed", "accepted", "payments", "waiting", "cash")}
    assert shown == {
        "filed": str(figures.dossiers_filed),
        "accepted": "0",
        "payments": "3",
        "waiting": str(figures.not_accepted),
        "cash": "200.000 ₫",
    }
    assert figures.dossiers_filed == 2
    qtbot.mouseClick(panel.period.quick_buttons["last_month"], LEFT)
    qtbot.waitUntil(lambda: panel.figures is not None and panel.figures.period.first < today())
    qtbot.waitUntil(lambda: tiles_shown(panel))
    assert stat(panel, "filed") == "0"
    assert "Hồ sơ nộp tại điểm" in texts_in(panel)
