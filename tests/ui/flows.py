"""Helpers for the payment / registration / feedback / visit flow tests: taps on the real
widgets, what the save left in the database (record, frozen outbox payload, print job), a
file printer, the provincial simulator and the volunteer login."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.domain.samples import sample_payload
from kiosk.printing import jobs
from kiosk.printing.jobs import JobView
from kiosk.services import records, users
from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator, start_simulator
from kiosk.store import outbox
from kiosk.store.db import read_session
from kiosk.store.models import RECORD_MODELS, OutboxItem, utcnow
from kiosk.sync.engine import set_credentials
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets.saved_panel import SavedPanel

CLIENT_ID = "KIOSK-56-22366-01"
SECRET = "test-secret-8f2c"
PIN = "2468"
LEFT = Qt.MouseButton.LeftButton


def tap(qtbot: QtBot, widget: QWidget) -> None:
    """A finger on ``widget`` once it is on screen (a new step shows on the next loop turn)."""
    qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=5000)
    qtbot.mouseClick(widget, LEFT)


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """A finger on the tick box itself."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(18, box.height() // 2))


def find(root: QWidget, name: str) -> Any:
    found = root.findChild(QWidget, name)
    assert found is not None, name
    return found


def saved_panel(window: MainWindow) -> SavedPanel | None:
    current = window.current
    return current.findChild(SavedPanel) if current is not None else None


def wait_saved(qtbot: QtBot, window: MainWindow) -> SavedPanel:
    qtbot.waitUntil(lambda: saved_panel(window) is not None, timeout=10000)
    panel = saved_panel(window)
    assert panel is not None
    return panel


def stored(kiosk: Kiosk, kind: str) -> list[tuple[Any, dict[str, Any]]]:
    """Every record of ``kind`` with its outbox item as it goes on the wire."""
    model = RECORD_MODELS[kind]
    with read_session(kiosk.engine) as session:
        rows = list(session.execute(select(model)).scalars())
        out = []
        for row in rows:
            item = session.execute(
                select(OutboxItem).where(OutboxItem.id == row.current_item_id)
            ).scalar_one()
            out.append((row, outbox.wire_item(kiosk.cipher, item)))
    return out


def only(kiosk: Kiosk, kind: str) -> tuple[Any, dict[str, Any]]:
    found = stored(kiosk, kind)
    assert len(found) == 1, f"{len(found)} {kind} records"
    return found[0]


def print_jobs(kiosk: Kiosk, receipt_code: str) -> list[JobView]:
    return [job for job in jobs.listing(kiosk) if job.receipt_code == receipt_code]


def use_file_printer(home: Path, target: Path) -> None:
    kiosk = Kiosk.open(home)
    try:
        kiosk.settings.set("printer.uri", f"file:{target}")
        kiosk.settings.set("printer.check_status", False)
        kiosk.settings.set("printer.retries", 0)
    finally:
        kiosk.close()


def connect_to(home: Path, sim: RunningSimulator) -> None:
    kiosk = Kiosk.open(home)
    try:
        kiosk.settings.set("server.url", sim.base_url)
        set_credentials(kiosk, CLIENT_ID, SECRET)
    finally:
        kiosk.close()


@pytest.fixture
def province(tmp_path: Path) -> Iterator[RunningSimulator]:
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        yield sim


def log_in(window: MainWindow, role: str = "volunteer", code: str = "TNV01") -> None:
    kiosk = window.state.require_kiosk()
    users.add_user(kiosk, code, "Trần Thị Bình", role, PIN)
    window.state.set_user(users.login(kiosk, code, PIN))


def saved_dossier(kiosk: Kiosk, procedure: str = "1.004222", **changes: Any) -> records.SavedRecord:
    """A dossier filed earlier at this kiosk (1.004222 carries a 10.000 đ Lệ phí)."""
    rng = random.Random(7)
    while True:
        payload = sample_payload("dossier", rng, utcnow())
        if payload["MaTTHC"] == procedure and payload["HinhThucNhanKetQua"] == 0:
            break
    payload.update(changes)
    return records.save_record(kiosk, "dossier", payload, "TNV01")
