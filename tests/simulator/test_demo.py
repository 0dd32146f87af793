"""Demo mode, sped up: the demo client, dossiers moving 1 → 2 → 4 → 9, notices."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.simulator import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RunningSimulator, start_simulator
from kiosk.simulator.demo import due_date
from tests.simulator.helpers import Client, item, wait_until

SPEED = 200.0  # the four-minute script takes 1.2 s


@pytest.fixture
def demo(state_dir: Path) -> Iterator[RunningSimulator]:
    with start_simulator(state_dir, demo=True, demo_speed=SPEED) as running:
        yield running


@pytest.fixture
def kiosk(demo: RunningSimulator) -> Iterator[Client]:
    client = Client(demo.base_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    yield client
    client.close()


def test_demo_client_and_the_notice_script(kiosk: Client) -> None:
    def finished() -> list[dict[str, object]] | None:
        feed = kiosk.all_changes()
        return feed if any(c["type"] == "notice_withdrawn" for c in feed) else None

    feed = wait_until(finished)
    types = [c["type"] for c in feed]
    assert types == ["notice", "notice", "survey_invitation", "notice", "notice_withdrawn"]
    notices = [c["data"] for c in feed if c["type"] == "notice"]
    assert [n["level"] for n in notices] == ["info", "warning", "emergency"]
    storm = notices[2]
    assert storm["title"].startswith("Cảnh báo bão số")
    assert "Khánh Hòa" in storm["body"]
    assert all(n["MaXa"] == ["22366"] for n in notices)
    assert all(re.fullmatch(r"TB-\d{4}-\d{4}", n["notice_id"]) for n in notices)
    for notice in notices:
        assert datetime.fromisoformat(notice["valid_until"]) > datetime.fromisoformat(
            notice["valid_from"]
        )
    assert feed[-1]["data"] == {"notice_id": notices[1]["notice_id"]}  # the warning


def test_demo_moves_dossiers_along(kiosk: Client) -> None:
    dossier = item("dossier")
    assert kiosk.results(dossier)[0]["status"] == "accepted"
    kiosk.results(item("visit"))  # not a dossier: never moves

    def statuses() -> list[dict[str, object]] | None:
        found = [c["data"] for c in kiosk.all_changes() if c["type"] == "dossier_status"]
        return found if len(found) == 4 else None

    moves = wait_until(statuses)
    assert [m["TrangThaiHoSo"] for m in moves] == [1, 2, 4, 9]
    assert {m["id"] for m in moves} == {dossier["id"]}
    codes = {m["MaHoSo"] for m in moves}
    assert len(codes) == 1
    assert re.fullmatch(r"000\.00\.12\.H32-\d{6}-\d{4}", codes.pop())  # type: ignore[arg-type]
    assert "NgayHenTra" not in moves[0]
    assert re.fullmatch(r"\d{8}170000", str(moves[1]["NgayHenTra"]))
    assert all(isinstance(m["GhiChu"], str) and m["GhiChu"] for m in moves)


def test_demo_resumes_after_restart_without_repeating(state_dir: Path) -> None:
    with start_simulator(state_dir, demo=True, demo_speed=SPEED) as running:
        kiosk = Client(running.base_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
        wait_until(lambda: len(kiosk.all_changes()) == 5)
    with start_simulator(state_dir, demo=True, demo_speed=SPEED) as running:
        kiosk = Client(running.base_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
        import time

        time.sleep(0.3)
        assert len(kiosk.all_changes()) == 5


def test_due_date_skips_weekends() -> None:
    from kiosk.simulator.clock import VN

    friday = datetime(2026, 11, 20, 10, 0, tzinfo=VN)
    assert due_date(friday) == "20261125170000"  # Mon, Tue, Wed


def test_demo_from_the_command_line(tmp_path: Path) -> None:
    from kiosk.simulator import SimulatorProcess

    with SimulatorProcess(tmp_path / "p", demo=True, demo_speed=SPEED) as child:
        kiosk = Client(child.base_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
        feed = wait_until(lambda: [c for c in kiosk.all_changes() if c["type"] == "notice"])
        assert feed[0]["data"]["level"] == "info"
