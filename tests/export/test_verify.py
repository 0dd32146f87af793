"""Tampering is found: one audit row changed, inserted or deleted with sqlite3 is reported by
``kiosk audit verify`` at that entry; a modified export fails ``kiosk export verify``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from kiosk.export import export, verify_export
from kiosk.services.context import Kiosk
from kiosk.store.audit import entry_hash
from kiosk.store.models import db_time, utcnow
from tests.conftest import run_cli
from tests.export.conftest import STAFF, BusyDay


def verify_cli() -> tuple[int, dict[str, Any]]:
    done = run_cli("audit", "verify", "--json")
    return done.returncode, json.loads(done.stdout)


def middle_seq(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    assert last > 100
    return last // 2


def test_intact_chain_verifies(busy_home: Path) -> None:
    code, report = verify_cli()
    assert code == 0 and report["ok"] and report["entries"] > 100


def test_changed_row_reported_at_that_entry(busy_home: Path) -> None:
    db = busy_home / "kiosk.db"
    target = middle_seq(db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_log SET actor = 'MALLORY' WHERE seq = ?", (target,))
    code, report = verify_cli()
    assert code == 1
    assert (report["first_bad_seq"], report["problem"]) == (target, "altered")


def _renumber(conn: sqlite3.Connection, from_seq: int, by: int) -> None:
    """Shift ``seq`` of every row from ``from_seq`` on by ``by`` (two steps: it is the key)."""
    conn.execute("UPDATE audit_log SET seq = -(seq + ?) WHERE seq >= ?", (by, from_seq))
    conn.execute("UPDATE audit_log SET seq = -seq WHERE seq < 0")


@pytest.mark.parametrize("forger_knows_the_hash", [False, True])
def test_inserted_row_reported_at_that_entry(busy_home: Path, forger_knows_the_hash: bool) -> None:
    db = busy_home / "kiosk.db"
    target = middle_seq(db)
    with sqlite3.connect(db) as conn:
        prev_at, prev_hash = conn.execute(
            "SELECT at, hash FROM audit_log WHERE seq = ?", (target - 1,)
        ).fetchone()
        _renumber(conn, target, 1)
        detail, when = '{"format": "csv", "rows": 1}', utcnow()
        at = db_time(when) if forger_knows_the_hash else prev_at
        forged = (
            entry_hash(prev_hash, target, when, "CB01", "export.file", "export", None, detail)
            if forger_knows_the_hash
            else "f" * 64
        )
        conn.execute(
            "INSERT INTO audit_log VALUES (?, ?, 'CB01', 'export.file', 'export', NULL, ?, ?, ?)",
            (target, at, detail, prev_hash, forged),
        )
    code, report = verify_cli()
    assert code == 1
    assert (report["first_bad_seq"], report["problem"]) == (target, "inserted")


@pytest.mark.parametrize("renumbered", [False, True])
def test_deleted_row_reported_at_that_entry(busy_home: Path, renumbered: bool) -> None:
    db = busy_home / "kiosk.db"
    target = middle_seq(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq = ?", (target,))
        if renumbered:
            _renumber(conn, target + 1, -1)
    code, report = verify_cli()
    assert code == 1
    assert (report["first_bad_seq"], report["problem"]) == (target, "deleted")


# --- exports ----------------------------------------------------------------------------


@pytest.fixture
def csv_export(busy: Kiosk, busy_day: BusyDay, tmp_path: Path) -> Path:
    path = tmp_path / "usb" / "nhat-ky.csv"
    path.parent.mkdir()
    export(busy, busy_day.first, busy_day.last, "csv", path, STAFF)
    return path


def export_verify(manifest: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    done = run_cli("export", "verify", str(manifest), "--json", *extra)
    return done.returncode, json.loads(done.stdout)


def problems(report: dict[str, Any]) -> list[str]:
    return [p["code"] for p in report["problems"]]


def test_untouched_export_verifies(csv_export: Path) -> None:
    manifest = csv_export.with_name("nhat-ky.csv.manifest.json")
    code, report = export_verify(manifest, "--chain")
    assert code == 0 and report["ok"]
    assert report["checked"] == ["size", "sha256", "rows", "chain"]
    text = run_cli("export", "verify", str(manifest))
    assert text.returncode == 0 and "nguyên vẹn" in text.stdout


def test_one_changed_byte_fails(csv_export: Path) -> None:
    data = bytearray(csv_export.read_bytes())
    at = data.index(b"10.000") if b"10.000" in data else len(data) // 2
    data[at] = ord("9") if data[at] != ord("9") else ord("8")
    csv_export.write_bytes(bytes(data))
    code, report = export_verify(csv_export.with_name("nhat-ky.csv.manifest.json"))
    assert code == 1 and problems(report) == ["hash_differs"]


def test_removed_row_fails(csv_export: Path) -> None:
    lines = csv_export.read_bytes().split(b"\r\n")
    del lines[5]
    csv_export.write_bytes(b"\r\n".join(lines))
    code, report = export_verify(csv_export.with_name("nhat-ky.csv.manifest.json"))
    assert code == 1 and problems(report) == ["size_differs", "hash_differs", "rows_differ"]


def test_modified_xlsx_and_pdf_fail(busy: Kiosk, busy_day: BusyDay, tmp_path: Path) -> None:
    for fmt in ("xlsx", "pdf"):
        path = tmp_path / f"bao-cao.{fmt}"
        export(busy, busy_day.last, None, fmt, path, STAFF)
        assert verify_export(path.with_name(path.name + ".manifest.json")).ok
        with path.open("ab") as handle:
            handle.write(b"\n")
        result = verify_export(path.with_name(path.name + ".manifest.json"))
        assert not result.ok and "hash_differs" in [p.code for p in result.problems]


def test_the_exported_file_itself_verifies_through_its_manifest(
    csv_export: Path, tmp_path: Path
) -> None:
    """Staff point at nhat-ky.csv, the file they know: its manifest beside it is used; a file
    with none is said in words, not as a JSON decoder's complaint about a BOM."""
    code, report = export_verify(csv_export)
    assert code == 0 and report["ok"]
    alone = tmp_path / "alone.csv"
    alone.write_bytes(csv_export.read_bytes())
    code, report = export_verify(alone)
    assert code == 1 and problems(report) == ["not_a_manifest"]
    message = report["problems"][0]["message"]
    assert "không phải tệp kê khai" in message and "BOM" not in message


