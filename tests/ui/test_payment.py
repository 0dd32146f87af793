"""Payments on the touch screen, end to end on a real data home: a dossier's fee paid by
VietQR (the code on screen decoded by zbarimg, the receipt printed to a file printer, both
items sent to the real simulator), cash refused to a resident and taken by a volunteer,
errors next to the fields."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.printing.models import JobState
from kiosk.printing.vietqr import Beneficiary, build_payload
from kiosk.services import users
from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator
from kiosk.ui.keyboard.scroll import global_rect
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.payment import screen as payment_screen
from kiosk.ui.screens.payment.steps import CashStep, TransferStep
from tests.ui.conftest import press_enter, type_text
from tests.ui.flows import (
    PIN,
    connect_to,
    find,
    only,
    print_jobs,
    province,  # noqa: F401 (fixture)
    saved_dossier,
    stored,
    tap,
    use_file_printer,
    wait_saved,
)

BENEFICIARY = Beneficiary("970415", "113366668888", "UBND PHUONG NHA TRANG")


def zbar(path: Path) -> list[str]:
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg (zbar-tools) is not installed")
    result = subprocess.run(
        ["zbarimg", "-q", "--raw", str(path)], capture_output=True, timeout=60, check=False
    )
    return [line.decode() for line in result.stdout.split(b"\n") if line]


def open_payment(window: MainWindow) -> Any:
    window.go("payment")
    screen = window.current
    assert screen is not None and screen.route == "payment"
    return screen


def agree(qtbot: QtBot, form: Any) -> None:
    box = form.consent.boxes["thanh_toan"]
    assert not box.isChecked()  # never ticked in advance
    tap(qtbot, box)
    assert box.isChecked()


def fill_contribution(qtbot: QtBot, form: Any, amount: str = "200000") -> None:
    tap(qtbot, form.purpose.buttons["other"])
    tap(qtbot, form.kind.buttons["dong_gop"])
    type_text(form.content.editor, "Ủng hộ quỹ phòng, chống thiên tai")
    agree(qtbot, form)
    type_text(form.payer.editor, "Lê Văn Sơn")
    type_text(form.amount.editor, amount)


def test_vietqr_fee_for_a_dossier_is_saved_printed_and_sent(
    home: Path,
    tmp_path: Path,
    window_factory: Any,
    qtbot: QtBot,
    province: RunningSimulator,  # noqa: F811
) -> None:
    paper = tmp_path / "receipts.bin"
    use_file_printer(home, paper)
    connect_to(home, province)
    kiosk = Kiosk.open(home)
    dossier = saved_dossier(kiosk)
    kiosk.close()
    window = window_factory(start_workers=True)
    screen = open_payment(window)
    form = screen.form
    tap(qtbot, form.purpose.buttons["dossier"])
    type_text(form.code.editor, dossier.receipt_code.lower())  # as a resident types it
    tap(qtbot, form.find_button)
    qtbot.waitUntil(lambda: "Còn phải nộp: 10.000 đồng" in form.found.text())
    assert form.amount.line.text() == "10.000"  # what is still due, filled in
    assert form.amount.words.text() == "Mười nghìn đồng"
    agree(qtbot, form)
    type_text(form.payer.editor, "Nguyễn Thị Hoa")
    tap(qtbot, form.method.buttons["vietqr"])
    tap(qtbot, screen.next)
    qtbot.waitUntil(lambda: isinstance(screen.step, TransferStep))
    step = screen.step
    expected = build_payload(BENEFICIARY, 10000, f"{dossier.receipt_code} LE PHI")
    assert step.qr.content == expected
    assert min(step.qr.width(), step.qr.height()) >= 360
    qtbot.waitUntil(  # the step laid out at its full height, the code not overlapped
        lambda: step.qr.isVisible() and step.height() >= step.minimumSizeHint().height()
    )
    shot = tmp_path / "screen.png"
    assert window.grab().save(str(shot))
    assert zbar(shot) == [expected]  # what a banking app's camera reads off the screen
    type_text(step.reference.editor, "FT26326123456")
    tap(qtbot, step.paid)
    panel = wait_saved(qtbot, window)

    kiosk = window.state.require_kiosk()
    row, item = only(kiosk, "payment")
    assert (row.dossier_id, row.method, row.amount, row.actor) == (
        dossier.id,
        "vietqr",
        10000,
        "resident",
    )
    assert item["depends_on"] == dossier.item_id
    payload = item["payload"]
    assert payload["dossier_id"] == dossier.item_id
    assert payload["LoaiKhoanNop"] == "le_phi"
    assert payload["NoiDung"] == f"Lệ phí đăng ký thường trú (hồ sơ {dossier.receipt_code})"
    assert (payload["SoTien"], payload["HinhThuc"]) == (10000, "vietqr")
    assert payload["MaThamChieu"] == "FT26326123456"
    assert payload["NguoiNop"] == "Nguyễn Thị Hoa"
    assert payload["MaBienNhanTaiDiem"] == panel.saved.receipt_code
    assert payload["DongY"]["MucDich"] == ["thanh_toan"]
    assert payload["DongY"]["PhienBanThongBao"] == "2026-01"
    assert payload["DongY"]["ThoiDiem"] <= payload["ThoiDiem"]

    needs_answer = JobState.NEEDS_CONFIRMATION.value
    qtbot.waitUntil(lambda: panel.job_state == needs_answer, timeout=30000)
    assert paper.stat().st_size > 2000  # the raster receipt reached the printer
    assert panel.came_out.isVisible()
    tap(qtbot, panel.came_out)
    code = panel.saved.receipt_code
    qtbot.waitUntil(lambda: print_jobs(kiosk, code)[0].state == JobState.PRINTED.value)

    window.state.send_now()
    sent = {dossier.item_id, panel.saved.item_id}
    qtbot.waitUntil(lambda: sent <= {i["id"] for i in province.state.items()}, timeout=40000)
    at_province = {i["id"]: i for i in province.state.items()}
    assert at_province[panel.saved.item_id]["payload"] == payload


def test_cash_is_refused_to_a_resident_and_taken_by_a_volunteer(
    window: MainWindow, qtbot: QtBot
) -> None:
    kiosk = window.state.require_kiosk()
    users.add_user(kiosk, "TNV01", "Trần Thị Bình", "volunteer", PIN)
    screen = open_payment(window)
    form = screen.form
    fill_contribution(qtbot, form)
    tap(qtbot, form.method.buttons["tien_mat"])
    assert form.method.value() is None
    assert form.cash_note.isVisible()
    assert "chỉ nộp qua tình nguyện viên" in form.cash_words.text()
    tap(qtbot, screen.next)  # no way to pay chosen: the core says so next to "Cách nộp"
    qtbot.waitUntil(lambda: form.method_field.error.isVisible())
    assert screen.step is None and stored(kiosk, "payment") == []

    agreed = form.agreement()
    assert agreed is not None
    tap(qtbot, form.volunteer_login)
    login = window.current
    assert login is not None and login.route == "login"
    type_text(login.code.editor, "TNV01")
    type_text(login.pin.editor, PIN)
    tap(qtbot, login.submit)
    qtbot.waitUntil(lambda: window.current is not None and window.current.route == "payment")
    screen = window.current
    form = screen.form  # the same payment, filled in again, cash now allowed
    assert (form.payer.value(), form.amount.amount()) == ("Lê Văn Sơn", 200000)
    assert form.method.value() == "tien_mat" and not form.cash_note.isVisible()
    assert form.consent.boxes["thanh_toan"].isChecked()
    assert form.agreement() == agreed  # the resident's consent, from before the login
    tap(qtbot, screen.next)
    qtbot.waitUntil(lambda: isinstance(screen.step, CashStep))
    tap(qtbot, screen.step.received)
    panel = wait_saved(qtbot, window)

    row, item = only(kiosk, "payment")
    assert (row.method, row.amount, row.actor, row.dossier_id) == (
        "tien_mat",
        200000,
        "TNV01",
        None,
    )
    payload = item["payload"]
    assert payload["LoaiKhoanNop"] == "dong_gop"
    assert payload["NoiDung"] == "Ủng hộ quỹ phòng, chống thiên tai"
    assert payload["MaThamChieu"] is None and payload["dossier_id"] is None
    assert payload["DongY"] == agreed
    assert item["depends_on"] is None
    qtbot.waitUntil(lambda: len(print_jobs(kiosk, panel.saved.receipt_code)) == 1)


def test_contribution_by_vietqr_needs_the_bank_reference(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = open_payment(window)
    form = screen.form
    fill_contribution(qtbot, form, "1500000")
    assert form.amount.line.text() == "1.500.000"
    assert form.amount.words.text() == "Một triệu năm trăm nghìn đồng"
    tap(qtbot, form.method.buttons["vietqr"])
    tap(qtbot, screen.next)
    qtbot.waitUntil(lambda: isinstance(screen.step, TransferStep))
    step = screen.step
    assert step.qr.content.startswith("000201010212")  # with an amount
    assert "54071500000" in step.qr.content
    assert find(step, "transferAmount").text() == "1.500.000 đồng"
    tap(qtbot, step.paid)  # no reference typed yet
    assert step.reference.error.isVisible()
    assert "mã giao dịch" in step.reference.error.text()
    assert stored(window.state.require_kiosk(), "payment") == []
    type_text(step.reference.editor, "FT 2632 6998877")
    tap(qtbot, step.paid)
    wait_saved(qtbot, window)
    _row, item = only(window.state.require_kiosk(), "payment")
    assert item["payload"]["MaThamChieu"] == "FT 2632 6998877"
    assert item["payload"]["SoTien"] == 1500000


def test_errors_show_next_to_the_fields_and_nothing_is_saved(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = open_payment(window)
    form = screen.form
    tap(qtbot, form.purpose.buttons["other"])
    tap(qtbot, form.kind.buttons["dich_vu_cong_ich"])
    type_text(form.content.editor, "Phí thu gom rác tháng 11")
    type_text(form.amount.editor, "250000000")  # above money.max_vnd (100.000.000)
    tap(qtbot, form.method.buttons["vietqr"])
    tap(qtbot, screen.next)
    qtbot.waitUntil(lambda: form.amount.error.isVisible())
    assert "vượt quá mức tối đa 100.000.000 đồng" in form.amount.error.text()
    assert form.payer.error.isVisible()  # the payer's name is missing
    assert not form.content.error.isVisible()
    assert screen.step is None

    tap(qtbot, form.purpose.buttons["dossier"])
    type_text(form.code.editor, "NT01-261122-9999")
    tap(qtbot, form.find_button)
    qtbot.waitUntil(lambda: form.code.error.isVisible())
    assert "Không tìm thấy hồ sơ" in form.code.error.text()
    assert stored(window.state.require_kiosk(), "payment") == []


def test_without_consent_the_payer_is_not_kept(window: MainWindow, qtbot: QtBot) -> None:
    """The payer's name is personal data: without the tick the form says so next to the
    notice, nothing is saved, and once ticked the payment goes through."""
    screen = open_payment(window)
    form = screen.form
    tap(qtbot, form.purpose.buttons["other"])
    tap(qtbot, form.kind.buttons["dong_gop"])
    type_text(form.content.editor, "Ủng hộ quỹ khuyến học")
    type_text(form.payer.editor, "Phạm Thị Lan")
    type_text(form.amount.editor, "50000")
    tap(qtbot, form.method.buttons["vietqr"])
    tap(qtbot, screen.next)
    qtbot.waitUntil(lambda: form.consent_field.error.isVisible())
    assert "đồng ý xử lý dữ liệu cá nhân" in form.consent_field.error.text()
    assert screen.step is None and not form.payer.error.isVisible()
    assert stored(window.state.require_kiosk(), "payment") == []
    agree(qtbot, form)
    assert not form.consent_field.error.isVisible()
    tap(qtbot, screen.next)
    qtbot.waitUntil(lambda: isinstance(screen.step, TransferStep))
    type_text(screen.step.reference.editor, "FT26327000111")
    tap(qtbot, screen.step.paid)
    wait_saved(qtbot, window)
    _row, item = only(window.state.require_kiosk(), "payment")
    assert item["payload"]["DongY"]["MucDich"] == ["thanh_toan"]


def test_the_transfer_step_outlasts_the_usual_idle_limit(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A resident in their banking app (login, OTP) is away from the screen on purpose: the
    QR step has its own, longer limit and a countdown that says to save a transfer made."""
    monkeypatch.setattr(payment_screen, "TRANSFER_IDLE", (3, 2))  # 600 s + 60 s in service
    window.idle.configure(1, 1)  # the usual limit: wiped after 1 s + 1 s
    screen = open_payment(window)
    fill_contribution(qtbot, screen.form)
    tap(qtbot, screen.form.method.buttons["vietqr"])
    tap(qtbot, screen.next)
    qtbot.waitUntil(lambda: isinstance(screen.step, TransferStep))
    assert window.idle.limits == (3, 2)
    back = next(b for b in screen.step.findChildren(QPushButton) if b.text() == "Quay lại sửa")
    tap(qtbot, back)  # the form again: the usual limit again
    assert window.idle.limits == (1, 1)
    tap(qtbot, screen.next)
    qtbot.waitUntil(lambda: isinstance(screen.step, TransferStep))
    with qtbot.waitSignal(window.idle.warn, timeout=10000) as first:
        pass
    assert first.args == [2]  # the step's countdown, after its own timeout
    assert window.current is screen  # the usual 1 s + 1 s wipe has not happened
    assert "đã chuyển khoản xong chưa" in window.dialogs.message.text()
    with qtbot.waitSignal(window.idle.expired, timeout=10000):
        pass
    assert window.current is None  # someone who left is still wiped in the end
    assert window.idle.limits == (1, 1)


