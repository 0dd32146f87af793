"""Service registrations on the touch screen, on a real data home: each of the eight services
saved once through its generated form (table-driven from the schemas), an invalid form with
the errors next to the right fields, consent before capture, postal return for a dossier."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.domain.registrations import SERVICES, DetailField, ServiceSchema
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets.choice_buttons import ChoiceButtons
from kiosk.ui.widgets.date_picker import DatePicker
from tests.ui.conftest import type_text
from tests.ui.flows import only, print_jobs, saved_dossier, stored, tap, tick, wait_saved

PERSON = {"HoTen": "Phạm Thị Lan", "MaDoiTuong": "056185001234", "SoDienThoai": "0905 123 456"}
STORED_PERSON = {**PERSON, "SoDienThoai": "+84905123456"}
TEXTS = {
    "CoSoYTe": "Trạm Y tế phường Nha Trang",
    "DiaChiNhan": "12 Yersin, Phường Nam Nha Trang, Khánh Hòa",
    "MaKhachHang": "PQ12345678",
    "GhiChuGiaoHang": "Gọi điện trước khi giao",
    "NguoiNhan": "Võ Minh Khoa",
    "SoDienThoaiNguoiNhan": "0912345678",
    "SoNhanKhau": "4",
}


def open_service(window: MainWindow, qtbot: QtBot, code: str) -> Any:
    window.go("registration")
    screen = window.current
    assert screen is not None and screen.route == "registration"
    assert set(screen.tiles) == set(SERVICES)  # all eight offered
    tap(qtbot, screen.tiles[code])
    return screen


def agree(qtbot: QtBot, screen: Any) -> None:
    boxes = list(screen.consent.boxes.values())
    assert [b.isChecked() for b in boxes] == [False] * len(boxes)  # nothing ticked for them
    for box in boxes:
        assert not screen.agree.isEnabled()
        tick(qtbot, box)
    tap(qtbot, screen.agree)
    qtbot.waitUntil(lambda: screen.form is not None)


def fill_detail(qtbot: QtBot, editor: Any, detail: DetailField, today: date) -> Any:
    """Fill one generated field as a resident would; the value the payload should carry."""
    if isinstance(editor, ChoiceButtons):
        code = detail.choices[-1].code
        tap(qtbot, editor.buttons[code])
        return code
    if isinstance(editor, DatePicker):
        day = today + timedelta(days=detail.min_days + 1)
        while day not in editor.days:
            tap(qtbot, editor.next)
        tap(qtbot, editor.days[day])
        return f"{day:%Y%m%d}"
    type_text(editor, TEXTS[detail.key])
    if detail.type == "int":
        return int(TEXTS[detail.key])
    if detail.type == "phone":
        return "+84" + TEXTS[detail.key][1:]
    return TEXTS[detail.key]


def fill_address(qtbot: QtBot, form: Any) -> None:
    address = form.address
    type_text(address.street.editor, "25 Lê Thánh Tôn")
    picker = address.picker
    qtbot.waitUntil(lambda: picker.province_code() == "56")
    type_text(picker.ward.editor, "Tân Lập")  # the old ward's name, still on people's lips
    qtbot.waitUntil(lambda: bool(picker.choice_buttons), timeout=10000)
    tap(qtbot, next(b for b in picker.choice_buttons if b.text().startswith("Phường Nha Trang")))
    assert picker.ward_code() == "22366"


def fill_form(qtbot: QtBot, screen: Any, schema: ServiceSchema) -> dict[str, Any]:
    form = screen.form
    for key in schema.applicant:
        type_text(form.fields[f"NguoiDangKy.{key}"].editor, PERSON[key])
    if schema.needs_address:
        fill_address(qtbot, form)
    return {
        detail.key: fill_detail(
            qtbot, form.fields[f"ChiTiet.{detail.key}"].editor, detail, form.today
        )
        for detail in schema.details
    }


@pytest.mark.parametrize("code", list(SERVICES))
def test_each_service_is_saved_from_its_form(window: MainWindow, qtbot: QtBot, code: str) -> None:
    schema = SERVICES[code]
    kiosk = window.state.require_kiosk()
    dossier = saved_dossier(kiosk) if schema.needs_dossier else None
    screen = open_service(window, qtbot, code)
    agree(qtbot, screen)
    if dossier is not None:
        type_text(screen.dossier_code.editor, dossier.receipt_code)
    else:
        assert screen.dossier_code is None
    form = screen.form
    shown = {path.split(".")[1] for path in form.fields if path.startswith("NguoiDangKy.")}
    assert shown == set(schema.applicant)  # only what this service collects
    assert (form.address is not None) == schema.needs_address
    details = fill_form(qtbot, screen, schema)
    tap(qtbot, screen.save_button)
    panel = wait_saved(qtbot, window)

    row, item = only(kiosk, "registration")
    payload = item["payload"]
    assert row.service == code and payload["DichVu"] == code
    assert payload["NguoiDangKy"] == {k: STORED_PERSON[k] for k in schema.applicant}
    assert payload["ChiTiet"] == details
    if schema.needs_address:
        assert payload["DiaChi"] == {
            "SoNha": "25 Lê Thánh Tôn",
            "MaXa": "22366",
            "TenXa": "Phường Nha Trang",
            "MaTinh": "56",
            "TenTinh": "Khánh Hòa",
        }
    else:
        assert "DiaChi" not in payload
    assert payload["DongY"]["MucDich"] == list(schema.purposes)
    assert payload["DongY"]["PhienBanThongBao"] == "2026-01"
    assert payload["MaBienNhanTaiDiem"] == panel.saved.receipt_code == row.receipt_code
    if dossier is not None:
        assert payload["dossier_id"] == item["depends_on"] == dossier.item_id
        assert row.dossier_id == dossier.id
    else:
        assert payload["dossier_id"] is None and item["depends_on"] is None
    qtbot.waitUntil(lambda: len(print_jobs(kiosk, panel.saved.receipt_code)) == 1)


def test_an_invalid_form_shows_each_error_next_to_its_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    screen = open_service(window, qtbot, "electricity")
    agree(qtbot, screen)
    form = screen.form
    type_text(form.fields["NguoiDangKy.HoTen"].editor, PERSON["HoTen"])
    type_text(form.fields["NguoiDangKy.MaDoiTuong"].editor, "056185")  # six digits short
    type_text(form.fields["NguoiDangKy.SoDienThoai"].editor, PERSON["SoDienThoai"])
    fill_address(qtbot, form)
    tap(qtbot, form.fields["ChiTiet.MucDichSuDung"].editor.buttons["sinh_hoat"])
    tap(qtbot, screen.save_button)  # "Loại yêu cầu" left unchosen
    wrong_id = form.fields["NguoiDangKy.MaDoiTuong"]
    qtbot.waitUntil(lambda: wrong_id.error.isVisible())
    assert "12 chữ số" in wrong_id.error.text()
    request = form.fields["ChiTiet.LoaiYeuCau"]
    assert request.error.isVisible() and "loại yêu cầu" in request.error.text()
    fine = ("NguoiDangKy.HoTen", "NguoiDangKy.SoDienThoai", "ChiTiet.MucDichSuDung", "DiaChi.SoNha")
    assert not any(form.fields[path].error.isVisible() for path in fine)
    assert stored(window.state.require_kiosk(), "registration") == []
    assert screen.save_button.isEnabled()


def test_consent_comes_first_and_declining_goes_back(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_service(window, qtbot, "vaccination")
    assert screen.form is None  # nothing to type before agreeing
    assert set(screen.consent.boxes) == {"dang_ky_dich_vu", "du_lieu_suc_khoe"}
    tick(qtbot, screen.consent.boxes["dang_ky_dich_vu"])
    assert not screen.agree.isEnabled()  # health data needs its own tick
    decline = next(b for b in screen.findChildren(type(screen.agree)) if b.text() == "Không đồng ý")
    tap(qtbot, decline)
    qtbot.waitUntil(lambda: bool(screen.tiles))
    assert screen.schema is None and screen.consent is None


def test_postal_return_names_an_existing_dossier(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_service(window, qtbot, "postal_return")
    agree(qtbot, screen)
    type_text(screen.dossier_code.editor, "NT01-261122-9999")
    fill_form(qtbot, screen, SERVICES["postal_return"])
    tap(qtbot, screen.save_button)
    qtbot.waitUntil(lambda: screen.dossier_code.error.isVisible())
    assert "Không tìm thấy hồ sơ" in screen.dossier_code.error.text()
    assert stored(window.state.require_kiosk(), "registration") == []
    assert not screen.leave_ok()  # typed data: the window asks before leaving
