"""``kiosk --version``, ``kiosk doctor``, ``kiosk queue`` on a real data home."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from kiosk import __version__
from tests.conftest import run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_doctor_green_then_red_on_corruption(home: Path) -> None:
    ok = run_cli("doctor", "--json")
    report = json.loads(ok.stdout)
    names = {c["name"]: c["status"] for c in report["checks"]}
    assert ok.returncode == 0, ok.stderr
    assert names["database"] == names["schema"] == "green"
    assert {"keyring", "disk", "data_home"} <= set(names)
    db = home / "kiosk.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name='procedures'"
        ).fetchone()[0]
    with db.open("r+b") as handle:  # scribble over a b-tree page of the catalogue
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + b"\xff" * 200)
    bad = run_cli("doctor", "--json")
    assert bad.returncode == 1
    checks = {c["name"]: c for c in json.loads(bad.stdout)["checks"]}
    assert checks["database"]["status"] == "red" and checks["database"]["hint"]


def test_queue_json_counts_and_oldest(home: Path) -> None:
    assert run_cli("demo", "seed", "--visits", "3", "--feedback", "2").returncode == 0
    result = run_cli("queue", "--json")
    view = json.loads(result.stdout)
    assert view["counts"]["pending"] == 5 and view["oldest_pending_age_s"] >= 0
    assert len(view["items"]) == 5 and all(i["receipt_code"] for i in view["items"])


def test_queue_shows_what_waits_before_what_the_province_has(home: Path) -> None:
    """With many items accepted, the few waiting ones are listed first, and a cut list says
    how much it left out; states in Vietnamese first."""
    assert run_cli("demo", "seed", "--visits", "12").returncode == 0
    with sqlite3.connect(home / "kiosk.db") as db:  # the province took the first ten
        db.execute("UPDATE outbox SET state = 'accepted' WHERE seq <= 10")
    listed = json.loads(run_cli("queue", "--json", "--limit", "5").stdout)["items"]
    assert [i["state"] for i in listed] == ["pending"] * 2 + ["accepted"] * 3
    assert [i["seq"] for i in listed][2:] == [10, 9, 8]  # then the latest accepted
    text = run_cli("queue", "--limit", "5").stdout
    assert "Chờ gửi (pending): 2" in text and "Tỉnh đã nhận (accepted): 10" in text
    assert "còn 7 mục nữa" in text


def test_the_touch_app_without_a_screen_says_so_in_vietnamese(home: Path) -> None:
    """Over SSH, ``kiosk`` aborted (exit 134) with Qt's English "could not connect to display"."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert "Không có màn hình" in done.stderr and "kiosk doctor" in done.stderr
