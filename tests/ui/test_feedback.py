"""Feedback (phản ánh kiến nghị) on the touch screen, on a real data home: anonymous keeps
nothing about the sender; with contact, consent is asked and stored; errors by the fields."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from kiosk.ui.main_window import MainWindow
from tests.ui.conftest import texts_in, type_text
from tests.ui.flows import only, print_jobs, stored, tap, tick, wait_saved

TEXT = "Đèn đường trước nhà số 25 đường Lê Thánh Tôn bị hỏng ba ngày nay."


def open_feedback(window: MainWindow) -> Any:
    window.go("feedback")
    screen = window.current
    assert screen is not None and screen.route == "feedback"
    return screen


def test_anonymous_feedback_stores_no_contact(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_feedback(window)
    assert screen.anonymous.value() == "yes"  # nothing about the sender unless chosen
    assert not screen.contact.isVisible()
    tap(qtbot, screen.topic.buttons["ha_tang"])
    type_text(screen.description, TEXT)
    type_text(screen.place.editor, "Đường Lê Thánh Tôn, Phường Nha Trang")
    tap(qtbot, screen.send)
    panel = wait_saved(qtbot, window)

    kiosk = window.state.require_kiosk()
    row, item = only(kiosk, "feedback")
    payload = item["payload"]
    assert row.anonymous is True and row.topic == "ha_tang"
    assert payload["AnDanh"] is True and payload["LienHe"] is None
    assert "DongY" not in payload
    assert payload["NoiDung"] == TEXT
    assert payload["DiaDiem"] == "Đường Lê Thánh Tôn, Phường Nha Trang"
    assert set(payload) == {"LinhVuc", "NoiDung", "DiaDiem", "AnDanh", "LienHe", "ThoiDiem"}
    assert row.receipt_code == panel.saved.receipt_code
    qtbot.waitUntil(lambda: len(print_jobs(kiosk, row.receipt_code)) == 1)


def test_feedback_with_contact_asks_consent_first(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_feedback(window)
    tap(qtbot, screen.topic.buttons["moi_truong"])
    type_text(screen.description, "Rác tập kết ở đầu hẻm 12 chưa được thu gom hai ngày.")
    tap(qtbot, screen.anonymous.buttons["no"])
    qtbot.waitUntil(screen.contact.isVisible)
    type_text(screen.name.editor, "Huỳnh Văn Phúc")
    type_text(screen.phone.editor, "0935 111 222")
    tap(qtbot, screen.send)  # consent not given yet
    qtbot.waitUntil(lambda: screen.consent_field.error.isVisible())
    assert "đồng ý" in screen.consent_field.error.text()
    kiosk = window.state.require_kiosk()
    assert stored(kiosk, "feedback") == []
    tick(qtbot, screen.consent.boxes["lien_he_ho_tro"])
    tap(qtbot, screen.send)
    wait_saved(qtbot, window)
    row, item = only(kiosk, "feedback")
    payload = item["payload"]
    assert row.anonymous is False
    assert payload["LienHe"] == {"HoTen": "Huỳnh Văn Phúc", "SoDienThoai": "+84935111222"}
    assert payload["DongY"]["MucDich"] == ["lien_he_ho_tro"]
    assert payload["DiaDiem"] is None


def test_errors_next_to_the_fields(window: MainWindow, qtbot: QtBot) -> None:
    screen = open_feedback(window)
    type_text(screen.description, "Hỏng")  # too short to act on
    tap(qtbot, screen.anonymous.buttons["no"])
    tick(qtbot, screen.consent.boxes["lien_he_ho_tro"])
    type_text(screen.phone.editor, "0123")
    tap(qtbot, screen.send)
    qtbot.waitUntil(lambda: screen.text_field.error.isVisible())
    assert screen.topic_field.error.isVisible()  # no field chosen
    assert screen.name.error.isVisible() and screen.phone.error.isVisible()
    assert not screen.place.error.isVisible()
    assert stored(window.state.require_kiosk(), "feedback") == []
    tap(qtbot, screen.anonymous.buttons["yes"])  # changing one's mind hides the contact
    assert not screen.contact.isVisible()
    assert "Hỏng" in texts_in(screen)


def test_the_strip_counts_what_waits_as_it_is_saved(window: MainWindow, qtbot: QtBot) -> None:
    """Offline the relay never drains, so it never tells the count: each save does (the strip
    said "Chờ gửi: 0 mục" while records piled up)."""
    before = window.state.waiting
    for n in (1, 2):
        screen = open_feedback(window)
        tap(qtbot, screen.topic.buttons["ha_tang"])
        type_text(screen.description, TEXT)
        tap(qtbot, screen.send)
        wait_saved(qtbot, window)
        qtbot.waitUntil(lambda n=n: window.state.waiting == before + n)
        assert f"Chờ gửi: {before + n} mục" in window.status_strip.waiting.text()
        window.home()