def test_missing_file_and_bad_manifest(csv_export: Path) -> None:
    manifest = csv_export.with_name("nhat-ky.csv.manifest.json")
    csv_export.rename(csv_export.with_name("other.csv"))
    code, report = export_verify(manifest)
    assert code == 1 and problems(report) == ["file_missing"]
    manifest.write_text('{"manifest_version": 1, "file": "../../etc/passwd"}', encoding="utf-8")
    code, report = export_verify(manifest)
    assert code == 1 and problems(report) == ["manifest_unreadable"]


def test_a_forged_manifest_is_caught_by_the_chain(csv_export: Path) -> None:
    """Whoever edits the file and writes its new digest into the manifest passes the file
    checks, but the kiosk's audit chain recorded the real digest."""
    from kiosk.export.manifest import sha256_file

    csv_export.write_bytes(csv_export.read_bytes().replace(b"TNV01", b"TNV09"))
    manifest = csv_export.with_name("nhat-ky.csv.manifest.json")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["sha256"], data["size_bytes"] = sha256_file(csv_export)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert export_verify(manifest)[0] == 0  # on another PC, the file checks alone pass
    code, report = export_verify(manifest, "--chain")
    assert code == 1 and problems(report) == ["export_entry_differs"]


def test_a_shortened_chain_is_caught_by_the_manifest(csv_export: Path, busy_home: Path) -> None:
    """Deleting the newest audit entries leaves a chain that verifies on its own; the export's
    manifest still names them."""
    manifest = csv_export.with_name("nhat-ky.csv.manifest.json")
    head = json.loads(manifest.read_text(encoding="utf-8"))["audit_head"]["seq"]
    with sqlite3.connect(busy_home / "kiosk.db") as conn:
        conn.execute("DELETE FROM audit_log WHERE seq >= ?", (head,))
    assert verify_cli()[0] == 0
    code, report = export_verify(manifest, "--chain")
    assert code == 1
    assert problems(report) == ["chain_head_differs", "export_entry_differs"]
