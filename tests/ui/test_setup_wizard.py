"""The first-run setup wizard on a real data home that was never set up, against the real
provincial simulator on 127.0.0.1 and a file printer: every step through its service, the
refusals next to the fields, and the doctor's report at the end — then what landed in the
settings file, the keyring, the users table, the audit chain and the backups."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.services import setup_steps, users
from kiosk.services.setup_steps import DetectedPrinter
from kiosk.settings import Settings
from kiosk.simulator import RunningSimulator, start_simulator
from kiosk.store import secrets
from kiosk.store.db import read_session
from kiosk.store.models import AuditEntry
from kiosk.sync.engine import secret_name
from kiosk.ui.main_window import MainWindow
from tests.sync.conftest import CLIENT_ID, SECRET
from tests.ui.conftest import type_text
from tests.ui.flows import LEFT, tap

KIOSK_CODE = "KIOSK-56-22390-02"


@pytest.fixture
def province(tmp_path: Path) -> Iterator[RunningSimulator]:
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        yield sim


def open_wizard(window: MainWindow, qtbot: QtBot) -> Any:
    window.go("setup")  # what the window does at start while the kiosk is not set up
    wizard = window.current
    assert wizard is not None and wizard.route == "setup"
    qtbot.waitUntil(lambda: bool(wizard.steps), timeout=10000)
    return wizard


def next_step(qtbot: QtBot, wizard: Any, index: int, timeout: int = 20000) -> Any:
    tap(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: wizard.index == index, timeout=timeout)
    return wizard.steps[index]


def retype(editor: Any, text: str) -> None:
    editor.clear()
    type_text(editor, text)


def audit_actions(window: MainWindow) -> list[str]:
    with read_session(window.state.require_kiosk().engine) as session:
        return list(session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())


def test_the_wizard_end_to_end(
    window: MainWindow, qtbot: QtBot, province: RunningSimulator, tmp_path: Path
) -> None:
    kiosk = window.state.require_kiosk()
    assert setup_steps.needs_setup(kiosk)
    for key in setup_steps.RECEIPT_KEYS.values():  # the test home is the demo's point
        kiosk.settings.set(key, "")
    wizard = open_wizard(window, qtbot)
    assert wizard.first_run and wizard.actor == "setup"
    assert wizard.indicator.text() == "Bước 1/8: Mã và tên điểm hỗ trợ"

    identity = wizard.steps[0]
    assert identity.code.value() == ""  # the defaults are examples, not pre-filled
    type_text(identity.code.editor, KIOSK_CODE.lower())
    type_text(identity.name.editor, "Điểm hỗ trợ DVC Phường Tây Nha Trang")
    type_text(identity.prefix.editor, "TNT2")
    location = next_step(qtbot, wizard, 1)

    type_text(location.picker.ward.editor, "phuong sai")  # the pre-2025 name
    qtbot.waitUntil(lambda: bool(location.picker.choice_buttons), timeout=5000)
    tay = [b for b in location.picker.choice_buttons if "Tây Nha Trang" in b.text()]
    qtbot.mouseClick(tay[0], LEFT)
    assert location.picker.ward_code() == "22390"
    server = next_step(qtbot, wizard, 2)

    type_text(server.url.editor, province.base_url)
    qtbot.mouseClick(server.check_button, LEFT)
    qtbot.waitUntil(lambda: "kết nối được" in server.message.text(), timeout=10000)
    credentials = next_step(qtbot, wizard, 3)

    assert credentials.client_id.value() == KIOSK_CODE  # offered: usually the kiosk code
    retype(credentials.client_id.editor, CLIENT_ID)
    type_text(credentials.secret.editor, "not-the-secret")
    tap(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: credentials.secret.error.isVisible(), timeout=10000)
    assert credentials.secret.error.text() == "Tỉnh từ chối mã client hoặc mã bí mật này"
    assert credentials.secret.value() == "" and wizard.index == 3
    assert secrets.get_secret(secret_name(CLIENT_ID)) is None  # never stored unverified
    type_text(credentials.secret.editor, SECRET)
    printer = next_step(qtbot, wizard, 4)
    assert credentials.secret.value() == "" and not credentials.secret.error.isVisible()
    assert secrets.get_secret(secret_name(CLIENT_ID)) == SECRET

    paper_roll = tmp_path / "lp0"
    qtbot.waitUntil(lambda: "máy in" in printer.found.text())
    qtbot.mouseClick(printer.choices.buttons["file"], LEFT)
    assert printer.address.isVisible() and printer.address.caption.text() == "Đường dẫn tệp"
    type_text(printer.address.editor, str(paper_roll))
    qtbot.mouseClick(printer.paper_choices.buttons["58"], LEFT)
    tap(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: printer.came_out.isVisible(), timeout=20000)
    assert paper_roll.stat().st_size > 1000  # the test page went to the "printer"
    assert "Đã gửi trang in thử" in printer.question.text() and not wizard.next_button.isVisible()
    qtbot.mouseClick(printer.came_out, LEFT)
    qtbot.waitUntil(lambda: wizard.index == 5)
    receipt = wizard.steps[5]

    assert receipt.hotline.value() == receipt.account.value() == ""  # no sample account
    type_text(receipt.hotline.editor, "0258 3 511 511")
    type_text(receipt.bank_bin.editor, "970405")  # the account number forgotten
    type_text(receipt.beneficiary.editor, "UBND PHUONG TAY NHA TRANG")
    tap(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: receipt.account.error.isVisible())
    assert "để trống cả ba" in receipt.account.error.text() and wizard.index == 5
    assert not receipt.hotline.error.isVisible()
    type_text(receipt.account.editor, "4600201008899")
    accounts = next_step(qtbot, wizard, 6)

    assert accounts.staff.code.value() == "CB01" and accounts.technician.code.value() == "KTV01"
    type_text(accounts.staff.name.editor, "Trần Thị Bích")
    for field, pin in ((accounts.staff.pin, "4821"), (accounts.staff.again, "4821")):
        type_text(field.editor, pin)
    type_text(accounts.technician.name.editor, "Lê Văn Kỹ")
    type_text(accounts.technician.pin.editor, "7306")
    type_text(accounts.technician.again.editor, "7360")  # mistyped the second time
    tap(qtbot, wizard.next_button)
    assert accounts.technician.again.error.text() == "Hai lần nhập mã PIN không giống nhau"
    retype(accounts.technician.again.editor, "7306")
    type_text(accounts.volunteer.code.editor, "TNV07")
    type_text(accounts.volunteer.name.editor, "Phạm Minh Tâm")
    type_text(accounts.volunteer.pin.editor, "1593")
    type_text(accounts.volunteer.again.editor, "1593")
    qtbot.mouseClick(accounts.add_button, LEFT)
    qtbot.waitUntil(lambda: "Đã thêm tình nguyện viên TNV07" in accounts.message.text())
    finish = next_step(qtbot, wizard, 7)

    qtbot.waitUntil(lambda: "Phường Tây Nha Trang" in finish.summary_text.text())
    assert f"{KIOSK_CODE} — Điểm hỗ trợ DVC Phường Tây Nha Trang" in finish.summary_text.text()
    assert wizard.next_button.text() == "Hoàn tất và kiểm tra"
    tap(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: finish.report is not None, timeout=60000)
    statuses = {c["name"]: c["status"] for c in finish.report["checks"]}
    assert "red" not in statuses.values(), finish.report
    assert statuses["server"] == statuses["token"] == statuses["printer"] == "green"
    assert statuses["backup"] == "green"  # the first backup was made
    assert set(finish.view.badges) == set(statuses)
    assert not [b for b in finish.view.badges.values() if b.property("status") == "red"]
    assert finish.result.text().startswith("Cài đặt xong")
    assert wizard.next_button.text() == "Về trang chủ"

    saved = Settings.load(kiosk.layout.settings_file)
    assert (saved.get_str("kiosk.code"), saved.get_str("kiosk.ward_code")) == (KIOSK_CODE, "22390")
    assert (
        saved.get_str("printer.uri") == f"file:{paper_roll}"
        and saved.get_int("printer.paper") == 58
    )
    assert saved.get_str("server.url") == province.base_url.rstrip("/")
    assert saved.get_str("kiosk.hotline") == "0258 3 511 511"
    assert (saved.get_str("payment.bank_bin"), saved.get_str("payment.account")) == (
        "970405",
        "4600201008899",
    )
    assert statuses["receipt"] == "green"
    settings_text = kiosk.layout.settings_file.read_text(encoding="utf-8")
    assert SECRET not in settings_text and "4821" not in settings_text
    assert users.login(kiosk, "CB01", "4821").role == "staff"
    assert users.login(kiosk, "KTV01", "7306").role == "technician"
    assert users.login(kiosk, "TNV07", "1593").role == "volunteer"
    actions = audit_actions(window)
    for step in ("identity", "location", "server", "credentials", "printer", "receipt", "finish"):
        assert f"setup.{step}" in actions
    audit_text = json.dumps(actions)
    assert SECRET not in audit_text
    assert not setup_steps.needs_setup(kiosk)

    tap(qtbot, wizard.next_button)
    assert window.current is None  # home


def test_refusals_show_next_to_their_fields(window: MainWindow, qtbot: QtBot) -> None:
    wizard = open_wizard(window, qtbot)
    identity = wizard.steps[0]
    type_text(identity.code.editor, "x")
    type_text(identity.name.editor, "Đi")
    tap(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: identity.code.error.isVisible())
    assert identity.code.error.text() == "Mã điểm gồm 3–32 chữ in hoa, chữ số, dấu -"
    assert identity.name.error.text() == "Tên điểm hỗ trợ 3–120 ký tự"
    assert wizard.index == 0 and "setup.identity" not in audit_actions(window)
    kiosk = window.state.require_kiosk()
    assert not kiosk.settings.is_set("kiosk.code")

    wizard.go_to(1)
    tap(qtbot, wizard.next_button)  # no ward chosen
    location = wizard.steps[1]
    qtbot.waitUntil(lambda: location.picker.ward.error.isVisible())
    assert location.picker.ward.error.text().startswith("Không có mã phường/xã này")

    wizard.go_to(2)
    server = wizard.steps[2]
    type_text(server.url.editor, "http://127.0.0.1:9/api")  # nobody answers there
    tap(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: server.url.error.isVisible(), timeout=20000)
    assert server.url.error.text() == "Không kết nối được máy chủ này"
    assert not kiosk.settings.is_set("server.url") and wizard.index == 2

    wizard.go_to(4)
    printer = wizard.steps[4]
    qtbot.mouseClick(printer.choices.buttons["tcp"], LEFT)
    tap(qtbot, wizard.next_button)  # no address typed
    qtbot.waitUntil(lambda: printer.address.error.isVisible(), timeout=20000)
    assert printer.address.error.text().startswith("Máy in phải có dạng")
    # the search for plugged-in printers may answer late (a busy disk, a slow libusb): the new
    # list keeps the chosen kind, its address field and the refusal next to it
    printer._detected([DetectedPrinter("serial:/dev/ttyUSB7", "/dev/ttyUSB7 — thử")])
    assert printer.choices.value() == "tcp" and "serial:/dev/ttyUSB7" in printer.choices.buttons
    assert printer.address.isVisible() and printer.address.error.isVisible()


def test_set_up_kiosk_reruns_only_for_a_technician(window: MainWindow, qtbot: QtBot) -> None:
    kiosk = window.state.require_kiosk()
    setup_steps.set_identity(kiosk, KIOSK_CODE, "Điểm hỗ trợ thử", "TNT2")
    kiosk.settings.set("server.client_id", CLIENT_ID)  # configured by hand earlier
    assert not setup_steps.needs_setup(kiosk)
    window.go("setup")
    wizard = window.current
    qtbot.waitUntil(lambda: "Chỉ kỹ thuật viên" in wizard.indicator.text())
    assert wizard.steps == [] and not wizard.next_button.isEnabled()

    users.add_user(kiosk, "KTV01", "Lê Văn Kỹ", "technician", "7306")
    window.state.set_user(users.login(kiosk, "KTV01", "7306"))
    window.go("technician")
    technician = window.current
    qtbot.mouseClick(technician.findChild(type(technician.exit_button), "rerunSetup"), LEFT)
    wizard = window.current
    assert wizard.route == "setup"
    qtbot.waitUntil(lambda: bool(wizard.steps))
    assert not wizard.first_run and wizard.actor == "KTV01"
    assert wizard.steps[0].code.value() == KIOSK_CODE  # what was set is offered again
    assert wizard.steps[3].client_id.value() == CLIENT_ID
    window.back()
    assert window.current.route == "technician"
    qtbot.mouseClick(window.current.findChild(type(technician.exit_button), "openSubject"), LEFT)
    assert window.current.route == "subject"
