"""``kiosk export`` (both spellings), ``kiosk stats`` and their exit codes: 0 ok, 1 failed
verification, 2 usage."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.export.columns import CSV_HEADER
from tests.conftest import run_cli
from tests.export.conftest import STAFF, BusyDay


def test_export_then_verify_by_the_two_spellings(
    busy_home: Path, busy_day: BusyDay, tmp_path: Path
) -> None:
    out = tmp_path / "nhat-ky.csv"
    done = run_cli(
        "export",
        "--date",
        busy_day.first.isoformat(),
        "--to",
        busy_day.last.isoformat(),
        "--format",
        "csv",
        "-o",
        str(out),
        "--by",
        STAFF,
        "--json",
    )
    assert done.returncode == 0, done.stderr
    manifest = json.loads(done.stdout)
    assert manifest["file"] == "nhat-ky.csv" and manifest["exported_by"] == STAFF
    assert manifest["period"] == {
        "from": busy_day.first.isoformat(),
        "to": busy_day.last.isoformat(),
    }
    assert Path(manifest["manifest_path"]).is_file()
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",")[:3] == list(CSV_HEADER[:3]) and len(lines) - 1 == manifest["rows"]
    verified = run_cli("export", "verify", manifest["manifest_path"])
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_usage_errors_exit_2(busy_home: Path, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    out = str(usb / "x.csv")
    for args in (
        ("export", "--format", "csv", "-o", out),  # no --date
        ("export", "--date", "2026-02-30", "--format", "csv", "-o", out),
        ("export", "--date", "11/22/2026", "--format", "csv", "-o", out),  # month first
        ("export", "--date", "2026-11-22", "--format", "docx", "-o", out),
        ("export", "--date", "2026-11-22", "--to", "2026-11-01", "--format", "csv", "-o", out),
        (
            "export",
            "--date",
            "2026-11-22",
            "--format",
            "csv",
            "-o",
            str(usb / "no-such-folder" / "x.csv"),
        ),
        ("export", "--date", "2026-11-22", "--format", "csv", "-o", out, "--by", "bad code!"),
        ("export", "--date", "2026-11-22", "verify", out),
        ("export", "verify", str(usb / "missing.manifest.json")),
        ("stats", "--from", "yesterday"),
        ("export", "--date", "2026-11-22", "--format", "csv", "-o", str(usb / "x.pdf")),
        ("export", "--date", "2062-11-22", "--format", "csv", "-o", out),  # not yet: a typo
    ):
        done = run_cli(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
    assert not list(usb.iterdir())  # nothing written


def test_stats_json_and_text(busy_home: Path, busy_day: BusyDay) -> None:
    first, last = busy_day.first.isoformat(), busy_day.last.isoformat()
    done = run_cli("stats", "--from", first, "--to", last, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["period"] == {"from": first, "to": last}
    assert data["dossiers"]["filed"] == sum(p["filed"] for p in data["dossiers"]["by_procedure"])
    by_method = data["payments"]["by_method"]
    assert data["payments"]["total_vnd"] == sum(m["total_vnd"] for m in by_method.values())
    assert data["payments"]["count"] == sum(m["count"] for m in by_method.values())
    assert data["registrations"]["count"] == sum(data["registrations"]["by_kind"].values())
    assert data["median_save_to_accepted_s"] is not None
    assert data["median_save_to_accepted_s"] >= 0
    text = run_cli("stats", "--from", first, "--to", last)
    assert f"Hồ sơ đã nộp tại điểm hỗ trợ: {data['dossiers']['filed']}" in text.stdout
    assert f"Lượt người dân được hướng dẫn: {data['residents_guided']}" in text.stdout
