"""Filing a dossier on the touch screen: consent, applicant (CCCD × date of birth, old ward
names), papers from the watched scanner folder, postal return, review, save, receipt printed,
sent by the sync engine to the real simulator, status back in the look-up."""

from __future__ import annotations

import hashlib
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.printing.models import JobState, PrintJob
from kiosk.services import dossier_draft, records, scans
from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator, start_simulator
from kiosk.store.db import read_session
from kiosk.store.models import Dossier, OutboxItem, Registration
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.dossier import DossierScreen
from kiosk.ui.screens.lookup import LookupScreen
from kiosk.ui.screens.procedure import ProcedureScreen
from kiosk.ui.screens.procedures import ProceduresScreen
from tests.printing.escpos_parser import parse
from tests.sync.conftest import CLIENT_ID, SECRET, connect
from tests.ui.conftest import press_enter, texts_in, type_text

PERSONAL_ID = "056062001234"  # born 1962 in Khánh Hòa (a made-up number)


# --- driving helpers --------------------------------------------------------------------------


def click(qtbot: QtBot, widget: QAbstractButton | Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Tap a check box or radio button on its indicator."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(18, box.height() // 2))


def answer(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.waitUntil(lambda: window.dialogs.showing)
    found = [
        b
        for b in window.dialogs.overlay.findChildren(QPushButton)
        if b.text() == text and b.isVisible()
    ]
    click(qtbot, found[0])


def open_dossier(qtbot: QtBot, window: MainWindow, code: str = "1.001193") -> DossierScreen:
    window.go("dossier", procedure_code=code)
    screen = window.current
    assert isinstance(screen, DossierScreen)
    qtbot.waitUntil(lambda: len(screen.steps) == 6)
    return screen


def next_step(qtbot: QtBot, screen: DossierScreen, expected: int) -> None:
    click(qtbot, screen.next_button)
    qtbot.waitUntil(lambda: screen.index == expected and screen.next_button.isEnabled())


def stays_with_errors(qtbot: QtBot, screen: DossierScreen, index: int) -> None:
    click(qtbot, screen.next_button)
    qtbot.waitUntil(lambda: screen.next_button.isEnabled())
    assert screen.index == index


def agree(qtbot: QtBot, screen: DossierScreen, *purposes: str) -> None:
    for code in purposes or ("giai_quyet_tthc",):
        tick(qtbot, screen.steps[0].boxes[code])


def choose_ward(qtbot: QtBot, step: Any, typed: str, expected: str) -> str:
    type_text(step.picker.ward.editor, typed)
    qtbot.waitUntil(lambda: bool(step.picker.choice_buttons), timeout=5000)
    texts = [b.text() for b in step.picker.choice_buttons]
    assert expected in texts, texts
    click(qtbot, step.picker.choice_buttons[texts.index(expected)])
    return str(step.picker.ward_code())


def fill_applicant(
    qtbot: QtBot,
    screen: DossierScreen,
    *,
    birth: str = "05/09/1962",
    phone: str = "0905 123 456",
) -> None:
    step = screen.steps[1]
    type_text(step.name.editor, "Nguyễn Thị Ánh")
    type_text(step.personal_id.editor, PERSONAL_ID)
    type_text(step.birth.editor, birth)
    if phone:
        type_text(step.phone.editor, phone)
    type_text(step.street.editor, "12 Trần Phú")
    choose_ward(
        qtbot,
        step,
        "Lộc Thọ",
        "Phường Nha Trang (trước đây: Phường Lộc Thọ, Thành phố Nha Trang)",
    )


def write_pdf(path: Path) -> bytes:
    """A real one-page PDF, as a scanner writes it."""
    Image.new("RGB", (240, 320), "white").save(path, "PDF", resolution=72)
    return path.read_bytes()


# --- consent and applicant --------------------------------------------------------------------


def test_consent_not_ticked_blocks_next_with_a_message(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_dossier(qtbot, window)
    consent = screen.steps[0]
    assert not any(box.isChecked() for box in consent.boxes.values())  # none pre-ticked
    assert list(consent.boxes) == ["giai_quyet_tthc", "lien_he_ho_tro", "tra_ket_qua_buu_chinh"]
    assert any("mã hóa" in t for t in texts_in(consent))  # the notice, in plain words
    stays_with_errors(qtbot, screen, 0)
    assert "đồng ý" in consent.field.error.text() and consent.field.error.isVisible()
    tick(qtbot, consent.boxes["lien_he_ho_tro"])  # an optional purpose is not enough
    stays_with_errors(qtbot, screen, 0)
    assert "giải quyết thủ tục hành chính" in consent.field.error.text()
    tick(qtbot, consent.boxes["giai_quyet_tthc"])
    next_step(qtbot, screen, 1)
    assert screen.indicator.text() == "Bước 2/6: Người nộp hồ sơ"
    assert screen.draft.purposes == ["giai_quyet_tthc", "lien_he_ho_tro"]


def test_wrong_id_for_the_birth_date_shows_next_to_the_id(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_dossier(qtbot, window)
    agree(qtbot, screen)
    next_step(qtbot, screen, 1)
    fill_applicant(qtbot, screen, birth="05/09/1961")  # the ID says 1962
    step = screen.steps[1]
    stays_with_errors(qtbot, screen, 1)
    assert step.personal_id.error.isVisible()
    assert "không khớp với ngày sinh" in step.personal_id.error.text()
    assert not step.birth.error.isVisible() and not step.name.error.isVisible()
    step.birth.editor.clear()
    type_text(step.birth.editor, "31-13")  # not a date a person can have
    stays_with_errors(qtbot, screen, 1)
    assert "ngày/tháng/năm" in step.birth.error.text()
    step.birth.editor.clear()
    type_text(step.birth.editor, "5/9/1962")
    next_step(qtbot, screen, 2)
    assert screen.draft.payload(with_paths=False)["NgaySinh"] == "19620905"


def test_old_ward_name_finds_the_new_ward(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_dossier(qtbot, window)
    agree(qtbot, screen)
    next_step(qtbot, screen, 1)
    step = screen.steps[1]
    code = choose_ward(
        qtbot,
        step,
        "phuong sai",  # typed without diacritics, the pre-2025 name
        "Phường Tây Nha Trang (trước đây: Phường Phương Sài, Thành phố Nha Trang)",
    )
    assert code == "22390"
    assert step.picker.chosen_label.text().startswith("Đã chọn: Phường Tây Nha Trang")
    assert step.picker.province_code() == "56"
    type_text(step.picker.ward.editor, "x")  # editing again drops the choice
    assert step.picker.ward_code() == ""


def test_leaving_mid_form_asks_first(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_dossier(qtbot, window)
    assert screen.leave_ok()  # nothing typed yet: leaves without asking
    agree(qtbot, screen)
    next_step(qtbot, screen, 1)
    type_text(screen.steps[1].name.editor, "Trần Văn Bình")
    assert not screen.leave_ok()
    click(qtbot, window.top_bar.home)
    assert window.dialogs.showing and "Bỏ những gì đã nhập" in window.dialogs.message.text()
    answer(qtbot, window, "Ở lại")
    assert window.current is screen
    assert screen.steps[1].name.editor.text() == "Trần Văn Bình"
    click(qtbot, window.top_bar.home)
    answer(qtbot, window, "Bỏ và về trang chủ")
    assert window.current is None


def test_the_back_button_asks_too(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_dossier(qtbot, window)
    agree(qtbot, screen)
    next_step(qtbot, screen, 1)
    type_text(screen.steps[1].name.editor, "Trần Văn Bình")
    click(qtbot, window.top_bar.back)
    assert window.dialogs.showing and "Bỏ những gì đã nhập" in window.dialogs.message.text()
    answer(qtbot, window, "Ở lại")
    assert window.current is screen
    click(qtbot, window.top_bar.back)
    answer(qtbot, window, "Bỏ và quay lại")
    assert window.current is not screen


def mark_required_on_paper(qtbot: QtBot, screen: DossierScreen) -> None:
    for row in screen.steps[2].rows:
        if row.paper.required and not row.paper.show_only and not row.paper.done:
            click(qtbot, row.paper_button)


def test_postal_return_needs_a_phone_and_its_own_consent(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_dossier(qtbot, window)
    agree(qtbot, screen)
    next_step(qtbot, screen, 1)
    fill_applicant(qtbot, screen, phone="")  # a phone is optional for the office
    next_step(qtbot, screen, 2)
    mark_required_on_paper(qtbot, screen)
    next_step(qtbot, screen, 3)
    assert screen.steps[3].total.text() == "Không phải nộp phí, lệ phí khi nộp hồ sơ này."
    next_step(qtbot, screen, 4)
    delivery = screen.steps[4]
    tick(qtbot, delivery.post)
    assert delivery.post_panel.isVisible() and not delivery.consent.isChecked()
    assert "12 Trần Phú, Phường Nha Trang, Khánh Hòa" in delivery.address.text()
    click(qtbot, screen.next_button)  # no phone: back to the applicant, next to the phone
    qtbot.waitUntil(lambda: screen.index == 1 and screen.next_button.isEnabled())
    assert "bưu điện liên hệ" in screen.steps[1].phone.error.text()
    type_text(screen.steps[1].phone.editor, "0905123456")
    for index in (2, 3, 4):
        next_step(qtbot, screen, index)
    stays_with_errors(qtbot, screen, 4)  # post chosen, not agreed to: asked right here
    assert "bưu chính công ích" in delivery.consent_field.error.text()
    tick(qtbot, delivery.consent)
    next_step(qtbot, screen, 5)
    assert "tra_ket_qua_buu_chinh" in screen.draft.purposes
    shown = "\n".join(texts_in(screen.steps[5]))
    assert "Tại nhà, qua bưu điện" in shown and "Gửi kết quả về nhà qua bưu chính công ích" in shown


def test_save_refused_goes_back_to_the_step_holding_the_error(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """The scan vanished before saving: the save path refuses, the papers step shows why."""
    screen = open_dossier(qtbot, window)
    agree(qtbot, screen)
    next_step(qtbot, screen, 1)
    fill_applicant(qtbot, screen)
    next_step(qtbot, screen, 2)
    papers = screen.steps[2]
    scan = tmp_path / "giay-chung-sinh.pdf"
    write_pdf(scan)
    row = papers.rows[3]  # Giấy chứng sinh
    row.attach(scans.read_paper(scan))
    scan.unlink()
    mark_required_on_paper(qtbot, screen)
    next_step(qtbot, screen, 3)
    next_step(qtbot, screen, 4)
    tick(qtbot, screen.steps[4].office)
    next_step(qtbot, screen, 5)
    click(qtbot, screen.next_button)
    qtbot.waitUntil(lambda: screen.next_button.isEnabled())
    assert screen.index == 2 and screen.saved is None
    assert row.error.isVisible() and "Không đọc được tệp" in row.error.text()
    with read_session(window.state.require_kiosk().engine) as session:
        assert session.execute(select(Dossier)).first() is None  # nothing half-written


# --- papers: the file picker, files refused, the scanner folder ------------------------------


def to_papers(qtbot: QtBot, window: MainWindow) -> DossierScreen:
    screen = open_dossier(qtbot, window)
    agree(qtbot, screen)
    next_step(qtbot, screen, 1)
    fill_applicant(qtbot, screen)
    next_step(qtbot, screen, 2)
    return screen


def pick_file(qtbot: QtBot, papers: Any, name: str) -> None:
    """In the picker (the scanner folder's files as rows), tap the file called ``name``."""
    picker = papers.picker
    qtbot.waitUntil(lambda: name in [r.scan.name for r in picker.rows])
    click(qtbot, next(r for r in picker.rows if r.scan.name == name))


def test_file_picker_opens_inside_the_window_and_attaches(window: MainWindow, qtbot: QtBot) -> None:
    screen = to_papers(qtbot, window)
    papers = screen.steps[2]
    row = papers.rows[3]
    picture = scans.scanner_folder(window.state.require_kiosk()) / "to-khai.png"
    Image.new("RGB", (60, 80), "white").save(picture, "PNG")
    click(qtbot, row.file_button)
    picker = papers.picker
    assert picker is not None and picker.isVisible() and not papers.list_panel.isVisible()
    assert not picker.isWindow()  # a part of the screen, not a window of its own
    assert not screen.next_button.isEnabled()
    pick_file(qtbot, papers, "to-khai.png")
    qtbot.waitUntil(lambda: row.paper.file is not None)
    assert papers.list_panel.isVisible() and screen.next_button.isEnabled()
    assert row.paper.file.mime == "image/png" and row.paper.file.from_scanner
    assert picture.exists()  # until the dossier is saved: then it leaves the folder, as a scan


def test_a_file_that_is_no_paper_is_refused_next_to_its_row(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = to_papers(qtbot, window)
    papers = screen.steps[2]
    row = papers.rows[3]
    fake = scans.scanner_folder(window.state.require_kiosk()) / "giay-chung-sinh.pdf"
    fake.write_text("chỉ là chữ, không phải PDF", encoding="utf-8")
    click(qtbot, row.file_button)
    assert papers.picker is not None
    pick_file(qtbot, papers, "giay-chung-sinh.pdf")
    qtbot.waitUntil(lambda: row.error.isVisible())
    assert "Chỉ nhận tệp PDF hoặc ảnh JPG, PNG" in row.error.text()
    assert row.paper.file is None and row.state_label.text() == "Chưa đính kèm"


def test_scanner_folder_lists_recent_finished_papers_only(tmp_path: Path) -> None:
    """Recent by arrival: a file copied in with an old date kept counts from when it came."""
    import os
    import time

    folder = tmp_path / "scans"
    folder.mkdir()
    names = ("new.pdf", "copied.pdf", "half.pdf.part", ".hidden.pdf", "empty.pdf", "note.txt")
    for name in names:
        (folder / name).write_bytes(b"" if name == "empty.pdf" else b"%PDF-1.4 x")
    long_ago = time.time() - 3 * 3600
    os.utime(folder / "copied.pdf", (long_ago, long_ago))
    now = time.time()
    assert sorted(f.name for f in scans.list_scans(folder, now=now)) == ["copied.pdf", "new.pdf"]
    later = now + scans.RECENT_S + 1  # half an hour on: someone else's papers by then
    assert scans.list_scans(folder, now=later) == []
    assert scans.list_scans(tmp_path / "missing", now=now) == []


@pytest.mark.parametrize(
    ("typed", "contract"),
    [
        ("05/09/1962", "19620905"),
        ("5/9/1962", "19620905"),
        ("05-09-1962", "19620905"),
        ("05.09.1962", "19620905"),
        ("05091962", "19620905"),
        ("", ""),
        ("1962", None),
        ("5/9/62", None),
    ],
)
def test_typed_birth_dates(typed: str, contract: str | None) -> None:
    assert dossier_draft.birth_to_contract(typed) == contract


# --- end to end -------------------------------------------------------------------------------


@pytest.fixture
def province(tmp_path: Path) -> Iterator[RunningSimulator]:
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        yield sim


@pytest.fixture
def connected_home(
    home: Path, province: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Path]:
    """The data home pointed at the simulator, a file printer and a scanner folder."""
    monkeypatch.setenv("ESCPOS_CAPABILITIES_PICKLE_DIR", str(tmp_path / "escpos-cache"))
    kiosk = Kiosk.open(home)
    connect(kiosk, province.base_url)
    printer, folder = tmp_path / "lp0", tmp_path / "scanner"
    kiosk.settings.set("printer.uri", f"file:{printer}")
    kiosk.settings.set("scanner.folder", str(folder))
    kiosk.close()
    return {"printer": printer, "scanner": folder}


def admin(sim: RunningSimulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{sim.admin_url}/{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # loopback simulator
        answer_body: dict[str, Any] = json.loads(response.read())
    return answer_body


def test_dossier_filed_printed_sent_and_looked_up(
    province: RunningSimulator,
    connected_home: dict[str, Path],
    window_factory: Any,
    qtbot: QtBot,
) -> None:
    window: MainWindow = window_factory(start_workers=True)
    kiosk = window.state.require_kiosk()
    assert window.state.engine is not None and window.state.printer is not None

    # find the procedure from the home tile "Nộp hồ sơ"
    click(qtbot, window.home_screen.tile_buttons["dossier_start"])
    search = window.current
    assert isinstance(search, ProceduresScreen) and search.filing
    type_text(search.editor, "khai sinh")
    qtbot.waitUntil(lambda: bool(search.cards) and search.editor.text() == "khai sinh")
    qtbot.waitUntil(lambda: search.cards[0].lines[0].text() == "Thủ tục đăng ký khai sinh")
    click(qtbot, search.cards[0])
    detail = window.current
    assert isinstance(detail, ProcedureScreen)
    qtbot.waitUntil(lambda: detail.file_button is not None)
    click(qtbot, detail.file_button)
    screen = window.current
    assert isinstance(screen, DossierScreen)
    qtbot.waitUntil(lambda: len(screen.steps) == 6)

    # consent, applicant
    agree(qtbot, screen, "giai_quyet_tthc", "tra_ket_qua_buu_chinh")
    next_step(qtbot, screen, 1)
    fill_applicant(qtbot, screen)
    next_step(qtbot, screen, 2)

    # papers: one scanned into the watched folder, one on paper at the office
    papers = screen.steps[2]
    birth_paper, form = papers.rows[3], papers.rows[6]
    assert birth_paper.paper.name.startswith("Giấy chứng sinh")
    assert form.paper.name.startswith("Tờ khai đăng ký khai sinh")
    click(qtbot, birth_paper.scan_button)
    assert papers.chooser.isVisible() and not papers.list_panel.isVisible()
    qtbot.waitUntil(lambda: papers.chooser.folder is not None)
    scanned = write_pdf(connected_home["scanner"] / "scan-0001.pdf")
    qtbot.waitUntil(lambda: bool(papers.chooser.file_buttons), timeout=5000)
    assert papers.chooser.file_buttons[0].text().startswith("scan-0001.pdf")
    click(qtbot, papers.chooser.file_buttons[0])
    qtbot.waitUntil(lambda: birth_paper.paper.file is not None)
    assert birth_paper.state_label.text().startswith("✔ Đã đính kèm: scan-0001.pdf")
    click(qtbot, form.paper_button)
    assert form.state_label.text() == "✔ Sẽ nộp bản giấy tại cơ quan"
    click(qtbot, screen.next_button)  # one required paper still missing: asked first
    answer(qtbot, window, "Vẫn đi tiếp")
    qtbot.waitUntil(lambda: screen.index == 3 and screen.next_button.isEnabled())

    # fees, return by post, review
    next_step(qtbot, screen, 4)
    tick(qtbot, screen.steps[4].post)
    next_step(qtbot, screen, 5)
    review = "\n".join(texts_in(screen.steps[5]))
    assert "Số định danh: 056*****1234" in review and PERSONAL_ID not in review
    assert "Nguyễn Thị Ánh" in review and "Ngày sinh: 05/09/1962" in review
    assert "tệp scan-0001.pdf" in review and "nộp bản giấy" in review
    click(qtbot, screen.next_button)
    qtbot.waitUntil(lambda: screen.saved is not None, timeout=10000)
    saved = screen.saved
    assert saved is not None and screen.leave_ok()
    assert screen.saved_panel is not None
    assert screen.saved_panel.code.text() == saved.receipt_code

    # what landed: the dossier, its postal-return registration, the paper, the outbox
    with read_session(kiosk.engine) as session:
        dossier = session.execute(select(Dossier)).scalar_one()
        registration = session.execute(select(Registration)).scalar_one()
        payload = records.record_payload(kiosk, session, dossier)
        postal = records.record_payload(kiosk, session, registration)
        kinds = dict(session.execute(select(OutboxItem.id, OutboxItem.kind)).all())
    assert dossier.receipt_code == saved.receipt_code and dossier.return_method == 1
    assert dossier.subject_masked == "N.T.Á. 056*****1234"
    assert payload is not None and postal is not None
    assert payload["MaTTHC"] == "1.001193" and payload["ChuHoSo"] == "Nguyễn Thị Ánh"
    assert payload["MaDoiTuong"] == PERSONAL_ID and payload["NgaySinh"] == "19620905"
    assert payload["SoDienThoai"] == "+84905123456"
    assert payload["DiaChi"] == {
        "SoNha": "12 Trần Phú",
        "MaXa": "22366",
        "TenXa": "Phường Nha Trang",
        "MaTinh": "56",
        "TenTinh": "Khánh Hòa",
    }
    assert payload["KenhThucHien"] == 2 and payload["HinhThucNhanKetQua"] == 1
    sha = hashlib.sha256(scanned).hexdigest()
    assert payload["TaiLieuNop"] == [
        {
            "TenTepDinhKem": "scan-0001.pdf",
            "MaThanhPhanHoSo": birth_paper.paper.code,
            "sha256": sha,
            "size": len(scanned),
            "mime": "application/pdf",
        }
    ]
    assert "Tờ khai đăng ký khai sinh" in payload["TrichYeuHoSo"]
    assert payload["DongY"]["PhienBanThongBao"] == "2026-01"
    assert payload["DongY"]["MucDich"] == ["giai_quyet_tthc", "tra_ket_qua_buu_chinh"]
    assert payload["NguoiHoTro"] == "resident"
    assert payload["MaBienNhanTaiDiem"] == saved.receipt_code
    assert postal["DichVu"] == "postal_return" and postal["dossier_id"] == saved.item_id
    assert postal["NguoiDangKy"] == {"HoTen": "Nguyễn Thị Ánh", "SoDienThoai": "+84905123456"}
    assert sorted(kinds.values()) == ["dossier", "registration"]
    assert kiosk.attachments.exists(sha)
    assert not (connected_home["scanner"] / "scan-0001.pdf").exists()  # kept encrypted only

    # the receipt: a print job, its ESC/POS bytes written to the printer
    panel = screen.saved_panel
    qtbot.waitUntil(lambda: panel.job_state == JobState.NEEDS_CONFIRMATION.value, timeout=30000)
    printed = parse(connected_home["printer"].read_bytes())
    assert printed.rasters, printed.commands
    assert panel.came_out.isVisible()
    click(qtbot, panel.came_out)
    qtbot.waitUntil(lambda: panel.job_state == JobState.PRINTED.value)
    with read_session(kiosk.engine) as session:
        job = session.execute(select(PrintJob)).scalar_one()
    assert job.receipt_code == saved.receipt_code and job.state == JobState.PRINTED.value

    # the sync engine sends both items to the province
    window.state.send_now()
    qtbot.waitUntil(lambda: len(province.state.items()) == 2, timeout=30000)
    stored = {item["id"]: item for item in province.state.items()}
    assert set(stored) == set(kinds)
    assert stored[saved.item_id]["payload"]["MaBienNhanTaiDiem"] == saved.receipt_code

    # the look-up: typed sloppily, then the province moves the dossier
    click(qtbot, panel.done)
    assert window.current is None
    click(qtbot, window.home_screen.tile_buttons["lookup"])
    lookup = window.current
    assert isinstance(lookup, LookupScreen)
    type_text(lookup.editor, " " + saved.receipt_code.lower() + " ")
    press_enter(lookup.editor)
    qtbot.waitUntil(lambda: lookup.found is not None, timeout=5000)
    qtbot.waitUntil(lambda: lookup.found.status.startswith("Tỉnh đã nhận"), timeout=30000)
    admin(
        province,
        "dossier_status",
        {
            "id": saved.item_id,
            "TrangThaiHoSo": 4,
            "MaHoSo": "000.00.12.H32-261122-0042",
            "NgayHenTra": "20261203170000",
        },
    )
    window.state.send_now()
    qtbot.waitUntil(lambda: "Đang xử lý" in status_text(lookup), timeout=30000)
    shown = "\n".join(texts_in(lookup))
    assert "Mã hồ sơ của cơ quan: 000.00.12.H32-261122-0042" in shown
    assert "Ngày hẹn trả kết quả: 03/12/2026" in shown
    with read_session(kiosk.engine) as session:
        moved = session.execute(select(Dossier)).scalar_one()
    assert (moved.status_code, moved.ma_ho_so) == (4, "000.00.12.H32-261122-0042")


def status_text(lookup: LookupScreen) -> str:
    layout = lookup.result_layout
    shown = [layout.itemAt(i).widget() for i in range(layout.count())]
    found = [w for w in shown if isinstance(w, QLabel) and w.objectName() == "status"]
    return found[0].text() if found else ""
