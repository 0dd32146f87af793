""" "Data about me" on a real data home: a technician finds a seeded resident's records by
CCCD (masked), shows them in full (audited), and deletes them — refused first for records the
province has not accepted, deleted only after a second confirmation — then nothing is found
and nothing of the person is left in the database."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.services import subject, users
from kiosk.services.context import Kiosk
from kiosk.store.db import read_session
from kiosk.store.models import AuditEntry
from kiosk.ui.main_window import MainWindow
from tests.maintenance.conftest import (
    RARE_NAMES,
    Person,
    accept,
    days_ago,
    found_in,
    make_person,
    opened_database,
    save_person,
)
from tests.ui.conftest import texts_in, type_text
from tests.ui.flows import LEFT, PIN, tap


def answer(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.waitUntil(lambda: window.dialogs.showing)
    (found,) = [
        b
        for b in window.dialogs.overlay.findChildren(QPushButton)
        if b.text() == text and b.isVisible()
    ]
    tap(qtbot, found)


def audited(kiosk: Kiosk, action: str) -> list[dict[str, Any]]:
    with read_session(kiosk.engine) as session:
        rows = session.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars()
        return [json.loads(r.detail or "{}") for r in rows]


@pytest.fixture
def people(window: MainWindow, tmp_path: Path) -> tuple[Person, Person]:
    kiosk = window.state.require_kiosk()
    rng = random.Random(91)
    asked = save_person(kiosk, rng, make_person(rng, RARE_NAMES[0]), tmp_path / "papers")
    other = save_person(kiosk, rng, make_person(rng, RARE_NAMES[1]), tmp_path / "papers")
    users.add_user(kiosk, "KTV01", "Lê Văn Kỹ", "technician", PIN)
    window.state.set_user(users.login(kiosk, "KTV01", PIN))
    return asked, other


def search(window: MainWindow, qtbot: QtBot, number: str) -> Any:
    if window.current is None or window.current.route != "subject":
        window.go("subject")
    screen = window.current
    screen.cccd.editor.clear()
    type_text(screen.cccd.editor, number)
    qtbot.mouseClick(screen.search_button, LEFT)
    qtbot.waitUntil(lambda: screen.summary.isVisible() and screen.search_button.isEnabled())
    return screen


def test_find_view_and_delete_after_a_second_confirmation(
    window: MainWindow, qtbot: QtBot, people: tuple[Person, Person]
) -> None:
    kiosk = window.state.require_kiosk()
    asked, other = people
    screen = search(window, qtbot, asked.cccd)
    mine = asked.record_ids()
    assert screen.summary.text() == f"Tìm thấy {len(mine)} mục của người này trên máy."
    assert {r.record_id for r in screen.records} == mine
    listed = "\n".join(row.text() for row in screen.list.rows)
    assert asked.cccd[:3] + "*****" + asked.cccd[-4:] in listed  # masked
    assert asked.cccd not in listed and asked.name not in listed
    assert "TỈNH CHƯA NHẬN" in listed and other.name not in "\n".join(texts_in(screen))
    assert audited(kiosk, "subject.find") == [{"records": len(mine)}]

    qtbot.mouseClick(screen.view_button, LEFT)
    answer(qtbot, window, "Hiện đầy đủ")
    qtbot.waitUntil(lambda: screen.full.isVisible())
    full = "\n".join(texts_in(screen.full))
    assert asked.name in full and asked.cccd in full
    assert audited(kiosk, "subject.view") == [{"records": len(mine)}]

    qtbot.mouseClick(screen.purge_button, LEFT)
    answer(qtbot, window, "Xóa")
    qtbot.waitUntil(lambda: screen.refusal.isVisible())
    assert "Chưa xóa gì" in screen.refusal_text.text()
    assert screen.force_button.text() == f"Người dân đồng ý: hủy gửi {len(mine)} mục và xóa"
    assert audited(kiosk, "subject.purge") == []  # the service refused: nothing deleted
    assert len(subject.find(kiosk, asked.cccd, "test")) == len(mine)

    qtbot.mouseClick(screen.force_button, LEFT)
    qtbot.waitUntil(lambda: window.dialogs.showing)
    assert "Lần xác nhận thứ hai" in window.dialogs.message.text()
    answer(qtbot, window, "Hủy gửi và xóa")
    qtbot.waitUntil(lambda: "Đã xóa dữ liệu cá nhân" in screen.message.text(), timeout=20000)
    qtbot.waitUntil(lambda: screen.summary.text().startswith("Không có dữ liệu nào"))
    assert screen.records == [] and not screen.purge_button.isVisible()
    (purged,) = audited(kiosk, "subject.purge")
    assert purged["forced"] is True and purged["records"] == len(mine)
    assert subject.find(kiosk, asked.cccd, "test") == []
    blob = opened_database(kiosk.layout.database, kiosk.cipher)
    assert found_in(asked.values(), blob) == []
    assert found_in({other.name, other.cccd}, blob) == [other.cccd, other.name]  # untouched
    assert len(subject.find(kiosk, other.cccd, "test")) == len(other.record_ids())


def test_accepted_records_are_deleted_without_a_second_question(
    window: MainWindow, qtbot: QtBot, people: tuple[Person, Person]
) -> None:
    kiosk = window.state.require_kiosk()
    asked, _other = people
    accept(kiosk, asked.record_ids(), days_ago(1))
    screen = search(window, qtbot, asked.cccd)
    assert "TỈNH CHƯA NHẬN" not in "\n".join(r.text() for r in screen.list.rows)
    qtbot.mouseClick(screen.purge_button, LEFT)
    answer(qtbot, window, "Xóa")
    qtbot.waitUntil(lambda: screen.summary.text().startswith("Không có dữ liệu nào"), timeout=20000)
    assert not screen.refusal.isVisible()
    (purged,) = audited(kiosk, "subject.purge")
    assert purged["forced"] is False and purged["withdrawn"] == 0
    assert subject.find(kiosk, asked.cccd, "test") == []


def test_a_mistyped_number_is_said_next_to_the_field(
    window: MainWindow, qtbot: QtBot, people: tuple[Person, Person]
) -> None:
    window.go("subject")
    screen = window.current
    type_text(screen.cccd.editor, "05609")
    qtbot.mouseClick(screen.search_button, LEFT)
    qtbot.waitUntil(lambda: screen.cccd.error.isVisible())
    assert screen.cccd.error.text() == "Số định danh cá nhân phải gồm đúng 12 chữ số."
    assert not screen.summary.isVisible() and screen.records == []