def test_a_scanned_receipt_shows_what_is_due_above_the_keys(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A reader types the code and Enter into the focused field while the on-screen keys are
    up: the dossier's fees appear below the field, so the keys go away (as OK does)."""
    dossier = saved_dossier(window.state.require_kiosk())
    screen = open_payment(window)
    form = screen.form
    tap(qtbot, form.purpose.buttons["dossier"])
    form.code.editor.setFocus()
    qtbot.waitUntil(lambda: window.keyboard.isVisible())
    type_text(form.code.editor, dossier.receipt_code)
    press_enter(form.code.editor)
    qtbot.waitUntil(lambda: "Còn phải nộp" in form.found.text())
    viewport = screen.scroll_area.viewport()
    qtbot.waitUntil(lambda: global_rect(viewport).contains(global_rect(form.found)))
    assert not window.keyboard.isVisible()
    assert form.code.editor.hasFocus()


def test_a_kiosk_without_the_wards_account_offers_cash_only(
    home: Path, window_factory: Any, qtbot: QtBot
) -> None:
    """A new kiosk has no account (never a sample one): a resident is not led to a transfer
    that ends in "not set up"; the volunteer takes cash."""
    kiosk = Kiosk.open(home)
    kiosk.settings.set("payment.account", "")
    kiosk.close()
    form = open_payment(window_factory()).form
    assert "vietqr" not in form.method.buttons and "tien_mat" in form.method.buttons
