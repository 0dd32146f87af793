"""``kiosk import``: each line saved alone or rejected with its line number and field errors."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

from kiosk.cli import ranges
from kiosk.domain.samples import sample_payload
from tests.conftest import run_cli
from tests.domain.invalid_cases import NOW


def _line(kind: str, seed: int, ref: str | None = None, **changes: object) -> str:
    payload = sample_payload(kind, random.Random(seed), NOW)
    if "dossier_id" in payload:
        payload["dossier_id"] = None
    payload.update(changes)
    body: dict[str, object] = {"kind": kind, "payload": payload}
    if ref:
        body["ref"] = ref
    return json.dumps(body, ensure_ascii=False)


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "backlog.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_mixed_file(home: Path, tmp_path: Path) -> None:
    lines = [
        _line("dossier", 1, ref="PAPER-001"),
        _line("dossier", 2, ref="PAPER-002", MaDoiTuong="056"),  # too short
        "{not json",
        _line("visit", 3),
        _line("payment", 4, SoTien=150000.0),  # a float amount
        json.dumps({"kind": "feedback"}),
    ]
    result = run_cli("import", str(_write(tmp_path, lines)), "--volunteer", "TNV07", "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [a["line"] for a in report["accepted"]] == [1, 4]
    assert all(a["receipt_code"].startswith("NT01-") for a in report["accepted"])
    rejected = {r["line"]: r["errors"] for r in report["rejected"]}
    assert set(rejected) == {2, 3, 5, 6}
    assert rejected[2][0]["field"] == "payload.MaDoiTuong" and rejected[2][0]["message"]
    assert rejected[3][0]["code"] == "invalid_json"
    assert rejected[5][0]["field"] == "payload.SoTien"
    assert {e["field"] for e in rejected[6]} == {"payload"}
    with sqlite3.connect(home / "kiosk.db") as conn:
        assert conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 1
        assert conn.execute("SELECT actor FROM dossiers").fetchone()[0] == "TNV07"


def test_seen_ref_skipped_and_all_saved_exits_zero(home: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, [_line("dossier", 1, ref="P-1"), _line("visit", 2, ref="P-2")])
    first = run_cli("import", str(path), "--json")
    assert first.returncode == 0 and len(json.loads(first.stdout)["accepted"]) == 2
    again = run_cli("import", str(path), "--json")
    report = json.loads(again.stdout)
    assert again.returncode == 0 and report["accepted"] == []
    assert [s["line"] for s in report["skipped"]] == [1, 2]
    with sqlite3.connect(home / "kiosk.db") as conn:
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 2


def test_a_ref_naming_a_person_is_kept_only_as_a_keyed_digest(home: Path, tmp_path: Path) -> None:
    """Volunteers write refs as "form number - applicant": import_refs is kept for as long as
    the kiosk (a ref seen again is skipped after its record's purge too), so never in plain;
    a ref kept plain by an older version is keyed at the next opening and still skipped."""
    ref = "Phiếu 12 - Hoàng Kim Phương 056194734515"
    old = "Phiếu 07 - Trần Hữu Nam 079059415805"
    path = _write(tmp_path, [_line("dossier", 1, ref=ref), _line("visit", 2, ref=old)])
    assert run_cli("import", str(path), "--json").returncode == 0
    with sqlite3.connect(home / "kiosk.db") as conn:  # an older version's row, as it was
        conn.execute(
            "UPDATE import_refs SET ref = ? WHERE record_id IN (SELECT id FROM visits)", (old,)
        )
        conn.execute("DELETE FROM meta WHERE key = 'import_refs.keyed'")  # it knew no such mark
    again = run_cli("import", str(path), "--json")
    report = json.loads(again.stdout)
    assert [s["line"] for s in report["skipped"]] == [1, 2] and report["accepted"] == []
    assert "056194734515" not in again.stdout and "Phương *********515" in again.stdout
    for name in ("kiosk.db", "kiosk.db-wal"):
        raw = (home / name).read_bytes() if (home / name).exists() else b""
        for secret in (ref, "Hoàng Kim Phương", "056194734515", old, "079059415805"):
            assert secret.encode() not in raw, (name, secret)


def test_given_receipt_code_kept_and_fields_filled(home: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, [_line("dossier", 5, MaBienNhanTaiDiem="GIAY-251101-0007")])
    report = json.loads(run_cli("import", str(path), "--json").stdout)
    assert report["accepted"][0]["receipt_code"] == "GIAY-251101-0007"
    dup = json.loads(run_cli("import", str(path), "--json").stdout)
    assert dup["rejected"][0]["errors"][0]["code"] == "duplicate"


def test_unusable_files_exit_two(home: Path, tmp_path: Path) -> None:
    binary = tmp_path / "scan.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    for path in (binary, empty, tmp_path / "missing.jsonl"):
        result = run_cli("import", str(path), "--json")
        assert result.returncode == 2, path
        assert "error" in json.loads(result.stdout)


def _outbox_count(home: Path) -> int:
    with sqlite3.connect(home / "kiosk.db") as conn:
        count: int = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    return count


def _trigger(home: Path, sql: str | None) -> None:
    """A real SQLite failure at a chosen point (``RAISE`` in a trigger), or none."""
    with sqlite3.connect(home / "kiosk.db") as conn:
        conn.execute("DROP TRIGGER IF EXISTS fail_import")
        if sql:
            conn.execute(sql)


def test_a_storage_failure_stops_the_import_and_reports_what_was_saved(
    home: Path, tmp_path: Path
) -> None:
    """The second group's transaction is lost (RAISE(ROLLBACK) at the 101st record): lines
    1-64 are reported saved, 65-150 not saved; a second run after the fault saves each line
    once — the volunteer is never left guessing which lines went in."""
    lines = [_line("visit", n, ref=f"VISIT-{n:03d}") for n in range(1, 151)]
    lines.insert(140, "")  # blank lines are not lines to save
    path = _write(tmp_path, lines)
    _trigger(
        home,
        "CREATE TRIGGER fail_import BEFORE INSERT ON outbox "
        "WHEN (SELECT count(*) FROM outbox) >= 100 "
        "BEGIN SELECT RAISE(ROLLBACK, 'test: storage failure'); END",
    )
    result = run_cli("import", str(path), "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [a["line"] for a in report["accepted"]] == list(range(1, 65))
    assert report["stopped"] == {"line": 65, "error": "SQLITE_CONSTRAINT_TRIGGER"}
    unsaved = [r["line"] for r in report["rejected"]]
    assert unsaved == [n for n in range(65, 152) if n != 141]
    assert {e["code"] for r in report["rejected"] for e in r["errors"]} == {"not_saved"}
    assert "dòng 65" in report["rejected"][0]["errors"][0]["message"]
    assert _outbox_count(home) == 64

    human = run_cli("import", str(path))  # the same stop, told to a person
    assert human.returncode == 1
    assert human.stdout.startswith("Đã lưu 0, bị từ chối 0, bỏ qua 64")  # refs seen: skipped
    assert "; chưa lưu 86 (not saved)" in human.stdout.splitlines()[0]
    assert "Việc nhập đã dừng ở dòng 65" in human.stderr
    assert "86 dòng chưa lưu: 65–151." in human.stderr  # across the blank line 141
    assert "dòng 66:" not in human.stdout  # not one line each for the lines not reached

    _trigger(home, None)  # the fault is fixed: the whole file again
    again = json.loads(run_cli("import", str(path), "--json").stdout)
    assert [s["line"] for s in again["skipped"]] == list(range(1, 65))
    assert len(again["accepted"]) == 86 and again["stopped"] is None
    assert _outbox_count(home) == 150


def test_a_line_failing_for_the_storage_stops_after_its_group_with_the_others_saved(
    home: Path, tmp_path: Path
) -> None:
    """One line's own insert fails (RAISE(ABORT)): it alone is rolled back, the rest of its
    group is saved and reported, the lines after the group are not attempted — and importing
    again just the lines reported not saved, as the report says, saves each line once."""
    lines = [_line("visit", n) for n in range(1, 151)]
    lines[69] = _line("visit", 70, ThoiLuongGiay=4321)
    _trigger(
        home,
        "CREATE TRIGGER fail_import BEFORE INSERT ON visits WHEN NEW.duration_s = 4321 "
        "BEGIN SELECT RAISE(ABORT, 'test: storage failure'); END",
    )
    result = run_cli("import", str(_write(tmp_path, lines)), "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["stopped"]["line"] == 70
    assert [a["line"] for a in report["accepted"]] == [n for n in range(1, 129) if n != 70]
    assert [r["line"] for r in report["rejected"]] == [70, *range(129, 151)]
    assert _outbox_count(home) == 127

    _trigger(home, None)  # the fault is fixed: only the lines the report says are not saved
    again = [lines[r["line"] - 1] for r in report["rejected"]]
    redo = json.loads(run_cli("import", str(_write(tmp_path, again)), "--json").stdout)
    assert len(redo["accepted"]) == 23 and redo["rejected"] == [] and redo["stopped"] is None
    assert _outbox_count(home) == 150


def test_lines_not_saved_are_told_as_ranges() -> None:
    assert ranges([70, *range(129, 151)]) == "70, 129–150"
    assert ranges([3, 5, 6, 8]) == "3, 5–6, 8" and ranges([]) == ""
    assert ranges([3, 5, 6, 8], bridge={4, 7}) == "3–8"  # blank lines 4 and 7
    assert ranges(list(range(1, 100, 2)), most=3) == "1, 3, 5, … (+47, --json)"


def test_line_numbers_count_only_newlines(home: Path, tmp_path: Path) -> None:
    """A text with a line or paragraph separator (U+2028/U+2029, valid inside a JSON string)
    does not shift the line numbers: they are the editor's, the report names them."""
    lines = [
        _line("feedback", 1, NoiDung="Đường ngập\u2028sau mưa\u2029cần khơi thông"),
        _line("visit", 2),
        _line("payment", 3, SoTien=-5),
    ]
    path = _write(tmp_path, lines)  # json.dumps leaves U+2028/U+2029 as they are
    assert "\u2028" in path.read_text(encoding="utf-8")
    report = json.loads(run_cli("import", str(path), "--json").stdout)
    assert [a["line"] for a in report["accepted"]][-1] == 2
    assert [r["line"] for r in report["rejected"]][-1] == 3


def test_lines_that_cannot_be_read_or_carry_a_bad_ref_are_rejected_alone(
    home: Path, tmp_path: Path
) -> None:
    """Each such line is rejected with its number; the good lines around them are saved and
    the import does not stop (a lone surrogate in a ref is the line's fault, not the disk's)."""
    huge = '{"kind": "visit", "payload": {"ThoiLuongGiay": ' + "9" * 5000 + "}}"
    deep = '{"kind": "visit", "payload": ' + "[" * 100_000 + "]" * 100_000 + "}"
    bad_refs = ["ref\\u0000nul", "ref\\u202eRTL", "   ", "x\\ud800", "\\u3164"]
    lines = [_line("visit", 1), huge, deep, _line("visit", 2)]
    for n, ref in enumerate(bad_refs):
        body = json.loads(_line("visit", 10 + n))
        lines.append(json.dumps(body)[:-1] + f', "ref": "{ref}"}}')
    lines.append(_line("visit", 3, ref="GIAY-01/2026 (bản sao)"))
    result = run_cli("import", str(_write(tmp_path, lines)), "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["stopped"] is None
    assert [a["line"] for a in report["accepted"]] == [1, 4, 10]
    rejected = {r["line"]: r["errors"][0] for r in report["rejected"]}
    assert rejected[2]["code"] == rejected[3]["code"] == "too_complex"
    assert {n: rejected[n]["field"] for n in range(5, 10)} == dict.fromkeys(range(5, 10), "ref")
    assert _outbox_count(home) == 3


def test_volunteer_must_be_a_code_and_a_directory_is_not_a_file(home: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, [_line("dossier", 1)])
    for volunteer in ("Nguyễn Văn Tình\x07", "", "bad code!"):
        result = run_cli("import", str(path), "--volunteer", volunteer, "--json")
        assert result.returncode == 2, volunteer
        assert "Mã tình nguyện viên không hợp lệ" in json.loads(result.stdout)["error"]
    folder = run_cli("import", str(tmp_path), "--json")
    assert folder.returncode == 2
    assert "thư mục" in json.loads(folder.stdout)["error"]
    assert not (home / "kiosk.db").exists() or _outbox_count(home) == 0


def test_a_large_report_is_written_whole_and_keeps_one_dict_an_error(
    home: Path, tmp_path: Path
) -> None:
    """3,000 refused lines: the JSON report (written 64 K characters at a time, never one
    string in memory) parses whole and lists every line; the same error on many lines is one
    dict in the importer's report (a 50 MB file of refused lines peaked at 7.6 GB before)."""
    from kiosk.services.context import Kiosk
    from kiosk.services.importer import import_file

    bad = [_line("dossier", n, MaDoiTuong="056", SoDienThoai="0123") for n in range(1500)]
    lines = bad + ["{not json"] * 1500
    path = _write(tmp_path, lines)
    result = run_cli("import", str(path), "--volunteer", "TNV07", "--json")
    assert result.returncode == 1, result.stderr
    assert len(result.stdout) > 1 << 20  # many chunks
    report = json.loads(result.stdout)
    assert [r["line"] for r in report["rejected"]] == list(range(1, 3001))
    assert report["rejected"][1500]["errors"][0]["code"] == "invalid_json"
    assert {e["field"] for e in report["rejected"][0]["errors"]} == {
        "payload.MaDoiTuong", "payload.SoDienThoai"}  # fmt: skip

    kiosk = Kiosk.open(home)
    try:
        again = import_file(kiosk, path, "TNV07")
    finally:
        kiosk.close()
    errors = [error for rejected in again.rejected for error in rejected["errors"]]
    assert len(errors) == 2 * 1500 + 1500
    assert len({id(error) for error in errors}) == 3  # ID, phone, invalid JSON: one dict each
